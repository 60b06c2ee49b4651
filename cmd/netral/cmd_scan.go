package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/screen"
)

func init() {
	register(command{name: "scan", summary: "screen activity records (JSON Lines) for partisanship", run: runScan})
}

// scanFileList collects the repeatable --election flag of scan and eval.
type scanFileList []string

func (l *scanFileList) String() string     { return strings.Join(*l, ",") }
func (l *scanFileList) Set(v string) error { *l = append(*l, v); return nil }

// screenerFlags adds --election and --region.
func screenerFlags(fs *flag.FlagSet) (*scanFileList, *string) {
	files := new(scanFileList)
	fs.Var(files, "election", "election definition: a JSON file, a file holding an array, or a directory of *.json (repeatable)")
	region := fs.String("region", "", "also load the built-in elections of this Kemendagri region code (32.16, 3216, 32, 00) or all")
	return files, region
}

// buildScreener loads the elections and compiles the screener; on failure
// it prints the problem and returns exitUsage.
func buildScreener(e *env, cmd string, files []string, region string) (*screen.Screener, int) {
	if len(files) == 0 && region == "" {
		fmt.Fprintf(e.stderr, "netral %s: give at least one --election FILE or --region CODE|all\n", cmd)
		return nil, exitUsage
	}
	var base []*election.Election
	if region != "" {
		var err error
		if base, err = election.ForRegion(region); err != nil {
			fmt.Fprintf(e.stderr, "netral %s: --region: %v\n", cmd, err)
			return nil, exitUsage
		}
	}
	var loaded []*election.Election
	if len(files) > 0 {
		var err error
		if loaded, _, err = election.Load(files...); err != nil {
			fmt.Fprintf(e.stderr, "netral %s: %v\n", cmd, err)
			return nil, exitUsage
		}
	}
	all, _ := election.Merge(base, loaded)
	set, warns := election.NewSet(all)
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "netral %s: warning: %s\n", cmd, w)
	}
	s, err := screen.New(set, screen.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral %s: %v\n", cmd, err)
		return nil, exitUsage
	}
	return s, exitOK
}

func runScan(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "scan", "--election FILE [--election FILE ...] [--region CODE|all] [--input FILE|-] [--output FILE|-]")
	files, region := screenerFlags(fs)
	input := fs.String("input", "-", "activity records, JSON Lines (- for standard input)")
	output := fs.String("output", "-", "screening results, JSON Lines (- for standard output)")
	workers := fs.Int("workers", 0, "screening goroutines (0: one per CPU)")
	listTerms := fs.Bool("list-terms", false, "print every name, alias, slogan and hashtag of the loaded elections, one a line, and exit")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral scan: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	s, code := buildScreener(e, "scan", *files, *region)
	if s == nil {
		return code
	}
	if *listTerms {
		for _, t := range s.Terms() {
			fmt.Fprintln(e.stdout, t)
		}
		return exitOK
	}
	in, closeIn, err := openInput(e, *input)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral scan: --input: %v\n", err)
		return exitUsage
	}
	defer closeIn()
	out, closeOut, err := openOutput(e, *output)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral scan: --output: %v\n", err)
		return exitUsage
	}
	stats, err := s.Scan(ctx, in, out, screen.ScanOptions{
		Workers: *workers,
		OnError: func(line int, id string, err error) {
			if id != "" {
				fmt.Fprintf(e.stderr, "netral scan: line %d (id %q): %v\n", line, id, err)
			} else {
				fmt.Fprintf(e.stderr, "netral scan: line %d: %v\n", line, err)
			}
		},
	})
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "netral scan: %v\n", err)
		return exitInput
	}
	if stats.Errors > 0 {
		return exitInput
	}
	return exitOK
}

func openInput(e *env, name string) (io.Reader, func(), error) {
	if name == "" || name == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

func openOutput(e *env, name string) (io.Writer, func() error, error) {
	if name == "" || name == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() error {
		if err := f.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
			return err
		}
		return nil
	}, nil
}
