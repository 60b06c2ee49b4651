package cases

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// TransitionInput is a step taking a case to another state, with what the
// step records.
type TransitionInput struct {
	Action Action
	Note   string // comment; the reason of reject, insufficient and to_ppk (required there)
	// ActProven, ActNotProven: the team's finding.
	ViolationCode string
	Finding       string
	// ActRefer: to whom, the letter number and what the package holds.
	Target       string
	LetterNumber string
	PackageNote  string
	// ActRecommend.
	RecOutcome  string
	RecNumber   string
	RecDate     time.Time
	RecText     string
	RecSanction string
	// ActDecide: the PPK's decision and its legal basis.
	Sanction     string
	Basis        string
	DecreeNumber string
	DecreeDate   time.Time
	// PublicMessage is told to the reporters with the new public status (optional).
	PublicMessage string
	// ExpectStatus, when set, refuses the step with ErrStale if the case has moved on.
	ExpectStatus Status
}

// stepChange is a step of the lifecycle under way: its input, the case
// before (c) and after (n) the step, and the columns of case_file it sets.
type stepChange struct {
	in  TransitionInput
	p   Person
	c   Case
	n   Case
	set map[string]any
	now time.Time
}

// Transition takes a step of the lifecycle.
func (s *Service) Transition(ctx context.Context, p Person, instansiID, id int64, in TransitionInput) (Case, error) {
	if !IsTransition(in.Action) || in.Action == ActMerge {
		return Case{}, invalid("action", "unknown step %q", in.Action)
	}
	rule, _ := RuleOf(in.Action)
	var out Case
	err := s.withCaseIn(ctx, p, instansiID, id, in.Action, in.ExpectStatus, func(tx *db.Tx, c Case) error {
		st := &stepChange{p: p, c: c, n: c, set: map[string]any{}, now: s.now()}
		st.n.Status = rule.To
		in.Note, in.PublicMessage = strings.TrimSpace(in.Note), strings.TrimSpace(in.PublicMessage)
		if err := checkLens(textField{"note", in.Note, MaxText}, textField{"public_message", in.PublicMessage, MaxText}); err != nil {
			return err
		}
		if in.PublicMessage != "" {
			if ok, err := hasReports(ctx, tx, c.ID); err != nil {
				return err
			} else if !ok || s.Reports == nil {
				return invalid("public_message", "this case has no public report to tell")
			}
		}
		st.in = in
		if err := s.prepareStep(ctx, tx, st); err != nil {
			return err
		}
		if err := s.applyStep(ctx, tx, st); err != nil {
			return err
		}
		var err error
		out, err = Get(ctx, tx, instansiID, id)
		return err
	})
	return out, err
}

// prepareStep validates what the step records and puts it in st.n and
// st.set (the checks of each step stand with its topic).
func (s *Service) prepareStep(ctx context.Context, tx *db.Tx, st *stepChange) error {
	switch st.in.Action {
	case ActSummon:
		return st.summon()
	case ActToFinding:
		return st.toFinding(ctx, tx)
	case ActProven, ActNotProven:
		return st.finding()
	case ActRefer:
		return st.refer()
	case ActToPPK, ActReject, ActInsufficient:
		return st.withReason()
	case ActRecommend:
		return st.recommend(s.LawInUse())
	case ActDecide:
		return s.decide(st)
	}
	return nil
}

// applyStep ends the current step, starts the next one, writes the case's
// new columns and records the transition (telling the reporters).
func (s *Service) applyStep(ctx context.Context, tx *db.Tx, st *stepChange) error {
	p, c, n, in, set, now := st.p, st.c, st.n, st.in, st.set, st.now
	if err := endStep(ctx, tx, p, c.ID, in.Action, now); err != nil {
		return err
	}
	due, err := s.startStep(ctx, tx, p, n, n.Status, now)
	if err != nil {
		return err
	}
	set["status"], set["due_at"], set["updated_at"] = string(n.Status), nullTime(due), clock.Format(now)
	if n.Status.Ended() {
		set["closed_at"] = clock.Format(now)
	}
	cols := make([]string, 0, len(set))
	for k := range set {
		cols = append(cols, k)
	}
	slices.Sort(cols)
	args := make([]any, 0, len(cols)+1)
	for i, k := range cols {
		args = append(args, set[k])
		cols[i] = k + " = ?"
	}
	if _, err := tx.Exec(ctx, `UPDATE case_file SET `+strings.Join(cols, ", ")+` WHERE id = ?`, append(args, c.ID)...); err != nil {
		return fmt.Errorf("case %s: %w", in.Action, err)
	}
	after := map[string]any{"status": n.Status}
	for k, v := range set {
		after[k] = v
	}
	if err := s.record(ctx, tx, p, c, Event{Kind: "transition", Action: in.Action, FromStatus: c.Status, ToStatus: n.Status, Note: in.Note},
		map[string]any{"status": c.Status}, after,
		map[string]any{"action": in.Action, "from": c.Status, "to": n.Status, "assignee_id": c.AssigneeID, "due_at": nullTime(due)}); err != nil {
		return err
	}
	if in.PublicMessage != "" {
		if _, err := tx.Exec(ctx, `INSERT INTO case_note (case_id, audience, body, user_id, user_name, created_at) VALUES (?,?,?,?,?,?)`,
			c.ID, NoteReporter, in.PublicMessage, nullID(p.UserID), p.Name, clock.Format(now)); err != nil {
			return fmt.Errorf("case note: %w", err)
		}
	}
	return s.tellReporters(ctx, tx, n, PublicStatus(n.Status), in.PublicMessage)
}
