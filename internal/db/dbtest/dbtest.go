// Package dbtest gives tests a fresh, migrated Netral database: a SQLite file
// in a temporary directory by default, or a new database on the PostgreSQL
// server named by NETRAL_TEST_POSTGRES, so the whole suite runs on both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// EnvPostgres names the environment variable holding a PostgreSQL URL for tests.
const EnvPostgres = "NETRAL_TEST_POSTGRES"

// DSN returns a data-source name for a fresh, empty database and registers its
// removal with t.Cleanup.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		return filepath.Join(t.TempDir(), "netral-test.db")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "netral_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("dbtest: create database: %v", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	u.Path = "/" + name
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	return u.String()
}

// Open returns a fresh database with Netral's and River's migrations applied,
// closed at the end of the test.
func Open(t testing.TB) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, DSN(t))
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("dbtest: migrate: %v", err)
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return d
}
