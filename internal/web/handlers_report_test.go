package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
)

// The reporter of these tests: none of it may be stored in clear text.
const (
	tReporterName  = "Wulandari Pelaporsejati"
	tReporterPhone = "+62 813 9876 5432"
	tReporterEmail = "wulandari.pelapor@contoh.example"
)

// withReports gives the fixture's server a report key and easy limits (a
// proof of work of 4 bits) unless strict is set.
func (f *fixture) withReports(key bool) *sealbox.Box {
	f.t.Helper()
	var box *sealbox.Box
	if key {
		var err error
		if box, err = sealbox.New(sealbox.GenerateKey()); err != nil {
			f.t.Fatal(err)
		}
		f.S.ReportKey = box
	}
	g := f.S.guard()
	g.cfg.Difficulty = 4
	g.cfg.AttemptsPerHour, g.cfg.SubmitPerHour, g.cfg.SlowPerHour, g.cfg.SlowGlobalPerHour = 1000, 1000, 1000, 1000
	return box
}

// exifJPEG is a JPEG whose EXIF segment holds a serial number.
func exifJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	img.Set(3, 3, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	exif := []byte("Exif\x00\x00DEVICE-SERIAL-77 GPS-6.2,106.8")
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	out := append(append(append([]byte{}, b[:2]...), seg...), exif...)
	return append(out, b[2:]...)
}

// part is a file of a multipart body.
type part struct {
	field, name string
	data        []byte
}

// multipartBody builds a multipart body of fields and files.
func multipartBody(t *testing.T, fields url.Values, files []part) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, p := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, p.field, p.name))
		h.Set("Content-Type", "image/jpeg") // a lie for most of them: the server must not care
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// do sends a request with headers (and the client's cookies) without
// following redirects.
func (c *client) do(method, path, contentType string, body io.Reader, headers map[string]string) (*http.Response, string) {
	c.f.t.Helper()
	req, err := http.NewRequest(method, c.f.TS.URL+path, body)
	if err != nil {
		c.f.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

var (
	challengeRe = regexp.MustCompile(`name="pow_challenge" value="([^"]+)"`)
	receiptRe   = regexp.MustCompile(`id="receipt-code">([^<]+)<`)
	secretRe    = regexp.MustCompile(`id="receipt-secret">([^<]+)<`)
	tokenRe     = regexp.MustCompile(`name="akses" value="([^"]+)"`)
)

// reportForm are form fields of a full report, with hostile markup in every
// free-text field.
func reportForm(identity string) url.Values {
	return url.Values{
		"instansi":        {"99.01"},
		"tindakan":        {"interact"},
		"deskripsi":       {"Kepala seksi membagikan poster paslon di grup kantor. " + xssAll},
		"tanggal":         {"2024-10-02"},
		"tempat":          {"Aula kantor " + xssPayloads[1]},
		"terlapor_nama":   {"Pak Terlapor " + xssPayloads[0]},
		"terlapor_nip":    {"19850315 20100110 02"},
		"terlapor_unit":   {"Bidang " + xssPayloads[2]},
		"tautan":          {"https://facebook.com/story/123\n"},
		"identitas":       {identity},
		"pelapor_nama":    {tReporterName},
		"pelapor_telepon": {tReporterPhone},
		"pelapor_email":   {tReporterEmail},
	}
}

// fileReport fills /lapor as a browser with JavaScript would (solving the
// proof of work) and returns the receipt and the secret.
func (f *fixture) fileReport(c *client, form url.Values, files []part) (receipt, secret string) {
	f.t.Helper()
	_, page := c.get("/lapor?instansi=99.01")
	m := challengeRe.FindStringSubmatch(page)
	if m == nil {
		f.t.Fatalf("no challenge on the form: %.300s", page)
	}
	form.Set("pow_challenge", m[1])
	form.Set("pow_nonce", solveWork(m[1], f.S.guard().cfg.Difficulty))
	ct, body := multipartBody(f.t, form, files)
	resp, out := c.do("POST", "/lapor", ct, bytes.NewReader(body), nil)
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("POST /lapor: %d: %.2000s", resp.StatusCode, out)
	}
	r, s := receiptRe.FindStringSubmatch(out), secretRe.FindStringSubmatch(out)
	if r == nil || s == nil {
		f.t.Fatalf("no receipt on the answer: %.1000s", out)
	}
	return r[1], s[1]
}

// reportID finds the id of a report by its receipt code.
func (f *fixture) reportID(receipt string) int64 {
	f.t.Helper()
	var id int64
	if err := f.DB.QueryRow(context.Background(), `SELECT id FROM public_report WHERE receipt = ?`, receipt).Scan(&id); err != nil {
		f.t.Fatalf("report %s: %v", receipt, err)
	}
	return id
}

func noRawMarkup(t *testing.T, where, body string) {
	t.Helper()
	if loc := rawPayload.FindStringIndex(body); loc != nil {
		t.Errorf("%s writes untrusted markup: …%s…", where, body[max(loc[0]-80, 0):min(loc[1]+80, len(body))])
	}
}

func TestPublicReportFormAndFollowUp(t *testing.T) {
	f := newFixture(t)
	f.withReports(true)
	anon := f.anon()

	// Two Pemda on this server: the form asks which.
	_, page := anon.get("/lapor")
	if !strings.Contains(page, `href="/lapor?instansi=99.01"`) || !strings.Contains(page, `href="/lapor?instansi=32.16"`) {
		t.Fatalf("no choice of instansi: %.500s", page)
	}
	_, page = anon.get("/lapor?instansi=99.01")
	if !strings.Contains(page, `id="report-form"`) || strings.Contains(page, `id="r-no-key"`) || !strings.Contains(page, "/static/lapor.js") {
		t.Fatalf("form: %.500s", page)
	}

	// A refused form comes back with every value escaped.
	bad := reportForm("confidential")
	bad.Set("deskripsi", "<b>x")
	bad.Set("pelapor_email", "not-an-email")
	ct, body := multipartBody(t, bad, nil)
	resp, out := anon.do("POST", "/lapor", ct, bytes.NewReader(body), nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(out, `id="r-desc-error"`) || !strings.Contains(out, "e-mail") {
		t.Fatalf("refused form: %d %.1500s", resp.StatusCode, out)
	}
	noRawMarkup(t, "refused form", out)
	if !escapedPayload.MatchString(out) {
		t.Error("refused form does not show the values back (escaped)")
	}

	receipt, secret := f.fileReport(anon, reportForm("confidential"), []part{{"bukti", "foto.jpg", exifJPEG(t)}})
	id := f.reportID(receipt)
	rep, err := reports.Get(context.Background(), f.DB, f.Inst, id)
	if err != nil || rep.Evidence != 1 || rep.Links != 1 || rep.Identity != "confidential" || rep.ReportedEmployeeID != f.EmpIn1 ||
		!rep.ProofOfWork {
		t.Fatalf("stored report %+v %v", rep, err)
	}

	// Staff list and page: everything escaped, no identity.
	tim := f.login("tim")
	_, list := tim.get("/laporan")
	if !strings.Contains(list, receipt) {
		t.Fatalf("list lacks %s", receipt)
	}
	noRawMarkup(t, "/laporan", list)
	_, show := tim.get("/laporan/" + itoa(id))
	noRawMarkup(t, "/laporan/{id}", show)
	for _, want := range []string{"Kepala seksi membagikan", `id="report-employee"`, "DS-06"} {
		if !strings.Contains(show, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	for _, leak := range []string{tReporterName, tReporterEmail, tReporterPhone, `id="reveal-form"`} {
		if strings.Contains(show, leak) {
			t.Errorf("report page shows %q to tim", leak)
		}
	}
	// Evidence: the copy without metadata inline; the original only with the reveal permission.
	var eid int64
	if err := f.DB.QueryRow(context.Background(), `SELECT id FROM public_report_evidence WHERE report_id = ?`, id).Scan(&eid); err != nil {
		t.Fatal(err)
	}
	resp, img := tim.get("/laporan/" + itoa(id) + "/bukti/" + itoa(eid))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" || strings.Contains(img, "DEVICE-SERIAL") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("stripped copy: %d %v", resp.StatusCode, resp.Header)
	}
	if resp, _ := tim.get("/laporan/" + itoa(id) + "/bukti/" + itoa(eid) + "/asli"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("original for tim: %d", resp.StatusCode)
	}
	ketua := f.login("ketua_tim")
	resp, orig := ketua.get("/laporan/" + itoa(id) + "/bukti/" + itoa(eid) + "/asli")
	if resp.StatusCode != 200 || !strings.Contains(orig, "DEVICE-SERIAL") || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("original for ketua_tim: %d %v", resp.StatusCode, resp.Header)
	}

	// The team asks; the reporter reads, answers and adds evidence.
	if st, loc, _ := tim.send("POST", "/laporan/"+itoa(id)+"/pesan", url.Values{"pesan": {"Mohon tangkapan layar. " + xssPayloads[3]},
		"status": {"clarification"}}, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=pesan") {
		t.Fatalf("staff message: %d %s", st, loc)
	}
	resp, out = anon.do("POST", "/lapor/status", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"kode": {strings.ToLower(receipt)}, "rahasia": {secret}}.Encode()), nil)
	if resp.StatusCode != 200 || !strings.Contains(out, "Klarifikasi") || !strings.Contains(out, "Mohon tangkapan layar.") {
		t.Fatalf("status page: %d %.1500s", resp.StatusCode, out)
	}
	noRawMarkup(t, "status page", out)
	if strings.Contains(out, "tim</") || strings.Contains(out, "Pengguna tim") {
		t.Error("status page names the team member")
	}
	tok := tokenRe.FindStringSubmatch(out)
	if tok == nil {
		t.Fatal("no access token on the status page")
	}
	if strings.Contains(out, secret) {
		t.Error("status page carries the secret")
	}
	resp, out = anon.do("POST", "/lapor/status/balas", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"akses": {tok[1]}, "pesan": {"Ini jawabannya " + xssPayloads[0]}}.Encode()), nil)
	// Post/Redirect/Get: the reply redirects to the status page (a refresh does not send it again).
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/lapor/status?") || !strings.Contains(loc, "ok=balas") {
		t.Fatalf("reply: %d %q %.800s", resp.StatusCode, loc, out)
	}
	resp, out = anon.do("GET", loc, "", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(out, `id="status-notice"`) || !strings.Contains(out, "Jawaban Anda terkirim") ||
		!strings.Contains(out, "Ini jawabannya") || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("status after the reply: %d %.800s", resp.StatusCode, out)
	}
	noRawMarkup(t, "reply page", out)
	if n := strings.Count(out, "Ini jawabannya"); n != 1 {
		t.Errorf("the reply shows %d times", n)
	}
	if resp, out := anon.do("GET", "/lapor/status?akses=NTR-0000-0000.99999999999.abc", "", nil, nil); resp.StatusCode != 200 ||
		!strings.Contains(out, `id="lookup-error"`) || strings.Contains(out, `id="status-card"`) {
		t.Fatalf("status with a forged token: %d %.300s", resp.StatusCode, out)
	}
	ct, body = multipartBody(t, url.Values{"akses": {tok[1]}}, []part{{"bukti", "tambahan.jpg", exifJPEG(t)}})
	if resp, out := anon.do("POST", "/lapor/status/bukti", ct, bytes.NewReader(body), nil); resp.StatusCode != http.StatusSeeOther ||
		!strings.Contains(resp.Header.Get("Location"), "ok=bukti") {
		t.Fatalf("add evidence: %d %.800s", resp.StatusCode, out)
	}
	ct, body = multipartBody(t, url.Values{"akses": {tok[1]}}, []part{{"bukti", "virus.jpg", []byte("MZ\x90\x00 executable")}})
	if resp, out := anon.do("POST", "/lapor/status/bukti", ct, bytes.NewReader(body), nil); resp.StatusCode != 400 || !strings.Contains(out, "virus.jpg") {
		t.Fatalf("add an executable: %d %.800s", resp.StatusCode, out)
	}
	resp, out = anon.do("POST", "/lapor/status/balas", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"akses": {"NTR-0000-0000.99999999999.abc"}, "pesan": {"x"}}.Encode()), nil)
	if resp.StatusCode != 400 || !strings.Contains(out, `id="lookup-error"`) {
		t.Fatalf("forged token: %d", resp.StatusCode)
	}
	_, show = tim.get("/laporan/" + itoa(id))
	if !strings.Contains(show, "Ini jawabannya") || !strings.Contains(show, "tambahan.jpg") {
		t.Error("staff page lacks the reply or the added evidence")
	}
	noRawMarkup(t, "/laporan/{id} after reply", show)

	// Another Pemda's staff and a kepala OPD see nothing.
	admin2 := f.login("admin2")
	if resp, _ := admin2.get("/laporan/" + itoa(id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("admin2 reads the report: %d", resp.StatusCode)
	}
	if resp, _ := admin2.get("/laporan/" + itoa(id) + "/bukti/" + itoa(eid)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("admin2 reads the evidence: %d", resp.StatusCode)
	}
	if st, _, _ := admin2.send("POST", "/laporan/"+itoa(id)+"/pesan", url.Values{"pesan": {"x"}}, ""); st != http.StatusNotFound {
		t.Errorf("admin2 writes to the reporter: %d", st)
	}
	if _, l := admin2.get("/laporan"); strings.Contains(l, receipt) {
		t.Error("admin2's list shows the report")
	}
	if resp, _ := f.login("kepala_opd").get("/laporan/" + itoa(id)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("kepala_opd: %d", resp.StatusCode)
	}

	// Reveal: refused without the permission, needs a reason, audited.
	if st, _, _ := tim.send("POST", "/laporan/"+itoa(id)+"/ungkap", url.Values{"alasan": {"permintaan Bawaslu nomor 5"}}, ""); st != http.StatusForbidden {
		t.Fatalf("reveal by tim: %d", st)
	}
	if st, _, b := ketua.send("POST", "/laporan/"+itoa(id)+"/ungkap", url.Values{"alasan": {"perlu"}}, ""); st != http.StatusBadRequest ||
		strings.Contains(b, tReporterName) {
		t.Fatalf("reveal without a real reason: %d", st)
	}
	_, show = ketua.get("/laporan/" + itoa(id))
	if !strings.Contains(show, `id="reveal-form"`) {
		t.Error("ketua_tim has no reveal form")
	}
	st, _, b := ketua.send("POST", "/laporan/"+itoa(id)+"/ungkap", url.Values{"alasan": {"permintaan Bawaslu nomor 5"}}, "")
	if st != 200 || !strings.Contains(b, tReporterName) || !strings.Contains(b, tReporterEmail) {
		t.Fatalf("reveal by ketua_tim: %d", st)
	}
	ents, err := audit.List(context.Background(), f.DB, audit.Filter{InstansiID: f.Inst, ObjectType: "public_report", ObjectID: itoa(id)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range ents {
		if e.Action == "report.reveal" {
			found = e.Actor == "ketua_tim" && strings.Contains(e.After, "permintaan Bawaslu nomor 5")
		}
		if strings.Contains(e.After, tReporterName) || strings.Contains(e.After, tReporterEmail) {
			t.Errorf("audit entry %s holds the identity", e.Action)
		}
		if e.Actor == "public:reporter" && e.IP != "" {
			t.Errorf("public audit entry %s has address %q", e.Action, e.IP)
		}
	}
	if !found {
		t.Error("the reveal is not audited with its reason")
	}
}

func TestPublicReportAPI(t *testing.T) {
	f := newFixture(t)
	f.withReports(true)
	anon := f.anon()
	doc := f.getJSON("/api/v1/openapi.json", "", 200)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	check := func(schema string, body string) {
		t.Helper()
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("not JSON: %s", body)
		}
		for _, p := range checkSchema(schemas, map[string]any{"$ref": "#/components/schemas/" + schema}, v, "$") {
			t.Errorf("%s: %s", schema, p)
		}
	}
	_, chBody := anon.get("/api/v1/public/challenge")
	check("ReportChallenge", chBody)
	var ch struct {
		Challenge  string
		Difficulty int
	}
	json.Unmarshal([]byte(chBody), &ch)
	pow := map[string]string{"X-Netral-Pow-Challenge": ch.Challenge, "X-Netral-Pow-Nonce": solveWork(ch.Challenge, ch.Difficulty)}

	report := map[string]any{
		"description": "ASN memakai mobil dinas untuk kampanye " + xssPayloads[0], "violation": "KE-04",
		"occurred_at": "2024-09-01", "place": "Pasar", "reported": map[string]string{"name": "Ani", "nip": "123"},
		"links": []string{"https://x.com/ani/status/1"}, "identity": "open", "instansi": "99.01",
		"reporter": map[string]string{"name": tReporterName, "phone": tReporterPhone, "email": tReporterEmail},
	}
	js, _ := json.Marshal(report)
	resp, out := anon.do("POST", "/api/v1/public/reports", "application/json", bytes.NewReader(js), pow)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d %s", resp.StatusCode, out)
	}
	check("PublicReportReceipt", out)
	var rec struct {
		Receipt, Secret string
		Warnings        []map[string]string
	}
	json.Unmarshal([]byte(out), &rec)
	if len(rec.Warnings) != 1 || rec.Warnings[0]["code"] != "nip_length" {
		t.Fatalf("NIP warning: %s", out)
	}
	// The same challenge cannot be used twice (it then counts as no proof).
	if f.S.guard().checkWork(ch.Challenge, pow["X-Netral-Pow-Nonce"]) {
		t.Error("a proof of work was accepted twice")
	}

	resp, out = anon.do("GET", "/api/v1/public/reports/"+rec.Receipt, "", nil, map[string]string{"X-Report-Secret": rec.Secret})
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d %s", resp.StatusCode, out)
	}
	check("PublicReportStatus", out)
	rj, _ := json.Marshal(map[string]string{"message": "Tambahan: " + xssPayloads[1]})
	resp, out = anon.do("POST", "/api/v1/public/reports/"+rec.Receipt+"/messages", "application/json", bytes.NewReader(rj),
		map[string]string{"X-Report-Secret": rec.Secret})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(out, "Tambahan") {
		t.Fatalf("reply: %d %s", resp.StatusCode, out)
	}
	check("PublicReportStatus", out)
	// The open identity is shown to the team (and the view audited).
	_, show := f.login("tim").get("/laporan/" + itoa(f.reportID(rec.Receipt)))
	if !strings.Contains(show, tReporterName) || !strings.Contains(show, "DS-12") && !strings.Contains(show, "KE-04") {
		t.Errorf("open identity not shown to the team")
	}
	noRawMarkup(t, "report page (API report)", show)

	post := func(body map[string]any) (int, string) {
		b, _ := json.Marshal(body)
		resp, out := anon.do("POST", "/api/v1/public/reports", "application/json", bytes.NewReader(b), nil)
		return resp.StatusCode, out
	}
	without := func(k string) map[string]any {
		m := map[string]any{}
		for a, b := range report {
			if a != k {
				m[a] = b
			}
		}
		return m
	}
	for name, c := range map[string]struct {
		body   map[string]any
		status int
		code   string
		in     string
	}{
		"no instansi":          {without("instansi"), 400, "invalid", "instansi"},
		"unknown field":        {func() map[string]any { m := without(""); m["ip"] = "1.2.3.4"; return m }(), 400, "invalid", "ip"},
		"anonymous + reporter": {func() map[string]any { m := without(""); m["identity"] = "anonymous"; return m }(), 400, "invalid", "reporter"},
		"no description":       {without("description"), 400, "invalid", "description"},
	} {
		st, out := post(c.body)
		if st != c.status || apiErrorCode(out) != c.code || !strings.Contains(out, c.in) {
			t.Errorf("%s: %d %s", name, st, out)
		}
	}

	// Lying files, by multipart.
	jsAnon, _ := json.Marshal(map[string]any{"description": "Bukti terlampir untuk laporan ini.", "identity": "anonymous",
		"reported": map[string]string{"unit": "Dinas X"}, "instansi": "99.01"})
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"program.jpg", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 300)...)},
		{"gambar.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`)},
		{"arsip.pdf", append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), make([]byte, 300)...)},
		{"halaman.png", []byte("<!doctype html><html><body><script>alert(1)</script>")},
	} {
		ct, body := multipartBody(t, url.Values{"report": {string(jsAnon)}}, []part{{"files", c.name, c.data}})
		resp, out := anon.do("POST", "/api/v1/public/reports", ct, bytes.NewReader(body), nil)
		if resp.StatusCode != 400 || apiErrorCode(out) != "invalid" || !strings.Contains(out, c.name) {
			t.Errorf("%s: %d %s", c.name, resp.StatusCode, out)
		}
	}
	ct, body := multipartBody(t, url.Values{"report": {string(jsAnon)}}, []part{{"files", "ok.jpg", exifJPEG(t)}})
	if resp, out := anon.do("POST", "/api/v1/public/reports", ct, bytes.NewReader(body), nil); resp.StatusCode != 201 {
		t.Fatalf("multipart with a photo: %d %s", resp.StatusCode, out)
	}

	// Without a key, identities are refused with a clear message.
	f2 := newFixture(t)
	f2.withReports(false)
	b2, _ := json.Marshal(report)
	resp, out = f2.anon().do("POST", "/api/v1/public/reports", "application/json", bytes.NewReader(b2), nil)
	if resp.StatusCode != 400 || !strings.Contains(out, "identity") || !strings.Contains(out, "anonim") {
		t.Fatalf("identity without a key: %d %s", resp.StatusCode, out)
	}
	_, page := f2.anon().get("/lapor?instansi=99.01")
	if !strings.Contains(page, `id="r-no-key"`) || strings.Count(page, " disabled>") != 2 {
		t.Errorf("form without key does not say so: %.200s", page)
	}
}

// countingReader counts the bytes read from it.
type countingReader struct {
	n    atomic.Int64
	left int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > c.left {
		n = c.left
	}
	for i := range p[:n] {
		p[i] = 'A'
	}
	c.left -= n
	c.n.Add(n)
	return int(n), nil
}

func TestPublicReportTooLarge(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	const size = 30 << 20
	// Declared size over the limit: 413 at once, the body is not read.
	for _, path := range []string{"/api/v1/public/reports", "/lapor"} {
		cr := &countingReader{left: size}
		req, _ := http.NewRequest("POST", f.TS.URL+path, cr)
		req.ContentLength = size
		req.Header.Set("Content-Type", "multipart/form-data; boundary=xyz")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			// The server may close the connection before the client finished writing.
			t.Logf("%s: %v", path, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d %.200s", path, resp.StatusCode, b)
		}
		if path == "/api/v1/public/reports" && apiErrorCode(string(b)) != "too_large" {
			t.Errorf("%s: %s", path, b)
		}
		if n := cr.n.Load(); n >= size {
			t.Errorf("%s: the whole body (%d bytes) was read", path, n)
		}
	}
	// Undeclared size (chunked): reading stops at the limit.
	jsAnon := `{"description":"Bukti terlampir untuk laporan ini.","identity":"anonymous","reported":{"unit":"X"},"instansi":"99.01"}`
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	var written atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mw.WriteField("report", jsAnon)
		for i := 0; i < 4; i++ {
			w, err := mw.CreateFormFile("files", "video"+strconv.Itoa(i)+".mp4")
			if err != nil {
				break
			}
			chunk := make([]byte, 1<<20)
			ok := true
			for j := 0; j < 8 && ok; j++ { // 8 MB each: each within the per-file limit, 32 MB together
				n, err := w.Write(chunk)
				written.Add(int64(n))
				ok = err == nil
			}
			if !ok {
				break
			}
		}
		mw.Close()
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", f.TS.URL+"/api/v1/public/reports", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || apiErrorCode(string(b)) != "too_large" {
			t.Errorf("chunked 32 MB: %d %s", resp.StatusCode, b)
		}
	}
	pr.CloseWithError(io.ErrClosedPipe)
	wg.Wait()
	// One file over 10 MB.
	ct, body := multipartBody(t, url.Values{"report": {jsAnon}}, []part{{"files", "big.mp4", make([]byte, reports.MaxFileBytes+10)}})
	resp, out := f.anon().do("POST", "/api/v1/public/reports", ct, bytes.NewReader(body), nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || apiErrorCode(out) != "too_large" {
		t.Errorf("11 MB file: %d %s", resp.StatusCode, out)
	}
	var n int
	f.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM public_report`).Scan(&n)
	if n != 0 {
		t.Errorf("%d reports stored from refused uploads", n)
	}
}

func TestPublicReportCrossSite(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	anon := f.anon()
	form := reportForm("anonymous")
	ct, body := multipartBody(t, form, nil)
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}} {
		for _, path := range []string{"/lapor", "/lapor/status", "/api/v1/public/reports"} {
			resp, _ := anon.do("POST", path, ct, bytes.NewReader(body), h)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("cross-site POST %s %v: %d", path, h, resp.StatusCode)
			}
		}
	}
	var n int
	f.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM public_report`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d reports stored from cross-site requests", n)
	}
	// Same origin works (no proof of work: the slow lane).
	resp, out := anon.do("POST", "/lapor", ct, bytes.NewReader(body), map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != 200 || !receiptRe.MatchString(out) {
		t.Fatalf("same-origin POST: %d %.500s", resp.StatusCode, out)
	}
	rec := receiptRe.FindStringSubmatch(out)
	rep, err := reports.Get(context.Background(), f.DB, f.Inst, f.reportID(rec[1]))
	if err != nil || rep.ProofOfWork {
		t.Fatalf("a report without proof of work is marked as having one: %v", err)
	}
	_, show := f.login("tim").get("/laporan/" + itoa(rep.ID))
	if !strings.Contains(show, `id="report-no-pow"`) {
		t.Error("the staff page does not say the report came without a proof of work")
	}
}

func TestPublicReportSlowLaneAndPoW(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	g := f.S.guard()
	g.cfg.SlowPerHour, g.cfg.SlowGlobalPerHour, g.cfg.SubmitPerHour = 2, 3, 2
	js := `{"description":"Kepala dinas mengajak memilih paslon.","identity":"anonymous","reported":{"name":"X"},"instansi":"99.01"}`
	post := func(addr string, headers map[string]string) int {
		h := map[string]string{"X-Forwarded-For": addr}
		for k, v := range headers {
			h[k] = v
		}
		resp, _ := f.anon().do("POST", "/api/v1/public/reports", "application/json", strings.NewReader(js), h)
		return resp.StatusCode
	}
	// Without a proof: 2 per address, 3 in all.
	for i, want := range []int{201, 201, 429} {
		if st := post("10.1.1.1", nil); st != want {
			t.Errorf("no proof #%d: %d, want %d", i+1, st, want)
		}
	}
	if st := post("10.1.1.2", nil); st != 201 {
		t.Errorf("no proof, other address: %d", st)
	}
	if st := post("10.1.1.3", nil); st != 429 {
		t.Errorf("no proof over the global budget: %d", st)
	}
	// With a proof: its own budget.
	withPoW := func() map[string]string {
		ch := g.challenge()
		return map[string]string{"X-Netral-Pow-Challenge": ch, "X-Netral-Pow-Nonce": solveWork(ch, g.cfg.Difficulty)}
	}
	for i, want := range []int{201, 201, 429} {
		if st := post("10.1.1.1", withPoW()); st != want {
			t.Errorf("with proof #%d: %d, want %d", i+1, st, want)
		}
	}
	// A wrong nonce, a forged or an expired challenge are no proof.
	ch := g.challenge()
	if g.checkWork(ch, notASolution(ch, g.cfg.Difficulty)) {
		t.Error("a wrong nonce was accepted")
	}
	forged := strings.Replace(ch, ".4.", ".1.", 1)
	if g.checkWork(forged, solveWork(forged, 1)) {
		t.Error("a forged challenge was accepted")
	}
	g.now = func() time.Time { return time.Now().Add(3 * time.Hour) }
	if g.checkWork(ch, solveWork(ch, g.cfg.Difficulty)) {
		t.Error("an expired challenge was accepted")
	}
}

func TestReceiptGuessing(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	g := f.S.guard()
	g.cfg.LookupFailures, g.cfg.ReceiptFailures = 5, 8
	rec, err := reports.Submit(context.Background(), f.DB, nil, reports.Submission{InstansiID: f.Inst,
		Description: "Laporan untuk uji tebakan kode.", Identity: "anonymous", Reported: reports.Person{Name: "Y"}})
	if err != nil {
		t.Fatal(err)
	}
	anon := f.anon()
	lookup := func(addr, receipt, secret string) (int, string) {
		resp, out := anon.do("POST", "/lapor/status", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"kode": {receipt}, "rahasia": {secret}}.Encode()), map[string]string{"X-Forwarded-For": addr})
		return resp.StatusCode, out
	}
	api := func(addr, receipt, secret string) (int, string) {
		resp, out := anon.do("GET", "/api/v1/public/reports/"+url.PathEscape(receipt), "", nil,
			map[string]string{"X-Forwarded-For": addr, "X-Report-Secret": secret})
		return resp.StatusCode, out
	}
	wrong := "AAAA-AAAA-AAAA-AAAA"
	if wrong == rec.Secret {
		wrong = "BBBB-BBBB-BBBB-BBBB"
	}
	// Unknown receipt and wrong secret: the same answer, on the page and the API.
	s1, b1 := lookup("10.2.0.1", rec.Receipt, wrong)
	s2, b2 := lookup("10.2.0.1", "NTR-ZZZZ-ZZZZ", wrong)
	if s1 != http.StatusNotFound || s1 != s2 || stripCodes(b1, rec.Receipt) != stripCodes(b2, "NTR-ZZZZ-ZZZZ") {
		t.Errorf("page answers differ: %d vs %d", s1, s2)
	}
	s1, b1 = api("10.2.0.2", rec.Receipt, wrong)
	s2, b2 = api("10.2.0.2", "NTR-ZZZZ-ZZZZ", wrong)
	if s1 != http.StatusNotFound || s1 != s2 || b1 != b2 || apiErrorCode(b1) != "not_found" {
		t.Errorf("API answers differ: %d %s vs %d %s", s1, b1, s2, b2)
	}
	if st, _ := api("10.2.0.3", rec.Receipt, rec.Secret); st != 200 {
		t.Fatalf("right secret: %d", st)
	}
	// Per address: after LookupFailures failures even the right secret waits.
	for i := 0; i < 5; i++ {
		lookup("10.2.0.4", fmt.Sprintf("NTR-%04d-0000", i), wrong)
	}
	if st, out := lookup("10.2.0.4", rec.Receipt, rec.Secret); st != http.StatusTooManyRequests || !strings.Contains(out, "Terlalu banyak") {
		t.Errorf("address over its failures: %d", st)
	}
	if st, b := api("10.2.0.4", rec.Receipt, rec.Secret); st != http.StatusTooManyRequests || apiErrorCode(b) != "rate_limited" {
		t.Errorf("API, address over its failures: %d %s", st, b)
	}
	// Per receipt code: failures from many addresses lock that code.
	for i := 0; i < 8; i++ {
		api(fmt.Sprintf("10.3.0.%d", i), rec.Receipt, wrong)
	}
	if st, _ := api("10.4.0.1", rec.Receipt, rec.Secret); st != http.StatusTooManyRequests {
		t.Errorf("receipt over its failures: %d", st)
	}
	if st, _ := api("10.4.0.1", "NTR-ZZZZ-ZZZY", wrong); st != http.StatusNotFound {
		t.Errorf("other receipt from a fresh address: %d", st)
	}
}

// notASolution returns a nonce that does not solve ch.
func notASolution(ch string, difficulty int) string {
	for n := 0; ; n++ {
		s := "n" + strconv.Itoa(n)
		sum := sha256.Sum256([]byte(ch + ":" + s))
		if leadingZeroBits(sum[:]) < difficulty {
			return s
		}
	}
}

// stripCodes removes the echoed receipt code from a page.
func stripCodes(page, receipt string) string { return strings.ReplaceAll(page, receipt, "") }

// TestReporterNotInClearText files reports with an identity through the
// form and the API and looks for the reporter's name, phone and e-mail in
// the SQLite database file and its WAL (on PostgreSQL: in every row of every
// table), in the audit trail and in the server's log: none may appear.
func TestReporterNotInClearText(t *testing.T) {
	f := newFixture(t)
	f.withReports(true)
	var logs bytes.Buffer
	var mu sync.Mutex
	f.S.log = slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil))
	anon := f.anon()
	f.fileReport(anon, reportForm("confidential"), []part{{"bukti", "foto.jpg", exifJPEG(t)}})
	f.fileReport(anon, reportForm("open"), nil)
	js, _ := json.Marshal(map[string]any{"description": "Laporan lewat API dengan identitas terbuka.", "identity": "confidential",
		"reported": map[string]string{"name": "Z"}, "instansi": "99.01",
		"reporter": map[string]string{"name": tReporterName, "phone": tReporterPhone, "email": tReporterEmail}})
	if resp, out := anon.do("POST", "/api/v1/public/reports", "application/json", bytes.NewReader(js), nil); resp.StatusCode != 201 {
		t.Fatalf("API: %d %s", resp.StatusCode, out)
	}
	secrets := []string{tReporterName, tReporterPhone, tReporterEmail, "Wulandari", "9876 5432", "wulandari.pelapor"}
	control := "Laporan lewat API dengan identitas terbuka." // stored in clear: proves the search works
	ctx := context.Background()
	if f.DB.Engine() == db.SQLite {
		path := f.DB.DSN()
		var blob []byte
		for _, p := range []string{path, path + "-wal"} {
			b, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			blob = append(blob, b...)
		}
		if !bytes.Contains(blob, []byte(control)) {
			t.Fatal("the control text is not in the database files: the search cannot be trusted")
		}
		for _, s := range secrets {
			if bytes.Contains(blob, []byte(s)) {
				t.Errorf("%q is in the database file in clear text", s)
			}
		}
	} else {
		rows, err := f.DB.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE'`)
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			tables = append(tables, n)
		}
		rows.Close()
		var all strings.Builder
		for _, tb := range tables {
			rs, err := f.DB.Query(ctx, `SELECT t::text FROM "`+tb+`" t`)
			if err != nil {
				t.Fatalf("%s: %v", tb, err)
			}
			for rs.Next() {
				var s string
				rs.Scan(&s)
				all.WriteString(s)
				all.WriteByte('\n')
			}
			rs.Close()
		}
		if !strings.Contains(all.String(), control) {
			t.Fatal("the control text is not in the database: the search cannot be trusted")
		}
		for _, s := range secrets {
			if strings.Contains(all.String(), s) {
				t.Errorf("%q is in the database in clear text", s)
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "POST /lapor") {
		t.Fatalf("no request log: %s", logs.String())
	}
	for _, s := range append(secrets, "127.0.0.1") {
		if strings.Contains(logs.String(), s) {
			t.Errorf("the log holds %q: %s", s, logs.String())
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// reportWalkValues gives the route walk a public report with evidence
// (made once per walk), and makes the public routes' limits loose enough
// for it.
func (w *walkFixture) reportWalkValues(t *testing.T) map[string]string {
	t.Helper()
	if v, ok := reportWalkCache.Load(w); ok {
		return v.(map[string]string)
	}
	g := w.S.guard()
	g.cfg.AttemptsPerHour, g.cfg.SlowPerHour, g.cfg.SlowGlobalPerHour = 1000, 1000, 1000
	rec, err := reports.Submit(context.Background(), w.DB, nil, reports.Submission{InstansiID: w.Inst,
		Description: "Laporan untuk jalan-jalan rute.", Identity: "anonymous", Reported: reports.Person{Name: "W"},
		Files: []reports.Upload{{Name: "a.jpg", Data: exifJPEG(t)}}})
	if err != nil {
		t.Fatal(err)
	}
	var eid int64
	if err := w.DB.QueryRow(context.Background(), `SELECT id FROM public_report_evidence WHERE report_id = ?`,
		rec.Report.ID).Scan(&eid); err != nil {
		t.Fatal(err)
	}
	v := map[string]string{
		"/laporan/{id}":                    itoa(rec.Report.ID),
		"/laporan/{eid}":                   itoa(eid),
		"/api/v1/public/reports/{receipt}": rec.Receipt,
	}
	reportWalkCache.Store(w, v)
	t.Cleanup(func() { reportWalkCache.Delete(w) })
	return v
}

var reportWalkCache sync.Map // *walkFixture → its reportWalkValues
