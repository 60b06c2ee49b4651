package cases

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// SourceInput is a source to open a case from or add to one.
type SourceInput struct {
	Kind         string // SourceReview, SourceReport or SourceFinding
	ReviewItemID int64
	ReportID     int64
	Description  string
	Links        []string
}

// OpenInput opens a case.
type OpenInput struct {
	InstansiID int64
	Details    Details
	Source     SourceInput
	AssigneeID int64 // optional
}

// cleanLinks trims links, drops empty ones and repeats, and checks that
// each is an http or https address.
func cleanLinks(links []string) ([]string, error) {
	var out []string
	for _, l := range links {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(l) > MaxLinkLen {
			return nil, invalid("links", "%q is not a web address (http or https)", l)
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	if len(out) > MaxLinks {
		return nil, invalid("links", "at most %d links", MaxLinks)
	}
	return out, nil
}

// validateSource checks and cleans a source: its kind, text and links, the
// review item or report it names, and that no case has it already.
func (s *Service) validateSource(ctx context.Context, q db.Querier, instansiID int64, in *SourceInput) error {
	in.Description = strings.TrimSpace(in.Description)
	if err := checkLen("description", in.Description, MaxText); err != nil {
		return err
	}
	links, err := cleanLinks(in.Links)
	if err != nil {
		return err
	}
	in.Links = links
	switch in.Kind {
	case SourceFinding:
		in.ReviewItemID, in.ReportID = 0, 0
		if in.Description == "" {
			return invalid("description", "describe what the team found")
		}
	case SourceReview:
		in.ReportID = 0
		var status string
		err := q.QueryRow(ctx, `SELECT status FROM review_item WHERE id = ? AND instansi_id = ?`, in.ReviewItemID, instansiID).Scan(&status)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return invalid("review_item", "no review item %d in this instansi", in.ReviewItemID)
		}
		if err != nil {
			return fmt.Errorf("review item: %w", err)
		}
		if status != "confirmed" {
			return invalid("review_item", "only a confirmed indication can become a case (status %s)", status)
		}
	case SourceReport:
		in.ReviewItemID = 0
		if s.Reports == nil {
			return ErrReportsOff
		}
		if in.ReportID <= 0 {
			return invalid("report", "choose a public report")
		}
	default:
		return invalid("source", "unknown kind of source %q", in.Kind)
	}
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM case_source WHERE (review_item_id = ? AND ? > 0) OR (report_id = ? AND ? > 0)`,
		in.ReviewItemID, in.ReviewItemID, in.ReportID, in.ReportID).Scan(&n); err != nil {
		return fmt.Errorf("case source: %w", err)
	}
	if n > 0 {
		return ErrSourceTaken
	}
	return nil
}

// insertSource stores a validated source and links a report to the case.
func (s *Service) insertSource(ctx context.Context, tx *db.Tx, p Person, instansiID, caseID int64, in SourceInput, now string) error {
	links, _ := json.Marshal(nonNil(in.Links))
	_, err := tx.Exec(ctx, `INSERT INTO case_source (case_id, kind, review_item_id, report_id, description, links, added_by_name, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, caseID, in.Kind, nullID(in.ReviewItemID), nullID(in.ReportID), in.Description, string(links),
		p.Name, now)
	if db.IsUniqueViolation(err) {
		return ErrSourceTaken
	}
	if err != nil {
		return fmt.Errorf("case source: %w", err)
	}
	if in.Kind == SourceReport {
		if err := s.Reports.AttachCase(ctx, tx, p.Actor, instansiID, in.ReportID, caseID); err != nil {
			return fmt.Errorf("link report %d: %w", in.ReportID, err)
		}
	}
	return nil
}

// nextNumber reserves the next case number of the instansi for year.
func nextNumber(ctx context.Context, tx *db.Tx, instansiID int64, year int) (string, error) {
	var n int
	err := tx.QueryRow(ctx, `INSERT INTO case_counter (instansi_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (instansi_id, year) DO UPDATE SET last = case_counter.last + 1 RETURNING last`, instansiID, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("case number: %w", err)
	}
	return fmt.Sprintf("%s/%d/%04d", NumberPrefix, year, n), nil
}

// Open opens a case from a source, numbered NTR/<year>/<n> for the instansi.
func (s *Service) Open(ctx context.Context, p Person, in OpenInput) (Case, error) {
	if err := Allowed(p.Role, OpSource, Received); err != nil {
		return Case{}, err
	}
	if err := s.validateDetails(&in.Details); err != nil {
		return Case{}, err
	}
	var out Case
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := s.validateSource(ctx, tx, in.InstansiID, &in.Source); err != nil {
			return err
		}
		d := in.Details
		acc, err := resolveAccused(ctx, tx, in.InstansiID, d.Accused, d.ActDate)
		if err != nil {
			return err
		}
		c := Case{InstansiID: in.InstansiID, Title: d.Title, Summary: d.Summary, Status: Received, Accused: acc,
			ActDate: d.ActDate, ActKind: d.ActKind, Place: d.Place, Election: d.Election}
		if err := refuseConflicted(ctx, tx, p, c); err != nil {
			return err
		}
		if in.AssigneeID != 0 {
			if err := s.checkAssignee(ctx, tx, c, in.AssigneeID); err != nil {
				return err
			}
			c.AssigneeID = in.AssigneeID
		}
		now := s.now()
		if c.Number, err = nextNumber(ctx, tx, in.InstansiID, now.Year()); err != nil {
			return err
		}
		ts := clock.Format(now)
		err = tx.QueryRow(ctx, `INSERT INTO case_file (instansi_id, number, title, summary, status, assignee_user_id,
			employee_id, accused_nip, accused_name, accused_position, accused_unit, accused_opd_id, accused_basis,
			act_date, act_kind, place, election_id, election_name, election_type, determined_on,
			created_by, created_by_name, created_at, updated_at)
			VALUES (?,?,?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?) RETURNING id`,
			c.InstansiID, c.Number, c.Title, c.Summary, string(c.Status), nullID(c.AssigneeID),
			nullID(acc.EmployeeID), acc.NIP, acc.Name, acc.Position, acc.Unit, nullID(acc.OPDID), acc.Basis,
			nullDate(c.ActDate), c.ActKind, c.Place, c.Election.ID, c.Election.Name, c.Election.Type, nullDate(c.Election.DeterminedOn),
			nullID(p.UserID), p.Name, ts, ts).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		if err := s.insertSource(ctx, tx, p, in.InstansiID, c.ID, in.Source, ts); err != nil {
			return err
		}
		due, err := s.startStep(ctx, tx, p, c, Received, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE case_file SET due_at = ? WHERE id = ?`, nullTime(due), c.ID); err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		detail, _ := json.Marshal(map[string]any{"source": in.Source.Kind, "review_item": in.Source.ReviewItemID, "report": in.Source.ReportID})
		if err := s.record(ctx, tx, p, c, Event{Kind: "open", ToStatus: Received, Detail: string(detail)}, nil,
			auditView(c, in.Source), map[string]any{"to": Received, "assignee_id": c.AssigneeID, "due_at": nullTime(due)}); err != nil {
			return err
		}
		if err := s.tellReporters(ctx, tx, c, PublicStatus(Received), ""); err != nil {
			return err
		}
		out, err = Get(ctx, tx, c.InstansiID, c.ID)
		return err
	})
	return out, err
}

// AddSource adds a source to an open case (another report of the same act,
// a review item, a finding).
func (s *Service) AddSource(ctx context.Context, p Person, instansiID, id int64, in SourceInput) error {
	return s.withCase(ctx, p, instansiID, id, OpSource, func(tx *db.Tx, c Case) error {
		if err := s.validateSource(ctx, tx, instansiID, &in); err != nil {
			return err
		}
		now := clock.Format(s.now())
		if err := s.insertSource(ctx, tx, p, instansiID, c.ID, in, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE case_file SET updated_at = ? WHERE id = ?`, now, c.ID); err != nil {
			return fmt.Errorf("case source: %w", err)
		}
		detail, _ := json.Marshal(map[string]any{"source": in.Kind, "review_item": in.ReviewItemID, "report": in.ReportID})
		if err := s.record(ctx, tx, p, c, Event{Kind: "source", Action: OpSource, Detail: string(detail)}, nil,
			auditView(c, in), map[string]any{"source": in.Kind}); err != nil {
			return err
		}
		if in.Kind == SourceReport {
			return s.tellReporters(ctx, tx, c, PublicStatus(c.Status), "")
		}
		return nil
	})
}
