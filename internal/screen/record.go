// Package screen is the screening engine: it reads activity records
// (shared/contracts/scan.md §2), looks for early indications of a civil
// servant's partisanship toward the contestants and parties of the loaded
// elections, and writes screening results (§3).
//
// In-process use:
//
//	set, _ := election.NewSet(elections)
//	s, err := screen.New(set, screen.Options{})
//	res := s.Screen(&rec)            // one record
//	s.Scan(ctx, r, w, screen.ScanOptions{}) // JSON Lines in, JSON Lines out, in order, on all cores
//
// Text is normalised first (package normalize), then matched against one
// dense Aho–Corasick automaton (package acdfa) holding every name, alias,
// slogan, hashtag, gesture and party of the elections together with the
// built-in cue phrases (support, opposition, campaign team, neutral and
// innocent contexts); the decision combines these signals per target.
package screen

import (
	"errors"
	"fmt"
	"time"
)

// Activity kinds (contract §2).
const (
	KindPost      = "post"
	KindComment   = "comment"
	KindShare     = "share"
	KindLike      = "like"
	KindReaction  = "reaction"
	KindPhoto     = "photo"
	KindVideo     = "video"
	KindStory     = "story"
	KindFollow    = "follow"
	KindJoinGroup = "join_group"
	KindProfile   = "profile"
	KindOther     = "other"
)

var kinds = map[string]bool{
	KindPost: true, KindComment: true, KindShare: true, KindLike: true, KindReaction: true,
	KindPhoto: true, KindVideo: true, KindStory: true, KindFollow: true, KindJoinGroup: true,
	KindProfile: true, KindOther: true,
}

// Record is one activity record (contract §2). Unknown fields are ignored.
type Record struct {
	// ID is unique within its platform (required).
	ID string
	// Platform is facebook, instagram, x, tiktok, whatsapp, … (required).
	Platform string
	// Kind is one of the Kind* constants (required).
	Kind string
	// Author is the account that acted.
	Author string
	// CreatedAt is an RFC 3339 time; it selects the elections in progress.
	CreatedAt string
	// URL points at the activity.
	URL string
	// Text is what the author wrote.
	Text string
	// ContextText is what the author acted on (post liked, group joined).
	ContextText string
	// MediaCaptions describe attached media (captions, OCR, alt text).
	MediaCaptions []string

	// Label is set when the record came with a "label" (contract §4).
	Label *Label

	hasText, hasContext, hasCaptions bool
}

// Label is the expected answer of a labelled record (contract §4).
type Label struct {
	// Flagged is the expected decision.
	Flagged bool
	// Targets are the expected target ids.
	Targets []string
	// Note gives the labeller's reason.
	Note string
}

// Time parses CreatedAt (RFC 3339); the zero time when absent or malformed.
func (r *Record) Time() time.Time {
	if r.CreatedAt == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, r.CreatedAt); err == nil {
			return t
		}
	}
	return time.Time{}
}

// Validate checks the required fields of contract §2.
func (r *Record) Validate() error {
	switch {
	case r.ID == "":
		return errors.New("missing required field \"id\"")
	case r.Platform == "":
		return errors.New("missing required field \"platform\"")
	case r.Kind == "":
		return errors.New("missing required field \"kind\"")
	case !kinds[r.Kind]:
		return fmt.Errorf("unknown kind %q", r.Kind)
	case !r.hasText && !r.hasContext && !r.hasCaptions && r.Text == "" && r.ContextText == "" && len(r.MediaCaptions) == 0:
		return errors.New("none of \"text\", \"context_text\", \"media_captions\" is present")
	}
	return nil
}

// SetText sets Text and marks it present (for records built in code).
func (r *Record) SetText(s string) { r.Text, r.hasText = s, true }

// SetContext sets ContextText and marks it present.
func (r *Record) SetContext(s string) { r.ContextText, r.hasContext = s, true }

// SetCaptions sets MediaCaptions and marks them present.
func (r *Record) SetCaptions(c ...string) { r.MediaCaptions, r.hasCaptions = c, true }
