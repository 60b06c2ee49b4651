package registry

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Store is the registry's storage, on either database engine.
type Store struct{ DB *db.DB }

// OPDs returns the OPD tree of an instansi in display order (parents before
// their children, siblings by code), with Depth and Employees filled.
func (s *Store) OPDs(ctx context.Context, instansiID int64) ([]OPD, error) {
	rows, err := s.DB.Query(ctx, `SELECT o.id, o.instansi_id, o.code, o.name, o.kind, COALESCE(o.parent_id, 0),
		(SELECT COUNT(*) FROM employee e WHERE e.opd_id = o.id)
		FROM opd o WHERE o.instansi_id = ? ORDER BY o.code`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("list OPD: %w", err)
	}
	defer rows.Close()
	var flat []OPD
	for rows.Next() {
		var o OPD
		if err := rows.Scan(&o.ID, &o.InstansiID, &o.Code, &o.Name, &o.Kind, &o.ParentID, &o.Employees); err != nil {
			return nil, err
		}
		flat = append(flat, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(flat), nil
}

// treeOrder sorts OPDs depth-first, parents before children.
func treeOrder(flat []OPD) []OPD {
	children := map[int64][]OPD{}
	ids := map[int64]bool{}
	for _, o := range flat {
		ids[o.ID] = true
	}
	for _, o := range flat {
		p := o.ParentID
		if !ids[p] {
			p = 0
		}
		children[p] = append(children[p], o)
	}
	out := make([]OPD, 0, len(flat))
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		kids := children[parent]
		sort.Slice(kids, func(i, j int) bool { return kids[i].Code < kids[j].Code })
		for _, k := range kids {
			k.Depth = depth
			out = append(out, k)
			walk(k.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}

// Subtree returns the id of opdID and of every unit below it.
func Subtree(tree []OPD, opdID int64) []int64 {
	out := []int64{opdID}
	for changed := true; changed; {
		changed = false
		for _, o := range tree {
			if contains(out, o.ParentID) && !contains(out, o.ID) {
				out = append(out, o.ID)
				changed = true
			}
		}
	}
	return out
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// OPD returns one OPD of an instansi.
func (s *Store) OPD(ctx context.Context, instansiID, id int64) (OPD, error) {
	var o OPD
	err := s.DB.QueryRow(ctx, `SELECT id, instansi_id, code, name, kind, COALESCE(parent_id, 0) FROM opd WHERE instansi_id = ? AND id = ?`,
		instansiID, id).Scan(&o.ID, &o.InstansiID, &o.Code, &o.Name, &o.Kind, &o.ParentID)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return o, ErrNotFound
	}
	return o, err
}

// SaveOPD creates (ID 0) or updates an OPD after validating it.
func (s *Store) SaveOPD(ctx context.Context, actor audit.Actor, o OPD) (OPD, error) {
	o.Code, o.Name, o.Kind = strings.TrimSpace(o.Code), strings.TrimSpace(o.Name), strings.TrimSpace(o.Kind)
	if o.Code == "" || len(o.Code) > 40 {
		return o, invalid("code", "code is required (at most 40 characters)", "kode wajib diisi (paling banyak 40 karakter)")
	}
	if o.Name == "" || len(o.Name) > 200 {
		return o, invalid("name", "name is required (at most 200 characters)", "nama wajib diisi (paling banyak 200 karakter)")
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if o.ParentID != 0 {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM opd WHERE id = ? AND instansi_id = ?`, o.ParentID, o.InstansiID).Scan(&n); err != nil {
				return err
			}
			if n == 0 || o.ParentID == o.ID {
				return invalid("parent", "parent unit does not exist", "unit induk tidak ditemukan")
			}
			// A unit cannot move below itself: the cycle would drop both
			// from the tree.
			for up, steps := o.ParentID, 0; o.ID != 0 && up != 0 && steps < 1000; steps++ {
				if err := tx.QueryRow(ctx, `SELECT COALESCE(parent_id, 0) FROM opd WHERE id = ?`, up).Scan(&up); err != nil {
					return err
				}
				if up == o.ID {
					return invalid("parent", "the parent unit lies below this unit", "unit induk berada di bawah unit ini")
				}
			}
		}
		now := clock.Format(time.Now())
		var before any
		if o.ID == 0 {
			err := tx.QueryRow(ctx, `INSERT INTO opd (instansi_id, code, name, kind, parent_id, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?) RETURNING id`, o.InstansiID, o.Code, o.Name, o.Kind, nullID(o.ParentID), now, now).Scan(&o.ID)
			if db.IsUniqueViolation(err) {
				return conflict("code", "another unit already has this code", "kode sudah dipakai unit lain")
			}
			if err != nil {
				return err
			}
		} else {
			old, err := s.opdTx(ctx, tx, o.InstansiID, o.ID)
			if err != nil {
				return err
			}
			before = old
			_, err = tx.Exec(ctx, `UPDATE opd SET code = ?, name = ?, kind = ?, parent_id = ?, updated_at = ? WHERE id = ? AND instansi_id = ?`,
				o.Code, o.Name, o.Kind, nullID(o.ParentID), now, o.ID, o.InstansiID)
			if db.IsUniqueViolation(err) {
				return conflict("code", "another unit already has this code", "kode sudah dipakai unit lain")
			}
			if err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: o.InstansiID, Action: "opd.save", ObjectType: "opd",
			ObjectID: fmt.Sprint(o.ID), Before: before, After: o})
	})
	return o, err
}

func (s *Store) opdTx(ctx context.Context, tx *db.Tx, instansiID, id int64) (OPD, error) {
	var o OPD
	err := tx.QueryRow(ctx, `SELECT id, instansi_id, code, name, kind, COALESCE(parent_id, 0) FROM opd WHERE instansi_id = ? AND id = ?`,
		instansiID, id).Scan(&o.ID, &o.InstansiID, &o.Code, &o.Name, &o.Kind, &o.ParentID)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return o, ErrNotFound
	}
	return o, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateOPDTx inserts a new OPD inside the caller's transaction (no update;
// for seeding), and returns its id.
func CreateOPDTx(ctx context.Context, tx *db.Tx, actor audit.Actor, o OPD) (int64, error) {
	now := clock.Format(time.Now())
	err := tx.QueryRow(ctx, `INSERT INTO opd (instansi_id, code, name, kind, parent_id, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?) RETURNING id`, o.InstansiID, o.Code, o.Name, o.Kind, nullID(o.ParentID), now, now).Scan(&o.ID)
	if err != nil {
		return 0, fmt.Errorf("create OPD %s: %w", o.Code, err)
	}
	return o.ID, audit.Record(ctx, tx, actor, audit.Event{InstansiID: o.InstansiID, Action: "opd.save", ObjectType: "opd",
		ObjectID: fmt.Sprint(o.ID), After: o})
}
