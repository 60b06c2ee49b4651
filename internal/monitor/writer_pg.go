package monitor

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL a batch is sent with COPY into a temporary table and moved
// into place by one statement: far less work for the server than binding
// thousands of parameters.

// pgStageColumns are the temporary table's columns, in CopyFrom order.
var pgStageColumns = []string{"platform", "external_id", "kind", "author", "author_key", "author_id", "text",
	"context_text", "media_captions", "url", "occurred_at", "account_id", "employee_id", "opd_id", "flagged",
	"score", "stance", "targets", "violation", "matches", "explanation"}

const pgStageTable = `CREATE TEMP TABLE IF NOT EXISTS monitor_stage (
	platform TEXT, external_id TEXT, kind TEXT, author TEXT, author_key TEXT, author_id TEXT, text TEXT,
	context_text TEXT, media_captions TEXT, url TEXT, occurred_at TEXT, account_id BIGINT, employee_id BIGINT,
	opd_id BIGINT, flagged INTEGER, score DOUBLE PRECISION, stance TEXT, targets TEXT, violation TEXT, matches TEXT,
	explanation TEXT) ON COMMIT DELETE ROWS`

// pgMoveSQL inserts the staged rows that are new, their screening results
// and the review items of the flagged ones, and counts them.
func (w *writer) pgMoveSQL() string {
	return `WITH ins AS (
	INSERT INTO activity (instansi_id, source, ingested_at, platform, external_id, kind, author, author_key, author_id,
		text, context_text, media_captions, url, occurred_at, account_id, employee_id, opd_id, flagged)
	SELECT $1, $2, $3, platform, external_id, kind, author, author_key, author_id, text, context_text, media_captions,
		url, occurred_at, account_id, employee_id, opd_id, flagged FROM monitor_stage
	ON CONFLICT (instansi_id, platform, external_id) DO NOTHING
	RETURNING id, platform, external_id, flagged, employee_id
), scr AS (
	INSERT INTO activity_screening (election_version, lexicon_version, screened_at, activity_id, flagged, score, stance,
		targets, violation, matches, explanation)
	SELECT $4, $5, $3, ins.id, s.flagged, s.score, s.stance, s.targets, s.violation, s.matches, s.explanation
	FROM ins JOIN monitor_stage s ON s.platform = ins.platform AND s.external_id = ins.external_id
	ON CONFLICT (activity_id, election_version) DO NOTHING
), rev AS (
	INSERT INTO review_item (instansi_id, activity_id, status, created_at, updated_at)
	SELECT $1, ins.id, 'new', $3, $3 FROM ins WHERE ins.flagged = 1
	ON CONFLICT (activity_id) DO NOTHING
)
SELECT COUNT(*), COALESCE(SUM(flagged), 0), COUNT(employee_id) FROM ins`
}

// writePG stores uniq (no two rows with the same key) in one transaction.
func (w *writer) writePG(ctx context.Context, uniq []*row) (added, flagged, attributed int, err error) {
	conn, err := w.d.W.Conn(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("not a pgx connection")
		}
		pc := sc.Conn()
		if _, err := pc.Exec(ctx, pgStageTable); err != nil {
			return fmt.Errorf("stage table: %w", err)
		}
		return pgx.BeginFunc(ctx, pc, func(tx pgx.Tx) error {
			src := pgx.CopyFromSlice(len(uniq), func(i int) ([]any, error) {
				rw := uniq[i]
				t := rw.target
				return []any{rw.platform, rw.externalID, rw.kind, rw.author, rw.authorKey, rw.authorID, rw.text,
					rw.context, rw.captions, rw.url, rw.occurred, optTarget(t.account, rw.attributed),
					optTarget(t.employee, rw.attributed), optTarget(t.opd, rw.attributed), flag(rw.flagged),
					rw.score, rw.stance, rw.targets, rw.violation, rw.matches, rw.explanation}, nil
			})
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"monitor_stage"}, pgStageColumns, src); err != nil {
				return fmt.Errorf("copy: %w", err)
			}
			var a, f, at int64
			if err := tx.QueryRow(ctx, w.pgMoveSQL(), w.instansi, w.source, w.ingested, w.ver.Version,
				w.ver.Lexicon).Scan(&a, &f, &at); err != nil {
				return err
			}
			added, flagged, attributed = int(a), int(f), int(at)
			return nil
		})
	})
	return added, flagged, attributed, err
}
