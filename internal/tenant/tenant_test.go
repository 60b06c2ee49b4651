package tenant_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/tenant"
)

var actor = audit.System("test")

func create(t *testing.T, d *db.DB, code, name, kind string) tenant.Instansi {
	t.Helper()
	ctx := context.Background()
	var i tenant.Instansi
	err := d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		i, err = tenant.Create(ctx, tx, actor, code, name, kind)
		return err
	})
	if err != nil {
		t.Fatalf("Create(%q): %v", code, err)
	}
	return i
}

func codes(is []tenant.Instansi) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = i.Code
	}
	return out
}

func TestIsAncestorOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		own, code string
		want      bool
	}{
		{tenant.NationalCode, "32", true},
		{tenant.NationalCode, "32.16", true},
		{tenant.NationalCode, "33.01.05", true},
		{tenant.NationalCode, tenant.NationalCode, false},
		{"32", "32.16", true},
		{"32", "32.73", true},
		{"32", "32.16.01", true},
		{"32", "32", false},
		{"32", "33.01", false},
		{"32", "33", false},
		{"32", "3", false},
		{"32", "321.01", false}, // a code that merely starts with the same digits
		{"32", "32x16", false},
		{"32", tenant.NationalCode, false},
		{"3", "32.16", false},
		{"32.16", "32.16.01", true},
		{"32.16", "32.16", false},
		{"32.16", "32", false},
		{"32.16", "32.73", false},
		{"32.16", "32.160", false},
		{"32.16", tenant.NationalCode, false},
	}
	for _, tt := range tests {
		i := tenant.Instansi{Code: tt.own}
		if got := i.IsAncestorOf(tt.code); got != tt.want {
			t.Errorf("Instansi{%q}.IsAncestorOf(%q) = %v, want %v", tt.own, tt.code, got, tt.want)
		}
	}
}

func TestCreateLinksParentsAndChildren(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()

	// A kabupaten created before its province is adopted when the province arrives.
	bandung := create(t, d, "32.04", "Kabupaten Bandung", tenant.KindKabupaten)
	if bandung.ParentID != 0 {
		t.Fatalf("orphan kabupaten has parent %d", bandung.ParentID)
	}
	jabar := create(t, d, "32", "Provinsi Jawa Barat", tenant.KindProvinsi)
	bekasi := create(t, d, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
	create(t, d, "32.16.01", "Kecamatan (test)", tenant.KindKabupaten)
	create(t, d, "33", "Provinsi Jawa Tengah", tenant.KindProvinsi)
	// The national body adopts the provinces without a parent, not the kabupaten.
	bkn := create(t, d, tenant.NationalCode, "Badan Kepegawaian Negara", tenant.KindNasional)
	create(t, d, "35", "Provinsi Jawa Timur", tenant.KindProvinsi)

	wantParent := map[string]int64{
		tenant.NationalCode: 0,
		"32":                bkn.ID,
		"32.04":             jabar.ID,
		"32.16":             jabar.ID,
		"32.16.01":          bekasi.ID,
		"33":                bkn.ID,
		"35":                bkn.ID,
	}
	all, err := tenant.List(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := codes(all), []string{"00", "32", "32.04", "32.16", "32.16.01", "33", "35"}; !slices.Equal(got, want) {
		t.Fatalf("List codes = %v, want %v", got, want)
	}
	for _, i := range all {
		if i.ParentID != wantParent[i.Code] {
			t.Errorf("%s: parent = %d, want %d", i.Code, i.ParentID, wantParent[i.Code])
		}
		if i.CreatedAt.IsZero() || i.Name == "" || i.Kind == "" {
			t.Errorf("%s: incomplete %+v", i.Code, i)
		}
	}
	if n, err := tenant.Count(ctx, d); err != nil || n != 7 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	got, err := tenant.Get(ctx, d, bekasi.ID)
	if err != nil || got.Code != "32.16" || got.Name != "Kabupaten Bekasi" || got.Kind != tenant.KindKabupaten || got.ParentID != jabar.ID {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	got, err = tenant.ByCode(ctx, d, "32.04")
	if err != nil || got.ID != bandung.ID || got.ParentID != jabar.ID {
		t.Fatalf("ByCode = %+v, %v", got, err)
	}
	if _, err := tenant.Get(ctx, d, 999999); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("Get(missing) err = %v", err)
	}
	if _, err := tenant.ByCode(ctx, d, "99"); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("ByCode(missing) err = %v", err)
	}

	// Every creation is in the audit trail, and the trail verifies.
	n, err := audit.Verify(ctx, d)
	if err != nil || n != 7 {
		t.Fatalf("Verify = %d, %v", n, err)
	}
}

func TestCreateRejects(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()
	create(t, d, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
	tests := []struct {
		name, code, iname string
		exists            bool
	}{
		{"empty code", "", "X", false},
		{"empty name", "32.17", "", false},
		{"duplicate code", "32.16", "Bekasi lagi", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.InTx(ctx, func(tx *db.Tx) error {
				_, err := tenant.Create(ctx, tx, actor, tt.code, tt.iname, tenant.KindKabupaten)
				return err
			})
			if err == nil {
				t.Fatal("Create succeeded")
			}
			if errors.Is(err, tenant.ErrExists) != tt.exists {
				t.Fatalf("err = %v, ErrExists want %v", err, tt.exists)
			}
		})
	}
	if n, err := tenant.Count(ctx, d); err != nil || n != 1 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	if _, err := audit.Verify(ctx, d); err != nil {
		t.Fatal(err)
	}
}

func TestVisible(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()
	bkn := create(t, d, tenant.NationalCode, "BKN", tenant.KindNasional)
	jabar := create(t, d, "32", "Provinsi Jawa Barat", tenant.KindProvinsi)
	create(t, d, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
	create(t, d, "32.73", "Kota Bandung", tenant.KindKota)
	jateng := create(t, d, "33", "Provinsi Jawa Tengah", tenant.KindProvinsi)
	create(t, d, "33.01", "Kabupaten Cilacap", tenant.KindKabupaten)
	bekasi, err := tenant.ByCode(ctx, d, "32.16")
	if err != nil {
		t.Fatal(err)
	}
	// A province code that shares a first digit with another must not leak.
	create(t, d, "3", "Odd code", tenant.KindProvinsi)

	tests := []struct {
		own  tenant.Instansi
		want []string
	}{
		{bkn, []string{"00", "3", "32", "32.16", "32.73", "33", "33.01"}},
		{jabar, []string{"32", "32.16", "32.73"}},
		{jateng, []string{"33", "33.01"}},
		{bekasi, []string{"32.16"}},
	}
	for _, tt := range tests {
		t.Run(tt.own.Code, func(t *testing.T) {
			got, err := tenant.Visible(ctx, d, tt.own)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(codes(got), tt.want) {
				t.Fatalf("Visible(%s) = %v, want %v", tt.own.Code, codes(got), tt.want)
			}
			if got[0].ID != tt.own.ID {
				t.Fatalf("Visible(%s) does not start with own", tt.own.Code)
			}
		})
	}
}
