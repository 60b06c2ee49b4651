package registry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/registry"
)

// TestTenancyIsolation builds two instansi with mirror-image data (same OPD
// codes, same NIPs, same account handles) and checks that asking with one
// instansi's id never returns or changes the other's records.
func TestTenancyIsolation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	type side struct {
		inst     int64
		opd, sub registry.OPD
		emp      registry.Employee
		acc      registry.Account
	}
	build := func(inst int64, name string) side {
		s := side{inst: inst}
		s.opd = f.opd(t, inst, "1.01", "Dinas Pendidikan", 0)
		s.sub = f.opd(t, inst, "1.01.01", "Bidang SD", s.opd.ID)
		s.emp = f.emp(t, registry.Employee{InstansiID: inst, NIP: "196608011988031001", Name: name, OPDID: s.sub.ID})
		acc, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: inst, EmployeeID: s.emp.ID, Platform: "instagram", Handle: "amir.h"})
		if err != nil {
			t.Fatal(err)
		}
		s.acc = acc
		return s
	}
	a := build(f.a.ID, "Amir Bekasi")
	b := build(f.b.ID, "Amir Cilacap")
	// One more employee only in B, to search for by name from A.
	onlyB := f.emp(t, registry.Employee{InstansiID: f.b.ID, NIP: pnsNIP(7), Name: "Hanya Di Cilacap", OPDID: b.opd.ID})

	for _, pair := range []struct {
		name      string
		own, othr side
	}{{"A asks", a, b}, {"B asks", b, a}} {
		own, other := pair.own, pair.othr
		t.Run(pair.name, func(t *testing.T) {
			tree, err := f.s.OPDs(ctx, own.inst)
			if err != nil {
				t.Fatal(err)
			}
			if len(tree) != 2 || tree[0].ID != own.opd.ID || tree[1].ID != own.sub.ID || tree[1].Employees != 1 {
				t.Fatalf("OPDs = %+v", tree)
			}
			if _, err := f.s.OPD(ctx, own.inst, other.opd.ID); !errors.Is(err, registry.ErrNotFound) {
				t.Fatalf("OPD of the other instansi: %v", err)
			}
			if _, err := f.s.Employee(ctx, own.inst, other.emp.ID); !errors.Is(err, registry.ErrNotFound) {
				t.Fatalf("Employee of the other instansi: %v", err)
			}
			if e, err := f.s.EmployeeByNIP(ctx, own.inst, "196608011988031001"); err != nil || e.ID != own.emp.ID {
				t.Fatalf("EmployeeByNIP = %+v, %v", e, err)
			}
			if own.inst == f.a.ID {
				if _, err := f.s.EmployeeByNIP(ctx, own.inst, onlyB.NIP); !errors.Is(err, registry.ErrNotFound) {
					t.Fatalf("EmployeeByNIP of the other instansi: %v", err)
				}
			}
			for _, fl := range []registry.Filter{
				{},
				{Q: "amir"},
				{Q: "196608011988031001"},
				{Q: "cilacap"},
				{Q: "bekasi"},
				{OPDIDs: []int64{own.opd.ID, own.sub.ID, other.opd.ID, other.sub.ID}},
				{Kind: "PNS", Limit: 1},
			} {
				fl.InstansiID = own.inst
				p, err := f.s.Employees(ctx, fl)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range p.Items {
					if e.InstansiID != own.inst {
						t.Fatalf("Employees(%+v) returned %+v of another instansi", fl, e)
					}
				}
				mine := 1
				if own.inst == f.b.ID {
					mine = 2
				}
				if p.Total > mine || len(p.Items) > mine {
					t.Fatalf("Employees(%+v) = %d of %d", fl, len(p.Items), p.Total)
				}
			}
			if p, _ := f.s.Employees(ctx, registry.Filter{InstansiID: own.inst, OPDIDs: []int64{other.opd.ID, other.sub.ID}}); p.Total != 0 {
				t.Fatalf("employees of the other instansi's units: %+v", p.Items)
			}
			if accs, err := f.s.Accounts(ctx, own.inst, other.emp.ID); err != nil || len(accs) != 0 {
				t.Fatalf("Accounts of the other instansi's employee = %+v, %v", accs, err)
			}
			if accs, err := f.s.Accounts(ctx, own.inst, own.emp.ID); err != nil || len(accs) != 1 || accs[0].ID != own.acc.ID {
				t.Fatalf("Accounts = %+v, %v", accs, err)
			}
			rows, err := f.s.ExportRows(ctx, own.inst, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.Nama == other.emp.Name || r.Nama == onlyB.Name && own.inst == f.a.ID {
					t.Fatalf("export contains %q of the other instansi", r.Nama)
				}
			}
		})
	}

	// Writes that name the other instansi's records fail and change nothing.
	before := f.counts(t)
	writes := []struct {
		name  string
		do    func() error
		field string // "" when ErrNotFound is wanted
	}{
		{"rename the other's unit", func() error {
			_, err := f.s.SaveOPD(ctx, actor, registry.OPD{ID: b.opd.ID, InstansiID: f.a.ID, Code: "9.99", Name: "Diambil"})
			return err
		}, ""},
		{"hang a unit under the other's unit", func() error {
			_, err := f.s.SaveOPD(ctx, actor, registry.OPD{InstansiID: f.a.ID, Code: "9.98", Name: "X", ParentID: b.opd.ID})
			return err
		}, "parent"},
		{"put an employee in the other's unit", func() error {
			_, err := f.s.SaveEmployee(ctx, actor, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(8), Name: "X", OPDID: b.sub.ID}, time.Time{}, "manual")
			return err
		}, "opd"},
		{"edit the other's employee", func() error {
			e := b.emp
			e.InstansiID, e.OPDID, e.Name = f.a.ID, a.opd.ID, "Diubah"
			_, err := f.s.SaveEmployee(ctx, actor, e, time.Time{}, "manual")
			return err
		}, ""},
		{"add an account to the other's employee", func() error {
			_, err := f.s.SaveAccount(ctx, actor, registry.Account{InstansiID: f.a.ID, EmployeeID: b.emp.ID, Platform: "x", Handle: "x"})
			return err
		}, ""},
		{"edit the other's account", func() error {
			acc := b.acc
			acc.InstansiID, acc.Handle = f.a.ID, "diubah"
			_, err := f.s.SaveAccount(ctx, actor, acc)
			return err
		}, ""},
		{"delete the other's account", func() error {
			return f.s.DeleteAccount(ctx, actor, f.a.ID, b.emp.ID, b.acc.ID)
		}, ""},
	}
	for _, w := range writes {
		err := w.do()
		if w.field == "" && !errors.Is(err, registry.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", w.name, err)
		}
		if w.field != "" && fieldOf(err) != w.field {
			t.Errorf("%s: err = %v, want an invalid %s", w.name, err, w.field)
		}
	}
	sameCounts(t, before, f.counts(t))
	if e, _ := f.s.Employee(ctx, f.b.ID, b.emp.ID); e.Name != "Amir Cilacap" || e.OPDID != b.sub.ID {
		t.Fatalf("the other's employee changed: %+v", e)
	}
	if o, _ := f.s.OPD(ctx, f.b.ID, b.opd.ID); o.Code != "1.01" {
		t.Fatalf("the other's unit changed: %+v", o)
	}
	if accs, _ := f.s.Accounts(ctx, f.b.ID, b.emp.ID); len(accs) != 1 || accs[0].Handle != "amir.h" {
		t.Fatalf("the other's accounts changed: %+v", accs)
	}
	if n, _ := f.s.CountEmployees(ctx, f.a.ID); n["PNS"] != 1 {
		t.Fatalf("CountEmployees(A) = %v", n)
	}
	if n, _ := f.s.CountEmployees(ctx, f.b.ID); n["PNS"] != 2 {
		t.Fatalf("CountEmployees(B) = %v", n)
	}
}
