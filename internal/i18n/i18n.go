// Package i18n holds Netral's user-interface text in Bahasa Indonesia (the
// default) and English, from embedded JSON catalogues with the same keys.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

// Each language has a folder of JSON files (one per area of the product,
// e.g. registry.json) that are merged; a key may appear in only one file.
//
//go:embed id/*.json en/*.json
var files embed.FS

// Languages supported, the default first.
var Languages = []string{"id", "en"}

// Default is the default language.
const Default = "id"

var catalogs = map[string]map[string]string{}

func init() {
	for _, l := range Languages {
		names, err := fs.Glob(files, l+"/*.json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		for _, n := range names {
			b, err := files.ReadFile(n)
			if err != nil {
				panic(err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				panic(fmt.Sprintf("i18n: %s: %v", n, err))
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					panic(fmt.Sprintf("i18n: %s: key %q defined twice", n, k))
				}
				m[k] = v
			}
		}
		catalogs[l] = m
	}
}

// Lang returns l when supported, otherwise the default.
func Lang(l string) string {
	if _, ok := catalogs[l]; ok {
		return l
	}
	return Default
}

// Localizer translates for one language.
type Localizer struct{ Lang string }

// For returns a Localizer for l (the default when l is unsupported).
func For(l string) Localizer { return Localizer{Lang: Lang(l)} }

// T returns the text for key, formatted with args (fmt verbs) when given. A
// missing key shows itself, so it is noticed rather than hidden.
func (l Localizer) T(key string, args ...any) string {
	s, ok := catalogs[l.Lang][key]
	if !ok {
		s, ok = catalogs[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key exists in the default catalogue.
func Has(key string) bool { _, ok := catalogs[Default][key]; return ok }

// Keys returns the keys of language l, sorted.
func Keys(l string) []string {
	var out []string
	for k := range catalogs[l] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
