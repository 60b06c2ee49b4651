package docs

import (
	"io"
	"strings"
)

// Agency is where a case is referred to.
type Agency string

// The agencies a case can be referred to (domain rules §2.4–2.5).
const (
	AgencyBawaslu Agency = "bawaslu" // Badan Pengawas Pemilihan Umum: kajian and recommendation
	AgencyBKN     Agency = "bkn"     // Badan Kepegawaian Negara (successor of KASN since 24 Aug 2024)
)

// ReferralInput is a letter forwarding a case (surat penerusan) to
// Bawaslu or BKN with its package.
type ReferralInput struct {
	Letter Letter
	Agency Agency
	// Addressee overrides the default for the agency ("Ketua Badan Pengawas
	// Pemilihan Umum" / "Kepala Badan Kepegawaian Negara"); give the
	// region, e.g. "Ketua Bawaslu Kabupaten Tanjung Harapan".
	Addressee  Addressee
	CaseNumber string
	Subject    Person // the ASN concerned
	Summary    string // what happened (ringkasan kejadian)
	Finding    string // the team's finding after clarification
	Violation  string // the suspected violation, e.g. "DS-03 — …"; optional
	// Attachments lists what the package holds (the Lampiran), e.g.
	// "Berita Acara Klarifikasi", "Tangkapan layar unggahan (3 berkas)".
	Attachments []string
	Signer      Signatory
}

func (in ReferralInput) validate() error {
	switch {
	case in.Agency != AgencyBawaslu && in.Agency != AgencyBKN:
		return &FieldError{Field: "agency", Reason: "required"}
	case strings.TrimSpace(in.CaseNumber) == "":
		return &FieldError{Field: "case_number", Reason: "required"}
	case strings.TrimSpace(in.Subject.Name) == "":
		return &FieldError{Field: "subject.name", Reason: "required"}
	case strings.TrimSpace(in.Summary) == "" && strings.TrimSpace(in.Finding) == "":
		return &FieldError{Field: "summary", Reason: "required"}
	}
	return nil
}

// defaultAddressee is the addressee of a referral when the caller gives none.
func (a Agency) defaultAddressee() Addressee {
	if a == AgencyBKN {
		return Addressee{Lines: []string{"Kepala Badan Kepegawaian Negara",
			"c.q. Deputi Bidang Pengawasan dan Pengendalian Manajemen ASN"}, Place: "Jakarta"}
	}
	return Addressee{Lines: []string{"Ketua Badan Pengawas Pemilihan Umum"}, Place: "Tempat"}
}

// Referral writes the letter forwarding a case to Bawaslu or BKN as a PDF on
// w: the letterhead and heading, the case number and the ASN concerned, the
// summary of what happened, the team's finding, the suspected violation, the
// request to the agency, the list of attachments and the signature. It
// returns a [*FieldError] when the agency, the case number, the ASN's name
// or both the summary and the finding are missing.
func Referral(w io.Writer, lh Letterhead, in ReferralInput) error {
	if err := in.validate(); err != nil {
		return err
	}
	d := newDoc(lh, "Surat Penerusan Perkara "+in.CaseNumber)
	d.footer = "Penerusan perkara " + oneLine(in.CaseNumber)
	d.start()
	to := in.Addressee
	if len(to.Lines) == 0 {
		to = in.Agency.defaultAddressee()
	}
	var atts []string
	for _, a := range in.Attachments {
		if strings.TrimSpace(a) != "" {
			atts = append(atts, a)
		}
	}
	letter := in.Letter
	if strings.TrimSpace(letter.Attachment) == "" && len(atts) > 0 {
		letter.Attachment = CountInWords(len(atts)) + " berkas"
	}
	subject := "Penerusan Dugaan Pelanggaran Netralitas ASN"
	d.letterHead(letter, subject, to)

	d.para(bodyX, bodyW, "Menindaklanjuti penanganan dugaan pelanggaran netralitas Aparatur Sipil Negara dengan Nomor "+
		"Perkara "+oneLine(in.CaseNumber)+", bersama ini kami teruskan hasil penanganan oleh Tim Pengawas Netralitas "+
		"ASN atas nama:")
	d.kv(bodyX+6, bodyW-6, 36, in.Subject.rows())
	d.p.Ln(2)
	section := func(n, title, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		d.ensure(lineH * 3)
		d.font("B", bodySize)
		y := d.p.GetY()
		d.p.SetXY(bodyX, y)
		d.cell(6, lineH, n, "L", 0)
		d.p.SetXY(bodyX+6, y)
		d.cell(bodyW-6, lineH, title, "L", 1)
		d.font("", bodySize)
		d.para(bodyX+6, bodyW-6, text)
	}
	section("1.", "Ringkasan kejadian", in.Summary)
	section("2.", "Hasil klarifikasi dan temuan tim", in.Finding)
	section("3.", "Dugaan pelanggaran", in.Violation)
	ask := "Sehubungan dengan hal tersebut, kami mohon Bawaslu berkenan melakukan kajian dan menyampaikan " +
		"rekomendasi atas dugaan pelanggaran dimaksud sesuai dengan ketentuan peraturan perundang-undangan."
	if in.Agency == AgencyBKN {
		ask = "Sehubungan dengan hal tersebut, kami mohon Badan Kepegawaian Negara berkenan menindaklanjuti dan " +
			"menyampaikan rekomendasi atas dugaan pelanggaran dimaksud sesuai dengan ketentuan peraturan " +
			"perundang-undangan."
	}
	d.para(bodyX, bodyW, ask)
	if len(atts) > 0 {
		d.para(bodyX, bodyW, "Sebagai bahan pertimbangan, bersama ini kami lampirkan:")
		d.list(bodyX+6, bodyW-6, atts, "")
		d.p.Ln(2)
	}
	d.closing("Demikian disampaikan. Atas perhatian dan kerja samanya diucapkan terima kasih.", in.Signer, letter.CC)
	return d.finish(w)
}
