package election

import (
	"fmt"
	"strings"
)

// Target is one contestant or party of a loaded election under its target
// id "<election id>/<entity id>". Exactly one of Contestant and Party is set.
type Target struct {
	// ID is the target id, e.g. "pilkada-2024-32.16/01" or "pemilu-2024/pkb".
	ID string
	// Election is the election the entity belongs to.
	Election *Election
	// Contestant is the ballot option, or nil for a party.
	Contestant *Contestant
	// Party is the party, or nil for a contestant.
	Party *Party
	// Supporters are the resolved supporting parties of a contestant, in the
	// order listed; references that resolve nowhere are left out.
	Supporters []*Target
	// Supports lists, for a party, the contestants (across all loaded
	// elections) that name it among their supporting parties.
	Supports []*Target
}

// Kind returns the contestant's kind, or KindParty for a party.
func (t *Target) Kind() string {
	if t.Contestant != nil {
		return t.Contestant.Kind
	}
	return KindParty
}

// BallotNumber returns the nomor urut, 0 when unknown.
func (t *Target) BallotNumber() int {
	if t.Contestant != nil {
		return t.Contestant.BallotNumber
	}
	return t.Party.BallotNumber
}

// Label returns a short human-readable name: "Bustami Hamzah – Fadhil
// Rahmi (01)" for a pair, the party's name for a party.
func (t *Target) Label() string {
	if t.Party != nil {
		return t.Party.Name
	}
	c := t.Contestant
	name := strings.Join(c.Names, " – ")
	if name == "" && len(c.Aliases) > 0 {
		name = c.Aliases[0]
	}
	if name == "" {
		name = c.ID
	}
	if c.BallotNumber > 0 {
		name += fmt.Sprintf(" (%02d)", c.BallotNumber)
	}
	return name
}

// Signals carried by a [Term]; they match contract §3 match signals.
const (
	SignalEntity  = "entity"
	SignalSlogan  = "slogan"
	SignalHashtag = "hashtag"
	SignalGesture = "gesture"
	SignalSymbol  = "symbol"
)

// Term is one string whose mention points at a target.
type Term struct {
	// Text is the term as written in the definition.
	Text string
	// Signal is SignalEntity, SignalSlogan, SignalHashtag, SignalGesture or SignalSymbol.
	Signal string
	// Weak marks terms that are not evidence on their own: weak aliases,
	// and names or aliases that are also listed as weak aliases. Gestures
	// shared by several targets are not marked; ambiguity is the
	// scanner's to decide.
	Weak bool
	// Field names where the term came from: "names", "aliases",
	// "weak_aliases", "name", "slogans", "hashtags", "gestures", "symbols".
	Field string
}

// Terms lists every term of the target: names and aliases (entity),
// weak aliases (entity, Weak), slogans, hashtags, gestures and symbols.
// A name or alias that also appears in weak_aliases is Weak. Empty strings
// are skipped; duplicates (same signal, any case) are kept once.
func (t *Target) Terms() []Term {
	var out []Term
	seen := map[string]bool{}
	weakSet := map[string]bool{}
	add := func(list []string, signal, field string, weak bool) {
		for _, s := range list {
			s = strings.TrimSpace(s)
			k := signal + "\x00" + strings.ToLower(s)
			if s == "" || seen[k] {
				continue
			}
			seen[k] = true
			w := weak || signal == SignalEntity && weakSet[strings.ToLower(s)]
			out = append(out, Term{Text: s, Signal: signal, Weak: w, Field: field})
		}
	}
	mark := func(list []string) {
		for _, s := range list {
			weakSet[strings.ToLower(strings.TrimSpace(s))] = true
		}
	}
	if c := t.Contestant; c != nil {
		mark(c.WeakAliases)
		add(c.Names, SignalEntity, "names", false)
		add(c.Aliases, SignalEntity, "aliases", false)
		add(c.WeakAliases, SignalEntity, "weak_aliases", true)
		add(c.Slogans, SignalSlogan, "slogans", false)
		add(c.Hashtags, SignalHashtag, "hashtags", false)
		add(c.Gestures, SignalGesture, "gestures", false)
		return out
	}
	p := t.Party
	mark(p.WeakAliases)
	add([]string{p.Name}, SignalEntity, "name", false)
	add(p.Aliases, SignalEntity, "aliases", false)
	add(p.WeakAliases, SignalEntity, "weak_aliases", true)
	add(p.Hashtags, SignalHashtag, "hashtags", false)
	add(p.Symbols, SignalSymbol, "symbols", false)
	return out
}

// Set is the resolved view of loaded elections: every contestant and party
// as a [Target], supporting parties resolved. A Set is read-only after
// [NewSet] and safe for concurrent use.
type Set struct {
	elections []*Election
	byElec    map[string]*Election
	targets   []*Target
	byID      map[string]*Target
}

// NewSet resolves elections into a Set. Each supporting_parties entry is
// resolved as follows: a full target id ("pemilu-2024/pkb") names exactly
// that party; a bare id ("pkb") is looked up first among the contestant's
// own election's parties, then among the parties of every other election
// in the order given (the first match wins). References that resolve
// nowhere become warnings. Duplicate election ids are not checked here
// ([Load] does); the first one wins.
func NewSet(elections []*Election) (*Set, []Warning) {
	s := &Set{
		elections: elections,
		byElec:    make(map[string]*Election, len(elections)),
		byID:      make(map[string]*Target),
	}
	var warns []Warning
	partyByBare := map[string]*Target{} // first party with that id, over all elections
	for _, e := range elections {
		if _, dup := s.byElec[e.ID]; dup {
			continue
		}
		s.byElec[e.ID] = e
		for _, c := range e.Contestants {
			s.add(&Target{ID: e.ID + "/" + c.ID, Election: e, Contestant: c})
		}
		for _, p := range e.Parties {
			t := &Target{ID: e.ID + "/" + p.ID, Election: e, Party: p}
			s.add(t)
			if _, ok := partyByBare[p.ID]; !ok {
				partyByBare[p.ID] = t
			}
		}
	}
	for _, t := range s.targets {
		c := t.Contestant
		if c == nil {
			continue
		}
		for i, ref := range c.SupportingParties {
			p := s.resolveParty(t.Election, ref, partyByBare)
			if p == nil {
				warns = append(warns, Warning{
					File:     t.Election.source,
					Election: t.Election.ID,
					Field:    fmt.Sprintf("contestants[%s].supporting_parties[%d]", c.ID, i),
					Message:  fmt.Sprintf("unknown party %q (no loaded election defines it)", ref),
				})
				continue
			}
			t.Supporters = append(t.Supporters, p)
			p.Supports = append(p.Supports, t)
		}
	}
	return s, warns
}

func (s *Set) add(t *Target) {
	if _, dup := s.byID[t.ID]; dup {
		return
	}
	s.byID[t.ID] = t
	s.targets = append(s.targets, t)
}

func (s *Set) resolveParty(own *Election, ref string, bare map[string]*Target) *Target {
	ref = strings.TrimSpace(ref)
	if strings.Contains(ref, "/") {
		if t := s.byID[ref]; t != nil && t.Party != nil {
			return t
		}
		return nil
	}
	if t := s.byID[own.ID+"/"+ref]; t != nil && t.Party != nil {
		return t
	}
	return bare[ref]
}

// Elections returns the elections in load order.
func (s *Set) Elections() []*Election { return s.elections }

// Election returns the election with the given id, or nil.
func (s *Set) Election(id string) *Election { return s.byElec[id] }

// Targets returns every contestant and party, election by election,
// contestants before parties.
func (s *Set) Targets() []*Target { return s.targets }

// Target returns the target with the given id ("pemilu-2024/02"), or nil.
func (s *Set) Target(id string) *Target { return s.byID[id] }

// Contestants returns the contestant targets of one election, in order.
func (s *Set) Contestants(electionID string) []*Target {
	var out []*Target
	e := s.byElec[electionID]
	if e == nil {
		return nil
	}
	for _, c := range e.Contestants {
		out = append(out, s.byID[e.ID+"/"+c.ID])
	}
	return out
}

// ByBallotNumber returns the contestant of election electionID with ballot
// number n, or nil.
func (s *Set) ByBallotNumber(electionID string, n int) *Target {
	e := s.byElec[electionID]
	if e == nil || n <= 0 {
		return nil
	}
	for _, c := range e.Contestants {
		if c.BallotNumber == n {
			return s.byID[e.ID+"/"+c.ID]
		}
	}
	return nil
}
