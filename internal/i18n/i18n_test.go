package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	id, en := Keys("id"), Keys("en")
	if strings.Join(id, ",") != strings.Join(en, ",") {
		t.Errorf("key sets differ:\nonly id: %v\nonly en: %v", diff(id, en), diff(en, id))
	}
	for _, k := range id {
		if strings.Count(catalogs["id"][k], "%") != strings.Count(catalogs["en"][k], "%") {
			t.Errorf("%s: different number of format verbs", k)
		}
	}
}

func diff(a, b []string) []string {
	m := map[string]bool{}
	for _, x := range b {
		m[x] = true
	}
	var out []string
	for _, x := range a {
		if !m[x] {
			out = append(out, x)
		}
	}
	return out
}

// TestTemplatesUseKnownKeys checks every literal key used in the web templates
// and Go code (T "key" / T("key")) exists in the catalogues.
func TestTemplatesUseKnownKeys(t *testing.T) {
	re := regexp.MustCompile(`\.T "([a-z0-9_.]+)"|\bT\("([a-z0-9_.]+)"`)
	root := filepath.Join("..", "web")
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".go")) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2]
			if !Has(k) {
				t.Errorf("%s: unknown message key %q", p, k)
			}
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

func TestFallback(t *testing.T) {
	if For("xx").Lang != "id" {
		t.Fatal("unsupported language did not fall back")
	}
	if got := For("en").T("no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key = %q", got)
	}
}
