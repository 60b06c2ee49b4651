package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/election"
)

// partyExtra enriches a row of parties_pemilu2024.csv (keyed by its
// singkatan) with the id, aliases, weak aliases and symbols people write.
type partyExtra struct {
	id      string
	aliases []string
	weak    []string // names that are also ordinary words
	symbols []string
}

var partyExtras = map[string]partyExtra{
	"PKB":          {"pkb", []string{"PKB", "Partai Kebangkitan Bangsa", "Partai PKB"}, nil, []string{"bola dunia bintang sembilan"}},
	"Gerindra":     {"gerindra", []string{"Gerindra", "Partai Gerindra", "Partai Gerakan Indonesia Raya"}, nil, []string{"kepala burung garuda"}},
	"PDI-P":        {"pdip", []string{"PDI Perjuangan", "PDI-P", "PDIP", "PDI-Perjuangan", "PDI P", "Partai Banteng", "Partai Moncong Putih"}, []string{"Banteng"}, []string{"banteng moncong putih", "kepala banteng", "moncong putih"}},
	"Golkar":       {"golkar", []string{"Golkar", "Partai Golkar", "Partai Golongan Karya", "Partai Beringin"}, []string{"Beringin"}, []string{"pohon beringin"}},
	"NasDem":       {"nasdem", []string{"NasDem", "Partai NasDem", "Partai Nasional Demokrat", "Nasional Demokrat"}, nil, nil},
	"Partai Buruh": {"buruh", []string{"Partai Buruh"}, []string{"Buruh"}, nil},
	"Gelora":       {"gelora", []string{"Partai Gelora", "Partai Gelora Indonesia", "Partai Gelombang Rakyat Indonesia"}, []string{"Gelora"}, nil},
	"PKS":          {"pks", []string{"PKS", "Partai Keadilan Sejahtera", "Partai PKS"}, nil, []string{"bulan sabit kembar"}},
	"PKN":          {"pkn", []string{"Partai Kebangkitan Nusantara", "Partai PKN"}, []string{"PKN"}, nil},
	"Hanura":       {"hanura", []string{"Hanura", "Partai Hanura", "Partai Hati Nurani Rakyat"}, nil, nil},
	"Garuda":       {"garuda", []string{"Partai Garuda", "Partai Garda Republik Indonesia", "Partai Garda Perubahan Indonesia", "Partai Gerakan Perubahan Indonesia"}, []string{"Garuda"}, nil},
	"PAN":          {"pan", []string{"PAN", "Partai Amanat Nasional", "Partai PAN"}, nil, []string{"matahari putih"}},
	"PBB":          {"pbb", []string{"PBB", "Partai Bulan Bintang", "Partai PBB"}, nil, []string{"bulan bintang"}},
	"Demokrat":     {"demokrat", []string{"Demokrat", "Partai Demokrat"}, nil, []string{"bintang mercy"}},
	"PSI":          {"psi", []string{"PSI", "Partai Solidaritas Indonesia", "Partai PSI"}, nil, []string{"mawar merah"}},
	"Perindo":      {"perindo", []string{"Perindo", "Partai Perindo", "Partai Persatuan Indonesia"}, nil, []string{"rajawali"}},
	"PPP":          {"ppp", []string{"PPP", "Partai Persatuan Pembangunan", "Partai Ka'bah"}, nil, []string{"ka'bah"}},
	"PNA":          {"pna", []string{"PNA", "Partai Nanggroe Aceh", "Partai Nanggroe Atjeh"}, nil, nil},
	"Gabthat":      {"gabthat", []string{"Gabthat", "Partai Gabthat", "Partai Geuneurasi Atjeh Beusaboh Tha'at dan Taqwa", "Partai Generasi Atjeh Beusaboh Thaat dan Taqwa"}, nil, nil},
	"PDA":          {"pda", []string{"PDA", "Partai Darul Aceh"}, nil, nil},
	"PA":           {"pa", []string{"Partai Aceh"}, []string{"PA"}, nil},
	"PAS Aceh":     {"pas", []string{"PAS Aceh", "Partai PAS Aceh", "Partai Adil Sejahtera Aceh"}, nil, nil},
	"SIRA":         {"sira", []string{"Partai SIRA", "SIRA", "Partai Soliditas Independen Rakyat Aceh"}, nil, nil},
	"Ummat":        {"ummat", []string{"Partai Ummat"}, []string{"Ummat"}, nil},
}

// pairExtra enriches a presidential pair of presidential_pairs.csv.
type pairExtra struct {
	names    []string // the names as commonly written
	aliases  []string
	weak     []string
	slogans  []string
	hashtags []string
	gestures []string
}

// pairExtras are keyed by ballot number. The aliases, slogans, hashtags
// and gestures follow shared/data/screening-dev/pemilu-2024.json and
// shared/reference/domain-rules.md §6.2–6.3.
var pairExtras = map[int]pairExtra{
	1: {
		names: []string{"Anies Baswedan", "Muhaimin Iskandar"},
		aliases: []string{"AMIN", "Anies-Muhaimin", "Anies-Imin", "Anies-Cak Imin", "Anies", "Muhaimin", "Cak Imin", "Gus Imin",
			"Abah Anies", "Pak Anies", "Anies Rasyid Baswedan", "Abdul Muhaimin Iskandar", "Timnas AMIN", "Koalisi Perubahan"},
		slogans:  []string{"Perubahan", "Indonesia Adil Makmur untuk Semua", "Koalisi Perubahan", "AMIN Aja Dulu", "Wakanda No More"},
		hashtags: []string{"#AMIN", "#AniesMuhaimin2024", "#AniesMuhaimin", "#AMINAjaDulu", "#AniesPresiden2024", "#AniesImin"},
		gestures: []string{"salam satu jari", "salam 1 jari", "☝️", "salam empat jari", "salam 4 jari"},
	},
	2: {
		names: []string{"Prabowo Subianto", "Gibran Rakabuming Raka"},
		aliases: []string{"Prabowo-Gibran", "Prabowo Gibran", "Prabowo", "Gibran", "Pak Prabowo", "Mas Gibran", "Gibran Rakabuming",
			"TKN Prabowo-Gibran", "Koalisi Indonesia Maju", "Prabowo Subianto Djojohadikusumo"},
		weak:     []string{"Gemoy", "Wowo", "KIM"},
		slogans:  []string{"Indonesia Maju", "Bersama Indonesia Maju", "Oke Gas", "Lanjutkan", "Keberlanjutan", "Pemilu Riang Gembira"},
		hashtags: []string{"#PrabowoGibran2024", "#PrabowoGibran", "#PrabowoGibranSatuPutaran", "#02MelanjutkanIndonesiaMaju"},
		gestures: []string{"salam dua jari", "salam 2 jari", "✌️", "joget gemoy"},
	},
	3: {
		names: []string{"Ganjar Pranowo", "Mahfud MD"},
		aliases: []string{"Ganjar-Mahfud", "GAMA", "Ganjar", "Mahfud", "Pak Ganjar", "Prof Mahfud", "TPN Ganjar-Mahfud",
			"Mohammad Mahfud MD", "Ganjar Mahfud"},
		slogans:  []string{"Sat-Set", "Sat Set", "Menuju Indonesia Unggul", "Gerak Cepat Menuju Indonesia Unggul", "Cepat dan Unggul", "Tiga Jari Tiga Janji"},
		hashtags: []string{"#GanjarMahfud2024", "#GanjarMahfud", "#GaMa"},
		gestures: []string{"salam tiga jari", "salam 3 jari", "salam empat jari", "salam 4 jari"},
	},
}

// pemilu2024 builds Pemilu 2024 from pemilu-reference: 24 parties and the
// three presidential pairs, indented for review.
func pemilu2024(dir string) ([]byte, error) {
	e := &election.Election{
		ID:        "pemilu-2024",
		Name:      "Pemilu Presiden dan Legislatif 2024",
		Type:      election.TypePilpres,
		Region:    &election.Region{Code: "00", Name: "Indonesia"},
		VotingDay: election.MustDate("2024-02-14"),
		Campaign:  &election.Campaign{Start: election.MustDate("2023-11-28"), End: election.MustDate("2024-02-10")},
		// Penetapan of the presidential pairs; parties were determined on 2022-12-14.
		DeterminedOn: election.MustDate("2023-11-13"),
	}
	parties, err := readCSV(filepath.Join(dir, "parties_pemilu2024.csv"))
	if err != nil {
		return nil, err
	}
	idByAbbrev := map[string]string{}
	for _, m := range parties {
		x, ok := partyExtras[m["singkatan"]]
		if !ok {
			return nil, fmt.Errorf("pemilu-2024: no partyExtras entry for %q", m["singkatan"])
		}
		n, err := strconv.Atoi(m["nomor_urut"])
		if err != nil {
			return nil, fmt.Errorf("pemilu-2024: %s: nomor_urut %q", m["singkatan"], m["nomor_urut"])
		}
		idByAbbrev[strings.ToLower(m["singkatan"])] = x.id
		e.Parties = append(e.Parties, &election.Party{
			ID: x.id, BallotNumber: n, Name: m["nama_lengkap"],
			Aliases: x.aliases, WeakAliases: x.weak, Symbols: x.symbols,
		})
	}
	if len(e.Parties) != 24 {
		return nil, fmt.Errorf("pemilu-2024: %d parties, want 24", len(e.Parties))
	}
	pairs, err := readCSV(filepath.Join(dir, "presidential_pairs.csv"))
	if err != nil {
		return nil, err
	}
	for _, m := range pairs {
		if m["pemilu"] != "2024" {
			continue
		}
		n, err := strconv.Atoi(m["nomor_urut"])
		if err != nil {
			return nil, fmt.Errorf("pemilu-2024: pair nomor_urut %q", m["nomor_urut"])
		}
		x, ok := pairExtras[n]
		if !ok {
			return nil, fmt.Errorf("pemilu-2024: no pairExtras for %d", n)
		}
		aliases := x.aliases
		for _, full := range []string{m["calon_presiden"], m["calon_wakil_presiden"], m["singkatan_umum"]} {
			if full != "" && !contains(x.names, full) && !contains(aliases, full) {
				aliases = append(aliases, full)
			}
		}
		c := &election.Contestant{
			ID: fmt.Sprintf("%02d", n), Kind: election.KindCandidatePair, BallotNumber: n,
			Names: x.names, Aliases: aliases, WeakAliases: x.weak,
			Slogans: x.slogans, Hashtags: x.hashtags, Gestures: x.gestures,
		}
		for _, p := range strings.Split(m["partai_pengusung"], ";") {
			id, ok := idByAbbrev[strings.ToLower(strings.TrimSpace(p))]
			if !ok {
				return nil, fmt.Errorf("pemilu-2024: pair %d: unknown party %q", n, p)
			}
			c.SupportingParties = append(c.SupportingParties, id)
		}
		if n == 1 {
			c.SupportingParties = append(c.SupportingParties, "ummat") // domain-rules §6.2: "+ Partai Ummat"
		}
		e.Contestants = append(e.Contestants, c)
	}
	if len(e.Contestants) != 3 {
		return nil, fmt.Errorf("pemilu-2024: %d pairs, want 3", len(e.Contestants))
	}
	if err := election.Validate(e); err != nil {
		return nil, fmt.Errorf("pemilu-2024: %w", err)
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
