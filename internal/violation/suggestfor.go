package violation

import (
	"fmt"
	"time"
)

// Phase is the election phase an act falls in.
type Phase string

// The two phases of the SKB's phase rule.
const (
	PhaseBakalCalon Phase = "bakal_calon" // before penetapan: kode etik list
	PhaseCalon      Phase = "calon"       // from penetapan on: disiplin list
)

// Suggestion is what the matrix proposes for an act. The PPK decides: the
// sanction actually imposed and its basis are recorded separately and may
// differ.
type Suggestion struct {
	// Code is the suggested violation code; List is "KE" or "DS".
	Code     Code
	List     string
	Category Category
	// Title and TitleEN describe the act of Code.
	Title, TitleEN string
	// Phase is the phase the act fell in; PhaseAssumed is true when the
	// act's date or the penetapan date was unknown and the calon phase
	// (disiplin list) was assumed.
	Phase        Phase
	PhaseAssumed bool
	// Severity is the level the matrix foresees for Code.
	Severity Severity
	// SanctionOptions are the sanctions the matrix foresees for Code.
	SanctionOptions []Sanction
	// Basis is the legal basis of those sanctions.
	Basis string
	// Note is a disagreement between sources about Code, if any.
	Note string
	// Version is the matrix version the suggestion was made under.
	Version string
}

// SuggestFor suggests the code and sanction options for an act that
// occurred at occurred, in an election whose candidates were determined
// (penetapan) on determinedOn: before that day the kode-etik (KE) code,
// from that day on the disiplin (DS) code (domain-rules §1.2, §2.3). Days
// are compared in each time's own location (pass determinedOn as midnight
// in the election's zone). A zero occurred or determinedOn counts as the
// calon phase, with PhaseAssumed set.
func SuggestFor(a Act, occurred, determinedOn time.Time) Suggestion {
	return suggestion(Suggest(occurred, determinedOn, a), occurred, determinedOn)
}

// SuggestForCode is [SuggestFor] for a code chosen by hand: the code of the
// same act in the list of the act's phase (KE-04 after penetapan → DS-06).
// Codes that belong to one list whatever the date (KE-07, DS-03, DS-05,
// DS-11, DS-12, DS-13) stay as they are. An unknown code is an error.
func SuggestForCode(c Code, occurred, determinedOn time.Time) (Suggestion, error) {
	if !c.Valid() {
		return Suggestion{}, fmt.Errorf("violation: unknown code %q", c)
	}
	if a, ok := ActOf(c); ok {
		return SuggestFor(a, occurred, determinedOn), nil
	}
	return suggestion(c, occurred, determinedOn), nil
}

func suggestion(c Code, occurred, determinedOn time.Time) Suggestion {
	m := current
	e, _ := m.Entry(c)
	s := Suggestion{Code: c, List: e.List(), Category: e.Category, Title: e.Title, TitleEN: e.TitleEN,
		Phase: PhaseBakalCalon, PhaseAssumed: occurred.IsZero() || determinedOn.IsZero(),
		Severity: e.Severity, SanctionOptions: m.SanctionOptions(c), Basis: e.Basis, Note: e.Note, Version: m.Version}
	if IsCandidatePhase(occurred, determinedOn) {
		s.Phase = PhaseCalon
	}
	return s
}
