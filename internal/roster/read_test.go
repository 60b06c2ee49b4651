package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/netral-asn/netral/internal/nip"
)

// testNow is the validation date of the tests.
var testNow = time.Date(2026, time.November, 23, 9, 0, 0, 0, time.UTC)

func readFile(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(bytes.NewReader(data), name, Options{Now: testNow})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return res
}

func TestReadGoodCSV(t *testing.T) {
	res := readFile(t, "good.csv")
	if len(res.Problems) > 0 || len(res.Warnings) > 0 {
		t.Fatalf("problems %v, warnings %v", res.Problems, res.Warnings)
	}
	want := []Row{
		{Line: 2, NIP: "196608011988031001", Nama: "Drs. Amir Hamzah, M.Si.", JenisASN: nip.PNS, Jabatan: "Kepala Dinas",
			UnitKerja: "Dinas Pendidikan", Email: "amir.hamzah@pendidikan.example.go.id", Telepon: "081234567890",
			Accounts: []Account{
				{Platform: "instagram", Handle: "amir.h", URL: "https://instagram.com/amir.h"},
				{Platform: "facebook", Handle: "amir.hamzah", URL: "https://facebook.com/amir.hamzah"},
			}},
		{Line: 3, NIP: "199009132025242014", Nama: "Siti Rahmawati, S.Pd.", JenisASN: nip.PPPK, Jabatan: "Guru Ahli Pertama",
			UnitKerja: "DISDIK", Email: "siti.r@example.com", Telepon: "+62 812 3456 7890",
			Accounts: []Account{{Platform: "tiktok", Handle: "siti_r", URL: "https://tiktok.com/@siti_r"}}},
		{Line: 4, NIP: "198503122021211003", Nama: "Budi Santoso", JenisASN: nip.PPPK, Jabatan: "Penata Layanan Operasional",
			UnitKerja: "Dinas Kesehatan"},
		{Line: 6, NIP: "197802152005012003", Nama: "Ni Ketut Ayu Sri Wahyuni", JenisASN: nip.PNS, Jabatan: "Analis Kebijakan",
			UnitKerja: "BKPSDM",
			Accounts: []Account{
				{Platform: "instagram", Handle: "ayu.sri", URL: "https://instagram.com/ayu.sri"},
				{Platform: "x", Handle: "ayusri", URL: "https://x.com/ayusri"},
				{Platform: "youtube", Handle: "ayusri", URL: "https://youtube.com/@ayusri"},
				{Platform: "mastodon", Handle: "ayu@mastodon.social", URL: "https://mastodon.social/@ayu"},
			}},
		{Line: 8, NIP: "193812311960031001", Nama: "H. Sutrisno", JenisASN: nip.PNS, Jabatan: "Pensiunan", UnitKerja: "Sekretariat Daerah"},
	}
	checkRows(t, res.Rows, want, true)
	if w := res.Rows[4].Warnings; len(w) != 1 || w[0].Line != 8 || w[0].Column != "nip" || !strings.Contains(w[0].Message, "1938") {
		t.Errorf("row 8 warnings = %v, want the implausible birth year", w)
	}
}

func TestReadSemicolonBOM(t *testing.T) {
	res := readFile(t, "semicolon-bom.csv")
	if len(res.Problems) > 0 {
		t.Fatalf("problems %v", res.Problems)
	}
	want := []Row{
		{Line: 2, NIP: "196608011988031001", Nama: "Drs. Amir Hamzah, M.Si.", JenisASN: nip.PNS, UnitKerja: "Dinas Pendidikan",
			Accounts: []Account{{Platform: "instagram", Handle: "amir.h", URL: "https://instagram.com/amir.h"}}},
		{Line: 3, NIP: "199009132025242014", Nama: "Siti Rahmawati, S.Pd.", JenisASN: nip.PPPK, UnitKerja: "DISDIK",
			Accounts: []Account{{Platform: "instagram", Handle: "siti.r", URL: "https://instagram.com/siti.r"}}},
	}
	checkRows(t, res.Rows, want, true)
	if len(res.Warnings) != 1 || res.Warnings[0].Line != 1 || !strings.Contains(res.Warnings[0].Message, `F ("No")`) {
		t.Errorf("warnings = %v, want one about the ignored column F", res.Warnings)
	}
}

func TestReadBadCSV(t *testing.T) {
	res := readFile(t, "bad.csv")
	type place struct {
		line int
		col  string
		text string // part of the English message
	}
	want := []place{
		{2, "nip", "has 16 digits"},
		{3, "nama", "name is empty"},
		{4, "unit_kerja", "unit (OPD) is empty"},
		{5, "jenis_asn", `"Honorer" must be PNS or PPPK`},
		{6, "jenis_asn", "jenis_asn is PPPK but the NIP 19660801 198803 1 004 has the layout of a PNS number"},
		{7, "email", `"amir@" is not a valid e-mail address`},
		{8, "akun", `unknown platform "myspace"`},
		{9, "akun", `"@amir hamzah" is not a valid Instagram handle; separate accounts with ;`},
		{10, "nip", "scientific notation"},
		{11, "nip", "sequence number (digits 16–18) is 000"},
		{12, "nip", "birth date 19661301"},
		{12, "nip", "digits 13–14 are 00"},
		{12, "nip", "gender digit (digit 15) is 3"},
		{13, "nip", "appears twice in the file, on lines 7 and 13"},
		{14, "", "the row has 9 values but the header row has 8 columns"},
	}
	if len(res.Problems) != len(want) {
		t.Errorf("got %d problems, want %d:", len(res.Problems), len(want))
		for _, p := range res.Problems {
			t.Log(p)
		}
	}
	for i, p := range res.Problems {
		if i >= len(want) {
			break
		}
		w := want[i]
		if p.Line != w.line || p.Column != w.col || !strings.Contains(p.Message, w.text) {
			t.Errorf("problem %d = %v; want line %d, column %q, containing %q", i, p, w.line, w.col, w.text)
		}
		if p.MessageID == "" || p.MessageID == p.Message {
			t.Errorf("problem %d has no Indonesian message: %+v", i, p)
		}
	}
	if len(res.Rows) != 1 || res.Rows[0].Line != 16 {
		t.Errorf("rows = %+v, want only the valid line 16", res.Rows)
	}
}

// TestReadFileProblems covers files rejected as a whole.
func TestReadFileProblems(t *testing.T) {
	junk, err := os.ReadFile("testdata/junk.bin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		filename string
		data     string
		max      int64
		line     int
		want     string // part of the English message
	}{
		{"empty", "a.csv", "", 0, 1, "file is empty"},
		{"spaces and BOM", "a.csv", "\ufeff \r\n\n", 0, 1, "file is empty"},
		{"binary junk", "a.csv", string(junk), 0, 1, "neither a CSV text file nor an XLSX workbook"},
		{"UTF-16", "a.csv", "\xff\xfen\x00i\x00p\x00", 0, 1, "UTF-16"},
		{"old xls", "a.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", 0, 1, ".xls"},
		{"xlsx that is text", "a.xlsx", "nip,nama,unit_kerja\n", 0, 1, "named .xlsx but is not an XLSX workbook"},
		{"zip that is no workbook", "a.xlsx", "PK\x03\x04garbage", 0, 1, "workbook could not be read"},
		{"too large", "a.csv", "nip,nama,unit_kerja\n196608011988031001,Amir,DISDIK\n", 20, 1, "larger than the limit of 20 bytes"},
		{"Latin-1 on line 3", "a.csv", "nip,nama,unit_kerja\n196608011988031001,Amir,DISDIK\n199009132025242014,Jos\xe9,DISDIK\n", 0, 3, "not UTF-8"},
		{"missing columns", "a.csv", "NIP,Nama Lengkap,OPD\n", 0, 1, "lacks the required column(s) nama, unit_kerja"},
		{"one column", "a.csv", "nip|nama|unit_kerja\n", 0, 1, "Only one column was found"},
		{"duplicate column", "a.csv", "nip,nama,unit_kerja,Nama\n", 0, 1, `column "nama" appears twice, in columns B and D`},
		{"header after blank lines", "a.csv", "\n\nnip;nama\n", 0, 3, "lacks the required column(s) unit_kerja"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(tt.data), tt.filename, Options{Now: testNow, MaxBytes: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) != 1 {
				t.Fatalf("problems = %v, want one", res.Problems)
			}
			p := res.Problems[0]
			if p.Line != tt.line || !strings.Contains(p.Message, tt.want) || p.MessageID == "" {
				t.Errorf("problem = %+v; want line %d containing %q", p, tt.line, tt.want)
			}
			if len(res.Rows) != 0 {
				t.Errorf("rows = %v, want none", res.Rows)
			}
		})
	}
}

func TestReadSepLine(t *testing.T) {
	in := "sep=;\r\nnip;nama;unit_kerja;akun\r\n196608011988031001;Amir, S.H.;DISDIK;ig:amir,x:amir\r\n"
	res, err := Read(strings.NewReader(in), "a.csv", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 3 || res.Problems[0].Column != "akun" {
		t.Fatalf("problems = %v, want the comma-separated accounts on line 3", res.Problems)
	}
}

func TestReadOpenQuote(t *testing.T) {
	in := "nip,nama,unit_kerja\n196608011988031001,\"Amir,DISDIK\n199009132025242014,Siti,DISDIK\n"
	res, err := Read(strings.NewReader(in), "a.csv", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 2 || res.Problems[0].Column != "nama" ||
		!strings.Contains(res.Problems[0].Message, "quotation mark") {
		t.Errorf("problems = %v, want the open quote on line 2", res.Problems)
	}
}

func TestReadHeaderOnly(t *testing.T) {
	res, err := Read(strings.NewReader("nip,nama,unit_kerja\n,,\n"), "a.csv", Options{})
	if err != nil || len(res.Problems) != 0 || len(res.Rows) != 0 {
		t.Errorf("Read = %+v, %v; want no rows and no problems", res, err)
	}
}

func TestReadTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("nip,nama,unit_kerja\n")
	for range 3000 {
		b.WriteString("123,Amir,DISDIK\n")
	}
	res, err := Read(strings.NewReader(b.String()), "a.csv", Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Problems); n != maxProblems+1 || !strings.Contains(res.Problems[n-1].Message, "too many errors") {
		t.Errorf("got %d problems, last %v", n, res.Problems[n-1])
	}
}

func TestReadIOError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Read(iotest.ErrReader(boom), "a.csv", Options{})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

// checkRows compares rows, ignoring warnings, and Line unless withLine.
func checkRows(t *testing.T, got, want []Row, withLine bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rows, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		g.Warnings, w.Warnings = nil, nil
		if !withLine {
			g.Line, w.Line = 0, 0
		}
		if len(g.Accounts) == 0 && len(w.Accounts) == 0 {
			g.Accounts, w.Accounts = nil, nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
