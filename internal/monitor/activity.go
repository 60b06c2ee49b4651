// Package monitor is the core of social-media monitoring: activity records
// (one thing an account did on a platform, shared/contracts/scan.md §2) are
// ingested idempotently from any channel, attributed to a registered account
// (and so to an employee, their OPD and instansi), screened with the
// instansi's active election definitions, and stored with immutable
// screening results. Election definitions are versioned per instansi; a
// re-screen after a change adds results and keeps the old ones. Text of
// records that were never flagged is purged after a while (data
// minimisation).
package monitor

import (
	"errors"
	"time"
)

// Sources: the channel an activity came through.
const (
	SourceImport  = "import"  // a file given to `netral import activities`
	SourceAPI     = "api"     // POST /api/v1/activities
	SourceFeed    = "feed"    // an RSS/Atom/Mastodon feed poll
	SourceCapture = "capture" // a captured page
	SourceManual  = "manual"  // entered by hand
)

// Sources lists every valid source.
var Sources = []string{SourceImport, SourceAPI, SourceFeed, SourceCapture, SourceManual}

// Kinds lists the activity kinds of contract §2.
var Kinds = []string{"post", "comment", "share", "like", "reaction", "follow", "join_group", "photo", "video",
	"story", "profile", "other"}

// Activity is one stored activity record with its attribution and latest
// screening result.
type Activity struct {
	ID         int64
	InstansiID int64
	Platform   string
	ExternalID string // the record's id, unique per platform within an instansi
	Kind       string
	Author     string // as given
	AuthorKey  string // normalised handle used for attribution
	AuthorID   string // stable platform id, when given
	// Text, ContextText and MediaCaptions are nil when the record did not
	// carry them, or after they were purged.
	Text          *string
	ContextText   *string
	MediaCaptions []string
	URL           string
	OccurredAt    time.Time // the record's created_at; zero when not given
	Source        string
	IngestedAt    time.Time
	PurgedAt      time.Time // zero unless the text was purged
	Flagged       bool      // flag of the latest screening

	Attribution *Attribution // nil when no registered account matched
	Screening   *Screening   // latest screening result; nil when none
}

// Attribution names the registered account an activity belongs to.
type Attribution struct {
	AccountID    int64
	Handle       string
	EmployeeID   int64
	EmployeeName string
	NIP          string
	OPDID        int64
	OPDCode      string
	OPDName      string
}

// Screening is one immutable screening result of an activity.
type Screening struct {
	ID              int64
	ActivityID      int64
	ElectionVersion int    // the instansi's election-definition version
	LexiconVersion  string // hash of those definitions
	Flagged         bool
	Score           float64
	Stance          string
	Targets         []string
	Violation       string
	Matches         []Match
	Explanation     string
	ScreenedAt      time.Time
}

// Match is one piece of screening evidence (contract §3): bytes
// [Start, End) of field (of caption Index for media_captions).
type Match struct {
	Field  string `json:"field"`
	Index  int    `json:"index,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Term   string `json:"term"`
	Entity string `json:"entity,omitempty"`
	Signal string `json:"signal"`
}

// Errors of the package.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid")
)

// invalidError is an error matching ErrInvalid.
type invalidError struct{ msg string }

// Error returns the message.
func (e *invalidError) Error() string { return e.msg }

// Unwrap makes the error match ErrInvalid.
func (e *invalidError) Unwrap() error { return ErrInvalid }

func invalid(msg string) error { return &invalidError{msg} }
