package main

import (
	"context"
	"fmt"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
)

func init() {
	register(command{name: "elections import", summary: "activate election definitions for an instansi as a new version (then run rescreen)", run: runElectionsImport})
}

func runElectionsImport(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "elections import", "FILE|DIR [--replace] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	replace := fs.Bool("replace", false, "the file's elections become the whole set (default: they replace elections with the same id and add new ones)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "netral elections import: give exactly one FILE or directory of election definitions (contract §1)")
		return exitUsage
	}
	path := fs.Arg(0)
	loaded, warns, err := election.Load(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral elections import: %v\n", err)
		return exitInput
	}
	d, i, code := openInstansi(ctx, e, "netral elections import", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	all := loaded
	if !*replace {
		cur, err := monitor.EnsureElections(ctx, d, i.ID)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral elections import: %v\n", err)
			return exitInput
		}
		base, err := cur.Elections()
		if err != nil {
			fmt.Fprintf(e.stderr, "netral elections import: active version %d: %v\n", cur.Version, err)
			return exitInput
		}
		all, _ = election.Merge(base, loaded)
		// The merged set is checked again: a file's parties may now resolve.
		_, warns = election.NewSet(all)
	}
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "netral elections import: warning: %s\n", w)
	}
	v, changed, err := monitor.ActivateElections(ctx, d, audit.System("cli:elections"), i.ID, all, path)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral elections import: %v\n", err)
		return exitInput
	}
	if !changed {
		fmt.Fprintf(e.stdout, "%s: the definitions equal the active version %d (lexicon %s); nothing changed\n", i.Code, v.Version, v.Lexicon)
		return exitOK
	}
	ids := ""
	for k, el := range all {
		if k > 0 {
			ids += ", "
		}
		ids += el.ID
	}
	fmt.Fprintf(e.stdout, "%s: election version %d active (lexicon %s): %s\nRun 'netral rescreen --instansi %s' to screen stored activities with it.\n",
		i.Code, v.Version, v.Lexicon, ids, i.Code)
	return exitOK
}
