package docs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/tenant"
)

// LoadLetterhead returns the letterhead of inst: the one an admin saved, or
// [DefaultLetterhead] (Configured false) when none was.
func LoadLetterhead(ctx context.Context, q db.Querier, inst tenant.Instansi) (Letterhead, error) {
	lh := Letterhead{InstansiID: inst.ID, Configured: true}
	var updated string
	var by sql.NullInt64
	err := q.QueryRow(ctx, `SELECT line1, line2, line3, address, phone, email, website, place, logo, logo_sha256,
		updated_by, updated_at FROM letterhead WHERE instansi_id = ?`, inst.ID).
		Scan(&lh.Line1, &lh.Line2, &lh.Line3, &lh.Address, &lh.Phone, &lh.Email, &lh.Website, &lh.Place, &lh.Logo,
			&lh.LogoSHA256, &by, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultLetterhead(inst), nil
	}
	if err != nil {
		return Letterhead{}, fmt.Errorf("load letterhead of instansi %d: %w", inst.ID, err)
	}
	if len(lh.Logo) == 0 {
		lh.Logo, lh.LogoSHA256 = nil, ""
	}
	lh.UpdatedAt, lh.UpdatedBy = clock.Parse(updated), by.Int64
	return lh, nil
}

// auditView is what the audit trail records of a letterhead: its fields
// and the logo's hash, not the image.
func (lh Letterhead) auditView() map[string]string {
	return map[string]string{"line1": lh.Line1, "line2": lh.Line2, "line3": lh.Line3, "address": lh.Address,
		"phone": lh.Phone, "email": lh.Email, "website": lh.Website, "place": lh.Place, "logo_sha256": lh.LogoSHA256}
}

// SaveLetterhead validates lh and stores it as the letterhead of
// lh.InstansiID, replacing the previous one, with an audit entry
// ("letterhead.update", before and after) in the same transaction. lh.Logo
// must already be normalised ([NormalizeLogo]) or nil for no logo. It
// returns the stored letterhead, or a [*FieldError].
func SaveLetterhead(ctx context.Context, d *db.DB, actor audit.Actor, lh Letterhead) (Letterhead, error) {
	lh.Normalize()
	if lh.InstansiID == 0 {
		return Letterhead{}, errors.New("save letterhead: no instansi")
	}
	if err := lh.Validate(); err != nil {
		return Letterhead{}, err
	}
	if len(lh.Logo) > 0 {
		if _, err := NormalizeLogo(lh.Logo); err != nil { // still a sound image within the limits
			return Letterhead{}, err
		}
		lh.LogoSHA256 = hashHex(lh.Logo)
	} else {
		lh.Logo, lh.LogoSHA256 = nil, ""
	}
	lh.Configured, lh.UpdatedAt, lh.UpdatedBy = true, time.Now().UTC().Truncate(time.Millisecond), actor.UserID
	err := d.InTx(ctx, func(tx *db.Tx) error {
		inst, err := tenant.Get(ctx, tx, lh.InstansiID)
		if err != nil {
			return fmt.Errorf("instansi %d: %w", lh.InstansiID, err)
		}
		before, err := LoadLetterhead(ctx, tx, inst)
		if err != nil {
			return err
		}
		var by any
		if actor.UserID != 0 {
			by = actor.UserID
		}
		var logo any
		if lh.Logo != nil {
			logo = lh.Logo
		}
		if _, err := tx.Exec(ctx, `INSERT INTO letterhead (instansi_id, line1, line2, line3, address, phone, email,
			website, place, logo, logo_sha256, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (instansi_id) DO UPDATE SET line1 = excluded.line1, line2 = excluded.line2,
			line3 = excluded.line3, address = excluded.address, phone = excluded.phone, email = excluded.email,
			website = excluded.website, place = excluded.place, logo = excluded.logo,
			logo_sha256 = excluded.logo_sha256, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			lh.InstansiID, lh.Line1, lh.Line2, lh.Line3, lh.Address, lh.Phone, lh.Email, lh.Website, lh.Place, logo,
			lh.LogoSHA256, by, clock.Format(lh.UpdatedAt)); err != nil {
			return fmt.Errorf("save letterhead: %w", err)
		}
		ev := audit.Event{InstansiID: lh.InstansiID, Action: "letterhead.update", ObjectType: "letterhead",
			ObjectID: strconv.FormatInt(lh.InstansiID, 10), After: lh.auditView()}
		if before.Configured {
			ev.Before = before.auditView()
		}
		return audit.Record(ctx, tx, actor, ev)
	})
	if err != nil {
		return Letterhead{}, err
	}
	return lh, nil
}
