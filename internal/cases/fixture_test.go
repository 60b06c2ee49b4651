package cases_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

var sys = audit.System("test")

// fakeReports stands in for the public reports: which report belongs to
// which case, and what each report's reporter was told.
type fakeReports struct {
	mu       sync.Mutex
	inst     map[int64]int64 // report → instansi
	caseOf   map[int64]int64 // report → case
	status   map[int64]string
	messages map[int64][]string
}

func newFakeReports() *fakeReports {
	return &fakeReports{inst: map[int64]int64{}, caseOf: map[int64]int64{}, status: map[int64]string{}, messages: map[int64][]string{}}
}

// add registers a report of an instansi.
func (f *fakeReports) add(instansiID, reportID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inst[reportID] = instansiID
	f.status[reportID] = "received"
}

func (f *fakeReports) AttachCase(_ context.Context, _ *db.Tx, _ audit.Actor, instansiID, reportID, caseID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inst[reportID] != instansiID {
		return fmt.Errorf("report %d: %w", reportID, errors.New("not found"))
	}
	f.caseOf[reportID] = caseID
	return nil
}

func (f *fakeReports) MoveCase(_ context.Context, _ *db.Tx, _ audit.Actor, instansiID, from, to int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for r, c := range f.caseOf {
		if c == from && f.inst[r] == instansiID {
			f.caseOf[r] = to
		}
	}
	return nil
}

func (f *fakeReports) SetStatusForCase(_ context.Context, _ *db.Tx, instansiID, caseID int64, public, message string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for r, c := range f.caseOf {
		if c == caseID && f.inst[r] == instansiID {
			f.status[r] = public
			if message != "" {
				f.messages[r] = append(f.messages[r], message)
			}
		}
	}
	return nil
}

func (f *fakeReports) get(reportID int64) (caseID int64, status string, messages []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.caseOf[reportID], f.status[reportID], append([]string(nil), f.messages[reportID]...)
}

// fakeCalendar: weekends and the listed days are holidays.
type fakeCalendar struct{ holidays map[string]bool }

func (c fakeCalendar) AddWorkingDays(from time.Time, n int) time.Time {
	t := from
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday || c.holidays[t.Format(time.DateOnly)] {
			continue
		}
		n--
	}
	return t
}

// fixture: instansi 99.01 with Setda, Dinas Pendidikan (1.01) and its
// Bidang SD (1.01.01), Dinas Kesehatan (1.02); Budi works in Bidang SD
// since 1 Jul 2024 and was at Dinas Kesehatan before; users of every role,
// two of them linked to employees (a tim member in Dinas Pendidikan, one in
// Dinas Kesehatan); a second instansi 32.16 with its own admin and case.
type fixture struct {
	t       *testing.T
	d       *db.DB
	svc     *cases.Service
	rep     *fakeReports
	now     time.Time
	inst    int64
	inst2   int64
	setda   int64
	dik     int64 // 1.01
	sd      int64 // 1.01.01
	dinkes  int64 // 1.02
	budi    int64 // employee in sd, formerly dinkes
	siti    int64 // employee in dinkes
	kadis   int64 // employee in dik (linked to user timDik)
	perawat int64 // employee in dinkes (linked to user timKes)
	other   int64 // employee of inst2
	p       map[string]cases.Person
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, d: dbtest.Open(t), rep: newFakeReports(), p: map[string]cases.Person{},
		now: time.Date(2024, 10, 7, 9, 0, 0, 0, time.UTC)} // a Monday
	f.svc = &cases.Service{DB: f.d, Reports: f.rep, Now: func() time.Time { return f.now }}
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		i1, err := tenant.Create(ctx, tx, sys, "99.01", "Kabupaten Uji", tenant.KindKabupaten)
		if err != nil {
			return err
		}
		i2, err := tenant.Create(ctx, tx, sys, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
		f.inst, f.inst2 = i1.ID, i2.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := &registry.Store{DB: f.d}
	opd := func(inst int64, code, name string, parent int64) int64 {
		o, err := reg.SaveOPD(ctx, sys, registry.OPD{InstansiID: inst, Code: code, Name: name, ParentID: parent, Kind: "dinas"})
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	f.setda = opd(f.inst, "1.00", "Sekretariat Daerah", 0)
	f.dik = opd(f.inst, "1.01", "Dinas Pendidikan", 0)
	f.sd = opd(f.inst, "1.01.01", "Bidang Pembinaan SD", f.dik)
	f.dinkes = opd(f.inst, "1.02", "Dinas Kesehatan", 0)
	emp := func(inst int64, nip, name, jab string, unit int64, from time.Time) int64 {
		e, err := reg.SaveEmployee(ctx, sys, registry.Employee{InstansiID: inst, NIP: nip, Name: name, Jabatan: jab, OPDID: unit}, from, "test")
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	f.budi = emp(f.inst, "198503152010011002", "Budi Santoso", "Staf Pelaksana", f.dinkes, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	// Budi moves to Bidang SD on 1 Jul 2024.
	if _, err := reg.SaveEmployee(ctx, sys, registry.Employee{ID: f.budi, InstansiID: f.inst, NIP: "198503152010011002",
		Name: "Budi Santoso", Jabatan: "Analis Kurikulum", OPDID: f.sd}, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), "test"); err != nil {
		t.Fatal(err)
	}
	f.siti = emp(f.inst, "199001012015032001", "Siti Aminah", "Perawat", f.dinkes, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	f.kadis = emp(f.inst, "197001011995031001", "Kepala Dinas Pendidikan", "Kepala Dinas", f.dik, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	f.perawat = emp(f.inst, "198801012012012001", "Rina Perawat", "Perawat", f.dinkes, time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	f.other = emp(f.inst2, "197805052005011003", "Joko Rahasia", "Guru", opd(f.inst2, "1.01", "Dinas Pendidikan Bekasi", 0),
		time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC))
	users := []struct {
		name string
		role auth.Role
		inst int64
		emp  int64
		opd  int64
	}{
		{"admin", auth.RoleAdmin, f.inst, 0, 0},
		{"ketua", auth.RoleKetuaTim, f.inst, 0, 0},
		{"tim", auth.RoleTim, f.inst, 0, 0},
		{"timDik", auth.RoleTim, f.inst, f.kadis, 0},
		{"timKes", auth.RoleTim, f.inst, f.perawat, 0},
		{"inspektorat", auth.RoleInspektorat, f.inst, 0, 0},
		{"kepala_opd", auth.RoleKepalaOPD, f.inst, 0, f.dik},
		{"pimpinan", auth.RolePimpinan, f.inst, 0, 0},
		{"bawaslu", auth.RoleBawaslu, f.inst, 0, 0},
		{"asn", auth.RoleASN, f.inst, f.budi, 0},
		{"admin2", auth.RoleAdmin, f.inst2, 0, 0},
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error {
		for _, u := range users {
			id, err := auth.CreateUser(ctx, tx, sys, auth.User{InstansiID: u.inst, Username: u.name, FullName: "Pengguna " + u.name,
				Role: u.role, EmployeeID: u.emp, OPDID: u.opd}, "rahasia-uji-123")
			if err != nil {
				return fmt.Errorf("%s: %w", u.name, err)
			}
			f.p[u.name] = cases.Person{Actor: audit.Actor{UserID: id, Name: u.name, InstansiID: u.inst}, UserID: id,
				Name: "Pengguna " + u.name, Role: u.role, EmployeeID: u.emp, OPDID: u.opd}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		if _, err := audit.Verify(context.Background(), f.d); err != nil {
			t.Errorf("audit chain: %v", err)
		}
	})
	return f
}

// open opens a team finding about Budi on 2 Oct 2024 (a like of a Pilkada
// candidate's post, after the 22 Sep 2024 determination).
func (f *fixture) open(by string, mut ...func(*cases.OpenInput)) cases.Case {
	f.t.Helper()
	in := cases.OpenInput{InstansiID: f.inst,
		Details: cases.Details{Title: "Menyukai unggahan paslon", Accused: cases.AccusedInput{EmployeeID: f.budi},
			ActDate: time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC), ActKind: "interact", Place: "Instagram",
			Election: cases.ElectionRef{ID: "pilkada-99.01-2024", Name: "Pilkada Kabupaten Uji 2024", Type: "pilkada",
				DeterminedOn: time.Date(2024, 9, 22, 0, 0, 0, 0, time.UTC)}},
		Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "Patroli siber menemukan like pada unggahan paslon 02",
			Links: []string{"https://instagram.com/p/abc"}}}
	for _, m := range mut {
		m(&in)
	}
	c, err := f.svc.Open(context.Background(), f.p[by], in)
	if err != nil {
		f.t.Fatalf("open: %v", err)
	}
	return c
}

// step takes a transition and fails the test on error.
func (f *fixture) step(by string, id int64, in cases.TransitionInput) cases.Case {
	f.t.Helper()
	c, err := f.svc.Transition(context.Background(), f.p[by], f.inst, id, in)
	if err != nil {
		f.t.Fatalf("%s by %s: %v", in.Action, by, err)
	}
	return c
}

// count returns the result of a COUNT query.
func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}
