package violation

import (
	"testing"
	"time"
)

func TestCatalogue(t *testing.T) {
	c := Catalogue()
	if len(c) != 20 {
		t.Fatalf("%d entries", len(c))
	}
	ke, ds := 0, 0
	for _, e := range c {
		switch e.Category {
		case KodeEtik:
			ke++
			if e.Severity != SanksiMoral {
				t.Errorf("%s: %s", e.Code, e.Severity)
			}
		case Disiplin:
			ds++
		}
		if e.Title == "" || e.Sanction == "" || !e.Code.Valid() || e.Code.Title() != e.Title {
			t.Errorf("%s incomplete", e.Code)
		}
		if e.Counterpart != "" {
			if o, ok := Lookup(e.Counterpart); !ok || o.Counterpart != e.Code {
				t.Errorf("%s ↔ %s not symmetric", e.Code, e.Counterpart)
			}
		}
	}
	if ke != 7 || ds != 13 {
		t.Errorf("KE %d DS %d", ke, ds)
	}
	if e, _ := Lookup(DS05); e.Severity != PTDH {
		t.Error("DS-05 is PTDH")
	}
	if Code("XX-01").Valid() {
		t.Error("unknown code valid")
	}
}

func TestSuggest(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	det := time.Date(2024, 9, 22, 0, 0, 0, 0, wib)
	before := time.Date(2024, 9, 21, 23, 59, 0, 0, wib)
	sameDay := time.Date(2024, 9, 22, 8, 0, 0, 0, wib)
	after := time.Date(2024, 10, 2, 19, 4, 0, 0, wib)
	tests := []struct {
		act  time.Time
		kind string
		want Code
	}{
		{before, "like", KE04},
		{before, "share", KE04},
		{before, "photo", KE05},
		{sameDay, "like", DS06},
		{after, "comment", DS06},
		{after, "follow", DS06},
		{after, "join_group", DS06},
		{after, "photo", DS07},
		{after, "post", DS06},
		{time.Time{}, "post", DS06},
	}
	for _, tt := range tests {
		if got := ForSocialMedia(tt.act, det, tt.kind); got != tt.want {
			t.Errorf("ForSocialMedia(%v, %s) = %s, want %s", tt.act, tt.kind, got, tt.want)
		}
	}
	if ForSocialMedia(before, time.Time{}, "like") != DS06 {
		t.Error("unknown penetapan → DS")
	}
	for a, want := range map[Act][2]Code{
		ActCampaign: {KE02, DS02}, ActPartyMember: {DS05, DS05}, ActProps: {KE01, DS01}, ActAttend: {KE03, DS04},
		ActMobilise: {KE06, DS08}, ActTeam: {DS09, DS10}, ActDecision: {DS12, DS12}, ActOther: {DS13, DS13},
	} {
		if got := Suggest(before, det, a); got != want[0] {
			t.Errorf("act %d before: %s", a, got)
		}
		if got := Suggest(after, det, a); got != want[1] {
			t.Errorf("act %d after: %s", a, got)
		}
	}
}
