package wilayah

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestEmbeddedList(t *testing.T) {
	all := All()
	// 38 provinces and 514 kabupaten/kota from Kemendagri, plus the two demo regions.
	if got, want := len(all), 38+514+2; got != want {
		t.Fatalf("len(All()) = %d, want %d", got, want)
	}
	if got := len(Provinces()); got != 39 {
		t.Errorf("len(Provinces()) = %d, want 39", got)
	}
	var kab, kota, fict int
	for i, rg := range all {
		if i > 0 && all[i-1].Code >= rg.Code {
			t.Errorf("All() not sorted: %s before %s", all[i-1].Code, rg.Code)
		}
		if err := check(rg); err != nil {
			t.Error(err)
		}
		switch rg.Kind {
		case KindKabupaten:
			kab++
		case KindKota:
			kota++
		}
		if rg.Fictional {
			fict++
		}
	}
	if kab != 416+1 || kota != 98 || fict != 2 {
		t.Errorf("kabupaten %d, kota %d, fictional %d; want 417, 98, 2", kab, kota, fict)
	}
}

// The embedded copy must stay identical to the shared source it came from.
func TestEmbeddedMatchesShared(t *testing.T) {
	src, err := os.ReadFile("../../../shared/data/wilayah-kemendagri/wilayah_provinsi_kabkota.csv")
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	if !bytes.Equal(src, csvData) {
		t.Error("data/wilayah_provinsi_kabkota.csv differs from shared/data/wilayah-kemendagri")
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		code     string
		wantCode string
		wantName string
	}{
		{"32", "32", "Jawa Barat"},
		{"32.16", "32.16", "Kabupaten Bekasi"},
		{"3216", "32.16", "Kabupaten Bekasi"},
		{" 32.73 ", "32.73", "Kota Bandung"},
		{"11.01", "11.01", "Kabupaten Aceh Selatan"},
		{"96.71", "96.71", "Kota Sorong"},
		{"99", "99", "Provinsi Harapan Jaya (fiktif)"},
		{"99.01", "99.01", "Kabupaten Tanjung Harapan"},
		{"9901", "99.01", "Kabupaten Tanjung Harapan"},
	}
	for _, tt := range tests {
		rg, ok := Lookup(tt.code)
		if !ok || rg.Code != tt.wantCode || rg.Name != tt.wantName {
			t.Errorf("Lookup(%q) = %+v, %v; want %s %q", tt.code, rg, ok, tt.wantCode, tt.wantName)
		}
	}
	for _, code := range []string{"", "3", "321", "32.1", "32.16.01", "3216.01", "32-16", "x1", "00", "32.99", "98.01"} {
		if rg, ok := Lookup(code); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", code, rg)
		}
	}
}

func TestRegionFields(t *testing.T) {
	rg, _ := Lookup("32.16")
	want := Region{
		Code: "32.16", KPUCode: "3216", Name: "Kabupaten Bekasi", Level: LevelKabupatenKota,
		Kind: KindKabupaten, ProvinceCode: "32", ProvinceName: "Jawa Barat",
	}
	if rg != want {
		t.Errorf("Lookup(32.16) = %+v, want %+v", rg, want)
	}
	th, _ := Lookup(FictionalRegencyCode)
	if !th.Fictional || th.ProvinceCode != FictionalProvinceCode || th.Kind != KindKabupaten || th.KPUCode != "9901" {
		t.Errorf("demo regency = %+v", th)
	}
	p, _ := Lookup(FictionalProvinceCode)
	if !p.Fictional || p.Level != LevelProvinsi || p.Kind != "" {
		t.Errorf("demo province = %+v", p)
	}
}

func TestNormalize(t *testing.T) {
	good := map[string]string{
		"32": "32", "3216": "32.16", "321601": "32.16.01", "3216012001": "32.16.01.2001",
		"32.16.01.2001": "32.16.01.2001", " 32.16 ": "32.16",
	}
	for in, want := range good {
		if got, ok := Normalize(in); !ok || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "3", "321", "32.", ".32", "32..16", "32.161", "32.16.01.20011", "32160120011", "32 16", "3a"} {
		if got, ok := Normalize(in); ok {
			t.Errorf("Normalize(%q) = %q, want failure", in, got)
		}
	}
}

func TestProvincesAndChildren(t *testing.T) {
	ps := Provinces()
	for _, p := range ps {
		if p.Level != LevelProvinsi {
			t.Errorf("Provinces() contains %+v", p)
		}
		kids := Children(p.Code)
		if len(kids) == 0 {
			t.Errorf("province %s has no kabupaten/kota", p.Code)
		}
		for i, k := range kids {
			if k.ProvinceCode != p.Code || k.ProvinceName != p.Name || k.Level != LevelKabupatenKota {
				t.Errorf("Children(%s) contains %+v", p.Code, k)
			}
			if i > 0 && kids[i-1].Code >= k.Code {
				t.Errorf("Children(%s) not sorted", p.Code)
			}
		}
	}
	jabar := Children("32")
	if len(jabar) != 27 {
		t.Errorf("Jawa Barat has %d kabupaten/kota, want 27", len(jabar))
	}
	if got := Children("99"); len(got) != 1 || got[0].Code != "99.01" {
		t.Errorf("Children(99) = %+v", got)
	}
	if got := Children("32.16"); got != nil {
		t.Errorf("Children(32.16) = %+v, want nil", got)
	}
	if got := Children("77"); got != nil {
		t.Errorf("Children(77) = %+v, want nil", got)
	}
}

func TestReturnedSlicesAreCopies(t *testing.T) {
	a := All()
	a[0].Name = "changed"
	if All()[0].Name == "changed" {
		t.Error("All() returns the internal slice")
	}
	k := Children("32")
	k[0].Name = "changed"
	if Children("32")[0].Name == "changed" {
		t.Error("Children() returns the internal slice")
	}
	p := Provinces()
	p[0].Name = "changed"
	if Provinces()[0].Name == "changed" {
		t.Error("Provinces() returns the internal slice")
	}
}

func TestParent(t *testing.T) {
	p, ok := Parent("32.16")
	if !ok || p.Code != "32" {
		t.Errorf("Parent(32.16) = %+v, %v", p, ok)
	}
	p, ok = Parent("9901")
	if !ok || p.Code != "99" || !p.Fictional {
		t.Errorf("Parent(9901) = %+v, %v", p, ok)
	}
	for _, c := range []string{"32", "32.16.01", "77.01", "bad"} {
		if p, ok := Parent(c); ok {
			t.Errorf("Parent(%q) = %+v, want none", c, p)
		}
	}
}

func TestIsAncestor(t *testing.T) {
	tests := []struct {
		a, c string
		want bool
	}{
		{"32", "32.16", true},
		{"32", "3216", true},
		{"32", "32.16.01", true},
		{"32.16", "32.16.01.2001", true},
		{"3216", "3216012001", true},
		{"99", "99.01", true},
		{"32", "32", false},
		{"32.16", "32", false},
		{"32", "33.01", false},
		{"3", "32.16", false},
		{"32.1", "32.16", false},
		{"", "32.16", false},
		{"32", "", false},
	}
	for _, tt := range tests {
		if got := IsAncestor(tt.a, tt.c); got != tt.want {
			t.Errorf("IsAncestor(%q, %q) = %v, want %v", tt.a, tt.c, got, tt.want)
		}
	}
}

func codes(rs []Region) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestSearch(t *testing.T) {
	got := codes(Search("bandung", 0))
	if len(got) < 3 || !slices.Equal(got[:2], []string{"32.04", "32.73"}) || !slices.Contains(got, "32.17") {
		t.Errorf("Search(bandung) = %v", got)
	}
	if got := codes(Search("  KOTA   bandung ", 5)); len(got) == 0 || got[0] != "32.73" {
		t.Errorf("Search(KOTA bandung) = %v", got)
	}
	if got := codes(Search("kab. bandung", 0)); !slices.Equal(got, []string{"32.04", "32.17"}) {
		t.Errorf("Search(kab. bandung) = %v", got)
	}
	if got := codes(Search("3216", 3)); len(got) == 0 || got[0] != "32.16" {
		t.Errorf("Search(3216) = %v", got)
	}
	if got := codes(Search("32.16", 3)); len(got) == 0 || got[0] != "32.16" {
		t.Errorf("Search(32.16) = %v", got)
	}
	if got := codes(Search("tanjung harapan", 0)); !slices.Equal(got, []string{"99.01"}) {
		t.Errorf("Search(tanjung harapan) = %v", got)
	}
	if got := codes(Search("provinsi jawa", 0)); !slices.Equal(got, []string{"32", "33", "35"}) {
		t.Errorf("Search(provinsi jawa) = %v", got)
	}
	if got := codes(Search("harapan jaya", 0)); !slices.Equal(got, []string{"99"}) {
		t.Errorf("Search(harapan jaya) = %v", got)
	}
	if got := Search("jawa", 2); len(got) != 2 {
		t.Errorf("Search(jawa, 2) returned %d results", len(got))
	}
	for _, q := range []string{"", "   ", "zzzz-not-a-region"} {
		if got := Search(q, 10); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want none", q, codes(got))
		}
	}
	// Every result contains the query in its name or code.
	for _, q := range []string{"sel", "ACEH", "71", "kota s"} {
		lq := strings.ToLower(q)
		for _, r := range Search(q, 0) {
			if !strings.Contains(strings.ToLower(r.Name), lq) && !strings.Contains(r.Code, lq) && !strings.Contains(r.KPUCode, lq) {
				t.Errorf("Search(%q) returned %s %s", q, r.Code, r.Name)
			}
		}
	}
}

func TestParseRejectsBadData(t *testing.T) {
	head := strings.Join(wantHeader, ",") + "\n"
	bad := map[string]string{
		"header":        "code,name\n",
		"kpu mismatch":  head + "32,33,Jawa Barat,provinsi,,32,Jawa Barat\n",
		"bad level":     head + "32,32,Jawa Barat,negara,,32,Jawa Barat\n",
		"orphan":        head + "32.16,3216,Kabupaten Bekasi,kabupaten_kota,kabupaten,32,Jawa Barat\n",
		"bad kind":      head + "32,32,Jawa Barat,provinsi,,32,Jawa Barat\n32.16,3216,Kabupaten Bekasi,kabupaten_kota,desa,32,Jawa Barat\n",
		"province name": head + "32,32,Jawa Barat,provinsi,,32,Jawa Barat\n32.16,3216,Kabupaten Bekasi,kabupaten_kota,kabupaten,32,Jabar\n",
		"duplicate":     head + "32,32,Jawa Barat,provinsi,,32,Jawa Barat\n32,32,Jawa Barat,provinsi,,32,Jawa Barat\n",
		"short row":     head + "32,32,Jawa Barat\n",
	}
	for name, data := range bad {
		if _, err := parse(strings.NewReader(data), nil); err == nil {
			t.Errorf("%s: parse succeeded", name)
		}
	}
	if _, err := parse(strings.NewReader(head+"32,32,Jawa Barat,provinsi,,32,Jawa Barat\n"), fictional); err != nil {
		t.Errorf("minimal list: %v", err)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := Lookup("32.16"); !ok {
				t.Error("Lookup failed")
			}
		}()
	}
	wg.Wait()
}
