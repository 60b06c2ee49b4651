package web

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/violation"
)

// The staff side of public reports (/laporan): the list of the instansi's
// reports and one report's page with its evidence (copies without metadata),
// links and their captures, the messages with the reporter, a form to write
// to them, and — for auth.PermReporterReveal only — revealing a confidential
// reporter's identity with a reason. Case handling (internal/cases) builds
// on this with reports.Get, ListUnlinked, AttachCase and SetStatusForCase.

// reportListPage is what report_list.html receives.
type reportListPage struct {
	Reports  []reports.Report
	Total    int
	Status   string
	Burst    bool
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	Statuses []option
}

const reportPageSize = 50

// reportList lists the instansi's public reports.
func (s *Server) reportList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	d := reportListPage{Status: q.Get("status"), Burst: q.Get("banyak") == "1"}
	if d.Status != "" && !reports.ValidStatus(d.Status) {
		return badRequest("status")
	}
	d.Page, _ = strconv.Atoi(q.Get("hal"))
	d.Page = max(d.Page, 1)
	var err error
	d.Reports, d.Total, err = reports.List(r.Context(), s.DB, c.Instansi.ID, reports.ListFilter{Status: d.Status,
		Burst: d.Burst, Limit: reportPageSize, Offset: (d.Page - 1) * reportPageSize})
	if err != nil {
		return err
	}
	d.Pages = max((d.Total+reportPageSize-1)/reportPageSize, 1)
	pageURL := func(p int) string {
		v := url.Values{"hal": {strconv.Itoa(p)}}
		if d.Status != "" {
			v.Set("status", d.Status)
		}
		if d.Burst {
			v.Set("banyak", "1")
		}
		return "/laporan?" + v.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = pageURL(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageURL(d.Page + 1)
	}
	for _, st := range reports.Statuses {
		d.Statuses = append(d.Statuses, option{st, c.L.T(reportKey("status", st))})
	}
	s.render(w, r, c, "report_list.html", c.L.T("report.list_title"), d)
	return nil
}

// reportShowPage is what report_show.html receives.
type reportShowPage struct {
	Report      reports.Report
	Messages    []reports.Message
	Evidence    []reports.Evidence
	Links       []reports.Link
	NIPWarnings []string
	SamePerson  int
	ActLabel    string
	Suggested   string // suggested code and its SKB title
	Given       string // code given by the reporter and its title
	Statuses    []option
	Identity    *reports.Identity // decrypted: an open identity, or just revealed
	Revealed    bool              // Identity was revealed now (confidential)
	RevealError string
	Reason      string
	Errors      map[string]string
	Notice      string
	KeyOK       bool
}

// loadReport reads the report of the path in the current instansi (404
// for another instansi's).
func (s *Server) loadReport(r *http.Request, c *reqCtx) (reports.Report, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return reports.Report{}, errNotFound
	}
	rep, err := reports.Get(r.Context(), s.DB, c.Instansi.ID, id)
	if errors.Is(err, reports.ErrNotFound) {
		return rep, errNotFound
	}
	return rep, err
}

// reportShowData fills the page of rep.
func (s *Server) reportShowData(r *http.Request, c *reqCtx, rep reports.Report, d *reportShowPage) error {
	ctx := r.Context()
	var err error
	d.Report = rep
	if d.Messages, err = reports.Messages(ctx, s.DB, c.Instansi.ID, rep.ID); err != nil {
		return err
	}
	if d.Evidence, err = reports.EvidenceList(ctx, s.DB, c.Instansi.ID, rep.ID); err != nil {
		return err
	}
	if d.Links, err = reports.Links(ctx, s.DB, c.Instansi.ID, rep.ID); err != nil {
		return err
	}
	if d.SamePerson, err = reports.SamePerson(ctx, s.DB, rep); err != nil {
		return err
	}
	for _, wr := range reports.NIPWarnings(rep.Reported.NIP) {
		d.NIPWarnings = append(d.NIPWarnings, staffWarningText(c, wr))
	}
	if rep.Act != "" {
		d.ActLabel = c.L.T(reportKey("act", rep.Act))
	}
	if rep.SuggestedCode != "" {
		d.Suggested = string(rep.SuggestedCode) + " — " + violation.Code(rep.SuggestedCode).Title()
	}
	if rep.Violation != "" {
		d.Given = string(rep.Violation) + " — " + rep.Violation.Title()
	}
	for _, st := range reports.Statuses {
		d.Statuses = append(d.Statuses, option{st, c.L.T(reportKey("status", st))})
	}
	d.KeyOK = s.ReportKey != nil
	if rep.Identity == reports.IdentityOpen && d.Identity == nil && d.RevealError == "" {
		if s.ReportKey == nil {
			d.RevealError = c.L.T("report.err_no_key")
			return nil
		}
		id, err := reports.OpenIdentity(ctx, s.DB, s.ReportKey, c.actor(r), rep)
		switch {
		case errors.Is(err, sealbox.ErrWrongKey), errors.Is(err, sealbox.ErrCorrupt):
			s.log.Error("report: identity cannot be opened", "report", rep.ID, "err", err)
			d.RevealError = c.L.T("report.err_wrong_key")
		case err != nil:
			return err
		default:
			d.Identity = &id
		}
	}
	return nil
}

// reportShow shows one report (the view is audited).
func (s *Server) reportShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := s.loadReport(r, c)
	if err != nil {
		return err
	}
	d := reportShowPage{}
	switch r.URL.Query().Get("ok") {
	case "pesan":
		d.Notice = c.L.T("report.staff_message_sent")
	case "tangkap":
		d.Notice = c.L.T("report.capture_requested")
	}
	if err := s.reportShowData(r, c, rep, &d); err != nil {
		return err
	}
	if err := audit.RecordNow(r.Context(), s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "report.view",
		ObjectType: "public_report", ObjectID: itoa(rep.ID)}); err != nil {
		return err
	}
	s.render(w, r, c, "report_show.html", c.L.T("report.show_title", rep.Receipt), d)
	return nil
}

// reportMessage writes to the reporter and/or changes the public status.
func (s *Server) reportMessage(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := s.loadReport(r, c)
	if err != nil {
		return err
	}
	body, status := r.PostFormValue("pesan"), r.PostFormValue("status")
	err = reports.PostMessage(r.Context(), s.DB, c.actor(r), c.Instansi.ID, rep.ID, body, status)
	var ve *reports.ValidationError
	switch {
	case errors.As(err, &ve):
		d := reportShowPage{Errors: problems(c, ve, nil)}
		if err := s.reportShowData(r, c, rep, &d); err != nil {
			return err
		}
		s.renderStatus(w, r, c, http.StatusBadRequest, "report_show.html", c.L.T("report.show_title", rep.Receipt), d)
		return nil
	case errors.Is(err, reports.ErrLinked):
		return &httpError{http.StatusConflict, "conflict", "report.err_linked", ""}
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/laporan/"+itoa(rep.ID)+"?ok=pesan", http.StatusSeeOther)
	return nil
}

// reportCapture asks for the capture of the report's links not captured yet.
func (s *Server) reportCapture(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := s.loadReport(r, c)
	if err != nil {
		return err
	}
	if s.Capture == nil {
		return &httpError{http.StatusServiceUnavailable, "internal", "capture.err_unavailable", ""}
	}
	if err := reports.CaptureLinks(r.Context(), s.DB, s.Capture, c.actor(r), c.Instansi.ID, rep.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/laporan/"+itoa(rep.ID)+"?ok=tangkap", http.StatusSeeOther)
	return nil
}

// reportReveal reveals a confidential (or open) reporter's identity to a
// holder of PermReporterReveal who gives a reason; the reveal is audited
// and the identity shown on this answer only.
func (s *Server) reportReveal(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := s.loadReport(r, c)
	if err != nil {
		return err
	}
	reason := r.PostFormValue("alasan")
	d := reportShowPage{Reason: reason}
	id, err := reports.Reveal(r.Context(), s.DB, s.ReportKey, c.actor(r), c.Instansi.ID, rep.ID, reason)
	status := http.StatusOK
	var ve *reports.ValidationError
	switch {
	case errors.As(err, &ve):
		d.Errors, status = problems(c, ve, nil), http.StatusBadRequest
		if fe, ok := ve.Field("reason"); ok {
			d.RevealError = c.L.T(reportKey("err", "reason_"+fe.Code), reports.MinRevealReason)
		}
	case errors.Is(err, reports.ErrNothingSealed):
		d.RevealError, status = c.L.T("report.err_nothing_sealed"), http.StatusConflict
	case errors.Is(err, reports.ErrNoKey):
		d.RevealError, status = c.L.T("report.err_no_key"), http.StatusServiceUnavailable
	case errors.Is(err, sealbox.ErrWrongKey), errors.Is(err, sealbox.ErrCorrupt):
		s.log.Error("report: identity cannot be opened", "report", rep.ID, "err", err)
		d.RevealError, status = c.L.T("report.err_wrong_key"), http.StatusInternalServerError
	case err != nil:
		return err
	default:
		d.Identity, d.Revealed, d.Reason = &id, true, ""
	}
	if err := s.reportShowData(r, c, rep, &d); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "report_show.html", c.L.T("report.show_title", rep.Receipt), d)
	return nil
}

// reportEvidence serves an evidence file: the copy without metadata when
// there is one (images, shown inline), else the original as a download. The
// original of an image (with its metadata, which may identify the reporter)
// is reportEvidenceOriginal.
func (s *Server) reportEvidence(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.serveEvidence(w, r, c, true)
}

// reportEvidenceOriginal serves an evidence file exactly as received
// (PermReporterReveal; audited).
func (s *Server) reportEvidenceOriginal(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.serveEvidence(w, r, c, false)
}

func (s *Server) serveEvidence(w http.ResponseWriter, r *http.Request, c *reqCtx, stripped bool) error {
	rep, err := s.loadReport(r, c)
	if err != nil {
		return err
	}
	eid, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil {
		return errNotFound
	}
	ev, data, err := reports.EvidenceData(r.Context(), s.DB, c.Instansi.ID, rep.ID, eid, stripped)
	switch {
	case errors.Is(err, reports.ErrNotFound):
		return errNotFound
	case errors.Is(err, reports.ErrIntegrity):
		s.log.Error("report: evidence does not match its hash", "report", rep.ID, "evidence", eid)
		_ = audit.RecordNow(r.Context(), s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID,
			Action: "report.evidence_tamper_detected", ObjectType: "public_report_evidence", ObjectID: itoa(eid)})
		return errInternal
	case err != nil:
		return err
	}
	inline := stripped && ev.Stripped && ev.IsImage()
	if !stripped || !ev.Stripped {
		action := "report.evidence_download"
		if !stripped {
			action = "report.evidence_original"
		}
		if err := audit.RecordNow(r.Context(), s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: action,
			ObjectType: "public_report_evidence", ObjectID: itoa(ev.ID),
			After: map[string]any{"report_id": rep.ID, "sha256": ev.SHA256}}); err != nil {
			return err
		}
	}
	h := w.Header()
	name := rep.Receipt + "-" + itoa(ev.ID) + "." + reports.Extension(ev.ContentType)
	if !stripped {
		name = rep.Receipt + "-" + itoa(ev.ID) + "-asli." + reports.Extension(ev.ContentType)
	}
	if inline {
		h.Set("Content-Type", ev.ContentType)
		h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	} else {
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
	return nil
}

// staffWarningText is a warning on the NIP the reporter wrote, worded for
// the team (warningText is the reporter's wording).
func staffWarningText(c *reqCtx, w reports.Warning) string {
	d := w.Detail
	if c.L.Lang == "en" {
		d = w.DetailEN
	}
	return c.L.T("report.warn_nip_staff", d)
}
