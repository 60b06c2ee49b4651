package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/violation"
	"github.com/netral-asn/netral/internal/workcal"
)

// The public side of reports (pengaduan masyarakat), without sign-in:
//
//	GET  /lapor                 the form (?instansi=CODE when the server hosts several Pemda)
//	POST /lapor                 file it → the receipt code and the secret, shown once
//	GET  /lapor/status          receipt + secret form
//	POST /lapor/status          status, messages from the team, reply and add-evidence forms
//	POST /lapor/status/balas    reply (with the access token of the status page)
//	POST /lapor/status/bukti    add evidence (same)
//	GET  /api/v1/public/challenge, POST /api/v1/public/reports,
//	GET  /api/v1/public/reports/{receipt}, POST /api/v1/public/reports/{receipt}/messages
//
// Nothing about the reporter's connection is stored (see handlers_report_guard.go
// for the limits, and observe in metrics.go, which logs no address for these
// paths). The secret never appears in a URL: the status page is the answer
// to a POST, and its follow-up forms carry a signed, expiring access token
// instead of the secret.

// publicBodyLimit bounds the body of a public POST: every file of a report
// plus room for the text fields and the multipart framing.
const publicBodyLimit = reports.MaxReportBytes + 1<<20

// publicUploadLimit is the body limit of a route that takes report files,
// 0 for other routes (wrap in middleware.go applies it).
func publicUploadLimit(pattern string) int64 {
	switch pattern {
	case "/lapor", "/lapor/status/bukti", "/api/v1/public/reports":
		return publicBodyLimit
	}
	return 0
}

// publicReportPath reports whether a request path is a public report route,
// whose requests are logged without address or path (metrics.go).
func publicReportPath(p string) bool {
	return p == "/lapor" || strings.HasPrefix(p, "/lapor/") || strings.HasPrefix(p, "/api/v1/public/")
}

var (
	errFileTooLarge = &httpError{http.StatusRequestEntityTooLarge, "too_large", "report.err_file_too_large", ""}
	errBodyTooLarge = &httpError{http.StatusRequestEntityTooLarge, "too_large", "report.err_body_too_large", ""}
)

func init() {
	funcs["filesize"] = func(n int64) string {
		switch {
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
		case n >= 1<<10:
			return fmt.Sprintf("%d KB", n>>10)
		}
		return fmt.Sprintf("%d B", n)
	}
}

// publicInput is a public form as read: text fields and files.
type publicInput struct {
	form  url.Values
	files []reports.Upload
}

// bodyErr maps an error reading a request body.
func bodyErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errBodyTooLarge
	}
	return badRequest("")
}

// readPublicInput reads a public form, multipart (with files) or
// URL-encoded, into memory without temporary files: a file over
// reports.MaxFileBytes or files over reports.MaxReportBytes stop the
// reading with 413.
func readPublicInput(r *http.Request) (publicInput, error) {
	in := publicInput{form: url.Values{}}
	if r.ContentLength > publicBodyLimit {
		return in, errBodyTooLarge
	}
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return in, bodyErr(err)
		}
		in.form = r.PostForm
		return in, nil
	}
	if err != nil {
		return in, badRequest("multipart")
	}
	var total int64
	fields := 0
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return in, bodyErr(err)
		}
		if p.FileName() != "" {
			if len(in.files) >= reports.MaxFiles+1 {
				return in, &httpError{http.StatusBadRequest, "invalid", "report.err_too_many_files", ""}
			}
			data, err := io.ReadAll(io.LimitReader(p, reports.MaxFileBytes+1))
			if err != nil {
				return in, bodyErr(err)
			}
			if len(data) > reports.MaxFileBytes {
				return in, errFileTooLarge
			}
			if total += int64(len(data)); total > reports.MaxReportBytes {
				return in, errBodyTooLarge
			}
			in.files = append(in.files, reports.Upload{Name: p.FileName(), Data: data})
			continue
		}
		if fields++; fields > 64 {
			return in, badRequest("too many fields")
		}
		data, err := io.ReadAll(io.LimitReader(p, 256<<10+1))
		if err != nil {
			return in, bodyErr(err)
		}
		if len(data) > 256<<10 {
			return in, errBodyTooLarge
		}
		in.form.Add(p.FormName(), string(data))
	}
	return in, nil
}

// publicInstansi finds the instansi a public report goes to: the only one,
// or the one named by code. choose lists them when the server hosts
// several and code names none of them.
func (s *Server) publicInstansi(ctx context.Context, code string) (inst tenant.Instansi, choose []tenant.Instansi, err error) {
	all, err := tenant.List(ctx, s.DB)
	if err != nil {
		return inst, nil, err
	}
	if len(all) == 1 && (code == "" || code == all[0].Code) {
		return all[0], nil, nil
	}
	for _, i := range all {
		if i.Code == strings.TrimSpace(code) {
			return i, nil, nil
		}
	}
	return inst, all, nil
}

// parseViolation reads "what happened": an SKB code (KE-04), an act key
// (interact) or an act's label in either language. Anything else is
// returned as the act, for Submit to refuse by name.
func parseViolation(v string) (act string, code violation.Code) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", ""
	}
	if c := violation.Code(strings.ToUpper(v)); c.Valid() {
		return "", c
	}
	if reports.ValidAct(strings.ToLower(v)) {
		return strings.ToLower(v), ""
	}
	for _, k := range reports.Acts {
		for _, l := range i18n.Languages {
			if strings.EqualFold(v, i18n.For(l).T(reportKey("act", k))) {
				return k, ""
			}
		}
	}
	return v, ""
}

// reportFormValues are the form's fields as entered (kept on an error).
type reportFormValues struct {
	Description, Act, Date, Place, Name, NIP, Unit, Links, Identity, ReporterName, Phone, Email string
}

func formValues(f url.Values) reportFormValues {
	return reportFormValues{Description: f.Get("deskripsi"), Act: f.Get("tindakan"), Date: f.Get("tanggal"),
		Place: f.Get("tempat"), Name: f.Get("terlapor_nama"), NIP: f.Get("terlapor_nip"), Unit: f.Get("terlapor_unit"),
		Links: f.Get("tautan"), Identity: f.Get("identitas"), ReporterName: f.Get("pelapor_nama"),
		Phone: f.Get("pelapor_telepon"), Email: f.Get("pelapor_email")}
}

// submission builds the report of a form.
func (v reportFormValues) submission(inst int64, files []reports.Upload, lang string) reports.Submission {
	act, code := parseViolation(v.Act)
	var links []string
	for _, l := range strings.Split(v.Links, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			links = append(links, l)
		}
	}
	sub := reports.Submission{InstansiID: inst, Description: v.Description, Act: act, Violation: code, OccurredOn: v.Date,
		Place: v.Place, Reported: reports.Person{Name: v.Name, NIP: v.NIP, Unit: v.Unit}, Links: links,
		Identity: v.Identity, Files: files, Channel: reports.ChannelWeb, Lang: lang}
	if v.Identity != reports.IdentityAnonymous {
		// The form shows the reporter's fields whatever the choice; they are
		// ignored (never stored) for an anonymous report.
		sub.Reporter = reports.Identity{Name: v.ReporterName, Phone: v.Phone, Email: v.Email}
	}
	return sub
}

// reportFormPage is what report_form.html receives.
type reportFormPage struct {
	Instansi    tenant.Instansi
	Choose      []tenant.Instansi // several Pemda and none chosen: pick one
	V           reportFormValues
	Errors      map[string]string // contract field name → message
	Error       string
	Challenge   string
	Difficulty  int
	KeyOK       bool // identities can be sealed: confidential and open are offered
	Acts        []option
	FilesAgain  bool // files were given: choose them again
	MaxFileMB   int
	MaxReportMB int
	MaxFiles    int
	MaxLinks    int
}

func (s *Server) reportFormData(c *reqCtx, d *reportFormPage) {
	g := s.guard()
	d.Challenge, d.Difficulty = g.challenge(), g.cfg.Difficulty
	d.KeyOK = s.ReportKey != nil
	d.MaxFileMB, d.MaxReportMB, d.MaxFiles, d.MaxLinks = reports.MaxFileBytes>>20, reports.MaxReportBytes>>20,
		reports.MaxFiles, reports.MaxLinks
	d.Acts = nil
	for _, k := range reports.Acts {
		d.Acts = append(d.Acts, option{k, c.L.T(reportKey("act", k))})
	}
	if d.V.Identity == "" {
		d.V.Identity = reports.IdentityAnonymous
	}
}

// reportForm shows the public form (or the list of Pemda to choose from).
func (s *Server) reportForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	inst, choose, err := s.publicInstansi(r.Context(), r.URL.Query().Get("instansi"))
	if err != nil {
		return err
	}
	d := reportFormPage{Instansi: inst, Choose: choose}
	s.reportFormData(c, &d)
	s.render(w, r, c, "report_form.html", c.L.T("report.form_title"), d)
	return nil
}

// reportKey is the message key "report.<group>.<name>" (of a status, an
// act, an error code).
func reportKey(group, name string) string { return "report." + group + "." + name }

// problemMessage is a submission problem in the reader's language.
func problemMessage(c *reqCtx, p reports.FieldError) string {
	key := reportKey("err", p.Code)
	if strings.HasPrefix(p.Code, "nip_") || !i18n.Has(key) {
		key = "report.err.invalid"
	}
	switch p.Code {
	case "too_short", "too_long", "unknown", "file_type", "report_too_large", "too_many":
		return c.L.T(key, p.Detail)
	}
	return c.L.T(key)
}

// problemField is the form field a problem is shown at: links[2] → links,
// files[0] → files.
func problemField(f string) string {
	if i := strings.IndexByte(f, '['); i > 0 {
		return f[:i]
	}
	return f
}

// problems turns a ValidationError into messages per field (a file's
// message names the file).
func problems(c *reqCtx, ve *reports.ValidationError, files []reports.Upload) map[string]string {
	out := map[string]string{}
	for _, p := range ve.Problems {
		msg := problemMessage(c, p)
		var i int
		if _, err := fmt.Sscanf(p.Field, "files[%d]", &i); err == nil && i < len(files) {
			msg = files[i].Name + ": " + msg
		}
		f := problemField(p.Field)
		if out[f] != "" {
			out[f] += " "
		}
		out[f] += msg
	}
	return out
}

// problemText joins every problem as "field: message" for the API.
func problemText(c *reqCtx, ve *reports.ValidationError, files []reports.Upload) string {
	m := problems(c, ve, files)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + m[k]
	}
	return strings.Join(parts, "; ")
}

// warningText is a submission warning in the reader's language.
func warningText(c *reqCtx, w reports.Warning) string {
	d := w.Detail
	if c.L.Lang == "en" {
		d = w.DetailEN
	}
	return c.L.T("report.warn_nip", d)
}

// reportReceiptPage is what report_receipt.html receives.
type reportReceiptPage struct {
	Instansi tenant.Instansi
	Rec      reports.Receipt
	Warnings []string
}

// zone shows the receipt's times in the instansi's zone.
func (p reportReceiptPage) zone() *time.Location { return workcal.ZoneForRegion(p.Instansi.Code) }

// reportSubmit files a report from the form.
func (s *Server) reportSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	g := s.guard()
	if r.ContentLength > publicBodyLimit {
		return errBodyTooLarge
	}
	if err := g.admitAttempt(r); err != nil {
		return err
	}
	in, err := readPublicInput(r)
	if err != nil {
		return err
	}
	inst, choose, err := s.publicInstansi(ctx, in.form.Get("instansi"))
	if err != nil {
		return err
	}
	d := reportFormPage{Instansi: inst, Choose: choose, V: formValues(in.form), FilesAgain: len(in.files) > 0}
	fail := func(status int) error {
		s.reportFormData(c, &d)
		s.renderStatus(w, r, c, status, "report_form.html", c.L.T("report.form_title"), d)
		return nil
	}
	if choose != nil {
		d.Error = c.L.T("report.err_choose_instansi")
		return fail(http.StatusBadRequest)
	}
	sub := d.V.submission(inst.ID, in.files, c.L.Lang)
	// The body first: an invalid report is answered with its problems
	// whatever the budgets, and spends neither them nor the proof of work.
	err = reports.Validate(s.ReportKey, sub)
	if err == nil {
		worked, werr := g.admitWork(r, in.form.Get("pow_challenge"), in.form.Get("pow_nonce"))
		if werr != nil {
			he := werr.(*httpError)
			d.Error = c.L.T(he.Key)
			if he.Status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", retryAfter)
			}
			return fail(he.Status)
		}
		sub.ProofOfWork = worked
		var rec reports.Receipt
		if rec, err = reports.Submit(ctx, s.DB, s.ReportKey, sub); err == nil {
			g.submitted(r, worked)
			s.captureReportLinks(ctx, rec.Report)
			p := reportReceiptPage{Instansi: inst, Rec: rec}
			for _, wr := range rec.Warnings {
				p.Warnings = append(p.Warnings, warningText(c, wr))
			}
			s.render(w, r, c, "report_receipt.html", c.L.T("report.receipt_title"), p)
			return nil
		}
	}
	var ve *reports.ValidationError
	if errors.As(err, &ve) {
		d.Errors = problems(c, ve, in.files)
		if ve.TooLarge() {
			return fail(http.StatusRequestEntityTooLarge)
		}
		return fail(http.StatusBadRequest)
	}
	return err
}

// captureReportLinks asks the monitoring pipeline to capture the links of
// a new report; a failure is logged, the report stands.
func (s *Server) captureReportLinks(ctx context.Context, rep reports.Report) {
	if rep.Links == 0 || s.Capture == nil {
		return
	}
	if err := reports.CaptureLinks(ctx, s.DB, s.Capture, publicActor(rep.InstansiID), rep.InstansiID, rep.ID); err != nil {
		s.log.Error("public report: capture links", "report", rep.ID, "err", err)
	}
}

// reportLookupPage is what report_lookup.html receives.
type reportLookupPage struct {
	Receipt string
	Error   string
}

// reportStatusForm shows the receipt + secret form.
//
// With ?akses= (the access token a reply or new evidence redirects with,
// Post/Redirect/Get) it shows the status page instead, with the notice of
// ?ok= (balas: reply sent, bukti: evidence added); an expired token shows
// the receipt form again.
func (s *Server) reportStatusForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	if tok := q.Get("akses"); tok != "" {
		w.Header().Set("Cache-Control", "no-store")
		rep, err := reports.CheckAccess(r.Context(), s.DB, s.guard().key, tok, time.Now())
		if errors.Is(err, reports.ErrBadCredentials) {
			s.renderStatus(w, r, c, http.StatusOK, "report_lookup.html", c.L.T("report.lookup_title"),
				reportLookupPage{Error: c.L.T("report.err_access_expired")})
			return nil
		}
		if err != nil {
			return err
		}
		d := reportStatusPage{}
		switch q.Get("ok") {
		case "balas":
			d.Notice = c.L.T("report.reply_sent")
		case "bukti":
			d.Notice = c.L.T("report.evidence_added")
		}
		return s.renderReportStatus(w, r, c, http.StatusOK, rep, d)
	}
	s.render(w, r, c, "report_lookup.html", c.L.T("report.lookup_title"), reportLookupPage{})
	return nil
}

// redirectReportStatus answers a reporter's successful follow-up with a
// redirect to the status page (so that a refresh does not send it again),
// carrying a fresh access token and the notice to show.
func (s *Server) redirectReportStatus(w http.ResponseWriter, r *http.Request, rep reports.Report, ok string) error {
	tok := reports.AccessToken(s.guard().key, rep, time.Now())
	http.Redirect(w, r, "/lapor/status?"+url.Values{"akses": {tok}, "ok": {ok}}.Encode(), http.StatusSeeOther)
	return nil
}

// reportStatusPage is what report_status.html receives.
type reportStatusPage struct {
	Instansi    tenant.Instansi
	Report      reports.Report
	Messages    []reports.Message
	Evidence    []reports.Evidence
	Token       string
	Notice      string
	Errors      map[string]string
	Message     string // a reply being written (kept on an error)
	MaxFileMB   int
	MaxReportMB int
}

// zone shows the status page's times in the instansi's zone.
func (p reportStatusPage) zone() *time.Location { return workcal.ZoneForRegion(p.Instansi.Code) }

// renderReportStatus shows the status page of rep with a fresh access token.
func (s *Server) renderReportStatus(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, rep reports.Report, d reportStatusPage) error {
	ctx := r.Context()
	var err error
	if rep, err = reports.Get(ctx, s.DB, rep.InstansiID, rep.ID); err != nil {
		return err
	}
	d.Report = rep
	if d.Instansi, err = tenant.Get(ctx, s.DB, rep.InstansiID); err != nil {
		return err
	}
	if d.Messages, err = reports.Messages(ctx, s.DB, rep.InstansiID, rep.ID); err != nil {
		return err
	}
	if d.Evidence, err = reports.EvidenceList(ctx, s.DB, rep.InstansiID, rep.ID); err != nil {
		return err
	}
	d.Token = reports.AccessToken(s.guard().key, rep, time.Now())
	d.MaxFileMB, d.MaxReportMB = reports.MaxFileBytes>>20, reports.MaxReportBytes>>20
	s.renderStatus(w, r, c, status, "report_status.html", c.L.T("report.status_title"), d)
	return nil
}

// lookupReport checks a receipt and secret under the guard's limits.
func (s *Server) lookupReport(r *http.Request, receipt, secret string) (reports.Report, error) {
	g := s.guard()
	key, ok := reports.NormalizeReceipt(receipt)
	if !ok {
		key = ""
	}
	if !g.lookupAllowed(r, key) {
		return reports.Report{}, errRateLimited
	}
	rep, err := reports.Authenticate(r.Context(), s.DB, receipt, secret)
	if errors.Is(err, reports.ErrBadCredentials) {
		g.lookupFailed(r, key)
		return rep, errBadReceipt
	}
	return rep, err
}

// errBadReceipt is the one answer to an unknown receipt and a wrong secret.
var errBadReceipt = &httpError{http.StatusNotFound, "not_found", "report.err_bad_receipt", ""}

// reportStatusSubmit checks the receipt and secret and shows the status.
func (s *Server) reportStatusSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.guard().admitAttempt(r); err != nil {
		return err
	}
	receipt, secret := r.PostFormValue("kode"), r.PostFormValue("rahasia")
	rep, err := s.lookupReport(r, receipt, secret)
	var he *httpError
	if errors.As(err, &he) {
		s.renderStatus(w, r, c, he.Status, "report_lookup.html", c.L.T("report.lookup_title"),
			reportLookupPage{Receipt: receipt, Error: c.L.T(he.Key)})
		return nil
	}
	if err != nil {
		return err
	}
	return s.renderReportStatus(w, r, c, http.StatusOK, rep, reportStatusPage{})
}

// reportAccess reads a follow-up form and the report its access token is
// for; an expired or forged token shows the receipt form again.
func (s *Server) reportAccess(w http.ResponseWriter, r *http.Request, c *reqCtx) (publicInput, reports.Report, bool, error) {
	if err := s.guard().admitAttempt(r); err != nil {
		return publicInput{}, reports.Report{}, false, err
	}
	in, err := readPublicInput(r)
	if err != nil {
		return in, reports.Report{}, false, err
	}
	rep, err := reports.CheckAccess(r.Context(), s.DB, s.guard().key, in.form.Get("akses"), time.Now())
	if errors.Is(err, reports.ErrBadCredentials) {
		s.renderStatus(w, r, c, http.StatusBadRequest, "report_lookup.html", c.L.T("report.lookup_title"),
			reportLookupPage{Error: c.L.T("report.err_access_expired")})
		return in, rep, false, nil
	}
	return in, rep, err == nil, err
}

// reportReply adds the reporter's reply.
func (s *Server) reportReply(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	in, rep, ok, err := s.reportAccess(w, r, c)
	if !ok || err != nil {
		return err
	}
	msg := in.form.Get("pesan")
	err = reports.Reply(r.Context(), s.DB, rep, msg)
	var ve *reports.ValidationError
	if errors.As(err, &ve) {
		return s.renderReportStatus(w, r, c, http.StatusBadRequest, rep, reportStatusPage{Errors: problems(c, ve, nil), Message: msg})
	}
	if err != nil {
		return err
	}
	return s.redirectReportStatus(w, r, rep, "balas")
}

// reportAddEvidence adds files from the reporter.
func (s *Server) reportAddEvidence(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	in, rep, ok, err := s.reportAccess(w, r, c)
	if !ok || err != nil {
		return err
	}
	err = reports.AddEvidence(r.Context(), s.DB, rep, in.files)
	var ve *reports.ValidationError
	if errors.As(err, &ve) {
		status := http.StatusBadRequest
		if ve.TooLarge() {
			status = http.StatusRequestEntityTooLarge
		}
		return s.renderReportStatus(w, r, c, status, rep, reportStatusPage{Errors: problems(c, ve, in.files)})
	}
	if err != nil {
		return err
	}
	return s.redirectReportStatus(w, r, rep, "bukti")
}

// canSubmit decides whether the address may file a report now (see
// publicGuard); submitted records a report filed.
func (g *publicGuard) canSubmit(r *http.Request, worked bool) error {
	if worked {
		if g.count(g.addrBucket("submit", r), time.Hour) >= g.cfg.SubmitPerHour {
			return errRateLimited
		}
		return nil
	}
	if g.count("slow:all", time.Hour) >= g.cfg.SlowGlobalPerHour ||
		g.count(g.addrBucket("slow", r), time.Hour) >= g.cfg.SlowPerHour {
		return errSlowLane
	}
	return nil
}

// admitWork checks the proof of work of a valid submission and its budget:
// worked says whether the proof was valid; the error is errWorkReused for a
// proof already used (the same form sent again), or a 429 of canSubmit.
func (g *publicGuard) admitWork(r *http.Request, ch, nonce string) (worked bool, err error) {
	res := g.work(ch, nonce)
	if res == workReused {
		return false, errWorkReused
	}
	worked = res == workOK
	return worked, g.canSubmit(r, worked)
}

func (g *publicGuard) submitted(r *http.Request, worked bool) {
	if worked {
		g.hit(g.addrBucket("submit", r))
		return
	}
	g.hit(g.addrBucket("slow", r))
	g.hit("slow:all")
}

// ---- JSON API ----

// apiReportBody is the public report body of the contract (api.md), plus
// the optional instansi code.
type apiReportBody struct {
	Description string            `json:"description"`
	Violation   string            `json:"violation"`
	OccurredAt  string            `json:"occurred_at"`
	Place       string            `json:"place"`
	Reported    *reports.Person   `json:"reported"`
	Links       []string          `json:"links"`
	Identity    string            `json:"identity"`
	Reporter    *reports.Identity `json:"reporter"`
	Instansi    string            `json:"instansi"`
}

// apiChallenge gives a proof-of-work challenge for POST /api/v1/public/reports.
func (s *Server) apiChallenge(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	g := s.guard()
	ch := g.challenge()
	writeJSON(w, http.StatusOK, map[string]any{"challenge": ch, "difficulty": g.cfg.Difficulty,
		"expires_at": time.Now().Add(g.cfg.ChallengeTTL).UTC().Format(time.RFC3339)})
	return nil
}

// apiReportCreate files a report from JSON, or multipart with a "report"
// JSON field and files.
func (s *Server) apiReportCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	g := s.guard()
	if r.ContentLength > publicBodyLimit {
		return errBodyTooLarge
	}
	if err := g.admitAttempt(r); err != nil {
		return err
	}
	var raw []byte
	var files []reports.Upload
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/") {
		in, err := readPublicInput(r)
		if err != nil {
			return err
		}
		raw, files = []byte(in.form.Get("report")), in.files
		if len(raw) == 0 {
			return badRequest(c.L.T("report.err_api_report_field"))
		}
	} else {
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
		if err != nil {
			return bodyErr(err)
		}
		if len(b) > 1<<20 {
			return errBodyTooLarge
		}
		raw = b
	}
	var body apiReportBody
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return badRequest(c.L.T("report.err_api_json") + " " + err.Error())
	}
	if dec.More() {
		return badRequest(c.L.T("report.err_api_json"))
	}
	inst, choose, err := s.publicInstansi(ctx, body.Instansi)
	if err != nil {
		return err
	}
	if choose != nil {
		var codes []string
		for _, i := range choose {
			codes = append(codes, i.Code)
		}
		return badRequest("instansi: " + c.L.T("report.err_choose_instansi") + " (" + strings.Join(codes, ", ") + ")")
	}
	act, code := parseViolation(body.Violation)
	sub := reports.Submission{InstansiID: inst.ID, Description: body.Description, Act: act, Violation: code,
		OccurredOn: body.OccurredAt, Place: body.Place, Links: body.Links, Identity: body.Identity, Files: files,
		Channel: reports.ChannelAPI, Lang: c.L.Lang}
	if body.Reported != nil {
		sub.Reported = *body.Reported
	}
	if body.Reporter != nil {
		sub.Reporter = *body.Reporter
	}
	// The body first: an invalid report gets the 400 naming its fields
	// whatever the budgets, and spends neither them nor the proof of work.
	err = reports.Validate(s.ReportKey, sub)
	var rec reports.Receipt
	worked := false
	if err == nil {
		if worked, err = g.admitWork(r, r.Header.Get("X-Netral-Pow-Challenge"), r.Header.Get("X-Netral-Pow-Nonce")); err != nil {
			return err
		}
		sub.ProofOfWork = worked
		rec, err = reports.Submit(ctx, s.DB, s.ReportKey, sub)
	}
	var ve *reports.ValidationError
	if errors.As(err, &ve) {
		if ve.TooLarge() {
			return &httpError{http.StatusRequestEntityTooLarge, "too_large", "err.too_large", problemText(c, ve, files)}
		}
		return badRequest(problemText(c, ve, files))
	}
	if err != nil {
		return err
	}
	g.submitted(r, worked)
	s.captureReportLinks(ctx, rec.Report)
	warnings := []map[string]string{}
	for _, wr := range rec.Warnings {
		warnings = append(warnings, map[string]string{"field": wr.Field, "code": wr.Code, "message": warningText(c, wr)})
	}
	writeJSON(w, http.StatusCreated, map[string]any{"receipt": rec.Receipt, "secret": rec.Secret,
		"status": rec.Report.Status, "submission_sha256": rec.Report.SubmissionSHA256, "warnings": warnings})
	return nil
}

// apiReportView is the public view of a report (API).
func (s *Server) apiReportView(ctx context.Context, c *reqCtx, rep reports.Report) (map[string]any, error) {
	msgs, err := reports.Messages(ctx, s.DB, rep.InstansiID, rep.ID)
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, m := range msgs {
		items = append(items, map[string]any{"from": m.Author, "body": m.Body, "status": m.Status,
			"created_at": m.CreatedAt.UTC().Format(time.RFC3339)})
	}
	return map[string]any{"receipt": rep.Receipt, "status": rep.Status, "status_label": c.L.T(reportKey("status", rep.Status)),
		"created_at": rep.CreatedAt.UTC().Format(time.RFC3339), "status_changed_at": rep.StatusChangedAt.UTC().Format(time.RFC3339),
		"evidence": rep.Evidence, "links": rep.Links, "messages": items}, nil
}

// apiReportAuth checks the receipt of the path and the X-Report-Secret header.
func (s *Server) apiReportAuth(r *http.Request) (reports.Report, error) {
	return s.lookupReport(r, r.PathValue("receipt"), r.Header.Get("X-Report-Secret"))
}

// apiReportGet gives the status and messages of a report.
func (s *Server) apiReportGet(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := s.apiReportAuth(r)
	if err != nil {
		return err
	}
	v, err := s.apiReportView(r.Context(), c, rep)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// apiReportReply adds a reply of the reporter: {"message": "..."}.
func (s *Server) apiReportReply(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.guard().admitAttempt(r); err != nil {
		return err
	}
	rep, err := s.apiReportAuth(r)
	if err != nil {
		return err
	}
	var body struct {
		Message string `json:"message"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return badRequest(c.L.T("report.err_api_json") + " " + err.Error())
	}
	err = reports.Reply(r.Context(), s.DB, rep, body.Message)
	var ve *reports.ValidationError
	if errors.As(err, &ve) {
		return badRequest(problemText(c, ve, nil))
	}
	if err != nil {
		return err
	}
	v, err := s.apiReportView(r.Context(), c, rep)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, v)
	return nil
}

// publicActor is the audit actor of a public request (no address).
func publicActor(instansiID int64) audit.Actor {
	a := reports.PublicActor
	a.InstansiID = instansiID
	return a
}
