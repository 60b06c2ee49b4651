package roster

import (
	"fmt"
	"strings"
)

// header maps contract columns to cell positions.
type header struct {
	line  int
	index map[string]int // contract column name → 0-based position
	width int            // number of cells in the header row
	// delimited is true for CSV, where a row longer than the header means a
	// value holding an unquoted separator.
	delimited bool
}

// get returns the cleaned value of column col in cells, "" when absent.
func (h *header) get(cells []string, col string) string {
	i, ok := h.index[col]
	if !ok || i >= len(cells) {
		return ""
	}
	return cleanCell(cells[i], col == colAkun)
}

// headerKey normalises a header cell: case and surrounding space are
// ignored, and inner spaces or dashes count as underscores ("Unit Kerja" is
// unit_kerja).
func headerKey(s string) string {
	s = strings.ToLower(cleanCell(s, false))
	s = strings.NewReplacer(" ", "_", "-", "_").Replace(s)
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return s
}

// parseHeader reads the header row, adding its problems and warnings to res.
func parseHeader(line int, cells []string, res *Result) *header {
	h := &header{line: line, index: map[string]int{}, width: len(cells)}
	known := map[string]bool{}
	for _, c := range columns {
		known[c] = true
	}
	var unknown []string
	for i, cell := range cells {
		key := headerKey(cell)
		switch {
		case key == "":
			continue
		case !known[key]:
			if len(unknown) < 10 {
				unknown = append(unknown, fmt.Sprintf("%s (%q)", colName(i), truncate(cleanCell(cell, false), 40)))
			}
			continue
		}
		if j, dup := h.index[key]; dup {
			res.Problems = append(res.Problems, problem(line, key,
				fmt.Sprintf("column %q appears twice, in columns %s and %s; keep only one", key, colName(j), colName(i)),
				fmt.Sprintf("kolom %q muncul dua kali, di kolom %s dan %s; sisakan satu saja", key, colName(j), colName(i))))
			continue
		}
		h.index[key] = i
	}
	if len(unknown) > 0 {
		list := strings.Join(unknown, ", ")
		res.Warnings = append(res.Warnings, problem(line, "",
			fmt.Sprintf("these columns are not roster columns and were ignored: %s", list),
			fmt.Sprintf("kolom berikut bukan kolom daftar pegawai dan diabaikan: %s", list)))
	}
	var missing []string
	for _, c := range []string{colNIP, colNama, colUnitKerja} {
		if _, ok := h.index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		en := fmt.Sprintf("the header row lacks the required column(s) %s; the first row must name the columns nip, nama and unit_kerja (optional: jenis_asn, jabatan, email, telepon, akun)", list)
		id := fmt.Sprintf("baris judul tidak memuat kolom wajib %s; baris pertama harus berisi nama kolom nip, nama dan unit_kerja (opsional: jenis_asn, jabatan, email, telepon, akun)", list)
		if h.width <= 1 {
			en += ". Only one column was found: in a CSV file the columns must be separated by commas (,) or semicolons (;)"
			id += ". Hanya satu kolom yang ditemukan: pada berkas CSV kolom harus dipisahkan dengan koma (,) atau titik koma (;)"
		}
		res.Problems = append(res.Problems, problem(line, "", en, id))
	}
	return h
}
