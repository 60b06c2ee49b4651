package docs

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// checkPDF parses the parts of a PDF that make it readable (header, the
// cross-reference offset, the trailer and the page count) and returns the
// number of pages.
func checkPDF(t *testing.T, b []byte) int {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		t.Fatalf("no PDF header: %q", b[:min(len(b), 16)])
	}
	tail := b[max(0, len(b)-1024):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		t.Fatal("no EOF marker at the end")
	}
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF`).FindSubmatch(tail)
	if m == nil {
		t.Fatal("no startxref before the EOF marker")
	}
	off, _ := strconv.Atoi(string(m[1]))
	if off <= 0 || off >= len(b) || !bytes.HasPrefix(b[off:], []byte("xref")) {
		t.Fatalf("startxref %d does not point at the cross-reference table", off)
	}
	if !bytes.Contains(b[off:], []byte("trailer")) || !regexp.MustCompile(`/Root \d+ 0 R`).Match(b[off:]) {
		t.Fatal("trailer without /Root")
	}
	pm := regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`).FindSubmatch(b)
	if pm == nil {
		t.Fatal("no page tree with a /Count")
	}
	n, _ := strconv.Atoi(string(pm[1]))
	if n <= 0 {
		t.Fatalf("page count %d", n)
	}
	if got := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(b, -1)); got != n {
		t.Fatalf("/Count %d but %d page objects", n, got)
	}
	return n
}

// pdfText returns the text pdftotext extracts, or skips the caller's
// check (returning ok false) when pdftotext is not installed.
func pdfText(t *testing.T, b []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}

// squash removes all white space, so that text wrapped over lines compares
// with its source.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// mustContainText checks that each string is in the extracted text.
func mustContainText(t *testing.T, what, text string, want ...string) {
	t.Helper()
	flat := squash(text)
	for _, w := range want {
		if !strings.Contains(flat, squash(w)) {
			t.Errorf("%s: extracted text lacks %q", what, w)
		}
	}
}

// recorder collects the text drawn (traceText) while f runs.
func recorder(t *testing.T, f func()) []string {
	t.Helper()
	var mu sync.Mutex
	var got []string
	traceText = func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }
	defer func() { traceText = nil }()
	f()
	return got
}

func testLogo(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), 120, uint8(y * 255 / h), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sampleLH(t *testing.T) Letterhead {
	lh := SampleLetterhead()
	logo, err := NormalizeLogo(testLogo(t, 120, 140))
	if err != nil {
		t.Fatal(err)
	}
	lh.Logo = logo
	return lh
}

// saveSample writes a PDF to $NETRAL_DOCS_OUT when set, to look at.
func saveSample(t *testing.T, name string, b []byte) {
	if dir := os.Getenv("NETRAL_DOCS_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSamplesAreValidPDFs renders every kind with the demo data and checks
// the PDF's structure and (with pdftotext) its key text.
func TestSamplesAreValidPDFs(t *testing.T) {
	lh := sampleLH(t)
	want := map[string][]string{
		KindInvitation: {"PEMERINTAH KABUPATEN TANJUNG HARAPAN", "TIM PENGAWAS NETRALITAS APARATUR SIPIL NEGARA",
			"Tanjung Harapan, 2 Oktober 2024", "Nomor", "800.1.6/012/TPN/2024", "Sifat", "Penting", "Lampiran", "Hal",
			"Undangan Klarifikasi", "Yth.", "Budi Santoso, S.Pd.", "19850315 201001 1 002", "Guru Ahli Muda",
			"Senin, 7 Oktober 2024", "09.00 WIB s.d. selesai", "Ruang Rapat Inspektorat Daerah",
			"Surat keputusan jabatan terakhir", "Dr. Hendra Wijaya, M.Si.", "NIP. 19720101 199803 1 005", "Tembusan:",
			"Pos-el netralitas@tanjungharapankab.go.id", "Halaman 1 dari 1"},
		KindMinutes: {"BERITA ACARA KLARIFIKASI", "Nomor: 800.1.6/013/TPN/2024",
			"hari Senin tanggal tujuh bulan Oktober tahun dua ribu dua puluh empat", "pukul 09.15 WIB",
			"Kedudukan dalam Tim", "Sri Lestari, S.H.", "Atasan langsung", "Pertanyaan", "Jawaban",
			"Ya, akun tersebut milik saya", "Keterangan lain", "Klarifikasi selesai pukul 10.40 WIB",
			"Yang memberikan keterangan,", "Tim Klarifikasi:", "Tanjung Harapan, 7 Oktober 2024"},
		KindReferral: {"Penerusan Dugaan Pelanggaran Netralitas ASN", "3 (tiga) berkas", "Segera",
			"Ketua Badan Pengawas Pemilihan Umum Kabupaten Tanjung Harapan", "NTR-9901-2024-0012", "Ringkasan kejadian",
			"Hasil klarifikasi dan temuan tim", "DS-07", "Ringkasan perkara", "Tanjung Harapan, 9 Oktober 2024",
			"Kepala Badan Kepegawaian Negara"},
		KindSummary: {"RINGKASAN PERKARA", "Nomor Perkara: NTR-9901-2024-0012", "Kronologi penanganan", "Waktu",
			"Keputusan PPK", "Daftar bukti", "SHA-256", "3f8a2c1d9b7e6f5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c",
			"tangkapan-layar-unggahan.png", "Hukuman disiplin sedang", "800.1.6.4/123/2024", "29 September 2024 08.30 WIB"},
	}
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Sample(&buf, lh, kind); err != nil {
				t.Fatal(err)
			}
			saveSample(t, kind+".pdf", buf.Bytes())
			pages := checkPDF(t, buf.Bytes())
			if pages > 3 {
				t.Errorf("%s: %d pages for a short document", kind, pages)
			}
			if text, ok := pdfText(t, buf.Bytes()); ok {
				mustContainText(t, kind, text, want[kind]...)
			} else {
				t.Log("pdftotext not installed: text not checked")
			}
		})
	}
	var buf bytes.Buffer
	if err := Sample(&buf, lh, "letter"); err == nil {
		t.Error("unknown kind accepted")
	}
}

// TestLongAnswerWrapsAndPaginates: a 5,000-character answer (words, and a
// run without any space) is drawn whole, over several lines and pages, and
// no line is wider than its column.
func TestLongAnswerWrapsAndPaginates(t *testing.T) {
	words := strings.Repeat("Saya tidak pernah bermaksud mendukung calon mana pun. ", 95)[:5000]
	run := strings.Repeat("x", 5000) // no space to break at
	in := MinutesInput{Number: "1", CaseNumber: "C-1", Start: time.Date(2024, 10, 2, 9, 0, 0, 0, sampleZone),
		Place: "Ruang Rapat", Subject: sampleASN, Team: []TeamMember{{sampleChair, "Ketua"}},
		QA: []QA{{"Jelaskan.", words}, {"Dan ini?", run}}}
	var buf bytes.Buffer
	drawn := recorder(t, func() {
		if err := ClarificationMinutes(&buf, SampleLetterhead(), in); err != nil {
			t.Fatal(err)
		}
	})
	pages := checkPDF(t, buf.Bytes())
	if pages < 3 {
		t.Errorf("10,000 characters of answers on %d pages", pages)
	}
	joined := strings.Join(drawn, "\n")
	if !strings.Contains(squash(joined), squash(words)) {
		t.Error("the long answer was not drawn whole")
	}
	if strings.Count(joined, "x") < 5000 {
		t.Errorf("the unbroken run lost characters: %d of 5000 drawn", strings.Count(joined, "x"))
	}
	if text, ok := pdfText(t, buf.Bytes()); ok {
		if n := strings.Count(text, "x"); n < 5000 {
			t.Errorf("pdftotext finds %d of the 5000 x", n)
		}
		mustContainText(t, "long answer", text, words[:400], words[len(words)-300:])
	}
	// Wrapping: every drawn line of the answers fits in the answer column.
	d := newDoc(SampleLetterhead(), "t")
	d.p.AddPage()
	d.font("", bodySize)
	colW := contentW - 8 - 24 - 3
	for _, line := range d.split(run, colW) {
		if w := d.p.GetStringWidth(line); w > colW+0.01 {
			t.Fatalf("a line %.1f mm wide in a %.1f mm column", w, colW)
		}
	}
}

// TestUntrustedTextIsDrawnLiterally: markup and PDF syntax in names and
// answers are drawn as the characters they are.
func TestUntrustedTextIsDrawnLiterally(t *testing.T) {
	evil := []string{`<script>alert("x")</script>`, `<img src=x onerror=alert(1)>`, `) Tj ET BT (injected`,
		`\\(\\)`, `{{.Secret}}`, `%PDF-1.4 endobj {nb} {nb}`, `${jndi:ldap://x}`}
	asn := sampleASN
	asn.Name = evil[0]
	asn.Jabatan = evil[1]
	var qas []QA
	for _, e := range evil {
		qas = append(qas, QA{Question: "Q " + e, Answer: "A " + e})
	}
	in := MinutesInput{Number: evil[2], CaseNumber: evil[4], Start: time.Date(2024, 10, 2, 9, 0, 0, 0, sampleZone),
		Place: evil[5], Subject: asn, Team: []TeamMember{{Signatory{Name: evil[6]}, evil[3]}}, QA: qas}
	var buf bytes.Buffer
	drawn := recorder(t, func() {
		if err := ClarificationMinutes(&buf, SampleLetterhead(), in); err != nil {
			t.Fatal(err)
		}
	})
	checkPDF(t, buf.Bytes())
	joined := strings.Join(drawn, "\n")
	for _, e := range evil {
		if !strings.Contains(joined, e) {
			t.Errorf("%q not drawn literally", e)
		}
	}
	if text, ok := pdfText(t, buf.Bytes()); ok {
		mustContainText(t, "untrusted", text, evil...)
	}
	// The same through the letter layouts.
	for name, render := range map[string]func(*bytes.Buffer) error{
		"invitation": func(b *bytes.Buffer) error {
			return Invitation(b, SampleLetterhead(), InvitationInput{To: asn, Start: time.Now(), Venue: evil[5],
				Bring: evil, Letter: Letter{Number: evil[2], CC: evil}, Signer: Signatory{Name: evil[6]}})
		},
		"referral": func(b *bytes.Buffer) error {
			return Referral(b, SampleLetterhead(), ReferralInput{Agency: AgencyBKN, CaseNumber: evil[4], Subject: asn,
				Summary: strings.Join(evil, " "), Attachments: evil})
		},
		"summary": func(b *bytes.Buffer) error {
			return CaseSummary(b, SampleLetterhead(), SummaryInput{CaseNumber: evil[4], Subject: asn,
				Timeline: []TimelineEntry{{time.Now(), evil[0], evil[1], evil[2]}},
				Evidence: []EvidenceItem{{Name: evil[3], SHA256: strings.Repeat("a", 64)}}})
		},
	} {
		var b bytes.Buffer
		drawn := recorder(t, func() {
			if err := render(&b); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		})
		checkPDF(t, b.Bytes())
		joined := strings.Join(drawn, "\n")
		for _, e := range evil[:4] {
			if !strings.Contains(joined, e) {
				t.Errorf("%s: %q not drawn literally", name, e)
			}
		}
	}
}

// TestUnsupportedCharacters: emoji, scripts the fonts lack, control and
// bidirectional characters and invalid UTF-8 do not break a document.
func TestUnsupportedCharacters(t *testing.T) {
	odd := "Budi 😀👍🏽 👨‍👩‍👧 漢字 عربى हिन्दी ⅀ \x00\x1b[31m\u202eevil\u202c \xff\xfe zero\u200bwidth Ñandú Ελληνικά Кириллица ĀŠĶ"
	asn := sampleASN
	asn.Name = odd
	for _, kind := range Kinds {
		var b bytes.Buffer
		var err error
		switch kind {
		case KindInvitation:
			err = Invitation(&b, SampleLetterhead(), InvitationInput{To: asn, Start: time.Now(), Venue: odd, Purpose: odd})
		case KindMinutes:
			err = ClarificationMinutes(&b, SampleLetterhead(), MinutesInput{Start: time.Now(), Place: odd, Subject: asn,
				Team: []TeamMember{{Signatory{Name: odd}, odd}}, QA: []QA{{odd, odd}}})
		case KindReferral:
			err = Referral(&b, SampleLetterhead(), ReferralInput{Agency: AgencyBawaslu, CaseNumber: odd, Subject: asn, Finding: odd})
		case KindSummary:
			err = CaseSummary(&b, SampleLetterhead(), SummaryInput{CaseNumber: odd, Subject: asn, Summary: odd})
		}
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		checkPDF(t, b.Bytes())
		if text, ok := pdfText(t, b.Bytes()); ok {
			mustContainText(t, kind, text, "Ñandú", "Ελληνικά", "Кириллица", "zerowidth")
		}
	}
	c := Clean(odd)
	for _, bad := range []string{"😀", "漢", "\x00", "\x1b", "\u202e", "\u200b", "\xff"} {
		if strings.Contains(c, bad) {
			t.Errorf("Clean left %q in %q", bad, c)
		}
	}
	if !strings.Contains(c, "Ñandú") || !strings.Contains(c, "[31m") {
		t.Errorf("Clean = %q", c)
	}
	if got := Clean("a\r\nb\rc\td"); got != "a\nb\nc    d" {
		t.Errorf("Clean line ends = %q", got)
	}
}

func TestLetterheadLayout(t *testing.T) {
	// A very long letterhead (every field at its limit) and no logo.
	lh := Letterhead{Line1: strings.Repeat("PEMERINTAH KABUPATEN ", 6)[:MaxLineLen],
		Line2: strings.Repeat("TIM PENGAWAS NETRALITAS ", 5)[:MaxLineLen], Line3: strings.Repeat("W", MaxLineLen),
		Address: strings.Repeat("Jalan Panjang ", 18)[:MaxAddressLen], Phone: "(0999) 123456", Email: "a@b.go.id",
		Website: "https://b.go.id", Place: "Tanjung Harapan"}
	if err := lh.Validate(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	drawn := recorder(t, func() {
		if err := Sample(&b, lh, KindInvitation); err != nil {
			t.Fatal(err)
		}
	})
	checkPDF(t, b.Bytes())
	if !strings.Contains(squash(strings.Join(drawn, "")), squash(lh.Line3)) {
		t.Error("long letterhead line lost")
	}
	// A broken stored logo is left out rather than failing the document.
	lh.Logo = []byte("\x89PNG\r\n\x1a\nbroken")
	b.Reset()
	if err := Sample(&b, lh, KindSummary); err != nil {
		t.Fatalf("broken logo: %v", err)
	}
	checkPDF(t, b.Bytes())
	// With a logo the image is embedded.
	b.Reset()
	if err := Sample(&b, sampleLH(t), KindReferral); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("/Subtype /Image")) {
		t.Error("logo not embedded")
	}
}

func TestGeneratorsRequireEssentials(t *testing.T) {
	var b bytes.Buffer
	checks := []struct {
		err   error
		field string
	}{
		{Invitation(&b, SampleLetterhead(), InvitationInput{Start: time.Now(), Venue: "x"}), "to.name"},
		{Invitation(&b, SampleLetterhead(), InvitationInput{To: sampleASN, Venue: "x"}), "start"},
		{Invitation(&b, SampleLetterhead(), InvitationInput{To: sampleASN, Start: time.Now()}), "venue"},
		{ClarificationMinutes(&b, SampleLetterhead(), MinutesInput{Start: time.Now(), Place: "x", Team: []TeamMember{{}}}), "subject.name"},
		{ClarificationMinutes(&b, SampleLetterhead(), MinutesInput{Subject: sampleASN, Start: time.Now(), Place: "x"}), "team"},
		{Referral(&b, SampleLetterhead(), ReferralInput{Agency: "kpu", CaseNumber: "1", Subject: sampleASN, Summary: "s"}), "agency"},
		{Referral(&b, SampleLetterhead(), ReferralInput{Agency: AgencyBKN, CaseNumber: "1", Subject: sampleASN}), "summary"},
		{CaseSummary(&b, SampleLetterhead(), SummaryInput{}), "case_number"},
	}
	for i, c := range checks {
		fe, ok := c.err.(*FieldError)
		if !ok || fe.Field != c.field || fe.Reason != "required" {
			t.Errorf("check %d: err = %v, want required %s", i, c.err, c.field)
		}
	}
	if b.Len() != 0 {
		t.Error("something was written for refused input")
	}
}

func TestTableRowLongerThanAPage(t *testing.T) {
	note := strings.Repeat("Catatan panjang tentang langkah ini. ", 400) // ~15,000 characters in one cell
	in := SummaryInput{CaseNumber: "C-9", Timeline: []TimelineEntry{{time.Now(), "Verifikasi", "Andi", note},
		{time.Now(), "Klarifikasi", "Budi", "akhir-tabel"}}}
	var b bytes.Buffer
	drawn := recorder(t, func() {
		if err := CaseSummary(&b, SampleLetterhead(), in); err != nil {
			t.Fatal(err)
		}
	})
	if n := checkPDF(t, b.Bytes()); n < 3 {
		t.Errorf("15,000 characters in a table cell on %d pages", n)
	}
	var cells []string // the drawn text without the repeated header and the page footers
	for _, s := range drawn {
		switch {
		case s == "No" || s == "Waktu" || s == "Tahap" || s == "Petugas" || s == "Keterangan":
		case strings.HasPrefix(s, "Ringkasan perkara C-9"):
		default:
			cells = append(cells, s)
		}
	}
	joined := strings.Join(drawn, " ")
	if !strings.Contains(squash(strings.Join(cells, " ")), squash(note)) || !strings.Contains(joined, "akhir-tabel") {
		t.Error("table text lost across pages")
	}
	// The header is repeated on the continuation pages.
	if n := strings.Count(joined, "Keterangan"); n < 3 {
		t.Errorf("table header drawn %d times", n)
	}
}

func TestDatesInIndonesian(t *testing.T) {
	d := time.Date(2024, 10, 2, 9, 5, 0, 0, sampleZone)
	for got, want := range map[string]string{
		FormatDate(d):                        "2 Oktober 2024",
		FormatDayDate(d):                     "Rabu, 2 Oktober 2024",
		FormatTime(d, "WIB"):                 "09.05 WIB",
		PlaceDate("Tanjung Harapan", d):      "Tanjung Harapan, 2 Oktober 2024",
		DateInWords(d):                       "hari Rabu tanggal dua bulan Oktober tahun dua ribu dua puluh empat",
		CountInWords(3):                      "3 (tiga)",
		FormatNIP("198503152010011002"):      "19850315 201001 1 002",
		FormatNIP("bukan nip"):               "bukan nip",
		FormatDate(time.Time{}) + "|":        "|",
		MonthName(time.January) + DayName(5): "JanuariJumat",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	for n, want := range map[int64]string{0: "nol", 10: "sepuluh", 11: "sebelas", 12: "dua belas", 19: "sembilan belas",
		20: "dua puluh", 31: "tiga puluh satu", 100: "seratus", 115: "seratus lima belas", 250: "dua ratus lima puluh",
		1000: "seribu", 1001: "seribu satu", 1999: "seribu sembilan ratus sembilan puluh sembilan",
		2024: "dua ribu dua puluh empat", 11000: "sebelas ribu", 101000: "seratus satu ribu",
		1001000: "satu juta seribu", 2500000: "dua juta lima ratus ribu", -5: "minus lima"} {
		if got := Terbilang(n); got != want {
			t.Errorf("Terbilang(%d) = %q, want %q", n, got, want)
		}
	}
}

func ExampleTerbilang() {
	fmt.Println(Terbilang(2024))
	// Output: dua ribu dua puluh empat
}
