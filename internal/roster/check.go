package roster

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/nip"
)

// reScientific matches a number in scientific notation, the form a
// spreadsheet gives an 18-digit NIP stored as a number.
var reScientific = regexp.MustCompile(`^[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+$`)

// checker validates rows and remembers the NIPs seen, to find duplicates.
type checker struct {
	now  time.Time
	seen map[string]int // NIP → line of its first row
}

func newChecker(now time.Time) *checker {
	return &checker{now: now, seen: map[string]int{}}
}

// row validates one data row. ok is false for a blank row or a row with
// errors; the errors are in probs.
func (c *checker) row(h *header, line int, cells []string) (r Row, probs []Problem, ok bool) {
	r = Row{
		Line:      line,
		Nama:      h.get(cells, colNama),
		Jabatan:   h.get(cells, colJabatan),
		UnitKerja: h.get(cells, colUnitKerja),
		Email:     h.get(cells, colEmail),
		Telepon:   h.get(cells, colTelepon),
	}
	rawNIP := h.get(cells, colNIP)
	jenis := h.get(cells, colJenisASN)
	akun := h.get(cells, colAkun)
	if rawNIP == "" && jenis == "" && akun == "" && r.Nama == "" && r.Jabatan == "" && r.UnitKerja == "" && r.Email == "" && r.Telepon == "" {
		return Row{}, nil, false // blank row, or one holding only ignored columns
	}
	add := func(col, en, id string) { probs = append(probs, problem(line, col, en, id)) }

	if h.delimited && len(cells) > h.width {
		add("", fmt.Sprintf("the row has %d values but the header row has %d columns; if a value contains the separator, such as the comma in \"Budi, S.Kom.\", put the whole value in double quotes", len(cells), h.width),
			fmt.Sprintf("baris ini berisi %d nilai, sedangkan baris judul berisi %d kolom; jika sebuah nilai memuat tanda pemisah, misalnya koma pada \"Budi, S.Kom.\", apit seluruh nilai dengan tanda petik ganda", len(cells), h.width))
		return Row{}, probs, false // the values are shifted: other checks would mislead
	}
	for _, col := range columns {
		i, ok := h.index[col]
		if !ok || i >= len(cells) {
			continue
		}
		if n, limit := utf8.RuneCountInString(cells[i]), cellLimit(col); n > limit {
			add(col, fmt.Sprintf("the value is too long (%d characters; at most %d); if it holds the following rows too, a quotation mark (\") was left open on this line", n, limit),
				fmt.Sprintf("nilainya terlalu panjang (%d karakter; paling banyak %d); jika berisi baris-baris berikutnya, ada tanda petik (\") yang tidak ditutup pada baris ini", n, limit))
			return Row{}, probs, false
		}
		if h.delimited && col != colAkun && strings.ContainsAny(cells[i], "\r\n") {
			add(col, "the value runs over several lines: a quotation mark (\") was probably left open, so the following lines were read into it; close the quotation mark or remove the line break",
				"nilainya memanjang ke beberapa baris: kemungkinan ada tanda petik (\") yang tidak ditutup sehingga baris-baris berikutnya terbaca sebagai bagian nilai ini; tutup tanda petiknya atau hapus pemisah barisnya")
			return Row{}, probs, false
		}
	}

	c.checkNIP(&r, rawNIP, jenis, add)
	if r.Nama == "" {
		add(colNama, "the name is empty", "nama kosong")
	}
	if r.UnitKerja == "" {
		add(colUnitKerja, "the unit (OPD) is empty; write its code or its exact name", "unit kerja (OPD) kosong; isi dengan kode atau nama persisnya")
	}
	if r.Email != "" && !validEmail(r.Email) {
		add(colEmail, fmt.Sprintf("%q is not a valid e-mail address (write one address, such as budi@example.go.id)", r.Email),
			fmt.Sprintf("%q bukan alamat e-mail yang valid (tulis satu alamat, misalnya budi@contoh.go.id)", r.Email))
	}
	accs, err := ParseAccounts(akun)
	var ae *AccountError
	if errors.As(err, &ae) {
		add(colAkun, ae.Message, ae.MessageID)
	}
	r.Accounts = accs
	return r, probs, len(probs) == 0
}

// checkNIP validates the nip and jenis_asn cells into r, reporting errors
// with add, warnings in r.Warnings, and duplicates of an earlier row.
func (c *checker) checkNIP(r *Row, raw, jenis string, add func(col, en, id string)) {
	var explicit nip.Kind
	if jenis != "" {
		k, ok := nip.ParseKind(jenis)
		if !ok {
			add(colJenisASN, fmt.Sprintf("jenis_asn %q must be PNS or PPPK (or left empty to read it from the NIP)", jenis),
				fmt.Sprintf("jenis_asn %q harus PNS atau PPPK (atau dikosongkan agar dibaca dari NIP)", jenis))
		}
		explicit = k
	}
	switch {
	case raw == "":
		add(colNIP, "the NIP is empty", "NIP kosong")
		return
	case reScientific.MatchString(raw):
		add(colNIP, fmt.Sprintf("the NIP %q was saved as a number in scientific notation, which loses its last digits; format the nip column as Text, type the NIPs again and save", raw),
			fmt.Sprintf("NIP %q tersimpan sebagai angka dalam notasi ilmiah sehingga digit terakhirnya hilang; ubah format kolom nip menjadi Teks, ketik ulang NIP-nya lalu simpan", raw))
		return
	}
	n, probs, err := nip.Parse(raw, c.now)
	for _, p := range probs {
		en, id := fmt.Sprintf("NIP %q: %s", raw, p.Message), fmt.Sprintf("NIP %q: %s", raw, p.MessageID)
		if p.Severity == nip.Error {
			add(colNIP, en, id)
		} else {
			r.Warnings = append(r.Warnings, problem(r.Line, colNIP, en, id))
		}
	}
	if err != nil {
		return
	}
	r.NIP, r.JenisASN = n.Digits, n.Kind
	if explicit != "" && explicit != n.Kind {
		add(colJenisASN, fmt.Sprintf("jenis_asn is %s but the NIP %s has the layout of a %s number (digits 13–14 are %s); correct the NIP or jenis_asn", explicit, n.Format(), n.Kind, n.Digits[12:14]),
			fmt.Sprintf("jenis_asn bernilai %s tetapi NIP %s berformat nomor %s (digit 13–14 bernilai %s); perbaiki NIP atau jenis_asn", explicit, n.Format(), n.Kind, n.Digits[12:14]))
	}
	if first, dup := c.seen[n.Digits]; dup {
		add(colNIP, fmt.Sprintf("NIP %s appears twice in the file, on lines %d and %d; each employee must appear once", n.Format(), first, r.Line),
			fmt.Sprintf("NIP %s muncul dua kali dalam berkas, di baris %d dan %d; setiap pegawai hanya boleh muncul sekali", n.Format(), first, r.Line))
		return
	}
	c.seen[n.Digits] = r.Line
}

func cellLimit(col string) int {
	if col == colAkun {
		return maxAkunLen
	}
	return maxCellLen
}

// validEmail reports whether s is one plain address, local@domain.tld.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".") &&
		!strings.Contains(domain, "..") && !strings.ContainsAny(s, " ,;<>\"")
}
