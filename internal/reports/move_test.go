package reports

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
)

// TestMoveCase: every report of a case follows it into another case,
// audited; other cases and other instansi are left alone.
func TestMoveCase(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	staff := audit.Actor{UserID: 0, Name: "system:test", InstansiID: f.inst.ID}
	submit := func(inst int64) int64 {
		t.Helper()
		s := f.submission()
		s.InstansiID = inst
		s.Identity, s.Reporter = IdentityAnonymous, Identity{}
		rec, err := Submit(ctx, f.d, nil, s)
		if err != nil {
			t.Fatal(err)
		}
		return rec.Report.ID
	}
	a1, a2, b1, other := submit(f.inst.ID), submit(f.inst.ID), submit(f.inst.ID), submit(f.inst2.ID)
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		for _, x := range []struct{ inst, rep, cs int64 }{{f.inst.ID, a1, 10}, {f.inst.ID, a2, 10}, {f.inst.ID, b1, 11}, {f.inst2.ID, other, 10}} {
			if err := AttachCase(ctx, tx, staff, x.inst, x.rep, x.cs); err != nil {
				return err
			}
		}
		return MoveCase(ctx, tx, staff, f.inst.ID, 10, 11)
	})
	if err != nil {
		t.Fatal(err)
	}
	for rep, want := range map[int64]int64{a1: 11, a2: 11, b1: 11} {
		if r, err := Get(ctx, f.d, f.inst.ID, rep); err != nil || r.CaseID != want {
			t.Errorf("report %d: case %d, %v; want %d", rep, r.CaseID, err, want)
		}
	}
	if r, err := Get(ctx, f.d, f.inst2.ID, other); err != nil || r.CaseID != 10 {
		t.Errorf("report of another instansi moved: case %d, %v", r.CaseID, err)
	}
	entries, err := audit.List(ctx, f.d, audit.Filter{InstansiID: f.inst.ID, ObjectType: "public_report", ObjectID: strconv.FormatInt(a1, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 || entries[0].Action != "report.attach_case" || !strings.Contains(entries[0].After, `"merged":true`) ||
		!strings.Contains(entries[0].Before, `"case_id":10`) {
		t.Errorf("move not audited: %+v", entries)
	}
	// Nothing to move is no error; a move to itself is refused.
	if err := f.d.InTx(ctx, func(tx *db.Tx) error { return MoveCase(ctx, tx, staff, f.inst.ID, 99, 11) }); err != nil {
		t.Errorf("empty move: %v", err)
	}
	if err := f.d.InTx(ctx, func(tx *db.Tx) error { return MoveCase(ctx, tx, staff, f.inst.ID, 11, 11) }); !errors.Is(err, ErrSameCase) {
		t.Errorf("move to itself: %v", err)
	}
}
