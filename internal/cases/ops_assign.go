package cases

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// checkAssignee checks that user may handle c: an active user of the
// instansi whose role handles cases, without a conflict of interest.
func (s *Service) checkAssignee(ctx context.Context, q db.Querier, c Case, userID int64) error {
	u, active, err := PersonOfUser(ctx, q, c.InstansiID, userID)
	if err != nil {
		return err
	}
	if u.UserID == 0 || !active || !auth.Can(u.Role, auth.PermCasesHandle) {
		return invalid("assignee", "user %d cannot handle cases of this instansi", userID)
	}
	return refuseConflicted(ctx, q, u, c)
}

// Assignable returns the users of the instansi who may be assigned c: active,
// handling cases, without a conflict of interest.
func (s *Service) Assignable(ctx context.Context, c Case) ([]Person, error) {
	rows, err := s.DB.Query(ctx, `SELECT id FROM app_user WHERE instansi_id = ? AND disabled = 0 ORDER BY full_name, username`, c.InstansiID)
	if err != nil {
		return nil, fmt.Errorf("assignable users: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Person
	for _, id := range ids {
		u, active, err := PersonOfUser(ctx, s.DB, c.InstansiID, id)
		if err != nil {
			return nil, err
		}
		if !active || !auth.Can(u.Role, auth.PermCasesHandle) {
			continue
		}
		if bad, err := Conflicted(ctx, s.DB, u, c); err != nil {
			return nil, err
		} else if !bad {
			out = append(out, u)
		}
	}
	return out, nil
}

// Assign makes userID the handler of a case (0: nobody).
func (s *Service) Assign(ctx context.Context, p Person, instansiID, id, userID int64) error {
	return s.withCase(ctx, p, instansiID, id, OpAssign, func(tx *db.Tx, c Case) error {
		if userID != 0 {
			if err := s.checkAssignee(ctx, tx, c, userID); err != nil {
				return err
			}
		}
		if userID == c.AssigneeID {
			return nil
		}
		now := clock.Format(s.now())
		if _, err := tx.Exec(ctx, `UPDATE case_file SET assignee_user_id = ?, updated_at = ? WHERE id = ?`, nullID(userID), now, c.ID); err != nil {
			return fmt.Errorf("assign case: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE case_step SET assignee_user_id = ? WHERE case_id = ? AND ended_at IS NULL`, nullID(userID), c.ID); err != nil {
			return fmt.Errorf("assign case: %w", err)
		}
		detail, _ := json.Marshal(map[string]int64{"from": c.AssigneeID, "to": userID})
		return s.record(ctx, tx, p, c, Event{Kind: "assign", Action: OpAssign, Detail: string(detail)},
			map[string]any{"assignee": c.AssigneeID}, map[string]any{"assignee": userID},
			map[string]any{"assignee_id": userID, "previous_assignee_id": c.AssigneeID, "status": c.Status})
	})
}
