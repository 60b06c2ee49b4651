package audit_test

import (
	"context"
	"errors"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
)

func seed(t *testing.T, d *db.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, audit.Actor{UserID: 0, Name: "tester", IP: "127.0.0.1"}, audit.Event{
				Action: "thing.update", ObjectType: "thing", ObjectID: "7",
				Before: map[string]int{"v": i}, After: map[string]int{"v": i + 1},
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs raw SQL with the append-only triggers out of the way, as an
// attacker with database access could.
func tamper(t *testing.T, d *db.DB, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	pre, post := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}, []string(nil)
	if d.Engine() == db.Postgres {
		pre = []string{"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"}
		post = []string{"ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change"}
	}
	for _, s := range append(append(pre, stmts...), post...) {
		if _, err := d.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestVerify(t *testing.T) {
	cases := []struct {
		name    string
		stmts   []string
		wantSeq int64 // 0: chain intact
	}{
		{"intact", nil, 0},
		{"altered", []string{"UPDATE audit_log SET after_json = '{\"v\":99}' WHERE seq = 3"}, 3},
		{"removed", []string{"DELETE FROM audit_log WHERE seq = 2"}, 2},
		{"removed last", []string{"DELETE FROM audit_log WHERE seq = 5"}, 5},
		{"reordered", []string{
			"UPDATE audit_log SET seq = 100 WHERE seq = 3",
			"UPDATE audit_log SET seq = 3 WHERE seq = 4",
			"UPDATE audit_log SET seq = 4 WHERE seq = 100"}, 3},
		{"actor changed", []string{"UPDATE audit_log SET actor = 'someone else' WHERE seq = 4"}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := dbtest.Open(t)
			seed(t, d, 5)
			if c.stmts != nil {
				tamper(t, d, c.stmts...)
			}
			n, err := audit.Verify(context.Background(), d)
			var ce *audit.ChainError
			if c.wantSeq == 0 {
				if err != nil || n != 5 {
					t.Fatalf("Verify = %d, %v", n, err)
				}
				return
			}
			if !errors.As(err, &ce) {
				t.Fatalf("Verify error = %v, want ChainError", err)
			}
			if ce.Seq != c.wantSeq {
				t.Fatalf("first bad entry = %d (%s), want %d", ce.Seq, ce.Reason, c.wantSeq)
			}
		})
	}
}

func TestRecordRollsBackWithChange(t *testing.T) {
	d := dbtest.Open(t)
	seed(t, d, 1)
	ctx := context.Background()
	_ = d.InTx(ctx, func(tx *db.Tx) error {
		if err := audit.Record(ctx, tx, audit.System("test"), audit.Event{Action: "x", ObjectType: "t", ObjectID: "1"}); err != nil {
			t.Fatal(err)
		}
		return errors.New("abort")
	})
	seed(t, d, 1)
	if n, err := audit.Verify(ctx, d); err != nil || n != 2 {
		t.Fatalf("Verify = %d, %v", n, err)
	}
}
