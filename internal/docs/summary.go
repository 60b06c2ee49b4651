package docs

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// TimelineEntry is one step of a case's handling.
type TimelineEntry struct {
	At    time.Time
	Step  string // e.g. "Verifikasi", "Klarifikasi"
	Actor string // who did it
	Note  string
}

// EvidenceItem is one piece of evidence of a case, listed with its hash.
type EvidenceItem struct {
	Name       string
	Kind       string // e.g. "image/jpeg", "tangkapan URL"
	Size       int64  // bytes; 0 when unknown
	SHA256     string // hex
	ReceivedAt time.Time
}

// Decision is how a case ended: the team's finding, the agency's
// recommendation, and the PPK's decision with its legal basis.
type Decision struct {
	Finding        string // the team's finding, e.g. "Terbukti: …"
	Recommendation string // Bawaslu's or BKN's recommendation
	Sanction       string // the decision taken, e.g. "Hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6 bulan"
	LegalBasis     string
	DecreeNumber   string // number of the PPK's decree
	DecidedAt      time.Time
}

// SummaryInput is the summary of a case (ringkasan perkara).
type SummaryInput struct {
	CaseNumber string
	Title      string // a short description of the case
	Source     string // e.g. "Laporan masyarakat", "Temuan tim"
	Status     string
	OpenedAt   time.Time
	Subject    Person
	Violation  string
	Summary    string
	Timeline   []TimelineEntry
	Evidence   []EvidenceItem
	Decision   Decision
	Zone       string     // time zone label of the times: "WIB" when empty
	Generated  time.Time  // when the summary was made; zero → now
	Signer     *Signatory // optional signature at the end
}

// CaseSummary writes the summary of a case as a PDF on w: the case's
// particulars, the ASN concerned, what happened, the timeline of its
// handling (a table), the evidence with each file's SHA-256, and the
// decision. It returns a [*FieldError] when the case number is missing.
func CaseSummary(w io.Writer, lh Letterhead, in SummaryInput) error {
	if strings.TrimSpace(in.CaseNumber) == "" {
		return &FieldError{Field: "case_number", Reason: "required"}
	}
	gen := in.Generated
	if gen.IsZero() {
		gen = time.Now()
	}
	zone := in.Zone
	if strings.TrimSpace(zone) == "" {
		zone = "WIB"
	}
	d := newDoc(lh, "Ringkasan Perkara "+in.CaseNumber)
	d.footer = "Ringkasan perkara " + oneLine(in.CaseNumber) + " · dibuat " + FormatDateTime(gen, zone)
	d.start()
	d.title("RINGKASAN PERKARA", true, "Nomor Perkara: "+oneLine(in.CaseNumber))

	d.kv(marginLeft, contentW, 42, []kvRow{
		{"Perihal", in.Title},
		{"Sumber", in.Source},
		{"Tanggal dibuka", FormatDate(in.OpenedAt)},
		{"Status", in.Status},
		{"Dugaan pelanggaran", in.Violation},
	})
	d.heading("Pegawai yang diduga melanggar")
	d.kv(marginLeft, contentW, 42, in.Subject.rows())
	if strings.TrimSpace(in.Summary) != "" {
		d.heading("Uraian singkat")
		d.para(marginLeft, contentW, in.Summary)
	}

	d.heading("Kronologi penanganan")
	if len(in.Timeline) == 0 {
		d.para(marginLeft, contentW, "(Belum ada langkah yang dicatat.)")
	} else {
		rows := make([][]string, len(in.Timeline))
		for i, e := range in.Timeline {
			rows[i] = []string{fmt.Sprint(i + 1), FormatDateTime(e.At, zone), e.Step, e.Actor, e.Note}
		}
		d.table([]column{{Title: "No", W: 9, Align: "C"}, {Title: "Waktu", W: 30, Align: "L"},
			{Title: "Tahap", W: 34, Align: "L"}, {Title: "Petugas", W: 32, Align: "L"},
			{Title: "Keterangan", W: contentW - 105, Align: "L"}}, rows)
	}

	d.heading("Daftar bukti")
	if len(in.Evidence) == 0 {
		d.para(marginLeft, contentW, "(Tidak ada bukti berkas.)")
	} else {
		rows := make([][]string, len(in.Evidence))
		for i, e := range in.Evidence {
			desc := oneLine(e.Name)
			var meta []string
			if k := oneLine(e.Kind); k != "" {
				meta = append(meta, k)
			}
			if e.Size > 0 {
				meta = append(meta, formatSize(e.Size))
			}
			if !e.ReceivedAt.IsZero() {
				meta = append(meta, "diterima "+FormatDateTime(e.ReceivedAt, zone))
			}
			if len(meta) > 0 {
				desc += "\n" + strings.Join(meta, ", ")
			}
			rows[i] = []string{fmt.Sprint(i + 1), desc, strings.ToLower(oneLine(e.SHA256))}
		}
		d.table([]column{{Title: "No", W: 9, Align: "C"}, {Title: "Berkas", W: contentW - 9 - 91, Align: "L"},
			{Title: "SHA-256", W: 91, Align: "L", Mono: true, Size: 6.5}}, rows)
		d.para(marginLeft, contentW, "Keaslian setiap berkas dapat diperiksa dengan menghitung ulang SHA-256-nya "+
			"(mis. perintah sha256sum) dan membandingkannya dengan daftar di atas.")
	}

	dec := in.Decision
	d.heading("Keputusan")
	d.kv(marginLeft, contentW, 42, []kvRow{
		{"Temuan tim", dec.Finding},
		{"Rekomendasi", dec.Recommendation},
		{"Keputusan PPK", dec.Sanction},
		{"Dasar hukum", dec.LegalBasis},
		{"Nomor keputusan", dec.DecreeNumber},
		{"Tanggal keputusan", FormatDate(dec.DecidedAt)},
	})
	if in.Signer != nil {
		d.p.Ln(6)
		d.signature(signX, signW, PlaceDate(d.place(""), gen), "", *in.Signer)
	}
	return d.finish(w)
}

// formatSize writes a byte count for people: "850 B", "12,5 KB", "3,1 MB".
func formatSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/1024), ".", ",", 1)
	default:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1024*1024)), ".", ",", 1)
	}
}
