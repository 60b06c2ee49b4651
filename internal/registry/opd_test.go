package registry_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/registry"
)

func TestSaveOPDValidation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	disdik := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	bidang := f.opd(t, f.a.ID, "1.01.01", "Bidang SD", disdik.ID)
	sub := f.opd(t, f.a.ID, "1.01.01.01", "Seksi Kurikulum", bidang.ID)
	other := f.opd(t, f.b.ID, "1.01", "Dinas Pendidikan Cilacap", 0)

	tests := []struct {
		name     string
		o        registry.OPD
		field    string // "" when the save must succeed
		notFound bool
	}{
		{"empty code", registry.OPD{Code: "  ", Name: "X"}, "code", false},
		{"code too long", registry.OPD{Code: strings.Repeat("1", 41), Name: "X"}, "code", false},
		{"code at the limit", registry.OPD{Code: strings.Repeat("1", 40), Name: "X"}, "", false},
		{"empty name", registry.OPD{Code: "9.01", Name: " "}, "name", false},
		{"name too long", registry.OPD{Code: "9.02", Name: strings.Repeat("n", 201)}, "name", false},
		{"missing parent", registry.OPD{Code: "9.03", Name: "X", ParentID: 999999}, "parent", false},
		{"parent of another instansi", registry.OPD{Code: "9.04", Name: "X", ParentID: other.ID}, "parent", false},
		{"duplicate code", registry.OPD{Code: "1.01", Name: "Lagi"}, "code", false},
		{"duplicate code after trimming", registry.OPD{Code: " 1.01.01 ", Name: "Lagi"}, "code", false},
		{"update to a taken code", registry.OPD{ID: bidang.ID, Code: "1.01", Name: "Bidang SD", ParentID: disdik.ID}, "code", false},
		{"own parent", registry.OPD{ID: bidang.ID, Code: "1.01.01", Name: "Bidang SD", ParentID: bidang.ID}, "parent", false},
		{"parent below itself", registry.OPD{ID: disdik.ID, Code: "1.01", Name: "Dinas Pendidikan", ParentID: sub.ID}, "parent", false},
		{"update a missing unit", registry.OPD{ID: 999999, Code: "9.05", Name: "X"}, "", true},
		{"update another instansi's unit", registry.OPD{ID: other.ID, Code: "9.06", Name: "X"}, "", true},
		{"trimmed", registry.OPD{Code: " 9.07 ", Name: "  Dinas Baru ", Kind: " dinas "}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			o.InstansiID = f.a.ID
			before := f.counts(t)
			got, err := f.s.SaveOPD(ctx, actor, o)
			switch {
			case tt.notFound:
				if !errors.Is(err, registry.ErrNotFound) {
					t.Fatalf("err = %v, want ErrNotFound", err)
				}
			case tt.field != "":
				want := registry.ErrInvalid
				if strings.HasPrefix(tt.name, "duplicate") || strings.Contains(tt.name, "taken") {
					want = registry.ErrConflict
				}
				if !errors.Is(err, want) || fieldOf(err) != tt.field {
					t.Fatalf("err = %v (field %q), want %v on %q", err, fieldOf(err), want, tt.field)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				stored, err := f.s.OPD(ctx, f.a.ID, got.ID)
				if err != nil {
					t.Fatal(err)
				}
				if stored.Code != strings.TrimSpace(o.Code) || stored.Name != strings.TrimSpace(o.Name) || stored.Kind != strings.TrimSpace(o.Kind) {
					t.Fatalf("stored %+v from %+v", stored, o)
				}
				return
			}
			sameCounts(t, before, f.counts(t))
		})
	}
	// The failed updates changed nothing.
	got, err := f.s.OPD(ctx, f.a.ID, disdik.ID)
	if err != nil || got.ParentID != 0 || got.Code != "1.01" {
		t.Fatalf("Dinas Pendidikan = %+v, %v", got, err)
	}
	if got, _ := f.s.OPD(ctx, f.b.ID, other.ID); got.Code != "1.01" || got.Name != "Dinas Pendidikan Cilacap" {
		t.Fatalf("other instansi's unit changed: %+v", got)
	}
	// The same code in another instansi is fine.
	if _, err := f.s.SaveOPD(ctx, actor, registry.OPD{InstansiID: f.b.ID, Code: "1.01.01", Name: "Bidang SD"}); err != nil {
		t.Fatal(err)
	}
	// A valid move and rename keeps the id and is audited with before and after.
	moved, err := f.s.SaveOPD(ctx, actor, registry.OPD{ID: sub.ID, InstansiID: f.a.ID, Code: "1.01.02", Name: "Bidang SMP", ParentID: disdik.ID})
	if err != nil || moved.ID != sub.ID {
		t.Fatalf("move: %+v, %v", moved, err)
	}
	var before, after string
	if err := f.d.QueryRow(ctx, `SELECT before_json, after_json FROM audit_log WHERE action = 'opd.save' ORDER BY seq DESC LIMIT 1`).
		Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before, "Seksi Kurikulum") || !strings.Contains(after, "Bidang SMP") {
		t.Fatalf("audit before %s after %s", before, after)
	}
	if _, err := f.s.OPD(ctx, f.a.ID, 999999); !errors.Is(err, registry.ErrNotFound) {
		t.Fatalf("OPD(missing) = %v", err)
	}
}

func TestOPDTree(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	// Created out of order, children before some of their siblings.
	setda := f.opd(t, f.a.ID, "4.01", "Sekretariat Daerah", 0)
	dinkes := f.opd(t, f.a.ID, "1.02", "Dinas Kesehatan", 0)
	disdik := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	smp := f.opd(t, f.a.ID, "1.01.02", "Bidang SMP", disdik.ID)
	sd := f.opd(t, f.a.ID, "1.01.01", "Bidang SD", disdik.ID)
	kur := f.opd(t, f.a.ID, "1.01.01.01", "Seksi Kurikulum", sd.ID)
	puskesmas := f.opd(t, f.a.ID, "1.02.10", "UPTD Puskesmas", dinkes.ID)
	hukum := f.opd(t, f.a.ID, "4.01.03", "Bagian Hukum", setda.ID)
	// A code that sorts between the others but hangs under Sekretariat Daerah.
	umum := f.opd(t, f.a.ID, "1.05", "Bagian Umum", setda.ID)
	f.opd(t, f.b.ID, "1.00", "Unit Cilacap", 0)

	f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(0), Name: "Satu", OPDID: sd.ID})
	f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(1), Name: "Dua", OPDID: sd.ID})
	f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(2), Name: "Tiga", OPDID: kur.ID})

	tree, err := f.s.OPDs(ctx, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		code  string
		depth int
		emps  int
	}
	var got []row
	for _, o := range tree {
		if o.InstansiID != f.a.ID {
			t.Fatalf("unit %s of instansi %d in the tree of %d", o.Code, o.InstansiID, f.a.ID)
		}
		got = append(got, row{o.Code, o.Depth, o.Employees})
	}
	want := []row{
		{"1.01", 0, 0}, {"1.01.01", 1, 2}, {"1.01.01.01", 2, 1}, {"1.01.02", 1, 0},
		{"1.02", 0, 0}, {"1.02.10", 1, 0},
		{"4.01", 0, 0}, {"1.05", 1, 0}, {"4.01.03", 1, 0},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("tree =\n%v\nwant\n%v", got, want)
	}

	ids := func(xs ...registry.OPD) []int64 {
		var out []int64
		for _, x := range xs {
			out = append(out, x.ID)
		}
		slices.Sort(out)
		return out
	}
	subtests := []struct {
		root registry.OPD
		want []int64
	}{
		{disdik, ids(disdik, sd, kur, smp)},
		{sd, ids(sd, kur)},
		{kur, ids(kur)},
		{dinkes, ids(dinkes, puskesmas)},
		{setda, ids(setda, hukum, umum)},
	}
	for _, st := range subtests {
		got := registry.Subtree(tree, st.root.ID)
		if got[0] != st.root.ID {
			t.Errorf("Subtree(%s) does not start with the root", st.root.Code)
		}
		slices.Sort(got)
		if !slices.Equal(got, st.want) {
			t.Errorf("Subtree(%s) = %v, want %v", st.root.Code, got, st.want)
		}
	}
	if got := registry.Subtree(tree, 999999); !slices.Equal(got, []int64{999999}) {
		t.Errorf("Subtree(missing) = %v", got)
	}
	if tree, err := f.s.OPDs(ctx, 999999); err != nil || len(tree) != 0 {
		t.Fatalf("OPDs(missing instansi) = %v, %v", tree, err)
	}
}
