package roster

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// xlsxTable reads the rows of a workbook's first sheet.
type xlsxTable struct {
	f    *excelize.File
	rows *excelize.Rows
	line int
	prob *Problem
}

// unzipLimit bounds the uncompressed size of a workbook of maxBytes: ten
// times the file limit, at least 64 MiB and at most 1 GiB.
func unzipLimit(maxBytes int64) int64 {
	return min(max(10*maxBytes, 64<<20), 1<<30)
}

// openXLSX opens the first sheet of the workbook in data.
func openXLSX(data []byte, maxBytes int64) (t table, p *Problem) {
	defer func() {
		if recover() != nil { // excelize may panic on a damaged file
			t, p = nil, damagedWorkbook()
		}
	}()
	limit := unzipLimit(maxBytes)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    limit,
		UnzipXMLSizeLimit: min(limit, 64<<20), // larger sheets are unzipped to a temporary file
	})
	if err != nil {
		return nil, damagedWorkbook()
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, damagedWorkbook()
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, damagedWorkbook()
	}
	return &xlsxTable{f: f, rows: rows}, nil
}

func damagedWorkbook() *Problem {
	p := problem(1, "",
		"the workbook could not be read: it may be damaged, password-protected or not an Excel .xlsx file; open it in a spreadsheet program and save it again as .xlsx or as CSV UTF-8",
		"buku kerja tidak dapat dibaca: mungkin rusak, berkata sandi, atau bukan berkas Excel .xlsx; buka di program spreadsheet lalu simpan ulang sebagai .xlsx atau CSV UTF-8")
	return &p
}

func (t *xlsxTable) next() (line int, cells []string, ok bool) {
	if t.prob != nil {
		return 0, nil, false
	}
	defer func() {
		if recover() != nil {
			t.prob = damagedWorkbook()
			t.prob.Line = t.line
			line, cells, ok = 0, nil, false
		}
	}()
	if !t.rows.Next() {
		if t.rows.Error() != nil {
			t.prob = rowProblem(t.line+1, t.rows.Error())
		}
		return 0, nil, false
	}
	t.line++
	cells, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		t.prob = rowProblem(t.line, err)
		return 0, nil, false
	}
	return t.line, cells, true
}

func rowProblem(line int, err error) *Problem {
	p := problem(line, "",
		fmt.Sprintf("this row of the workbook could not be read (%v); save the workbook again as .xlsx or as CSV UTF-8", err),
		fmt.Sprintf("baris buku kerja ini tidak dapat dibaca (%v); simpan ulang buku kerja sebagai .xlsx atau CSV UTF-8", err))
	return &p
}

func (t *xlsxTable) problem() *Problem { return t.prob }

func (t *xlsxTable) delimited() bool { return false }

func (t *xlsxTable) close() {
	_ = t.rows.Close()
	_ = t.f.Close()
}
