// Package audit keeps Netral's append-only, hash-chained audit trail: every
// change (who, when, what, before and after) and every view of a sensitive
// record. Each entry's hash covers its content and the previous entry's hash,
// so [Verify] detects an entry that was altered, removed or reordered.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Actor is who did something: a signed-in user, an API token's owner, or the
// system itself (a command-line run, a background job).
type Actor struct {
	UserID     int64  // 0 for the system
	Name       string // user name, or e.g. "cli:import" for the system
	InstansiID int64  // the actor's instansi, 0 for none
	IP         string // remote address for web and API requests
}

// System returns an actor for command-line and background work.
func System(name string) Actor { return Actor{Name: "system:" + name} }

// Entry is one line of the audit trail.
type Entry struct {
	Seq        int64
	At         time.Time
	InstansiID int64 // 0 when the entry concerns no single instansi
	ActorID    int64
	Actor      string
	Action     string // e.g. "employee.update", "employee.view", "user.login"
	ObjectType string // e.g. "employee"
	ObjectID   string
	Before     string // JSON of the record before the change, "" for none
	After      string // JSON after the change, "" for none
	IP         string
	PrevHash   string
	Hash       string
}

// Event describes what to record; [Record] fills in the rest.
type Event struct {
	InstansiID int64
	Action     string
	ObjectType string
	ObjectID   string
	Before     any // marshalled to JSON when non-nil
	After      any
}

// Record appends an entry for ev by actor inside tx, so the entry commits or
// rolls back with the change it describes. Appends are serialised through
// the chain head row.
func Record(ctx context.Context, tx *db.Tx, actor Actor, ev Event) error {
	before, err := marshal(ev.Before)
	if err != nil {
		return fmt.Errorf("audit: before: %w", err)
	}
	after, err := marshal(ev.After)
	if err != nil {
		return fmt.Errorf("audit: after: %w", err)
	}
	e := Entry{
		At: time.Now().UTC().Truncate(time.Millisecond), InstansiID: ev.InstansiID,
		ActorID: actor.UserID, Actor: actor.Name, Action: ev.Action,
		ObjectType: ev.ObjectType, ObjectID: ev.ObjectID, Before: before, After: after, IP: actor.IP,
	}
	if instansi := actor.InstansiID; e.InstansiID == 0 {
		e.InstansiID = instansi
	}
	// Taking the head row locks it until commit (row lock on PostgreSQL; the
	// write lock is already held on SQLite), which keeps the chain linear.
	if err := tx.QueryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).
		Scan(&e.Seq, &e.PrevHash); err != nil {
		return fmt.Errorf("audit: lock chain head: %w", err)
	}
	e.Hash = e.ComputeHash()
	if _, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, at, instansi_id, actor_id, actor, action, object_type,
		object_id, before_json, after_json, ip, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.Seq, clock.Format(e.At), nullID(e.InstansiID), nullID(e.ActorID), e.Actor, e.Action, e.ObjectType,
		e.ObjectID, e.Before, e.After, e.IP, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_head SET hash = ? WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("audit: move chain head: %w", err)
	}
	return nil
}

// RecordNow records ev in a transaction of its own: for views and sign-ins,
// which change nothing else.
func RecordNow(ctx context.Context, d *db.DB, actor Actor, ev Event) error {
	return d.InTx(ctx, func(tx *db.Tx) error { return Record(ctx, tx, actor, ev) })
}

// ComputeHash returns the SHA-256 over the entry's previous hash and content.
func (e *Entry) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash, strconv.FormatInt(e.Seq, 10), clock.Format(e.At), strconv.FormatInt(e.InstansiID, 10),
		strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Before, e.After, e.IP,
	} {
		// Length-prefixing makes the encoding unambiguous.
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func marshal(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
