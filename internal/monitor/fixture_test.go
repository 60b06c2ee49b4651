package monitor_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

var actor = audit.Actor{Name: "system:test", IP: "127.0.0.1"}

// fixture is a fresh database with the demo instansi 99.01 (two OPD, one
// with a sub-unit; employees with accounts) and a second instansi 32.16.
type fixture struct {
	d           *db.DB
	reg         *registry.Store
	inst, inst2 tenant.Instansi
	opd, sub    registry.OPD // 1.01 and its sub-unit 1.01.01
	opd2        registry.OPD // 1.02
	budi, siti  registry.Employee
	budiFB      registry.Account // facebook budi.s
	sitiX       registry.Account // x siti_aminah, platform id 4242
}

func setup(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: dbtest.Open(t)}
	f.reg = &registry.Store{DB: f.d}
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if f.inst, err = tenant.Create(ctx, tx, actor, "99.01", "Kabupaten Tanjung Harapan", tenant.KindKabupaten); err != nil {
			return err
		}
		f.inst2, err = tenant.Create(ctx, tx, actor, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.opd = f.saveOPD(t, f.inst.ID, "1.01", "Dinas Pendidikan", 0)
	f.sub = f.saveOPD(t, f.inst.ID, "1.01.01", "Bidang SD", f.opd.ID)
	f.opd2 = f.saveOPD(t, f.inst.ID, "1.02", "Dinas Kesehatan", 0)
	f.budi = f.saveEmployee(t, f.inst.ID, "198503152010011002", "Budi Santoso", f.sub.ID)
	f.siti = f.saveEmployee(t, f.inst.ID, "199001012015032001", "Siti Aminah", f.opd2.ID)
	f.budiFB = f.saveAccount(t, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.budi.ID, Platform: "facebook", Handle: "@Budi.S"})
	f.sitiX = f.saveAccount(t, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.siti.ID, Platform: "x", Handle: "siti_aminah", PlatformID: "4242"})
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

func (f *fixture) saveOPD(t testing.TB, inst int64, code, name string, parent int64) registry.OPD {
	t.Helper()
	o, err := f.reg.SaveOPD(context.Background(), actor, registry.OPD{InstansiID: inst, Code: code, Name: name, Kind: "dinas", ParentID: parent})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (f *fixture) saveEmployee(t testing.TB, inst int64, nip, name string, opd int64) registry.Employee {
	t.Helper()
	e, err := f.reg.SaveEmployee(context.Background(), actor, registry.Employee{InstansiID: inst, NIP: nip, Name: name,
		Jabatan: "Analis", OPDID: opd}, time.Time{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (f *fixture) saveAccount(t testing.TB, a registry.Account) registry.Account {
	t.Helper()
	a, err := f.reg.SaveAccount(context.Background(), actor, a)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// ingest ingests input into instansi 99.01.
func (f *fixture) ingest(t *testing.T, input string, format monitor.Format) monitor.Report {
	t.Helper()
	return f.ingestInto(t, f.inst.ID, input, format)
}

func (f *fixture) ingestInto(t *testing.T, inst int64, input string, format monitor.Format) monitor.Report {
	t.Helper()
	rep, err := monitor.Ingest(context.Background(), f.d, strings.NewReader(input), monitor.IngestOptions{
		InstansiID: inst, Source: monitor.SourceImport, Format: format, Actor: actor, BatchSize: 2})
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return rep
}

func (f *fixture) get(t *testing.T, platform, id string) monitor.Activity {
	t.Helper()
	a, err := monitor.ByExternalID(context.Background(), f.d, f.inst.ID, platform, id)
	if err != nil {
		t.Fatalf("ByExternalID(%s, %s): %v", platform, id, err)
	}
	return a
}

func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// Records used by several tests. flaggedPilkada is flagged only with the
// demo Pilkada loaded; flaggedPemilu with Pemilu 2024; plain never.
const (
	flaggedPilkada = `{"id":"a1","platform":"facebook","kind":"post","author":"@Budi.S","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`
	plain          = `{"id":"a2","platform":"facebook","kind":"post","author":"budi.s","text":"Hari ini rapat koordinasi dinas pendidikan, semua lancar."}`
	flaggedPemilu  = `{"id":"a3","platform":"twitter","kind":"share","author":"@someone_else","text":"mantap","context_text":"Ayo menangkan Prabowo-Gibran! Coblos 02 #PrabowoGibran2024","created_at":"2024-01-20T10:00:00+07:00"}`
)
