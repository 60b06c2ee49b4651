package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRefdataUpToDate regenerates the reference data from shared/data and
// compares it with the embedded files; run `go generate ./internal/election`
// when it fails.
func TestRefdataUpToDate(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "data", "kpu-pilkada2024")); err != nil {
		t.Skipf("needs the shared data at %s (a checkout without ../shared)", shared)
	}
	files, err := Generate(shared)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "refdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("refdata/%s is out of date: run go generate ./internal/election", name)
		}
	}
}

func TestCodeLess(t *testing.T) {
	want := []string{"9", "11", "11.06", "32", "32.01", "32.16"}
	for i := range want {
		for j := range want {
			if codeLess(want[i], want[j]) != (i < j) {
				t.Errorf("codeLess(%s,%s)", want[i], want[j])
			}
		}
	}
}
