package cases

import (
	"time"

	"github.com/netral-asn/netral/internal/violation"
)

// Sanction is one sanction the PPK may impose (the catalogue of package
// violation: SM-TTP, SM-TBK, HD-R1..3, HD-S6/9/12, HD-B1..3, PTDH, LAINNYA).
type Sanction = violation.Sanction

// Suggestion is what the SKB 2022 matrix suggests for a case: the code
// (KE-xx before the candidates' determination, DS-xx from it on) and the
// sanction options. The PPK decides; the suggestion is kept, as JSON, next
// to the decision.
type Suggestion struct {
	Code         string   `json:"code"`
	List         string   `json:"list"`     // KE or DS
	Category     string   `json:"category"` // kode_etik or disiplin
	Title        string   `json:"title"`
	TitleEN      string   `json:"title_en"`
	Phase        string   `json:"phase"`         // bakal_calon or calon
	PhaseAssumed bool     `json:"phase_assumed"` // a date was unknown: the calon phase was assumed
	Sanctions    []string `json:"sanctions"`     // ids of the sanction options
	Basis        string   `json:"basis"`
	Note         string   `json:"note,omitempty"`
	Version      string   `json:"version"`
}

// Law is the versioned matrix and sanction catalogue.
type Law interface {
	// Suggest returns the suggestion for an act of kind actKind (see
	// [ActKinds]) done on act regarding an election whose candidates were
	// determined on determinedOn; ok is false for an unknown kind.
	Suggest(act, determinedOn time.Time, actKind string) (s Suggestion, ok bool)
	// Sanctions is the sanction catalogue.
	Sanctions() []Sanction
}

// ActKinds returns the kinds of act the matrix distinguishes (the keys of
// violation.Acts, in display order).
func ActKinds() []string {
	var out []string
	for _, a := range violation.Acts() {
		out = append(out, a.Key)
	}
	return out
}

// ActKindOfReport maps the act a public report names (reports.Acts) to the
// matrix's act kind.
func ActKindOfReport(act string) string {
	switch act {
	case "party":
		return "party_member"
	case "facility":
		return "decision" // using state facilities: an action favouring a candidate (DS-12)
	}
	if validActKind(act) {
		return act
	}
	return ""
}

func validActKind(k string) bool {
	_, ok := violation.ParseAct(k)
	return ok && k != ""
}

// MatrixLaw is the SKB 2022 matrix in force in package violation.
type MatrixLaw struct{}

// Sanctions implements [Law].
func (MatrixLaw) Sanctions() []Sanction { return violation.Sanctions() }

// Suggest implements [Law].
func (MatrixLaw) Suggest(act, determinedOn time.Time, actKind string) (Suggestion, bool) {
	a, ok := violation.ParseAct(actKind)
	if !ok {
		return Suggestion{}, false
	}
	v := violation.SuggestFor(a, act, determinedOn)
	s := Suggestion{Code: string(v.Code), List: v.List, Category: string(v.Category), Title: v.Title, TitleEN: v.TitleEN,
		Phase: string(v.Phase), PhaseAssumed: v.PhaseAssumed, Basis: v.Basis, Note: v.Note, Version: v.Version,
		Sanctions: []string{}}
	for _, x := range v.SanctionOptions {
		s.Sanctions = append(s.Sanctions, x.ID)
	}
	return s, true
}

// ValidSanction reports whether id is NotProven or a sanction of law.
func ValidSanction(law Law, id string) bool {
	if id == NotProven {
		return true
	}
	_, ok := SanctionOf(law, id)
	return ok
}

// SanctionOf returns the sanction with id.
func SanctionOf(law Law, id string) (Sanction, bool) {
	for _, s := range law.Sanctions() {
		if s.ID == id {
			return s, true
		}
	}
	return Sanction{}, false
}
