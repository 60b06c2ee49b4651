package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Tx is a write transaction with the engine-aware helpers of [DB].
type Tx struct {
	*sql.Tx
	db *DB
}

// Querier is what both [*DB] reads and [*Tx] offer: rebinding query helpers.
type Querier interface {
	Exec(ctx context.Context, q string, args ...any) (sql.Result, error)
	Query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, q string, args ...any) *sql.Row
	Engine() Engine
}

// Exec runs a statement on the writer pool.
func (d *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.W.ExecContext(ctx, d.Rebind(q), args...)
}

// Query runs a query on the reader pool.
func (d *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.R.QueryContext(ctx, d.Rebind(q), args...)
}

// QueryRow runs a one-row query on the reader pool.
func (d *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return d.R.QueryRowContext(ctx, d.Rebind(q), args...)
}

// Exec runs a statement inside the transaction.
func (t *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, t.db.Rebind(q), args...)
}

// Query runs a query inside the transaction.
func (t *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, t.db.Rebind(q), args...)
}

// QueryRow runs a one-row query inside the transaction.
func (t *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, t.db.Rebind(q), args...)
}

// Engine reports the engine of the transaction's database.
func (t *Tx) Engine() Engine { return t.db.engine }

// InTx runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise (also on panic). On SQLite the transaction starts
// with BEGIN IMMEDIATE, so it holds the write lock from the start.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	stx, err := d.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{Tx: stx, db: d}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = stx.Rollback()
			return
		}
		if cerr := stx.Commit(); cerr != nil {
			err = fmt.Errorf("commit: %w", cerr)
		}
	}()
	return fn(tx)
}

// ErrNotFound is returned by lookups that find no row.
var ErrNotFound = errors.New("not found")

// IsUniqueViolation reports whether err is a unique-constraint violation on either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") ||
		strings.Contains(s, "duplicate key value")
}

// NoRows maps sql.ErrNoRows to [ErrNotFound] and passes other errors through.
func NoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
