// Package election holds election definitions: the contests, candidates,
// parties and campaign cues whose mention can signal a civil servant's
// partisanship (shared/contracts/scan.md §1).
//
// Definitions come from JSON files ([Load], [Parse]) or from the built-in
// reference data ([Builtin], [ForRegion]): Pemilu 2024 and every Pilkada
// 2024 contest. A [Set] is the resolved view the scanner works with: every
// contestant and party under its target id, supporting parties resolved.
package election

import (
	"time"
)

// Election types (the "type" field).
const (
	TypePilpres = "pilpres" // presidential (and, for Pemilu 2024, the simultaneous legislative) election
	TypePileg   = "pileg"   // legislative election
	TypePilkada = "pilkada" // regional head election
	TypeOther   = "other"   // anything else
)

// Contestant kinds (the "contestants[].kind" field).
const (
	KindCandidatePair = "candidate_pair" // a pair such as governor + vice-governor
	KindCandidate     = "candidate"      // a single candidate
	KindParty         = "party"          // a party on the ballot as a contestant
)

// Election is one contest and everything whose mention can signal
// partisanship in it (contract §1). Optional fields are nil or zero when
// absent.
type Election struct {
	// ID identifies the election; target ids start with it.
	ID string `json:"id"`
	// Name is the official, human-readable name.
	Name string `json:"name"`
	// Type is one of TypePilpres, TypePileg, TypePilkada, TypeOther.
	Type string `json:"type"`
	// Region is the area the election is held in (optional).
	Region *Region `json:"region,omitempty"`
	// VotingDay is the day of the vote.
	VotingDay Date `json:"voting_day"`
	// Campaign is the official campaign period (optional).
	Campaign *Campaign `json:"campaign,omitempty"`
	// DeterminedOn is the day the authority determined the candidates
	// (penetapan); before it they are bakal calon (optional).
	DeterminedOn Date `json:"determined_on,omitzero"`
	// Contestants are the options on the ballot; at least one.
	Contestants []*Contestant `json:"contestants"`
	// Parties are parties that contestants' supporting_parties may name (optional).
	Parties []*Party `json:"parties,omitempty"`

	source string // file the election was read from, or "builtin"
}

// Source reports where the election was read from: a file name, the name
// given to [Parse], or "builtin".
func (e *Election) Source() string { return e.source }

// Region is the administrative area of an election.
type Region struct {
	// Code is the Kemendagri region code, dotted ("32.16"); "00" for Indonesia.
	Code string `json:"code"`
	// Name is the region's name ("Kabupaten Bekasi").
	Name string `json:"name"`
}

// Campaign is an inclusive date range.
type Campaign struct {
	// Start is the first campaign day.
	Start Date `json:"start"`
	// End is the last campaign day.
	End Date `json:"end"`
}

// Contains reports whether t falls on a day from Start to End inclusive,
// the days being taken in t's own location.
func (c *Campaign) Contains(t time.Time) bool {
	if c == nil || c.Start.IsZero() || c.End.IsZero() {
		return false
	}
	d := DateOf(t)
	return !d.Before(c.Start) && !c.End.Before(d)
}

// Contestant is one ballot option: a candidate pair, a candidate or a party.
type Contestant struct {
	// ID is unique within the election ("01").
	ID string `json:"id"`
	// Kind is one of KindCandidatePair, KindCandidate, KindParty.
	Kind string `json:"kind"`
	// BallotNumber is the nomor urut (optional, 0 when absent).
	BallotNumber int `json:"ballot_number,omitempty"`
	// Names are the candidates' clean full names, head of the ticket first.
	Names []string `json:"names"`
	// Aliases are other names specific enough to be evidence on their own.
	Aliases []string `json:"aliases,omitempty"`
	// WeakAliases are name forms too common to count on their own (a bare
	// "Ahmad", a surname shared by many); a scanner should count them only
	// next to other evidence. Extension of contract §1 (optional).
	WeakAliases []string `json:"weak_aliases,omitempty"`
	// Slogans are campaign slogans.
	Slogans []string `json:"slogans,omitempty"`
	// Hashtags are campaign hashtags, with the leading '#'.
	Hashtags []string `json:"hashtags,omitempty"`
	// Gestures are hand signs and emoji associated with the contestant.
	Gestures []string `json:"gestures,omitempty"`
	// SupportingParties are party ids: bare ("pkb") or full target ids
	// ("pemilu-2024/pkb"); see [NewSet] for resolution.
	SupportingParties []string `json:"supporting_parties,omitempty"`
}

// Party is a political party that contestants may be supported by.
type Party struct {
	// ID is unique within the election ("pkb").
	ID string `json:"id"`
	// BallotNumber is the party's nomor urut (optional).
	BallotNumber int `json:"ballot_number,omitempty"`
	// Name is the official name.
	Name string `json:"name"`
	// Aliases are abbreviations and other names that identify the party.
	Aliases []string `json:"aliases,omitempty"`
	// WeakAliases are names that are also ordinary words ("Gelora",
	// "Buruh"); count them only next to other evidence. Extension of
	// contract §1 (optional).
	WeakAliases []string `json:"weak_aliases,omitempty"`
	// Symbols describe the party's emblem as people write it ("banteng
	// moncong putih"). Extension of contract §1 (optional).
	Symbols []string `json:"symbols,omitempty"`
	// Hashtags are party hashtags, with the leading '#'. Extension of
	// contract §1 (optional).
	Hashtags []string `json:"hashtags,omitempty"`
}
