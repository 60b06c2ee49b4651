package monitor

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/screen"
)

// An exception is a phrase an instansi has declared innocent, such as the
// name of a local football club that contains a party's symbol. A flagged
// screening result whose every entity match lies inside an occurrence of an
// active exception phrase (case-insensitive, in the original text of the
// same field) is stored as not flagged, with a note in its explanation.
//
// Exceptions belong to an election version (ElectionVersion.Exceptions):
// changing them stores no result and changes no stored result; the next
// ingest or re-screen stores a new version with the current exceptions
// ([EnsureElections]), and [Rescreen] then screens every activity again.

// Exception is one exception phrase of an instansi.
type Exception struct {
	ID         int64
	InstansiID int64
	Phrase     string
	Note       string
	Active     bool
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Limits of an exception phrase, in characters.
const (
	MinPhraseLen = 3
	MaxPhraseLen = 200
	maxNoteLen   = 500
)

// NormalizePhrase trims a phrase and collapses its white space to single spaces.
func NormalizePhrase(s string) string { return strings.Join(strings.Fields(s), " ") }

// phraseKey is the case-folded phrase: one exception per key and instansi.
func phraseKey(s string) string { return strings.ToLower(NormalizePhrase(s)) }

// ErrPhrase is returned for an exception phrase that is too short or too long.
var ErrPhrase = &invalidError{fmt.Sprintf("the phrase must have %d to %d characters", MinPhraseLen, MaxPhraseLen)}

const exceptionCols = `id, instansi_id, phrase, note, active, created_by, created_at, updated_at`

func scanException(r interface{ Scan(...any) error }) (Exception, error) {
	var x Exception
	var active int
	var created, updated string
	err := r.Scan(&x.ID, &x.InstansiID, &x.Phrase, &x.Note, &active, &x.CreatedBy, &created, &updated)
	x.Active, x.CreatedAt, x.UpdatedAt = active != 0, clock.Parse(created), clock.Parse(updated)
	return x, err
}

// Exceptions lists the exception phrases of an instansi: active ones
// first, then by phrase.
func Exceptions(ctx context.Context, q db.Querier, instansiID int64) ([]Exception, error) {
	rows, err := q.Query(ctx, `SELECT `+exceptionCols+` FROM review_exception WHERE instansi_id = ?
		ORDER BY active DESC, phrase_key`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("exceptions: %w", err)
	}
	defer rows.Close()
	var out []Exception
	for rows.Next() {
		x, err := scanException(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// activeExceptionPhrases returns the active phrases of an instansi, sorted
// by key (the form stored with an election version); nil when none.
func activeExceptionPhrases(ctx context.Context, q db.Querier, instansiID int64) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT phrase FROM review_exception WHERE instansi_id = ? AND active = 1
		ORDER BY phrase_key`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("exceptions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AddException adds an active exception phrase to an instansi, or
// activates the one with the same phrase (in any case) and replaces its
// note. Stored screening results are not changed.
func AddException(ctx context.Context, d *db.DB, actor audit.Actor, instansiID int64, phrase, note string) (Exception, error) {
	phrase, note = NormalizePhrase(phrase), strings.TrimSpace(note)
	if n := utf8.RuneCountInString(phrase); n < MinPhraseLen || n > MaxPhraseLen {
		return Exception{}, ErrPhrase
	}
	if utf8.RuneCountInString(note) > maxNoteLen {
		note = string([]rune(note)[:maxNoteLen])
	}
	var x Exception
	err := d.InTx(ctx, func(tx *db.Tx) error {
		now := clock.Format(time.Now())
		old, err := scanException(tx.QueryRow(ctx, `SELECT `+exceptionCols+` FROM review_exception
			WHERE instansi_id = ? AND phrase_key = ?`, instansiID, phraseKey(phrase)))
		var before any
		switch {
		case err == nil:
			before = exceptionAudit(old)
			if _, err := tx.Exec(ctx, `UPDATE review_exception SET note = ?, active = 1, updated_at = ? WHERE id = ?`,
				note, now, old.ID); err != nil {
				return err
			}
			x, phrase = old, old.Phrase // the phrase as first written
		case errors.Is(db.NoRows(err), db.ErrNotFound):
			if err := tx.QueryRow(ctx, `INSERT INTO review_exception (instansi_id, phrase, phrase_key, note, active,
				created_by, created_at, updated_at) VALUES (?,?,?,?,1,?,?,?) RETURNING id`, instansiID, phrase,
				phraseKey(phrase), note, actor.Name, now, now).Scan(&x.ID); err != nil {
				return err
			}
			x.InstansiID, x.CreatedBy, x.CreatedAt = instansiID, actor.Name, clock.Parse(now)
		default:
			return err
		}
		x.Phrase, x.Note, x.Active, x.UpdatedAt = phrase, note, true, clock.Parse(now)
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "review.exception_add",
			ObjectType: "review_exception", ObjectID: strconv.FormatInt(x.ID, 10), Before: before, After: exceptionAudit(x)})
	})
	if err != nil {
		return Exception{}, fmt.Errorf("add exception: %w", err)
	}
	return x, nil
}

// SetExceptionActive turns an exception of an instansi on or off;
// [ErrNotFound] when the instansi has no such exception.
func SetExceptionActive(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, id int64, active bool) (Exception, error) {
	var x Exception
	err := d.InTx(ctx, func(tx *db.Tx) error {
		old, err := scanException(tx.QueryRow(ctx, `SELECT `+exceptionCols+` FROM review_exception
			WHERE instansi_id = ? AND id = ?`, instansiID, id))
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		x = old
		if old.Active == active {
			return nil
		}
		now := clock.Format(time.Now())
		if _, err := tx.Exec(ctx, `UPDATE review_exception SET active = ?, updated_at = ? WHERE id = ?`, flag(active), now, id); err != nil {
			return err
		}
		x.Active, x.UpdatedAt = active, clock.Parse(now)
		action := "review.exception_off"
		if active {
			action = "review.exception_on"
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: action,
			ObjectType: "review_exception", ObjectID: strconv.FormatInt(id, 10), Before: exceptionAudit(old), After: exceptionAudit(x)})
	})
	return x, err
}

func exceptionAudit(x Exception) map[string]any {
	return map[string]any{"phrase": x.Phrase, "note": x.Note, "active": x.Active}
}

// exceptionSet is the compiled form of an election version's exceptions.
type exceptionSet struct{ phrases []string }

func newExceptionSet(phrases []string) exceptionSet {
	var x exceptionSet
	var keys []string
	for _, p := range phrases {
		if p = NormalizePhrase(p); p != "" && !slices.Contains(keys, phraseKey(p)) {
			keys = append(keys, phraseKey(p))
			x.phrases = append(x.phrases, p)
		}
	}
	return x
}

// apply turns a flagged result into a not-flagged one when every entity
// match of it lies inside an occurrence of an exception phrase.
func (x exceptionSet) apply(rec *screen.Record, res *screen.Result) {
	if len(x.phrases) == 0 || !res.Flagged || res.Error != "" {
		return
	}
	used := map[string]bool{}
	entities := 0
	occ := map[[2]int][][3]int{} // (field, caption index) → occurrences of every phrase, with the phrase index
	for _, m := range res.Matches {
		if m.Entity == "" {
			continue
		}
		entities++
		fi := fieldIndex(m.Field)
		key := [2]int{fi, m.Index}
		list, ok := occ[key]
		if !ok {
			v, ok := fieldValue(rec, m.Field, m.Index)
			if !ok {
				return
			}
			list = x.occurrences(v)
			occ[key] = list
		}
		covered := false
		for _, o := range list {
			if o[0] <= m.Start && m.End <= o[1] {
				covered = true
				used[x.phrases[o[2]]] = true
				break
			}
		}
		if !covered {
			return
		}
	}
	if entities == 0 {
		return
	}
	var names []string
	for _, p := range x.phrases {
		if used[p] {
			names = append(names, strconv.Quote(p))
		}
	}
	res.Explanation = fmt.Sprintf("Tidak ditandai karena pengecualian instansi: setiap sebutan peserta pemilu dalam "+
		"aktivitas ini berada di dalam frasa yang dinyatakan tidak bermuatan politik (%s). Sebelum pengecualian: "+
		"skor %s, %s", strings.Join(names, ", "), strconv.FormatFloat(res.Score, 'f', 2, 64), res.Explanation)
	res.Flagged, res.Score, res.Targets, res.Stance, res.Violation = false, 0, nil, screen.StanceNone, ""
}

func fieldIndex(f string) int {
	switch f {
	case screen.FieldText:
		return 0
	case screen.FieldContext:
		return 1
	}
	return 2
}

// fieldValue returns the original value a match points into.
func fieldValue(rec *screen.Record, field string, index int) (string, bool) {
	switch field {
	case screen.FieldText:
		return rec.Text, true
	case screen.FieldContext:
		return rec.ContextText, true
	case screen.FieldCaptions:
		if index >= 0 && index < len(rec.MediaCaptions) {
			return rec.MediaCaptions[index], true
		}
	}
	return "", false
}

// occurrences returns every occurrence [start, end, phrase index) of the
// phrases in v: case-insensitive (Unicode simple folding), a space of a
// phrase matching any run of white space, byte offsets into v.
func (x exceptionSet) occurrences(v string) [][3]int {
	var out [][3]int
	for i := 0; i < len(v); {
		for pi, p := range x.phrases {
			if end, ok := foldPrefix(v, i, p); ok {
				out = append(out, [3]int{i, end, pi})
			}
		}
		_, size := utf8.DecodeRuneInString(v[i:])
		i += size
	}
	return out
}

// foldPrefix reports whether v[i:] starts with phrase p (see occurrences)
// and where that occurrence ends.
func foldPrefix(v string, i int, p string) (int, bool) {
	k := i
	for j := 0; j < len(p); {
		pr, ps := utf8.DecodeRuneInString(p[j:])
		j += ps
		if k >= len(v) {
			return 0, false
		}
		vr, vs := utf8.DecodeRuneInString(v[k:])
		if pr == ' ' {
			if !unicode.IsSpace(vr) {
				return 0, false
			}
			for k < len(v) {
				vr, vs = utf8.DecodeRuneInString(v[k:])
				if !unicode.IsSpace(vr) {
					break
				}
				k += vs
			}
			continue
		}
		if !equalFoldRune(pr, vr) {
			return 0, false
		}
		k += vs
	}
	return k, true
}

func equalFoldRune(a, b rune) bool {
	if a == b {
		return true
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// versionScreener screens with an election version: its compiled
// screener, then its exceptions.
type versionScreener struct {
	scr *screen.Screener
	exc exceptionSet
}

// screenerFor returns the screener of an election version.
func screenerFor(v ElectionVersion) (*versionScreener, error) {
	scr, err := Screener(v)
	if err != nil {
		return nil, err
	}
	return &versionScreener{scr: scr, exc: newExceptionSet(v.Exceptions)}, nil
}

// Screen screens one record.
func (v *versionScreener) Screen(rec *screen.Record) screen.Result {
	res := v.scr.Screen(rec)
	v.exc.apply(rec, &res)
	return res
}
