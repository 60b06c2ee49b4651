package monitor

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/screen"
)

// Limits on record fields.
const (
	maxIDLen     = 500
	maxAuthorLen = 500
	maxURLLen    = 4000
)

// row is a checked, attributed and screened record, ready to store.
type row struct {
	err string // why the record is rejected; "" when it is fine

	platform, externalID, kind   string
	author, authorKey, authorID  string
	text, context, captions, url any // strings, or nil for absent
	occurred                     any // stored time, or nil
	target                       target
	attributed                   bool

	flagged                    bool
	score                      float64
	stance, targets, violation string
	matches, explanation       string
}

// prepareChunk decodes, checks, attributes and screens every record of c.
func prepareChunk(c *chunk, scr *versionScreener, at *Attributor) {
	c.out = make([]row, len(c.nums))
	for i := range c.nums {
		p := c.pre[i]
		if c.raw[i] != nil {
			p = jsonRecord(c.raw[i])
		}
		c.raw[i] = nil
		prepareRow(&c.out[i], &p, scr, at)
	}
	c.pre = nil
}

func prepareRow(rw *row, p *parsed, scr *versionScreener, at *Attributor) {
	rec := &p.rec
	rw.externalID = rec.ID
	if p.err != nil {
		rw.err = p.err.Error()
		return
	}
	rec.Platform = NormalizePlatform(rec.Platform)
	if err := checkRecord(rec); err != nil {
		rw.err = err.Error()
		return
	}
	res := scr.Screen(rec)
	if res.Error != "" {
		rw.err = res.Error
		return
	}
	rw.platform, rw.kind, rw.url = rec.Platform, rec.Kind, rec.URL
	rw.author, rw.authorKey, rw.authorID = rec.Author, AuthorKey(rec.Author), p.authorID
	if t := rec.Time(); !t.IsZero() {
		rw.occurred = clock.Format(t)
	}
	// Empty values are stored as absent: presence only matters for
	// validation, which the record has passed.
	if rec.Text != "" {
		rw.text = rec.Text
	}
	if rec.ContextText != "" {
		rw.context = rec.ContextText
	}
	if len(rec.MediaCaptions) > 0 {
		b, _ := json.Marshal(rec.MediaCaptions)
		rw.captions = string(b)
	}
	rw.target, rw.attributed = at.match(rec.Platform, rec.Author, rw.authorKey, p.authorID)
	setResult(rw, &res)
}

// checkRecord checks what the screener does not: lengths, the platform
// name and the time.
func checkRecord(rec *screen.Record) error {
	switch {
	case len(rec.ID) > maxIDLen:
		return fmt.Errorf("id longer than %d bytes", maxIDLen)
	case !validPlatform(rec.Platform):
		return fmt.Errorf("platform %q: want a lower-case name such as facebook, instagram, x, tiktok", rec.Platform)
	case len(rec.Author) > maxAuthorLen:
		return fmt.Errorf("author longer than %d bytes", maxAuthorLen)
	case len(rec.URL) > maxURLLen:
		return fmt.Errorf("url longer than %d bytes", maxURLLen)
	case rec.CreatedAt != "" && rec.Time().IsZero():
		return fmt.Errorf("created_at %q is not a time (want RFC 3339, e.g. 2024-10-02T19:04:00+07:00)", rec.CreatedAt)
	}
	return nil
}

func validPlatform(p string) bool {
	if p == "" || len(p) > 40 {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || (i > 0 && strings.IndexByte("._-", c) >= 0)) {
			return false
		}
	}
	return true
}

// setResult copies a screening result into rw in its stored form.
func setResult(rw *row, res *screen.Result) {
	rw.flagged, rw.score, rw.stance, rw.violation, rw.explanation = res.Flagged, res.Score, res.Stance, res.Violation, res.Explanation
	if rw.stance == "" {
		rw.stance = screen.StanceNone
	}
	rw.targets = "[]"
	if len(res.Targets) > 0 {
		b, _ := json.Marshal(res.Targets)
		rw.targets = string(b)
	}
	rw.matches = "[]"
	if len(res.Matches) > 0 {
		ms := make([]Match, len(res.Matches))
		for i, m := range res.Matches {
			ms[i] = Match{Field: m.Field, Index: m.Index, Start: m.Start, End: m.End, Term: m.Term, Entity: m.Entity, Signal: m.Signal}
		}
		b, _ := json.Marshal(ms)
		rw.matches = string(b)
	}
}
