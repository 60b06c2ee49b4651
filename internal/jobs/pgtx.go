package jobs

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// River's PostgreSQL driver takes a pgx.Tx for transactional inserts, while
// Netral's transactions are database/sql transactions over pgx's stdlib
// driver, and database/sql does not hand out the connection beneath a
// *sql.Tx. pgx offers one documented way in: a QueryRewriter passed as the
// first argument of a statement is called with the *pgx.Conn that runs it.
// withPgxTx runs a trivial statement on the transaction with such an
// argument and, inside the rewriter — while database/sql holds the
// connection for that statement, so nothing else can use or roll back the
// transaction meanwhile — lets fn use the connection through borrowedTx, a
// pgx.Tx that runs statements in the open transaction and leaves committing
// and rolling back to the *sql.Tx's owner.

// errNotPgx is returned when the transaction's driver is not pgx's stdlib.
var errNotPgx = errors.New("InsertTx on PostgreSQL needs the pgx database/sql driver")

// withPgxTx calls fn with a pgx.Tx running in tx.
func withPgxTx(ctx context.Context, tx *sql.Tx, fn func(pgx.Tx) error) error {
	h := &connHook{fn: fn}
	_, err := tx.ExecContext(ctx, "SELECT 1", h)
	switch {
	case h.called:
		return h.err // fn's own error, not pgx's "rewrite query failed" wrapping
	case err != nil:
		return err
	default:
		return errNotPgx
	}
}

type connHook struct {
	fn     func(pgx.Tx) error
	called bool
	err    error
}

// RewriteQuery implements pgx.QueryRewriter.
func (h *connHook) RewriteQuery(_ context.Context, conn *pgx.Conn, sql string, args []any) (string, []any, error) {
	h.called = true
	n := 0
	h.err = h.fn(&borrowedTx{conn: conn, n: &n})
	if h.err != nil {
		return "", nil, h.err
	}
	return sql, args, nil
}

// errBorrowed is returned by Commit and Rollback of the borrowed outer
// transaction.
var errBorrowed = errors.New("jobs: the transaction belongs to a db.Tx: commit or roll back that")

// borrowedTx is a pgx.Tx over a connection whose transaction someone else
// owns. At the top level (savepoint == "") Commit and Rollback refuse; Begin
// opens a savepoint, which the returned borrowedTx releases or rolls back to.
type borrowedTx struct {
	conn      *pgx.Conn
	savepoint string
	n         *int // savepoints opened so far, for unique names
	closed    bool
}

func (t *borrowedTx) Begin(ctx context.Context) (pgx.Tx, error) {
	if t.closed {
		return nil, pgx.ErrTxClosed
	}
	*t.n++
	name := "netral_jobs_" + strconv.Itoa(*t.n)
	if _, err := t.conn.Exec(ctx, "SAVEPOINT "+name); err != nil {
		return nil, err
	}
	return &borrowedTx{conn: t.conn, savepoint: name, n: t.n}, nil
}

func (t *borrowedTx) Commit(ctx context.Context) error {
	if t.savepoint == "" {
		return errBorrowed
	}
	if t.closed {
		return pgx.ErrTxClosed
	}
	t.closed = true
	_, err := t.conn.Exec(ctx, "RELEASE SAVEPOINT "+t.savepoint)
	return err
}

func (t *borrowedTx) Rollback(ctx context.Context) error {
	if t.savepoint == "" {
		return errBorrowed
	}
	if t.closed {
		return pgx.ErrTxClosed
	}
	t.closed = true
	_, err := t.conn.Exec(ctx, "ROLLBACK TO SAVEPOINT "+t.savepoint)
	return err
}

func (t *borrowedTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	return t.conn.CopyFrom(ctx, table, cols, src)
}

func (t *borrowedTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.conn.SendBatch(ctx, b)
}

// LargeObjects is not supported: pgx builds pgx.LargeObjects only for its
// own transactions, and River does not use it.
func (t *borrowedTx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

func (t *borrowedTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return t.conn.Prepare(ctx, name, sql)
}

func (t *borrowedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.conn.Exec(ctx, sql, args...)
}

func (t *borrowedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.conn.Query(ctx, sql, args...)
}

func (t *borrowedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.conn.QueryRow(ctx, sql, args...)
}

func (t *borrowedTx) Conn() *pgx.Conn { return t.conn }
