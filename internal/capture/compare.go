package capture

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Change is what a re-capture found compared with an earlier capture of
// the same URL.
type Change int

// Changes [Compare] reports.
const (
	// Unknown: nothing to compare — a capture is missing, or the new one
	// did not show the content (a status other than 2xx, 404 and 410, such
	// as 403, 429 or 500). Try again later.
	Unknown Change = iota
	// Unchanged: the readable content is the same (see [Capture.TextHash]),
	// or the post was gone and still is.
	Unchanged
	// Changed: the readable content differs, or a gone post is back.
	Changed
	// Gone: the post existed and now answers 404 or 410, or its host no
	// longer exists in DNS.
	Gone
)

// String returns "unknown", "unchanged", "changed" or "gone".
func (c Change) String() string {
	switch c {
	case Unchanged:
		return "unchanged"
	case Changed:
		return "changed"
	case Gone:
		return "gone"
	}
	return "unknown"
}

// Compare tells how latest, a re-capture, differs from old, an earlier
// capture of the same URL. It compares [Capture.TextHash] values, not raw
// bodies, so that tokens and markup that change on every request do not
// count as a change.
func Compare(old, latest *Capture) Change {
	switch {
	case old == nil || latest == nil:
		return Unknown
	case latest.Gone:
		if old.Gone {
			return Unchanged
		}
		return Gone
	case !latest.ok():
		return Unknown
	case old.Gone:
		return Changed
	case old.TextHash() == latest.TextHash():
		return Unchanged
	}
	return Changed
}

// ok reports a 2xx status.
func (c *Capture) ok() bool { return c.Status >= 200 && c.Status < 300 }

// TextHash returns the lower-case hex SHA-256 of what a reviewer reads: the
// title, the og:title and og:description tags (social sites without
// JavaScript often carry the post only there) and Text. A capture with none
// of these (an image) hashes as its body, i.e. SHA256. The fields are
// separated so that moving text from one to another counts as a change.
func (c *Capture) TextHash() string {
	og := c.OpenGraph
	if c.Title == "" && c.Text == "" && og["og:title"] == "" && og["og:description"] == "" {
		if c.SHA256 != "" {
			return strings.ToLower(c.SHA256)
		}
		return hashHex(c.Body)
	}
	h := sha256.New()
	for _, s := range []string{c.Title, og["og:title"], og["og:description"], c.Text} {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Verify re-hashes Body and compares the result with SHA256. It returns an
// error of kind ErrHashMismatch when they differ or SHA256 is missing:
// the stored capture was altered and must not be served as evidence.
func (c *Capture) Verify() error {
	if c == nil {
		return &Error{Kind: ErrHashMismatch, Detail: "no capture"}
	}
	want := strings.ToLower(strings.TrimSpace(c.SHA256))
	if want == "" {
		return &Error{Kind: ErrHashMismatch, URL: c.FinalURL, Detail: "the capture has no SHA-256"}
	}
	if got := hashHex(c.Body); got != want {
		return &Error{Kind: ErrHashMismatch, URL: c.FinalURL,
			Detail: fmt.Sprintf("stored %s, body hashes to %s", want, got)}
	}
	return nil
}
