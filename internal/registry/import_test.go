package registry_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/roster"
)

// importUnits creates the units the roster fixtures name, in instansi inst.
// "Bagian Umum" exists twice, so that name is ambiguous.
func importUnits(t *testing.T, f *fixture, inst int64) map[string]registry.OPD {
	t.Helper()
	m := map[string]registry.OPD{}
	m["1.01"] = f.opd(t, inst, "1.01", "Dinas Pendidikan", 0)
	m["1.01.01"] = f.opd(t, inst, "1.01.01", "Bidang Sekolah Dasar", m["1.01"].ID)
	m["1.02"] = f.opd(t, inst, "1.02", "Dinas Kesehatan", 0)
	m["1.02.01"] = f.opd(t, inst, "1.02.01", "Bagian Umum", m["1.02"].ID)
	m["4.01"] = f.opd(t, inst, "4.01", "Sekretariat Daerah", 0)
	m["4.01.01"] = f.opd(t, inst, "4.01.01", "Bagian Umum", m["4.01"].ID)
	m["4.02"] = f.opd(t, inst, "4.02", "BKPSDM", 0)
	return m
}

func readRoster(t *testing.T, name string) *roster.Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := roster.Read(bytes.NewReader(b), name, roster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (f *fixture) importFile(t *testing.T, inst int64, name string, dryRun bool) *registry.ImportReport {
	t.Helper()
	rep, err := f.s.ImportRoster(context.Background(), actor, inst, readRoster(t, name), dryRun)
	if err != nil {
		t.Fatalf("ImportRoster(%s): %v", name, err)
	}
	if rep.DryRun != dryRun {
		t.Fatalf("report DryRun = %v", rep.DryRun)
	}
	return rep
}

type counts struct{ added, updated, unchanged int }

func checkReport(t *testing.T, rep *registry.ImportReport, want counts) {
	t.Helper()
	if !rep.OK() {
		t.Fatalf("problems: %v", rep.Problems)
	}
	if got := (counts{rep.Added, rep.Updated, rep.Unchanged}); got != want {
		t.Fatalf("added/updated/unchanged = %+v, want %+v", got, want)
	}
}

func (f *fixture) auditActions(t *testing.T, afterSeq int) []string {
	t.Helper()
	rows, err := f.d.Query(context.Background(), `SELECT action FROM audit_log WHERE seq > ? ORDER BY seq`, afterSeq)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func (f *fixture) accountsOf(t *testing.T, inst int64, nip string) []string {
	t.Helper()
	ctx := context.Background()
	e, err := f.s.EmployeeByNIP(ctx, inst, nip)
	if err != nil {
		t.Fatalf("EmployeeByNIP(%s): %v", nip, err)
	}
	accs, err := f.s.Accounts(ctx, inst, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range accs {
		out = append(out, a.Platform+":"+a.Handle)
	}
	return out
}

func TestImportRoster(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	units := importUnits(t, f, f.a.ID)
	importUnits(t, f, f.b.ID)

	// A dry run on an empty register reports what a real import would do
	// and writes nothing.
	before := f.counts(t)
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", true), counts{added: 7})
	sameCounts(t, before, f.counts(t))

	// The real import.
	seq := f.count(t, `SELECT COUNT(*) FROM audit_log`)
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", false), counts{added: 7})
	after := f.counts(t)
	if after["employee"] != before["employee"]+7 || after["employee_position"] != before["employee_position"]+7 ||
		after["social_account"] != before["social_account"]+11 {
		t.Fatalf("counts %v -> %v", before, after)
	}
	acts := f.auditActions(t, seq)
	if len(acts) != 7+11+1 || acts[len(acts)-1] != "roster.import" {
		t.Fatalf("audit actions of the import = %v", acts)
	}
	if n, _ := f.s.CountEmployees(ctx, f.b.ID); len(n) != 0 {
		t.Fatalf("the other instansi got employees: %v", n)
	}

	// What was stored, row by row.
	type stored struct {
		nip, name, kind, jabatan, unit, email, phone string
		accounts                                     []string
	}
	wantV1 := []stored{
		{"196608011988031001", "Drs. Amir Hamzah, M.Si.", "PNS", "Kepala Dinas", "1.01", "amir.hamzah@pendidikan.example.go.id", "081234567890",
			[]string{"facebook:amir.hamzah", "instagram:amir.h"}},
		{"199009132025242014", "Siti Rahmawati, S.Pd.", "PPPK", "Guru Ahli Pertama", "1.01", "siti.r@example.com", "+62 812 3456 7890",
			[]string{"tiktok:siti_r"}},
		{"198503122021211003", "Budi Santoso", "PPPK", "Penata Layanan Operasional", "1.02", "", "", nil},
		{"197802152005012003", "Ni Ketut Ayu Sri Wahyuni", "PNS", "Analis Kebijakan", "4.02", "", "",
			[]string{"instagram:ayu.sri", "mastodon:ayu@mastodon.social", "x:ayusri"}},
		{"198001152005031004", "Yohanes Pratama", "PNS", "Guru", "1.01.01", "", "",
			[]string{"facebook:facebook.com/profile.php?id=100012345678901"}},
		{"198001152005032005", "Maria Ulfa", "PNS", "Guru", "1.01.01", "", "",
			[]string{"facebook:facebook.com/profile.php?id=100098765432109", "other:blog.example.org/maria"}},
		{"198704102010011006", "Rudi Hartono", "PNS", "Kepala Bagian Umum", "4.01.01", "rudi@example.go.id", "(021) 555-0101",
			[]string{"bluesky:rudi.bsky.social", "telegram:rudi_hartono"}},
	}
	for _, w := range wantV1 {
		e, err := f.s.EmployeeByNIP(ctx, f.a.ID, w.nip)
		if err != nil {
			t.Fatalf("%s: %v", w.nip, err)
		}
		got := stored{e.NIP, e.Name, e.Kind, e.Jabatan, e.OPDCode, e.Email, e.Phone, f.accountsOf(t, f.a.ID, w.nip)}
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("stored\n%v\nwant\n%v", got, w)
		}
		ps, err := f.s.Positions(ctx, e.ID)
		if err != nil || len(ps) != 1 || ps[0].Source != "import" || ps[0].Jabatan != w.jabatan || ps[0].OPDID != units[w.unit].ID ||
			!ps[0].To.IsZero() || clock.FormatDate(ps[0].From) != clock.FormatDate(time.Now()) {
			t.Errorf("%s: positions %+v, %v", w.nip, ps, err)
		}
	}

	// Re-importing the same file changes nothing; only the import itself is audited.
	before = f.counts(t)
	seq = before["audit_log"]
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", false), counts{unchanged: 7})
	after = f.counts(t)
	before["audit_log"]++
	sameCounts(t, before, after)
	if acts := f.auditActions(t, seq); !slices.Equal(acts, []string{"roster.import"}) {
		t.Fatalf("audit actions of a re-import = %v", acts)
	}

	// Move the periods of the first import into the past, so that the
	// changes below close them rather than replacing them the same day.
	if _, err := f.d.Exec(ctx, `UPDATE employee_position SET valid_from = '2020-01-01'`); err != nil {
		t.Fatal(err)
	}

	// A dry run of the changed roster reports the changes and writes nothing.
	before = f.counts(t)
	checkReport(t, f.importFile(t, f.a.ID, "roster-v2.csv", true), counts{added: 1, updated: 3, unchanged: 4})
	sameCounts(t, before, f.counts(t))

	// The changed roster: Amir's e-mail, Budi's jabatan and unit, a new
	// account for Siti, and a new employee.
	seq = before["audit_log"]
	checkReport(t, f.importFile(t, f.a.ID, "roster-v2.csv", false), counts{added: 1, updated: 3, unchanged: 4})
	acts = f.auditActions(t, seq)
	slices.Sort(acts)
	if want := []string{"account.create", "employee.create", "employee.update", "employee.update", "roster.import"}; !slices.Equal(acts, want) {
		t.Fatalf("audit actions = %v, want %v", acts, want)
	}
	amir, _ := f.s.EmployeeByNIP(ctx, f.a.ID, "196608011988031001")
	if amir.Email != "amir@example.go.id" {
		t.Fatalf("Amir = %+v", amir)
	}
	if ps, _ := f.s.Positions(ctx, amir.ID); len(ps) != 1 {
		t.Fatalf("an e-mail change opened a position: %+v", ps)
	}
	if got := f.accountsOf(t, f.a.ID, "199009132025242014"); !slices.Equal(got, []string{"instagram:siti.rahma", "tiktok:siti_r"}) {
		t.Fatalf("Siti's accounts = %v", got)
	}
	budi, _ := f.s.EmployeeByNIP(ctx, f.a.ID, "198503122021211003")
	if budi.Jabatan != "Pengelola Layanan Operasional" || budi.OPDID != units["4.02"].ID {
		t.Fatalf("Budi = %+v", budi)
	}
	ps, err := f.s.Positions(ctx, budi.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now()
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s|%d|%s|%s|%s", p.Jabatan, p.OPDID, clock.FormatDate(p.From), dateOrEmpty(p.To), p.Source))
	}
	want := []string{
		fmt.Sprintf("Pengelola Layanan Operasional|%d|%s||import", units["4.02"].ID, clock.FormatDate(today)),
		fmt.Sprintf("Penata Layanan Operasional|%d|2020-01-01|%s|import", units["1.02"].ID, clock.FormatDate(today.AddDate(0, 0, -1))),
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Budi's positions =\n%v\nwant\n%v", got, want)
	}
	dewi, err := f.s.EmployeeByNIP(ctx, f.a.ID, "199103032015032007")
	if err != nil || dewi.OPDID != units["4.01"].ID {
		t.Fatalf("Dewi = %+v, %v", dewi, err)
	}

	// The same roster in the other instansi is independent of the first.
	checkReport(t, f.importFile(t, f.b.ID, "roster-v1.csv", false), counts{added: 7})
	checkReport(t, f.importFile(t, f.a.ID, "roster-v2.csv", false), counts{unchanged: 8})
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return clock.FormatDate(t)
}

func TestImportRosterRejects(t *testing.T) {
	t.Parallel()
	f := setup(t)
	importUnits(t, f, f.a.ID)
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", false), counts{added: 7})

	type place struct {
		line   int
		column string
	}
	tests := []struct {
		file string
		want []place
		text []string // substrings of the messages, in order
	}{
		{"bad-unknown-unit.csv", []place{{3, "unit_kerja"}}, []string{"Dinas Pariwisata"}},
		{"bad-ambiguous-unit.csv", []place{{2, "unit_kerja"}}, []string{"matches 2 units"}},
		{"bad-account-taken.csv", []place{{2, "akun"}, {4, "akun"}}, []string{"196608011988031001", "198001152005031004"}},
		{"bad-account-dup.csv", []place{{3, "akun"}, {5, "akun"}}, []string{"row 2", "row 4"}},
		{"bad-registry-rows.csv", []place{{2, "nama"}, {4, "telepon"}}, []string{"name", "phone"}},
		{"bad-nip.csv", []place{{3, "nip"}}, []string{"000"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, dryRun := range []bool{true, false} {
				before := f.counts(t)
				rep := f.importFile(t, f.a.ID, tt.file, dryRun)
				if rep.OK() {
					t.Fatalf("dry run %v: import accepted", dryRun)
				}
				var got []place
				for _, p := range rep.Problems {
					got = append(got, place{p.Line, p.Column})
					if p.Message == "" || p.MessageID == "" {
						t.Errorf("problem without messages: %+v", p)
					}
				}
				if !slices.Equal(got, tt.want) {
					t.Fatalf("problems at %v, want %v: %v", got, tt.want, rep.Problems)
				}
				for i, s := range tt.text {
					if !strings.Contains(rep.Problems[i].Message, s) {
						t.Errorf("problem %q does not mention %q", rep.Problems[i].Message, s)
					}
				}
				if rep.Added+rep.Updated+rep.Unchanged != 0 {
					t.Errorf("a rejected import reports %d/%d/%d", rep.Added, rep.Updated, rep.Unchanged)
				}
				// Nothing was written, not even an audit entry.
				sameCounts(t, before, f.counts(t))
			}
		})
	}
	// Amir's row in the rejected file did not change him.
	amir, err := f.s.EmployeeByNIP(context.Background(), f.a.ID, "196608011988031001")
	if err != nil || amir.Jabatan != "Kepala Dinas" {
		t.Fatalf("Amir = %+v, %v", amir, err)
	}
	// The file is fine after all: the whole roster is importable again.
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", false), counts{unchanged: 7})
}

func TestExportReimport(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	units := importUnits(t, f, f.a.ID)
	checkReport(t, f.importFile(t, f.a.ID, "roster-v1.csv", false), counts{added: 7})
	checkReport(t, f.importFile(t, f.a.ID, "roster-v2.csv", false), counts{added: 1, updated: 3, unchanged: 4})
	// Accounts entered by hand, without a URL or with one only.
	siti, _ := f.s.EmployeeByNIP(ctx, f.a.ID, "199009132025242014")
	for _, a := range []registry.Account{
		{Platform: "youtube", Handle: "sitirahma"},
		{Platform: "other", URL: "https://sites.google.com/view/siti-rahma"},
		{Platform: "linkedin", Handle: "siti-rahmawati", URL: "https://linkedin.com/in/siti-rahmawati"},
	} {
		a.InstansiID, a.EmployeeID = f.a.ID, siti.ID
		if _, err := f.s.SaveAccount(ctx, actor, a); err != nil {
			t.Fatal(err)
		}
	}
	// An employee saved by hand with a name that needs quoting and a
	// formula-like jabatan.
	f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pnsNIP(40), Name: "O'Neil, \"Bob\"", Jabatan: "=SUM(A1)", OPDID: units["1.02.01"].ID,
		Phone: "+62 811"})
	// Names for the cursor to page over.
	for i := 0; i < 5; i++ {
		f.emp(t, registry.Employee{InstansiID: f.a.ID, NIP: pppkNIP(i), Name: "Pegawai Kontrak", OPDID: units["4.01"].ID})
	}

	rows, err := f.s.ExportRows(ctx, f.a.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 14 {
		t.Fatalf("exported %d rows", len(rows))
	}
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Nama > rows[i].Nama {
			t.Fatalf("export not by name: %q before %q", rows[i-1].Nama, rows[i].Nama)
		}
	}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := roster.Write(&buf, format, rows); err != nil {
				t.Fatal(err)
			}
			res, err := roster.Read(bytes.NewReader(buf.Bytes()), "export."+format, roster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) > 0 || len(res.Rows) != len(rows) {
				t.Fatalf("read back %d rows, problems %v", len(res.Rows), res.Problems)
			}
			before := f.counts(t)
			rep, err := f.s.ImportRoster(ctx, actor, f.a.ID, res, false)
			if err != nil {
				t.Fatal(err)
			}
			checkReport(t, rep, counts{unchanged: len(rows)})
			before["audit_log"]++
			sameCounts(t, before, f.counts(t))
		})
	}

	// Export of some units only.
	sub := registry.Subtree(mustTree(t, f), units["1.01"].ID)
	rows, err = f.s.ExportRows(ctx, f.a.ID, sub)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Nama+"@"+r.UnitKerja)
	}
	want := []string{"Drs. Amir Hamzah, M.Si.@1.01", "Maria Ulfa@1.01.01", "Siti Rahmawati, S.Pd.@1.01", "Yohanes Pratama@1.01.01"}
	if !slices.Equal(got, want) {
		t.Fatalf("export of Dinas Pendidikan = %v, want %v", got, want)
	}
	if rows, err := f.s.ExportRows(ctx, f.b.ID, nil); err != nil || len(rows) != 0 {
		t.Fatalf("export of the other instansi = %v, %v", rows, err)
	}
}

func mustTree(t *testing.T, f *fixture) []registry.OPD {
	t.Helper()
	tree, err := f.s.OPDs(context.Background(), f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
