package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/netral-asn/netral/internal/election"
)

func init() {
	register(command{name: "elections list", summary: "list built-in and loaded election definitions", run: runElectionsList})
	register(command{name: "elections show", summary: "show one election: candidates, name forms, parties", run: runElectionsShow})
	register(command{name: "elections export", summary: "write a region's elections as editable JSON (contract §1)", run: runElectionsExport})
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// electionFlags adds --region and --election to fs.
func electionFlags(fs *flag.FlagSet, regionDefault string) (*string, *multiFlag) {
	region := fs.String("region", regionDefault, "Kemendagri region code (32.16, 3216, 32 for a whole province, 00 for Pemilu only) or all")
	return region, fileFlag(fs)
}

// fileFlag adds the repeatable --election flag to fs.
func fileFlag(fs *flag.FlagSet) *multiFlag {
	files := new(multiFlag)
	fs.Var(files, "election", "election definition file or directory to add (repeatable); replaces a built-in election with the same id")
	return files
}

// parseInterleaved parses flags that may come after positional arguments
// ("show ID --json") and returns the positionals.
func parseInterleaved(e *env, fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if code, ok := parseFlags(e, fs, args); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// loadElections returns the built-in elections of region ("" for none)
// plus the given files, files overriding built-ins with the same id.
// Problems are reported on e.stderr; ok is false on an error.
func loadElections(e *env, region string, files []string) ([]*election.Election, bool) {
	var base []*election.Election
	if region != "" {
		var err error
		base, err = election.ForRegion(region)
		if err != nil {
			fmt.Fprintln(e.stderr, "netral:", err)
			return nil, false
		}
	}
	if len(files) == 0 {
		return base, true
	}
	extra, _, err := election.Load(files...)
	if err != nil {
		fmt.Fprintln(e.stderr, "netral:", err)
		return nil, false
	}
	merged, replaced := election.Merge(base, extra)
	for _, id := range replaced {
		fmt.Fprintf(e.stderr, "netral: note: %s from --election replaces the built-in definition\n", id)
	}
	_, warns := election.NewSet(merged)
	for _, w := range warns {
		fmt.Fprintln(e.stderr, "netral: warning:", w)
	}
	return merged, true
}

func runElectionsList(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "elections list", "[--region CODE|all] [--election FILE ...]")
	region, files := electionFlags(fs, "all")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral elections list: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	es, ok := loadElections(e, *region, *files)
	if !ok {
		return exitUsage
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tREGION\tCONTESTANTS\tVOTING DAY\tNAME")
	for _, el := range es {
		reg := ""
		if el.Region != nil {
			reg = el.Region.Code
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", el.ID, el.Type, reg, len(el.Contestants), el.VotingDay, el.Name)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintln(e.stderr, "netral:", err)
		return exitInput
	}
	return exitOK
}

func runElectionsShow(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "elections show", "ID [--json] [--election FILE ...]")
	files := fileFlag(fs)
	asJSON := fs.Bool("json", false, "print the definition as contract-§1 JSON")
	pos, code, ok := parseInterleaved(e, fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	id := pos[0]
	// Look in the files first, then in every built-in election (so that
	// supporting parties resolve against Pemilu 2024).
	es, ok := loadElections(e, "all", *files)
	if !ok {
		return exitUsage
	}
	set, _ := election.NewSet(es)
	el := set.Election(id)
	if el == nil {
		fmt.Fprintf(e.stderr, "netral elections show: no election %q (see 'netral elections list')\n", id)
		return exitInput
	}
	if *asJSON {
		if err := election.Encode(e.stdout, []*election.Election{el}); err != nil {
			fmt.Fprintln(e.stderr, "netral:", err)
			return exitInput
		}
		return exitOK
	}
	printElection(e.stdout, set, el)
	return exitOK
}

func printElection(w io.Writer, set *election.Set, el *election.Election) {
	fmt.Fprintf(w, "%s — %s\n", el.ID, el.Name)
	fmt.Fprintf(w, "  type: %s   source: %s\n", el.Type, el.Source())
	if el.Region != nil {
		fmt.Fprintf(w, "  region: %s %s\n", el.Region.Code, el.Region.Name)
	}
	fmt.Fprintf(w, "  voting day: %s", el.VotingDay)
	if !el.DeterminedOn.IsZero() {
		fmt.Fprintf(w, "   candidates determined: %s", el.DeterminedOn)
	}
	if el.Campaign != nil {
		fmt.Fprintf(w, "   campaign: %s … %s", el.Campaign.Start, el.Campaign.End)
	}
	fmt.Fprintln(w)
	list := func(label string, xs []string) {
		if len(xs) > 0 {
			fmt.Fprintf(w, "      %-12s %s\n", label+":", strings.Join(xs, "; "))
		}
	}
	for _, t := range set.Contestants(el.ID) {
		c := t.Contestant
		fmt.Fprintf(w, "\n  %s  %s\n", t.ID, t.Label())
		list("kind", []string{c.Kind})
		list("aliases", c.Aliases)
		list("weak", c.WeakAliases)
		list("slogans", c.Slogans)
		list("hashtags", c.Hashtags)
		list("gestures", c.Gestures)
		var sup []string
		for _, p := range t.Supporters {
			sup = append(sup, p.ID)
		}
		list("parties", sup)
	}
	if len(el.Parties) > 0 {
		fmt.Fprintln(w, "\n  parties:")
		for _, p := range el.Parties {
			extra := strings.Join(p.Aliases, "; ")
			if len(p.WeakAliases) > 0 {
				extra += " | weak: " + strings.Join(p.WeakAliases, "; ")
			}
			if len(p.Symbols) > 0 {
				extra += " | symbols: " + strings.Join(p.Symbols, "; ")
			}
			fmt.Fprintf(w, "    %2d  %-10s %s (%s)\n", p.BallotNumber, p.ID, p.Name, extra)
		}
	}
}

func runElectionsExport(_ context.Context, e *env, args []string) int {
	fs := newFlags(e, "elections export", "--region CODE|all [--election FILE ...] [--output FILE|-]")
	region, files := electionFlags(fs, "")
	output := fs.String("output", "-", "file to write, - for standard output")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "netral elections export: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *region == "" {
		fmt.Fprintln(e.stderr, "netral elections export: --region is required (a Kemendagri code such as 32.16, or all)")
		return exitUsage
	}
	es, ok := loadElections(e, *region, *files)
	if !ok {
		return exitUsage
	}
	var w io.Writer = e.stdout
	var f *os.File
	if *output != "-" && *output != "" {
		var err error
		f, err = os.Create(*output)
		if err != nil {
			fmt.Fprintln(e.stderr, "netral:", err)
			return exitUsage
		}
		w = f
	}
	err := election.Encode(w, es)
	if f != nil {
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "netral:", err)
		return exitInput
	}
	if f != nil {
		fmt.Fprintf(e.stderr, "netral: wrote %d election(s) to %s\n", len(es), *output)
	}
	return exitOK
}
