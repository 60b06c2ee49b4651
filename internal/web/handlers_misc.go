package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/reports"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ *reqCtx) error {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := s.DB.W.PingContext(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": err.Error()})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(s.DB.Engine())})
	return nil
}

// dashboardData holds the counts shown on the dashboard.
type dashboardData struct {
	Employees, PNS, PPPK, OPDs, Accounts, Users int
	Review                                      reviewSummary                // review items per status (handlers_review.go)
	Unattributed                                *monitor.UnattributedSummary // nil unless the user may see it (handlers_attribution.go)
	Cases                                       *caseDashboard               // nil unless the user may see reports or cases
}

// caseDashboard is the dashboard's summary of public reports and cases.
// Reports is set for roles that may read public reports, Cases for roles
// that may read cases; the case counts leave out the cases the viewer has
// a conflict of interest with, as the case list does.
type caseDashboard struct {
	Reports         bool
	UnlinkedReports int // public reports not attached to a case
	Cases           bool
	Open            int // cases in an open state
	Overdue         int // open cases past their step's due date
	AwaitingPPK     int // cases awaiting the PPK's decision
}

// caseDashboard counts the public reports and cases the user may see; nil
// when they may see neither.
func (s *Server) caseDashboard(r *http.Request, c *reqCtx) (*caseDashboard, error) {
	ctx := r.Context()
	d := &caseDashboard{Reports: c.Can(string(auth.PermReportsView)),
		Cases: c.Can(string(auth.PermCasesView)) && cases.MayView(c.User.Role)}
	if !d.Reports && !d.Cases {
		return nil, nil
	}
	if d.Reports {
		_, n, err := reports.List(ctx, s.DB, c.Instansi.ID, reports.ListFilter{Unlinked: true, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("dashboard reports: %w", err)
		}
		d.UnlinkedReports = n
	}
	if d.Cases {
		p := casePerson(c, c.actor(r))
		counts, err := s.caseSvc().Counts(ctx, cases.Filter{InstansiID: c.Instansi.ID, Viewer: &p})
		if err != nil {
			return nil, fmt.Errorf("dashboard cases: %w", err)
		}
		for _, st := range cases.OpenStatuses() {
			d.Open += counts[string(st)]
		}
		d.Overdue, d.AwaitingPPK = counts["overdue"], counts[string(cases.PPK)]
	}
	return d, nil
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	var d dashboardData
	byKind, err := s.Reg.CountEmployees(ctx, c.Instansi.ID)
	if err != nil {
		return err
	}
	d.PNS, d.PPPK = byKind["PNS"], byKind["PPPK"]
	d.Employees = d.PNS + d.PPPK
	for q, dst := range map[string]*int{
		`SELECT COUNT(*) FROM opd WHERE instansi_id = ?`:            &d.OPDs,
		`SELECT COUNT(*) FROM social_account WHERE instansi_id = ?`: &d.Accounts,
		`SELECT COUNT(*) FROM app_user WHERE instansi_id = ?`:       &d.Users,
	} {
		if err := s.DB.QueryRow(ctx, q, c.Instansi.ID).Scan(dst); err != nil {
			return err
		}
	}
	if d.Review, err = s.reviewDashboard(ctx, c); err != nil {
		return err
	}
	if d.Unattributed, err = s.unattributedDashboard(ctx, c); err != nil {
		return err
	}
	if d.Cases, err = s.caseDashboard(r, c); err != nil {
		return err
	}
	s.render(w, r, c, "dashboard.html", c.L.T("dash.title"), d)
	return nil
}

// meData is the self-service page.
type meData struct {
	Employee  *registry.Employee
	Positions []registry.Position
	Accounts  []registry.Account
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var d meData
	if c.User.EmployeeID != 0 {
		e, err := s.Reg.Employee(r.Context(), c.Own.ID, c.User.EmployeeID)
		if err == nil {
			d.Employee = &e
			if d.Positions, err = s.Reg.Positions(r.Context(), e.ID); err != nil {
				return err
			}
			if d.Accounts, err = s.Reg.Accounts(r.Context(), c.Own.ID, e.ID); err != nil {
				return err
			}
		}
	}
	s.render(w, r, c, "me.html", c.L.T("me.title"), d)
	return nil
}
