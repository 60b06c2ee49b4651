package web

import (
	"errors"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

// apiIngestBody is the answer of POST /api/v1/activities (api.md).
type apiIngestBody struct {
	Accepted        int           `json:"accepted"`
	Duplicates      int           `json:"duplicates"`
	Rejected        []apiRejected `json:"rejected"`
	RejectedTotal   int           `json:"rejected_total"`
	Flagged         int           `json:"flagged"`
	Attributed      int           `json:"attributed"`
	ElectionVersion int           `json:"election_version"`
	LexiconVersion  string        `json:"lexicon_version"`
}

// apiRejected is a record that was not stored.
type apiRejected struct {
	Line  int     `json:"line"`
	ID    *string `json:"id"`
	Error string  `json:"error"`
}

// ingestFormat picks the input format from the request's Content-Type.
func ingestFormat(r *http.Request) monitor.Format {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/csv":
		return monitor.FormatCSV
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return monitor.FormatJSONL
	}
	return monitor.FormatAuto // a JSON array when the body starts with '[', JSON Lines otherwise
}

// apiActivitiesPost ingests activity records into the instansi: a JSON
// array or JSON Lines (or CSV with Content-Type text/csv).
func (s *Server) apiActivitiesPost(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	rep, err := monitor.Ingest(r.Context(), s.DB, r.Body, monitor.IngestOptions{InstansiID: c.Instansi.ID,
		Source: monitor.SourceAPI, Format: ingestFormat(r), Actor: c.actor(r)})
	if err != nil {
		return err
	}
	b := apiIngestBody{Accepted: rep.New, Duplicates: rep.Duplicates, Rejected: []apiRejected{},
		RejectedTotal: rep.RejectedCount, Flagged: rep.Flagged, Attributed: rep.Attributed,
		ElectionVersion: rep.ElectionVersion, LexiconVersion: rep.Lexicon}
	for _, rj := range rep.Rejected {
		a := apiRejected{Line: rj.Line, Error: rj.Error}
		if rj.ID != "" {
			a.ID = &rj.ID
		}
		b.Rejected = append(b.Rejected, a)
	}
	writeJSON(w, http.StatusOK, b)
	return nil
}

// apiActivity is an activity in API answers.
type apiActivity struct {
	ID            int64           `json:"id"`
	Platform      string          `json:"platform"`
	ExternalID    string          `json:"external_id"`
	Kind          string          `json:"kind"`
	Author        string          `json:"author"`
	AuthorID      string          `json:"author_id"`
	Text          *string         `json:"text"`
	ContextText   *string         `json:"context_text"`
	MediaCaptions []string        `json:"media_captions"`
	URL           string          `json:"url"`
	CreatedAt     *string         `json:"created_at"`
	Source        string          `json:"source"`
	IngestedAt    *string         `json:"ingested_at"`
	PurgedAt      *string         `json:"purged_at"`
	Flagged       bool            `json:"flagged"`
	Attribution   *apiAttribution `json:"attribution"`
	Screening     *apiScreening   `json:"screening"`
}

// apiAttribution names the employee an activity is attributed to.
type apiAttribution struct {
	AccountID    int64  `json:"account_id"`
	Handle       string `json:"handle"`
	EmployeeID   int64  `json:"employee_id"`
	EmployeeName string `json:"employee_name"`
	NIP          string `json:"nip"`
	OPDID        int64  `json:"opd_id"`
	OPDCode      string `json:"opd_code"`
	OPDName      string `json:"opd_name"`
}

// apiScreening is the latest screening result of an activity.
type apiScreening struct {
	ElectionVersion int             `json:"election_version"`
	LexiconVersion  string          `json:"lexicon_version"`
	Flagged         bool            `json:"flagged"`
	Score           float64         `json:"score"`
	Stance          string          `json:"stance"`
	Targets         []string        `json:"targets"`
	Violation       string          `json:"violation"`
	Matches         []monitor.Match `json:"matches"`
	Explanation     string          `json:"explanation"`
	ScreenedAt      *string         `json:"screened_at"`
}

func toAPIActivity(a monitor.Activity) apiActivity {
	out := apiActivity{ID: a.ID, Platform: a.Platform, ExternalID: a.ExternalID, Kind: a.Kind, Author: a.Author,
		AuthorID: a.AuthorID, Text: a.Text, ContextText: a.ContextText, MediaCaptions: a.MediaCaptions, URL: a.URL,
		CreatedAt: isoTime(a.OccurredAt), Source: a.Source, IngestedAt: isoTime(a.IngestedAt), PurgedAt: isoTime(a.PurgedAt),
		Flagged: a.Flagged}
	if out.MediaCaptions == nil {
		out.MediaCaptions = []string{}
	}
	if at := a.Attribution; at != nil {
		out.Attribution = &apiAttribution{AccountID: at.AccountID, Handle: at.Handle, EmployeeID: at.EmployeeID,
			EmployeeName: at.EmployeeName, NIP: at.NIP, OPDID: at.OPDID, OPDCode: at.OPDCode, OPDName: at.OPDName}
	}
	if sc := a.Screening; sc != nil {
		out.Screening = &apiScreening{ElectionVersion: sc.ElectionVersion, LexiconVersion: sc.LexiconVersion,
			Flagged: sc.Flagged, Score: sc.Score, Stance: sc.Stance, Targets: sc.Targets, Violation: sc.Violation,
			Matches: sc.Matches, Explanation: sc.Explanation, ScreenedAt: isoTime(sc.ScreenedAt)}
		if out.Screening.Targets == nil {
			out.Screening.Targets = []string{}
		}
		if out.Screening.Matches == nil {
			out.Screening.Matches = []monitor.Match{}
		}
	}
	return out
}

// boolParam reads an optional true|false query parameter.
func boolParam(r *http.Request, c *reqCtx, name string) (*bool, error) {
	switch v := r.URL.Query().Get(name); v {
	case "":
		return nil, nil
	case "true", "false":
		b := v == "true"
		return &b, nil
	}
	return nil, badRequest(c.L.T("activity.err_bool", name))
}

// apiActivities lists the instansi's activities (a kepala OPD: those
// attributed to their OPD and its sub-units), newest first, with filters
// ?flagged= ?platform= ?kind= ?opd= ?employee= ?attributed= and paging.
func (s *Server) apiActivities(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	limit, err := apiLimit(r, c)
	if err != nil {
		return err
	}
	f := monitor.Filter{InstansiID: c.Instansi.ID, OPDIDs: c.OPDScope, Limit: limit, Cursor: q.Get("cursor"),
		Platform: strings.TrimSpace(q.Get("platform"))}
	if f.Flagged, err = boolParam(r, c, "flagged"); err != nil {
		return err
	}
	if f.Attributed, err = boolParam(r, c, "attributed"); err != nil {
		return err
	}
	if k := strings.TrimSpace(q.Get("kind")); k != "" {
		if !slices.Contains(monitor.Kinds, k) {
			return badRequest(c.L.T("activity.err_kind", strings.Join(monitor.Kinds, ", ")))
		}
		f.Kind = k
	}
	if v := strings.TrimSpace(q.Get("employee")); v != "" {
		if f.EmployeeID, err = strconv.ParseInt(v, 10, 64); err != nil || f.EmployeeID <= 0 {
			return badRequest(c.L.T("activity.err_employee"))
		}
	}
	if v := strings.TrimSpace(q.Get("opd")); v != "" {
		tree, err := s.Reg.OPDs(r.Context(), c.Instansi.ID)
		if err != nil {
			return err
		}
		o, ok := findOPD(tree, v)
		if !ok || !c.inScope(o.ID) {
			return badRequest(c.L.T("api.err_opd", v))
		}
		ids := []int64{}
		for _, id := range registry.Subtree(tree, o.ID) {
			if c.inScope(id) {
				ids = append(ids, id)
			}
		}
		f.OPDIDs = ids
	}
	p, err := monitor.List(r.Context(), s.DB, f)
	if errors.Is(err, monitor.ErrInvalid) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	items := make([]apiActivity, 0, len(p.Items))
	for _, a := range p.Items {
		items = append(items, toAPIActivity(a))
	}
	writeJSON(w, http.StatusOK, newAPIList(items, p.Total, p.Next))
	return nil
}

// apiActivity returns one activity of the instansi with its attribution and
// latest screening result. Outside a kepala OPD's scope it is 404.
func (s *Server) apiActivity(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	a, err := monitor.Get(r.Context(), s.DB, c.Instansi.ID, id)
	if errors.Is(err, monitor.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if c.OPDScope != nil && (a.Attribution == nil || !c.inScope(a.Attribution.OPDID)) {
		return errNotFound // not "forbidden": do not confirm it exists
	}
	writeJSON(w, http.StatusOK, toAPIActivity(a))
	return nil
}
