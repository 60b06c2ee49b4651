package web

import (
	"context"
	"errors"
	"fmt"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/casenotify"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/reports"
)

// caseSvc returns the case service: public reports linked through package
// reports, due dates from the instansi's working-day calendar (the
// service's default), the SKB matrix of package violation.
func (s *Server) caseSvc() *cases.Service {
	svc := &cases.Service{DB: s.DB, Reports: caseReports{}}
	// E-mails of case changes (internal/casenotify), queued in the change's transaction.
	svc.OnEvent = (&casenotify.Hook{Notify: s.Notify, ReportKey: s.ReportKey, Log: s.log}).OnEvent
	return svc
}

// casePerson is the person of the request for package cases.
func casePerson(c *reqCtx, actor audit.Actor) cases.Person {
	name := c.User.FullName
	if name == "" {
		name = c.User.Username
	}
	return cases.Person{Actor: actor, UserID: c.User.ID, Name: name, Role: c.User.Role, EmployeeID: c.User.EmployeeID,
		OPDID: c.User.OPDID}
}

// caseReports links cases to the public reports of package reports.
type caseReports struct{}

// AttachCase implements cases.ReportLinker.
func (caseReports) AttachCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, reportID, caseID int64) error {
	err := reports.AttachCase(ctx, tx, actor, instansiID, reportID, caseID)
	switch {
	case errors.Is(err, reports.ErrNotFound):
		return &cases.FieldError{Field: "report", Message: fmt.Sprintf("no public report %d in this instansi", reportID)}
	case errors.Is(err, reports.ErrConflict):
		return cases.ErrSourceTaken
	}
	return err
}

// SetStatusForCase implements cases.ReportLinker.
func (caseReports) SetStatusForCase(ctx context.Context, tx *db.Tx, instansiID, caseID int64, publicStatus, message string) error {
	return reports.SetStatusForCase(ctx, tx, instansiID, caseID, publicStatus, message)
}

// MoveCase implements cases.ReportLinker: the reports of a case merged into
// another follow it (reports.MoveCase, audited there).
func (caseReports) MoveCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, from, to int64) error {
	return reports.MoveCase(ctx, tx, actor, instansiID, from, to)
}
