package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/cases"
)

// The JSON API of cases: GET /api/v1/cases (contract api.md: list, filter
// ?status=) and GET /api/v1/cases/{id}, with their OpenAPI description.

func init() { apiDocs = append(apiDocs, caseAPIDocs...) }

var caseAPIDocs = []apiDoc{
	{Method: "GET", Path: "/api/v1/cases", OperationID: "listCases", Tag: "cases",
		Summary: "List cases (perkara), newest first",
		Desc: "Cases of the instansi. Cases whose accused works in the caller's unit or a unit above it (conflict of " +
			"interest) are left out. `?status=` takes a state, `open` (every open state), `ended` or `all` (the default).",
		Params: []apiParam{
			{Name: "status", In: "query", Type: "string", Enum: append([]string{"open", "ended", "all"}, caseStatusNames()...),
				Desc: "Only cases in this state. Other values: 400."},
			{Name: "overdue", In: "query", Type: "boolean", Desc: "Only open cases past the due date of their step (`true`)."},
			{Name: "assignee", In: "query", Type: "integer", Desc: "Only cases assigned to this user id."},
			{Name: "employee", In: "query", Type: "integer", Desc: "Only cases about this employee."},
			paramLimit, paramCursor, paramInstansi,
		},
		Response: "CaseList", Errors: []int{http.StatusBadRequest}},
	{Method: "GET", Path: "/api/v1/cases/{id}", OperationID: "getCase", Tag: "cases",
		Summary: "One case with its steps and sources",
		Desc: "Cases of another instansi are 404; a case the caller has a conflict of interest with is 403. Internal " +
			"notes and messages are not part of the API.",
		Params: []apiParam{paramID, paramInstansi}, Response: "CaseDetail", Errors: []int{http.StatusNotFound}},
}

func caseStatusNames() []string {
	var out []string
	for _, s := range cases.Statuses {
		out = append(out, string(s))
	}
	return out
}

// apiCase is a case in API answers.
type apiCase struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"`
	Title        string         `json:"title"`
	Status       string         `json:"status"`
	Outcome      string         `json:"outcome"`
	AssigneeID   *int64         `json:"assignee_id"`
	AssigneeName string         `json:"assignee_name"`
	Accused      apiAccused     `json:"accused"`
	ActDate      *string        `json:"act_date"`
	ActKind      string         `json:"act_kind"`
	Election     apiCaseElect   `json:"election"`
	Violation    string         `json:"violation_code"`
	Suggestion   *apiSuggestion `json:"suggestion"`
	Referral     *apiReferral   `json:"referral"`
	Decision     *apiDecision   `json:"decision"`
	MergedInto   *int64         `json:"merged_into"`
	DueAt        *string        `json:"due_at"`
	Overdue      bool           `json:"overdue"`
	Sources      int            `json:"sources"`
	CreatedAt    *string        `json:"created_at"`
	UpdatedAt    *string        `json:"updated_at"`
	ClosedAt     *string        `json:"closed_at"`
}

type apiAccused struct {
	EmployeeID *int64 `json:"employee_id"`
	NIP        string `json:"nip"`
	Name       string `json:"name"`
	Position   string `json:"position"`
	Unit       string `json:"unit"`
	OPDID      *int64 `json:"opd_id"`
	Basis      string `json:"basis"`
}

type apiCaseElect struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Type         string  `json:"type"`
	DeterminedOn *string `json:"determined_on"`
}

type apiSuggestion struct {
	Code      string   `json:"code"`
	Phase     string   `json:"phase"`
	Sanctions []string `json:"sanctions"`
	Basis     string   `json:"basis"`
	Version   string   `json:"version"`
}

type apiReferral struct {
	Target         string  `json:"target"`
	Number         string  `json:"number"`
	At             *string `json:"at"`
	Recommendation string  `json:"recommendation"`
	RecSanction    string  `json:"recommended_sanction"`
}

type apiDecision struct {
	Sanction string  `json:"sanction"`
	Basis    string  `json:"basis"`
	Number   string  `json:"number"`
	Date     *string `json:"date"`
	At       *string `json:"at"`
}

// apiCaseDetail is one case with its steps and sources.
type apiCaseDetail struct {
	apiCase
	Summary string          `json:"summary"`
	Finding string          `json:"finding"`
	Steps   []apiCaseStep   `json:"steps"`
	Sourced []apiCaseSource `json:"source_list"`
}

type apiCaseStep struct {
	Status     string  `json:"status"`
	StartedAt  *string `json:"started_at"`
	AssigneeID *int64  `json:"assignee_id"`
	DueAt      *string `json:"due_at"`
	DueBasis   string  `json:"due_basis"`
	EndedAt    *string `json:"ended_at"`
	EndedBy    string  `json:"ended_action"`
}

type apiCaseSource struct {
	Kind         string   `json:"kind"`
	ReviewItemID *int64   `json:"review_item_id"`
	ReportID     *int64   `json:"report_id"`
	Description  string   `json:"description"`
	Links        []string `json:"links"`
	CreatedAt    *string  `json:"created_at"`
}

func (s *Server) apiCaseOf(x cases.Case, now time.Time) apiCase {
	a := apiCase{ID: x.ID, Number: x.Number, Title: x.Title, Status: string(x.Status), Outcome: x.Outcome,
		AssigneeID: optID(x.AssigneeID), AssigneeName: x.AssigneeName,
		Accused: apiAccused{EmployeeID: optID(x.Accused.EmployeeID), NIP: x.Accused.NIP, Name: x.Accused.Name,
			Position: x.Accused.Position, Unit: x.Accused.Unit, OPDID: optID(x.Accused.OPDID), Basis: x.Accused.Basis},
		ActDate: isoDate(x.ActDate), ActKind: x.ActKind,
		Election:  apiCaseElect{ID: x.Election.ID, Name: x.Election.Name, Type: x.Election.Type, DeterminedOn: isoDate(x.Election.DeterminedOn)},
		Violation: x.ViolationCode, MergedInto: optID(x.MergedInto), DueAt: isoTime(x.DueAt), Overdue: x.Overdue(now),
		Sources: x.Sources, CreatedAt: isoTime(x.CreatedAt), UpdatedAt: isoTime(x.UpdatedAt), ClosedAt: isoTime(x.ClosedAt)}
	if sug, ok := s.caseSvc().Suggest(x); ok {
		a.Suggestion = &apiSuggestion{Code: sug.Code, Phase: sug.Phase, Sanctions: sug.Sanctions, Basis: sug.Basis, Version: sug.Version}
	}
	if x.Referral.Target != "" {
		a.Referral = &apiReferral{Target: x.Referral.Target, Number: x.Referral.Number, At: isoTime(x.Referral.At),
			Recommendation: x.Rec.Outcome, RecSanction: x.Rec.Sanction}
	}
	if x.Decision.Sanction != "" {
		a.Decision = &apiDecision{Sanction: x.Decision.Sanction, Basis: x.Decision.Basis, Number: x.Decision.Number,
			Date: isoDate(x.Decision.Date), At: isoTime(x.Decision.At)}
	}
	return a
}

func (s *Server) apiCases(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	limit, err := apiLimit(r, c)
	if err != nil {
		return err
	}
	p := casePerson(c, c.actor(r))
	f := cases.Filter{InstansiID: c.Instansi.ID, Viewer: &p, Limit: limit, Cursor: q.Get("cursor")}
	switch v := strings.TrimSpace(q.Get("status")); v {
	case "", "all":
	case "open":
		f.Statuses = cases.OpenStatuses()
	default:
		var ok bool
		if f.Statuses, ok = caseStatusFilter(v); !ok {
			return badRequest(c.L.T("case.field.status"))
		}
	}
	switch v := q.Get("overdue"); v {
	case "", "false":
	case "true":
		f.Overdue = true
	default:
		return badRequest("overdue: true or false")
	}
	for name, dst := range map[string]*int64{"assignee": &f.AssigneeID, "employee": &f.EmployeeID} {
		if v := q.Get(name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return badRequest(name + ": a positive id")
			}
			*dst = id
		}
	}
	page, err := s.caseSvc().List(r.Context(), f)
	if errors.Is(err, cases.ErrBadCursor) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	now := time.Now()
	items := make([]apiCase, 0, len(page.Items))
	for _, x := range page.Items {
		items = append(items, s.apiCaseOf(x, now))
	}
	writeJSON(w, http.StatusOK, newAPIList(items, page.Total, page.Next))
	return nil
}

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	x, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	d := apiCaseDetail{apiCase: s.apiCaseOf(x, time.Now()), Summary: x.Summary, Finding: x.Finding,
		Steps: []apiCaseStep{}, Sourced: []apiCaseSource{}}
	steps, err := cases.Steps(ctx, s.DB, x.ID)
	if err != nil {
		return err
	}
	for _, st := range steps {
		d.Steps = append(d.Steps, apiCaseStep{Status: string(st.Status), StartedAt: isoTime(st.StartedAt), AssigneeID: optID(st.AssigneeID),
			DueAt: isoTime(st.DueAt), DueBasis: st.DueBasis, EndedAt: isoTime(st.EndedAt), EndedBy: st.EndedAction})
	}
	srcs, err := cases.Sources(ctx, s.DB, x.ID)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		links := src.Links
		if links == nil {
			links = []string{}
		}
		d.Sourced = append(d.Sourced, apiCaseSource{Kind: src.Kind, ReviewItemID: optID(src.ReviewItemID), ReportID: optID(src.ReportID),
			Description: src.Description, Links: links, CreatedAt: isoTime(src.CreatedAt)})
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// caseSchemas are the components of the case routes.
func caseSchemas() js {
	caseProps := func() js {
		return js{
			"id": typ("integer", ""), "number": typ("string", "nomor perkara, e.g. NTR/2024/0001"), "title": typ("string", ""),
			"status":        js{"type": "string", "enum": caseStatusNames()},
			"outcome":       typ("string", "for ended cases: a sanction id, not_proven, rejected, insufficient_evidence or merged"),
			"assignee_id":   nullable(typ("integer", "")),
			"assignee_name": typ("string", ""),
			"accused":       ref("CaseAccused"),
			"act_date":      nullable(date("")), "act_kind": typ("string", "kind of act (violation.Acts keys), empty when unknown"),
			"election":       ref("CaseElection"),
			"violation_code": typ("string", "the team's finding (KE-xx or DS-xx), empty before it"),
			"suggestion":     nullable(ref("CaseSuggestion")),
			"referral":       nullable(ref("CaseReferral")),
			"decision":       nullable(ref("CaseDecision")),
			"merged_into":    nullable(typ("integer", "the case it was merged into")),
			"due_at":         nullable(dateTime("due date of the open step")),
			"overdue":        typ("boolean", ""), "sources": typ("integer", "number of sources"),
			"created_at": nullable(dateTime("")), "updated_at": nullable(dateTime("")), "closed_at": nullable(dateTime("")),
		}
	}
	detail := caseProps()
	detail["summary"] = typ("string", "")
	detail["finding"] = typ("string", "the team's finding")
	detail["steps"] = arrayOf(ref("CaseStep"))
	detail["source_list"] = arrayOf(ref("CaseSource"))
	return js{
		"Case":       strict(caseProps()),
		"CaseDetail": strict(detail),
		"CaseList":   listOf("Case", "number of cases matching the filters"),
		"CaseAccused": strict(js{
			"employee_id": nullable(typ("integer", "null when not in the registry")), "nip": typ("string", ""),
			"name": typ("string", ""), "position": typ("string", "at the time of the act"),
			"unit": typ("string", "at the time of the act"), "opd_id": nullable(typ("integer", "")),
			"basis": js{"type": "string", "enum": []string{"", "position", "current", "manual"},
				"description": "position: the registry's dated position at the act date; current: the current one; manual: typed"},
		}),
		"CaseElection": strict(js{
			"id": typ("string", ""), "name": typ("string", ""), "type": typ("string", "pilpres, pileg, pilkada, other"),
			"determined_on": nullable(date("penetapan calon: before it an act is kode etik (KE), from it disiplin (DS)")),
		}),
		"CaseSuggestion": strict(js{
			"code": typ("string", "suggested SKB 2022 code"), "phase": js{"type": "string", "enum": []string{"bakal_calon", "calon"}},
			"sanctions": arrayOf(typ("string", "sanction id")), "basis": typ("string", ""), "version": typ("string", "matrix version"),
		}),
		"CaseReferral": strict(js{
			"target": js{"type": "string", "enum": []string{"bawaslu", "bkn"}}, "number": typ("string", "letter number"),
			"at": nullable(dateTime("")), "recommendation": js{"type": "string", "enum": []string{"", "violation", "no_violation"}},
			"recommended_sanction": typ("string", ""),
		}),
		"CaseDecision": strict(js{
			"sanction": typ("string", "a sanction id (SM-TTP … PTDH, LAINNYA) or not_proven"),
			"basis":    typ("string", "legal basis as decided"), "number": typ("string", "decree number"),
			"date": nullable(date("")), "at": nullable(dateTime("when it was recorded")),
		}),
		"CaseStep": strict(js{
			"status": typ("string", ""), "started_at": nullable(dateTime("")), "assignee_id": nullable(typ("integer", "")),
			"due_at": nullable(dateTime("")), "due_basis": typ("string", "where the time limit comes from"),
			"ended_at": nullable(dateTime("")), "ended_action": typ("string", "the step that ended it"),
		}),
		"CaseSource": strict(js{
			"kind":           js{"type": "string", "enum": []string{"review", "report", "finding"}},
			"review_item_id": nullable(typ("integer", "")), "report_id": nullable(typ("integer", "")),
			"description": typ("string", ""), "links": arrayOf(typ("string", "")), "created_at": nullable(dateTime("")),
		}),
	}
}
