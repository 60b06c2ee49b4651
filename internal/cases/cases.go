// Package cases handles neutrality cases (perkara) from the first
// indication to the PPK's decision: the lifecycle of domain-rules §2.9 as a
// table of allowed transitions per state and role ([Rules]), every step
// timestamped, assigned, audited and given a due date, the accused ASN with
// the position and unit held at the time of the act, the suggestion of the
// SKB 2022 matrix next to the decision actually taken, the
// conflict-of-interest rule, internal notes kept apart from messages to the
// reporter and to the accused, and the merging of duplicates.
//
// The package depends on the public reports, the working-day calendar and
// the sanction catalogue only through small interfaces ([ReportLinker],
// [Deadliner], [Law]) so that each can be replaced (and faked in tests).
package cases

import (
	"errors"
	"fmt"
	"time"
)

// Status is the state of a case.
type Status string

// The states of a case (domain-rules §2.9). The first nine are open, the
// last four are ends.
const (
	Received      Status = "received"      // opened; nobody has looked at it yet
	Verification  Status = "verification"  // complete? which ASN (NIP, position and unit at the time)?
	Clarification Status = "clarification" // summons, hearing, BA klarifikasi, the ASN's reply
	Finding       Status = "finding"       // the team concludes: proven or not proven
	ReferralPrep  Status = "referral"      // proven; the referral package is prepared
	Referred      Status = "referred"      // with Bawaslu or BKN, awaiting their recommendation
	PPK           Status = "ppk"           // awaiting the PPK's decision
	Decided       Status = "decided"       // the PPK decided; the decree is delivered
	Closed        Status = "closed"        // end: done
	Rejected      Status = "rejected"      // end: not registered (incomplete, not ASN, out of scope)
	Insufficient  Status = "insufficient_evidence"
	Merged        Status = "merged" // end: merged into another case
)

// Statuses lists every state in lifecycle order.
var Statuses = []Status{Received, Verification, Clarification, Finding, ReferralPrep, Referred, PPK, Decided,
	Closed, Rejected, Insufficient, Merged}

// Valid reports whether s is a known state.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Ended reports whether s is an end state.
func (s Status) Ended() bool {
	return s == Closed || s == Rejected || s == Insufficient || s == Merged
}

// OpenStatuses are the states a case is still being handled in.
func OpenStatuses() []Status {
	var out []Status
	for _, s := range Statuses {
		if !s.Ended() {
			out = append(out, s)
		}
	}
	return out
}

// Referral targets.
const (
	TargetBawaslu = "bawaslu"
	TargetBKN     = "bkn" // BKN via SBT (Satgas netralitas)
)

// Recommendation outcomes.
const (
	RecViolation   = "violation"
	RecNoViolation = "no_violation"
)

// NotProven is the decision (and outcome) "tidak terbukti".
const NotProven = "not_proven"

// Kinds of source.
const (
	SourceReview  = "review"  // a confirmed item of the review inbox
	SourceReport  = "report"  // a public report
	SourceFinding = "finding" // the team's own finding (temuan)
)

// Audiences of a note.
const (
	NoteInternal     = "internal"      // the team only
	NoteReporter     = "reporter"      // a message to the reporter(s), through the public report
	NoteAccused      = "accused"       // a message to the accused ASN
	NoteAccusedReply = "accused_reply" // the accused's written reply (with the documents referred to)
)

// Where the accused's position and unit come from.
const (
	BasisPosition = "position" // the registry's dated position at the act date
	BasisCurrent  = "current"  // the registry's current position (no dated position covers the act date)
	BasisManual   = "manual"   // typed by the team (not in the registry)
)

// Case is one case.
type Case struct {
	ID           int64
	InstansiID   int64
	Number       string // nomor perkara, e.g. NTR/2024/0001
	Title        string
	Summary      string
	Status       Status
	Outcome      string // for ended cases: a sanction id, not_proven, rejected, insufficient_evidence, merged
	EndReason    string
	AssigneeID   int64
	AssigneeName string
	Accused      Accused
	ActDate      time.Time // zero when unknown
	ActKind      string    // see [ActKinds]
	Place        string
	Election     ElectionRef
	// The team's finding.
	ViolationCode string
	Finding       string
	Referral      Referral
	Rec           Recommendation
	Decision      Decision
	MergedInto    int64
	MergedNumber  string
	DueAt         time.Time // due date of the open step, zero when none
	CreatedByName string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ClosedAt      time.Time
	Sources       int // number of sources (filled by lists)
}

// Accused is the ASN a case is about, as at the time of the act.
type Accused struct {
	EmployeeID int64 // 0 when not (yet) in the registry
	NIP        string
	Name       string
	Position   string // jabatan at the time of the act
	Unit       string // unit (OPD) at the time of the act
	OPDID      int64  // that unit in the registry, 0 when unknown
	Basis      string // BasisPosition, BasisCurrent or BasisManual; "" when not identified
}

// Identified reports whether the accused is identified well enough to be
// summoned: a registered employee, or a name with a NIP or a unit.
func (a Accused) Identified() bool {
	return a.EmployeeID != 0 || (a.Name != "" && (a.NIP != "" || a.Unit != ""))
}

// ElectionRef is the election a case concerns, copied when set so the
// phase rule keeps working if the instansi's definitions change.
type ElectionRef struct {
	ID           string
	Name         string
	Type         string    // pilpres, pileg, pilkada, other
	DeterminedOn time.Time // penetapan calon; zero when unknown
}

// Referral is the referral of a case to Bawaslu or BKN.
type Referral struct {
	Target string // TargetBawaslu or TargetBKN; "" when not referred
	Number string // letter number
	Note   string // what the package holds
	At     time.Time
}

// Recommendation is what Bawaslu or BKN recommended.
type Recommendation struct {
	Outcome  string // RecViolation or RecNoViolation; "" when none yet
	Number   string
	Date     time.Time
	Text     string
	Sanction string // recommended sanction id, optional
	ByName   string
	At       time.Time
}

// Decision is the PPK's decision.
type Decision struct {
	Sanction   string // a sanction id of [Law.Sanctions], or NotProven; "" when not decided
	Basis      string // legal basis as decided (may differ from the suggestion)
	Number     string // decree number
	Date       time.Time
	ByName     string
	At         time.Time
	Suggestion string // JSON of the suggestion shown when deciding
}

// Step is one stay of a case in a state.
type Step struct {
	ID           int64
	Status       Status
	StartedAt    time.Time
	StartedBy    string
	AssigneeID   int64
	AssigneeName string
	DueAt        time.Time
	DueBasis     string
	EndedAt      time.Time
	EndedBy      string
	EndedAction  string
}

// Overdue reports whether the step is open and past its due date at now.
func (s Step) Overdue(now time.Time) bool {
	return s.EndedAt.IsZero() && !s.DueAt.IsZero() && now.After(s.DueAt)
}

// Overdue reports whether the case's open step is past its due date at now.
func (c Case) Overdue(now time.Time) bool {
	return !c.Status.Ended() && !c.DueAt.IsZero() && now.After(c.DueAt)
}

// Source is where a case came from.
type Source struct {
	ID           int64
	Kind         string // SourceReview, SourceReport, SourceFinding
	ReviewItemID int64
	ReportID     int64
	Description  string
	Links        []string
	MergedFrom   int64
	AddedBy      string
	CreatedAt    time.Time
}

// Note is an internal note, a message, or the accused's reply.
type Note struct {
	ID        int64
	Audience  string
	Body      string
	Refs      string // documents referred to (the accused's reply)
	UserID    int64
	UserName  string
	CreatedAt time.Time
}

// Summons is a summons to clarification and, once held, its minutes.
type Summons struct {
	ID           int64
	Seq          int
	LetterNumber string
	ScheduledAt  time.Time
	Place        string
	Note         string
	Attended     string // "", "yes", "no"
	Minutes      string // BA klarifikasi
	MinutesAt    time.Time
	CreatedBy    string
	CreatedAt    time.Time
}

// Event is one line of a case's timeline.
type Event struct {
	ID         int64
	Kind       string // open, transition, assign, source, note, summons, minutes, merge, identify, details
	Action     Action
	FromStatus Status
	ToStatus   Status
	Note       string
	Detail     string // JSON
	UserID     int64
	UserName   string
	CreatedAt  time.Time
}

// Errors of case handling. Callers match them with errors.Is; a
// *FieldError names the field that is wrong.
var (
	ErrNotFound         = errors.New("case not found")
	ErrNotAllowed       = errors.New("this step is not allowed for your role")
	ErrWrongState       = errors.New("this step is not allowed in the case's current state")
	ErrConflictInterest = errors.New("conflict of interest: you (or the chosen handler) work in the accused's unit or above it")
	ErrNoReporter       = errors.New("this case has no public report to answer")
	ErrReportsOff       = errors.New("public reports are not available")
	ErrSourceTaken      = errors.New("this source already belongs to a case")
	ErrNotIdentified    = errors.New("the accused ASN is not identified yet")
	ErrMergeSelf        = errors.New("a case cannot be merged into itself")
	ErrMergeAccused     = errors.New("the two cases concern different ASN")
	ErrStale            = errors.New("the case changed meanwhile; reload and try again")
)

// FieldError is invalid input, naming the field.
type FieldError struct {
	Field   string
	Message string // English
	// Reason, when set, says which rule of the field was broken (e.g.
	// "required", "before_act"), so that a precise message can be shown.
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// invalidBecause is invalid with the rule that was broken.
func invalidBecause(field, reason, format string, args ...any) error {
	return &FieldError{Field: field, Reason: reason, Message: fmt.Sprintf(format, args...)}
}
