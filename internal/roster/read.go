package roster

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// maxProblems bounds the errors reported for one file; past it reading stops.
const maxProblems = 1000

// table is a source of rows: CSV records or worksheet rows.
type table interface {
	// next returns the next row and its 1-based row number; ok is false at
	// the end or after a problem.
	next() (line int, cells []string, ok bool)
	// problem returns what stopped next early, or nil.
	problem() *Problem
	// delimited reports whether the rows come from delimited text (CSV).
	delimited() bool
	close()
}

// Read reads a roster file. The format is XLSX when the content starts
// with the ZIP signature, otherwise CSV, whose delimiter (comma or
// semicolon; a tab is also accepted) is sniffed from the header line or
// taken from an Excel "sep=;" first line; filename only sharpens the
// messages.
//
// Header names are matched case-insensitively, ignoring surrounding spaces,
// with inner spaces or dashes read as underscores ("Unit Kerja"); other
// columns are ignored with a warning in Result.Warnings. Cell values are
// trimmed, runs of spaces become one, and a cell holding only a dash ("-")
// counts as empty. Blank rows are skipped.
//
// Read never panics on junk input. An unreadable, empty or oversized file,
// binary data, or a header without the required columns (nip, nama,
// unit_kerja) or with a column twice, gives a Problem on the header line
// (line 1). Every row error names its line and column, except a CSV row with
// more values than the header, which names only its line. The returned error
// is only for a failure to read r.
func Read(r io.Reader, filename string, opts Options) (*Result, error) {
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("roster: reading %s: %w", filename, err)
	}
	if int64(len(data)) > maxBytes {
		return fileProblem(
			fmt.Sprintf("the file is larger than the limit of %s; split it into several files", SizeText(maxBytes)),
			fmt.Sprintf("berkas melebihi batas %s; pecah menjadi beberapa berkas", SizeText(maxBytes))), nil
	}
	t, p := openTable(data, filename, maxBytes)
	if p != nil {
		return &Result{Problems: []Problem{*p}}, nil
	}
	defer t.close()
	return readTable(t, now), nil
}

// openTable detects the format of data and opens it as a table.
func openTable(data []byte, filename string, maxBytes int64) (table, *Problem) {
	name := strings.ToLower(filename)
	switch {
	case len(bytes.TrimLeft(data, " \t\r\n\ufeff")) == 0:
		p := problem(1, "", "the file is empty", "berkas kosong")
		return nil, &p
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return openXLSX(data, maxBytes)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		p := problem(1, "",
			"the file is an old Excel 97–2003 (.xls) workbook or a password-protected workbook; remove the password and save it as .xlsx or as CSV UTF-8",
			"berkas adalah buku kerja Excel lama 97–2003 (.xls) atau buku kerja berkata sandi; hapus kata sandinya lalu simpan sebagai .xlsx atau CSV UTF-8")
		return nil, &p
	case strings.HasSuffix(name, ".xlsx") || strings.HasSuffix(name, ".xlsm"):
		p := problem(1, "",
			"the file is named .xlsx but is not an XLSX workbook; open it in a spreadsheet program and save it again as .xlsx or as CSV UTF-8",
			"berkas bernama .xlsx tetapi bukan buku kerja XLSX; buka di program spreadsheet lalu simpan ulang sebagai .xlsx atau CSV UTF-8")
		return nil, &p
	}
	return openCSV(data)
}

// readTable reads the header and the rows of t.
func readTable(t table, now time.Time) *Result {
	res := &Result{}
	hline, header, ok := t.next()
	for ok && blank(header) {
		hline, header, ok = t.next()
	}
	if !ok {
		if p := t.problem(); p != nil {
			res.Problems = append(res.Problems, *p)
		} else {
			res.Problems = append(res.Problems, problem(1, "",
				"the file has no header row; the first row must name the columns (nip, nama, unit_kerja, …)",
				"berkas tidak memiliki baris judul; baris pertama harus berisi nama kolom (nip, nama, unit_kerja, …)"))
		}
		return res
	}
	hdr := parseHeader(hline, header, res)
	hdr.delimited = t.delimited()
	if len(res.Problems) > 0 {
		return res
	}
	c := newChecker(now)
	for {
		line, cells, ok := t.next()
		if !ok {
			break
		}
		row, probs, ok := c.row(hdr, line, cells)
		res.Problems = append(res.Problems, probs...)
		if ok {
			res.Rows = append(res.Rows, row)
		}
		if len(res.Problems) >= maxProblems {
			res.Problems = append(res.Problems, problem(line, "",
				fmt.Sprintf("too many errors: checking stopped after %d; correct these and import the file again", len(res.Problems)),
				fmt.Sprintf("terlalu banyak kesalahan: pemeriksaan dihentikan setelah %d kesalahan; perbaiki lalu impor ulang berkasnya", len(res.Problems))))
			return res
		}
	}
	if p := t.problem(); p != nil {
		res.Problems = append(res.Problems, *p)
	}
	return res
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimFunc(c, isSpace) != "" {
			return false
		}
	}
	return true
}

func fileProblem(en, id string) *Result {
	return &Result{Problems: []Problem{problem(1, "", en, id)}}
}

// SizeText writes a byte count for people: "50 MiB", "800 KiB", "512 bytes".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
