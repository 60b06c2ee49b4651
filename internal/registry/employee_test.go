package registry_test

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/registry"
)

func TestSaveEmployeeValidation(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	disdik := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	otherOPD := f.opd(t, f.b.ID, "1.01", "Dinas Pendidikan", 0)
	amir := f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: "19660801 198803 1 001", Name: "Amir", OPDID: disdik.ID})
	if amir.NIP != "196608011988031001" || amir.Kind != "PNS" {
		t.Fatalf("saved %+v", amir)
	}

	ok := registry.Employee{NIP: pnsNIP(10), Name: "Budi Santoso", Jabatan: "Guru", Email: "budi@example.go.id", Phone: "+62 (21) 555-1234"}
	with := func(mod func(e *registry.Employee)) registry.Employee {
		e := ok
		mod(&e)
		return e
	}
	tests := []struct {
		name  string
		e     registry.Employee
		field string // "" when the save must succeed
	}{
		{"NIP empty", with(func(e *registry.Employee) { e.NIP = "" }), "nip"},
		{"NIP with letters", with(func(e *registry.Employee) { e.NIP = "19660801198803100X" }), "nip"},
		{"NIP too short", with(func(e *registry.Employee) { e.NIP = "19660801198803100" }), "nip"},
		{"NIP too long", with(func(e *registry.Employee) { e.NIP = "1966080119880310011" }), "nip"},
		{"NIP birth date invalid", with(func(e *registry.Employee) { e.NIP = "196602301988031001" }), "nip"},
		{"NIP gender digit 3", with(func(e *registry.Employee) { e.NIP = "196608011988033001" }), "nip"},
		{"NIP sequence 000", with(func(e *registry.Employee) { e.NIP = "196608011988031000" }), "nip"},
		{"NIP kind code 00", with(func(e *registry.Employee) { e.NIP = "196608011988001001" }), "nip"},
		{"NIP TMT in the future", with(func(e *registry.Employee) { e.NIP = "199001012099011001" }), "nip"},
		{"NIP in scientific notation", with(func(e *registry.Employee) { e.NIP = "1.96608E+17" }), "nip"},
		{"NIP of an existing employee", with(func(e *registry.Employee) { e.NIP = "196608011988031001" }), "nip"},
		{"NIP of an existing employee, other spelling", with(func(e *registry.Employee) { e.NIP = "19660801-198803-1-001" }), "nip"},
		{"kind unknown", with(func(e *registry.Employee) { e.Kind = "Honorer" }), "kind"},
		{"kind does not match the NIP", with(func(e *registry.Employee) { e.Kind = "PPPK" }), "kind"},
		{"name empty", with(func(e *registry.Employee) { e.Name = "   " }), "name"},
		{"name too long", with(func(e *registry.Employee) { e.Name = strings.Repeat("a", 201) }), "name"},
		{"email invalid", with(func(e *registry.Employee) { e.Email = "budi at example" }), "email"},
		{"email with a display name", with(func(e *registry.Employee) { e.Email = "Budi <budi@example.go.id>" }), "email"},
		{"phone with letters", with(func(e *registry.Employee) { e.Phone = "0812-CALL-ME" }), "phone"},
		{"phone too long", with(func(e *registry.Employee) { e.Phone = strings.Repeat("1", 41) }), "phone"},
		{"no unit", with(func(e *registry.Employee) { e.OPDID = 0 }), "opd"},
		{"missing unit", with(func(e *registry.Employee) { e.OPDID = 999999 }), "opd"},
		{"unit of another instansi", with(func(e *registry.Employee) { e.OPDID = otherOPD.ID }), "opd"},
		{"NIP change", with(func(e *registry.Employee) { e.ID = amir.ID; e.NIP = pnsNIP(11) }), "nip"},
		{"valid PNS, kind inferred", ok, ""},
		{"valid PPPK with spaces in the NIP", with(func(e *registry.Employee) { e.NIP = "19900913 2025 24 2 014"; e.Kind = "PPPK"; e.Email = "" }), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			e.InstansiID = f.a.ID
			if e.OPDID == 0 && tt.field != "opd" {
				e.OPDID = disdik.ID
			}
			before := f.counts(t)
			got, err := f.s.SaveEmployee(ctx, actor, e, time.Time{}, "manual")
			if tt.field != "" {
				want := registry.ErrInvalid
				if strings.HasPrefix(tt.name, "NIP of an existing employee") {
					want = registry.ErrConflict
				}
				if !errors.Is(err, want) || fieldOf(err) != tt.field {
					t.Fatalf("err = %v (field %q), want %v on %q", err, fieldOf(err), want, tt.field)
				}
				var fe *registry.FieldError
				errors.As(err, &fe)
				if fe.Message == "" || fe.Pesan == "" {
					t.Fatalf("FieldError without messages: %+v", fe)
				}
				sameCounts(t, before, f.counts(t))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			stored, err := f.s.Employee(ctx, f.a.ID, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored.NIP) != 18 || strings.Trim(stored.NIP, "0123456789") != "" || stored.Kind == "" ||
				stored.OPDCode != "1.01" || stored.OPDName != "Dinas Pendidikan" || stored.CreatedAt.IsZero() {
				t.Fatalf("stored %+v", stored)
			}
			byNIP, err := f.s.EmployeeByNIP(ctx, f.a.ID, e.NIP)
			if err != nil || byNIP.ID != got.ID {
				t.Fatalf("EmployeeByNIP(%q) = %+v, %v", e.NIP, byNIP, err)
			}
		})
	}
	// The same NIP may exist in another instansi.
	if _, err := f.s.SaveEmployee(ctx, actor, registry.Employee{InstansiID: f.b.ID, NIP: "196608011988031001", Name: "Amir di Cilacap",
		OPDID: otherOPD.ID}, time.Time{}, "manual"); err != nil {
		t.Fatalf("same NIP in another instansi: %v", err)
	}
	// Saving an unchanged employee writes nothing.
	before := f.counts(t)
	if _, err := f.s.SaveEmployee(ctx, actor, amir, time.Time{}, "manual"); err != nil {
		t.Fatal(err)
	}
	sameCounts(t, before, f.counts(t))
	if n, err := f.s.CountEmployees(ctx, f.a.ID); err != nil || n["PNS"] != 2 || n["PPPK"] != 1 {
		t.Fatalf("CountEmployees(A) = %v, %v", n, err)
	}
	if _, err := f.s.Employee(ctx, f.a.ID, 999999); !errors.Is(err, registry.ErrNotFound) {
		t.Fatalf("Employee(missing) = %v", err)
	}
	if _, err := f.s.EmployeeByNIP(ctx, f.a.ID, pnsNIP(500)); !errors.Is(err, registry.ErrNotFound) {
		t.Fatalf("EmployeeByNIP(missing) = %v", err)
	}
}

func TestPositionHistory(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	disdik := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	dinkes := f.opd(t, f.a.ID, "1.02", "Dinas Kesehatan", 0)
	e, err := f.s.SaveEmployee(ctx, actor, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(0), Name: "Budi", Jabatan: "Guru",
		OPDID: disdik.ID}, date(2024, 1, 1), "manual")
	if err != nil {
		t.Fatal(err)
	}

	type period struct {
		jabatan  string
		opd      int64
		from, to string // to "" while current
		source   string
	}
	check := func(t *testing.T, want []period) {
		t.Helper()
		ps, err := f.s.Positions(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []period
		for _, p := range ps {
			to := ""
			if !p.To.IsZero() {
				to = clock.FormatDate(p.To)
			}
			got = append(got, period{p.Jabatan, p.OPDID, clock.FormatDate(p.From), to, p.Source})
			if p.OPDName == "" {
				t.Errorf("position %d without unit name", p.ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("positions =\n%v\nwant\n%v", got, want)
		}
	}
	check(t, []period{{"Guru", disdik.ID, "2024-01-01", "", "manual"}})

	steps := []struct {
		name      string
		mod       func(e *registry.Employee)
		effective time.Time
		source    string
		want      []period // newest first
	}{
		{"jabatan changes mid-year", func(e *registry.Employee) { e.Jabatan = "Guru Ahli Muda" }, date(2024, 6, 1), "manual", []period{
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
		{"only the name changes: no new period", func(e *registry.Employee) { e.Name = "Budi Santoso" }, date(2024, 9, 1), "manual", []period{
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
		{"unit changes on 1 March: the period ends on 28 February", func(e *registry.Employee) { e.OPDID = dinkes.ID }, date(2025, 3, 1), "import", []period{
			{"Guru Ahli Muda", dinkes.ID, "2025-03-01", "", "import"},
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "2025-02-28", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
		{"a second change the same day replaces the period", func(e *registry.Employee) { e.Jabatan = "Analis Kesehatan" }, date(2025, 3, 1), "manual", []period{
			{"Analis Kesehatan", dinkes.ID, "2025-03-01", "", "manual"},
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "2025-02-28", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
		{"jabatan and unit change together", func(e *registry.Employee) { e.Jabatan = "Kepala Bidang"; e.OPDID = disdik.ID }, date(2025, 3, 2), "manual", []period{
			{"Kepala Bidang", disdik.ID, "2025-03-02", "", "manual"},
			{"Analis Kesehatan", dinkes.ID, "2025-03-01", "2025-03-01", "manual"},
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "2025-02-28", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
		{"a back-dated change does not create an inverted period", func(e *registry.Employee) { e.Jabatan = "Sekretaris" }, date(2025, 1, 1), "manual", []period{
			{"Sekretaris", disdik.ID, "2025-03-02", "", "manual"},
			{"Analis Kesehatan", dinkes.ID, "2025-03-01", "2025-03-01", "manual"},
			{"Guru Ahli Muda", disdik.ID, "2024-06-01", "2025-02-28", "manual"},
			{"Guru", disdik.ID, "2024-01-01", "2024-05-31", "manual"},
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			cur, err := f.s.Employee(ctx, f.a.ID, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			st.mod(&cur)
			auditBefore := f.count(t, `SELECT COUNT(*) FROM audit_log`)
			saved, err := f.s.SaveEmployee(ctx, actor, cur, st.effective, st.source)
			if err != nil {
				t.Fatal(err)
			}
			if saved.ID != e.ID {
				t.Fatalf("saved id %d", saved.ID)
			}
			if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'employee.update'`); n == 0 ||
				f.count(t, `SELECT COUNT(*) FROM audit_log`) != auditBefore+1 {
				t.Fatal("update not audited once")
			}
			check(t, st.want)
			got, _ := f.s.Employee(ctx, f.a.ID, e.ID)
			if got.Jabatan != st.want[0].jabatan || got.OPDID != st.want[0].opd {
				t.Fatalf("employee %+v does not match the open period", got)
			}
		})
	}
	// There is always exactly one open period, and no period ends before it starts.
	if n := f.count(t, `SELECT COUNT(*) FROM employee_position WHERE employee_id = ? AND valid_to IS NULL`, e.ID); n != 1 {
		t.Fatalf("%d open periods", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM employee_position WHERE valid_to < valid_from`); n != 0 {
		t.Fatalf("%d inverted periods", n)
	}
}

func TestEmployeesFilter(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	disdik := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	sd := f.opd(t, f.a.ID, "1.01.01", "Bidang SD", disdik.ID)
	dinkes := f.opd(t, f.a.ID, "1.02", "Dinas Kesehatan", 0)
	otherOPD := f.opd(t, f.b.ID, "1.01", "Dinas Pendidikan", 0)
	add := func(nip, name string, opd int64) registry.Employee {
		return f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: nip, Name: name, OPDID: opd})
	}
	amir := add("196608011988031001", "Drs. Amir Hamzah, M.Si.", disdik.ID)
	siti := add("199009132025242014", "Siti Rahmawati, S.Pd.", sd.ID)
	budi := add("198503122021211003", "Budi Santoso", dinkes.ID)
	ayu := add("197802152005012003", "Ni Ketut Ayu", sd.ID)
	under := add(pnsNIP(1), "Nama_Dengan_Garis", dinkes.ID)
	pct := add(pnsNIP(2), "Persen 100% Benar", dinkes.ID)
	plain := add(pnsNIP(3), "NamaXDenganYGaris", dinkes.ID)
	// Another instansi's employee with matching name and the same NIP as Amir.
	f.emp(t, registry.Employee{InstansiID: f.b.ID, NIP: "196608011988031001", Name: "Amir Cilacap", OPDID: otherOPD.ID})

	ids := func(es ...registry.Employee) []int64 {
		var out []int64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	tests := []struct {
		name string
		f    registry.Filter
		want []int64 // in name order
	}{
		{"all", registry.Filter{}, ids(budi, amir, plain, under, ayu, pct, siti)},
		{"name substring, any case", registry.Filter{Q: "AMIR"}, ids(amir)},
		{"name substring with surrounding space", registry.Filter{Q: "  santoso "}, ids(budi)},
		{"title in the name", registry.Filter{Q: "s.pd"}, ids(siti)},
		{"NIP substring", registry.Filter{Q: "2025242"}, ids(siti)},
		{"full NIP", registry.Filter{Q: "196608011988031001"}, ids(amir)},
		{"NIP typed with spaces", registry.Filter{Q: "19660801 198803 1 001"}, ids(amir)},
		{"NIP prefix typed with spaces", registry.Filter{Q: "1978 0215"}, ids(ayu)},
		{"NIP typed with dots and dashes", registry.Filter{Q: "19850312.2021-21"}, ids(budi)},
		{"no match", registry.Filter{Q: "tidak ada"}, nil},
		{"underscore is literal", registry.Filter{Q: "nama_dengan"}, ids(under)},
		{"percent is literal", registry.Filter{Q: "100%"}, ids(pct)},
		{"percent alone matches only names with it", registry.Filter{Q: "%"}, ids(pct)},
		{"one unit", registry.Filter{OPDIDs: []int64{sd.ID}}, ids(ayu, siti)},
		{"several units", registry.Filter{OPDIDs: []int64{sd.ID, disdik.ID}}, ids(amir, ayu, siti)},
		{"empty unit list means none", registry.Filter{OPDIDs: []int64{}}, nil},
		{"another instansi's unit", registry.Filter{OPDIDs: []int64{otherOPD.ID}}, nil},
		{"kind PNS", registry.Filter{Kind: "PNS"}, ids(amir, plain, under, ayu, pct)},
		{"kind PPPK", registry.Filter{Kind: "PPPK"}, ids(budi, siti)},
		{"unit, kind and query together", registry.Filter{OPDIDs: []int64{sd.ID, dinkes.ID}, Kind: "PPPK", Q: "s"}, ids(budi, siti)},
		{"unit and query", registry.Filter{OPDIDs: []int64{dinkes.ID}, Q: "garis"}, ids(plain, under)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fl := tt.f
			fl.InstansiID = f.a.ID
			p, err := f.s.Employees(ctx, fl)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p.Items...); !slices.Equal(got, tt.want) {
				var names []string
				for _, e := range p.Items {
					names = append(names, e.Name)
				}
				t.Fatalf("got %v (%v), want %v", got, names, tt.want)
			}
			if p.Total != len(tt.want) || p.Next != "" {
				t.Fatalf("Total = %d, Next = %q; want %d, \"\"", p.Total, p.Next, len(tt.want))
			}
			for _, e := range p.Items {
				if e.InstansiID != f.a.ID || e.OPDCode == "" || e.OPDName == "" {
					t.Fatalf("item %+v", e)
				}
			}
		})
	}
}

func TestEmployeesPaging(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u1 := f.opd(t, f.a.ID, "1.01", "Dinas Pendidikan", 0)
	u2 := f.opd(t, f.a.ID, "1.02", "Dinas Kesehatan", 0)
	// 23 employees, with repeated names so that paging must break ties by id,
	// and names that differ only in case.
	names := []string{"Agus", "Agus", "Agus", "Budi", "agus", "Citra", "Dewi", "Dewi", "Eko", "Fajar", "Gita", "Hadi",
		"Indah", "Joko", "Kartika", "Lestari", "Made", "Nur", "Nur", "Oki", "Putri", "Rina", "Zaenal"}
	all := map[int64]bool{}
	pns := 0
	for i, n := range names {
		nip, opd := pnsNIP(i), u1.ID
		if i%3 == 0 {
			nip, opd = pppkNIP(i), u2.ID
		} else {
			pns++
		}
		all[f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: nip, Name: n, OPDID: opd}).ID] = true
	}
	// Noise in the other instansi.
	ob := f.opd(t, f.b.ID, "1.01", "X", 0)
	for i := 0; i < 3; i++ {
		f.emp(t, registry.Employee{InstansiID: f.b.ID, NIP: pnsNIP(i), Name: "Agus", OPDID: ob.ID})
	}

	tests := []struct {
		name  string
		f     registry.Filter
		total int
	}{
		{"limit 1", registry.Filter{Limit: 1}, 23},
		{"limit 5", registry.Filter{Limit: 5}, 23},
		{"limit 7", registry.Filter{Limit: 7}, 23},
		{"limit equal to the total", registry.Filter{Limit: 23}, 23},
		{"limit above the total", registry.Filter{Limit: 1000000}, 23},
		{"default limit", registry.Filter{}, 23},
		{"filtered by kind", registry.Filter{Limit: 4, Kind: "PNS"}, pns},
		{"filtered by query", registry.Filter{Limit: 2, Q: "agus"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fl := tt.f
			fl.InstansiID = f.a.ID
			seen := map[int64]int{}
			var order []registry.Employee
			pages := 0
			for {
				p, err := f.s.Employees(ctx, fl)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if p.Total != tt.total {
					t.Fatalf("page %d: Total = %d, want %d", pages, p.Total, tt.total)
				}
				limit := fl.Limit
				if limit <= 0 {
					limit = 50
				}
				if len(p.Items) > limit || (p.Next != "" && len(p.Items) != limit) {
					t.Fatalf("page %d: %d items with limit %d, next %q", pages, len(p.Items), limit, p.Next)
				}
				for _, e := range p.Items {
					seen[e.ID]++
					order = append(order, e)
				}
				if p.Next == "" {
					break
				}
				if pages > 100 {
					t.Fatal("paging does not end")
				}
				fl.Cursor = p.Next
			}
			if len(order) != tt.total {
				t.Fatalf("%d employees over %d pages, want %d", len(order), pages, tt.total)
			}
			for id, n := range seen {
				if n != 1 || !all[id] {
					t.Fatalf("employee %d listed %d times (ours: %v)", id, n, all[id])
				}
			}
			for i := 1; i < len(order); i++ {
				a, b := order[i-1], order[i]
				if a.Name > b.Name || a.Name == b.Name && a.ID > b.ID {
					t.Fatalf("out of order: %q/%d before %q/%d", a.Name, a.ID, b.Name, b.ID)
				}
			}
		})
	}

	bad := []string{
		"!!!not-base64!!!",
		base64.RawURLEncoding.EncodeToString([]byte("no separator")),
		base64.RawURLEncoding.EncodeToString([]byte("abc\x00Agus")),
		base64.StdEncoding.EncodeToString([]byte("12\x00Agus")) + "==",
	}
	for _, c := range bad {
		_, err := f.s.Employees(ctx, registry.Filter{InstansiID: f.a.ID, Cursor: c})
		if !errors.Is(err, registry.ErrInvalid) || fieldOf(err) != "cursor" {
			t.Errorf("cursor %q: err = %v, want an invalid cursor", c, err)
		}
	}
}
