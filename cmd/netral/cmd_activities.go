package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/monitor"
)

func init() {
	register(command{name: "import activities", summary: "import activity records (JSON Lines, JSON array or CSV): attribute, screen, store", run: runImportActivities})
}

// terminal returns w as a file when it is an interactive terminal.
func terminal(w io.Writer) (*os.File, bool) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, false
	}
	return f, true
}

func runImportActivities(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "import activities", "FILE|- [--format auto|jsonl|json|csv] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	format := fs.String("format", "auto", "auto (by extension; JSON array or JSON Lines by content), jsonl, json or csv")
	workers := fs.Int("workers", 0, "goroutines that parse and screen (0: one per CPU)")
	batch := fs.Int("batch", 0, "records per database transaction (0: 10000)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "netral import activities: give exactly one FILE (JSON Lines, JSON array or CSV; - for standard input)")
		return exitUsage
	}
	path := fs.Arg(0)
	f := monitor.Format(strings.ToLower(*format))
	switch f {
	case "auto":
		f = monitor.FormatAuto
		if strings.EqualFold(filepath.Ext(path), ".csv") {
			f = monitor.FormatCSV
		}
	case monitor.FormatJSONL, monitor.FormatJSON, monitor.FormatCSV:
	default:
		fmt.Fprintf(e.stderr, "netral import activities: --format must be auto, jsonl, json or csv, not %q\n", *format)
		return exitUsage
	}
	var in io.Reader = e.stdin
	var size int64 = -1
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral import activities: %v\n", err)
			return exitUsage
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		in = file
	}
	d, i, code := openInstansi(ctx, e, "netral import activities", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	var bar *progressbar.ProgressBar
	if tty, ok := terminal(e.stderr); ok {
		bar = progressbar.NewOptions64(size, progressbar.OptionSetWriter(tty), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("importing"), progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(), progressbar.OptionSetPredictTime(true), progressbar.OptionFullWidth())
		r := progressbar.NewReader(in, bar)
		in = &r
	}
	// Bulk import allocates a lot of short-lived memory: collect less often.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	rep, err := monitor.Ingest(ctx, d, in, monitor.IngestOptions{
		InstansiID: i.ID, Source: monitor.SourceImport, Format: f, Actor: audit.System("cli:import"),
		Workers: *workers, BatchSize: *batch,
		OnReject: func(r monitor.Rejection) {
			if bar != nil {
				_ = bar.Clear()
			}
			if r.ID != "" {
				fmt.Fprintf(e.stderr, "%s: line %d (id %q): %s\n", path, r.Line, r.ID, r.Error)
			} else {
				fmt.Fprintf(e.stderr, "%s: line %d: %s\n", path, r.Line, r.Error)
			}
		},
	})
	if bar != nil {
		_ = bar.Finish()
	}
	took := time.Since(start)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral import activities: %s: %v (%d stored before the error)\n", path, err, rep.New)
		return exitInput
	}
	rate := float64(rep.Records) / max(took.Seconds(), 1e-9)
	fmt.Fprintf(e.stdout, "%s: %d new, %d duplicate, %d rejected; %d flagged, %d attributed (election version %d, lexicon %s); %d records in %.1fs (%.0f records/s)\n",
		path, rep.New, rep.Duplicates, rep.RejectedCount, rep.Flagged, rep.Attributed, rep.ElectionVersion, rep.Lexicon,
		rep.Records, took.Seconds(), rate)
	if rep.RejectedCount > 0 {
		return exitInput
	}
	return exitOK
}
