// Package feeds reads the public activity of registered ASN accounts from
// channels a Pemda can reach without platform API access, and turns it into
// activity records (shared/contracts/scan.md §2):
//
//   - RSS and Atom feeds, which many platforms and bridges publish per
//     account: [FetchFeed], with conditional GET (ETag, Last-Modified);
//   - the public API of Mastodon-compatible servers: [Mastodon], whose
//     [Mastodon.LookupAccount] and [Mastodon.Statuses] read an account and
//     its statuses, and [ProfileRecord], which turns the account's bio into
//     a record of its own.
//
// The package is pure: it keeps no state and touches no database. Callers
// persist the records (their ids are stable, so storing is an upsert) and the
// cursors a reader hands back (ETag and Last-Modified for feeds, the newest
// status id for Mastodon), and schedule polling themselves. Every request
// honours its context; errors tell apart a missing account or feed
// ([ErrNotFound]), a rate limit ([ErrRateLimited], with a [*RateLimitError]
// that carries the reset time) and any other HTTP failure ([*HTTPError]).
//
// Text fields of a record are plain text (see [PlainText]): markup is
// removed and entities decoded, so a user interface must escape them like
// any other user-supplied string.
package feeds

import (
	"errors"
	"fmt"
	"time"
)

// Activity kinds (contract §2) that the readers of this package produce.
const (
	KindPost    = "post"
	KindComment = "comment"
	KindShare   = "share"
	KindProfile = "profile"
)

// Record is one activity record (contract §2), the output of every reader.
//
// Text is always written, even when empty, so that a record satisfies the
// contract's "at least one of text, context_text, media_captions".
type Record struct {
	// ID is unique within Platform and stable across polls.
	ID string `json:"id"`
	// Platform names the platform, e.g. "mastodon", "x", "facebook".
	Platform string `json:"platform"`
	// Kind is one of the contract's kinds: post, comment, share, profile...
	Kind string `json:"kind"`
	// Author is the account that did the activity, e.g. "@budi@example.social".
	Author string `json:"author,omitempty"`
	// CreatedAt is when the activity happened, in RFC 3339; empty when unknown.
	CreatedAt string `json:"created_at,omitempty"`
	// URL links to the activity on its platform.
	URL string `json:"url,omitempty"`
	// Text is what the author wrote, as plain text.
	Text string `json:"text"`
	// ContextText is the content the author acted on (the shared post).
	ContextText string `json:"context_text,omitempty"`
	// MediaCaptions holds text describing attached media (alt text, captions).
	MediaCaptions []string `json:"media_captions,omitempty"`
}

// Time parses CreatedAt; the zero time when it is empty or malformed.
func (r Record) Time() time.Time {
	t, err := time.Parse(time.RFC3339, r.CreatedAt)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Validate checks the fields the contract requires: id, platform and kind.
// Content is always present, as text is always written.
func (r Record) Validate() error {
	switch {
	case r.ID == "":
		return errors.New("feeds: record without id")
	case r.Platform == "":
		return errors.New("feeds: record without platform")
	case r.Kind == "":
		return errors.New("feeds: record without kind")
	}
	return nil
}

// ErrNotFound reports that the feed, account or status does not exist (HTTP
// 404 or 410). The error returned wraps it in an [*HTTPError].
var ErrNotFound = errors.New("feeds: not found")

// ErrRateLimited reports that the server refused the request for exceeding
// its rate limit. The error returned is a [*RateLimitError] that matches it
// with [errors.Is]; use [errors.As] to read the reset time.
var ErrRateLimited = errors.New("feeds: rate limited")

// HTTPError is an unexpected HTTP status from a feed or API server.
type HTTPError struct {
	// StatusCode is the HTTP status code, e.g. 404.
	StatusCode int
	// Status is the status line, e.g. "404 Not Found".
	Status string
	// URL is the address requested.
	URL string
}

// Error describes the failed request.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("feeds: GET %s: %s", e.URL, e.Status)
}

// Unwrap returns [ErrNotFound] for 404 and 410, nil otherwise.
func (e *HTTPError) Unwrap() error {
	if e.StatusCode == 404 || e.StatusCode == 410 {
		return ErrNotFound
	}
	return nil
}

// RateLimitError is returned when a server answers 429 Too Many Requests.
// It matches [ErrRateLimited] with [errors.Is].
type RateLimitError struct {
	// Reset is when the server will accept requests again, from
	// X-RateLimit-Reset or Retry-After; zero when the server did not say.
	Reset time.Time
	// Limit is X-RateLimit-Limit, or -1 when absent.
	Limit int
	// Remaining is X-RateLimit-Remaining, or -1 when absent.
	Remaining int
	// URL is the address requested.
	URL string
}

// Error describes the rate limit and when it resets.
func (e *RateLimitError) Error() string {
	if e.Reset.IsZero() {
		return fmt.Sprintf("feeds: GET %s: rate limited", e.URL)
	}
	return fmt.Sprintf("feeds: GET %s: rate limited until %s", e.URL, e.Reset.UTC().Format(time.RFC3339))
}

// Is reports whether target is [ErrRateLimited].
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// RetryAt is when to try again: Reset, or now plus fallback when the server
// gave no reset time or one already past.
func (e *RateLimitError) RetryAt(now time.Time, fallback time.Duration) time.Time {
	if e.Reset.After(now) {
		return e.Reset
	}
	return now.Add(fallback)
}
