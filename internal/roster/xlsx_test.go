package roster

import (
	"bytes"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/nip"
	"github.com/xuri/excelize/v2"
)

// makeXLSX builds a workbook whose first sheet holds rows, starting at A1;
// a nil row is left empty. A second sheet must be ignored.
func makeXLSX(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Data Pegawai"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Catatan"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Catatan", "A1", "bukan data"); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if row == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Data Pegawai", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := makeXLSX(t, [][]any{
		{"Unit_Kerja", "NIP", "Nama", "Akun", "Telepon"},
		{"Dinas Pendidikan", "19660801 198803 1 001", "Drs. Amir Hamzah, M.Si.", "ig:@amir.h", 81234567890},
		nil,
		{"DISDIK", int64(199009132025242014), "Siti Rahmawati", "fb:siti.rahma"},
		{"DISDIK", 1.96608011988031e17, "Excel Rounded"},
		{nil, nil, nil, nil, nil},
		{"BKPSDM", "198503122021211003", "Budi Santoso"},
	})
	// The file name does not matter: the ZIP signature decides.
	res, err := Read(bytes.NewReader(data), "roster.csv", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, NIP: "196608011988031001", Nama: "Drs. Amir Hamzah, M.Si.", JenisASN: nip.PNS, UnitKerja: "Dinas Pendidikan",
			Telepon: "81234567890", Accounts: []Account{{Platform: "instagram", Handle: "amir.h", URL: "https://instagram.com/amir.h"}}},
		{Line: 4, NIP: "199009132025242014", Nama: "Siti Rahmawati", JenisASN: nip.PPPK, UnitKerja: "DISDIK",
			Accounts: []Account{{Platform: "facebook", Handle: "siti.rahma", URL: "https://facebook.com/siti.rahma"}}},
		{Line: 7, NIP: "198503122021211003", Nama: "Budi Santoso", JenisASN: nip.PPPK, UnitKerja: "BKPSDM"},
	}
	checkRows(t, res.Rows, want, true)
	if len(res.Problems) != 1 {
		t.Fatalf("problems = %v, want one for line 5", res.Problems)
	}
	if p := res.Problems[0]; p.Line != 5 || p.Column != "nip" || !strings.Contains(p.Message, "stored as a number") {
		t.Errorf("problem = %v, want the rounded NIP on line 5", p)
	}
}

func TestReadXLSXHeaderProblems(t *testing.T) {
	data := makeXLSX(t, [][]any{{"nip", "nama", "jabatan", "NIP"}})
	res, err := Read(bytes.NewReader(data), "a.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 2 {
		t.Fatalf("problems = %v, want a duplicate and a missing column", res.Problems)
	}
	for _, p := range res.Problems {
		if p.Line != 1 {
			t.Errorf("problem %v not on line 1", p)
		}
	}
}

func TestReadXLSXEmptySheet(t *testing.T) {
	res, err := Read(bytes.NewReader(makeXLSX(t, nil)), "a.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "no header row") {
		t.Errorf("problems = %v", res.Problems)
	}
}
