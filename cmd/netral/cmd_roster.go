package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/roster"
)

func init() {
	register(command{name: "import employees", summary: "import the employee roster from CSV or XLSX", run: runImportEmployees})
	register(command{name: "export employees", summary: "export the employee roster as CSV or XLSX", run: runExportEmployees})
}

func runImportEmployees(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "import employees", "FILE [--dry-run] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	dry := fs.Bool("dry-run", false, "check the file and report what would change, without saving")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "netral import employees: give exactly one FILE (CSV or XLSX)")
		return exitUsage
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral import employees: %v\n", err)
		return exitUsage
	}
	defer f.Close()
	res, err := roster.Read(f, path, roster.Options{Now: time.Now()})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral import employees: %s: %v\n", path, err)
		return exitInput
	}
	d, i, code := openInstansi(ctx, e, "netral import employees", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	rep, err := (&registry.Store{DB: d}).ImportRoster(ctx, audit.System("cli:import"), i.ID, res, *dry)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral import employees: %v\n", err)
		return exitInput
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.stderr, "%s: warning: %s\n", path, w.String())
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stderr, "%s: %s\n", path, p.String())
		}
		fmt.Fprintf(e.stderr, "%s: %d problem(s); nothing was imported\n", path, len(rep.Problems))
		return exitInput
	}
	verb := "imported"
	if *dry {
		verb = "dry run, nothing saved"
	}
	fmt.Fprintf(e.stdout, "%s: %d added, %d updated, %d unchanged (%s)\n", path, rep.Added, rep.Updated, rep.Unchanged, verb)
	return exitOK
}

func runExportEmployees(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "export employees", "--format csv|xlsx [--output FILE] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	format := fs.String("format", "csv", "csv or xlsx")
	output := fs.String("output", "", "file to write (default standard output)")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *format != "csv" && *format != "xlsx" {
		fmt.Fprintf(e.stderr, "netral export employees: --format must be csv or xlsx, not %q\n", *format)
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, "netral export employees", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	rows, err := (&registry.Store{DB: d}).ExportRows(ctx, i.ID, nil)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral export employees: %v\n", err)
		return exitInput
	}
	w := e.stdout
	var f *os.File
	if *output != "" && *output != "-" {
		if f, err = os.Create(*output); err != nil {
			fmt.Fprintf(e.stderr, "netral export employees: %v\n", err)
			return exitUsage
		}
		w = f
	}
	if err := roster.Write(w, *format, rows); err != nil {
		fmt.Fprintf(e.stderr, "netral export employees: %v\n", err)
		return exitInput
	}
	if f != nil {
		if err := f.Close(); err != nil {
			fmt.Fprintf(e.stderr, "netral export employees: %v\n", err)
			return exitInput
		}
		fmt.Fprintf(e.stderr, "%d employees written to %s\n", len(rows), *output)
	}
	return exitOK
}
