package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/netral-asn/netral/internal/db"
)

// migrateLockKey is the PostgreSQL advisory lock (an arbitrary constant, not
// River's) that keeps app nodes starting together from running River's
// migrations concurrently.
const migrateLockKey int64 = 0x6e657472616c_01 // "netral" + 1

// Migrate applies River's own pending migrations (its river_* tables) to d,
// with River's migrator for d's engine. It is idempotent: call it after
// [db.DB.Migrate] whenever the database is opened. Applied versions are
// logged like Netral's own migrations.
func Migrate(ctx context.Context, d *db.DB) error {
	quiet := &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)}
	var res *rivermigrate.MigrateResult
	switch d.Engine() {
	case db.SQLite:
		m, err := rivermigrate.New[*sql.Tx](riversqlite.New(d.W), quiet)
		if err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		if res, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
	case db.Postgres:
		pool, err := openPGPool(d.DSN(), 3)
		if err != nil {
			return err
		}
		defer pool.Close()
		// River's migrator takes no lock: hold a session advisory lock on
		// one connection while it migrates on others.
		lc, err := pool.Acquire(ctx)
		if err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		defer lc.Release()
		if _, err := lc.Exec(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
			return fmt.Errorf("river migrate: lock: %w", err)
		}
		defer lc.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey) //nolint:errcheck // released with the session anyway
		m, err := rivermigrate.New[pgx.Tx](riverpgxv5.New(pool), quiet)
		if err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		if res, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
	default:
		return fmt.Errorf("river migrate: unsupported engine %q", d.Engine())
	}
	for _, v := range res.Versions {
		slog.Info("river migration applied", "version", v.Version, "name", v.Name, "took", v.Duration)
	}
	return nil
}
