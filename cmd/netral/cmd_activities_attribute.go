package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/monitor"
)

func init() {
	register(command{name: "activities attribute", summary: "attribute the unattributed activity of a handle to an employee (adds the account)", run: runActivitiesAttribute})
	register(command{name: "activities unattributed", summary: "list unattributed activity grouped by platform and handle (tab-separated)", run: runActivitiesUnattributed})
}

func runActivitiesAttribute(ctx context.Context, e *env, args []string) int {
	const name = "netral activities attribute"
	fs := newFlags(e, "activities attribute", "--platform P --handle H --nip NIP [--instansi CODE] [--db PATH|URL]\n\n"+
		"Registers the handle as the employee's account (unless they have it) and attributes every unattributed\n"+
		"activity of that platform and handle to the employee and their OPD, in one audited transaction.\n"+
		"Running it again changes nothing. Exit 1 when refused (unknown NIP or handle, handle of another employee).")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	platform := fs.String("platform", "", "platform of the activity (facebook, instagram, x, tiktok, …)")
	handle := fs.String("handle", "", "author handle as listed by 'netral activities unattributed' (@handle or a profile address also work)")
	nipFlag := fs.String("nip", "", "NIP of the employee (18 digits; spaces allowed)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	for _, req := range []struct{ flag, v string }{{"--platform", *platform}, {"--handle", *handle}, {"--nip", *nipFlag}} {
		if strings.TrimSpace(req.v) == "" {
			fmt.Fprintf(e.stderr, "%s: %s is required\n", name, req.flag)
			fs.Usage()
			return exitUsage
		}
	}
	d, i, code := openInstansi(ctx, e, name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	emp, err := monitor.EmployeeByNIP(ctx, d, i.ID, *nipFlag)
	if err == nil {
		var res monitor.HandleAttribution
		res, err = monitor.AttributeHandle(ctx, d, audit.System("cli:attribute"), i.ID, *platform, *handle, emp.ID)
		if err == nil {
			acct := "account already registered"
			if res.AccountCreated {
				acct = "account added to the employee"
			}
			fmt.Fprintf(e.stdout, "%d activities of %s @%s attributed to %s (NIP %s, OPD %s %s); %s\n", res.Attributed,
				res.Platform, res.Handle, res.Employee.Name, res.Employee.NIP, res.Employee.OPDCode, res.Employee.OPDName, acct)
			return exitOK
		}
	}
	var ae *monitor.AttributeError
	if errors.As(err, &ae) {
		fmt.Fprintf(e.stderr, "%s: --%s: %s\n", name, ae.Field, ae.Msg)
		return exitInput
	}
	fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
	return exitInput
}

// tsvField makes a value safe for one tab-separated field.
func tsvField(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); max > 0 && len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}

func runActivitiesUnattributed(ctx context.Context, e *env, args []string) int {
	const name = "netral activities unattributed"
	fs := newFlags(e, "activities unattributed", "[--platform P] [--handle PART] [--limit N] [--instansi CODE] [--db PATH|URL]\n\n"+
		"Prints a header and one tab-separated line per (platform, handle): platform, handle, count, flagged,\n"+
		"first_seen, last_seen (UTC), sample text. Groups with flagged activity come first, then by count.")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	platform := fs.String("platform", "", "only this platform")
	handle := fs.String("handle", "", "only handles containing this text")
	limit := fs.Int("limit", 0, "at most this many groups (0: all)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	if *limit < 0 {
		fmt.Fprintf(e.stderr, "%s: --limit must not be negative\n", name)
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	f := monitor.UnattributedFilter{InstansiID: i.ID, Platform: *platform, Handle: *handle, Limit: 1000}
	fmt.Fprintln(e.stdout, "platform\thandle\tcount\tflagged\tfirst_seen\tlast_seen\tsample")
	shown, total := 0, 0
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	for {
		p, err := monitor.UnattributedGroups(ctx, d, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
			return exitInput
		}
		total = p.Total
		for _, g := range p.Items {
			if *limit > 0 && shown >= *limit {
				break
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", g.Platform, tsvField(g.Handle, 0), g.Count, g.Flagged,
				ts(g.FirstSeen), ts(g.LastSeen), tsvField(g.Sample, 120))
			shown++
		}
		if p.Next == "" || (*limit > 0 && shown >= *limit) {
			break
		}
		f.Cursor = p.Next
	}
	sum, err := monitor.SummarizeUnattributed(ctx, d, i.ID)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitInput
	}
	fmt.Fprintf(e.stderr, "%d of %d groups shown; %d unattributed activities in all, %d without an author\n",
		shown, total, sum.Records+sum.NoAuthor, sum.NoAuthor)
	return exitOK
}
