package roster

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/netral-asn/netral/internal/nip"
)

func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, false)
		}
	}
	f.Add(makeXLSX(f, [][]any{{"nip", "nama", "unit_kerja", "akun"}, {"196608011988031001", "Amir", "DISDIK", "ig:amir"}}), true)
	f.Add([]byte("nip;nama;unit_kerja\n\"19660801 198803 1 001\";\"Amir \"\"A\"\"\";X\n"), false)
	f.Add([]byte("nip,nama,unit_kerja,akun\n196608011988031001,'=1+1,X,\"x:@a;mastodon:@b@c.d\"\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, xlsxName bool) {
		name := "roster.csv"
		if xlsxName {
			name = "roster.xlsx"
		}
		res, err := Read(bytes.NewReader(data), name, Options{Now: testNow, MaxBytes: 256 << 10})
		if err != nil {
			t.Fatalf("Read error %v on in-memory input", err)
		}
		for _, p := range append(res.Problems, res.Warnings...) {
			if p.Line < 1 || p.Message == "" || p.MessageID == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		for _, r := range res.Rows {
			n, _, err := nip.Parse(r.NIP, testNow)
			if err != nil || n.Digits != r.NIP || r.JenisASN != n.Kind || r.Nama == "" || r.UnitKerja == "" || r.Line < 1 {
				t.Fatalf("invalid row returned: %+v (%v)", r, err)
			}
		}
		if len(res.Problems) > 0 || len(res.Rows) == 0 {
			return
		}
		// A file that reads cleanly survives an export and a re-import.
		var buf bytes.Buffer
		if err := Write(&buf, "csv", res.Rows); err != nil {
			t.Fatal(err)
		}
		again, err := Read(&buf, "export.csv", Options{Now: testNow})
		if err != nil || len(again.Problems) > 0 {
			t.Fatalf("re-import of %q failed: %v %v", buf.String(), err, again.Problems)
		}
		checkRows(t, again.Rows, res.Rows, false)
	})
}
