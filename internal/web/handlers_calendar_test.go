package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/workcal"
)

func TestCalendarPageAndEdits(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.login("admin")

	// The shipped days of 2024 are listed, in Indonesian by default.
	st, _, body := admin.send("GET", "/kalender?tahun=2024", nil, "")
	if st != http.StatusOK {
		t.Fatalf("GET /kalender: %d", st)
	}
	for _, want := range []string{`id="hari-2024-04-10"`, "Idulfitri 1445 Hijriah", "Cuti bersama", "Hari pemungutan suara Pilkada serentak 2024",
		"SKB Menteri Agama", `action="/kalender/tambah"`, "Tenggat bawaan", "3 hari kerja", "domain-rules §2.5"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// 2027 is provisional; 2029 has no national data.
	if _, _, b := admin.send("GET", "/kalender?tahun=2027", nil, ""); !strings.Contains(b, `id="cal-provisional"`) {
		t.Error("2027 not marked provisional")
	}
	if _, _, b := admin.send("GET", "/kalender?tahun=2029", nil, ""); !strings.Contains(b, `id="cal-uncovered"`) {
		t.Error("2029 not marked as lacking national data")
	}
	// A year out of range shows the current year instead of failing.
	if st, _, _ := admin.send("GET", "/kalender?tahun=1990", nil, ""); st != http.StatusOK {
		t.Errorf("out-of-range year: %d", st)
	}

	// Add a regional holiday whose name carries markup: stored, shown escaped.
	hostile := `<script>alert("x")</script> HUT <b>Kab</b>`
	st, loc, _ := admin.send("POST", "/kalender/tambah", url.Values{"date": {"2025-07-16"}, "kind": {"libur_daerah"},
		"name": {hostile}, "note": {`Kep. Bupati <img src=x onerror=alert(1)>`}}, "")
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/kalender?") || !strings.Contains(loc, "#hari-2025-07-16") {
		t.Fatalf("add: %d %q", st, loc)
	}
	_, _, body = admin.send("GET", loc, nil, "")
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>Kab</b>") || strings.Contains(body, "<img src=x") {
		t.Fatal("user text emitted raw")
	}
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; HUT &lt;b&gt;Kab&lt;/b&gt;") || !strings.Contains(body, "Hari libur ditambahkan.") {
		t.Errorf("escaped name or notice missing")
	}
	cal, err := workcal.Load(ctx, f.DB, f.Inst)
	if err != nil {
		t.Fatal(err)
	}
	if cal.IsWorkingDay(mustDate(t, "2025-07-16")) {
		t.Fatal("added day is still a working day")
	}

	// Refusals come back on the page with the field named, status 400.
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"date": {"16/07/2025"}, "kind": {"libur_daerah"}, "name": {"x"}}, "bukan tanggal berbentuk TTTT-BB-HH"},
		{url.Values{"date": {"2019-07-16"}, "kind": {"libur_daerah"}, "name": {"x"}}, "di luar jangkauan"},
		{url.Values{"date": {"2025-07-17"}, "kind": {"libur"}, "name": {"x"}}, "tidak dikenal"},
		{url.Values{"date": {"2025-07-17"}, "kind": {"libur_daerah"}, "name": {" "}}, "nama hari wajib diisi"},
		{url.Values{"date": {"2025-12-25"}, "kind": {"libur_daerah"}, "name": {"x"}}, "sudah menjadi hari libur"},
	} {
		st, _, b := admin.send("POST", "/kalender/tambah", tc.form, "")
		if st != http.StatusBadRequest || !strings.Contains(b, tc.want) || !strings.Contains(b, `class="field-error"`) {
			t.Errorf("add %v: %d, want 400 with %q", tc.form, st, tc.want)
		}
	}
	if st, _, b := admin.send("POST", "/kalender/hapus", url.Values{"date": {"2025-07-17"}}, ""); st != http.StatusBadRequest || !strings.Contains(b, "bukan hari libur yang tercatat") {
		t.Errorf("remove a working day: %d", st)
	}

	// Remove a shipped cuti bersama, then restore it.
	st, loc, _ = admin.send("POST", "/kalender/hapus", url.Values{"date": {"2025-12-26"}, "note": {"Pelayanan tetap buka"}}, "")
	if st != http.StatusSeeOther {
		t.Fatalf("remove: %d", st)
	}
	_, _, body = admin.send("GET", loc, nil, "")
	if !strings.Contains(body, `id="dihapus-2025-12-26"`) || !strings.Contains(body, "Pelayanan tetap buka") || strings.Contains(body, `id="hari-2025-12-26"`) {
		t.Error("removed day not shown as removed")
	}
	if st, _, _ := admin.send("POST", "/kalender/pulihkan", url.Values{"date": {"2025-12-26"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("restore: %d", st)
	}
	if cal, _ := workcal.Load(ctx, f.DB, f.Inst); cal.IsWorkingDay(mustDate(t, "2025-12-26")) {
		t.Error("restore did not apply")
	}
	// Remove the added day again.
	if st, _, _ := admin.send("POST", "/kalender/hapus", url.Values{"date": {"2025-07-16"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("remove added: %d", st)
	}

	// Each change is audited with the user as actor.
	entries, err := audit.List(ctx, f.DB, audit.Filter{InstansiID: f.Inst, ObjectType: "workcal_day"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Actor != "admin" {
			t.Errorf("actor %q", entries[i].Actor)
		}
		got = append(got, entries[i].Action+" "+entries[i].ObjectID)
	}
	if strings.Join(got, ",") != "workcal.add 2025-07-16,workcal.remove 2025-12-26,workcal.restore 2025-12-26,workcal.remove 2025-07-16" {
		t.Errorf("audit %v", got)
	}

	// English.
	if st, _, _ := admin.send("GET", "/bahasa/en?next=/kalender", nil, ""); st != http.StatusSeeOther {
		t.Fatalf("switch language: %d", st)
	}
	_, _, body = admin.send("GET", "/kalender?tahun=2024", nil, "")
	if !strings.Contains(body, "Eid al-Fitr 1445 H") || !strings.Contains(body, "Working-day calendar") {
		t.Error("English page")
	}
}

func TestCalendarPermissionsAndTenancy(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	if st, _, _ := admin.send("POST", "/kalender/tambah", url.Values{"date": {"2025-07-16"}, "kind": {"libur_daerah"}, "name": {"HUT Kabupaten Uji"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("add: %d", st)
	}
	// The chair may edit; the other PermDashboard roles only read.
	ketua := f.login("ketua_tim")
	if _, _, b := ketua.send("GET", "/kalender?tahun=2025", nil, ""); !strings.Contains(b, `action="/kalender/tambah"`) || !strings.Contains(b, "HUT Kabupaten Uji") {
		t.Error("ketua_tim lacks the edit form")
	}
	for _, role := range []string{"tim", "inspektorat", "kepala_opd", "pimpinan"} {
		c := f.login(role)
		st, _, b := c.send("GET", "/kalender?tahun=2025", nil, "")
		if st != http.StatusOK || !strings.Contains(b, "HUT Kabupaten Uji") {
			t.Errorf("%s: GET %d", role, st)
		}
		if strings.Contains(b, `action="/kalender/tambah"`) || strings.Contains(b, `action="/kalender/hapus"`) {
			t.Errorf("%s sees edit forms", role)
		}
		for _, p := range []string{"/kalender/tambah", "/kalender/hapus", "/kalender/pulihkan"} {
			if st, _, _ := c.send("POST", p, url.Values{"date": {"2025-12-25"}, "kind": {"libur_daerah"}, "name": {"x"}}, ""); st != http.StatusForbidden {
				t.Errorf("%s POST %s: %d, want 403", role, p, st)
			}
		}
	}
	for _, role := range []string{"bawaslu", "asn"} {
		if st, _, _ := f.login(role).send("GET", "/kalender", nil, ""); st != http.StatusForbidden {
			t.Errorf("%s GET: %d, want 403", role, st)
		}
	}
	if st, loc, _ := f.anon().send("GET", "/kalender", nil, ""); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/masuk") {
		t.Errorf("anonymous: %d %q", st, loc)
	}
	// A POST without the form token is refused.
	nocsrf := f.login("admin")
	nocsrf.csrf = "wrong"
	if st, _, _ := nocsrf.send("POST", "/kalender/tambah", url.Values{"date": {"2025-07-18"}, "kind": {"libur_daerah"}, "name": {"x"}}, ""); st != http.StatusForbidden {
		t.Errorf("bad CSRF: %d", st)
	}
	// Another instansi does not see the first one's day, and its edits stay its own.
	admin2 := f.login("admin2")
	if _, _, b := admin2.send("GET", "/kalender?tahun=2025", nil, ""); strings.Contains(b, "HUT Kabupaten Uji") {
		t.Error("instansi 2 sees instansi 1's day")
	}
	if st, _, _ := admin2.send("POST", "/kalender/hapus", url.Values{"date": {"2025-07-16"}}, ""); st != http.StatusBadRequest {
		t.Errorf("instansi 2 removed instansi 1's day: %d", st)
	}
	if cal, _ := workcal.Load(context.Background(), f.DB, f.Inst); cal.IsWorkingDay(mustDate(t, "2025-07-16")) {
		t.Error("instansi 1's day gone")
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := workcal.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCalendarDynamicKeys checks the message keys built at run time (kinds,
// steps, weekdays), which the i18n key test cannot see.
func TestCalendarDynamicKeys(t *testing.T) {
	var keys []string
	for _, k := range workcal.Kinds {
		keys = append(keys, "calendar.kind."+string(k))
	}
	for _, s := range workcal.Steps {
		keys = append(keys, "calendar.step."+s)
	}
	for wd := 0; wd < 7; wd++ {
		keys = append(keys, "calendar.weekday."+strconv.Itoa(wd))
	}
	for _, k := range keys {
		for _, lang := range i18n.Languages {
			if got := i18n.For(lang).T(k); got == k {
				t.Errorf("%s: no %q", lang, k)
			}
		}
	}
}
