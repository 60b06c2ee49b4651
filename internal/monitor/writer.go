package monitor

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// stmtRows is the number of rows per multi-row INSERT: 500 × 15 parameters
// stays well below both engines' limits (SQLite 32766, PostgreSQL 65535).
const stmtRows = 500

// writer stores batches of prepared rows. The columns that are the same for
// every row of an ingest (instansi, source, times, lexicon) are literals of
// the statement, so each row binds only its own values.
type writer struct {
	d        *db.DB
	instansi int64
	source   string
	ver      ElectionVersion
	ingested string
	sql      map[int][2]string // per row count: activity INSERT, screening INSERT
	stmts    [2]*sql.Stmt      // the full-size statements, prepared once
}

func newWriter(d *db.DB, instansiID int64, source string, ver ElectionVersion, now time.Time) *writer {
	return &writer{d: d, instansi: instansiID, source: source, ver: ver, ingested: clock.Format(now),
		sql: map[int][2]string{}}
}

func (w *writer) close() {
	for _, st := range w.stmts {
		if st != nil {
			st.Close()
		}
	}
}

// prepare prepares the full-size statements, once. It must run outside a
// transaction: on SQLite the writer pool has a single connection.
func (w *writer) prepare(ctx context.Context) error {
	if w.stmts[0] != nil {
		return nil
	}
	a, s := w.statements(stmtRows)
	for i, q := range []string{a, s} {
		st, err := w.d.W.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		w.stmts[i] = st
	}
	return nil
}

// stmt returns the prepared statement i (0 activity, 1 screening) bound to
// tx for a full-size part, or nil for another row count.
func (w *writer) stmt(ctx context.Context, tx *db.Tx, i, n int) *sql.Stmt {
	if n != stmtRows || w.stmts[i] == nil {
		return nil
	}
	return tx.Tx.StmtContext(ctx, w.stmts[i])
}

// sqlFor returns statement i (0 activity, 1 screening) for n rows.
func (w *writer) sqlFor(i, n int) string {
	a, s := w.statements(n)
	if i == 1 {
		return s
	}
	return a
}

// query runs statement i for n rows inside tx, prepared when it has the full size.
func (w *writer) query(ctx context.Context, tx *db.Tx, i, n int, args []any) (*sql.Rows, error) {
	if st := w.stmt(ctx, tx, i, n); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, w.sqlFor(i, n), args...)
}

// exec is query for statements without results.
func (w *writer) exec(ctx context.Context, tx *db.Tx, i, n int, args []any) error {
	var err error
	if st := w.stmt(ctx, tx, i, n); st != nil {
		_, err = st.ExecContext(ctx, args...)
	} else {
		_, err = tx.Tx.ExecContext(ctx, w.sqlFor(i, n), args...)
	}
	return err
}

// quote makes a SQL string literal of a value known to be plain (digits,
// letters, a stored time).
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// statements returns the two INSERTs for n rows.
func (w *writer) statements(n int) (string, string) {
	if s, ok := w.sql[n]; ok {
		return s[0], s[1]
	}
	inst, src, at := strconv.FormatInt(w.instansi, 10), quote(w.source), quote(w.ingested)
	var a strings.Builder
	a.WriteString(`INSERT INTO activity (instansi_id, source, ingested_at, platform, external_id, kind, author, author_key,
		author_id, text, context_text, media_captions, url, occurred_at, account_id, employee_id, opd_id, flagged) VALUES `)
	for i := range n {
		if i > 0 {
			a.WriteByte(',')
		}
		a.WriteString("(" + inst + "," + src + "," + at + ",?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
	}
	a.WriteString(` ON CONFLICT (instansi_id, platform, external_id) DO NOTHING RETURNING id, platform, external_id`)
	var s strings.Builder
	ev, lex := strconv.Itoa(w.ver.Version), quote(w.ver.Lexicon)
	s.WriteString(`INSERT INTO activity_screening (election_version, lexicon_version, screened_at, activity_id, flagged,
		score, stance, targets, violation, matches, explanation) VALUES `)
	for i := range n {
		if i > 0 {
			s.WriteByte(',')
		}
		s.WriteString("(" + ev + "," + lex + "," + at + ",?,?,?,?,?,?,?,?)")
	}
	s.WriteString(` ON CONFLICT (activity_id, election_version) DO NOTHING`)
	out := [2]string{w.d.Rebind(a.String()), w.d.Rebind(s.String())}
	w.sql[n] = out
	return out[0], out[1]
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func optTarget(id int64, ok bool) any {
	if !ok {
		return nil
	}
	return id
}

// write stores one batch in one transaction and adds its counts to rep.
func (w *writer) write(ctx context.Context, batch []*row, rep *Report) error {
	// A record repeated within the batch is a duplicate of its first occurrence.
	uniq := make([]*row, 0, len(batch))
	seen := make(map[string]struct{}, len(batch))
	for _, rw := range batch {
		k := rw.platform + "\x00" + rw.externalID
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		uniq = append(uniq, rw)
	}
	var added, flagged, attributed int
	var err error
	if w.d.Engine() == db.Postgres {
		added, flagged, attributed, err = w.writePG(ctx, uniq)
	} else {
		added, flagged, attributed, err = w.writeSQLite(ctx, uniq)
	}
	if err != nil {
		return fmt.Errorf("store activities: %w", err)
	}
	rep.New += added
	rep.Duplicates += len(batch) - added
	rep.Flagged += flagged
	rep.Attributed += attributed
	return nil
}

// writeSQLite stores uniq in one transaction with multi-row INSERTs.
func (w *writer) writeSQLite(ctx context.Context, uniq []*row) (added, flagged, attributed int, err error) {
	if len(uniq) >= stmtRows {
		if err := w.prepare(ctx); err != nil {
			return 0, 0, 0, err
		}
	}
	err = w.d.InTx(ctx, func(tx *db.Tx) error {
		added, flagged, attributed = 0, 0, 0
		for start := 0; start < len(uniq); start += stmtRows {
			part := uniq[start:min(start+stmtRows, len(uniq))]
			n, f, a, err := w.writePart(ctx, tx, part)
			if err != nil {
				return err
			}
			added, flagged, attributed = added+n, flagged+f, attributed+a
		}
		return nil
	})
	return added, flagged, attributed, err
}

func (w *writer) writePart(ctx context.Context, tx *db.Tx, part []*row) (added, flagged, attributed int, err error) {
	args := make([]any, 0, len(part)*15)
	index := make(map[string]*row, len(part))
	for _, rw := range part {
		index[rw.platform+"\x00"+rw.externalID] = rw
		t := rw.target
		args = append(args, rw.platform, rw.externalID, rw.kind, rw.author, rw.authorKey, rw.authorID, rw.text,
			rw.context, rw.captions, rw.url, rw.occurred, optTarget(t.account, rw.attributed),
			optTarget(t.employee, rw.attributed), optTarget(t.opd, rw.attributed), flag(rw.flagged))
	}
	rows, err := w.query(ctx, tx, 0, len(part), args)
	if err != nil {
		return 0, 0, 0, err
	}
	ids := make(map[*row]int64, len(part))
	for rows.Next() {
		var id int64
		var platform, ext string
		if err := rows.Scan(&id, &platform, &ext); err != nil {
			rows.Close()
			return 0, 0, 0, err
		}
		if rw := index[platform+"\x00"+ext]; rw != nil {
			ids[rw] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, 0, err
	}
	if len(ids) == 0 {
		return 0, 0, 0, nil
	}
	args = args[:0]
	var review []int64
	for _, rw := range part { // input order
		id, ok := ids[rw]
		if !ok {
			continue
		}
		args = append(args, id, flag(rw.flagged), rw.score, rw.stance, rw.targets, rw.violation, rw.matches, rw.explanation)
		if rw.flagged {
			flagged++
			review = append(review, id)
		}
		if rw.attributed {
			attributed++
		}
	}
	if err := w.exec(ctx, tx, 1, len(ids), args); err != nil {
		return 0, 0, 0, err
	}
	if err := w.addReviewItems(ctx, tx, review); err != nil {
		return 0, 0, 0, err
	}
	return len(ids), flagged, attributed, nil
}
