package main

import (
	"context"
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/tenant"
)

func init() {
	register(command{name: "rescreen", summary: "screen stored activities again with each instansi's active elections (old results are kept)", run: runRescreen})
}

// parseSince reads a --since value: a date (YYYY-MM-DD, midnight UTC) or an RFC 3339 time.
func parseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, fmt.Errorf("--since %q: want a date YYYY-MM-DD or an RFC 3339 time", s)
	}
	return t, nil
}

func runRescreen(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "rescreen", "[--instansi CODE] [--since DATE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "only this instansi (region code); default every instansi")
	sinceFlag := fs.String("since", "", "only activities that happened on or after this date (YYYY-MM-DD) or time (RFC 3339)")
	workers := fs.Int("workers", 0, "screening goroutines (0: one per CPU)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral rescreen: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	var since time.Time
	if *sinceFlag != "" {
		var err error
		if since, err = parseSince(*sinceFlag); err != nil {
			fmt.Fprintf(e.stderr, "netral rescreen: %v\n", err)
			return exitUsage
		}
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	var list []tenant.Instansi
	if *inst != "" {
		i, err := pickInstansi(ctx, d, *inst)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral rescreen: %v\n", err)
			return exitUsage
		}
		list = []tenant.Instansi{i}
	} else {
		var err error
		if list, err = tenant.List(ctx, d); err != nil {
			fmt.Fprintf(e.stderr, "netral rescreen: %v\n", err)
			return exitUsage
		}
	}
	for _, i := range list {
		start := time.Now()
		rep, err := monitor.Rescreen(ctx, d, i.ID, monitor.RescreenOptions{Since: since, Workers: *workers,
			Actor: audit.System("cli:rescreen")})
		if err != nil {
			fmt.Fprintf(e.stderr, "netral rescreen: %s: %v\n", i.Code, err)
			return exitInput
		}
		fmt.Fprintf(e.stdout, "%s: %d screened with election version %d (lexicon %s), %d flagged, %d changed flag, %d skipped (text purged) in %.1fs\n",
			i.Code, rep.Screened, rep.ElectionVersion, rep.Lexicon, rep.Flagged, rep.Changed, rep.Skipped, time.Since(start).Seconds())
	}
	return exitOK
}
