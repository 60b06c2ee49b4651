package notify

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// OutboxEntry is a message as the outbox page shows it: never the address of
// a private recipient.
type OutboxEntry struct {
	ID         int64
	Recipient  string // "" when Private
	Private    bool
	Template   string
	Subject    string
	ObjectType string
	ObjectID   string
	Status     string
	Attempts   int
	LastError  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	SentAt     time.Time
}

// OutboxFilter selects the messages of [List].
type OutboxFilter struct {
	Status string // one status, or "" for all
	Limit  int    // 0: 100; at most 500
}

// List returns the messages of an instansi, newest first.
func List(ctx context.Context, q db.Querier, instansiID int64, f OutboxFilter) ([]OutboxEntry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 500)
	query := `SELECT id, recipient, private, template, subject, object_type, object_id, status, attempts, last_error,
		created_at, updated_at, sent_at FROM email_outbox WHERE instansi_id = ?`
	args := []any{instansiID}
	if f.Status != "" {
		query += ` AND status = ?`
		args = append(args, f.Status)
	}
	query += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("notify: list outbox: %w", err)
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var private int
		var created, updated string
		var sent sql.NullString
		if err := rows.Scan(&e.ID, &e.Recipient, &private, &e.Template, &e.Subject, &e.ObjectType, &e.ObjectID, &e.Status,
			&e.Attempts, &e.LastError, &created, &updated, &sent); err != nil {
			return nil, fmt.Errorf("notify: list outbox: %w", err)
		}
		e.Private = private == 1
		if e.Private {
			e.Recipient = ""
		}
		e.CreatedAt, e.UpdatedAt, e.SentAt = clock.Parse(created), clock.Parse(updated), clock.Parse(sent.String)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Counts returns how many messages of the instansi are in each status.
func Counts(ctx context.Context, q db.Querier, instansiID int64) (map[string]int, error) {
	rows, err := q.Query(ctx, `SELECT status, COUNT(*) FROM email_outbox WHERE instansi_id = ? GROUP BY status`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("notify: count outbox: %w", err)
	}
	defer rows.Close()
	out := map[string]int{StatusPending: 0, StatusSent: 0, StatusFailed: 0, StatusNotConfigured: 0}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}
