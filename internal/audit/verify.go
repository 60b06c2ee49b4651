package audit

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// ChainError names the first entry at which the chain breaks.
type ChainError struct {
	Seq    int64  // the sequence number of the first bad entry (or the expected one when missing)
	Reason string // what is wrong, in English
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("audit chain broken at entry %d: %s", e.Seq, e.Reason)
}

const selectEntries = `SELECT seq, at, instansi_id, actor_id, actor, action, object_type, object_id,
	before_json, after_json, ip, prev_hash, hash FROM audit_log`

func scanEntry(rows interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var at string
	var inst, actor sql.NullInt64
	err := rows.Scan(&e.Seq, &at, &inst, &actor, &e.Actor, &e.Action, &e.ObjectType, &e.ObjectID,
		&e.Before, &e.After, &e.IP, &e.PrevHash, &e.Hash)
	e.At, e.InstansiID, e.ActorID = clock.Parse(at), inst.Int64, actor.Int64
	return e, err
}

// Verify walks the whole chain in order. It returns the number of entries
// checked, and a *ChainError for the first entry that was altered, removed or
// reordered (including entries cut from the end, via the chain head).
func Verify(ctx context.Context, d *db.DB) (int64, error) {
	rows, err := d.Query(ctx, selectEntries+` ORDER BY seq`)
	if err != nil {
		return 0, fmt.Errorf("audit: read log: %w", err)
	}
	defer rows.Close()
	var n, want int64 = 0, 1
	prev := ""
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return n, fmt.Errorf("audit: read entry: %w", err)
		}
		switch {
		case e.Seq != want:
			return n, &ChainError{Seq: want, Reason: fmt.Sprintf("entry %d is missing (next present is %d)", want, e.Seq)}
		case e.PrevHash != prev:
			return n, &ChainError{Seq: e.Seq, Reason: "previous-hash link does not match the entry before it (removed or reordered)"}
		case e.ComputeHash() != e.Hash:
			return n, &ChainError{Seq: e.Seq, Reason: "content does not match its hash (altered)"}
		}
		prev, want = e.Hash, want+1
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("audit: read log: %w", err)
	}
	var headSeq int64
	var headHash string
	if err := d.QueryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return n, fmt.Errorf("audit: read chain head: %w", err)
	}
	if headSeq != n || headHash != prev {
		return n, &ChainError{Seq: n + 1, Reason: fmt.Sprintf("chain head says %d entries, log has %d (entries removed from the end)", headSeq, n)}
	}
	return n, nil
}

// Filter selects entries for [List].
type Filter struct {
	InstansiID int64  // required: entries of this instansi only
	ObjectType string // optional
	ObjectID   string // optional
	BeforeSeq  int64  // paging: entries with seq below this; 0 for the newest
	Limit      int
}

// List returns entries newest first.
func List(ctx context.Context, d *db.DB, f Filter) ([]Entry, error) {
	q := selectEntries + ` WHERE instansi_id = ?`
	args := []any{f.InstansiID}
	if f.ObjectType != "" {
		q += ` AND object_type = ?`
		args = append(args, f.ObjectType)
	}
	if f.ObjectID != "" {
		q += ` AND object_id = ?`
		args = append(args, f.ObjectID)
	}
	if f.BeforeSeq > 0 {
		q += ` AND seq < ?`
		args = append(args, f.BeforeSeq)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q += fmt.Sprintf(` ORDER BY seq DESC LIMIT %d`, f.Limit)
	rows, err := d.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
