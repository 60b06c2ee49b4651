package docs

import (
	"io"
	"strings"
	"time"
)

// InvitationInput is an invitation to a clarification (surat undangan
// klarifikasi) addressed to the ASN concerned.
type InvitationInput struct {
	Letter     Letter
	CaseNumber string
	// To is the ASN invited. The addressee block ("Sdr." name, position) is
	// built from it unless Addressee has lines.
	To        Person
	Addressee Addressee
	Start     time.Time // day, date and time of the clarification (wall clock of its location)
	Zone      string    // time zone label: "WIB" when empty ("WITA", "WIT")
	Until     string    // end time as text, e.g. "12.00 WIB"; "" → "selesai"
	Venue     string    // where it takes place
	// Purpose says what the clarification is about, e.g. "klarifikasi atas
	// dugaan pelanggaran netralitas ASN berupa unggahan dukungan kepada
	// pasangan calon di media sosial".
	Purpose string
	Bring   []string // what the ASN should bring
	Contact string   // whom to tell when unable to attend, e.g. "Sdr. Andi (0812-3456-7890)"
	Signer  Signatory
}

func (in InvitationInput) validate() error {
	switch {
	case strings.TrimSpace(in.To.Name) == "":
		return &FieldError{Field: "to.name", Reason: "required"}
	case in.Start.IsZero():
		return &FieldError{Field: "start", Reason: "required"}
	case strings.TrimSpace(in.Venue) == "":
		return &FieldError{Field: "venue", Reason: "required"}
	}
	return nil
}

// Invitation writes the invitation to a clarification as a PDF on w: the
// letterhead, the letter's heading and addressee, whom the team invites
// (name, NIP, position, unit), when and where (day, date, time, place,
// purpose), what to bring, and the signature. It returns a [*FieldError]
// when the ASN's name, the start or the venue is missing.
func Invitation(w io.Writer, lh Letterhead, in InvitationInput) error {
	if err := in.validate(); err != nil {
		return err
	}
	d := newDoc(lh, "Undangan Klarifikasi")
	if in.CaseNumber != "" {
		d.footer = "Undangan klarifikasi · Perkara " + oneLine(in.CaseNumber)
	}
	d.start()
	to := in.Addressee
	if len(to.Lines) == 0 {
		to.Lines = []string{"Sdr. " + oneLine(in.To.Name)}
		if j := oneLine(in.To.Jabatan); j != "" {
			to.Lines = append(to.Lines, j)
		}
	}
	d.letterHead(in.Letter, "Undangan Klarifikasi", to)

	intro := "Dalam rangka penanganan dugaan pelanggaran netralitas Aparatur Sipil Negara"
	if c := oneLine(in.CaseNumber); c != "" {
		intro += " (Nomor Perkara " + c + ")"
	}
	d.para(bodyX, bodyW, intro+", dengan hormat kami mengundang Saudara:")
	d.kv(bodyX+6, bodyW-6, 36, in.To.rows())
	d.p.Ln(2)
	d.para(bodyX, bodyW, "untuk hadir dan memberikan klarifikasi pada:")
	zone := in.Zone
	if strings.TrimSpace(zone) == "" {
		zone = "WIB"
	}
	until := oneLine(in.Until)
	if until == "" {
		until = "selesai"
	}
	purpose := in.Purpose
	if strings.TrimSpace(purpose) == "" {
		purpose = "Klarifikasi atas dugaan pelanggaran netralitas Aparatur Sipil Negara"
	}
	d.kv(bodyX+6, bodyW-6, 36, []kvRow{
		{"Hari/tanggal", FormatDayDate(in.Start)},
		{"Waktu", FormatTime(in.Start, zone) + " s.d. " + until},
		{"Tempat", in.Venue},
		{"Acara", purpose},
	})
	d.p.Ln(2)
	var bring []string
	for _, b := range in.Bring {
		if strings.TrimSpace(b) != "" {
			bring = append(bring, b)
		}
	}
	if len(bring) > 0 {
		d.para(bodyX, bodyW, "Pada saat klarifikasi, Saudara diminta membawa:")
		d.list(bodyX+6, bodyW-6, bring, "")
		d.p.Ln(2)
	}
	note := "Kehadiran Saudara tidak dapat diwakilkan; Saudara berhak menyampaikan keterangan dan dokumen yang " +
		"Saudara anggap perlu."
	if c := oneLine(in.Contact); c != "" {
		note += " Apabila berhalangan hadir, mohon segera memberitahukan kepada " + c + "."
	}
	d.para(bodyX, bodyW, note)
	d.closing("Demikian undangan ini disampaikan. Atas perhatian dan kehadiran Saudara diucapkan terima kasih.",
		in.Signer, in.Letter.CC)
	return d.finish(w)
}
