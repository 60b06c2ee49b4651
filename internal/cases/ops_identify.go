package cases

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/nip"
)

// AccusedInput identifies the accused: a registered employee (by id or
// NIP), or free text when they are not in the registry.
type AccusedInput struct {
	EmployeeID int64
	NIP        string
	Name       string
	Position   string // free text: jabatan
	Unit       string // free text: unit
	OPDID      int64  // optional registry unit for a person not in the registry
}

// Details are what the team knows of the act and the accused.
type Details struct {
	Title    string
	Summary  string
	Accused  AccusedInput
	ActDate  time.Time // zero: unknown
	ActKind  string    // one of ActKinds, or ""
	Place    string
	Election ElectionRef
}

// validateDetails trims and checks the details of a case.
func (s *Service) validateDetails(d *Details) error {
	d.Title, d.Summary, d.Place = strings.TrimSpace(d.Title), strings.TrimSpace(d.Summary), strings.TrimSpace(d.Place)
	if d.Title == "" {
		return invalid("title", "required")
	}
	if err := checkLens(textField{"title", d.Title, MaxTitle},
		textField{"summary", d.Summary, MaxText}, textField{"place", d.Place, MaxShort}); err != nil {
		return err
	}
	if d.ActKind != "" && !validActKind(d.ActKind) {
		return invalid("act_kind", "unknown kind of act %q", d.ActKind)
	}
	if !d.ActDate.IsZero() && d.ActDate.After(s.now().Add(maxFutureSlack)) {
		return invalid("act_date", "lies in the future")
	}
	e := &d.Election
	e.ID, e.Name, e.Type = strings.TrimSpace(e.ID), strings.TrimSpace(e.Name), strings.TrimSpace(e.Type)
	if e.Type != "" && !slices.Contains([]string{election.TypePilpres, election.TypePileg, election.TypePilkada, election.TypeOther}, e.Type) {
		return invalid("election", "unknown election type %q", e.Type)
	}
	if e.ID != "" && e.Name == "" {
		e.Name = e.ID
	}
	a := &d.Accused
	a.NIP, a.Name, a.Position, a.Unit = nip.Normalize(strings.TrimSpace(a.NIP)), strings.TrimSpace(a.Name),
		strings.TrimSpace(a.Position), strings.TrimSpace(a.Unit)
	if err := checkLens(textField{"accused_name", a.Name, MaxShort}, textField{"accused_position", a.Position, MaxShort},
		textField{"accused_unit", a.Unit, MaxShort}); err != nil {
		return err
	}
	if a.NIP != "" {
		if _, _, err := nip.Parse(a.NIP, s.now()); err != nil {
			return invalid("accused_nip", "not a valid NIP: %v", err)
		}
	}
	return nil
}

// resolveAccused looks the accused up in the registry (by id, then NIP) and
// takes the position and unit they held on the act date.
func resolveAccused(ctx context.Context, q db.Querier, instansiID int64, in AccusedInput, act time.Time) (Accused, error) {
	var a Accused
	var empID int64
	switch {
	case in.EmployeeID != 0:
		err := q.QueryRow(ctx, `SELECT id FROM employee WHERE id = ? AND instansi_id = ?`, in.EmployeeID, instansiID).Scan(&empID)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return a, invalid("accused", "employee %d is not in this instansi's registry", in.EmployeeID)
		}
		if err != nil {
			return a, fmt.Errorf("accused: %w", err)
		}
	case in.NIP != "":
		err := q.QueryRow(ctx, `SELECT id FROM employee WHERE nip = ? AND instansi_id = ?`, in.NIP, instansiID).Scan(&empID)
		if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return a, fmt.Errorf("accused: %w", err)
		}
	}
	if empID == 0 {
		if in.Name == "" && (in.NIP != "" || in.Position != "" || in.Unit != "" || in.OPDID != 0) {
			return a, invalid("accused_name", "required for an ASN not in the registry")
		}
		a = Accused{NIP: in.NIP, Name: in.Name, Position: in.Position, Unit: in.Unit}
		if in.OPDID != 0 {
			var name string
			err := q.QueryRow(ctx, `SELECT name FROM opd WHERE id = ? AND instansi_id = ?`, in.OPDID, instansiID).Scan(&name)
			if errors.Is(db.NoRows(err), db.ErrNotFound) {
				return a, invalid("accused_opd", "unit %d is not in this instansi", in.OPDID)
			}
			if err != nil {
				return a, fmt.Errorf("accused: %w", err)
			}
			a.OPDID = in.OPDID
			if a.Unit == "" {
				a.Unit = name
			}
		}
		if a.Name != "" {
			a.Basis = BasisManual
		}
		return a, nil
	}
	var opdName string
	err := q.QueryRow(ctx, `SELECT e.id, e.nip, e.name, e.jabatan, e.opd_id, o.name FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.id = ?`, empID).Scan(&a.EmployeeID, &a.NIP, &a.Name, &a.Position, &a.OPDID, &opdName)
	if err != nil {
		return a, fmt.Errorf("accused: %w", err)
	}
	a.Unit, a.Basis = opdName, BasisCurrent
	if !act.IsZero() {
		day := clock.FormatDate(act)
		var jab, unit string
		var opd int64
		err := q.QueryRow(ctx, `SELECT p.jabatan, p.opd_id, o.name FROM employee_position p JOIN opd o ON o.id = p.opd_id
			WHERE p.employee_id = ? AND p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?)
			ORDER BY p.valid_from DESC, p.id DESC LIMIT 1`, empID, day, day).Scan(&jab, &opd, &unit)
		switch {
		case err == nil:
			a.Position, a.OPDID, a.Unit, a.Basis = jab, opd, unit, BasisPosition
		case !errors.Is(db.NoRows(err), db.ErrNotFound):
			return a, fmt.Errorf("accused position: %w", err)
		}
	}
	return a, nil
}

// Identify sets the details of a case: title, summary, the accused (with
// the position and unit at the act date), the act and the election. A
// handler who gets a conflict of interest with the new accused is
// unassigned.
func (s *Service) Identify(ctx context.Context, p Person, instansiID, id int64, d Details) error {
	if err := s.validateDetails(&d); err != nil {
		return err
	}
	return s.withCase(ctx, p, instansiID, id, OpIdentify, func(tx *db.Tx, c Case) error {
		acc, err := resolveAccused(ctx, tx, instansiID, d.Accused, d.ActDate)
		if err != nil {
			return err
		}
		n := c
		n.Title, n.Summary, n.Accused, n.ActDate, n.ActKind, n.Place, n.Election = d.Title, d.Summary, acc, d.ActDate, d.ActKind, d.Place, d.Election
		if err := refuseConflicted(ctx, tx, p, n); err != nil {
			return err
		}
		note := ""
		if n.AssigneeID != 0 {
			u, _, err := PersonOfUser(ctx, tx, instansiID, n.AssigneeID)
			if err != nil {
				return err
			}
			if bad, err := Conflicted(ctx, tx, u, n); err != nil {
				return err
			} else if bad {
				n.AssigneeID, note = 0, "unassigned: conflict of interest with the accused"
				if _, err := tx.Exec(ctx, `UPDATE case_step SET assignee_user_id = NULL WHERE case_id = ? AND ended_at IS NULL`, c.ID); err != nil {
					return fmt.Errorf("identify: %w", err)
				}
			}
		}
		_, err = tx.Exec(ctx, `UPDATE case_file SET title = ?, summary = ?, employee_id = ?, accused_nip = ?, accused_name = ?,
			accused_position = ?, accused_unit = ?, accused_opd_id = ?, accused_basis = ?, act_date = ?, act_kind = ?, place = ?,
			election_id = ?, election_name = ?, election_type = ?, determined_on = ?, assignee_user_id = ?, updated_at = ? WHERE id = ?`,
			n.Title, n.Summary, nullID(acc.EmployeeID), acc.NIP, acc.Name, acc.Position, acc.Unit, nullID(acc.OPDID), acc.Basis,
			nullDate(n.ActDate), n.ActKind, n.Place, n.Election.ID, n.Election.Name, n.Election.Type, nullDate(n.Election.DeterminedOn),
			nullID(n.AssigneeID), clock.Format(s.now()), c.ID)
		if err != nil {
			return fmt.Errorf("identify: %w", err)
		}
		var payload map[string]any
		if note != "" {
			payload = map[string]any{"assignee_id": 0, "previous_assignee_id": c.AssigneeID, "reason": "conflict_of_interest"}
		}
		return s.record(ctx, tx, p, c, Event{Kind: "identify", Action: OpIdentify, Note: note}, auditView(c), auditView(n), payload)
	})
}
