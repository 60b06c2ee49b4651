package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
)

// The conflict-of-interest rule (issue 5 §4): nobody from the accused's OPD
// or chain of command handles the case. A person is in conflict with a case
// when they are the accused, or when a unit they belong to (the unit of
// their own employee record, or the OPD a kepala OPD heads) is the
// accused's unit (at the time of the act or now) or any unit above it.
// People in conflict cannot see the case, act on it or be assigned to it.

// personUnits returns the units p belongs to and their employee's NIP.
func personUnits(ctx context.Context, q db.Querier, p Person) (units []int64, nip string, err error) {
	if p.OPDID != 0 {
		units = append(units, p.OPDID)
	}
	if p.EmployeeID != 0 {
		var opd int64
		err := q.QueryRow(ctx, `SELECT opd_id, nip FROM employee WHERE id = ?`, p.EmployeeID).Scan(&opd, &nip)
		if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return nil, "", fmt.Errorf("conflict of interest: %w", err)
		}
		if opd != 0 {
			units = append(units, opd)
		}
	}
	return units, nip, nil
}

// parents returns the parent of every OPD of the instansi.
func parents(ctx context.Context, q db.Querier, instansiID int64) (map[int64]int64, error) {
	rows, err := q.Query(ctx, `SELECT id, COALESCE(parent_id, 0) FROM opd WHERE instansi_id = ?`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("conflict of interest: %w", err)
	}
	defer rows.Close()
	m := map[int64]int64{}
	for rows.Next() {
		var id, parent int64
		if err := rows.Scan(&id, &parent); err != nil {
			return nil, err
		}
		m[id] = parent
	}
	return m, rows.Err()
}

// Chain returns the accused's units (at the time of the act and now) and
// every unit above them: the units whose people may not handle the case.
func Chain(ctx context.Context, q db.Querier, c Case) ([]int64, error) {
	var start []int64
	if c.Accused.OPDID != 0 {
		start = append(start, c.Accused.OPDID)
	}
	if c.Accused.EmployeeID != 0 {
		var opd int64
		err := q.QueryRow(ctx, `SELECT opd_id FROM employee WHERE id = ? AND instansi_id = ?`, c.Accused.EmployeeID,
			c.InstansiID).Scan(&opd)
		if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return nil, fmt.Errorf("conflict of interest: %w", err)
		}
		if opd != 0 {
			start = append(start, opd)
		}
	}
	if len(start) == 0 {
		return nil, nil
	}
	par, err := parents(ctx, q, c.InstansiID)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []int64
	for _, id := range start {
		for id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
			id = par[id]
		}
	}
	return out, nil
}

// Conflicted reports whether p has a conflict of interest with c.
func Conflicted(ctx context.Context, q db.Querier, p Person, c Case) (bool, error) {
	if p.EmployeeID != 0 && p.EmployeeID == c.Accused.EmployeeID {
		return true, nil
	}
	units, nip, err := personUnits(ctx, q, p)
	if err != nil {
		return false, err
	}
	if nip != "" && nip == c.Accused.NIP {
		return true, nil
	}
	if len(units) == 0 {
		return false, nil
	}
	chain, err := Chain(ctx, q, c)
	if err != nil {
		return false, err
	}
	for _, u := range units {
		for _, x := range chain {
			if u == x {
				return true, nil
			}
		}
	}
	return false, nil
}

// refuseConflicted returns [ErrConflictInterest] when p has a conflict of
// interest with c.
func refuseConflicted(ctx context.Context, q db.Querier, p Person, c Case) error {
	bad, err := Conflicted(ctx, q, p, c)
	if err != nil {
		return err
	}
	if bad {
		return ErrConflictInterest
	}
	return nil
}

// conflictExclusion is the SQL condition (on case_file c joined with the
// accused's employee e) leaving out the cases p has a conflict with: those
// whose accused's unit (then or now) lies in the subtree of one of p's
// units, or whose accused is p.
func conflictExclusion(ctx context.Context, q db.Querier, instansiID int64, p Person) (string, []any, error) {
	units, nip, err := personUnits(ctx, q, p)
	if err != nil {
		return "", nil, err
	}
	var conds []string
	var args []any
	if p.EmployeeID != 0 {
		conds = append(conds, "COALESCE(c.employee_id, 0) = ?")
		args = append(args, p.EmployeeID)
	}
	if nip != "" {
		conds = append(conds, "c.accused_nip = ?")
		args = append(args, nip)
	}
	if len(units) > 0 {
		par, err := parents(ctx, q, instansiID)
		if err != nil {
			return "", nil, err
		}
		// The subtree of each unit: every OPD whose chain of parents reaches it.
		var sub []int64
		for id := range par {
			for x, n := id, 0; x != 0 && n < 64; x, n = par[x], n+1 {
				if containsID(units, x) {
					sub = append(sub, id)
					break
				}
			}
		}
		if len(sub) > 0 {
			ph := strings.TrimSuffix(strings.Repeat("?,", len(sub)), ",")
			conds = append(conds, "COALESCE(c.accused_opd_id, 0) IN ("+ph+")", "COALESCE(e.opd_id, 0) IN ("+ph+")")
			for range 2 {
				for _, id := range sub {
					args = append(args, id)
				}
			}
		}
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return "NOT (" + strings.Join(conds, " OR ") + ")", args, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// PersonOfUser returns the person of a user of the instansi (to check a
// handler before assigning them).
func PersonOfUser(ctx context.Context, q db.Querier, instansiID, userID int64) (Person, bool, error) {
	var p Person
	var role, username, full string
	var disabled int
	err := q.QueryRow(ctx, `SELECT id, username, full_name, role, COALESCE(employee_id, 0), COALESCE(opd_id, 0), disabled
		FROM app_user WHERE id = ? AND instansi_id = ?`, userID, instansiID).Scan(&p.UserID, &username, &full, &role,
		&p.EmployeeID, &p.OPDID, &disabled)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return p, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("user %d: %w", userID, err)
	}
	p.Role, p.Name = auth.Role(role), full
	if p.Name == "" {
		p.Name = username
	}
	return p, disabled == 0, nil
}
