package web

import (
	"context"
	"errors"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/wilayah"
)

// ErrAlreadySetUp is returned by [Setup] on a database that already has an instansi.
var ErrAlreadySetUp = errors.New("Netral is already set up on this database")

// Setup performs the first-run set-up: it creates the instansi of a region and
// its first admin, in one transaction, on an empty database only.
func Setup(ctx context.Context, d *db.DB, actor audit.Actor, region wilayah.Region, username, fullName, password, lang string) (tenant.Instansi, int64, error) {
	var inst tenant.Instansi
	var uid int64
	err := d.InTx(ctx, func(tx *db.Tx) error {
		n, err := tenant.Count(ctx, tx)
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadySetUp
		}
		inst, err = tenant.Create(ctx, tx, actor, region.Code, region.Name, InstansiKind(region))
		if err != nil {
			return err
		}
		if fullName == "" {
			fullName = username
		}
		uid, err = auth.CreateUser(ctx, tx, actor, auth.User{InstansiID: inst.ID, Username: username, FullName: fullName,
			Role: auth.RoleAdmin, Lang: lang}, password)
		return err
	})
	return inst, uid, err
}

// InstansiKind maps a region to the kind of its instansi.
func InstansiKind(r wilayah.Region) string {
	switch {
	case r.Level == wilayah.LevelProvinsi:
		return tenant.KindProvinsi
	case r.Kind == "kota":
		return tenant.KindKota
	default:
		return tenant.KindKabupaten
	}
}
