package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/netral-asn/netral/internal/election"
)

// Pilkada 2024 timetable (KPU; shared/reference/domain-rules.md §1.2).
var (
	pilkadaVote       = election.MustDate("2024-11-27")
	pilkadaDetermined = election.MustDate("2024-09-22")
	pilkadaCampaign   = election.Campaign{Start: election.MustDate("2024-09-25"), End: election.MustDate("2024-11-23")}
)

var numberWords = []string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}

// gestures are the hand signs for a ballot number.
func gestures(n int) []string {
	if n <= 0 || n >= len(numberWords) {
		return nil
	}
	g := []string{"salam " + numberWords[n] + " jari", fmt.Sprintf("salam %d jari", n)}
	switch n {
	case 1:
		g = append(g, "☝️")
	case 2:
		g = append(g, "✌️")
	}
	return g
}

// pilkada2024 builds one election per contest, one JSON object a line,
// ordered by region code.
func pilkada2024(rows []paslon, regions []region, common []string) ([]byte, error) {
	byCode := map[string]region{}
	for _, r := range regions {
		byCode[r.Code] = r
	}
	namer := election.NewNamer(common)
	elections := map[string]*election.Election{}
	var codes []string
	for _, r := range rows {
		reg, ok := byCode[r.Code]
		if !ok {
			return nil, fmt.Errorf("pilkada: unknown region code %q", r.Code)
		}
		e := elections[r.Code]
		if e == nil {
			e = &election.Election{
				ID:           "pilkada-2024-" + r.Code,
				Name:         contestName(reg),
				Type:         election.TypePilkada,
				Region:       &election.Region{Code: reg.Code, Name: strings.TrimSpace(reg.Name)},
				VotingDay:    pilkadaVote,
				Campaign:     &election.Campaign{Start: pilkadaCampaign.Start, End: pilkadaCampaign.End},
				DeterminedOn: pilkadaDetermined,
			}
			if want := map[bool]string{true: "gubernur", false: "bupati_walikota"}[reg.Kind == "provinsi"]; r.Level != want {
				return nil, fmt.Errorf("pilkada: %s: level %q for a %s", r.Code, r.Level, reg.Kind)
			}
			elections[r.Code] = e
			codes = append(codes, r.Code)
		}
		if r.Blank {
			continue // the "kolom kosong" box is no contestant
		}
		f := namer.Pair(r.Head, r.Deputy)
		if len(f.Names) != 2 {
			return nil, fmt.Errorf("pilkada: %s no. %d: cannot read names %q / %q", r.Code, r.Ballot, r.Head, r.Deputy)
		}
		c := &election.Contestant{
			ID:           fmt.Sprintf("%02d", r.Ballot),
			Kind:         election.KindCandidatePair,
			BallotNumber: r.Ballot,
			Names:        f.Names,
			Aliases:      f.Aliases,
			WeakAliases:  f.WeakAliases,
			Hashtags:     f.Hashtags,
			Gestures:     gestures(r.Ballot),
		}
		e.Contestants = append(e.Contestants, c)
	}
	byID := map[string]*election.Election{}
	for _, e := range elections {
		byID[e.ID] = e
	}
	if err := applyOverrides(byID); err != nil {
		return nil, err
	}
	sort.Slice(codes, func(i, j int) bool { return codeLess(codes[i], codes[j]) })
	var buf bytes.Buffer
	pairs := 0
	for _, code := range codes {
		e := elections[code]
		sort.Slice(e.Contestants, func(i, j int) bool { return e.Contestants[i].BallotNumber < e.Contestants[j].BallotNumber })
		if err := election.Validate(e); err != nil {
			return nil, fmt.Errorf("pilkada: %s: %w", e.ID, err)
		}
		pairs += len(e.Contestants)
		b, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if len(codes) != 545 || pairs != 1557 {
		return nil, fmt.Errorf("pilkada: got %d contests and %d pairs, want 545 and 1557", len(codes), pairs)
	}
	return buf.Bytes(), nil
}

// contestName is the official form: "Pemilihan Bupati dan Wakil Bupati
// Bekasi 2024", "Pemilihan Wali Kota dan Wakil Wali Kota Bekasi 2024",
// "Pemilihan Gubernur dan Wakil Gubernur Aceh 2024".
func contestName(r region) string {
	name := strings.TrimSpace(r.Name)
	switch r.Kind {
	case "provinsi":
		return "Pemilihan Gubernur dan Wakil Gubernur " + name + " 2024"
	case "kota":
		name = strings.TrimPrefix(strings.TrimPrefix(name, "Kota Administrasi "), "Kota ")
		return "Pemilihan Wali Kota dan Wakil Wali Kota " + name + " 2024"
	default:
		name = strings.TrimPrefix(strings.TrimPrefix(name, "Kabupaten Administrasi "), "Kabupaten ")
		return "Pemilihan Bupati dan Wakil Bupati " + name + " 2024"
	}
}

// codeLess orders dotted codes numerically, provinces before their kab/kota.
func codeLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] != pb[i] {
			if len(pa[i]) != len(pb[i]) {
				return len(pa[i]) < len(pb[i])
			}
			return pa[i] < pb[i]
		}
	}
	return len(pa) < len(pb)
}
