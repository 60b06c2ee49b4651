// Package reports holds public reports (pengaduan masyarakat): what a member
// of the public reports through /lapor or POST /api/v1/public/reports, the
// evidence files and links they give, the messages between them and the Tim
// Pengawas, and the status they follow with a receipt code and a secret.
//
// Protecting reporters is the point of the design:
//
//   - the reporter's identity and contact (name, phone, e-mail) are sealed
//     with AES-256-GCM under a key kept outside the database
//     ([sealbox.Box]); a report without a key can only be anonymous;
//   - a confidential identity is revealed only by a role holding
//     auth.PermReporterReveal, with a reason, and every reveal is audited;
//   - the secret is stored only as a hash, and an unknown receipt and a
//     wrong secret give the same answer ([ErrBadCredentials]);
//   - nothing here stores an address or browser fingerprint, and audit
//     entries of public actions name a neutral actor ([PublicActor]);
//   - evidence originals are kept as received (SHA-256 recorded on
//     receipt), and images get a metadata-free copy for staff views.
//
// Storage is plain SQL shared by SQLite and PostgreSQL (migration 00006).
package reports

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/violation"
)

// Public statuses: what every reporter of a report sees.
const (
	StatusReceived      = "received"      // filed, not yet looked at
	StatusInReview      = "in_review"     // the team is verifying it
	StatusClarification = "clarification" // the team asks the reporter (or the ASN) for more
	StatusReferred      = "referred"      // passed to Bawaslu or BKN
	StatusDecided       = "decided"       // the PPK (or the team) decided
	StatusClosed        = "closed"        // handling finished
	StatusRejected      = "rejected"      // not taken up (incomplete, not ASN neutrality, abusive …)
)

// Statuses lists the public statuses in their usual order.
var Statuses = []string{StatusReceived, StatusInReview, StatusClarification, StatusReferred, StatusDecided,
	StatusClosed, StatusRejected}

// ValidStatus reports whether s is a public status.
func ValidStatus(s string) bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// StatusLabel is the public status s in language lang ("id" or "en").
func StatusLabel(s, lang string) string { return i18n.For(lang).T("report.status." + s) }

// Identity choices of a reporter.
const (
	IdentityAnonymous    = "anonymous"    // nothing about the reporter is asked or kept
	IdentityConfidential = "confidential" // kept sealed; revealed only with a recorded reason
	IdentityOpen         = "open"         // sealed at rest, but shown to the team handling it
)

// Identities lists the identity choices.
var Identities = []string{IdentityAnonymous, IdentityConfidential, IdentityOpen}

// Channels a report arrives through.
const (
	ChannelWeb = "web"
	ChannelAPI = "api"
)

// Acts are the plain-language choices of "what happened", in the order a
// form shows them. Each maps to a [violation.Act], from which the SKB code
// is suggested with the date of the act.
var Acts = []string{"interact", "campaign", "photo", "attend", "props", "facility", "decision", "mobilise", "team",
	"party", "other"}

var actOf = map[string]violation.Act{
	"interact": violation.ActInteract,    // posting/sharing/liking/commenting campaign content → KE-04 / DS-06
	"campaign": violation.ActCampaign,    // campaigning or calling to vote online → KE-02 / DS-02
	"photo":    violation.ActPhoto,       // photo with a candidate and a partisan symbol → KE-05 / DS-07
	"attend":   violation.ActAttend,      // attending a campaign or rally → KE-03 / DS-04
	"props":    violation.ActProps,       // putting up banners and props → KE-01 / DS-01
	"facility": violation.ActDecision,    // using state facilities for a campaign: an action favouring a candidate → DS-12
	"decision": violation.ActDecision,    // a decision favouring or harming a candidate → DS-12
	"mobilise": violation.ActMobilise,    // meetings, appeals, goods for colleagues or the public → KE-06 / DS-08
	"team":     violation.ActTeam,        // serving on a winning team → DS-09 / DS-10
	"party":    violation.ActPartyMember, // party member or official → DS-05
	"other":    violation.ActOther,       // anything else → DS-13 (the Satgas decides)
}

// ValidAct reports whether a is one of [Acts].
func ValidAct(a string) bool { _, ok := actOf[a]; return ok }

// ActForCode returns the act whose suggestion can be code (KE-04 →
// "interact"), "other" for codes no act leads to (KE-07, DS-03, DS-11 …).
func ActForCode(code violation.Code) string {
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	act := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, k := range Acts {
		a := actOf[k]
		if violation.Suggest(act, far, a) == code || violation.Suggest(act, time.Time{}, a) == code {
			return k
		}
	}
	return "other"
}

// SuggestCode suggests the SKB code for act done on day when the
// candidates were determined on determinedOn (zero: unknown, counts as
// determined). An unknown act suggests nothing.
func SuggestCode(act string, day, determinedOn time.Time) violation.Code {
	a, ok := actOf[act]
	if !ok {
		return ""
	}
	return violation.Suggest(day, determinedOn, a)
}

// Person is the reported ASN as the reporter knows them.
type Person struct {
	Name string `json:"name"`
	NIP  string `json:"nip"`
	Unit string `json:"unit"`
}

// Identity is who the reporter is and how to reach them. It is only ever
// stored sealed.
type Identity struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// Report is one public report as staff see it (never the identity).
type Report struct {
	ID               int64
	InstansiID       int64
	Receipt          string
	Status           string
	Act              string         // one of Acts, "" when not given
	Violation        violation.Code // code given by the reporter, "" when none
	SuggestedCode    violation.Code // suggested from Act and OccurredOn
	ViolationVersion string
	Description      string
	OccurredOn       time.Time // zero when not given
	Place            string
	Reported         Person
	// ReportedEmployeeID is the registry employee whose NIP matches the
	// NIP given, 0 when none (shown to staff, never to the reporter).
	ReportedEmployeeID int64
	ReportedKey        string // grouping key of the reported person
	Identity           string // one of Identities
	HasContact         bool   // the sealed identity holds a phone or e-mail
	Burst              bool   // many reports on the same person in a short time
	ProofOfWork        bool   // sent with a valid proof of work (without: no JavaScript, or a script)
	CaseID             int64  // 0 when not attached to a case
	CaseNumber         string // the number of the case (NTR/2026/0006), "" when none
	Channel            string
	Lang               string
	SubmissionSHA256   string
	ReporterAt         time.Time // last reply or evidence from the reporter, zero when none
	CreatedAt          time.Time
	UpdatedAt          time.Time
	StatusChangedAt    time.Time

	Evidence int // number of evidence files
	Links    int // number of links
	Messages int // number of messages

	secretHash string // hash of the reporter's secret (for access tokens)
}

// Evidence is one evidence file (without its bytes).
type Evidence struct {
	ID             int64
	ReportID       int64
	Filename       string
	ContentType    string
	Size           int64
	SHA256         string
	Stripped       bool // a copy without metadata exists (images)
	StrippedSHA256 string
	Width, Height  int
	AddedBy        string // "report" or "followup"
	CreatedAt      time.Time
}

// IsImage reports whether the file is an image (shown inline to staff).
func (e Evidence) IsImage() bool { return strings.HasPrefix(e.ContentType, "image/") }

// Link is a link the reporter gave, with the state of its capture.
type Link struct {
	ID               int64
	URL              string
	CaptureRequestID int64  // 0 when no capture was requested
	CaptureError     string // why not: url_blocked, url_invalid, no_queue …
	CaptureState     string // pending, active, failed ("" when no request)
	LatestCaptureID  int64  // the newest capture, 0 when none
	LatestChange     string
	CreatedAt        time.Time
}

// Message is one message between the team and the reporter.
type Message struct {
	ID        int64
	Author    string // "team" or "reporter"
	Body      string
	Status    string // the public status the message came with, "" when none
	UserID    int64  // the team member (staff views only)
	UserName  string
	CreatedAt time.Time
}

// Errors.
var (
	// ErrNotFound: no such report in the instansi.
	ErrNotFound = errors.New("report not found")
	// ErrBadCredentials: the receipt code is unknown or the secret is wrong
	// (deliberately the same error for both).
	ErrBadCredentials = errors.New("unknown receipt code or wrong secret")
	// ErrNoKey: the report carries an identity but no key is configured.
	ErrNoKey = errors.New("reports: no report key configured: only anonymous reports can be accepted")
	// ErrNothingSealed: the report is anonymous.
	ErrNothingSealed = errors.New("reports: the report is anonymous: there is no identity to reveal")
	// ErrConflict: the report is attached to another case already.
	ErrConflict = errors.New("reports: the report is attached to another case")
	// ErrLinked: the report's status follows its case and cannot be set by hand.
	ErrLinked = errors.New("reports: the report is handled in a case: change the case's status")
)

// FieldError is one problem with a field of a submission. Code names the
// problem (see the report.err.* messages); Detail is optional, safe text.
type FieldError struct {
	Field  string
	Code   string
	Detail string
	// Status is the HTTP status the problem calls for (413 for sizes), 0
	// for 400.
	Status int
}

func (e FieldError) Error() string {
	s := e.Field + ": " + e.Code
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// ValidationError lists every problem of a submission.
type ValidationError struct{ Problems []FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return "invalid report: " + strings.Join(parts, "; ")
}

// TooLarge reports whether a problem is a size limit (HTTP 413).
func (e *ValidationError) TooLarge() bool {
	for _, p := range e.Problems {
		if p.Status == 413 {
			return true
		}
	}
	return false
}

// Field returns the first problem of field, ok false when it has none.
func (e *ValidationError) Field(field string) (FieldError, bool) {
	for _, p := range e.Problems {
		if p.Field == field {
			return p, true
		}
	}
	return FieldError{}, false
}

func (e *ValidationError) add(field, code, detail string) {
	e.Problems = append(e.Problems, FieldError{Field: field, Code: code, Detail: detail})
}

func (e *ValidationError) addSize(field, code, detail string) {
	e.Problems = append(e.Problems, FieldError{Field: field, Code: code, Detail: detail, Status: 413})
}

func (e *ValidationError) err() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// PublicActor is the audit actor of actions by a public reporter: it names
// nobody and carries no address.
var PublicActor = audit.Actor{Name: "public:reporter"}

// systemActor is the audit actor of changes made on a case's behalf.
var systemActor = audit.System("reports")

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("reports: %s: %w", what, err)
}
