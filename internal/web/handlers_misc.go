package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/registry"
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
	Review                                      reviewSummary // review items per status (handlers_review.go)
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

func (s *Server) referred(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	s.render(w, r, c, "referred.html", c.L.T("referred.title"), nil)
	return nil
}
