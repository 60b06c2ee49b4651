package main

import (
	"context"
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/monitor"
)

func init() {
	register(command{name: "purge", summary: "remove the text of activities never flagged after --days (data minimisation)", run: runPurge})
}

func runPurge(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "purge", "[--days 90] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	days := fs.Int("days", int(monitor.DefaultRetention/(24*time.Hour)), "keep the text of never-flagged activities this many days after ingestion")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral purge: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *days < 0 {
		fmt.Fprintln(e.stderr, "netral purge: --days must not be negative")
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	rep, err := monitor.Purge(ctx, d, time.Duration(*days)*24*time.Hour)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral purge: %v (%d activities, %d captures purged before the error)\n", err,
			rep.Activities, rep.Captures)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "%d activities purged (text of records never flagged, ingested more than %d days ago), %d captures of their URLs purged (body and extracted text; hash and time kept)\n",
		rep.Activities, *days, rep.Captures)
	return exitOK
}
