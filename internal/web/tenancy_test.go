package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestTenancyAdmin2 checks that the admin of instansi 32.16 never sees data of
// instansi 99.01, through pages or the API, even when naming its ids.
func TestTenancyAdmin2(t *testing.T) {
	f := newFixture(t)
	// Markers of 99.01: employee names, user full names, an OPD name.
	secrets := []string{"Budi Santoso", "Siti Aminah", "199001012015032001", "Pengguna kepala_opd", "Admin Uji", "Dinas Kesehatan"}
	leaks := func(where, body string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s shows %q of instansi 99.01", where, s)
			}
		}
	}
	// Positive control: the 99.01 admin does see them.
	a := f.login("admin")
	if _, body := a.get("/audit"); !strings.Contains(body, "Budi Santoso") {
		t.Fatal("control: admin's audit page lacks 99.01 data")
	}

	b := f.login("admin2")
	// Trying to work on 99.01 through the instansi switch (query, cookie, form) changes nothing.
	b.http.Jar.SetCookies(mustURL(f.TS.URL), []*http.Cookie{{Name: instansiCookie, Value: itoa(f.Inst), Path: "/"}})
	if st, _, _ := b.send("POST", "/instansi", url.Values{"instansi": {itoa(f.Inst)}}, ""); st != http.StatusForbidden {
		t.Errorf("switch to 99.01: %d", st)
	}
	for _, p := range []string{"/dasbor", "/pegawai", "/pegawai?q=budi", "/opd", "/audit", "/audit?type=employee&id=" + itoa(f.EmpIn1),
		"/audit?instansi=" + itoa(f.Inst), "/pengguna", "/pegawai?instansi=" + itoa(f.Inst)} {
		resp, body := b.get(p)
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		leaks(p, body)
	}
	if _, body := b.get("/pegawai"); !strings.Contains(body, "Joko Rahasia") && !strings.Contains(body, "not implemented") {
		t.Error("control: admin2 does not see their own employee")
	}
	if _, body := b.get("/audit"); !strings.Contains(body, "Joko Rahasia") {
		t.Error("control: admin2's audit page lacks their own employee")
	}
	for _, p := range []string{"/pegawai/" + itoa(f.EmpIn1), "/pegawai/" + itoa(f.EmpIn2), "/pegawai/" + itoa(f.EmpIn1) + "/ubah"} {
		resp, body := b.get(p)
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusNotImplemented {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
		leaks(p, body)
	}

	tok := f.apiToken("admin2")
	for _, p := range []string{"/api/v1/employees", "/api/v1/employees?instansi=" + itoa(f.Inst), "/api/v1/opd",
		"/api/v1/opd?instansi=" + itoa(f.Inst), "/api/v1/me?instansi=" + itoa(f.Inst)} {
		resp, body := f.api("GET", p, tok, "")
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
		leaks(p, body)
	}
	list := f.getJSON("/api/v1/employees", tok, 200)
	if list["total"] != float64(1) || strings.Join(itemNames(list), ",") != "Joko Rahasia" {
		t.Errorf("admin2 employees: %v", list)
	}
	for _, id := range []int64{f.EmpIn1, f.EmpIn2} {
		m := f.getJSON("/api/v1/employees/"+itoa(id), tok, 404)
		if m["error"].(map[string]any)["code"] != "not_found" {
			t.Errorf("employee %d: %v", id, m)
		}
	}
	for _, q := range []string{"?opd=1.02", "?opd=" + itoa(f.OPD1), "?opd=" + itoa(f.OPD2)} {
		resp, body := f.api("GET", "/api/v1/employees"+q, tok, "")
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
		leaks(q, body)
	}
	// The other direction: 99.01 does not see 32.16's employee.
	ta := f.apiToken("admin")
	f.getJSON("/api/v1/employees/"+itoa(f.EmpOther), ta, 404)
	if _, body := f.api("GET", "/api/v1/employees?q=joko", ta, ""); strings.Contains(body, "Joko") {
		t.Error("admin of 99.01 sees the employee of 32.16")
	}
}
