package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/workcal"
)

func init() {
	register(command{name: "calendar list", summary: "list a year's holidays and cuti bersama of the working-day calendar", run: runCalendarList})
	register(command{name: "calendar add", summary: "add a non-working day to the instansi's calendar", run: runCalendarAdd})
	register(command{name: "calendar remove", summary: "make a listed holiday a working day for the instansi", run: runCalendarRemove})
	register(command{name: "calendar restore", summary: "restore a national holiday the instansi removed", run: runCalendarRestore})
}

func runCalendarList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "calendar list", "[--year YYYY] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	year := fs.Int("year", time.Now().In(workcal.WIB).Year(), "calendar year")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *year < 1900 || *year > 9999 {
		fmt.Fprintf(e.stderr, "netral calendar list: --year %d is not a year\n", *year)
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, "netral calendar list", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	cal, err := workcal.Load(ctx, d, i.ID)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral calendar list: %v\n", err)
		return exitInput
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tDAY\tKIND\tORIGIN\tNAME")
	for _, day := range cal.Days(*year) {
		name := day.Name
		if day.Provisional {
			name += " (provisional)"
		}
		if day.Note != "" {
			name += " — " + day.Note
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", day.DateString(), day.Date.Weekday().String()[:3], day.Kind, day.Origin, name)
	}
	for _, day := range cal.Removed(*year) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", day.DateString(), day.Date.Weekday().String()[:3], "removed", "instansi",
			day.Name+" (made a working day)")
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d working days in %d (%s, %s)\n", cal.WorkingDaysIn(*year), *year, i.Code, cal.Location)
	covered := false
	for _, y := range cal.Years() {
		if y.Year == *year {
			covered = true
			fmt.Fprintf(e.stdout, "source: %s\n", y.Source)
			if y.Provisional {
				fmt.Fprintln(e.stdout, "warning: this year's list is provisional (not checked against the official decree)")
			}
		}
	}
	if !covered {
		fmt.Fprintf(e.stdout, "warning: no national holidays shipped for %d: only weekends and the instansi's own days count\n", *year)
	}
	return exitOK
}

// calendarEdit is the common part of add, remove and restore: flags, the
// date, the instansi, and the change in one audited transaction.
func calendarEdit(ctx context.Context, e *env, name, synopsis string, args []string, extra func(fs *flag.FlagSet),
	apply func(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time) error) int {
	fs := newFlags(e, name, synopsis)
	dsn := dbFlag(e, fs)
	dateS := fs.String("date", "", "the day, YYYY-MM-DD (required)")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if extra != nil {
		extra(fs)
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *dateS == "" {
		fmt.Fprintf(e.stderr, "netral %s: --date is required\n", name)
		return exitUsage
	}
	day, err := workcal.ParseDate(*dateS)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral %s: %v\n", name, err)
		return exitInput
	}
	d, i, code := openInstansi(ctx, e, "netral "+name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	actor := audit.System("cli:calendar")
	actor.InstansiID = i.ID
	err = d.InTx(ctx, func(tx *db.Tx) error { return apply(ctx, tx, actor, i.ID, day) })
	var fe *workcal.FieldError
	if errors.As(err, &fe) {
		fmt.Fprintf(e.stderr, "netral %s: %v (nothing was changed)\n", name, fe)
		return exitInput
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "netral %s: %v\n", name, err)
		return exitInput
	}
	return exitOK
}

func runCalendarAdd(ctx context.Context, e *env, args []string) int {
	var dayName, kind, note *string
	code := calendarEdit(ctx, e, "calendar add",
		"--date YYYY-MM-DD --name NAME [--kind libur_daerah|libur_nasional|cuti_bersama] [--note TEXT] [--instansi CODE] [--db PATH|URL]",
		args, func(fs *flag.FlagSet) {
			dayName = fs.String("name", "", "name of the day, e.g. \"Hari Jadi Kabupaten\" (required)")
			kind = fs.String("kind", string(workcal.KindRegional), "libur_daerah, libur_nasional or cuti_bersama")
			note = fs.String("note", "", "legal basis or remark, e.g. the Keputusan Bupati")
		},
		func(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time) error {
			return workcal.AddDay(ctx, tx, actor, instansiID, workcal.Day{Date: day, Kind: workcal.Kind(*kind), Name: *dayName, Note: *note})
		})
	if code == exitOK {
		fmt.Fprintln(e.stdout, "added")
	}
	return code
}

func runCalendarRemove(ctx context.Context, e *env, args []string) int {
	var note *string
	code := calendarEdit(ctx, e, "calendar remove", "--date YYYY-MM-DD [--note REASON] [--instansi CODE] [--db PATH|URL]", args,
		func(fs *flag.FlagSet) { note = fs.String("note", "", "why the day is a working day for the instansi") },
		func(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time) error {
			return workcal.RemoveDay(ctx, tx, actor, instansiID, day, *note)
		})
	if code == exitOK {
		fmt.Fprintln(e.stdout, "removed: the date is a working day for the instansi")
	}
	return code
}

func runCalendarRestore(ctx context.Context, e *env, args []string) int {
	code := calendarEdit(ctx, e, "calendar restore", "--date YYYY-MM-DD [--instansi CODE] [--db PATH|URL]", args, nil,
		func(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time) error {
			return workcal.RestoreDay(ctx, tx, actor, instansiID, day)
		})
	if code == exitOK {
		fmt.Fprintln(e.stdout, "restored")
	}
	return code
}
