package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// csvTable reads CSV records.
type csvTable struct {
	r    *csv.Reader
	prob *Problem
}

// openCSV checks that data is UTF-8 text and opens it as CSV with the
// delimiter of its header line.
func openCSV(data []byte) (table, *Problem) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		p := problem(1, "",
			"the file is UTF-16 text (\"Unicode Text\"); save it as CSV UTF-8 (comma delimited) or as .xlsx",
			"berkas berupa teks UTF-16 (\"Unicode Text\"); simpan sebagai CSV UTF-8 (dipisahkan koma) atau .xlsx")
		return nil, &p
	case looksBinary(data):
		p := problem(1, "",
			"the file is neither a CSV text file nor an XLSX workbook; export the roster as CSV UTF-8 or .xlsx",
			"berkas bukan berkas teks CSV maupun buku kerja XLSX; ekspor daftar pegawai sebagai CSV UTF-8 atau .xlsx")
		return nil, &p
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		p := problem(line, "",
			"the file is not UTF-8 text (this line holds a character in another encoding); in the spreadsheet program use Save As → \"CSV UTF-8 (Comma delimited)\", or save as .xlsx",
			"berkas bukan teks UTF-8 (baris ini memuat karakter dengan pengodean lain); di program spreadsheet gunakan Simpan Sebagai → \"CSV UTF-8 (Comma delimited)\", atau simpan sebagai .xlsx")
		return nil, &p
	}
	comma := sniffDelimiter(data)
	if d, ok := sepLine(data); ok {
		// Excel's "sep=;" line names the delimiter; blank it out, keeping
		// the line count.
		comma, data = d, data[len("sep=")+1:]
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return &csvTable{r: r}, nil
}

func (t *csvTable) next() (int, []string, bool) {
	if t.prob != nil {
		return 0, nil, false
	}
	rec, err := t.r.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, false
	}
	if err != nil {
		line := 1
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine
		}
		p := problem(line, "",
			fmt.Sprintf("the line could not be read as CSV (%v); check its quotation marks", err),
			fmt.Sprintf("baris ini tidak dapat dibaca sebagai CSV (%v); periksa tanda petiknya", err))
		t.prob = &p
		return 0, nil, false
	}
	line, _ := t.r.FieldPos(0)
	return line, rec, true
}

func (t *csvTable) problem() *Problem { return t.prob }

func (t *csvTable) delimited() bool { return true }

func (t *csvTable) close() {}

// sniffDelimiter picks the most frequent of comma, semicolon and tab outside
// quotes on the first non-blank line; comma when none occurs.
func sniffDelimiter(data []byte) rune {
	counts := map[byte]int{}
	quoted, seen := false, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n' && seen:
			return best(counts)
		case b == ',' || b == ';' || b == '\t':
			counts[b]++
		}
		if b > ' ' {
			seen = true
		}
	}
	return best(counts)
}

func best(counts map[byte]int) rune {
	d := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[d] {
			d = c
		}
	}
	return rune(d)
}

// sepLine reports the delimiter named by a first line "sep=;" (or "sep=,"
// or "sep=<tab>"), as spreadsheet programs write and read it.
func sepLine(data []byte) (rune, bool) {
	if len(data) < 5 || !bytes.EqualFold(data[:4], []byte("sep=")) {
		return 0, false
	}
	d := data[4]
	rest := data[5:]
	if d != ',' && d != ';' && d != '\t' || len(rest) > 0 && rest[0] != '\n' && rest[0] != '\r' {
		return 0, false
	}
	return rune(d), true
}

// looksBinary reports whether data holds a NUL byte or many control bytes
// in its first 8 KiB.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, b := range head {
		if b < ' ' && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	return ctl*50 > len(head) // more than 2%
}

// firstInvalidUTF8 returns the offset of the first byte that is not valid
// UTF-8, or len(data).
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}
