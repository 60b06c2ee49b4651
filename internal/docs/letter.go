package docs

import (
	"strings"
	"time"
)

// Letter is the heading of an official letter (naskah dinas surat): its
// number, nature, attachments, subject, date and copies.
type Letter struct {
	Number     string    // Nomor, e.g. "800.1.6/012/TPN/2024"
	Nature     string    // Sifat, e.g. "Penting", "Segera", "Rahasia"; "" → "Biasa"
	Attachment string    // Lampiran, e.g. "1 (satu) berkas"; "" → "-" (or a count of the listed attachments)
	Subject    string    // Hal (perihal); "" → the document's own
	Date       time.Time // the letter's date; zero → today
	Place      string    // town before the date; "" → the letterhead's
	CC         []string  // Tembusan, one recipient per item
}

// Addressee is to whom a letter goes: the lines after "Yth." and the place
// after "di" ("Tempat" when empty).
type Addressee struct {
	Lines []string
	Place string
}

// Person is an ASN named in a document, as identified at the time.
type Person struct {
	Name    string
	NIP     string
	Pangkat string // pangkat/golongan, optional
	Jabatan string
	Unit    string // unit kerja (OPD)
}

// rows are the identity lines of a person.
func (p Person) rows() []kvRow {
	rows := []kvRow{{"Nama", p.Name}, {"NIP", FormatNIP(p.NIP)}}
	if strings.TrimSpace(p.Pangkat) != "" {
		rows = append(rows, kvRow{"Pangkat/Golongan", p.Pangkat})
	}
	return append(rows, kvRow{"Jabatan", p.Jabatan}, kvRow{"Unit Kerja", p.Unit})
}

// letterDate is the letter's date, today when unset.
func (l Letter) letterDate() time.Time {
	if l.Date.IsZero() {
		return time.Now()
	}
	return l.Date
}

// place is the town of the letter's date line.
func (d *doc) place(override string) string {
	if p := oneLine(override); p != "" {
		return p
	}
	return oneLine(d.lh.Place)
}

// Body geometry of letters: the body is aligned with the values of the
// heading (after "Lampiran :"), the signature sits on the right half.
const (
	headLabelW = 20.0
	bodyX      = marginLeft + headLabelW + 4
	bodyW      = contentW - headLabelW - 4
	signX      = marginLeft + contentW*0.52
	signW      = contentW * 0.48
)

// letterHead draws the heading (Nomor, Sifat, Lampiran, Hal) on the left
// and, on the right, the place and date level with the number and the
// addressee below them.
func (d *doc) letterHead(l Letter, subject string, to Addressee) {
	p := d.p
	d.font("", bodySize)
	nature := strings.TrimSpace(l.Nature)
	if nature == "" {
		nature = "Biasa"
	}
	att := strings.TrimSpace(l.Attachment)
	if att == "" {
		att = "-"
	}
	if s := strings.TrimSpace(l.Subject); s != "" {
		subject = s
	}
	y0, page0 := p.GetY(), p.PageNo()
	leftW := signX - marginLeft - 4
	d.kv(marginLeft, leftW, headLabelW, []kvRow{{"Nomor", l.Number}, {"Sifat", nature}, {"Lampiran", att}, {"Hal", subject}})
	yLeft := p.GetY()
	if p.PageNo() == page0 {
		p.SetY(y0)
	}
	p.SetX(signX)
	d.cell(signW, lineH, PlaceDate(d.place(l.Place), l.letterDate()), "L", 1)
	p.Ln(lineH)
	d.addressee(signX, signW, to)
	if p.PageNo() == page0 && p.GetY() < yLeft {
		p.SetY(yLeft)
	}
	p.Ln(4)
}

// addressee draws "Kepada / Yth. … / di / Tempat" in a column.
func (d *doc) addressee(x, w float64, to Addressee) {
	p := d.p
	d.font("", bodySize)
	p.SetX(x)
	d.cell(w, lineH, "Kepada", "L", 1)
	var lines []string
	for _, l := range to.Lines {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		lines = []string{"-"}
	}
	const yth = 9.0
	for i, l := range lines {
		y := p.GetY()
		p.SetXY(x, y)
		if i == 0 {
			d.cell(yth, lineH, "Yth.", "L", 0)
		}
		p.SetXY(x+yth, y)
		d.multi(w-yth, lineH, l, "L")
	}
	p.SetX(x)
	d.cell(w, lineH, "di", "L", 1)
	place := oneLine(to.Place)
	if place == "" {
		place = "Tempat"
	}
	p.SetX(x + 4)
	d.cell(w-4, lineH, place, "L", 1)
}

// closing draws a letter's last paragraph, its signature block on the
// right, and the copy list.
func (d *doc) closing(text string, signer Signatory, cc []string) {
	// The closing formula stays on the page of the signature.
	d.ensure(d.textHeight(text, bodyW) + 4 + signatureHeight)
	d.para(bodyX, bodyW, text)
	d.p.Ln(3)
	d.signature(signX, signW, "", "", signer)
	d.tembusan(cc)
}
