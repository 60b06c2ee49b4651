package cases

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Merge merges case from into case into: from's sources (and the public
// reports among them, whose reporters then follow into) move to into, and
// from ends as merged. Both must be open, of the instansi, and about the
// same ASN when both are identified.
func (s *Service) Merge(ctx context.Context, p Person, instansiID, fromID, intoID int64) error {
	if fromID == intoID {
		return ErrMergeSelf
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Lock in id order so two opposite merges cannot deadlock.
		first, second := min(fromID, intoID), max(fromID, intoID)
		a, err := lock(ctx, tx, instansiID, first)
		if err != nil {
			return err
		}
		b, err := lock(ctx, tx, instansiID, second)
		if err != nil {
			return err
		}
		from, into := a, b
		if a.ID != fromID {
			from, into = b, a
		}
		for _, c := range []Case{from, into} {
			if err := s.authorize(ctx, tx, p, c, ActMerge); err != nil {
				return err
			}
		}
		fa, ia := from.Accused, into.Accused
		if (fa.EmployeeID != 0 && ia.EmployeeID != 0 && fa.EmployeeID != ia.EmployeeID) ||
			(fa.NIP != "" && ia.NIP != "" && fa.NIP != ia.NIP) {
			return ErrMergeAccused
		}
		srcs, err := Sources(ctx, tx, from.ID)
		if err != nil {
			return err
		}
		at := s.now()
		now := clock.Format(at)
		if _, err := tx.Exec(ctx, `UPDATE case_source SET case_id = ?, merged_from = ? WHERE case_id = ?`, into.ID, from.ID, from.ID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		var reports []int64
		for _, x := range srcs {
			if x.Kind == SourceReport {
				reports = append(reports, x.ReportID)
			}
		}
		if len(reports) > 0 {
			if s.Reports == nil {
				return ErrReportsOff
			}
			if err := s.Reports.MoveCase(ctx, tx, p.Actor, instansiID, from.ID, into.ID); err != nil {
				return fmt.Errorf("merge: move reports: %w", err)
			}
		}
		if err := endStep(ctx, tx, p, from.ID, ActMerge, at); err != nil {
			return err
		}
		m := from
		m.Status = Merged
		if _, err := s.startStep(ctx, tx, p, m, Merged, at); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE case_file SET status = ?, outcome = ?, merged_into = ?, due_at = NULL, closed_at = ?, updated_at = ?
			WHERE id = ?`, string(Merged), string(Merged), into.ID, now, now, from.ID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE case_file SET updated_at = ? WHERE id = ?`, now, into.ID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		d1, _ := json.Marshal(map[string]any{"into": into.ID, "into_number": into.Number, "sources": len(srcs), "reports": reports})
		if err := s.record(ctx, tx, p, from, Event{Kind: "merge", Action: ActMerge, FromStatus: from.Status, ToStatus: Merged,
			Detail: string(d1)}, map[string]any{"status": from.Status},
			map[string]any{"status": Merged, "merged_into": into.ID, "sources": len(srcs), "reports": reports},
			map[string]any{"action": ActMerge, "from": from.Status, "to": Merged, "into": into.ID}); err != nil {
			return err
		}
		d2, _ := json.Marshal(map[string]any{"from": from.ID, "from_number": from.Number, "sources": len(srcs), "reports": reports})
		if err := s.record(ctx, tx, p, into, Event{Kind: "merged_in", Action: ActMerge, Detail: string(d2)}, nil,
			map[string]any{"merged_from": from.ID, "sources": len(srcs), "reports": reports}, nil); err != nil {
			return err
		}
		return s.tellReporters(ctx, tx, into, PublicStatus(into.Status), "")
	})
}
