package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/workcal"
)

func init() {
	register(command{name: "cases list", summary: "list cases (perkara) with their state, handler and due date; --overdue for the overdue list", run: runCasesList})
	register(command{name: "cases show", summary: "show one case: steps, due dates, sources, decision", run: runCasesShow})
}

// caseLine is a case in `cases list --json` (one JSON object a line).
type caseLine struct {
	Number   string  `json:"number"`
	Title    string  `json:"title"`
	Status   string  `json:"status"`
	Accused  string  `json:"accused"`
	NIP      string  `json:"nip"`
	Assignee string  `json:"assignee"`
	DueAt    *string `json:"due_at"`
	Overdue  bool    `json:"overdue"`
	Outcome  string  `json:"outcome"`
}

func runCasesList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "cases list", "[--status open|ended|all|STATE] [--overdue] [--json] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	status := fs.String("status", "open", "open, ended, all, or one state ("+strings.Join(caseStateNames(), ", ")+")")
	overdue := fs.Bool("overdue", false, "only open cases past the due date of their step")
	asJSON := fs.Bool("json", false, "one JSON object a line instead of a table")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	f := cases.Filter{Overdue: *overdue, Limit: 1000}
	switch *status {
	case "open":
		f.Statuses = cases.OpenStatuses()
	case "all":
	case "ended":
		for _, st := range cases.Statuses {
			if st.Ended() {
				f.Statuses = append(f.Statuses, st)
			}
		}
	default:
		if !cases.Status(*status).Valid() {
			fmt.Fprintf(e.stderr, "netral cases list: --status %q: want open, ended, all or one of %s\n", *status, strings.Join(caseStateNames(), ", "))
			return exitUsage
		}
		f.Statuses = []cases.Status{cases.Status(*status)}
	}
	d, i, code := openInstansi(ctx, e, "netral cases list", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	f.InstansiID = i.ID
	loc := workcal.ZoneForRegion(i.Code) // times in the instansi's zone, labelled
	svc := &cases.Service{DB: d}
	now := time.Now()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "NUMBER\tSTATE\tACCUSED\tHANDLER\tDUE\tTITLE")
	}
	enc := json.NewEncoder(e.stdout)
	total := 0
	for {
		page, err := svc.List(ctx, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral cases list: %v\n", err)
			return exitInput
		}
		total = page.Total
		for _, c := range page.Items {
			if *asJSON {
				l := caseLine{Number: c.Number, Title: c.Title, Status: string(c.Status), Accused: c.Accused.Name, NIP: c.Accused.NIP,
					Assignee: c.AssigneeName, Overdue: c.Overdue(now), Outcome: c.Outcome}
				if !c.DueAt.IsZero() {
					s := c.DueAt.UTC().Format(time.RFC3339)
					l.DueAt = &s
				}
				if err := enc.Encode(l); err != nil {
					return exitInput
				}
				continue
			}
			due := "-"
			if !c.DueAt.IsZero() {
				due = c.DueAt.In(loc).Format(caseTimeLayout)
				if c.Overdue(now) {
					due += " OVERDUE"
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Number, c.Status, caseDash(c.Accused.Name), caseDash(c.AssigneeName), due, c.Title)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	if !*asJSON {
		tw.Flush()
		fmt.Fprintf(e.stdout, "%d cases\n", total)
	}
	return exitOK
}

// caseTimeLayout shows a time with its zone's label ("2026-11-26 23:59 WIB").
const caseTimeLayout = "2006-01-02 15:04 MST"

func runCasesShow(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "cases show", "NUMBER [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, "netral cases show", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	c, err := cases.GetByNumber(ctx, d, i.ID, fs.Arg(0))
	if errors.Is(err, cases.ErrNotFound) {
		fmt.Fprintf(e.stderr, "netral cases show: no case %q in %s\n", fs.Arg(0), i.Code)
		return exitInput
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "netral cases show: %v\n", err)
		return exitInput
	}
	loc := workcal.ZoneForRegion(i.Code) // times in the instansi's zone, labelled
	w := e.stdout
	fmt.Fprintf(w, "%s  %s\nstate:    %s", c.Number, c.Title, c.Status)
	if c.Outcome != "" {
		fmt.Fprintf(w, " (%s)", c.Outcome)
	}
	fmt.Fprintf(w, "\naccused:  %s %s — %s, %s (%s)\n", caseDash(c.Accused.Name), c.Accused.NIP, caseDash(c.Accused.Position), caseDash(c.Accused.Unit), caseDash(c.Accused.Basis))
	if !c.ActDate.IsZero() {
		fmt.Fprintf(w, "act:      %s %s\n", clock.FormatDate(c.ActDate), c.ActKind)
	}
	if sug, ok := (&cases.Service{DB: d}).Suggest(c); ok {
		fmt.Fprintf(w, "suggests: %s (%s), sanctions %s [%s]\n", sug.Code, sug.Phase, strings.Join(sug.Sanctions, ", "), sug.Version)
	}
	if c.ViolationCode != "" {
		fmt.Fprintf(w, "finding:  %s\n", c.ViolationCode)
	}
	if c.Referral.Target != "" {
		fmt.Fprintf(w, "referred: %s %s %s\n", c.Referral.Target, c.Referral.Number, c.Referral.At.In(loc).Format("2006-01-02"))
	}
	if c.Rec.Outcome != "" {
		fmt.Fprintf(w, "recommendation: %s %s %s\n", c.Rec.Outcome, c.Rec.Sanction, c.Rec.Number)
	}
	if c.Decision.Sanction != "" {
		fmt.Fprintf(w, "decision: %s, %s — %s\n", c.Decision.Sanction, caseDash(c.Decision.Number), c.Decision.Basis)
	}
	steps, err := cases.Steps(ctx, d, c.ID)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral cases show: %v\n", err)
		return exitInput
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nSTEP\tSTARTED\tDUE\tENDED\tHANDLER")
	now := time.Now()
	for _, s := range steps {
		due, ended := "-", "-"
		if !s.DueAt.IsZero() {
			due = s.DueAt.In(loc).Format(caseTimeLayout)
			if s.Overdue(now) {
				due += " OVERDUE"
			}
		}
		if !s.EndedAt.IsZero() {
			ended = s.EndedAt.In(loc).Format(caseTimeLayout) + " " + s.EndedAction
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Status, s.StartedAt.In(loc).Format(caseTimeLayout), due, ended, caseDash(s.AssigneeName))
	}
	tw.Flush()
	srcs, err := cases.Sources(ctx, d, c.ID)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral cases show: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(w, "\n%d sources\n", len(srcs))
	for _, s := range srcs {
		ref := ""
		switch {
		case s.ReviewItemID != 0:
			ref = fmt.Sprintf(" review item %d", s.ReviewItemID)
		case s.ReportID != 0:
			ref = fmt.Sprintf(" report %d", s.ReportID)
		}
		fmt.Fprintf(w, "- %s%s %s\n", s.Kind, ref, strings.Join(s.Links, " "))
	}
	return exitOK
}

func caseStateNames() []string {
	var out []string
	for _, s := range cases.Statuses {
		out = append(out, string(s))
	}
	return out
}

func caseDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
