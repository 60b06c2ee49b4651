// Package tenant manages instansi: the Pemda (identified by its Kemendagri
// region code) or national body that every record belongs to. A user sees
// their own instansi and, when their instansi is a province or a national
// body, the instansi below it.
package tenant

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Kinds of instansi.
const (
	KindProvinsi  = "provinsi"
	KindKabupaten = "kabupaten"
	KindKota      = "kota"
	KindNasional  = "nasional"
)

// NationalCode is the code of the national body (BKN) instansi: above every region.
const NationalCode = "00"

// Instansi is a tenant.
type Instansi struct {
	ID        int64
	Code      string // Kemendagri region code ("32.16"), or NationalCode
	Name      string
	Kind      string
	ParentID  int64
	CreatedAt time.Time
}

// IsAncestorOf reports whether i sits above code: a province over its
// kabupaten/kota, the national body over everything.
func (i Instansi) IsAncestorOf(code string) bool {
	if i.Code == NationalCode {
		return code != NationalCode
	}
	return strings.HasPrefix(code, i.Code+".")
}

// ErrExists is returned when an instansi with the code already exists.
var ErrExists = errors.New("instansi already exists")

const cols = `id, code, name, kind, COALESCE(parent_id, 0), created_at`

func scan(r interface{ Scan(...any) error }) (Instansi, error) {
	var i Instansi
	var created string
	err := r.Scan(&i.ID, &i.Code, &i.Name, &i.Kind, &i.ParentID, &created)
	i.CreatedAt = clock.Parse(created)
	return i, db.NoRows(err)
}

// Create adds an instansi inside tx, links it to its parent (and existing
// children to it), and audits it.
func Create(ctx context.Context, tx *db.Tx, actor audit.Actor, code, name, kind string) (Instansi, error) {
	if code == "" || name == "" {
		return Instansi{}, errors.New("instansi needs a code and a name")
	}
	var parentID int64
	parentCode := ""
	if k := strings.LastIndexByte(code, '.'); k > 0 {
		parentCode = code[:k]
	} else if code != NationalCode {
		parentCode = NationalCode
	}
	if parentCode != "" {
		err := tx.QueryRow(ctx, `SELECT id FROM instansi WHERE code = ?`, parentCode).Scan(&parentID)
		if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return Instansi{}, err
		}
	}
	i := Instansi{Code: code, Name: name, Kind: kind, ParentID: parentID, CreatedAt: time.Now().UTC()}
	var parent any
	if parentID != 0 {
		parent = parentID
	}
	err := tx.QueryRow(ctx, `INSERT INTO instansi (code, name, kind, parent_id, created_at) VALUES (?,?,?,?,?) RETURNING id`,
		code, name, kind, parent, clock.Format(i.CreatedAt)).Scan(&i.ID)
	if db.IsUniqueViolation(err) {
		return Instansi{}, fmt.Errorf("%w: %s", ErrExists, code)
	}
	if err != nil {
		return Instansi{}, fmt.Errorf("create instansi: %w", err)
	}
	// Adopt children created before this instansi.
	like := code + ".%"
	if code == NationalCode {
		like = "%"
	}
	if _, err := tx.Exec(ctx, `UPDATE instansi SET parent_id = ? WHERE parent_id IS NULL AND id <> ? AND code LIKE ?
		AND code NOT LIKE ?`, i.ID, i.ID, like, like+".%"); err != nil {
		return Instansi{}, err
	}
	return i, audit.Record(ctx, tx, actor, audit.Event{InstansiID: i.ID, Action: "instansi.create", ObjectType: "instansi",
		ObjectID: fmt.Sprint(i.ID), After: map[string]string{"code": code, "name": name, "kind": kind}})
}

// Get returns an instansi by id.
func Get(ctx context.Context, q db.Querier, id int64) (Instansi, error) {
	return scan(q.QueryRow(ctx, `SELECT `+cols+` FROM instansi WHERE id = ?`, id))
}

// ByCode returns an instansi by code.
func ByCode(ctx context.Context, q db.Querier, code string) (Instansi, error) {
	return scan(q.QueryRow(ctx, `SELECT `+cols+` FROM instansi WHERE code = ?`, code))
}

// List returns every instansi, by code.
func List(ctx context.Context, q db.Querier) ([]Instansi, error) {
	rows, err := q.Query(ctx, `SELECT `+cols+` FROM instansi ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("list instansi: %w", err)
	}
	defer rows.Close()
	var out []Instansi
	for rows.Next() {
		i, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Visible returns the instansi a member of own may see: own first, then those
// below it, by code.
func Visible(ctx context.Context, q db.Querier, own Instansi) ([]Instansi, error) {
	all, err := List(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []Instansi{own}
	for _, i := range all {
		if i.ID != own.ID && own.IsAncestorOf(i.Code) {
			out = append(out, i)
		}
	}
	return out, nil
}

// Count returns the number of instansi.
func Count(ctx context.Context, q db.Querier) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM instansi`).Scan(&n)
	return n, err
}
