package web

import (
	"context"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/wilayah"
)

var timeZero time.Time

func tenantCreate(ctx context.Context, tx *db.Tx, code string) (int64, error) {
	r, _ := wilayah.Lookup(code)
	i, err := tenant.Create(ctx, tx, audit.System("test"), r.Code, r.Name, InstansiKind(r))
	return i.ID, err
}
