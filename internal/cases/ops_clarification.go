package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// SummonsInput schedules a summons to clarification.
type SummonsInput struct {
	LetterNumber string
	ScheduledAt  time.Time
	Place        string
	Note         string
}

// AddSummons schedules a summons of the accused to clarification (the
// first, or a second when the first was not attended).
func (s *Service) AddSummons(ctx context.Context, p Person, instansiID, id int64, in SummonsInput) error {
	in.LetterNumber, in.Place, in.Note = strings.TrimSpace(in.LetterNumber), strings.TrimSpace(in.Place), strings.TrimSpace(in.Note)
	if in.ScheduledAt.IsZero() {
		return invalid("scheduled_at", "give the date and time of the clarification")
	}
	if err := checkLens(textField{"letter_number", in.LetterNumber, MaxShort}, textField{"place", in.Place, MaxShort},
		textField{"note", in.Note, MaxText}); err != nil {
		return err
	}
	return s.withCase(ctx, p, instansiID, id, OpSummons, func(tx *db.Tx, c Case) error {
		var seq int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM case_summons WHERE case_id = ?`, c.ID).Scan(&seq); err != nil {
			return fmt.Errorf("summons: %w", err)
		}
		if seq >= MaxSummonses {
			return invalid("scheduled_at", "at most %d summonses", MaxSummonses)
		}
		if floor, what := summonsFloor(c); dayOf(in.ScheduledAt).Before(floor) {
			return invalidBecause("scheduled_at", "before_"+what, "lies before the %s (%s)", what, floor.Format(time.DateOnly))
		}
		now := clock.Format(s.now())
		var sid int64
		if err := tx.QueryRow(ctx, `INSERT INTO case_summons (case_id, seq, letter_number, scheduled_at, place, note, created_by_name, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?) RETURNING id`, c.ID, seq+1, in.LetterNumber, clock.Format(in.ScheduledAt), in.Place, in.Note, p.Name, now, now).Scan(&sid); err != nil {
			return fmt.Errorf("summons: %w", err)
		}
		detail, _ := json.Marshal(map[string]any{"summons": sid, "seq": seq + 1, "scheduled_at": clock.Format(in.ScheduledAt)})
		return s.record(ctx, tx, p, c, Event{Kind: "summons", Action: OpSummons, Detail: string(detail)}, nil,
			map[string]any{"seq": seq + 1, "letter_number": in.LetterNumber, "scheduled_at": clock.Format(in.ScheduledAt), "place": in.Place},
			map[string]any{"summons_id": sid, "seq": seq + 1, "scheduled_at": clock.Format(in.ScheduledAt), "place": in.Place,
				"employee_id": c.Accused.EmployeeID})
	})
}

// RecordMinutes records whether the accused attended a summons and the
// minutes of the clarification (BA klarifikasi; required when they attended).
func (s *Service) RecordMinutes(ctx context.Context, p Person, instansiID, id, summonsID int64, attended, minutes string) error {
	minutes = strings.TrimSpace(minutes)
	if attended != "yes" && attended != "no" {
		return invalid("attended", "say whether the ASN attended")
	}
	if attended == "yes" && minutes == "" {
		return invalid("minutes", "write the minutes (BA klarifikasi)")
	}
	if err := checkLen("minutes", minutes, MaxText*5); err != nil {
		return err
	}
	return s.withCase(ctx, p, instansiID, id, OpSummons, func(tx *db.Tx, c Case) error {
		var scheduled string
		err := tx.QueryRow(ctx, `SELECT scheduled_at FROM case_summons WHERE id = ? AND case_id = ?`, summonsID, c.ID).Scan(&scheduled)
		if errors.Is(err, sql.ErrNoRows) {
			return invalid("summons", "no summons %d in this case", summonsID)
		}
		if err != nil {
			return fmt.Errorf("minutes: %w", err)
		}
		if at := clock.Parse(scheduled); !at.IsZero() && s.now().Before(at) {
			return invalidBecause("attended", "before_schedule", "the clarification is scheduled at %s; record the minutes after it",
				clock.Format(at))
		}
		now := clock.Format(s.now())
		res, err := tx.Exec(ctx, `UPDATE case_summons SET attended = ?, minutes = ?, minutes_at = ?, updated_at = ? WHERE id = ? AND case_id = ?`,
			attended, minutes, now, now, summonsID, c.ID)
		if err != nil {
			return fmt.Errorf("minutes: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return invalid("summons", "no summons %d in this case", summonsID)
		}
		detail, _ := json.Marshal(map[string]any{"summons": summonsID, "attended": attended})
		return s.record(ctx, tx, p, c, Event{Kind: "minutes", Action: OpSummons, Detail: string(detail)}, nil,
			map[string]any{"summons": summonsID, "attended": attended, "minutes": minutes},
			map[string]any{"summons_id": summonsID, "attended": attended})
	})
}

// summonsSlack is how long before the opening of a case whose act date is
// unknown a summons may be scheduled (a clarification held just before the
// case was registered).
const summonsSlack = 30 * 24 * time.Hour

// summonsFloor is the first day a summons of c may be scheduled on: the day
// of the act, or (act date unknown) the day the case was opened less
// summonsSlack; what names it ("act" or "opening").
func summonsFloor(c Case) (floor time.Time, what string) {
	if !c.ActDate.IsZero() {
		return dayOf(c.ActDate), "act"
	}
	return dayOf(c.CreatedAt.Add(-summonsSlack)), "opening"
}

// summon checks that the accused is identified before they are summoned.
func (st *stepChange) summon() error {
	if !st.c.Accused.Identified() {
		return ErrNotIdentified
	}
	return nil
}

// toFinding checks that the clarification was held (minutes recorded, or
// the accused did not attend) or the note says why the finding goes ahead.
func (st *stepChange) toFinding(ctx context.Context, tx *db.Tx) error {
	ss, err := Summonses(ctx, tx, st.c.ID)
	if err != nil {
		return err
	}
	held := slices.ContainsFunc(ss, func(x Summons) bool { return x.Minutes != "" || x.Attended == "no" })
	if !held && st.in.Note == "" {
		return invalid("note", "record the minutes (BA klarifikasi) of a summons, or say why the finding goes ahead without them")
	}
	return nil
}
