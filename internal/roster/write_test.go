package roster

import (
	"bytes"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/nip"
)

func TestWriteReadRoundTrip(t *testing.T) {
	rows := readFile(t, "good.csv").Rows
	rows = append(rows, Row{
		NIP: "198001012005011002", Nama: "=HYPERLINK(\"http://evil\")", JenisASN: nip.PNS,
		Jabatan: "-1+1", UnitKerja: "@DISDIK", Email: "x@example.com", Telepon: "+62 812 0000 0000",
		Accounts: []Account{{Platform: "other", URL: "https://example.com/a,b"}},
	})
	for _, format := range []string{"csv", "xlsx", "CSV"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, rows); err != nil {
				t.Fatal(err)
			}
			res, err := Read(bytes.NewReader(buf.Bytes()), "export."+strings.ToLower(format), Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) > 0 || len(res.Warnings) > 0 {
				t.Fatalf("problems %v, warnings %v", res.Problems, res.Warnings)
			}
			checkRows(t, res.Rows, rows, false)
			for i, r := range res.Rows {
				if r.Line != i+2 {
					t.Errorf("row %d has line %d, want %d", i, r.Line, i+2)
				}
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	rows := []Row{{
		NIP: "196608011988031001", Nama: "Drs. Amir Hamzah, M.Si.", JenisASN: nip.PNS, UnitKerja: "DISDIK",
		Telepon: "+6281234567890",
		Accounts: []Account{
			{Platform: "instagram", Handle: "amir.h", URL: "https://instagram.com/amir.h"},
			{Platform: "facebook", Handle: "amir.hamzah", URL: "https://facebook.com/amir.hamzah"},
		},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, "csv", rows); err != nil {
		t.Fatal(err)
	}
	want := "nip,nama,jenis_asn,jabatan,unit_kerja,email,telepon,akun\n" +
		"196608011988031001,\"Drs. Amir Hamzah, M.Si.\",PNS,,DISDIK,,'+6281234567890,instagram:@amir.h; facebook:@amir.hamzah\n"
	if got := buf.String(); got != want {
		t.Errorf("Write csv =\n%s\nwant\n%s", got, want)
	}
}

func TestWriteEmptyAndUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "ods", nil); err == nil {
		t.Error("Write with format ods: want an error")
	}
	for _, format := range []string{"csv", "xlsx"} {
		buf.Reset()
		if err := Write(&buf, format, nil); err != nil {
			t.Fatal(err)
		}
		res, err := Read(&buf, "x", Options{})
		if err != nil || len(res.Problems) > 0 || len(res.Rows) > 0 {
			t.Errorf("%s: empty export reads back as %+v, %v", format, res, err)
		}
	}
}
