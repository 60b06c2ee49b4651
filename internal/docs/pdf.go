package docs

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/netral-asn/netral/internal/nip"
)

// Page geometry of every document, in millimetres (A4 portrait; margins
// after the Permendagri naskah dinas practice: wider on the binding side).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 15.0
	marginBottom = 17.0
	contentW     = pageW - marginLeft - marginRight

	bodySize = 10.5 // pt
	lineH    = 5.0  // mm, for bodySize
	smallH   = 4.4
)

// Font families registered in every document.
const (
	fontSans = "go"
	fontMono = "gomono"
)

// pageCountAlias stands for the number of pages until the document is written.
const pageCountAlias = "\x01nb\x01"

// doc is one PDF being written: fpdf plus the letterhead and the helpers
// that draw untrusted text safely (always through [Clean], always as text).
type doc struct {
	p      *fpdf.Fpdf
	lh     Letterhead
	footer string // shown at the bottom left of every page, e.g. the case number
}

// traceText, when set (tests only), receives every piece of text drawn, after
// cleaning, one call per line or cell.
var traceText func(string)

// newDoc starts a document titled title (the PDF's metadata; not drawn).
func newDoc(lh Letterhead, title string) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(fontSans, "", goregular.TTF)
	p.AddUTF8FontFromBytes(fontSans, "B", gobold.TTF)
	p.AddUTF8FontFromBytes(fontSans, "I", goitalic.TTF)
	p.AddUTF8FontFromBytes(fontMono, "", gomono.TTF)
	p.SetMargins(marginLeft, marginTop, marginRight)
	p.SetAutoPageBreak(true, marginBottom)
	p.SetCellMargin(0)
	// The total page count is written where this alias stands. It holds a
	// control character, which Clean removes from every text drawn, so no
	// input can contain it (the default "{nb}" could be typed by anyone).
	p.AliasNbPages(pageCountAlias)
	p.SetTitle(oneLine(title), true)
	p.SetSubject(oneLine(title), true)
	p.SetAuthor(oneLine(lh.Line2), true)
	p.SetCreator("Netral", true)
	p.SetLang("id-ID")
	p.SetCreationDate(time.Now())
	p.SetDrawColor(0, 0, 0)
	p.SetTextColor(0, 0, 0)
	d := &doc{p: p, lh: lh}
	p.SetFooterFunc(d.drawFooter)
	return d
}

func (d *doc) drawFooter() {
	p := d.p
	p.SetY(-marginBottom + 5)
	p.SetFont(fontSans, "", 8)
	p.SetTextColor(90, 90, 90)
	if d.footer != "" {
		d.cell(contentW*0.7, 4, d.footer, "L", 0)
	}
	p.SetX(marginLeft + contentW*0.7)
	p.CellFormat(contentW*0.3, 4, fmt.Sprintf("Halaman %d dari %s", p.PageNo(), pageCountAlias), "", 0, "R", false, 0, "")
	p.SetTextColor(0, 0, 0)
}

// finish writes the document to w.
func (d *doc) finish(w io.Writer) error {
	if err := d.p.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := d.p.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

func (d *doc) font(style string, size float64) { d.p.SetFont(fontSans, style, size) }

func trace(s string) {
	if traceText != nil {
		traceText(s)
	}
}

// cell draws one line of text (cleaned, on one line) in a cell of width w.
func (d *doc) cell(w, h float64, s, align string, ln int) {
	s = oneLine(s)
	trace(s)
	d.p.CellFormat(w, h, s, "", ln, align, false, 0, "")
}

// multi draws text wrapped to width w from the current position, breaking
// pages as needed; align is "L", "C", "R" or "J".
func (d *doc) multi(w, h float64, s, align string) {
	s = strings.TrimRight(Clean(s), "\n ")
	for _, line := range strings.Split(s, "\n") {
		trace(line)
	}
	if s == "" {
		s = " "
	}
	d.p.MultiCell(w, h, s, "", align, false)
}

// split wraps s (cleaned) to width w in the current font: one string per
// line, at least one.
func (d *doc) split(s string, w float64) []string {
	s = strings.TrimRight(Clean(s), "\n ")
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.p.SplitText(para, w)...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// spaceLeft is the height left above the bottom margin of the page.
func (d *doc) spaceLeft() float64 { return pageH - marginBottom - d.p.GetY() }

// ensure starts a new page unless h millimetres are left on this one.
func (d *doc) ensure(h float64) {
	if d.spaceLeft() < h {
		d.p.AddPage()
	}
}

func (d *doc) gap(h float64) {
	if d.spaceLeft() > h {
		d.p.Ln(h)
	}
}

// start adds the first page with the letterhead on it.
func (d *doc) start() {
	d.p.AddPage()
	d.kop()
}

// kop draws the letterhead at the top of the page: the logo on the left,
// the name lines, address and contacts centred beside it, then the double
// rule (a thick line over a thin one).
func (d *doc) kop() {
	p := d.p
	lh := d.lh
	top := marginTop
	textX, textW := marginLeft, contentW
	logoBottom := top
	if png := usableLogo(lh.Logo); png != nil {
		info := p.RegisterImageOptionsReader("kop-logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		if info != nil && p.Error() == nil {
			h := 24.0
			w := h * info.Width() / info.Height()
			if w > 30 {
				w, h = 30, 30*info.Height()/info.Width()
			}
			p.ImageOptions("kop-logo", marginLeft, top, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			logoBottom = top + h
			// The text is centred on the page, as letterheads are: its
			// column leaves the logo's width free on both sides.
			textX, textW = marginLeft+w+3, contentW-2*(w+3)
		}
	}
	p.SetXY(textX, top)
	type kline struct {
		text  string
		style string
		size  float64
	}
	lines := []kline{{lh.Line1, "B", 12.5}, {lh.Line2, "B", 14.5}}
	if strings.TrimSpace(lh.Line3) != "" {
		lines = append(lines, kline{lh.Line3, "B", 12})
	}
	if strings.TrimSpace(lh.Address) != "" {
		lines = append(lines, kline{lh.Address, "", 9.5})
	}
	var contact []string
	if v := oneLine(lh.Phone); v != "" {
		contact = append(contact, "Telepon "+v)
	}
	if v := oneLine(lh.Email); v != "" {
		contact = append(contact, "Pos-el "+v)
	}
	if v := oneLine(lh.Website); v != "" {
		contact = append(contact, "Laman "+v)
	}
	if len(contact) > 0 {
		lines = append(lines, kline{strings.Join(contact, "  ·  "), "", 9})
	}
	for _, l := range lines {
		s := oneLine(l.text)
		size := l.size
		// Shrink a long line down to 75 % before wrapping it.
		for size > l.size*0.75 {
			d.font(l.style, size)
			if p.GetStringWidth(s) <= textW {
				break
			}
			size -= 0.5
		}
		d.font(l.style, size)
		h := size * 0.42
		for _, part := range d.split(s, textW) {
			p.SetX(textX)
			d.cell(textW, h, part, "C", 1)
		}
	}
	y := math.Max(p.GetY(), logoBottom) + 2
	p.SetLineWidth(0.8)
	p.Line(marginLeft, y, pageW-marginRight, y)
	p.SetLineWidth(0.25)
	p.Line(marginLeft, y+1.1, pageW-marginRight, y+1.1)
	p.SetLineWidth(0.2)
	p.SetXY(marginLeft, y+4.5)
	d.font("", bodySize)
}

// usableLogo returns the logo re-encoded by [NormalizeLogo] (so fpdf gets a
// PNG it can read whatever was stored), or nil when there is none or it is
// not a sound image.
func usableLogo(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	out, err := NormalizeLogo(b)
	if err != nil {
		return nil
	}
	return out
}

// title draws a centred bold title, underlined when asked, and an optional
// line below it (e.g. "Nomor: …").
func (d *doc) title(text string, underline bool, sub string) {
	p := d.p
	d.ensure(20)
	style := "B"
	if underline {
		style = "BU"
	}
	d.font(style, 12.5)
	for _, line := range d.split(text, contentW) {
		p.SetX(marginLeft)
		d.cell(contentW, 6.5, line, "C", 1)
	}
	if sub != "" {
		d.font("", bodySize)
		p.SetX(marginLeft)
		d.cell(contentW, lineH, sub, "C", 1)
	}
	d.font("", bodySize)
	p.Ln(4)
}

// para draws a paragraph of body text (justified) across width w from x.
func (d *doc) para(x, w float64, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.font("", bodySize)
	d.ensure(lineH * 2)
	d.p.SetX(x)
	d.multi(w, lineH, text, "J")
	d.p.Ln(1.5)
}

// kvRow is one "label : value" line.
type kvRow struct{ Label, Value string }

// kv draws rows of "label : value" from x across width w, the labels in a
// column labelW wide, the values wrapped in theirs.
func (d *doc) kv(x, w, labelW float64, rows []kvRow) {
	p := d.p
	d.font("", bodySize)
	for _, r := range rows {
		d.ensure(lineH)
		y := p.GetY()
		page := p.PageNo()
		p.SetXY(x, y)
		d.cell(labelW, lineH, r.Label, "L", 0)
		d.cell(4, lineH, ":", "L", 0)
		val := r.Value
		if strings.TrimSpace(val) == "" {
			val = "-"
		}
		p.SetXY(x+labelW+4, y)
		d.multi(w-labelW-4, lineH, val, "L")
		if p.PageNo() == page && p.GetY() < y+lineH {
			p.SetY(y + lineH)
		}
	}
}

// list draws numbered (or, when bullet is set, bulleted) items from x
// across width w.
func (d *doc) list(x, w float64, items []string, bullet string) {
	p := d.p
	d.font("", bodySize)
	for i, it := range items {
		d.ensure(lineH)
		y := p.GetY()
		mark := bullet
		if mark == "" {
			mark = fmt.Sprintf("%d.", i+1)
		}
		p.SetXY(x, y)
		d.cell(8, lineH, mark, "L", 0)
		p.SetXY(x+8, y)
		d.multi(w-8, lineH, it, "J")
	}
}

// column of a table.
type column struct {
	Title string
	W     float64 // width in mm
	Align string  // "L", "C", "R"
	Mono  bool    // drawn in the monospaced font (hashes)
	Size  float64 // font size; 0 = 9.5 pt
}

const cellPad = 1.2

// table draws a table with a header row repeated on every page. A row taller
// than what is left of a page continues on the next (its cells' lines are
// split), so no text is ever lost or drawn over the margin.
func (d *doc) table(cols []column, rows [][]string) {
	p := d.p
	auto, _ := p.GetAutoPageBreak()
	p.SetAutoPageBreak(false, marginBottom)
	defer p.SetAutoPageBreak(auto, marginBottom)
	size := func(c column) float64 {
		if c.Size > 0 {
			return c.Size
		}
		return 9.5
	}
	setFont := func(c column, style string) {
		if c.Mono {
			p.SetFont(fontMono, "", size(c))
		} else {
			p.SetFont(fontSans, style, size(c))
		}
	}
	const lh = 4.4
	header := func() {
		// Header lines.
		var hl [][]string
		n := 1
		for _, c := range cols {
			p.SetFont(fontSans, "B", 9.5)
			ls := d.split(c.Title, c.W-2*cellPad)
			hl = append(hl, ls)
			n = max(n, len(ls))
		}
		h := float64(n)*lh + 2*cellPad
		if d.spaceLeft() < h+lh+2*cellPad {
			p.AddPage()
		}
		x, y := marginLeft, p.GetY()
		p.SetFillColor(230, 230, 230)
		for i, c := range cols {
			p.Rect(x, y, c.W, h, "FD")
			p.SetFont(fontSans, "B", 9.5)
			for j, line := range hl[i] {
				p.SetXY(x+cellPad, y+cellPad+float64(j)*lh)
				trace(line)
				p.CellFormat(c.W-2*cellPad, lh, line, "", 0, "C", false, 0, "")
			}
			x += c.W
		}
		p.SetXY(marginLeft, y+h)
	}
	header()
	for _, row := range rows {
		cells := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			v := ""
			if i < len(row) {
				v = row[i]
			}
			setFont(c, "")
			cells[i] = d.split(v, c.W-2*cellPad)
			n = max(n, len(cells[i]))
		}
		done := 0
		for done < n {
			fit := int((d.spaceLeft() - 2*cellPad) / lh)
			// Start a row on a new page rather than leave one line of it
			// alone at the bottom (unless it is a one-line row).
			if fit < 1 || (done == 0 && fit < min(n, 2)) {
				p.AddPage()
				header()
				continue
			}
			k := min(fit, n-done)
			h := float64(k)*lh + 2*cellPad
			x, y := marginLeft, p.GetY()
			for i, c := range cols {
				p.Rect(x, y, c.W, h, "D")
				setFont(c, "")
				for j := 0; j < k; j++ {
					if done+j >= len(cells[i]) {
						break
					}
					line := cells[i][done+j]
					p.SetXY(x+cellPad, y+cellPad+float64(j)*lh)
					trace(line)
					p.CellFormat(c.W-2*cellPad, lh, line, "", 0, c.Align, false, 0, "")
				}
				x += c.W
			}
			p.SetXY(marginLeft, y+h)
			done += k
			if done < n {
				p.AddPage()
				header()
			}
		}
	}
	d.font("", bodySize)
	p.Ln(3)
}

// Signatory is who signs a document: the name in bold, then the rank
// (pangkat/golongan, optional) and the NIP.
type Signatory struct {
	Name    string
	NIP     string
	Pangkat string // e.g. "Pembina Tingkat I (IV/b)"; optional
	Jabatan string // the position signing, e.g. "Ketua Tim Pengawas Netralitas ASN"
}

// FormatNIP writes an 18-digit NIP in the groups BKN prints it in
// ("19850315 201001 1 002"); other text is returned cleaned as given.
func FormatNIP(s string) string {
	s = oneLine(s)
	if n, _, err := nip.Parse(s, time.Now()); err == nil {
		return n.Format()
	}
	return s
}

// signSpace is the room left to sign in, signatureHeight the height a
// signature block needs.
const (
	signSpace       = 18.0
	signatureHeight = signSpace + 4*lineH + 2
)

// textHeight is the height text wrapped to width w takes in the body font.
func (d *doc) textHeight(text string, w float64) float64 {
	d.font("", bodySize)
	return float64(len(d.split(text, w))) * lineH
}

// signature draws a signature block in a column of width w at x: the
// place and date line (when dateLine is set), the position, room to sign,
// the name, the rank and the NIP.
func (d *doc) signature(x, w float64, dateLine, heading string, s Signatory) {
	p := d.p
	d.ensure(signatureHeight)
	d.font("", bodySize)
	y := p.GetY()
	p.SetXY(x, y)
	if dateLine != "" {
		d.cell(w, lineH, dateLine, "L", 2)
		p.SetX(x)
	}
	if heading != "" {
		for _, line := range d.split(heading, w) {
			p.SetX(x)
			d.cell(w, lineH, line, "L", 2)
		}
	}
	jab := strings.TrimSpace(s.Jabatan)
	if jab != "" {
		for _, line := range d.split(jab+",", w) {
			p.SetX(x)
			d.cell(w, lineH, line, "L", 2)
		}
	}
	p.Ln(signSpace)
	p.SetX(x)
	d.font("BU", bodySize)
	name := oneLine(s.Name)
	if name == "" {
		name = "(..............................)"
	}
	d.cell(w, lineH, name, "L", 2)
	d.font("", bodySize)
	if v := oneLine(s.Pangkat); v != "" {
		p.SetX(x)
		d.cell(w, lineH, v, "L", 2)
	}
	if v := FormatNIP(s.NIP); v != "" {
		p.SetX(x)
		d.cell(w, lineH, "NIP. "+v, "L", 2)
	}
}

// tembusan draws the copy list ("Tembusan: 1. …") at the left margin.
func (d *doc) tembusan(cc []string) {
	var items []string
	for _, c := range cc {
		if strings.TrimSpace(c) != "" {
			items = append(items, c)
		}
	}
	if len(items) == 0 {
		return
	}
	p := d.p
	d.ensure(2 + smallH*float64(min(len(items), 3)+1))
	p.Ln(2)
	p.SetX(marginLeft)
	d.font("U", 9.5)
	d.cell(contentW, smallH, "Tembusan:", "L", 1)
	d.font("", 9.5)
	for i, it := range items {
		d.ensure(smallH)
		y := p.GetY()
		p.SetXY(marginLeft, y)
		d.cell(6, smallH, fmt.Sprintf("%d.", i+1), "L", 0)
		p.SetXY(marginLeft+6, y)
		d.multi(contentW-6, smallH, it, "L")
	}
	d.font("", bodySize)
}

// heading draws a bold sub-heading of a section.
func (d *doc) heading(text string) {
	d.ensure(lineH * 3)
	d.p.Ln(1.5)
	d.p.SetX(marginLeft)
	d.font("B", bodySize)
	for _, line := range d.split(text, contentW) {
		d.p.SetX(marginLeft)
		d.cell(contentW, lineH, line, "L", 1)
	}
	d.font("", bodySize)
	d.p.Ln(0.5)
}
