package screen

import (
	"sync"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// Threshold is the score from which a record is flagged.
const Threshold = 0.5

// Options configure [New]. The zero value is ready to use.
type Options struct{}

// voteKey is a voting day shared by some elections.
type voteKey struct {
	day, month int
	elecs      []int
}

// Screener screens activity records against a set of elections. Build one
// with [New]; it is read-only afterwards and safe for concurrent use.
type Screener struct {
	set      *election.Set
	norm     *normalize.Normalizer
	lex      *lexicon
	targets  []target
	elecs    []elecInfo
	byNumber map[int][]int32 // contestants by ballot number
	voteKeys []voteKey       // voting days of the elections
	pool     sync.Pool
}

// New compiles the screener for the elections of set.
func New(set *election.Set, opt Options) (*Screener, error) {
	s := &Screener{set: set}
	if err := s.buildLexicon(); err != nil {
		return nil, err
	}
	s.byNumber = map[int][]int32{}
	for ti, tg := range s.targets {
		if !tg.party && tg.ballot > 0 {
			s.byNumber[tg.ballot] = append(s.byNumber[tg.ballot], int32(ti))
		}
	}
	for ei := range s.elecs {
		e := &s.elecs[ei]
		if e.voteDay == 0 {
			continue
		}
		found := false
		for k := range s.voteKeys {
			if v := &s.voteKeys[k]; v.day == e.voteDay && v.month == e.voteMonth {
				v.elecs = append(v.elecs, ei)
				found = true
			}
		}
		if !found {
			s.voteKeys = append(s.voteKeys, voteKey{day: e.voteDay, month: e.voteMonth, elecs: []int{ei}})
		}
	}
	s.pool.New = func() any { return new(state) }
	return s, nil
}

// Set returns the elections the screener was built for.
func (s *Screener) Set() *election.Set { return s.set }

// Patterns returns the number of distinct normalised patterns compiled.
func (s *Screener) Patterns() int { return len(s.lex.patterns) }

// MatcherInfo describes the compiled automaton.
func (s *Screener) MatcherInfo() string { return s.lex.dfa.String() }

// Terms returns every name, alias, slogan and hashtag of the targets as
// written in the definitions (for exporting a term list); weak aliases,
// too common to be evidence alone, are left out.
func (s *Screener) Terms() []string {
	seen := map[string]bool{}
	var out []string
	for _, tg := range s.targets {
		for _, t := range tg.t.Terms() {
			switch t.Signal {
			case election.SignalEntity, election.SignalSlogan, election.SignalHashtag:
				if !seen[t.Text] && !t.Weak {
					seen[t.Text] = true
					out = append(out, t.Text)
				}
			}
		}
	}
	return out
}

// Screen screens one record. A record that fails [Record.Validate] yields
// a Result with Error set.
func (s *Screener) Screen(rec *Record) Result {
	if err := rec.Validate(); err != nil {
		return Result{ID: rec.ID, Error: err.Error(), hasID: rec.ID != ""}
	}
	st := s.pool.Get().(*state)
	res := s.screen(st, rec)
	s.pool.Put(st)
	return res
}
