package main

import (
	"context"
	"fmt"

	"github.com/netral-asn/netral/internal/screen"
)

func init() {
	register(command{name: "eval", summary: "screen labelled records and report precision, recall, F1", run: runEval})
}

func runEval(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "eval", "--election FILE [--election FILE ...] [--region CODE|all] --labels FILE")
	files, region := screenerFlags(fs)
	labels := fs.String("labels", "", "labelled activity records, JSON Lines (contract §4; - for standard input)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral eval: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *labels == "" {
		fmt.Fprintln(e.stderr, "netral eval: --labels FILE is required")
		return exitUsage
	}
	s, code := buildScreener(e, "eval", *files, *region)
	if s == nil {
		return code
	}
	in, closeIn, err := openInput(e, *labels)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral eval: --labels: %v\n", err)
		return exitUsage
	}
	defer closeIn()
	rep, err := s.Evaluate(ctx, in, func(line int, id string, err error) {
		fmt.Fprintf(e.stderr, "netral eval: line %d: %v\n", line, err)
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral eval: %v\n", err)
		return exitInput
	}
	screen.WriteReport(e.stdout, rep)
	if rep.Errors > 0 {
		return exitInput
	}
	return exitOK
}
