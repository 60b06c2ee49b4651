// Command gen regenerates the built-in reference data of package election
// (internal/election/refdata) from the public data in shared/data:
//
//	go run ./internal/election/internal/gen -shared ../shared -out internal/election/refdata
//
// or `go generate ./internal/election` (see the go:generate line in
// builtin.go). The output is deterministic; gen_test.go checks that the
// committed files match when shared/data is present.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	shared := flag.String("shared", "../shared", "directory holding data/kpu-pilkada2024, data/pemilu-reference, ...")
	out := flag.String("out", "internal/election/refdata", "output directory")
	check := flag.Bool("check", false, "only report whether the files in -out are up to date")
	flag.Parse()
	files, err := Generate(*shared)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	stale := false
	for _, n := range names {
		p := filepath.Join(*out, n)
		if *check {
			old, _ := os.ReadFile(p)
			if !bytes.Equal(old, files[n]) {
				fmt.Fprintf(os.Stderr, "gen: %s is out of date\n", p)
				stale = true
			}
			continue
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s (%d bytes)\n", p, len(files[n]))
	}
	if stale {
		os.Exit(1)
	}
}

// Generate builds every refdata file from the shared data directory and
// returns them by file name.
func Generate(shared string) (map[string][]byte, error) {
	data := filepath.Join(shared, "data")
	regions, err := readRegions(filepath.Join(data, "wilayah-kemendagri", "wilayah_provinsi_kabkota.csv"))
	if err != nil {
		return nil, err
	}
	rows, err := readPaslon(filepath.Join(data, "kpu-pilkada2024", "pilkada2024_paslon_flat.csv"))
	if err != nil {
		return nil, err
	}
	dict, err := readWords(filepath.Join(data, "sastrawi-kata-dasar", "kata-dasar.txt"))
	if err != nil {
		return nil, err
	}
	common := commonNames(rows, dict)
	pemilu, err := pemilu2024(filepath.Join(data, "pemilu-reference"))
	if err != nil {
		return nil, err
	}
	pilkada, err := pilkada2024(rows, regions, common)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"common_names.txt":   linesFile(common),
		"regions.tsv":        regionsFile(regions),
		"pemilu-2024.json":   pemilu,
		"pilkada-2024.jsonl": pilkada,
	}
	return files, nil
}
