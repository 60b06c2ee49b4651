package workcal_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/workcal"
)

func day(s string) time.Time {
	t, err := workcal.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func newInstansi(t *testing.T, d *db.DB, code, name string) int64 {
	t.Helper()
	var id int64
	err := d.InTx(context.Background(), func(tx *db.Tx) error {
		i, err := tenant.Create(context.Background(), tx, audit.System("test"), code, name, tenant.KindKabupaten)
		id = i.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEditsOverrideDefaults(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	inst := newInstansi(t, d, "32.16", "Kabupaten Bekasi")
	other := newInstansi(t, d, "73.71", "Kota Makassar")
	actor := audit.Actor{Name: "admin", InstansiID: inst}
	in := func(fn func(tx *db.Tx) error) error { return d.InTx(ctx, fn) }

	// A regional holiday (HUT Kabupaten) on a Wednesday.
	if err := in(func(tx *db.Tx) error {
		return workcal.AddDay(ctx, tx, actor, inst, workcal.Day{Date: day("2025-04-15"), Kind: workcal.KindRegional,
			Name: "  HUT Kabupaten Bekasi  ", Note: "Keputusan Bupati"})
	}); err != nil {
		t.Fatal(err)
	}
	// Idulfitri shifted by the Menteri Agama: remove one shipped cuti bersama.
	if err := in(func(tx *db.Tx) error {
		return workcal.RemoveDay(ctx, tx, actor, inst, day("2025-04-07"), "Kantor tetap buka")
	}); err != nil {
		t.Fatal(err)
	}
	cal, err := workcal.Load(ctx, d, inst)
	if err != nil {
		t.Fatal(err)
	}
	if cal.IsWorkingDay(day("2025-04-15")) || !cal.IsWorkingDay(day("2025-04-07")) {
		t.Fatal("edits not applied")
	}
	h, ok := cal.Holiday(day("2025-04-15"))
	if !ok || h.Name != "HUT Kabupaten Bekasi" || h.Origin != workcal.OriginInstansi || h.Kind != workcal.KindRegional || h.Note != "Keputusan Bupati" {
		t.Fatalf("added day %+v", h)
	}
	if rm := cal.Removed(2025); len(rm) != 1 || rm[0].DateString() != "2025-04-07" || rm[0].Note != "Kantor tetap buka" {
		t.Fatalf("removed %+v", rm)
	}
	// Working-day arithmetic follows the edits: from Thursday 3 April 2025,
	// the first working day is now Monday 7 April, and 15 April is skipped.
	if got := cal.AddWorkingDays(day("2025-04-03"), 1); got.Format(workcal.DateLayout) != "2025-04-07" {
		t.Errorf("after removal: %s", got)
	}
	if got := cal.AddWorkingDays(day("2025-04-14"), 1); got.Format(workcal.DateLayout) != "2025-04-16" {
		t.Errorf("after addition: %s", got)
	}
	// Another instansi keeps the national calendar, in its own zone (WITA).
	oc, err := workcal.Load(ctx, d, other)
	if err != nil {
		t.Fatal(err)
	}
	if !oc.IsWorkingDay(day("2025-04-15")) || oc.IsWorkingDay(day("2025-04-07")) || oc.Location != workcal.WITA {
		t.Fatal("edits leaked to another instansi")
	}
	if cal.Location != workcal.WIB {
		t.Errorf("Bekasi location %v", cal.Location)
	}

	// Re-adding the removed day replaces the removal; removing an added day deletes it.
	if err := in(func(tx *db.Tx) error {
		return workcal.AddDay(ctx, tx, actor, inst, workcal.Day{Date: day("2025-04-07"), Kind: workcal.KindCutiBersama, Name: "Cuti bersama (dikoreksi)"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := in(func(tx *db.Tx) error { return workcal.RemoveDay(ctx, tx, actor, inst, day("2025-04-15"), "") }); err != nil {
		t.Fatal(err)
	}
	cal, _ = workcal.Load(ctx, d, inst)
	if h, _ := cal.Holiday(day("2025-04-07")); h.Name != "Cuti bersama (dikoreksi)" || len(cal.Removed(2025)) != 0 || !cal.IsWorkingDay(day("2025-04-15")) {
		t.Fatalf("after re-add/remove: %+v %+v", h, cal.Removed(2025))
	}

	// Remove and restore a shipped day.
	if err := in(func(tx *db.Tx) error { return workcal.RemoveDay(ctx, tx, actor, inst, day("2026-12-24"), "") }); err != nil {
		t.Fatal(err)
	}
	if err := in(func(tx *db.Tx) error { return workcal.RestoreDay(ctx, tx, actor, inst, day("2026-12-24")) }); err != nil {
		t.Fatal(err)
	}
	cal, _ = workcal.Load(ctx, d, inst)
	if h, ok := cal.Holiday(day("2026-12-24")); !ok || h.Origin != workcal.OriginShipped {
		t.Fatal("restore did not bring the shipped day back")
	}

	edits, err := workcal.Edits(ctx, d, inst)
	if err != nil {
		t.Fatal(err)
	}
	if len(edits) != 1 || edits[0].Removed || edits[0].Date.Format(workcal.DateLayout) != "2025-04-07" || edits[0].CreatedAt.IsZero() {
		t.Fatalf("edits %+v", edits)
	}

	// Every change is in the audit trail, in order.
	entries, err := audit.List(ctx, d, audit.Filter{InstansiID: inst, ObjectType: "workcal_day"}) // newest first
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(entries) - 1; i >= 0; i-- {
		actions = append(actions, entries[i].Action+" "+entries[i].ObjectID)
	}
	want := "workcal.add 2025-04-15,workcal.remove 2025-04-07,workcal.add 2025-04-07,workcal.remove 2025-04-15,workcal.remove 2026-12-24,workcal.restore 2026-12-24"
	if got := strings.Join(actions, ","); got != want {
		t.Errorf("audit:\n got %s\nwant %s", got, want)
	}
	if _, err := audit.Verify(ctx, d); err != nil {
		t.Errorf("audit chain: %v", err)
	}
}

func TestEditValidation(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	inst := newInstansi(t, d, "32.16", "Kabupaten Bekasi")
	actor := audit.System("test")
	add := func(dd workcal.Day) error {
		return d.InTx(ctx, func(tx *db.Tx) error { return workcal.AddDay(ctx, tx, actor, inst, dd) })
	}
	remove := func(s string) error {
		return d.InTx(ctx, func(tx *db.Tx) error { return workcal.RemoveDay(ctx, tx, actor, inst, day(s), "") })
	}
	ok := workcal.Day{Date: day("2025-07-01"), Kind: workcal.KindRegional, Name: "HUT"}
	cases := []struct {
		name  string
		err   error
		field string
		text  string // part of the Indonesian message
		run   func() error
	}{
		{"zero date", workcal.ErrInvalid, "date", "wajib", func() error { x := ok; x.Date = time.Time{}; return add(x) }},
		{"year before", workcal.ErrInvalid, "date", "2023", func() error { x := ok; x.Date = day("2023-12-29"); return add(x) }},
		{"year after", workcal.ErrInvalid, "date", "2033", func() error { x := ok; x.Date = day("2033-01-03"); return add(x) }},
		{"bad kind", workcal.ErrInvalid, "kind", "tidak dikenal", func() error { x := ok; x.Kind = "libur"; return add(x) }},
		{"empty name", workcal.ErrInvalid, "name", "wajib", func() error { x := ok; x.Name = "   "; return add(x) }},
		{"long name", workcal.ErrInvalid, "name", "terlalu panjang", func() error { x := ok; x.Name = strings.Repeat("a", 121); return add(x) }},
		{"control chars", workcal.ErrInvalid, "name", "kendali", func() error { x := ok; x.Name = "a\x00b"; return add(x) }},
		{"duplicate of a shipped day", workcal.ErrDuplicate, "date", "Idulfitri", func() error { x := ok; x.Date = day("2025-03-31"); return add(x) }},
		{"remove a working day", workcal.ErrNotListed, "date", "bukan hari libur", func() error { return remove("2025-07-02") }},
		{"restore without removal", workcal.ErrNotListed, "date", "dipulihkan", func() error {
			return d.InTx(ctx, func(tx *db.Tx) error { return workcal.RestoreDay(ctx, tx, actor, inst, day("2025-12-25")) })
		}},
	}
	for _, tc := range cases {
		err := tc.run()
		var fe *workcal.FieldError
		if !errors.As(err, &fe) || !errors.Is(err, tc.err) || fe.Field != tc.field || !strings.Contains(fe.Text("id"), tc.text) || fe.Text("en") == "" {
			t.Errorf("%s: got %v (%#v)", tc.name, err, fe)
		}
	}
	// A second addition of the same day is a duplicate; so is a second removal.
	if err := add(ok); err != nil {
		t.Fatal(err)
	}
	if err := add(ok); !errors.Is(err, workcal.ErrDuplicate) {
		t.Errorf("second add: %v", err)
	}
	if err := remove("2025-12-26"); err != nil {
		t.Fatal(err)
	}
	if err := remove("2025-12-26"); !errors.Is(err, workcal.ErrNotListed) {
		t.Errorf("second removal: %v", err)
	}
	// Bad date strings.
	for _, s := range []string{"", "2025-02-30", "31-12-2025", "2025/01/01", "x"} {
		if _, err := workcal.ParseDate(s); !errors.Is(err, workcal.ErrInvalid) {
			t.Errorf("ParseDate(%q) = %v", s, err)
		}
	}
	// Unknown instansi.
	if _, err := workcal.Load(ctx, d, 9999); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("Load(unknown) = %v", err)
	}
	// Nothing rejected was stored.
	edits, _ := workcal.Edits(ctx, d, inst)
	if len(edits) != 2 {
		t.Errorf("edits %+v", edits)
	}
}
