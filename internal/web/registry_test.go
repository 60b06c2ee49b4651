package web

import (
	"bytes"
	"context"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/registry"
)

// regPost sends a form (with the CSRF token) and returns the response and its body.
func (c *client) regPost(path string, form url.Values) (*http.Response, string) {
	c.f.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", c.csrf)
	}
	resp, err := c.http.PostForm(c.f.TS.URL+path, form)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// regUpload posts a multipart form with one file in the field "file".
func (c *client) regUpload(path, filename string, data []byte, fields url.Values) (*http.Response, string) {
	c.f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if fields == nil {
		fields = url.Values{}
	}
	if fields.Get("_csrf") == "" {
		fields.Set("_csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			c.f.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.f.TS.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// countEmployees counts the employees of an instansi in the database.
func (f *fixture) countEmployees(inst int64) int {
	f.t.Helper()
	var n int
	if err := f.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM employee WHERE instansi_id = ?`, inst).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// countAudit counts audit entries with an action (and object id when not "").
func (f *fixture) countAudit(action, objectID string) int {
	f.t.Helper()
	q, args := `SELECT COUNT(*) FROM audit_log WHERE action = ?`, []any{action}
	if objectID != "" {
		q += ` AND object_id = ?`
		args = append(args, objectID)
	}
	var n int
	if err := f.DB.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func mustContain(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("%s: missing %q", what, s)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(body, s) {
			t.Errorf("%s: unexpectedly contains %q", what, s)
		}
	}
}

func TestOPDPage(t *testing.T) {
	f := newFixture(t)
	a := f.login("admin")
	resp, body := a.get("/opd")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /opd: %d", resp.StatusCode)
	}
	mustContain(t, "tree", body, "Dinas Pendidikan", "Bidang Pembinaan SD", "Dinas Kesehatan",
		`href="/pegawai?opd=`+itoa(f.OPD1)+`"`, `class="unit d1"`, `id="opd-form"`, `name="_csrf"`)
	// OPD1 has no employee of its own but one in its sub-unit.
	if !regexp.MustCompile(`(?s)id="opd-` + itoa(f.OPD1) + `".*?<td class="num">0</td>\s*<td class="num">1</td>`).MatchString(body) {
		t.Error("OPD1 counts: want 0 direct, 1 with sub-units")
	}

	// Add a unit below OPD2.
	resp, _ = a.regPost("/opd", url.Values{"code": {"1.02.01"}, "name": {"UPTD Puskesmas Kota"}, "kind": {"uptd"}, "parent": {itoa(f.OPD2)}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/opd?ok=opd_saved") {
		t.Fatalf("add unit: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = a.get(resp.Header.Get("Location"))
	mustContain(t, "after add", body, "UPTD Puskesmas Kota", "Unit telah disimpan.")

	// A duplicate code re-renders the form with the message and the values typed.
	resp, body = a.regPost("/opd", url.Values{"code": {"1.01"}, "name": {"Dinas Ganda"}, "kind": {"dinas"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("duplicate code: %d", resp.StatusCode)
	}
	mustContain(t, "duplicate code", body, "kode sudah dipakai unit lain", `value="Dinas Ganda"`)

	// A unit cannot become its own descendant's child.
	resp, body = a.regPost("/opd", url.Values{"id": {itoa(f.OPD1)}, "code": {"1.01"}, "name": {"Dinas Pendidikan"}, "kind": {"dinas"}, "parent": {itoa(f.OPD1Sub)}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("cycle: %d", resp.StatusCode)
	}
	mustContain(t, "cycle", body, "sub-unitnya")

	// The edit form is prefilled and excludes the unit's own subtree from parents.
	_, body = a.get("/opd?ubah=" + itoa(f.OPD1))
	mustContain(t, "edit form", body, `name="id" value="`+itoa(f.OPD1)+`"`, `value="Dinas Pendidikan"`)
	if strings.Contains(body, `<option value="`+itoa(f.OPD1Sub)+`"`) {
		t.Error("edit form offers the unit's own sub-unit as parent")
	}
	resp, _ = a.regPost("/opd", url.Values{"id": {itoa(f.OPD1)}, "code": {"1.01"}, "name": {"Dinas Pendidikan dan Kebudayaan"}, "kind": {"dinas"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	o, err := f.S.Reg.OPD(context.Background(), f.Inst, f.OPD1)
	if err != nil || o.Name != "Dinas Pendidikan dan Kebudayaan" {
		t.Fatalf("rename not saved: %+v %v", o, err)
	}
	// Another instansi's unit cannot be edited.
	var other int64
	if err := f.DB.QueryRow(context.Background(), `SELECT id FROM opd WHERE instansi_id = ?`, f.Inst2).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if resp, _ := a.regPost("/opd", url.Values{"id": {itoa(other)}, "code": {"9"}, "name": {"x"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("edit other instansi's unit: %d", resp.StatusCode)
	}

	// In English the registry's message is in English.
	a.get("/bahasa/en?next=/opd")
	resp, body = a.regPost("/opd", url.Values{"code": {"1.01"}, "name": {"Dup"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("duplicate (en): %d", resp.StatusCode)
	}
	mustContain(t, "duplicate (en)", body, "another unit already has this code", "Add a unit")

	// Kepala OPD sees their subtree only, and no form.
	k := f.login("kepala_opd")
	_, body = k.get("/opd")
	mustContain(t, "kepala tree", body, "Bidang Pembinaan SD")
	mustNotContain(t, "kepala tree", body, "Dinas Kesehatan", `id="opd-form"`)
	if resp, _ := k.regPost("/opd", url.Values{"code": {"7"}, "name": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("kepala POST /opd: %d", resp.StatusCode)
	}
}

func TestEmployeeListSearchAndPaging(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i, n := range []string{"Ahmad Fauzi", "Citra Lestari", "Dewi Sartika", "Eko Prasetyo"} {
		nipS := "19880101201001100" + strconv.Itoa(i+1)
		if _, err := f.S.Reg.SaveEmployee(ctx, audit.System("test"), registry.Employee{InstansiID: f.Inst, NIP: nipS, Name: n,
			Jabatan: "Pranata", OPDID: f.OPD2}, timeZero, "test"); err != nil {
			t.Fatal(err)
		}
	}
	a := f.login("admin")
	resp, body := a.get("/pegawai")
	if resp.StatusCode != 200 {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	mustContain(t, "list", body, "6 pegawai", "Budi Santoso", "Siti Aminah", "Eko Prasetyo", "19850315 201001 1 002",
		`href="/pegawai/`+itoa(f.EmpIn1)+`"`, `href="/ekspor?format=csv"`, `href="/ekspor?format=xlsx"`, `href="/pegawai/baru"`)
	mustNotContain(t, "list", body, "Joko Rahasia", `id="next"`)

	_, body = a.get("/pegawai?q=budi")
	mustContain(t, "search name", body, "1 pegawai", "Budi Santoso")
	mustNotContain(t, "search name", body, "Siti Aminah")
	_, body = a.get("/pegawai?q=" + url.QueryEscape("19900101 201503 2 001"))
	mustContain(t, "search NIP", body, "1 pegawai", "Siti Aminah")
	_, body = a.get("/pegawai?opd=" + itoa(f.OPD1))
	mustContain(t, "OPD filter (with sub-units)", body, "1 pegawai", "Budi Santoso")
	_, body = a.get("/pegawai?kind=PPPK")
	mustContain(t, "kind filter", body, "0 pegawai", `id="no-employees"`)

	// Paging one at a time visits everyone once, in name order.
	var names []string
	next := "/pegawai?n=1"
	nameRe := regexp.MustCompile(`<td><a href="/pegawai/\d+">([^<]+)</a></td>`)
	nextRe := regexp.MustCompile(`id="next" rel="next" href="([^"]+)"`)
	for i := 0; next != "" && i < 10; i++ {
		resp, body := a.get(next)
		if resp.StatusCode != 200 {
			t.Fatalf("page %s: %d", next, resp.StatusCode)
		}
		for _, m := range nameRe.FindAllStringSubmatch(body, -1) {
			names = append(names, m[1])
		}
		next = ""
		if m := nextRe.FindStringSubmatch(body); m != nil {
			next = html.UnescapeString(m[1])
		}
	}
	want := "Ahmad Fauzi,Budi Santoso,Citra Lestari,Dewi Sartika,Eko Prasetyo,Siti Aminah"
	if got := strings.Join(names, ","); got != want {
		t.Fatalf("paged names:\n got %s\nwant %s", got, want)
	}
	if resp, _ := a.get("/pegawai?cursor=%21%21"); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad cursor: %d", resp.StatusCode)
	}
}

func TestEmployeeScopeAndTenancy(t *testing.T) {
	f := newFixture(t)
	k := f.login("kepala_opd")
	resp, body := k.get("/pegawai")
	if resp.StatusCode != 200 {
		t.Fatalf("kepala list: %d", resp.StatusCode)
	}
	mustContain(t, "kepala list", body, "1 pegawai", "Budi Santoso")
	mustNotContain(t, "kepala list", body, "Siti Aminah", "Dinas Kesehatan", "/ekspor", "/pegawai/baru")
	_, body = k.get("/pegawai?opd=" + itoa(f.OPD2))
	mustContain(t, "kepala filter outside scope", body, "0 pegawai")
	if resp, _ := k.get("/pegawai/" + itoa(f.EmpIn2)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("kepala EmpIn2: %d", resp.StatusCode)
	}
	if resp, _ := k.get("/pegawai/" + itoa(f.EmpIn1)); resp.StatusCode != 200 {
		t.Fatalf("kepala EmpIn1: %d", resp.StatusCode)
	}
	if resp, _ := k.regPost("/pegawai/"+itoa(f.EmpIn2)+"/akun", url.Values{"platform": {"instagram"}, "handle": {"siti"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("kepala adds account outside scope: %d", resp.StatusCode)
	}
	if resp, _ := k.get("/ekspor?format=csv"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("kepala export: %d", resp.StatusCode)
	}
	if resp, _ := k.get("/pegawai/" + itoa(f.EmpIn1) + "/ubah"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("kepala edit: %d", resp.StatusCode)
	}

	a2 := f.login("admin2")
	if resp, _ := a2.get("/pegawai/" + itoa(f.EmpIn1)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin2 EmpIn1: %d", resp.StatusCode)
	}
	if resp, _ := a2.get("/pegawai/" + itoa(f.EmpIn1) + "/ubah"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin2 edit EmpIn1: %d", resp.StatusCode)
	}
	if resp, _ := a2.regPost("/pegawai/"+itoa(f.EmpIn1)+"/ubah", url.Values{"name": {"X"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin2 update EmpIn1: %d", resp.StatusCode)
	}
	_, body = a2.get("/pegawai")
	mustContain(t, "admin2 list", body, "Joko Rahasia")
	mustNotContain(t, "admin2 list", body, "Budi Santoso")
	a := f.login("admin")
	if resp, _ := a.get("/pegawai/" + itoa(f.EmpOther)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin EmpOther: %d", resp.StatusCode)
	}
	if resp, _ := a.get("/pegawai/abc"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("non-numeric id: %d", resp.StatusCode)
	}
	// ASN and Bawaslu have no registry access.
	for _, u := range []string{"asn", "bawaslu"} {
		if resp, _ := f.login(u).get("/pegawai"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s list: %d", u, resp.StatusCode)
		}
	}
}

func TestEmployeeViewIsAudited(t *testing.T) {
	f := newFixture(t)
	a := f.login("tim")
	before := f.countAudit("employee.view", itoa(f.EmpIn1))
	resp, body := a.get("/pegawai/" + itoa(f.EmpIn1))
	if resp.StatusCode != 200 {
		t.Fatalf("detail: %d", resp.StatusCode)
	}
	mustContain(t, "detail", body, "Budi Santoso", "19850315 201001 1 002", "Bidang Pembinaan SD", "Analis", `id="positions"`, `id="account-form"`)
	mustNotContain(t, "detail (tim cannot edit)", body, `id="edit-employee"`)
	if got := f.countAudit("employee.view", itoa(f.EmpIn1)); got != before+1 {
		t.Fatalf("employee.view entries: %d, want %d", got, before+1)
	}
}

func TestCreateEmployeeBadNIP(t *testing.T) {
	f := newFixture(t)
	a := f.login("admin")
	resp, body := a.get("/pegawai/baru")
	if resp.StatusCode != 200 {
		t.Fatalf("new form: %d", resp.StatusCode)
	}
	mustContain(t, "new form", body, `name="nip"`, `name="effective"`, `name="_csrf"`, "Dinas Kesehatan")
	n := f.countEmployees(f.Inst)
	resp, body = a.regPost("/pegawai/baru", url.Values{"nip": {"12345"}, "name": {"Rina <b>Marlina</b>"}, "opd": {itoa(f.OPD2)}, "jabatan": {"Analis"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad NIP: %d", resp.StatusCode)
	}
	mustContain(t, "bad NIP", body, "NIP tidak valid: NIP berisi 5 digit", `class="field-error"`, `value="Rina &lt;b&gt;Marlina&lt;/b&gt;"`)
	if f.countEmployees(f.Inst) != n {
		t.Fatal("an employee was saved despite the bad NIP")
	}
	// A NIP already registered.
	resp, body = a.regPost("/pegawai/baru", url.Values{"nip": {"198503152010011002"}, "name": {"Budi Lain"}, "opd": {itoa(f.OPD2)}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("duplicate NIP: %d", resp.StatusCode)
	}
	mustContain(t, "duplicate NIP", body, "NIP sudah terdaftar")
	// A bad date.
	resp, body = a.regPost("/pegawai/baru", url.Values{"nip": {"198702102010011001"}, "name": {"Andi"}, "opd": {itoa(f.OPD2)}, "effective": {"kemarin"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad date: %d", resp.StatusCode)
	}
	mustContain(t, "bad date", body, "Tanggal berlaku tidak sah")
	if f.countEmployees(f.Inst) != n {
		t.Fatal("an employee was saved despite errors")
	}
}

func TestCreateAndEditEmployeeKeepsHistory(t *testing.T) {
	f := newFixture(t)
	a := f.login("admin")
	resp, _ := a.regPost("/pegawai/baru", url.Values{"nip": {"19870210 201001 1 001"}, "name": {"Andi Wijaya"}, "kind": {""},
		"jabatan": {"Analis Kepegawaian"}, "opd": {itoa(f.OPD2)}, "email": {"andi@example.go.id"}, "phone": {"0812 3456 789"},
		"effective": {"2020-01-01"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	m := regexp.MustCompile(`^/pegawai/(\d+)\?ok=saved$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("create redirect: %q", loc)
	}
	empID := m[1]
	_, body := a.get(loc)
	mustContain(t, "created", body, "Data pegawai telah disimpan.", "Andi Wijaya", "19870210 201001 1 001", "PNS", "01-01-2020")

	_, body = a.get("/pegawai/" + empID + "/ubah")
	mustContain(t, "edit form", body, `value="19870210 201001 1 001" readonly`, `value="Analis Kepegawaian"`, `value="andi@example.go.id"`)

	// Change the position from 1 June 2024; the NIP sent is ignored.
	resp, _ = a.regPost("/pegawai/"+empID+"/ubah", url.Values{"nip": {"198503152010011002"}, "name": {"Andi Wijaya"}, "kind": {"PNS"},
		"jabatan": {"Kepala Seksi"}, "opd": {itoa(f.OPD1)}, "email": {"andi@example.go.id"}, "phone": {"0812 3456 789"},
		"effective": {"01-06-2024"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", resp.StatusCode)
	}
	_, body = a.get("/pegawai/" + empID)
	rows := regexp.MustCompile(`<tr class="position`).FindAllString(body, -1)
	if len(rows) != 2 {
		t.Fatalf("position rows: %d, want 2", len(rows))
	}
	mustContain(t, "history", body, "01-06-2024 – sekarang", "01-01-2020 – 31-05-2024", "Kepala Seksi", "Analis Kepegawaian", "19870210 201001 1 001")
	e, err := f.S.Reg.EmployeeByNIP(context.Background(), f.Inst, "198702102010011001")
	if err != nil || e.Jabatan != "Kepala Seksi" || e.OPDID != f.OPD1 {
		t.Fatalf("after update: %+v %v", e, err)
	}

	// A wrong kind for the NIP is refused with the field named.
	resp, body = a.regPost("/pegawai/"+empID+"/ubah", url.Values{"name": {"Andi Wijaya"}, "kind": {"PPPK"}, "opd": {itoa(f.OPD1)}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("wrong kind: %d", resp.StatusCode)
	}
	mustContain(t, "wrong kind", body, "NIP ini nomor PNS, bukan PPPK")
}

func TestAccountsAddDuplicateDelete(t *testing.T) {
	f := newFixture(t)
	a := f.login("tim") // the Tim Pengawas may register accounts
	path := "/pegawai/" + itoa(f.EmpIn1)
	resp, _ := a.regPost(path+"/akun", url.Values{"platform": {"instagram"}, "handle": {"@Budi.S"}, "url": {"https://instagram.com/budi.s"}, "verified": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "ok=account_added") {
		t.Fatalf("add account: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := a.get(resp.Header.Get("Location"))
	mustContain(t, "with account", body, "@budi.s", "Instagram", "terverifikasi", "Akun telah ditambahkan.", `href="https://instagram.com/budi.s"`)

	// The same account again for the same employee.
	resp, body = a.regPost(path+"/akun", url.Values{"platform": {"instagram"}, "handle": {"budi.s"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("duplicate for same employee: %d", resp.StatusCode)
	}
	mustContain(t, "duplicate same", body, "sudah terdaftar untuk pegawai ini", `value="budi.s"`)
	// The same account for another employee.
	resp, body = a.regPost("/pegawai/"+itoa(f.EmpIn2)+"/akun", url.Values{"platform": {"instagram"}, "handle": {"budi.s"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("duplicate for other employee: %d", resp.StatusCode)
	}
	mustContain(t, "duplicate other", body, "akun ini sudah terdaftar")
	// Bad input.
	resp, body = a.regPost(path+"/akun", url.Values{"platform": {"friendster"}, "handle": {"budi"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad platform: %d", resp.StatusCode)
	}
	mustContain(t, "bad platform", body, "platform tidak dikenal")
	resp, body = a.regPost(path+"/akun", url.Values{"platform": {"x"}, "url": {"javascript:alert(1)"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad URL: %d", resp.StatusCode)
	}
	mustContain(t, "bad URL", body, "URL profil harus alamat http(s)")

	accs, err := f.S.Reg.Accounts(context.Background(), f.Inst, f.EmpIn1)
	if err != nil || len(accs) != 1 {
		t.Fatalf("accounts: %v %v", accs, err)
	}
	aid := itoa(accs[0].ID)
	// Deleting it through another employee's address does nothing.
	if resp, _ := a.regPost("/pegawai/"+itoa(f.EmpIn2)+"/akun/"+aid+"/hapus", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("delete via other employee: %d", resp.StatusCode)
	}
	resp, _ = a.regPost(path+"/akun/"+aid+"/hapus", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	_, body = a.get(resp.Header.Get("Location"))
	mustContain(t, "after delete", body, "Akun telah dihapus.", "Belum ada akun media sosial")
	if resp, _ := a.regPost(path+"/akun/"+aid+"/hapus", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("delete again: %d", resp.StatusCode)
	}
	// Without the form token nothing happens.
	if resp, _ := a.regPost(path+"/akun", url.Values{"_csrf": {"salah"}, "platform": {"x"}, "handle": {"budi"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("no CSRF token: %d", resp.StatusCode)
	}
	// Inspektorat may look but not add.
	if resp, _ := f.login("inspektorat").regPost(path+"/akun", url.Values{"platform": {"x"}, "handle": {"budi"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("inspektorat adds account: %d", resp.StatusCode)
	}
}

const goodRoster = "nip,nama,jenis_asn,jabatan,unit_kerja,email,telepon,akun\n" +
	"199009132025242014,\"Siti Rahmawati, S.Pd.\",,Guru Ahli Pertama,1.01.01,siti.r@example.com,081234567890,instagram:@siti.r\n" +
	"19870210 201001 1 001,Andi Wijaya,PNS,Analis Kepegawaian,Dinas Kesehatan,,,\n"

func TestImportRoster(t *testing.T) {
	f := newFixture(t)
	a := f.login("admin")
	resp, body := a.get("/impor")
	if resp.StatusCode != 200 {
		t.Fatalf("import form: %d", resp.StatusCode)
	}
	mustContain(t, "import form", body, `enctype="multipart/form-data"`, `name="dry_run"`, `href="/impor/templat"`, "unit_kerja", "50 MiB")
	resp, body = a.get("/impor/templat")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "nip,nama,jenis_asn,jabatan,unit_kerja,email,telepon,akun") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("template: %d %q %q", resp.StatusCode, body, resp.Header.Get("Content-Disposition"))
	}

	n0 := f.countEmployees(f.Inst)
	// Dry run: counts as a real import would give, nothing saved.
	resp, body = a.regUpload("/impor", "pegawai.csv", []byte(goodRoster), url.Values{"dry_run": {"1"}})
	if resp.StatusCode != 200 {
		t.Fatalf("dry run: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "dry run", body, `id="import-dry-run"`, `<b id="count-added">2</b>`)
	if f.countEmployees(f.Inst) != n0 {
		t.Fatal("dry run saved employees")
	}

	resp, body = a.regUpload("/impor", "pegawai.csv", []byte(goodRoster), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("import: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "import", body, `id="import-done"`, `<b id="count-added">2</b>`, `<b id="count-updated">0</b>`)
	if got := f.countEmployees(f.Inst); got != n0+2 {
		t.Fatalf("employees after import: %d, want %d", got, n0+2)
	}
	// The same file again changes nothing.
	resp, body = a.regUpload("/impor", "pegawai.csv", []byte(goodRoster), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("re-import: %d", resp.StatusCode)
	}
	mustContain(t, "re-import", body, `<b id="count-added">0</b>`, `<b id="count-unchanged">2</b>`)

	// A file with bad rows is rejected whole, every problem listed.
	bad := goodRoster + "12345,Rina,PNS,Staf,1.02,,,\n" + "198801012010011002,Rudi,PNS,Staf,Dinas Pariwisata,,,\n" +
		"198801022010011003,Rani,PNS,Staf,1.02,,,\n"
	n1 := f.countEmployees(f.Inst)
	resp, body = a.regUpload("/impor", "pegawai.csv", []byte(bad), nil)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad file: %d", resp.StatusCode)
	}
	mustContain(t, "bad file", body, `id="import-rejected"`, "tidak ada data yang disimpan", `<td class="num">4</td><td><code>nip</code></td>`,
		`<td class="num">5</td><td><code>unit_kerja</code></td>`, "Dinas Pariwisata")
	if f.countEmployees(f.Inst) != n1 {
		t.Fatal("a rejected file saved employees")
	}
	if _, err := f.S.Reg.EmployeeByNIP(context.Background(), f.Inst, "198801022010011003"); err == nil {
		t.Fatal("a good row of a rejected file was saved")
	}

	// Binary junk is rejected with a message, not a crash.
	junk := []byte{0x00, 0xff, 0xfe, 0x13, 0x37, 0x00, 0x01, 0x02, 0x89, 'P', 'N', 'G', 0x00, 0x00}
	resp, body = a.regUpload("/impor", "pegawai.csv", bytes.Repeat(junk, 100), nil)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("junk: %d", resp.StatusCode)
	}
	mustContain(t, "junk", body, `id="import-rejected"`)
	// A fake .xlsx.
	resp, body = a.regUpload("/impor", "pegawai.xlsx", []byte("bukan excel"), nil)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("fake xlsx: %d", resp.StatusCode)
	}
	mustContain(t, "fake xlsx", body, "bukan buku kerja XLSX")
	// No file at all.
	resp, body = a.regUpload("/impor", "", nil, nil)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("no file: %d", resp.StatusCode)
	}
	mustContain(t, "no file", body, "Pilih berkas")
	if f.countEmployees(f.Inst) != n1 {
		t.Fatal("employees changed by rejected uploads")
	}

	// In English the problems are in English.
	a.get("/bahasa/en?next=/impor")
	_, body = a.regUpload("/impor", "pegawai.csv", []byte(bad), nil)
	mustContain(t, "bad file (en)", body, "nothing was saved", "unknown unit")

	// Others may not import.
	for _, u := range []string{"tim", "kepala_opd"} {
		c := f.login(u)
		if resp, _ := c.get("/impor"); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s import form: %d", u, resp.StatusCode)
		}
		if resp, _ := c.regUpload("/impor", "pegawai.csv", []byte(goodRoster), nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s import: %d", u, resp.StatusCode)
		}
	}
}

func TestImportTooLarge(t *testing.T) {
	f := newFixture(t)
	s, err := New(f.DB, Options{MaxUploadBytes: 4096, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	small := *f
	small.S = s
	small.TS = httptest.NewServer(s.Handler())
	t.Cleanup(small.TS.Close)
	a := small.login("admin")
	n := f.countEmployees(f.Inst)
	big := []byte(goodRoster + strings.Repeat("# padding\n", 1000))
	if resp, _ := a.regUpload("/impor", "pegawai.csv", big, nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("file over the limit: %d", resp.StatusCode)
	}
	huge := bytes.Repeat([]byte("x"), 2<<20)
	if resp, _ := a.regUpload("/impor", "pegawai.csv", huge, nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("request over the limit: %d", resp.StatusCode)
	}
	if f.countEmployees(f.Inst) != n {
		t.Fatal("employees changed")
	}
	_, body := a.get("/impor")
	mustContain(t, "limit shown", body, "4 KiB")
}

func TestExportAndReimport(t *testing.T) {
	f := newFixture(t)
	a := f.login("admin")
	// Give Budi an account so it goes through the round trip.
	if resp, _ := a.regPost("/pegawai/"+itoa(f.EmpIn1)+"/akun", url.Values{"platform": {"instagram"}, "handle": {"budi.s"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add account: %d", resp.StatusCode)
	}
	before := f.countAudit("roster.export", "")
	resp, csvBody := a.get("/ekspor?format=csv")
	if resp.StatusCode != 200 {
		t.Fatalf("export csv: %d %s", resp.StatusCode, csvBody)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !regexp.MustCompile(`^attachment; filename="roster-99\.01-\d{8}\.csv"$`).MatchString(cd) {
		t.Fatalf("Content-Disposition: %q", cd)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("Content-Type: %q", resp.Header.Get("Content-Type"))
	}
	mustContain(t, "csv", csvBody, "nip,nama,jenis_asn", "198503152010011002,Budi Santoso,PNS,Analis,1.01.01", "instagram:")
	mustNotContain(t, "csv", csvBody, "Joko Rahasia")
	if got := f.countAudit("roster.export", ""); got != before+1 {
		t.Fatalf("roster.export entries: %d, want %d", got, before+1)
	}

	resp, body := a.regUpload("/impor", "roster.csv", []byte(csvBody), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("re-import csv: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "re-import csv", body, `<b id="count-added">0</b>`, `<b id="count-updated">0</b>`, `<b id="count-unchanged">2</b>`)

	resp, xlsx := a.get("/ekspor?format=xlsx")
	if resp.StatusCode != 200 || !strings.HasPrefix(xlsx, "PK") {
		t.Fatalf("export xlsx: %d %q", resp.StatusCode, xlsx[:min(len(xlsx), 10)])
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), ".xlsx") ||
		resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("xlsx headers: %v", resp.Header)
	}
	resp, body = a.regUpload("/impor", "roster.xlsx", []byte(xlsx), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("re-import xlsx: %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "re-import xlsx", body, `<b id="count-unchanged">2</b>`)

	if resp, _ := a.get("/ekspor?format=pdf"); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown format: %d", resp.StatusCode)
	}
	// The Tim Pengawas may export; the other instansi gets only its own roster.
	if resp, _ := f.login("tim").get("/ekspor?format=csv"); resp.StatusCode != 200 {
		t.Fatalf("tim export: %d", resp.StatusCode)
	}
	_, other := f.login("admin2").get("/ekspor?format=csv")
	mustContain(t, "admin2 export", other, "Joko Rahasia")
	mustNotContain(t, "admin2 export", other, "Budi Santoso")
}

// TestRegistryMessages checks the message keys the registry pages build at
// run time exist in both languages.
func TestRegistryMessages(t *testing.T) {
	var keys []string
	for _, k := range notices {
		keys = append(keys, k)
	}
	for _, k := range opdKinds {
		keys = append(keys, "opd.kind."+k)
	}
	for _, lang := range i18n.Languages {
		l := i18n.For(lang)
		for _, k := range keys {
			if l.T(k) == k {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
	}
	// Every registry page parses and is registered.
	for _, p := range []string{"opd.html", "employees.html", "employee.html", "employee_form.html", "import.html", "import_report.html"} {
		if _, err := fs.Stat(templateFS, "templates/"+p); err != nil {
			t.Error(err)
		}
	}
}
