package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/registry"
)

// platformAliases maps other spellings of a platform to the registry's name.
var platformAliases = map[string]string{"twitter": "x", "fb": "facebook", "ig": "instagram", "wa": "whatsapp"}

// NormalizePlatform lower-cases a platform name and maps aliases ("twitter" → "x").
func NormalizePlatform(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	if a, ok := platformAliases[p]; ok {
		return a
	}
	return p
}

// AuthorKey returns the handle an author value names: the value lower-cased
// without "@", or for a profile address the first part of its path
// ("https://www.instagram.com/Budi.S/" → "budi.s").
func AuthorKey(author string) string {
	a := strings.TrimSpace(author)
	if u, ok := profileURL(a); ok {
		seg, _, _ := strings.Cut(strings.Trim(u.Path, "/"), "/")
		if seg != "" && seg != "profile.php" {
			return registry.NormalizeHandle(seg)
		}
		return registry.NormalizeHandle(urlHandle(u))
	}
	return registry.NormalizeHandle(a)
}

func profileURL(s string) (*url.URL, bool) {
	ls := strings.ToLower(s)
	if !strings.HasPrefix(ls, "https://") && !strings.HasPrefix(ls, "http://") {
		return nil, false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, false
	}
	return u, true
}

// urlHandle is the handle the registry gives an account known only by its
// address: host without "www." and path, plus the query.
func urlHandle(u *url.URL) string {
	h := strings.Trim(strings.TrimPrefix(strings.ToLower(u.Host), "www.")+u.Path, "/")
	if u.RawQuery != "" {
		h += "?" + u.RawQuery
	}
	return h
}

// target is where an activity is attributed.
type target struct {
	account, employee, opd int64
}

// Attributor matches activity authors to registered accounts of one
// instansi. Load it once per ingest; it is read-only afterwards.
type Attributor struct {
	byHandle map[string]target // platform "\x00" handle
	byID     map[string]target // platform "\x00" platform id
}

// LoadAttributor reads every account of an instansi with its employee's
// current OPD.
func LoadAttributor(ctx context.Context, q db.Querier, instansiID int64) (*Attributor, error) {
	rows, err := q.Query(ctx, `SELECT a.id, a.platform, a.handle, a.platform_id, e.id, e.opd_id
		FROM social_account a JOIN employee e ON e.id = a.employee_id WHERE a.instansi_id = ?`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	defer rows.Close()
	at := &Attributor{byHandle: map[string]target{}, byID: map[string]target{}}
	for rows.Next() {
		var t target
		var platform, handle, pid string
		if err := rows.Scan(&t.account, &platform, &handle, &pid, &t.employee, &t.opd); err != nil {
			return nil, err
		}
		platform = NormalizePlatform(platform)
		at.byHandle[platform+"\x00"+registry.NormalizeHandle(handle)] = t
		if pid = strings.TrimSpace(pid); pid != "" {
			at.byID[platform+"\x00"+pid] = t
		}
	}
	return at, rows.Err()
}

// Len returns the number of accounts loaded.
func (at *Attributor) Len() int { return len(at.byHandle) }

// match finds the account of an author: by the stable platform id when
// given, then by handle, then by the author value taken as a platform id,
// then (for an address) by the registry's address form.
func (at *Attributor) match(platform, author, key, authorID string) (target, bool) {
	if authorID != "" {
		if t, ok := at.byID[platform+"\x00"+authorID]; ok {
			return t, true
		}
	}
	if key != "" {
		if t, ok := at.byHandle[platform+"\x00"+key]; ok {
			return t, true
		}
	}
	a := strings.TrimSpace(author)
	if a == "" {
		return target{}, false
	}
	if t, ok := at.byID[platform+"\x00"+strings.TrimPrefix(a, "@")]; ok {
		return t, true
	}
	if u, ok := profileURL(a); ok {
		if id := u.Query().Get("id"); id != "" {
			if t, ok := at.byID[platform+"\x00"+id]; ok {
				return t, true
			}
		}
		if t, ok := at.byHandle[platform+"\x00"+registry.NormalizeHandle(urlHandle(u))]; ok {
			return t, true
		}
	}
	return target{}, false
}

// authorIDField reads the optional "author_id" of a JSON record (a string
// or a number); "" when absent or of another type.
func authorIDField(raw []byte) string {
	var v struct {
		AuthorID json.RawMessage `json:"author_id"`
	}
	if json.Unmarshal(raw, &v) != nil || len(v.AuthorID) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v.AuthorID, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(v.AuthorID, &n) == nil {
		return n.String()
	}
	return ""
}

// Attribute attributes one activity to a registered account of the same
// instansi (and so to its employee and their current OPD), or removes the
// attribution when accountID is 0. The change is audited.
func Attribute(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, activityID, accountID int64) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		var before struct{ account, employee, opd *int64 }
		var platform string
		err := tx.QueryRow(ctx, `SELECT platform, account_id, employee_id, opd_id FROM activity WHERE id = ? AND instansi_id = ?`,
			activityID, instansiID).Scan(&platform, &before.account, &before.employee, &before.opd)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		var after target
		var handle string
		if accountID != 0 {
			var accPlatform string
			err := tx.QueryRow(ctx, `SELECT a.id, a.platform, a.handle, e.id, e.opd_id FROM social_account a
				JOIN employee e ON e.id = a.employee_id WHERE a.id = ? AND a.instansi_id = ?`, accountID, instansiID).
				Scan(&after.account, &accPlatform, &handle, &after.employee, &after.opd)
			if errors.Is(db.NoRows(err), db.ErrNotFound) {
				return ErrNotFound
			}
			if err != nil {
				return err
			}
			if NormalizePlatform(accPlatform) != platform && accPlatform != "other" {
				return invalid(fmt.Sprintf("account is on %s, the activity on %s", accPlatform, platform))
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE activity SET account_id = ?, employee_id = ?, opd_id = ? WHERE id = ?`,
			nullID(after.account), nullID(after.employee), nullID(after.opd), activityID); err != nil {
			return err
		}
		view := func(a, e, o *int64) map[string]any {
			return map[string]any{"account_id": a, "employee_id": e, "opd_id": o}
		}
		afterView := map[string]any{"account_id": nil, "employee_id": nil, "opd_id": nil}
		if accountID != 0 {
			afterView = map[string]any{"account_id": after.account, "handle": handle, "employee_id": after.employee,
				"opd_id": after.opd}
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "activity.attribute",
			ObjectType: "activity", ObjectID: strconv.FormatInt(activityID, 10),
			Before: view(before.account, before.employee, before.opd), After: afterView})
	})
}

// AttributePending attributes the instansi's unattributed activities whose
// author now matches a registered account (after accounts were added), and
// audits the run with the number attributed.
func AttributePending(ctx context.Context, d *db.DB, actor audit.Actor, instansiID int64) (int, error) {
	at, err := LoadAttributor(ctx, d, instansiID)
	if err != nil {
		return 0, err
	}
	type pending struct {
		id                    int64
		platform, author, key string
		authorID              string
	}
	var todo []pending
	rows, err := d.Query(ctx, `SELECT id, platform, author, author_key, author_id FROM activity
		WHERE instansi_id = ? AND employee_id IS NULL`, instansiID)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.platform, &p.author, &p.key, &p.authorID); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	err = d.InTx(ctx, func(tx *db.Tx) error {
		for _, p := range todo {
			t, ok := at.match(p.platform, p.author, p.key, p.authorID)
			if !ok {
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE activity SET account_id = ?, employee_id = ?, opd_id = ?
				WHERE id = ? AND employee_id IS NULL`, t.account, t.employee, t.opd, p.id); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "activity.attribute_pending",
			ObjectType: "instansi", ObjectID: strconv.FormatInt(instansiID, 10), After: map[string]int{"attributed": n}})
	})
	return n, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
