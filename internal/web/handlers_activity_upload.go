package web

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/roster"
)

// maxShownRejections bounds the rejected lines listed on the report page.
const maxShownRejections = 1000

// activityUploadPage is what activity_upload.html receives.
type activityUploadPage struct {
	MaxSize string
	Format  string
	Error   string
}

// activityUploadReport is what activity_upload_report.html receives.
type activityUploadReport struct {
	Filename string
	Report   monitor.Report
	Shown    []monitor.Rejection // the first maxShownRejections
	Hidden   int                 // rejected lines not listed
	Capture  bool                // flagged records with a URL will be captured
}

// uploadFormats are the format choices of the upload form.
var uploadFormats = map[string]monitor.Format{"": monitor.FormatAuto, "auto": monitor.FormatAuto,
	"jsonl": monitor.FormatJSONL, "json": monitor.FormatJSON, "csv": monitor.FormatCSV}

// activityUploadForm shows the form to upload activity records.
func (s *Server) activityUploadForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	s.render(w, r, c, "activity_upload.html", c.L.T("actimport.title"),
		activityUploadPage{MaxSize: roster.SizeText(s.opts.MaxUploadBytes), Format: "auto"})
	return nil
}

// activityUploadSubmit ingests an uploaded file of activity records (JSON
// Lines, JSON array or CSV, as `netral import activities`): new records are
// attributed, screened and stored, duplicates skipped, bad lines reported
// by number while the good ones are kept.
func (s *Server) activityUploadSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	format := strings.ToLower(strings.TrimSpace(r.PostFormValue("format")))
	page := activityUploadPage{MaxSize: roster.SizeText(s.opts.MaxUploadBytes), Format: format}
	f, ok := uploadFormats[format]
	if !ok {
		page.Format, page.Error = "auto", c.L.T("actimport.err_format")
		s.renderStatus(w, r, c, http.StatusBadRequest, "activity_upload.html", c.L.T("actimport.title"), page)
		return nil
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		page.Error = c.L.T("actimport.err_no_file")
		s.renderStatus(w, r, c, http.StatusBadRequest, "activity_upload.html", c.L.T("actimport.title"), page)
		return nil
	}
	defer file.Close()
	if fh.Size > s.opts.MaxUploadBytes {
		return errTooLarge
	}
	if f == monitor.FormatAuto && strings.EqualFold(filepath.Ext(fh.Filename), ".csv") {
		f = monitor.FormatCSV
	}
	rep, err := monitor.Ingest(r.Context(), s.DB, file, monitor.IngestOptions{InstansiID: c.Instansi.ID,
		Source: monitor.SourceImport, Format: f, Actor: c.actor(r)})
	if err != nil {
		return err
	}
	d := activityUploadReport{Filename: fh.Filename, Report: rep, Shown: rep.Rejected}
	if len(d.Shown) > maxShownRejections {
		d.Shown = d.Shown[:maxShownRejections]
	}
	d.Hidden = rep.RejectedCount - len(d.Shown)
	if rep.Flagged > 0 && s.Capture != nil && s.Capture.Config().Ingested == monitor.CaptureIngestedFlagged {
		d.Capture = true
		if err := s.Capture.SweepSoon(r.Context()); err != nil {
			s.log.Warn("capture: enqueue a sweep after an upload", "err", err)
		}
	}
	s.render(w, r, c, "activity_upload_report.html", c.L.T("actimport.report_title"), d)
	return nil
}
