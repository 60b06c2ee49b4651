package registry

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Platforms lists the social-media platforms offered in forms.
// They include every platform the roster file accepts (internal/roster).
var Platforms = []string{"facebook", "instagram", "x", "tiktok", "youtube", "threads", "linkedin", "mastodon", "telegram", "bluesky", "other"}

// NormalizeHandle lower-cases a handle and strips a leading "@" and spaces.
func NormalizeHandle(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "@"))
}

func validPlatform(p string) bool {
	for _, x := range Platforms {
		if x == p {
			return true
		}
	}
	return false
}

func validateAccount(a *Account) error {
	a.Platform = strings.ToLower(strings.TrimSpace(a.Platform))
	a.Handle = NormalizeHandle(a.Handle)
	a.URL, a.PlatformID = strings.TrimSpace(a.URL), strings.TrimSpace(a.PlatformID)
	if !validPlatform(a.Platform) {
		return invalid("platform", "unknown platform", "platform tidak dikenal")
	}
	if a.Handle == "" && a.URL == "" {
		return invalid("handle", "a handle or a profile URL is required", "nama akun atau URL profil wajib diisi")
	}
	if len(a.Handle) > 100 || strings.ContainsAny(a.Handle, " \t\n/<>\"'") {
		return invalid("handle", "handle must be one word without spaces or slashes", "nama akun harus satu kata tanpa spasi atau garis miring")
	}
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(a.URL) > 500 {
			return invalid("url", "profile URL must be an http(s) address", "URL profil harus alamat http(s)")
		}
		if a.Handle == "" {
			// The address is the account: keep the query (facebook.com/profile.php?id=…
			// names different people by it) and drop "www.".
			h := strings.Trim(strings.TrimPrefix(strings.ToLower(u.Host), "www.")+u.Path, "/")
			if u.RawQuery != "" {
				h += "?" + u.RawQuery
			}
			a.Handle = NormalizeHandle(h)
		}
	}
	return nil
}

// Accounts returns the accounts of an employee with their handle history.
func (s *Store) Accounts(ctx context.Context, instansiID, employeeID int64) ([]Account, error) {
	rows, err := s.DB.Query(ctx, `SELECT id, instansi_id, employee_id, platform, handle, url, platform_id, verified, created_at
		FROM social_account WHERE instansi_id = ? AND employee_id = ? ORDER BY platform, handle`, instansiID, employeeID)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	var out []Account
	for rows.Next() {
		var a Account
		var verified int
		var created string
		if err := rows.Scan(&a.ID, &a.InstansiID, &a.EmployeeID, &a.Platform, &a.Handle, &a.URL, &a.PlatformID, &verified, &created); err != nil {
			rows.Close()
			return nil, err
		}
		a.Verified, a.CreatedAt = verified != 0, clock.Parse(created)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		h, err := s.handleHistory(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].History = h
	}
	return out, nil
}

func (s *Store) handleHistory(ctx context.Context, accountID int64) ([]HandleChange, error) {
	rows, err := s.DB.Query(ctx, `SELECT handle, url, valid_from, COALESCE(valid_to, '') FROM social_account_handle
		WHERE account_id = ? AND valid_to IS NOT NULL ORDER BY valid_to DESC, id DESC`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HandleChange
	for rows.Next() {
		var h HandleChange
		var from, to string
		if err := rows.Scan(&h.Handle, &h.URL, &from, &to); err != nil {
			return nil, err
		}
		h.From, h.To = clock.Parse(from), clock.Parse(to)
		out = append(out, h)
	}
	return out, rows.Err()
}

// SaveAccount adds (ID 0) or updates an employee's account. A changed handle
// is kept in the account's handle history.
func (s *Store) SaveAccount(ctx context.Context, actor audit.Actor, a Account) (Account, error) {
	if err := validateAccount(&a); err != nil {
		return a, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		a, _, err = saveAccountTx(ctx, tx, actor, a)
		return err
	})
	return a, err
}

func saveAccountTx(ctx context.Context, tx *db.Tx, actor audit.Actor, a Account) (Account, bool, error) {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM employee WHERE id = ? AND instansi_id = ?`, a.EmployeeID, a.InstansiID).Scan(&n); err != nil {
		return a, false, err
	}
	if n == 0 {
		return a, false, ErrNotFound
	}
	now := time.Now()
	ts := clock.Format(now)
	verified := 0
	if a.Verified {
		verified = 1
	}
	errTaken := conflict("handle", "this account is already registered", "akun ini sudah terdaftar")
	if a.ID == 0 {
		var owner int64
		err := tx.QueryRow(ctx, `SELECT employee_id FROM social_account WHERE instansi_id = ? AND platform = ? AND handle = ?`,
			a.InstansiID, a.Platform, a.Handle).Scan(&owner)
		if err == nil {
			if owner == a.EmployeeID {
				return a, false, nil // already there: nothing to do
			}
			return a, false, errTaken
		}
		if !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return a, false, err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO social_account (instansi_id, employee_id, platform, handle, url, platform_id, verified, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?) RETURNING id`, a.InstansiID, a.EmployeeID, a.Platform, a.Handle, a.URL, a.PlatformID, verified, ts, ts).Scan(&a.ID); err != nil {
			if db.IsUniqueViolation(err) {
				return a, false, errTaken
			}
			return a, false, fmt.Errorf("insert account: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO social_account_handle (account_id, handle, url, valid_from) VALUES (?,?,?,?)`, a.ID, a.Handle, a.URL, ts); err != nil {
			return a, false, err
		}
		return a, true, audit.Record(ctx, tx, actor, audit.Event{InstansiID: a.InstansiID, Action: "account.create",
			ObjectType: "social_account", ObjectID: fmt.Sprint(a.ID), After: accountView(a)})
	}
	var old Account
	var oldVerified int
	err := tx.QueryRow(ctx, `SELECT id, employee_id, platform, handle, url, platform_id, verified FROM social_account WHERE id = ? AND instansi_id = ?`,
		a.ID, a.InstansiID).Scan(&old.ID, &old.EmployeeID, &old.Platform, &old.Handle, &old.URL, &old.PlatformID, &oldVerified)
	if err != nil {
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return a, false, ErrNotFound
		}
		return a, false, err
	}
	old.Verified = oldVerified != 0
	if old.EmployeeID != a.EmployeeID {
		return a, false, ErrNotFound
	}
	if _, err := tx.Exec(ctx, `UPDATE social_account SET platform = ?, handle = ?, url = ?, platform_id = ?, verified = ?, updated_at = ? WHERE id = ?`,
		a.Platform, a.Handle, a.URL, a.PlatformID, verified, ts, a.ID); err != nil {
		if db.IsUniqueViolation(err) {
			return a, false, errTaken
		}
		return a, false, err
	}
	if old.Handle != a.Handle || old.URL != a.URL {
		if _, err := tx.Exec(ctx, `UPDATE social_account_handle SET valid_to = ? WHERE account_id = ? AND valid_to IS NULL`, ts, a.ID); err != nil {
			return a, false, err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO social_account_handle (account_id, handle, url, valid_from) VALUES (?,?,?,?)`, a.ID, a.Handle, a.URL, ts); err != nil {
			return a, false, err
		}
	}
	return a, true, audit.Record(ctx, tx, actor, audit.Event{InstansiID: a.InstansiID, Action: "account.update",
		ObjectType: "social_account", ObjectID: fmt.Sprint(a.ID), Before: accountView(old), After: accountView(a)})
}

func accountView(a Account) map[string]any {
	return map[string]any{"employee_id": a.EmployeeID, "platform": a.Platform, "handle": a.Handle, "url": a.URL,
		"platform_id": a.PlatformID, "verified": a.Verified}
}

// DeleteAccount removes an account from an employee (its audit entry keeps what it was).
func (s *Store) DeleteAccount(ctx context.Context, actor audit.Actor, instansiID, employeeID, accountID int64) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var a Account
		err := tx.QueryRow(ctx, `SELECT id, employee_id, platform, handle, url FROM social_account WHERE id = ? AND instansi_id = ? AND employee_id = ?`,
			accountID, instansiID, employeeID).Scan(&a.ID, &a.EmployeeID, &a.Platform, &a.Handle, &a.URL)
		if err != nil {
			if errors.Is(db.NoRows(err), db.ErrNotFound) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM social_account_handle WHERE account_id = ?`, accountID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM social_account WHERE id = ?`, accountID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "account.delete",
			ObjectType: "social_account", ObjectID: fmt.Sprint(accountID), Before: accountView(a)})
	})
}

// SaveAccountTx is [Store.SaveAccount] inside the caller's transaction.
func SaveAccountTx(ctx context.Context, tx *db.Tx, actor audit.Actor, a Account) (Account, bool, error) {
	if err := validateAccount(&a); err != nil {
		return a, false, err
	}
	return saveAccountTx(ctx, tx, actor, a)
}
