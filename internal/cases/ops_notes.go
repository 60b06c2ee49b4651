package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// NoteInput is a note or message on a case.
type NoteInput struct {
	Audience string // NoteInternal, NoteReporter, NoteAccused or NoteAccusedReply
	Body     string
	Refs     string // documents referred to (NoteAccusedReply)
	Question bool   // NoteReporter: the team asks the reporter something (public status "clarification")
}

// AddNote adds an internal note, a message to the reporters (told through
// their public reports) or to the accused, or records the accused's reply.
func (s *Service) AddNote(ctx context.Context, p Person, instansiID, id int64, in NoteInput) error {
	in.Body, in.Refs = strings.TrimSpace(in.Body), strings.TrimSpace(in.Refs)
	if in.Body == "" {
		return invalid("body", "write the text")
	}
	if err := checkLens(textField{"body", in.Body, MaxText}, textField{"refs", in.Refs, MaxText}); err != nil {
		return err
	}
	op := OpMessage
	switch in.Audience {
	case NoteInternal:
		op = OpNote
	case NoteReporter, NoteAccused, NoteAccusedReply:
	default:
		return invalid("audience", "unknown audience %q", in.Audience)
	}
	if in.Audience != NoteAccusedReply {
		in.Refs = ""
	}
	return s.withCase(ctx, p, instansiID, id, op, func(tx *db.Tx, c Case) error {
		if in.Audience == NoteReporter {
			if s.Reports == nil {
				return ErrNoReporter
			}
			if ok, err := hasReports(ctx, tx, c.ID); err != nil {
				return err
			} else if !ok {
				return ErrNoReporter
			}
		}
		now := clock.Format(s.now())
		var noteID int64
		if err := tx.QueryRow(ctx, `INSERT INTO case_note (case_id, audience, body, refs, user_id, user_name, created_at)
			VALUES (?,?,?,?,?,?,?) RETURNING id`, c.ID, in.Audience, in.Body, in.Refs, nullID(p.UserID), p.Name, now).Scan(&noteID); err != nil {
			return fmt.Errorf("case note: %w", err)
		}
		var payload map[string]any
		if in.Audience != NoteInternal {
			payload = map[string]any{"audience": in.Audience, "note_id": noteID}
		}
		detail, _ := json.Marshal(map[string]any{"audience": in.Audience, "note": noteID})
		if err := s.record(ctx, tx, p, c, Event{Kind: "note", Action: op, Detail: string(detail)}, nil,
			map[string]any{"audience": in.Audience, "body": in.Body, "refs": in.Refs}, payload); err != nil {
			return err
		}
		if in.Audience == NoteReporter {
			public := PublicStatus(c.Status)
			if in.Question {
				public = "clarification"
			}
			return s.tellReporters(ctx, tx, c, public, in.Body)
		}
		return nil
	})
}
