package roster

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Write writes rows with the contract's columns in the contract's order
// (nip, nama, jenis_asn, jabatan, unit_kerja, email, telepon, akun) as
// format "csv" (comma separated, UTF-8 without byte order mark) or "xlsx"
// (one sheet named "Pegawai", every cell text), so that Read gives rows it
// returned back unchanged (apart from Line and Warnings). In CSV a value starting with = + - or @ gets a leading
// apostrophe, so a spreadsheet does not run it as a formula; Read removes it.
func Write(w io.Writer, format string, rows []Row) error {
	switch strings.ToLower(format) {
	case "csv":
		return writeCSV(w, rows)
	case "xlsx":
		return writeXLSX(w, rows)
	}
	return fmt.Errorf("roster: unknown format %q (want csv or xlsx)", format)
}

// record returns the cells of r in the contract's column order.
func record(r Row) []string {
	return []string{r.NIP, r.Nama, string(r.JenisASN), r.Jabatan, r.UnitKerja, r.Email, r.Telepon, FormatAccounts(r.Accounts)}
}

func writeCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	for _, r := range rows {
		rec := record(r)
		for i := range rec {
			rec[i] = escapeFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// xlsxWidths are the column widths of the written sheet, in characters.
var xlsxWidths = []float64{22, 32, 10, 28, 32, 28, 16, 48}

func writeXLSX(w io.Writer, rows []Row) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Pegawai"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	// Text format (@) keeps NIPs typed into the sheet later from being
	// turned into rounded numbers.
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, wd := range xlsxWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetColStyle(1, len(columns), text); err != nil {
		return err
	}
	if err := sw.SetRow("A1", cellValues(columns, bold)); err != nil {
		return err
	}
	for i, r := range rows {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), cellValues(record(r), text)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

func cellValues(vals []string, style int) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return out
}
