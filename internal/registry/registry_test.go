package registry_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

var actor = audit.Actor{UserID: 0, Name: "system:test", IP: "127.0.0.1"}

// fixture is a fresh database with two kabupaten instansi.
type fixture struct {
	d    *db.DB
	s    *registry.Store
	a, b tenant.Instansi
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: dbtest.Open(t)}
	f.s = &registry.Store{DB: f.d}
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if f.a, err = tenant.Create(ctx, tx, actor, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten); err != nil {
			return err
		}
		f.b, err = tenant.Create(ctx, tx, actor, "33.01", "Kabupaten Cilacap", tenant.KindKabupaten)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		if _, err := audit.Verify(context.Background(), f.d); err != nil {
			t.Errorf("audit.Verify at the end of the test: %v", err)
		}
	})
	return f
}

func (f *fixture) opd(t *testing.T, inst int64, code, name string, parent int64) registry.OPD {
	t.Helper()
	o, err := f.s.SaveOPD(context.Background(), actor, registry.OPD{InstansiID: inst, Code: code, Name: name, Kind: "dinas", ParentID: parent})
	if err != nil {
		t.Fatalf("SaveOPD(%s): %v", code, err)
	}
	return o
}

func (f *fixture) emp(t *testing.T, e registry.Employee) registry.Employee {
	t.Helper()
	got, err := f.s.SaveEmployee(context.Background(), actor, e, time.Time{}, "manual")
	if err != nil {
		t.Fatalf("SaveEmployee(%s %s): %v", e.NIP, e.Name, err)
	}
	return got
}

func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// counts returns the number of rows of every registry table and of the audit log.
func (f *fixture) counts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"opd", "employee", "employee_position", "social_account", "social_account_handle", "audit_log"} {
		out[tbl] = f.count(t, `SELECT COUNT(*) FROM `+tbl)
	}
	return out
}

func sameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after", k, v, after[k])
		}
	}
}

// pnsNIP returns the i-th (0..997) valid, distinct PNS NIP of the tests.
func pnsNIP(i int) string { return fmt.Sprintf("19800115200503%d%03d", 1+i%2, i+1) }

// pppkNIP returns the i-th (0..997) valid, distinct NI PPPK of the tests.
func pppkNIP(i int) string { return fmt.Sprintf("19900913202524%d%03d", 1+i%2, i+1) }

// fieldOf returns the field of a *registry.FieldError, or "" for another error.
func fieldOf(err error) string {
	var fe *registry.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
