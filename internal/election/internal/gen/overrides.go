package main

import (
	"fmt"
	"strings"

	"github.com/netral-asn/netral/internal/election"
)

// override adds the well-known names of a high-profile pair that the
// derivation cannot find (acronyms, nicknames) or marks weak because its
// words are common ("Dedi Mulyadi"). must is a word that must occur in the
// pair's names, so that a changed ballot order fails loudly.
type override struct {
	election, contestant string
	must                 string
	aliases              []string
	hashtags             []string
}

var overrides = []override{
	{"pilkada-2024-11", "02", "Muzakir", []string{"Mualem", "Dek Fadh", "Mualem-Dek Fadh", "Mualem-Fadhlullah"}, nil},
	{"pilkada-2024-12", "01", "Bobby", []string{"Bobby Nasution", "Bobby Afif Nasution", "Bobby-Surya"}, nil},
	{"pilkada-2024-12", "02", "Rahmayadi", []string{"Edy Rahmayadi", "Edy-Hasan"}, nil},
	{"pilkada-2024-31", "01", "Ridwan", []string{"RIDO", "Ridwan Kamil", "Ridwan Kamil-Suswono", "RK-Suswono", "Kang Emil"}, []string{"#RIDO"}},
	{"pilkada-2024-31", "02", "Pongrekun", []string{"Dharma Pongrekun", "Kun Wardana", "Dharma-Kun"}, nil},
	{"pilkada-2024-31", "03", "Pramono", []string{"Pramono Anung", "Mas Pram", "Bang Doel", "Pramono-Doel"}, nil},
	{"pilkada-2024-32", "03", "Syaikhu", []string{"ASIH", "Ahmad Syaikhu", "Syaikhu-Ilham Habibie"}, nil},
	{"pilkada-2024-32", "04", "Mulyadi", []string{"Dedi Mulyadi", "KDM", "Kang Dedi Mulyadi", "Kang Dedi", "Dedi Mulyadi-Erwan"}, nil},
	{"pilkada-2024-33", "01", "Andika", []string{"Andika Perkasa", "Andika-Hendi", "Mas Hendi"}, nil},
	{"pilkada-2024-33", "02", "Luthfi", []string{"Ahmad Luthfi", "Taj Yasin", "Gus Yasin", "Luthfi-Yasin"}, nil},
	{"pilkada-2024-35", "03", "Rismaharini", []string{"Risma", "Bu Risma", "Gus Hans", "Risma-Gus Hans", "Risma-Hans"}, nil},
	{"pilkada-2024-73", "02", "Sudirman", []string{"Andi Sudirman", "Andi Sudirman Sulaiman", "Sudirman-Fatmawati"}, nil},
}

// applyOverrides merges the overrides into the contests; every override
// must find its pair.
func applyOverrides(byID map[string]*election.Election) error {
	for _, o := range overrides {
		e := byID[o.election]
		if e == nil {
			return fmt.Errorf("override: no election %s", o.election)
		}
		var c *election.Contestant
		for _, x := range e.Contestants {
			if x.ID == o.contestant {
				c = x
			}
		}
		if c == nil || !strings.Contains(strings.Join(c.Names, " "), o.must) {
			return fmt.Errorf("override: %s/%s is not the pair with %q", o.election, o.contestant, o.must)
		}
		for _, a := range o.aliases {
			if !contains(c.Aliases, a) && !contains(c.Names, a) {
				c.Aliases = append(c.Aliases, a)
			}
		}
		c.WeakAliases = without(c.WeakAliases, o.aliases)
		for _, h := range o.hashtags {
			if !contains(c.Hashtags, h) {
				c.Hashtags = append(c.Hashtags, h)
			}
		}
	}
	return nil
}

func without(list, drop []string) []string {
	var out []string
	for _, x := range list {
		if !contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}
