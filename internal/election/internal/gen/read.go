package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
)

// region is one row of wilayah_provinsi_kabkota.csv.
type region struct {
	Code, Name, Kind, Province string // Kind: provinsi, kabupaten, kota
}

// paslon is one row of pilkada2024_paslon_flat.csv.
type paslon struct {
	Level        string // gubernur or bupati_walikota
	Code         string // Kemendagri, dotted
	RegionName   string
	Ballot       int
	Head, Deputy string
	Blank        bool // kolom kosong
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func readRegions(path string) ([]region, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []region
	for _, m := range rows {
		kind := m["jenis"]
		if m["level"] == "provinsi" {
			kind = "provinsi"
		}
		if kind != "provinsi" && kind != "kabupaten" && kind != "kota" {
			return nil, fmt.Errorf("%s: region %s: unknown level %q/%q", path, m["kode"], m["level"], m["jenis"])
		}
		out = append(out, region{Code: m["kode"], Name: m["nama"], Kind: kind, Province: m["kode_provinsi"]})
	}
	return out, nil
}

func readPaslon(path string) ([]paslon, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []paslon
	for i, m := range rows {
		var n int
		if _, err := fmt.Sscan(m["nomor_urut"], &n); err != nil {
			return nil, fmt.Errorf("%s: row %d: nomor_urut %q", path, i+2, m["nomor_urut"])
		}
		out = append(out, paslon{
			Level: m["pemilihan"], Code: m["kode_wilayah_kemendagri"], RegionName: m["nama_wilayah"],
			Ballot: n, Head: m["nama_calon"], Deputy: m["nama_wakil"], Blank: m["kolom_kosong"] == "1",
		})
	}
	return out, nil
}

func readWords(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.ToLower(strings.TrimSpace(sc.Text())); w != "" {
			m[w] = true
		}
	}
	return m, sc.Err()
}

func linesFile(lines []string) []byte {
	return []byte(strings.Join(lines, "\n") + "\n")
}

func regionsFile(rs []region) []byte {
	var b strings.Builder
	b.WriteString("# code\tkind\tname (Kepmendagri 2025, from shared/data/wilayah-kemendagri)\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.Code, r.Kind, r.Name)
	}
	return []byte(b.String())
}
