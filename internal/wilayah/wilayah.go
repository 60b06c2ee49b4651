// Package wilayah is the built-in list of Indonesian provinces and
// kabupaten/kota with their Kemendagri codes (Kepmendagri 2025), for setting up
// an instansi, for region pickers and for mapping elections and civil servants
// to regions.
//
// The list is embedded from data/wilayah_provinsi_kabkota.csv (MIT, see
// data/NOTICE) and parsed once, on first use. Two fictional regions used by
// the demo are added to it: province "99" (Provinsi Harapan Jaya) and
// kabupaten "99.01" (Kabupaten Tanjung Harapan); they carry Fictional = true
// and no real region uses code 99.
//
// Codes are written in the dotted Kemendagri form ("32", "32.16"). Every
// function that takes a code also accepts the undotted form used by KPU and
// Sirekap ("3216"), with surrounding spaces ignored.
package wilayah

import (
	"bytes"
	_ "embed" // for the region list
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed data/wilayah_provinsi_kabkota.csv
var csvData []byte

// Level is the administrative level of a region.
type Level string

// The levels present in the list.
const (
	LevelProvinsi      Level = "provinsi"       // province
	LevelKabupatenKota Level = "kabupaten_kota" // kabupaten (regency) or kota (city)
)

// Values of Region.Kind for kabupaten/kota; provinces have an empty Kind.
const (
	KindKabupaten = "kabupaten"
	KindKota      = "kota"
)

// FictionalProvinceCode and FictionalRegencyCode are the codes of the two
// fictional regions added for the demo.
const (
	FictionalProvinceCode = "99"
	FictionalRegencyCode  = "99.01"
)

// Region is one province or kabupaten/kota.
type Region struct {
	Code         string // dotted Kemendagri code: "32", "32.16"
	KPUCode      string // the code without dots, as used by KPU/Sirekap: "32", "3216"
	Name         string // official name: "Jawa Barat", "Kabupaten Bekasi", "Kota Bandung"
	Level        Level  // LevelProvinsi or LevelKabupatenKota
	Kind         string // KindKabupaten or KindKota for kabupaten/kota, "" for provinces
	ProvinceCode string // code of the province (the region's own code for a province)
	ProvinceName string // name of the province
	Fictional    bool   // true only for the demo regions "99" and "99.01"
}

// fictional are the demo regions added to the embedded list.
var fictional = []Region{
	{
		Code: "99", KPUCode: "99", Name: "Provinsi Harapan Jaya (fiktif)",
		Level: LevelProvinsi, ProvinceCode: "99", ProvinceName: "Provinsi Harapan Jaya (fiktif)",
		Fictional: true,
	},
	{
		Code: "99.01", KPUCode: "9901", Name: "Kabupaten Tanjung Harapan",
		Level: LevelKabupatenKota, Kind: KindKabupaten,
		ProvinceCode: "99", ProvinceName: "Provinsi Harapan Jaya (fiktif)",
		Fictional: true,
	},
}

// index is the parsed list with its lookup tables.
type index struct {
	all       []Region            // sorted by Code
	byCode    map[string]int      // dotted code → position in all
	provinces []Region            // sorted by Code
	children  map[string][]Region // province code → its kabupaten/kota, sorted by Code
	lowerName []string            // strings.ToLower(all[i].Name)
	shortName []string            // lowerName without "kabupaten "/"kota "/"provinsi "
}

var (
	loadOnce sync.Once
	loaded   *index
)

// load returns the index, parsing the embedded list on first use. The embedded
// list is part of the program, so a parse error is a build defect and panics
// (the tests parse it too).
func load() *index {
	loadOnce.Do(func() {
		ix, err := parse(bytes.NewReader(csvData), fictional)
		if err != nil {
			panic("wilayah: embedded region list: " + err.Error())
		}
		loaded = ix
	})
	return loaded
}

var wantHeader = []string{"kode", "kode_kpu", "nama", "level", "jenis", "kode_provinsi", "nama_provinsi"}

// parse reads the CSV list, adds extra and builds the index. It checks every
// row: code format, KPU code, level and kind, and that each kabupaten/kota
// belongs to a province listed before it under the same name.
func parse(r io.Reader, extra []Region) (*index, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(wantHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if strings.Join(header, ",") != strings.Join(wantHeader, ",") {
		return nil, fmt.Errorf("header is %q, want %q", header, wantHeader)
	}
	var regions []Region
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			// The source has stray spaces ("Kota Administrasi Jakarta Utara ").
			rec[i] = strings.TrimSpace(rec[i])
		}
		regions = append(regions, Region{
			Code:         rec[0],
			KPUCode:      rec[1],
			Name:         rec[2],
			Level:        Level(rec[3]),
			Kind:         rec[4],
			ProvinceCode: rec[5],
			ProvinceName: rec[6],
		})
		if err := check(regions[len(regions)-1]); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
	regions = append(regions, extra...)
	sort.SliceStable(regions, func(i, j int) bool { return regions[i].Code < regions[j].Code })

	ix := &index{
		all:      regions,
		byCode:   make(map[string]int, len(regions)),
		children: make(map[string][]Region),
	}
	for i, rg := range regions {
		if err := check(rg); err != nil {
			return nil, err
		}
		if _, dup := ix.byCode[rg.Code]; dup {
			return nil, fmt.Errorf("duplicate code %s", rg.Code)
		}
		ix.byCode[rg.Code] = i
		switch rg.Level {
		case LevelProvinsi:
			ix.provinces = append(ix.provinces, rg)
		case LevelKabupatenKota:
			p, ok := ix.byCode[rg.ProvinceCode]
			if !ok {
				return nil, fmt.Errorf("%s: province %s not listed", rg.Code, rg.ProvinceCode)
			}
			if regions[p].Name != rg.ProvinceName {
				return nil, fmt.Errorf("%s: province name %q, but %s is %q", rg.Code, rg.ProvinceName, rg.ProvinceCode, regions[p].Name)
			}
			ix.children[rg.ProvinceCode] = append(ix.children[rg.ProvinceCode], rg)
		}
		lower := strings.ToLower(rg.Name)
		ix.lowerName = append(ix.lowerName, lower)
		ix.shortName = append(ix.shortName, stripKindPrefix(lower))
	}
	return ix, nil
}

// check validates one region on its own.
func check(rg Region) error {
	norm, ok := Normalize(rg.Code)
	if !ok || norm != rg.Code {
		return fmt.Errorf("bad code %q", rg.Code)
	}
	if rg.KPUCode != strings.ReplaceAll(rg.Code, ".", "") {
		return fmt.Errorf("%s: KPU code %q does not match", rg.Code, rg.KPUCode)
	}
	if strings.TrimSpace(rg.Name) == "" || rg.Name != strings.TrimSpace(rg.Name) {
		return fmt.Errorf("%s: bad name %q", rg.Code, rg.Name)
	}
	switch rg.Level {
	case LevelProvinsi:
		if len(rg.Code) != 2 || rg.Kind != "" || rg.ProvinceCode != rg.Code || rg.ProvinceName != rg.Name {
			return fmt.Errorf("%s: inconsistent province row", rg.Code)
		}
	case LevelKabupatenKota:
		if len(rg.Code) != 5 || rg.ProvinceCode != rg.Code[:2] || rg.ProvinceName == "" {
			return fmt.Errorf("%s: inconsistent kabupaten/kota row", rg.Code)
		}
		if rg.Kind != KindKabupaten && rg.Kind != KindKota {
			return fmt.Errorf("%s: bad kind %q", rg.Code, rg.Kind)
		}
	default:
		return fmt.Errorf("%s: bad level %q", rg.Code, rg.Level)
	}
	return nil
}

// Normalize returns code in dotted Kemendagri form, accepting the dotted form
// ("32.16", "32.16.01", "32.16.01.2001") or the undotted KPU/BPS-style form of
// 2, 4, 6 or 10 digits ("3216"). Surrounding spaces are ignored. The second
// result is false when code has neither form. Normalize checks the format
// only: the region need not exist.
func Normalize(code string) (string, bool) {
	code = strings.TrimSpace(code)
	if code == "" {
		return "", false
	}
	widths := []int{2, 2, 2, 4} // province, kabupaten/kota, kecamatan, desa/kelurahan
	var segs []string
	if strings.Contains(code, ".") {
		segs = strings.Split(code, ".")
		if len(segs) > len(widths) {
			return "", false
		}
		for i, s := range segs {
			if len(s) != widths[i] || !allDigits(s) {
				return "", false
			}
		}
		return code, true
	}
	if !allDigits(code) {
		return "", false
	}
	rest := code
	for _, w := range widths {
		if rest == "" {
			break
		}
		if len(rest) < w {
			return "", false
		}
		segs = append(segs, rest[:w])
		rest = rest[w:]
	}
	if rest != "" {
		return "", false
	}
	return strings.Join(segs, "."), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// All returns every province and kabupaten/kota, the fictional demo regions
// included, sorted by code (each province directly before its kabupaten/kota).
// The slice is a copy and may be modified.
func All() []Region {
	return clone(load().all)
}

// Lookup returns the province or kabupaten/kota with the given code, in
// dotted ("32.16") or KPU ("3216") form.
func Lookup(code string) (Region, bool) {
	ix := load()
	norm, ok := Normalize(code)
	if !ok {
		return Region{}, false
	}
	i, ok := ix.byCode[norm]
	if !ok {
		return Region{}, false
	}
	return ix.all[i], true
}

// Provinces returns every province, sorted by code.
func Provinces() []Region {
	return clone(load().provinces)
}

// Children returns the kabupaten/kota of the province with the given code,
// sorted by code, or nil when there is no such province.
func Children(provinceCode string) []Region {
	norm, ok := Normalize(provinceCode)
	if !ok {
		return nil
	}
	return clone(load().children[norm])
}

// Parent returns the province of the kabupaten/kota with the given code. It
// returns false for a province (which has no parent in this list) and for a
// code that is not in the list.
func Parent(code string) (Region, bool) {
	rg, ok := Lookup(code)
	if !ok || rg.Level != LevelKabupatenKota {
		return Region{}, false
	}
	return Lookup(rg.ProvinceCode)
}

// IsAncestor reports whether the region ancestor strictly contains the region
// code: "32" is an ancestor of "32.16" and of "32.16.01", but not of "32" or
// "33.01". It compares code structure only, so it also works for kecamatan
// and desa codes that are not in this list; both codes may be given in dotted
// or KPU form. Malformed codes are never ancestors.
func IsAncestor(ancestor, code string) bool {
	a, ok1 := Normalize(ancestor)
	c, ok2 := Normalize(code)
	return ok1 && ok2 && strings.HasPrefix(c, a+".")
}

// Search returns up to limit regions (all matches when limit <= 0) whose name
// or code contains q, ignoring case and extra spaces, best matches first, for
// a region picker. An empty query returns nil.
//
// Ranking: exact code; name equal to q, with or without the "Kabupaten",
// "Kota" or "Provinsi" prefix (so "bandung" ranks Kabupaten Bandung and Kota
// Bandung first); name starting with q; a word of the name starting with q;
// code starting with q; q anywhere in the name; q anywhere in the code. Ties
// are in code order. A query starting with "kab." or "kab " is read as
// "kabupaten "; one starting with "provinsi", "prov." or "prov " matches
// provinces only.
func Search(q string, limit int) []Region {
	q = strings.ToLower(strings.Join(strings.Fields(q), " "))
	if q == "" {
		return nil
	}
	provincesOnly := false
	for _, p := range []string{"provinsi ", "prov. ", "prov.", "prov "} {
		if rest, ok := strings.CutPrefix(q, p); ok && strings.TrimSpace(rest) != "" {
			q, provincesOnly = strings.TrimSpace(rest), true
			break
		}
	}
	for _, p := range []string{"kab. ", "kab.", "kab "} {
		if rest, ok := strings.CutPrefix(q, p); ok && strings.TrimSpace(rest) != "" {
			q = "kabupaten " + strings.TrimSpace(rest)
			break
		}
	}
	codeQ, isCode := Normalize(q)

	ix := load()
	type hit struct {
		rank, pos int
	}
	var hits []hit
	for i, rg := range ix.all {
		if provincesOnly && rg.Level != LevelProvinsi {
			continue
		}
		name, short := ix.lowerName[i], ix.shortName[i]
		rank := -1
		switch {
		case isCode && rg.Code == codeQ, rg.KPUCode == q:
			rank = 0
		case name == q || short == q:
			rank = 1
		case strings.HasPrefix(name, q) || strings.HasPrefix(short, q):
			rank = 2
		case wordPrefix(name, q):
			rank = 3
		case strings.HasPrefix(rg.Code, q) || strings.HasPrefix(rg.KPUCode, q):
			rank = 4
		case strings.Contains(name, q):
			rank = 5
		case strings.Contains(rg.Code, q) || strings.Contains(rg.KPUCode, q):
			rank = 6
		}
		if rank >= 0 {
			hits = append(hits, hit{rank, i})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Region, len(hits))
	for k, h := range hits {
		out[k] = ix.all[h.pos]
	}
	return out
}

// wordPrefix reports whether some word of name (after a space, "(" or "-")
// starts with q.
func wordPrefix(name, q string) bool {
	for i := 0; i < len(name); i++ {
		if i == 0 || name[i-1] == ' ' || name[i-1] == '(' || name[i-1] == '-' {
			if strings.HasPrefix(name[i:], q) {
				return true
			}
		}
	}
	return false
}

// stripKindPrefix removes a leading "kabupaten ", "kota " or "provinsi " from
// a lower-cased name.
func stripKindPrefix(lower string) string {
	for _, p := range []string{"kabupaten ", "kota ", "provinsi "} {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			return rest
		}
	}
	return lower
}

func clone(rs []Region) []Region {
	if len(rs) == 0 {
		return nil
	}
	return append([]Region(nil), rs...)
}
