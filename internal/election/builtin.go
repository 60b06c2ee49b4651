package election

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -shared ../../../shared -out refdata

// BuiltinSource is the [Election.Source] of built-in elections.
const BuiltinSource = "builtin"

// Ids of the built-in elections: PemiluID, and PilkadaPrefix followed by
// the dotted Kemendagri region code ("pilkada-2024-32.16").
const (
	PemiluID      = "pemilu-2024"
	PilkadaPrefix = "pilkada-2024-"
)

//go:embed refdata/pemilu-2024.json
var pemiluJSON []byte

//go:embed refdata/pilkada-2024.jsonl
var pilkadaJSONL string

//go:embed refdata/regions.tsv
var regionsTSV string

// Builtin returns every built-in election: Pemilu 2024 (3 presidential
// pairs, 24 parties) followed by the 545 Pilkada 2024 contests ordered by
// region code. Each call returns fresh values that the caller may modify.
func Builtin() []*Election {
	out := []*Election{builtinPemilu()}
	for _, line := range pilkadaLines() {
		out = append(out, decodeBuiltin(line))
	}
	return out
}

// ForRegion returns the built-in elections that concern civil servants of
// one region, identified by its Kemendagri code, dotted ("32.16") or not
// ("3216"):
//
//   - a kabupaten/kota: Pemilu 2024, its province's Pilkada and its own;
//   - a province ("32"): Pemilu 2024, the governor election and every
//     kabupaten/kota Pilkada in the province (provincial staff live and
//     vote all over it);
//   - "00" (Indonesia): Pemilu 2024 only;
//   - "all" (any case): everything, as [Builtin].
//
// Regions without a Pilkada in 2024 (the DIY governorship, Jakarta's
// administrative cities) simply contribute none. An unknown code is an error.
func ForRegion(code string) ([]*Election, error) {
	code = strings.TrimSpace(code)
	if strings.EqualFold(code, "all") {
		return Builtin(), nil
	}
	norm, err := NormalizeRegionCode(code)
	if err != nil {
		return nil, err
	}
	out := []*Election{builtinPemilu()}
	if norm == "00" {
		return out, nil
	}
	prov, _, _ := strings.Cut(norm, ".")
	for _, line := range pilkadaLines() {
		id := lineID(line)
		rc := strings.TrimPrefix(id, PilkadaPrefix)
		switch {
		case rc == prov, rc == norm,
			norm == prov && strings.HasPrefix(rc, prov+"."):
			out = append(out, decodeBuiltin(line))
		}
	}
	return out, nil
}

// RegionInfo is a province or kabupaten/kota (Kepmendagri 2025).
type RegionInfo struct {
	// Code is the dotted Kemendagri code ("32.16").
	Code string
	// Kind is "provinsi", "kabupaten" or "kota".
	Kind string
	// Name is the official name ("Kabupaten Bekasi").
	Name string
}

var (
	regionsOnce sync.Once
	regionList  []RegionInfo
	regionIndex map[string]RegionInfo
)

func loadRegions() {
	regionsOnce.Do(func() {
		regionIndex = map[string]RegionInfo{}
		sc := bufio.NewScanner(strings.NewReader(regionsTSV))
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.SplitN(line, "\t", 3)
			if len(f) != 3 {
				continue
			}
			r := RegionInfo{Code: f[0], Kind: f[1], Name: strings.TrimSpace(f[2])}
			regionList = append(regionList, r)
			regionIndex[r.Code] = r
		}
	})
}

// Regions returns the 38 provinces and 514 kabupaten/kota, ordered by code.
func Regions() []RegionInfo {
	loadRegions()
	return append([]RegionInfo(nil), regionList...)
}

// LookupRegion returns the region with the given code (dotted or not).
func LookupRegion(code string) (RegionInfo, bool) {
	norm, err := NormalizeRegionCode(code)
	if err != nil || norm == "00" {
		return RegionInfo{}, false
	}
	return regionIndex[norm], true
}

// NormalizeRegionCode turns "3216", "32.16" or " 32 " into the dotted
// Kemendagri form and checks that the region exists; "00" (Indonesia) is
// accepted.
func NormalizeRegionCode(code string) (string, error) {
	c := strings.TrimSpace(code)
	if c == "00" {
		return c, nil
	}
	if len(c) == 4 && !strings.Contains(c, ".") {
		c = c[:2] + "." + c[2:]
	}
	loadRegions()
	if _, ok := regionIndex[c]; !ok {
		return "", fmt.Errorf("unknown region code %q (want a Kemendagri province or kabupaten/kota code such as 32 or 32.16, 00 for Indonesia, or all)", code)
	}
	return c, nil
}

var (
	pilkadaOnce  sync.Once
	pilkadaSplit []string
)

func pilkadaLines() []string {
	pilkadaOnce.Do(func() {
		for _, l := range strings.Split(pilkadaJSONL, "\n") {
			if strings.TrimSpace(l) != "" {
				pilkadaSplit = append(pilkadaSplit, l)
			}
		}
	})
	return pilkadaSplit
}

// lineID extracts the id of a generated line, which starts {"id":"...".
func lineID(line string) string {
	const p = `{"id":"`
	if !strings.HasPrefix(line, p) {
		return ""
	}
	rest := line[len(p):]
	if i := strings.IndexByte(rest, '"'); i >= 0 {
		return rest[:i]
	}
	return ""
}

func builtinPemilu() *Election { return decodeBuiltin(string(pemiluJSON)) }

// decodeBuiltin decodes embedded data; the tests guarantee it is valid,
// so a failure is a build defect and panics.
func decodeBuiltin(s string) *Election {
	e := new(Election)
	if err := json.Unmarshal([]byte(s), e); err != nil {
		panic("election: corrupt built-in data: " + err.Error())
	}
	if err := Validate(e); err != nil {
		panic("election: invalid built-in election " + e.ID + ": " + err.Error())
	}
	e.source = BuiltinSource
	return e
}
