package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
)

func TestMigrateTwiceAndStatus(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	cur, latest, err := d.MigrationStatus(ctx)
	if err != nil || cur != latest || cur == 0 {
		t.Fatalf("status = %d/%d, %v", cur, latest, err)
	}
}

func TestRebind(t *testing.T) {
	d := dbtest.Open(t)
	q := d.Rebind("SELECT '?' , ? , ?")
	want := "SELECT '?' , ? , ?"
	if d.Engine() == db.Postgres {
		want = "SELECT '?' , $1 , $2"
	}
	if q != want {
		t.Fatalf("Rebind = %q, want %q", q, want)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	_, err := d.Exec(ctx, `INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, prev_hash, hash)
		VALUES (1, '2024-01-01T00:00:00.000Z', 'x', 'test', 't', '1', '', 'h')`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec(ctx, `UPDATE audit_log SET actor = 'y'`); err == nil {
		t.Fatal("update of audit_log succeeded")
	}
	if _, err := d.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("delete from audit_log succeeded")
	}
}

func TestOpenBadInput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("this is not a database at all, just text......"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{"", "mysql://x", filepath.Join(dir, "missing", "x.db"), dir, junk} {
		if d, err := db.Open(ctx, dsn); err == nil {
			d.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		} else if !errors.Is(err, db.ErrConfig) {
			t.Errorf("Open(%q) error %v is not ErrConfig", dsn, err)
		}
	}
}

func TestInTxRollsBack(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO instansi (code, name, kind, created_at) VALUES (?, ?, ?, ?)`, "1", "x", "k", "t"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM instansi`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("count = %d, %v", n, err)
	}
}
