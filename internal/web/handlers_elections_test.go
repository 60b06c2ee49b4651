package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

const demoPilkada = "pilkada-2024-tanjung-harapan"

// activeVersion returns the active election version of an instansi.
func (f *fixture) activeVersion(inst int64) monitor.ElectionVersion {
	f.t.Helper()
	v, err := monitor.EnsureElections(context.Background(), f.DB, inst)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// contestantOf returns a contestant of the instansi's active version.
func (f *fixture) contestantOf(inst int64, eid, cid string) *election.Contestant {
	f.t.Helper()
	es, err := f.activeVersion(inst).Elections()
	if err != nil {
		f.t.Fatal(err)
	}
	for _, e := range es {
		for _, c := range e.Contestants {
			if e.ID == eid && c.ID == cid {
				return c
			}
		}
	}
	f.t.Fatalf("no contestant %s/%s", eid, cid)
	return nil
}

// ingestOne ingests one activity record into the fixture's first instansi
// and returns it as stored.
func (f *fixture) ingestOne(id, text string) monitor.Activity {
	f.t.Helper()
	ctx := context.Background()
	rec, _ := json.Marshal(map[string]string{"id": id, "platform": "facebook", "kind": "post", "text": text})
	if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(string(rec)), monitor.IngestOptions{InstansiID: f.Inst,
		Source: monitor.SourceImport, Actor: audit.System("test")}); err != nil {
		f.t.Fatal(err)
	}
	a, err := monitor.ByExternalID(ctx, f.DB, f.Inst, "facebook", id)
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

// addTerm posts the quick-add form and returns status, location and body.
func (c *client) addTerm(eid, cid, field, term string) (int, string, string) {
	c.f.t.Helper()
	return c.send("POST", "/pemilihan/istilah", url.Values{"election": {eid}, "contestant": {cid}, "op": {"add"},
		"field": {field}, "term": {term}}, "")
}

func TestElectionsPageShowsTheActiveVersion(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	st, _, body := admin.send("GET", "/pemilihan", nil, "")
	if st != http.StatusOK {
		t.Fatalf("GET /pemilihan: %d", st)
	}
	v := f.activeVersion(f.Inst)
	mustContain(t, "elections page", body,
		`id="version-number">1<`, v.Lexicon, "bawaan", "system:monitor",
		"Pemilihan Bupati dan Wakil Bupati Tanjung Harapan 2024", "Pemilu Presiden dan Legislatif 2024", // both default elections
		"Untung Prasetyo", "Nurul Hidayah", "UNUR", "Bu Nurul", "Pasti Untung", "#UNUR02", "salam dua jari", "✌️",
		"No. 2", "Partai Gerakan Indonesia Raya", // a supporting party resolved to its name
		"Gemoy", // a weak alias of Pemilu 2024
		`action="/pemilihan/istilah"`, `action="/pemilihan/tambah"`, `action="/pemilihan/unggah"`,
		`action="/pemilihan/saring-ulang"`, `href="/pemilihan/riwayat"`, `href="/pemilihan"`)
	// Derived name forms not listed yet are suggested ("Hendra", "Ratna"…).
	mustContain(t, "derived forms", body, "Bentuk dari nama")

	// Viewers see the page without the forms; the nav link follows activity.view.
	for _, u := range []string{"tim", "kepala_opd", "inspektorat"} {
		c := f.login(u)
		st, _, body := c.send("GET", "/pemilihan", nil, "")
		if st != http.StatusOK {
			t.Fatalf("%s: GET /pemilihan: %d", u, st)
		}
		mustContain(t, u, body, "UNUR", `href="/pemilihan"`)
		mustNotContain(t, u, body, `action="/pemilihan/istilah"`, `action="/pemilihan/tambah"`, `action="/pemilihan/saring-ulang"`)
	}
	pim := f.login("pimpinan")
	if st, _, _ := pim.send("GET", "/pemilihan", nil, ""); st != http.StatusForbidden {
		t.Errorf("pimpinan: GET /pemilihan: %d, want 403", st)
	}
	_, dash := pim.get("/dasbor")
	mustNotContain(t, "pimpinan nav", dash, `href="/pemilihan"`)

	// The history lists the first version.
	st, _, body = admin.send("GET", "/pemilihan/riwayat", nil, "")
	if st != http.StatusOK {
		t.Fatalf("history: %d", st)
	}
	mustContain(t, "history", body, "Versi pertama", v.Lexicon, demoPilkada)

	// English.
	admin.send("GET", "/bahasa/en?next=/pemilihan", nil, "")
	_, _, body = admin.send("GET", "/pemilihan", nil, "")
	mustContain(t, "english page", body, "Elections &amp; Lexicon", "Weak aliases", "Screen again now")
}

func TestElectionsAddAliasScreensNewActivities(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	const text = "Ayo dukung Si Jago Merah sampai menang!"
	before := f.ingestOne("jago-1", text) // screened with version 1
	if before.Flagged {
		t.Fatalf("flagged before the alias exists: %+v", before.Screening)
	}
	v1 := f.activeVersion(f.Inst)
	audits := f.countAudit("elections.activate", "")

	st, loc, _ := admin.addTerm(demoPilkada, "02", "aliases", "  Si   Jago Merah ")
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/pemilihan?") || !strings.Contains(loc, "ok=changed") || !strings.Contains(loc, "v=2") {
		t.Fatalf("add alias: %d %q", st, loc)
	}
	v2 := f.activeVersion(f.Inst)
	if v2.Version != 2 || v2.Lexicon == v1.Lexicon || v2.Source != electionsSourceWeb || v2.CreatedBy != "admin" {
		t.Fatalf("version after adding: %+v", v2)
	}
	if c := f.contestantOf(f.Inst, demoPilkada, "02"); !strings.Contains(strings.Join(c.Aliases, "|"), "|Si Jago Merah") {
		t.Fatalf("aliases after adding: %q", c.Aliases)
	}
	if n := f.countAudit("elections.activate", itoa(v2.ID)); n != 1 || f.countAudit("elections.activate", "") != audits+1 {
		t.Fatalf("audit entries: %d for the version, %d in all (was %d)", n, f.countAudit("elections.activate", ""), audits)
	}
	var actor string
	if err := f.DB.QueryRow(context.Background(), `SELECT actor FROM audit_log WHERE action = 'elections.activate' AND object_id = ?`,
		itoa(v2.ID)).Scan(&actor); err != nil || actor != "admin" {
		t.Fatalf("audit actor %q %v", actor, err)
	}
	// A new activity is screened with the new alias; the stored result of
	// the old one keeps its version.
	after := f.ingestOne("jago-2", text)
	if !after.Flagged || after.Screening == nil || after.Screening.ElectionVersion != 2 ||
		!strings.Contains(strings.Join(after.Screening.Targets, ","), demoPilkada+"/02") {
		t.Fatalf("new activity after adding the alias: flagged %v, %+v", after.Flagged, after.Screening)
	}
	if old, _ := monitor.ByExternalID(context.Background(), f.DB, f.Inst, "facebook", "jago-1"); old.Flagged || old.Screening.ElectionVersion != 1 {
		t.Fatalf("old activity changed: %+v", old.Screening)
	}
	// The page says so and offers to screen again.
	_, page := admin.get(loc)
	mustContain(t, "page after the change", page, "Versi 2 disimpan", `id="rescreen-offer"`, "versi leksikon lamanya",
		"Si Jago Merah")
	// The history names the change.
	_, hist := admin.get("/pemilihan/riwayat")
	mustContain(t, "history", html.UnescapeString(hist), demoPilkada+"/02 · Alias: + “Si Jago Merah”")

	// Screen again (no job queue in this server: inline): the old activity
	// gets a result with version 2 and is flagged now.
	st, loc, _ = admin.send("POST", "/pemilihan/saring-ulang", nil, "")
	if st != http.StatusSeeOther || !strings.Contains(loc, "ok=rescreen_done") {
		t.Fatalf("screen again: %d %q", st, loc)
	}
	_, page = admin.get(loc)
	mustContain(t, "page after screening again", page, "Saring ulang selesai")
	if old, _ := monitor.ByExternalID(context.Background(), f.DB, f.Inst, "facebook", "jago-1"); !old.Flagged || old.Screening.ElectionVersion != 2 {
		t.Fatalf("old activity after screening again: flagged %v %+v", old.Flagged, old.Screening)
	}
	hist2, err := monitor.Screenings(context.Background(), f.DB, before.ID)
	if err != nil || len(hist2) != 2 {
		t.Fatalf("results of the old activity: %d %v (the old one is kept)", len(hist2), err)
	}

	// The edit form: remove one alias, add a slogan and a hashtag without
	// '#'; fields not sent keep their terms.
	c := f.contestantOf(f.Inst, demoPilkada, "02")
	var aliases []string
	for _, a := range c.Aliases {
		if a != "Bu Nurul" {
			aliases = append(aliases, a)
		}
	}
	st, loc, body := admin.send("POST", "/pemilihan/istilah", url.Values{"election": {demoPilkada}, "contestant": {"02"},
		"lexicon":  {v2.Lexicon},
		"aliases":  {strings.Join(aliases, "\r\n") + "\r\n\r\n"},
		"slogans":  {strings.Join(c.Slogans, "\n") + "\nUntung Bersama Rakyat"},
		"hashtags": {strings.Join(c.Hashtags, "\n") + "\nUnurJuara\n##UnurMenang2024"}}, "")
	if st != http.StatusSeeOther || !strings.Contains(loc, "v=3") {
		t.Fatalf("edit form: %d %q %.300s", st, loc, body)
	}
	c3 := f.contestantOf(f.Inst, demoPilkada, "02")
	if strings.Contains(strings.Join(c3.Aliases, "|"), "Bu Nurul") || !strings.Contains(strings.Join(c3.Slogans, "|"), "Untung Bersama Rakyat") ||
		strings.Join(c3.Hashtags, "|") != strings.Join(c.Hashtags, "|")+"|#UnurJuara|#UnurMenang2024" ||
		strings.Join(c3.Gestures, "|") != strings.Join(c.Gestures, "|") {
		t.Fatalf("after the edit: %+v", c3)
	}
	_, hist = admin.get("/pemilihan/riwayat")
	mustContain(t, "history of the edit", html.UnescapeString(hist), "− “Bu Nurul”", "+ “Untung Bersama Rakyat”", "+ “#UnurJuara”, “#UnurMenang2024”")

	// Submitting the same lists again stores nothing.
	v3 := f.activeVersion(f.Inst)
	n := f.countAudit("elections.activate", "")
	form := url.Values{"election": {demoPilkada}, "contestant": {"02"}}
	for _, fl := range termFields {
		form.Set(fl.Key, strings.Join(fl.get(c3), "\n"))
	}
	st, loc, _ = admin.send("POST", "/pemilihan/istilah", form, "")
	if st != http.StatusSeeOther || !strings.Contains(loc, "ok=unchanged") {
		t.Fatalf("unchanged submit: %d %q", st, loc)
	}
	if v := f.activeVersion(f.Inst); v.Version != v3.Version || f.countAudit("elections.activate", "") != n {
		t.Fatalf("unchanged submit stored version %d", v.Version)
	}
	_, page = admin.get(loc)
	mustContain(t, "unchanged notice", page, "Tidak ada yang berubah")
	mustNotContain(t, "unchanged notice", page, `id="rescreen-offer"`)
}

func TestElectionsTermValidation(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	v1 := f.activeVersion(f.Inst)
	for _, c := range []struct {
		field, term string
		want        []string
	}{
		{"aliases", "   ", []string{"Alias: istilah kosong"}},
		{"aliases", strings.Repeat("panjang ", 13), []string{"Alias:", "terlalu panjang (103 karakter, paling banyak 100)"}},
		{"aliases", "X", []string{"Alias: “X” terlalu pendek", "paling sedikit 3"}},
		{"weak_aliases", "02", []string{"Alias lemah: “02” hanyalah angka pendek"}},
		{"hashtags", "#2024", []string{"Tagar: “#2024” hanyalah angka pendek"}},
		{"gestures", "2", []string{"Gestur: “2” hanyalah angka pendek"}},
		{"gestures", "V", []string{"Gestur: “V” terlalu pendek"}},
		{"slogans", "--", []string{"Slogan: “--” tidak memuat huruf atau angka"}},
		{"aliases", "unur", []string{"Alias: “unur” tercantum dua kali (sama dengan “UNUR”)"}},
		{"aliases", "Budi", []string{"Alias: “Budi” adalah nama atau kata yang umum", "alias lemah"}},
		{"hashtags", "Unur Menang", []string{"Tagar: “#Unur Menang” hanya boleh berisi huruf, angka, dan garis bawah"}},
		{"hashtags", "#", []string{"Tagar: tagar kosong"}},
		{"weak_aliases", "Pak Untung", []string{"Alias lemah: “Pak Untung” sudah tercantum sebagai Alias"}},
		{"aliases", "Untung Prasetyo", []string{"Alias: “Untung Prasetyo” sudah menjadi nama calon"}},
		{"names", "Untung", []string{"Bidang: “names” tidak dikenal"}},
	} {
		st, _, body := admin.addTerm(demoPilkada, "02", c.field, c.term)
		if st != http.StatusBadRequest {
			t.Errorf("%s %q: status %d, want 400", c.field, c.term, st)
			continue
		}
		mustContain(t, c.field+" "+c.term, html.UnescapeString(body), c.want...)
		// The page says the change was not stored and links to the form.
		mustContain(t, c.field+" "+c.term+" form", html.UnescapeString(body), `role="alert"`,
			"Perubahan istilah "+demoPilkada+"/02 tidak disimpan", `href="#k-`+demoPilkada+`-02"`)
	}
	// A gesture emoji and a spaced gesture are fine.
	if st, loc, _ := admin.addTerm(demoPilkada, "02", "gestures", "🤞"); st != http.StatusSeeOther || !strings.Contains(loc, "ok=changed") {
		t.Errorf("emoji gesture: %d %q", st, loc)
	}
	// An edit form with a problem shows every problem and keeps the text.
	st, _, body := admin.send("POST", "/pemilihan/istilah", url.Values{"election": {demoPilkada}, "contestant": {"02"},
		"aliases": {"UNUR\nA\nBaru Sekali"}, "slogans": {"ok"}}, "")
	if st != http.StatusBadRequest {
		t.Fatalf("edit form with problems: %d", st)
	}
	mustContain(t, "edit form with problems", html.UnescapeString(body), "Alias: “A” terlalu pendek", "Slogan: “ok” terlalu pendek",
		"UNUR\nA\nBaru Sekali</textarea>", "<details open>")
	// Unknown contestant, stale lexicon, nothing sent.
	if st, _, body := admin.addTerm(demoPilkada, "09", "aliases", "Siapa Saja"); st != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "“"+demoPilkada+"/09” tidak ada") {
		t.Errorf("unknown contestant: %d", st)
	}
	st, _, body = admin.send("POST", "/pemilihan/istilah", url.Values{"election": {demoPilkada}, "contestant": {"02"},
		"lexicon": {"0123456789abcdef"}, "op": {"add"}, "field": {"aliases"}, "term": {"Jagoan Kita"}}, "")
	if st != http.StatusConflict || !strings.Contains(body, "diubah orang lain") {
		t.Errorf("stale form: %d", st)
	}
	if st, _, body := admin.send("POST", "/pemilihan/istilah", url.Values{"election": {demoPilkada}, "contestant": {"02"}}, ""); st != http.StatusBadRequest ||
		!strings.Contains(body, "tidak ada daftar istilah") {
		t.Errorf("nothing sent: %d", st)
	}
	// Only the emoji made a version.
	if v := f.activeVersion(f.Inst); v.Version != v1.Version+1 {
		t.Errorf("version %d after invalid submits, want %d", v.Version, v1.Version+1)
	}
	// English messages name the field too.
	admin.send("GET", "/bahasa/en?next=/pemilihan", nil, "")
	_, _, body = admin.addTerm(demoPilkada, "02", "weak_aliases", "7")
	mustContain(t, "english error", html.UnescapeString(body), "Weak aliases: “7” is only a short number")
}

func TestElectionsPermissionsAndTenancy(t *testing.T) {
	f := newFixture(t)
	for _, u := range []string{"tim", "kepala_opd", "inspektorat"} {
		c := f.login(u)
		for _, p := range []string{"/pemilihan/istilah", "/pemilihan/tambah", "/pemilihan/hapus", "/pemilihan/unggah", "/pemilihan/saring-ulang"} {
			if st, _, _ := c.send("POST", p, url.Values{"election": {demoPilkada}, "contestant": {"02"}, "op": {"add"},
				"field": {"aliases"}, "term": {"Jagoan Kita"}}, ""); st != http.StatusForbidden {
				t.Errorf("%s: POST %s: %d, want 403", u, p, st)
			}
		}
	}
	if v := f.activeVersion(f.Inst); v.Version != 1 {
		t.Fatalf("a refused change stored version %d", v.Version)
	}
	// ketua_tim may change.
	ketua := f.login("ketua_tim")
	if st, loc, _ := ketua.addTerm(demoPilkada, "01", "aliases", "Hendra Sang Rahasia"); st != http.StatusSeeOther || !strings.Contains(loc, "ok=changed") {
		t.Fatalf("ketua_tim: %d %q", st, loc)
	}
	// Another instansi sees its own elections only, and cannot change ours.
	admin2 := f.login("admin2")
	_, _, body := admin2.send("GET", "/pemilihan", nil, "")
	mustContain(t, "other instansi", body, "Bekasi")
	mustNotContain(t, "other instansi", body, "Hendra Sang Rahasia", "Tanjung Harapan")
	_, _, body = admin2.send("GET", "/pemilihan/riwayat", nil, "")
	mustNotContain(t, "other instansi history", body, "Hendra Sang Rahasia", "ketua_tim")
	if st, _, _ := admin2.addTerm(demoPilkada, "01", "aliases", "Pencuri Alias"); st != http.StatusBadRequest {
		t.Errorf("admin2 on our election: %d, want 400 (no such contestant in their version)", st)
	}
	if st, loc, _ := admin2.addTerm("pilkada-2024-32.16", "01", "aliases", "Jagoan Bekasi Raya"); st != http.StatusSeeOther || !strings.Contains(loc, "v=2") {
		t.Errorf("admin2 on their own election: %d %q", st, loc)
	}
	if v := f.activeVersion(f.Inst); v.Version != 2 {
		t.Errorf("our version %d after admin2's change, want 2", v.Version)
	}
	if v := f.activeVersion(f.Inst2); v.Version != 2 {
		t.Errorf("their version %d, want 2", v.Version)
	}
	// The API too.
	m := f.getJSON("/api/v1/elections", f.apiToken("admin2"), http.StatusOK)
	if b, _ := json.Marshal(m); strings.Contains(string(b), "Hendra Sang Rahasia") || !strings.Contains(string(b), "Jagoan Bekasi Raya") {
		t.Errorf("admin2's API answer: %s", b)
	}
	f.getJSON("/api/v1/elections", f.apiToken("pimpinan"), http.StatusForbidden)
}

func TestElectionsAddAndRemove(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	// The demo Pemda's near elections are both active: nothing to choose.
	_, page := admin.get("/pemilihan")
	if i := strings.Index(page, `id="add-election"`); i < 0 || strings.Contains(page[i:i+400], "<option value=\"pilkada") {
		t.Errorf("near list offers an active election")
	}
	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{}, "pilih dari daftar atau tulis kode wilayah"},
		{url.Values{"region": {"77.77"}}, "“77.77” tidak dikenal"},
		{url.Values{"region": {"00"}}, "sudah aktif"},
		{url.Values{"election": {demoPilkada}}, "sudah aktif"},
		{url.Values{"election": {"pilkada-2030-xx"}}, "“pilkada-2030-xx” bukan pemilihan bawaan"},
		{url.Values{"region": {"34"}}, "tidak ada Pilkada 2024 bawaan untuk wilayah 34"}, // no DIY governor election
	} {
		st, _, body := admin.send("POST", "/pemilihan/tambah", c.form, "")
		if st != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), c.want) {
			t.Errorf("add %v: %d, want 400 with %q", c.form, st, c.want)
		}
	}
	if v := f.activeVersion(f.Inst); v.Version != 1 {
		t.Fatalf("refused adds stored version %d", v.Version)
	}
	// By region code (4 digits work too) and by id.
	if st, loc, _ := admin.send("POST", "/pemilihan/tambah", url.Values{"region": {"3216"}}, ""); st != http.StatusSeeOther || !strings.Contains(loc, "v=2") {
		t.Fatalf("add 32.16: %d %q", st, loc)
	}
	if st, loc, _ := admin.send("POST", "/pemilihan/tambah", url.Values{"election": {"pilkada-2024-11"}}, ""); st != http.StatusSeeOther || !strings.Contains(loc, "v=3") {
		t.Fatalf("add pilkada-2024-11: %d %q", st, loc)
	}
	ids := func() string {
		es, _ := f.activeVersion(f.Inst).Elections()
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(); got != "pemilu-2024,"+demoPilkada+",pilkada-2024-32.16,pilkada-2024-11" {
		t.Fatalf("elections %s", got)
	}
	_, hist := admin.get("/pemilihan/riwayat")
	mustContain(t, "history", hist, "Pemilihan ditambahkan: pilkada-2024-32.16", "Pemilihan ditambahkan: pilkada-2024-11")
	// Remove down to one; the last one stays.
	for _, id := range []string{"pilkada-2024-11", "pemilu-2024", "pilkada-2024-32.16"} {
		if st, loc, _ := admin.send("POST", "/pemilihan/hapus", url.Values{"election": {id}}, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=changed") {
			t.Fatalf("remove %s: %d %q", id, st, loc)
		}
	}
	st, _, body := admin.send("POST", "/pemilihan/hapus", url.Values{"election": {demoPilkada}}, "")
	if st != http.StatusBadRequest || !strings.Contains(body, "satu-satunya pemilihan aktif") {
		t.Fatalf("remove the last election: %d", st)
	}
	if st, _, body := admin.send("POST", "/pemilihan/hapus", url.Values{"election": {"pemilu-2024"}}, ""); st != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), "“pemilu-2024” tidak aktif") {
		t.Fatalf("remove an inactive election: %d", st)
	}
	if got := ids(); got != demoPilkada {
		t.Fatalf("elections after removing %s", got)
	}
	_, page = admin.get("/pemilihan")
	mustContain(t, "one election left", page, `disabled title="Paling sedikit satu pemilihan harus tetap aktif."`)
	// Pemilu 2024 is offered again in the list.
	mustContain(t, "near list", page, `<option value="pemilu-2024">`)
	_, hist = admin.get("/pemilihan/riwayat")
	mustContain(t, "history", hist, "Pemilihan dihapus: pemilu-2024")
}

func TestElectionsUpload(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	for _, c := range []struct {
		name, data string
		want       []string
	}{
		{"rusak.json", `{"id": "x",`, []string{"Berkas tidak valid", "rusak.json", "invalid JSON"}},
		{"kosong.json", ``, []string{"rusak", "empty file"}},
		{"jenis.json", `{"id":"pilkada-desa","name":"Pilkades","type":"pilkada","voting_day":"2025-03-01","contestants":[{"id":"01","kind":"tokoh","names":["A B"]}]}`,
			[]string{"jenis.json", "contestants[0].kind", "unknown kind \"tokoh\""}},
		{"tanggal.json", `[{"id":"pilkada-desa","name":"Pilkades","type":"pilkada","voting_day":"2025-13-01","contestants":[{"id":"01","kind":"candidate","names":["A B"]}]}]`,
			[]string{"tanggal.json: [0] (pilkada-desa): voting_day: bad date"}},
	} {
		if c.name == "kosong.json" {
			c.want = []string{"kosong.json: empty file"}
		}
		resp, body := admin.regUpload("/pemilihan/unggah", c.name, []byte(c.data), nil)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.name, resp.StatusCode)
			continue
		}
		mustContain(t, c.name, html.UnescapeString(body), c.want...)
	}
	if resp, body := admin.regUpload("/pemilihan/unggah", "", nil, nil); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "pilih berkas JSON") {
		t.Errorf("no file: %d", resp.StatusCode)
	}
	if v := f.activeVersion(f.Inst); v.Version != 1 {
		t.Fatalf("bad uploads stored version %d", v.Version)
	}
	// A good file is added (merge); its questionable terms are reported.
	good := `{"id":"pilkades-2025-sukamaju","name":"Pilkades Sukamaju 2025","type":"other","voting_day":"2025-03-01",
		"contestants":[{"id":"01","kind":"candidate","ballot_number":1,"names":["Darsono Wiryo"],"aliases":["Pak Darsono","X"]},
		{"id":"02","kind":"candidate","ballot_number":2,"names":["Sutarmi"],"hashtags":["#SutarmiJuara"],"supporting_parties":["partai-fiksi"]}]}`
	resp, body := admin.regUpload("/pemilihan/unggah", `C:\Users\budi\pilkades.json`, []byte(good), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("good upload: %d %.300s", resp.StatusCode, body)
	}
	mustContain(t, "good upload", html.UnescapeString(body), "Berkas pilkades.json diaktifkan sebagai versi 2", `id="rescreen-offer"`,
		"Pilkades Sukamaju 2025", "unknown party \"partai-fiksi\"", "pilkades-2025-sukamaju/01: Alias: “X” terlalu pendek")
	v2 := f.activeVersion(f.Inst)
	if v2.Version != 2 || v2.Source != "pilkades.json" {
		t.Fatalf("after upload: %+v", v2)
	}
	es, _ := v2.Elections()
	if len(es) != 3 {
		t.Fatalf("%d elections after a merge, want 3", len(es))
	}
	// The same file again changes nothing.
	_, body = admin.regUpload("/pemilihan/unggah", "pilkades.json", []byte(good), nil)
	mustContain(t, "same upload", body, "Tidak ada yang berubah")
	if v := f.activeVersion(f.Inst); v.Version != 2 {
		t.Fatalf("same upload stored version %d", v.Version)
	}
	// Replace: the file becomes the whole set.
	resp, _ = admin.regUpload("/pemilihan/unggah", "pilkades.json", []byte(good), url.Values{"replace": {"1"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("replace: %d", resp.StatusCode)
	}
	if es, _ := f.activeVersion(f.Inst).Elections(); len(es) != 1 || es[0].ID != "pilkades-2025-sukamaju" {
		t.Fatalf("after replace: %d elections", len(es))
	}
	// The export is a file that loads back.
	st, _, exp := admin.send("GET", "/pemilihan/ekspor", nil, "")
	if st != http.StatusOK {
		t.Fatalf("export: %d", st)
	}
	if es, err := election.Parse(strings.NewReader(exp), "export"); err != nil || len(es) != 1 {
		t.Fatalf("export does not load back: %v", err)
	}
	if st, _, exp := admin.send("GET", "/pemilihan/ekspor?versi=1", nil, ""); st != http.StatusOK || !strings.Contains(exp, demoPilkada) {
		t.Fatalf("export of version 1: %d", st)
	}
	if st, _, _ := admin.send("GET", "/pemilihan/ekspor?versi=99", nil, ""); st != http.StatusNotFound {
		t.Errorf("export of an unknown version: %d", st)
	}
	if st, _, _ := admin.send("GET", "/pemilihan/ekspor?versi=x", nil, ""); st != http.StatusBadRequest {
		t.Errorf("export of a bad version: %d", st)
	}
}

func TestElectionsTermsAreEscaped(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	const evil = `<script>alert("alias")</script>`
	if st, loc, _ := admin.addTerm(demoPilkada, "03", "aliases", evil); st != http.StatusSeeOther || !strings.Contains(loc, "ok=changed") {
		t.Fatalf("add: %d %q", st, loc)
	}
	for _, p := range []string{"/pemilihan", "/pemilihan/riwayat"} {
		_, body := admin.get(p)
		mustNotContain(t, p, body, "<script>alert")
		mustContain(t, p, body, "&lt;script&gt;alert(")
	}
	// An error message quoting it is escaped too.
	_, _, body := admin.addTerm(demoPilkada, "03", "aliases", evil)
	mustNotContain(t, "error", body, "<script>alert")
	mustContain(t, "error", body, "tercantum dua kali")
	// An uploaded file name too.
	_, body = admin.regUpload("/pemilihan/unggah", `<img src=x onerror=alert(1)>.json`, []byte(`{`), nil)
	mustNotContain(t, "upload error", body, "<img src=x")
}

func TestElectionsRescreenThroughTheQueue(t *testing.T) {
	f := newFixture(t)
	q, err := jobs.New(f.DB, jobs.Options{}) // insert-only: the test checks what is queued
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	r := monitor.NewRescreener(f.DB, f.S.log)
	r.SetQueue(q)
	f.S.Rescreen = r
	ketua := f.login("ketua_tim")
	_, page := ketua.get("/pemilihan")
	mustNotContain(t, "page with a queue", page, "Antrean tugas latar tidak berjalan")
	if st, loc, _ := ketua.send("POST", "/pemilihan/saring-ulang", nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=rescreen") {
		t.Fatalf("screen again: %d %q", st, loc)
	}
	_, page = ketua.get("/pemilihan?ok=rescreen")
	mustContain(t, "queued", page, "Saring ulang dimasukkan ke antrean", "Saring ulang sedang menunggu giliran")
	if st, loc, _ := ketua.send("POST", "/pemilihan/saring-ulang", nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=rescreen_busy") {
		t.Fatalf("screen again twice: %d %q", st, loc)
	}
	var n int
	if err := f.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job WHERE kind = 'rescreen'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d rescreen jobs (%v), want 1", n, err)
	}
	// Another instansi's request is a job of its own.
	if st, loc, _ := f.login("admin2").send("POST", "/pemilihan/saring-ulang", nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=rescreen") || strings.Contains(loc, "busy") {
		t.Fatalf("admin2: %d %q", st, loc)
	}
}

func TestElectionsAPI(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")
	admin.addTerm(demoPilkada, "01", "hashtags", "HendraRatnaJuara")
	admin.send("POST", "/pemilihan/hapus", url.Values{"election": {"pemilu-2024"}}, "")
	doc := f.getJSON("/api/v1/openapi.json", "", http.StatusOK)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)

	for _, u := range []string{"tim", "kepala_opd"} {
		m := f.getJSON("/api/v1/elections", f.apiToken(u), http.StatusOK)
		for _, p := range checkSchema(schemas, map[string]any{"$ref": "#/components/schemas/ElectionVersion"}, m, "$") {
			t.Errorf("%s: elections: %s", u, p)
		}
		v := f.activeVersion(f.Inst)
		if m["version"] != float64(3) || m["lexicon"] != v.Lexicon || m["source"] != "web" || m["created_by"] != "admin" {
			t.Errorf("%s: elections: %v %v %v %v", u, m["version"], m["lexicon"], m["source"], m["created_by"])
		}
		es := m["elections"].([]any)
		if len(es) != 1 || es[0].(map[string]any)["id"] != demoPilkada {
			t.Fatalf("%s: elections %v", u, es)
		}
		// The elections are contract §1 definitions that load back.
		raw, _ := json.Marshal(es)
		if loaded, err := election.Parse(strings.NewReader(string(raw)), "api"); err != nil || len(loaded) != 1 ||
			!strings.Contains(strings.Join(loaded[0].Contestants[0].Hashtags, ","), "#HendraRatnaJuara") {
			t.Errorf("%s: API elections do not load back: %v", u, err)
		}
	}
	m := f.getJSON("/api/v1/elections/versions", f.apiToken("tim"), http.StatusOK)
	for _, p := range checkSchema(schemas, map[string]any{"$ref": "#/components/schemas/ElectionVersionList"}, m, "$") {
		t.Errorf("versions: %s", p)
	}
	items := m["items"].([]any)
	if len(items) != 3 || m["total"] != float64(3) {
		t.Fatalf("versions: %d items, total %v", len(items), m["total"])
	}
	top, first := items[0].(map[string]any), items[2].(map[string]any)
	if top["version"] != float64(3) || top["active"] != true || first["version"] != float64(1) || first["active"] != false {
		t.Errorf("order: %v %v", top, first)
	}
	changes := func(item any) string {
		var chs []versionChange
		raw, _ := json.Marshal(item.(map[string]any)["changes"])
		if err := json.Unmarshal(raw, &chs); err != nil {
			t.Fatal(err)
		}
		out, _ := json.Marshal(chs)
		return string(out)
	}
	if got := changes(top); got != `[{"kind":"election_removed","election":"pemilu-2024"}]` {
		t.Errorf("changes of version 3: %s", got)
	}
	if got := changes(items[1]); got != `[{"kind":"terms","election":"`+demoPilkada+`","target":"`+demoPilkada+`/01","field":"hashtags","added":["#HendraRatnaJuara"]}]` {
		t.Errorf("changes of version 2: %s", got)
	}
	if got := changes(first); got != `[{"kind":"initial"}]` {
		t.Errorf("changes of version 1: %s", got)
	}
	f.getJSON("/api/v1/elections/versions", f.apiToken("pimpinan"), http.StatusForbidden)
	f.getJSON("/api/v1/elections/versions", "", http.StatusUnauthorized)
}

func TestTermRules(t *testing.T) {
	for _, c := range []struct {
		field, term string
		ok          bool
	}{
		{"aliases", "HERA", true}, {"aliases", "KIM", true}, {"aliases", "Bang Hendra", true}, {"aliases", "Hendra-Ratna", true},
		{"aliases", "Ani", false}, {"aliases", "Muhammad", false}, {"aliases", "01", false}, {"aliases", "2024", false},
		{"aliases", "12345", true}, {"weak_aliases", "Ahmad", true}, {"weak_aliases", "Al", false},
		{"slogans", "Oke Gas", true}, {"slogans", "Go", false}, {"hashtags", "#HERA01", true}, {"hashtags", "#02", false},
		{"hashtags", "#Hera_01", true}, {"hashtags", "#Hera-01", false}, {"gestures", "✌️", true}, {"gestures", "☝️", true},
		{"gestures", "salam dua jari", true}, {"gestures", "1", false}, {"gestures", "!", false},
		{"aliases", "ab\x01cd", false},
	} {
		f, _ := termFieldByKey(c.field)
		key, _ := checkTerm(f, cleanTerm(c.field, c.term))
		if (key == "") != c.ok {
			t.Errorf("%s %q: problem %q, want ok=%v", c.field, c.term, key, c.ok)
		}
	}
	if got := cleanTerm("hashtags", "  ##Unur  "); got != "#Unur" {
		t.Errorf("cleanTerm = %q", got)
	}
	if got := uploadName("../../etc/" + strings.Repeat("é", 150) + ".json"); len(got) > 200 || strings.Contains(got, "/") {
		t.Errorf("uploadName = %q", got)
	}
}

// TestCheckContestantTermsKeepsStoredTerms: terms already in the
// definition are kept as stored (even when the editor would write them
// differently or refuse them), so sending the lists back changes nothing.
func TestCheckContestantTermsKeepsStoredTerms(t *testing.T) {
	ct := &election.Contestant{ID: "01", Kind: election.KindCandidatePair, Names: []string{"Hendra Wijaya"},
		Aliases: []string{"Hendra  Jaya", "X", "hera", "HERA"}, Hashtags: []string{"HeraMenang"}}
	sent := map[string][]string{"aliases": {strings.Join(ct.Aliases, "\n")}, "hashtags": {"HeraMenang"}}
	lists, problems := checkContestantTerms(ct, sent)
	if len(problems) != 0 {
		t.Fatalf("problems with stored terms: %+v", problems)
	}
	if got := strings.Join(lists["aliases"], "|"); got != "Hendra  Jaya|X|hera|HERA" {
		t.Errorf("aliases = %q", got)
	}
	if got := strings.Join(lists["hashtags"], "|"); got != "HeraMenang" {
		t.Errorf("hashtags = %q", got)
	}
	if got := strings.Join(lists["slogans"], "|"); got != "" {
		t.Errorf("slogans not sent = %q", got)
	}
	// A new term repeating a stored one is refused; so is a new "HERA".
	sent["aliases"] = []string{"hera\nHendra Jaya Baru\nHENDRA JAYA BARU"}
	_, problems = checkContestantTerms(ct, sent)
	if len(problems) != 1 || problems[0].Key != "elections.err_duplicate" || problems[0].Args[0] != "HENDRA JAYA BARU" {
		t.Fatalf("problems = %+v", problems)
	}
}
