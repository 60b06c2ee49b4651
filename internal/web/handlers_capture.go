package web

import (
	"errors"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/monitor"
)

// captureFormPage is what capture_form.html receives.
type captureFormPage struct {
	URL, NIP, Account, Note string
	Errors                  map[string]string // field → message
	Error                   string            // not tied to a field
	Requested               int64             // the request just made (after the redirect)
	Requests                []monitor.CaptureRequest
	Available               bool
}

func (s *Server) captureFormData(r *http.Request, c *reqCtx, d *captureFormPage) error {
	reqs, err := monitor.CaptureRequests(r.Context(), s.DB, c.Instansi.ID, 50)
	if err != nil {
		return err
	}
	d.Requests, d.Available = reqs, s.Capture != nil
	return nil
}

// captureForm shows the form to paste a URL and the latest capture requests.
func (s *Server) captureForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	d := captureFormPage{NIP: q.Get("nip"), URL: q.Get("url")}
	if id, err := strconv.ParseInt(q.Get("diminta"), 10, 64); err == nil {
		d.Requested = id
	}
	if err := s.captureFormData(r, c, &d); err != nil {
		return err
	}
	s.render(w, r, c, "capture_form.html", c.L.T("capture.title"), d)
	return nil
}

// pasteFields maps a PasteError's field to the form's field name.
var pasteFields = map[string]string{"url": "url", "nip": "nip", "account": "akun", "note": "catatan"}

// captureSubmit records a pasted URL and enqueues its capture.
func (s *Server) captureSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d := captureFormPage{URL: strings.TrimSpace(r.PostFormValue("url")), NIP: strings.TrimSpace(r.PostFormValue("nip")),
		Account: strings.TrimSpace(r.PostFormValue("akun")), Note: strings.TrimSpace(r.PostFormValue("catatan"))}
	fail := func(status int) error {
		if err := s.captureFormData(r, c, &d); err != nil {
			return err
		}
		s.renderStatus(w, r, c, status, "capture_form.html", c.L.T("capture.title"), d)
		return nil
	}
	if d.URL == "" {
		d.Errors = map[string]string{"url": c.L.T("capture.err_url_required")}
		return fail(http.StatusBadRequest)
	}
	if s.Capture == nil {
		d.Error = c.L.T("capture.err_unavailable")
		return fail(http.StatusServiceUnavailable)
	}
	req, err := s.Capture.Paste(r.Context(), c.actor(r), monitor.PasteInput{InstansiID: c.Instansi.ID, URL: d.URL,
		NIP: d.NIP, Account: d.Account, Note: d.Note})
	var pe *monitor.PasteError
	switch {
	case errors.As(err, &pe):
		key := "capture.err_" + pe.Reason // url_invalid, nip_unknown, … (see monitor.PasteError)
		d.Errors = map[string]string{pasteFields[pe.Field]: c.L.T(key)}
		return fail(http.StatusBadRequest)
	case errors.Is(err, monitor.ErrNoQueue):
		d.Error = c.L.T("capture.err_unavailable")
		return fail(http.StatusServiceUnavailable)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/tangkap?diminta="+strconv.FormatInt(req.ID, 10), http.StatusSeeOther)
	return nil
}

// ogRow is one OpenGraph tag.
type ogRow struct{ Key, Value string }

// capturePage is what capture.html receives.
type capturePage struct {
	Cap      monitor.CaptureRecord
	HasBody  bool // a body is stored (possibly empty)
	Verified bool // its SHA-256 matches
	VerifyOK bool // Verify was run (there is a body to check)
	OG       []ogRow
	Headers  []ogRow
	Request  *monitor.CaptureRequest
	Activity *monitor.Activity
	History  []monitor.CaptureRecord
}

// loadCapture loads a capture of the current instansi the user may see:
// a kepala OPD only those belonging to their OPD subtree.
func (s *Server) loadCapture(r *http.Request, c *reqCtx) (monitor.CaptureRecord, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return monitor.CaptureRecord{}, errNotFound
	}
	cp, err := monitor.GetCapture(r.Context(), s.DB, c.Instansi.ID, id)
	if errors.Is(err, monitor.ErrNotFound) {
		return cp, errNotFound
	}
	if err != nil {
		return cp, err
	}
	if c.OPDScope != nil && (cp.OPDID == 0 || !c.inScope(cp.OPDID)) {
		return cp, errNotFound // not "forbidden": do not confirm it exists
	}
	return cp, nil
}

// captureShow shows one capture: metadata, whether its body still matches
// its hash, the extracted text (escaped), the OpenGraph tags and the history
// of its URL. The view is audited.
func (s *Server) captureShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	cp, err := s.loadCapture(r, c)
	if err != nil {
		return err
	}
	d := capturePage{Cap: cp, HasBody: cp.Body != nil}
	if d.HasBody {
		d.VerifyOK = true
		if verr := cp.Verify(); verr != nil {
			s.log.Error("capture: stored body does not match its hash", "capture", cp.ID, "err", verr)
		} else {
			d.Verified = true
		}
	}
	d.Cap.Body = nil // not needed by the page
	for k, v := range cp.OpenGraph {
		d.OG = append(d.OG, ogRow{k, v})
	}
	sort.Slice(d.OG, func(i, j int) bool { return d.OG[i].Key < d.OG[j].Key })
	for k, vs := range cp.Headers {
		d.Headers = append(d.Headers, ogRow{k, strings.Join(vs, ", ")})
	}
	sort.Slice(d.Headers, func(i, j int) bool { return d.Headers[i].Key < d.Headers[j].Key })
	if cp.RequestID != 0 {
		req, err := monitor.GetCaptureRequest(ctx, s.DB, c.Instansi.ID, cp.RequestID)
		if err != nil && !errors.Is(err, monitor.ErrNotFound) {
			return err
		}
		if err == nil {
			d.Request = &req
		}
	}
	if cp.ActivityID != 0 {
		a, err := monitor.Get(ctx, s.DB, c.Instansi.ID, cp.ActivityID)
		if err != nil && !errors.Is(err, monitor.ErrNotFound) {
			return err
		}
		if err == nil {
			d.Activity = &a
		}
	}
	hist, err := monitor.CaptureHistory(ctx, s.DB, c.Instansi.ID, cp.RequestedURL)
	if err != nil {
		return err
	}
	for _, h := range hist {
		if c.OPDScope == nil || (h.OPDID != 0 && c.inScope(h.OPDID)) {
			d.History = append(d.History, h)
		}
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "capture.view",
		ObjectType: "capture", ObjectID: strconv.FormatInt(cp.ID, 10),
		After: map[string]any{"sha256": cp.SHA256, "verified": d.Verified}}); err != nil {
		return err
	}
	s.render(w, r, c, "capture.html", c.L.T("capture.show_title", cp.ID), d)
	return nil
}

// captureRaw downloads a capture's raw body as an attachment that a
// browser will neither render nor sniff. A body that no longer matches its
// hash is refused (and the refusal logged and audited): it is not evidence.
func (s *Server) captureRaw(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	cp, err := s.loadCapture(r, c)
	if err != nil {
		return err
	}
	if cp.Body == nil {
		return errNotFound
	}
	id := strconv.FormatInt(cp.ID, 10)
	if verr := cp.Verify(); verr != nil {
		s.log.Error("capture: refusing to serve a body that does not match its hash", "capture", cp.ID, "err", verr)
		if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID,
			Action: "capture.tamper_detected", ObjectType: "capture", ObjectID: id,
			After: map[string]any{"sha256": cp.SHA256, "error": verr.Error()}}); err != nil {
			s.log.Error("capture: audit of a tampered body", "capture", cp.ID, "err", err)
		}
		return errInternal
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "capture.download",
		ObjectType: "capture", ObjectID: id, After: map[string]any{"sha256": cp.SHA256}}); err != nil {
		return err
	}
	name := "tangkapan-" + id + "." + rawExtension(cp.ContentType)
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(cp.Body)))
	h.Set("X-Netral-SHA256", cp.SHA256)
	_, _ = w.Write(cp.Body)
	return nil
}

// rawExtension is the file extension of a downloaded body by its media type.
func rawExtension(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(contentType), ";")
	}
	switch strings.TrimSpace(mt) {
	case "text/html":
		return "html"
	case "application/xhtml+xml":
		return "xhtml"
	case "text/plain":
		return "txt"
	case "application/json", "application/ld+json", "application/activity+json":
		return "json"
	case "image/png":
		return "png"
	case "image/jpeg":
		return "jpg"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	}
	return "bin"
}
