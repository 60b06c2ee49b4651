package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/netral-asn/netral/internal/docs"
)

func init() {
	register(command{name: "docs sample", summary: "render a sample document (invitation, minutes, referral, summary) as PDF", run: runDocsSample})
}

// runDocsSample renders one kind of document with demonstration data: under
// the demo letterhead, or under the letterhead an instansi configured
// (--instansi, read from --db).
func runDocsSample(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "docs sample", "--kind "+strings.Join(docs.Kinds, "|")+" --output FILE|- [--instansi CODE [--db PATH|URL]]")
	kind := fs.String("kind", "", "kind of document: "+strings.Join(docs.Kinds, ", "))
	output := fs.String("output", "", "PDF file to write, or - for standard output")
	inst := fs.String("instansi", "", "use the letterhead of this instansi (region code) from the database instead of the demo letterhead")
	dsn := dbFlag(e, fs)
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral docs sample: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if !slices.Contains(docs.Kinds, *kind) {
		fmt.Fprintf(e.stderr, "netral docs sample: --kind must be one of %s, not %q\n", strings.Join(docs.Kinds, ", "), *kind)
		return exitUsage
	}
	if *output == "" {
		fmt.Fprintln(e.stderr, "netral docs sample: --output FILE is required (- for standard output)")
		return exitUsage
	}
	lh := docs.SampleLetterhead()
	if *inst != "" {
		d, i, code := openInstansi(ctx, e, "netral docs sample", *dsn, *inst)
		if d == nil {
			return code
		}
		var err error
		lh, err = docs.LoadLetterhead(ctx, d, i)
		d.Close()
		if err != nil {
			fmt.Fprintf(e.stderr, "netral docs sample: %v\n", err)
			return exitUsage
		}
	}
	var buf bytes.Buffer
	if err := docs.Sample(&buf, lh, *kind); err != nil {
		fmt.Fprintf(e.stderr, "netral docs sample: %v\n", err)
		return exitInput
	}
	if *output == "-" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(e.stderr, "netral docs sample: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if err := os.WriteFile(*output, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "netral docs sample: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "%s: %s (%d bytes)\n", *kind, *output, buf.Len())
	return exitOK
}
