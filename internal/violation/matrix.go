package violation

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"
)

// The SKB 2022 matrix as versioned data: codes, the act of each, the
// sanctions the PPK may impose and their legal basis, the plain-language
// acts a reporter chooses from. A later reproduction (or a new SKB) is a new
// file with a new version or revision; records store the version they were
// suggested under.
//
//go:embed data/skb-2022.json
var skb2022JSON []byte

// SanctionLevel is the level of a sanction the PPK can record.
type SanctionLevel string

// Sanction levels. The SKB matrix uses the moral, sedang, berat and PTDH
// levels; ringan and lainnya exist so that the sanction actually imposed can
// be recorded when it differs from the matrix (domain-rules §1.3, §1.7).
const (
	LevelMoralTertutup SanctionLevel = "moral_tertutup" // PP 42/2004 Ps. 15: pernyataan secara tertutup
	LevelMoralTerbuka  SanctionLevel = "moral_terbuka"  // PP 42/2004 Ps. 15: pernyataan secara terbuka
	LevelRingan        SanctionLevel = "ringan"         // PP 94/2021 Ps. 8 ayat (2): not in the matrix
	LevelSedang        SanctionLevel = "sedang"         // PP 94/2021 Ps. 8 ayat (3)
	LevelBerat         SanctionLevel = "berat"          // PP 94/2021 Ps. 8 ayat (4)
	LevelPTDH          SanctionLevel = "ptdh"           // UU 20/2023 Ps. 52 ayat (3) huruf j
	LevelOther         SanctionLevel = "lainnya"        // another sanction, basis given by the PPK
)

// Sanction is one sanction the PPK can impose and record.
type Sanction struct {
	// ID is the stable identifier stored with a decision: "SM-TTP",
	// "SM-TBK", "HD-R1".."HD-R3", "HD-S6", "HD-S9", "HD-S12", "HD-B1",
	// "HD-B2", "HD-B3", "PTDH" or "LAINNYA" (codes of domain-rules §1.3).
	ID string
	// LabelID and LabelEN describe it in Bahasa Indonesia and English.
	LabelID, LabelEN string
	// Severity is its level.
	Severity SanctionLevel
	// Basis is its legal basis, in Indonesian.
	Basis string
	// Months is its duration (sedang: 6/9/12; berat demotion or release:
	// 12), 0 when it has none.
	Months int
	// InMatrix is false for sanctions the SKB matrix does not foresee
	// (hukuman disiplin ringan, other sanctions).
	InMatrix bool
	// PPPK notes how it applies to a PPPK, when the sources say.
	PPPK string
}

// Label returns the description in lang ("id" or "en").
func (s Sanction) Label(lang string) string {
	if lang == "en" {
		return s.LabelEN
	}
	return s.LabelID
}

// ActInfo is one plain-language act a reporter or handler chooses from,
// with the codes it maps to before and after the candidates' determination.
type ActInfo struct {
	Act              Act
	Key              string // stable form value, e.g. "interact"
	LabelID, LabelEN string
	BeforeCode       Code // before penetapan (bakal calon): usually a KE code
	AfterCode        Code // from penetapan (calon): a DS code
}

// Label returns the description in lang ("id" or "en").
func (a ActInfo) Label(lang string) string {
	if lang == "en" {
		return a.LabelEN
	}
	return a.LabelID
}

// MatrixVersion is one version of the SKB matrix.
type MatrixVersion struct {
	// Version identifies the instrument ("skb-2022"); Revision counts the
	// corrections of this reproduction of it.
	Version  string
	Revision int
	// Instrument is the full title and numbers of the decree.
	Instrument string
	// Effective is the day the instrument was signed (22 September 2022).
	Effective time.Time
	// Basis is the legal basis text.
	Basis string
	// PhaseRule states the rule that picks the list (domain-rules §1.2, §2.3).
	PhaseRule string
	// PPPK says how the sanctions apply to PPPK, as far as the sources say.
	PPPK string
	// Notes are the known discrepancies between sources (domain-rules §1.7).
	Notes []string

	entries   []Entry
	byCode    map[Code]int
	sanctions []Sanction
	byID      map[string]int
	acts      []ActInfo
}

// Entries returns the codes, KE-01..07 then DS-01..13.
func (m *MatrixVersion) Entries() []Entry {
	out := make([]Entry, len(m.entries))
	for i, e := range m.entries {
		e.SanctionIDs = append([]string(nil), e.SanctionIDs...)
		out[i] = e
	}
	return out
}

// Entry returns the entry of a code.
func (m *MatrixVersion) Entry(c Code) (Entry, bool) {
	i, ok := m.byCode[c]
	if !ok {
		return Entry{}, false
	}
	e := m.entries[i]
	e.SanctionIDs = append([]string(nil), e.SanctionIDs...)
	return e, true
}

// Sanctions returns every sanction the PPK can record, the matrix's first.
func (m *MatrixVersion) Sanctions() []Sanction { return append([]Sanction(nil), m.sanctions...) }

// Sanction returns a sanction by ID.
func (m *MatrixVersion) Sanction(id string) (Sanction, bool) {
	i, ok := m.byID[id]
	if !ok {
		return Sanction{}, false
	}
	return m.sanctions[i], true
}

// SanctionOptions returns the sanctions the matrix foresees for a code.
func (m *MatrixVersion) SanctionOptions(c Code) []Sanction {
	e, ok := m.Entry(c)
	if !ok {
		return nil
	}
	out := make([]Sanction, 0, len(e.SanctionIDs))
	for _, id := range e.SanctionIDs {
		s, _ := m.Sanction(id)
		out = append(out, s)
	}
	return out
}

// Acts returns the plain-language acts, in display order.
func (m *MatrixVersion) Acts() []ActInfo { return append([]ActInfo(nil), m.acts...) }

// Label returns a code's act description in lang ("id" or "en"), or "" for
// an unknown code.
func (m *MatrixVersion) Label(c Code, lang string) string {
	e, ok := m.Entry(c)
	if !ok {
		return ""
	}
	if lang == "en" {
		return e.TitleEN
	}
	return e.Title
}

type matrixFile struct {
	Version      string              `json:"version"`
	Revision     int                 `json:"revision"`
	Instrument   string              `json:"instrument"`
	Effective    string              `json:"effective"`
	Basis        string              `json:"basis"`
	PhaseRule    string              `json:"phase_rule"`
	PPPK         string              `json:"pppk"`
	Notes        []string            `json:"notes"`
	SeverityText map[Severity]string `json:"severity_text"`
	Sanctions    []struct {
		ID       string        `json:"id"`
		Severity SanctionLevel `json:"severity"`
		Months   int           `json:"months"`
		InMatrix bool          `json:"in_matrix"`
		LabelID  string        `json:"label_id"`
		LabelEN  string        `json:"label_en"`
		Basis    string        `json:"basis"`
		PPPK     string        `json:"pppk"`
	} `json:"sanctions"`
	Acts []struct {
		Key     string `json:"key"`
		KE      Code   `json:"ke"`
		DS      Code   `json:"ds"`
		LabelID string `json:"label_id"`
		LabelEN string `json:"label_en"`
	} `json:"acts"`
	Entries []struct {
		Code        Code     `json:"code"`
		Severity    Severity `json:"severity"`
		Counterpart Code     `json:"counterpart"`
		SocialMedia bool     `json:"social_media"`
		Sanctions   []string `json:"sanctions"`
		Basis       string   `json:"basis"`
		Note        string   `json:"note"`
		Title       string   `json:"title"`
		TitleEN     string   `json:"title_en"`
	} `json:"entries"`
}

// actKeys are the data keys of the Act constants, in their order.
var actKeys = [...]string{
	ActInteract: "interact", ActCampaign: "campaign", ActPhoto: "photo", ActPartyMember: "party_member",
	ActProps: "props", ActAttend: "attend", ActMobilise: "mobilise", ActTeam: "team", ActDecision: "decision",
	ActOther: "other", ActSpouse: "spouse", ActCandidacy: "candidacy", ActSupportLetter: "support_letter",
}

func parseMatrix(b []byte) (*MatrixVersion, error) {
	var f matrixFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("matrix: %w", err)
	}
	eff, err := time.Parse("2006-01-02", f.Effective)
	if err != nil {
		return nil, fmt.Errorf("matrix %s: effective date: %w", f.Version, err)
	}
	if f.Version == "" || f.Revision < 1 || f.Instrument == "" || f.Basis == "" {
		return nil, fmt.Errorf("matrix: version, revision, instrument and basis are required")
	}
	m := &MatrixVersion{Version: f.Version, Revision: f.Revision, Instrument: f.Instrument, Effective: eff,
		Basis: f.Basis, PhaseRule: f.PhaseRule, PPPK: f.PPPK, Notes: f.Notes,
		byCode: map[Code]int{}, byID: map[string]int{}}
	levels := map[SanctionLevel]bool{LevelMoralTertutup: true, LevelMoralTerbuka: true, LevelRingan: true,
		LevelSedang: true, LevelBerat: true, LevelPTDH: true, LevelOther: true}
	for _, s := range f.Sanctions {
		if s.ID == "" || s.LabelID == "" || s.LabelEN == "" || s.Basis == "" || !levels[s.Severity] {
			return nil, fmt.Errorf("matrix: sanction %q incomplete or of unknown level %q", s.ID, s.Severity)
		}
		if _, dup := m.byID[s.ID]; dup {
			return nil, fmt.Errorf("matrix: sanction %s twice", s.ID)
		}
		m.byID[s.ID] = len(m.sanctions)
		m.sanctions = append(m.sanctions, Sanction{ID: s.ID, LabelID: s.LabelID, LabelEN: s.LabelEN, Severity: s.Severity,
			Basis: s.Basis, Months: s.Months, InMatrix: s.InMatrix, PPPK: s.PPPK})
	}
	for _, e := range f.Entries {
		text, ok := f.SeverityText[e.Severity]
		if !ok {
			return nil, fmt.Errorf("matrix: %s: severity %q has no text", e.Code, e.Severity)
		}
		if e.Title == "" || e.TitleEN == "" || e.Basis == "" || len(e.Sanctions) == 0 {
			return nil, fmt.Errorf("matrix: %s incomplete", e.Code)
		}
		cat := KodeEtik
		switch {
		case len(e.Code) == 5 && e.Code[:3] == "KE-":
		case len(e.Code) == 5 && e.Code[:3] == "DS-":
			cat = Disiplin
		default:
			return nil, fmt.Errorf("matrix: bad code %q", e.Code)
		}
		for _, id := range e.Sanctions {
			if _, ok := m.byID[id]; !ok {
				return nil, fmt.Errorf("matrix: %s: unknown sanction %s", e.Code, id)
			}
		}
		if _, dup := m.byCode[e.Code]; dup {
			return nil, fmt.Errorf("matrix: %s twice", e.Code)
		}
		m.byCode[e.Code] = len(m.entries)
		m.entries = append(m.entries, Entry{Code: e.Code, Category: cat, Title: e.Title, TitleEN: e.TitleEN,
			Severity: e.Severity, Sanction: text, SocialMedia: e.SocialMedia, Counterpart: e.Counterpart,
			SanctionIDs: e.Sanctions, Basis: e.Basis, Note: e.Note})
	}
	byKey := map[string]int{}
	for i, k := range actKeys {
		byKey[k] = i
	}
	seen := map[Act]bool{}
	for _, a := range f.Acts {
		i, ok := byKey[a.Key]
		if !ok {
			return nil, fmt.Errorf("matrix: act %q has no Act constant", a.Key)
		}
		if _, ok := m.byCode[a.KE]; !ok {
			return nil, fmt.Errorf("matrix: act %s: unknown code %s", a.Key, a.KE)
		}
		if _, ok := m.byCode[a.DS]; !ok {
			return nil, fmt.Errorf("matrix: act %s: unknown code %s", a.Key, a.DS)
		}
		if a.LabelID == "" || a.LabelEN == "" || seen[Act(i)] {
			return nil, fmt.Errorf("matrix: act %s incomplete or twice", a.Key)
		}
		seen[Act(i)] = true
		m.acts = append(m.acts, ActInfo{Act: Act(i), Key: a.Key, LabelID: a.LabelID, LabelEN: a.LabelEN, BeforeCode: a.KE, AfterCode: a.DS})
	}
	if len(seen) != len(actKeys) {
		return nil, fmt.Errorf("matrix: %d of %d acts described", len(seen), len(actKeys))
	}
	return m, nil
}

// current is the matrix in force; a parse error is a programming error (the
// tests parse the same file).
var current = func() *MatrixVersion {
	m, err := parseMatrix(skb2022JSON)
	if err != nil {
		panic("violation: " + err.Error())
	}
	return m
}()

// actCodes maps each Act to its (before, after) codes, from the data.
var actCodes = func() [len(actKeys)][2]Code {
	var out [len(actKeys)][2]Code
	for _, a := range current.acts {
		out[a.Act] = [2]Code{a.BeforeCode, a.AfterCode}
	}
	return out
}()

// Matrix returns the SKB matrix in force.
func Matrix() *MatrixVersion { return current }

// Sanctions returns every sanction the PPK can record, in a stable order
// (the matrix's first, then ringan and other).
func Sanctions() []Sanction { return current.Sanctions() }

// SanctionByID returns a recordable sanction by its ID.
func SanctionByID(id string) (Sanction, bool) { return current.Sanction(id) }

// Acts returns the plain-language acts, in display order.
func Acts() []ActInfo { return current.Acts() }

// ParseAct returns the act of a key ("interact", "photo"…).
func ParseAct(key string) (Act, bool) {
	for i, k := range actKeys {
		if k == key {
			return Act(i), true
		}
	}
	return 0, false
}

// String returns the act's key, or "act(N)" for an unknown value.
func (a Act) String() string {
	if a >= 0 && int(a) < len(actKeys) {
		return actKeys[a]
	}
	return fmt.Sprintf("act(%d)", int(a))
}

// ActOf returns the act a code belongs to (KE-04 and DS-06 → ActInteract).
func ActOf(c Code) (Act, bool) {
	for _, a := range current.acts {
		if a.BeforeCode == c || a.AfterCode == c {
			return a.Act, true
		}
	}
	return 0, false
}
