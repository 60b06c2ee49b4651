package monitor

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Filter selects activities of one instansi for [List].
type Filter struct {
	InstansiID int64
	Flagged    *bool   // by the latest screening
	Platform   string  // exact (normalised) platform
	Kind       string  // exact kind
	OPDIDs     []int64 // when non-nil, only activities attributed to one of these units (scope or filter)
	EmployeeID int64   // when non-zero, only this employee's activities
	Attributed *bool   // true: attributed only; false: unattributed only
	Limit      int     // default 50, at most 1000
	Cursor     string  // from a previous page's Next
}

// Page is one page of activities, newest ingested first.
type Page struct {
	Items []Activity
	Total int
	Next  string // cursor of the next page; "" on the last page
}

const activitySelect = `SELECT a.id, a.instansi_id, a.platform, a.external_id, a.kind, a.author, a.author_key,
	a.author_id, a.text, a.context_text, a.media_captions, a.url, COALESCE(a.occurred_at, ''), a.source, a.ingested_at,
	COALESCE(a.purged_at, ''), a.flagged,
	COALESCE(a.account_id, 0), COALESCE(sa.handle, ''), COALESCE(a.employee_id, 0), COALESCE(e.name, ''),
	COALESCE(e.nip, ''), COALESCE(a.opd_id, 0), COALESCE(o.code, ''), COALESCE(o.name, ''),
	COALESCE(s.id, 0), COALESCE(s.election_version, 0), COALESCE(s.lexicon_version, ''), COALESCE(s.flagged, 0),
	COALESCE(s.score, 0), COALESCE(s.stance, ''), COALESCE(s.targets, '[]'), COALESCE(s.violation, ''),
	COALESCE(s.matches, '[]'), COALESCE(s.explanation, ''), COALESCE(s.screened_at, '')
FROM activity a
LEFT JOIN social_account sa ON sa.id = a.account_id
LEFT JOIN employee e ON e.id = a.employee_id
LEFT JOIN opd o ON o.id = a.opd_id
LEFT JOIN activity_screening s ON s.id = (SELECT MAX(s2.id) FROM activity_screening s2 WHERE s2.activity_id = a.id)`

func scanActivity(r interface{ Scan(...any) error }) (Activity, error) {
	var a Activity
	var captions *string
	var occurred, ingested, purged string
	var flagged int
	var at Attribution
	var s Screening
	var sFlagged int
	var targets, matches, screened string
	err := r.Scan(&a.ID, &a.InstansiID, &a.Platform, &a.ExternalID, &a.Kind, &a.Author, &a.AuthorKey, &a.AuthorID,
		&a.Text, &a.ContextText, &captions, &a.URL, &occurred, &a.Source, &ingested, &purged, &flagged,
		&at.AccountID, &at.Handle, &at.EmployeeID, &at.EmployeeName, &at.NIP, &at.OPDID, &at.OPDCode, &at.OPDName,
		&s.ID, &s.ElectionVersion, &s.LexiconVersion, &sFlagged, &s.Score, &s.Stance, &targets, &s.Violation,
		&matches, &s.Explanation, &screened)
	if err != nil {
		return a, err
	}
	if captions != nil {
		_ = json.Unmarshal([]byte(*captions), &a.MediaCaptions)
	}
	a.OccurredAt, a.IngestedAt, a.PurgedAt = clock.Parse(occurred), clock.Parse(ingested), clock.Parse(purged)
	a.Flagged = flagged != 0
	if at.EmployeeID != 0 {
		a.Attribution = &at
	}
	if s.ID != 0 {
		s.ActivityID, s.Flagged, s.ScreenedAt = a.ID, sFlagged != 0, clock.Parse(screened)
		_ = json.Unmarshal([]byte(targets), &s.Targets)
		_ = json.Unmarshal([]byte(matches), &s.Matches)
		a.Screening = &s
	}
	return a, nil
}

// List returns a page of activities, newest ingested first, each with its
// attribution and latest screening result.
func List(ctx context.Context, q db.Querier, f Filter) (Page, error) {
	var p Page
	where := ` WHERE a.instansi_id = ?`
	args := []any{f.InstansiID}
	if f.Flagged != nil {
		where += ` AND a.flagged = ?`
		args = append(args, flag(*f.Flagged))
	}
	if f.Platform != "" {
		where += ` AND a.platform = ?`
		args = append(args, NormalizePlatform(f.Platform))
	}
	if f.Kind != "" {
		where += ` AND a.kind = ?`
		args = append(args, f.Kind)
	}
	if f.OPDIDs != nil {
		if len(f.OPDIDs) == 0 {
			return p, nil
		}
		where += ` AND a.opd_id IN (` + strings.TrimSuffix(strings.Repeat("?,", len(f.OPDIDs)), ",") + `)`
		for _, id := range f.OPDIDs {
			args = append(args, id)
		}
	}
	if f.EmployeeID != 0 {
		where += ` AND a.employee_id = ?`
		args = append(args, f.EmployeeID)
	}
	if f.Attributed != nil {
		if *f.Attributed {
			where += ` AND a.employee_id IS NOT NULL`
		} else {
			where += ` AND a.employee_id IS NULL`
		}
	}
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM activity a`+where, args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("count activities: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	if f.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		id, perr := strconv.ParseInt(string(b), 10, 64)
		if err != nil || perr != nil || id <= 0 {
			return p, invalid("invalid cursor")
		}
		where += ` AND a.id < ?`
		args = append(args, id)
	}
	rows, err := q.Query(ctx, activitySelect+where+` ORDER BY a.id DESC LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return p, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return p, err
		}
		p.Items = append(p.Items, a)
	}
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		p.Next = base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(p.Items[limit-1].ID, 10)))
	}
	return p, rows.Err()
}

// Get returns one activity of an instansi with its attribution and latest
// screening result.
func Get(ctx context.Context, q db.Querier, instansiID, id int64) (Activity, error) {
	a, err := scanActivity(q.QueryRow(ctx, activitySelect+` WHERE a.instansi_id = ? AND a.id = ?`, instansiID, id))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return a, ErrNotFound
	}
	return a, err
}

// ByExternalID returns the activity of an instansi with a platform's record id.
func ByExternalID(ctx context.Context, q db.Querier, instansiID int64, platform, externalID string) (Activity, error) {
	a, err := scanActivity(q.QueryRow(ctx, activitySelect+` WHERE a.instansi_id = ? AND a.platform = ? AND a.external_id = ?`,
		instansiID, NormalizePlatform(platform), externalID))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return a, ErrNotFound
	}
	return a, err
}

// Screenings returns every screening result of an activity, oldest first.
func Screenings(ctx context.Context, q db.Querier, activityID int64) ([]Screening, error) {
	rows, err := q.Query(ctx, `SELECT id, election_version, lexicon_version, flagged, score, stance, targets, violation,
		matches, explanation, screened_at FROM activity_screening WHERE activity_id = ? ORDER BY id`, activityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Screening
	for rows.Next() {
		s := Screening{ActivityID: activityID}
		var flagged int
		var targets, matches, at string
		if err := rows.Scan(&s.ID, &s.ElectionVersion, &s.LexiconVersion, &flagged, &s.Score, &s.Stance, &targets,
			&s.Violation, &matches, &s.Explanation, &at); err != nil {
			return nil, err
		}
		s.Flagged, s.ScreenedAt = flagged != 0, clock.Parse(at)
		_ = json.Unmarshal([]byte(targets), &s.Targets)
		_ = json.Unmarshal([]byte(matches), &s.Matches)
		out = append(out, s)
	}
	return out, rows.Err()
}
