package docs

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// QA is one question put to the ASN at a clarification and the answer given.
type QA struct {
	Question string
	Answer   string
}

// Participant is someone present at a clarification besides the ASN and the
// team, e.g. the direct superior or a companion.
type Participant struct {
	Name    string
	NIP     string
	Jabatan string
	Role    string // capacity, e.g. "Atasan langsung", "Pendamping"
}

// TeamMember is a member of the clarification team: a signatory and the
// member's role in the team ("Ketua", "Anggota").
type TeamMember struct {
	Signatory
	Role string
}

// MinutesInput is the record of a clarification (berita acara klarifikasi).
type MinutesInput struct {
	Number     string // Nomor of the berita acara
	CaseNumber string
	Start      time.Time // when the clarification began (wall clock of its location)
	End        time.Time // when it ended; optional
	Zone       string    // "WIB" when empty
	Place      string    // where it took place
	// Basis is what the clarification was held on, e.g. "Surat Undangan
	// Nomor 800.1.6/012/TPN/2024 tanggal 30 September 2024"; optional.
	Basis      string
	Subject    Person       // the ASN clarified
	Team       []TeamMember // the team members who held it; they sign
	Others     []Participant
	QA         []QA
	Statements []string // further statements of the ASN, documents handed over, conclusions recorded
	SignPlace  string   // town of the signatures; "" → the letterhead's
}

func (in MinutesInput) validate() error {
	switch {
	case strings.TrimSpace(in.Subject.Name) == "":
		return &FieldError{Field: "subject.name", Reason: "required"}
	case in.Start.IsZero():
		return &FieldError{Field: "start", Reason: "required"}
	case strings.TrimSpace(in.Place) == "":
		return &FieldError{Field: "place", Reason: "required"}
	case len(in.Team) == 0:
		return &FieldError{Field: "team", Reason: "required"}
	}
	return nil
}

// ClarificationMinutes writes the berita acara klarifikasi as a PDF on w: the
// date in words, the place, the team and the ASN clarified, the others
// present, every question with its answer, further statements, the closing
// formula, and room for the signatures of the ASN and of every team member.
// Long answers wrap and continue on the following pages. It returns a
// [*FieldError] when the ASN's name, the start, the place or the team is
// missing.
func ClarificationMinutes(w io.Writer, lh Letterhead, in MinutesInput) error {
	if err := in.validate(); err != nil {
		return err
	}
	d := newDoc(lh, "Berita Acara Klarifikasi")
	footer := "Berita acara klarifikasi"
	if c := oneLine(in.CaseNumber); c != "" {
		footer += " · Perkara " + c
	}
	d.footer = footer
	d.start()
	sub := ""
	if n := oneLine(in.Number); n != "" {
		sub = "Nomor: " + n
	}
	d.title("BERITA ACARA KLARIFIKASI", true, sub)

	zone := in.Zone
	if strings.TrimSpace(zone) == "" {
		zone = "WIB"
	}
	open := fmt.Sprintf("Pada %s, pukul %s, bertempat di %s, kami yang bertanda tangan di bawah ini:",
		DateInWords(in.Start), FormatTime(in.Start, zone), oneLine(in.Place))
	d.para(marginLeft, contentW, open)
	var rows [][]string
	for i, m := range in.Team {
		who := oneLine(m.Name)
		if n := FormatNIP(m.NIP); n != "" {
			who += "\nNIP. " + n
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), who, m.Jabatan, m.Role})
	}
	d.table([]column{{Title: "No", W: 10, Align: "C"}, {Title: "Nama / NIP", W: 62, Align: "L"},
		{Title: "Jabatan", W: 63, Align: "L"}, {Title: "Kedudukan dalam Tim", W: contentW - 135, Align: "L"}}, rows)

	basis := "selaku Tim Klarifikasi"
	if b := oneLine(in.Basis); b != "" {
		basis += ", berdasarkan " + b
	}
	matter := "telah melakukan klarifikasi atas dugaan pelanggaran netralitas Aparatur Sipil Negara"
	if c := oneLine(in.CaseNumber); c != "" {
		matter += " (Nomor Perkara " + c + ")"
	}
	d.para(marginLeft, contentW, basis+", "+matter+" terhadap:")
	d.kv(marginLeft+6, contentW-6, 36, in.Subject.rows())
	d.p.Ln(2)
	if len(in.Others) > 0 {
		d.para(marginLeft, contentW, "Klarifikasi turut dihadiri oleh:")
		var items []string
		for _, o := range in.Others {
			s := oneLine(o.Name)
			if n := FormatNIP(o.NIP); n != "" {
				s += ", NIP. " + n
			}
			if j := oneLine(o.Jabatan); j != "" {
				s += ", " + j
			}
			if r := oneLine(o.Role); r != "" {
				s += " (" + r + ")"
			}
			items = append(items, s)
		}
		d.list(marginLeft+6, contentW-6, items, "")
		d.p.Ln(2)
	}

	d.heading("Keterangan yang diberikan")
	if len(in.QA) == 0 {
		d.para(marginLeft, contentW, "(Tidak ada pertanyaan yang dicatat.)")
	}
	for i, qa := range in.QA {
		d.qa(i+1, qa)
	}
	var stmts []string
	for _, s := range in.Statements {
		if strings.TrimSpace(s) != "" {
			stmts = append(stmts, s)
		}
	}
	if len(stmts) > 0 {
		d.heading("Keterangan lain")
		d.list(marginLeft, contentW, stmts, "")
		d.p.Ln(2)
	}
	end := ""
	if !in.End.IsZero() {
		end = " Klarifikasi selesai pukul " + FormatTime(in.End, zone) + "."
	}
	closing := "Demikian Berita Acara Klarifikasi ini dibuat dengan sebenarnya, dibacakan kembali kepada yang " +
		"memberikan keterangan, dan setelah yang bersangkutan menyatakan setuju, ditandatangani oleh yang " +
		"memberikan keterangan dan Tim Klarifikasi." + end
	// The closing formula stays on the page of the signatures.
	d.ensure(d.textHeight(closing, contentW) + 3 + 2*lineH + min(float64(len(in.Team))*16, 60))
	d.para(marginLeft, contentW, closing)
	d.p.Ln(3)
	d.minutesSignatures(in)
	return d.finish(w)
}

// qa draws one numbered question and its answer.
func (d *doc) qa(n int, qa QA) {
	p := d.p
	const numW, labelW = 8.0, 24.0
	x := marginLeft
	for k, part := range []struct{ label, text string }{{"Pertanyaan", qa.Question}, {"Jawaban", qa.Answer}} {
		text := part.text
		if strings.TrimSpace(text) == "" {
			text = "-"
		}
		d.ensure(lineH * 2)
		y := p.GetY()
		if k == 0 {
			p.SetXY(x, y)
			d.font("B", bodySize)
			d.cell(numW, lineH, fmt.Sprintf("%d.", n), "L", 0)
		}
		p.SetXY(x+numW, y)
		d.font("B", bodySize)
		d.cell(labelW, lineH, part.label, "L", 0)
		d.cell(3, lineH, ":", "L", 0)
		d.font("", bodySize)
		p.SetXY(x+numW+labelW+3, y)
		d.multi(contentW-numW-labelW-3, lineH, text, "J")
		p.Ln(1)
	}
	p.Ln(1.5)
}

// minutesSignatures draws the ASN's signature on the left and the team's
// (name, NIP and a numbered line to sign on) on the right.
func (d *doc) minutesSignatures(in MinutesInput) {
	p := d.p
	place := PlaceDate(d.place(in.SignPlace), in.Start)
	team := len(in.Team)
	need := 14 + float64(team)*16
	d.ensure(max(need, signatureHeight))
	d.font("", bodySize)
	p.SetX(signX)
	d.cell(signW, lineH, place, "L", 1)
	p.Ln(2)
	y0, page0 := p.GetY(), p.PageNo()
	leftW := contentW * 0.45
	d.signature(marginLeft, leftW, "", "Yang memberikan keterangan,", Signatory{Name: in.Subject.Name, NIP: in.Subject.NIP})
	yLeft := p.GetY()
	if p.PageNo() == page0 {
		p.SetY(y0)
	}
	p.SetX(signX)
	d.font("", bodySize)
	d.cell(signW, lineH, "Tim Klarifikasi:", "L", 1)
	p.Ln(2)
	const lineW = 24.0
	for i, m := range in.Team {
		d.ensure(16)
		y := p.GetY()
		p.SetXY(signX, y)
		d.font("", bodySize)
		d.cell(6, lineH, fmt.Sprintf("%d.", i+1), "L", 0)
		p.SetXY(signX+6, y)
		name := oneLine(m.Name)
		if r := oneLine(m.Role); r != "" {
			name += " (" + r + ")"
		}
		d.multi(signW-6-lineW-2, lineH, name, "L")
		if n := FormatNIP(m.NIP); n != "" {
			p.SetX(signX + 6)
			d.font("", 9)
			d.cell(signW-6-lineW-2, smallH, "NIP. "+n, "L", 1)
			d.font("", bodySize)
		}
		yEnd := p.GetY()
		// The line to sign on, level with the name, numbered like it.
		p.SetXY(signX+signW-lineW, y+lineH)
		d.cell(lineW, lineH, fmt.Sprintf("%d. ..............", i+1), "R", 0)
		p.SetY(max(yEnd, y+lineH*2) + 6)
	}
	if p.PageNo() == page0 && p.GetY() < yLeft {
		p.SetY(yLeft)
	}
}
