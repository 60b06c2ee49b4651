package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/roster"
	"github.com/netral-asn/netral/internal/tenant"
)

// Elections and lexicon (/pemilihan): the election definitions the instansi
// screens with (its active version, see monitor.ActivateElections), their
// contestants with every term the screener looks for, and the history of
// versions with what changed between them. Holders of elections.manage
// change them: add a built-in election or remove one, edit a contestant's
// aliases, weak aliases, slogans, hashtags and gestures, or upload a
// definition file (contract §1) as `netral elections import` does. Each
// change stores a new version (audited as elections.activate); an unchanged
// submit stores nothing. Stored screening results keep the version they
// were made with; "screen again" enqueues a re-screen job.

// electionsSourceWeb is the source of a version made on this page.
const electionsSourceWeb = "web"

// electionsPage is what elections.html receives.
type electionsPage struct {
	Version     monitor.ElectionVersion
	SourceLabel string
	Elections   []electionView
	Manage      bool   // the user may change the definitions
	Notice      string // the outcome of the last action
	Changed     int    // version just stored: offer to screen again (0: none)
	Rescreen    string // monitor.RescreenQueued, monitor.RescreenRunning or ""
	Inline      bool   // no job queue: "screen again" runs in the request
	Error       string // error of the add, remove or upload form
	ErrorForm   string // "add", "remove", "terms" or "upload"
	ErrorAnchor string // the place on the page the error concerns
	Warnings    []string
	Available   []builtinChoice // built-in elections near the instansi not active yet
	Region      string          // the region field, shown again
	Replace     bool            // the upload's replace box, shown again
	MaxUpload   string
	Fields      []termField // for the quick-add form's field list
	edit        *termEdit
}

// termEdit is a contestant form shown again with its problems.
type termEdit struct {
	Election, Contestant string
	Values               map[string]string // textarea values by field key
	AddField, AddTerm    string            // the quick-add form
	Errors               []string
}

// builtinChoice is a built-in election that can be added.
type builtinChoice struct{ ID, Name string }

// electionView is one election on the page.
type electionView struct {
	ID, Name, Type, Region, VotingDay, Campaign, DeterminedOn string
	Contestants                                               []contestantView
	Parties                                                   []partyView
}

// contestantView is one contestant with its terms and its edit form.
type contestantView struct {
	Election, ID, Target, Anchor, Kind, KindLabel string
	BallotNumber                                  int
	Names                                         []string
	Lists                                         []termList
	Supporters                                    []string
	Derived                                       []derivedForm
	Inputs                                        []termInput
	AddField, AddTerm                             string
	Errors                                        []string
	Open                                          bool
}

// termList is one field's terms, for display.
type termList struct {
	Key, Label string
	Items      []string
}

// termInput is one textarea of the edit form.
type termInput struct {
	Key, Label, Help, Value string
	Max                     int
}

// derivedForm is a name form derived from the candidates' names that is not
// listed yet (a suggestion).
type derivedForm struct {
	Text string
	Weak bool
}

// partyView is one party of an election.
type partyView struct {
	ID, Name     string
	BallotNumber int
	Aliases      []string
	WeakAliases  []string
	Hashtags     []string
	Symbols      []string
}

// electionsNotices maps the ?ok= value of a redirect to its message.
var electionsNotices = map[string]string{
	"changed":       "elections.notice_changed",
	"unchanged":     "elections.notice_unchanged",
	"rescreen":      "elections.notice_rescreen_queued",
	"rescreen_busy": "elections.notice_rescreen_busy",
	"rescreen_done": "elections.notice_rescreen_done",
}

// contestantKinds maps a contestant kind to its i18n key.
var contestantKinds = map[string]string{
	election.KindCandidatePair: "elections.kind_candidate_pair",
	election.KindCandidate:     "elections.kind_candidate",
	election.KindParty:         "elections.kind_party",
}

// activeElections returns the instansi's active version (storing its
// defaults first when it has none) and its elections.
func (s *Server) activeElections(ctx context.Context, c *reqCtx) (monitor.ElectionVersion, []*election.Election, error) {
	v, err := monitor.EnsureElections(ctx, s.DB, c.Instansi.ID)
	if err != nil {
		return v, nil, fmt.Errorf("elections of instansi %d: %w", c.Instansi.ID, err)
	}
	es, err := v.Elections()
	if err != nil {
		return v, nil, fmt.Errorf("elections of instansi %d, version %d: %w", c.Instansi.ID, v.Version, err)
	}
	return v, es, nil
}

// electionsShow shows the active version.
func (s *Server) electionsShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var d electionsPage
	q := r.URL.Query()
	if k, ok := electionsNotices[q.Get("ok")]; ok {
		switch q.Get("ok") {
		case "changed":
			n, _ := strconv.Atoi(q.Get("v"))
			d.Changed = n
			d.Notice = c.L.T(k, n)
		case "rescreen_done":
			n, _ := strconv.Atoi(q.Get("n"))
			m, _ := strconv.Atoi(q.Get("m"))
			d.Notice = c.L.T(k, n, m)
		default:
			d.Notice = c.L.T(k)
		}
	}
	return s.renderElections(w, r, c, d, http.StatusOK)
}

// renderElections renders the page with the active version and d's state.
func (s *Server) renderElections(w http.ResponseWriter, r *http.Request, c *reqCtx, d electionsPage, status int) error {
	ctx := r.Context()
	v, es, err := s.activeElections(ctx, c)
	if err != nil {
		return err
	}
	d.Version, d.SourceLabel = v, versionSourceLabel(c, v.Source)
	d.Manage = c.Can(string(auth.PermElectionsManage))
	d.MaxUpload, d.Fields = roster.SizeText(maxElectionUpload), termFields
	set, _ := election.NewSet(es)
	for _, e := range es {
		d.Elections = append(d.Elections, electionViewOf(c, set, e, d.edit))
	}
	if d.Manage {
		if d.Available, err = builtinChoices(c.Instansi, es); err != nil {
			return err
		}
		if d.Rescreen, err = monitor.RescreenStatus(ctx, s.DB, c.Instansi.ID); err != nil {
			return err
		}
		d.Inline = !s.Rescreen.HasQueue()
	}
	s.renderStatus(w, r, c, status, "elections.html", c.L.T("elections.title"), d)
	return nil
}

// versionSourceLabel names a version's source for people.
func versionSourceLabel(c *reqCtx, src string) string {
	switch src {
	case election.BuiltinSource:
		return c.L.T("elections.source_builtin")
	case electionsSourceWeb:
		return c.L.T("elections.source_web")
	}
	return src
}

// electionViewOf builds the view of one election; edit (when it names one of
// its contestants) fills that contestant's form with the values sent.
func electionViewOf(c *reqCtx, set *election.Set, e *election.Election, edit *termEdit) electionView {
	ev := electionView{ID: e.ID, Name: e.Name, Type: e.Type, VotingDay: e.VotingDay.String()}
	if e.Region != nil {
		ev.Region = e.Region.Name + " (" + e.Region.Code + ")"
	}
	if e.Campaign != nil {
		ev.Campaign = e.Campaign.Start.String() + " – " + e.Campaign.End.String()
	}
	if !e.DeterminedOn.IsZero() {
		ev.DeterminedOn = e.DeterminedOn.String()
	}
	namer := election.DefaultNamer()
	for _, ct := range e.Contestants {
		cv := contestantView{Election: e.ID, ID: ct.ID, Target: e.ID + "/" + ct.ID, Anchor: "k-" + e.ID + "-" + ct.ID,
			Kind: ct.Kind, KindLabel: ct.Kind, BallotNumber: ct.BallotNumber, Names: ct.Names}
		if k, ok := contestantKinds[ct.Kind]; ok {
			cv.KindLabel = c.L.T(k)
		}
		listed := map[string]bool{}
		for _, n := range ct.Names {
			listed[termKey(n)] = true
		}
		for _, f := range termFields {
			items := f.get(ct)
			cv.Lists = append(cv.Lists, termList{Key: f.Key, Label: c.L.T(f.Label), Items: items})
			cv.Inputs = append(cv.Inputs, termInput{Key: f.Key, Label: c.L.T(f.Label), Help: c.L.T(f.Help),
				Value: strings.Join(items, "\n"), Max: f.Max})
			for _, t := range items {
				listed[termKey(t)] = true
			}
		}
		if t := set.Target(cv.Target); t != nil {
			for _, p := range t.Supporters {
				cv.Supporters = append(cv.Supporters, p.Label())
			}
		}
		if ct.Kind != election.KindParty && len(ct.Names) > 0 {
			deputy := ""
			if len(ct.Names) > 1 {
				deputy = ct.Names[1]
			}
			forms := namer.Pair(ct.Names[0], deputy)
			for _, x := range forms.Aliases {
				if !listed[termKey(x)] {
					cv.Derived = append(cv.Derived, derivedForm{Text: x})
				}
			}
			for _, x := range forms.WeakAliases {
				if !listed[termKey(x)] {
					cv.Derived = append(cv.Derived, derivedForm{Text: x, Weak: true})
				}
			}
		}
		if edit != nil && edit.Election == e.ID && edit.Contestant == ct.ID {
			cv.Open, cv.Errors = len(edit.Values) > 0, edit.Errors
			cv.AddField, cv.AddTerm = edit.AddField, edit.AddTerm
			for i := range cv.Inputs {
				if val, ok := edit.Values[cv.Inputs[i].Key]; ok {
					cv.Inputs[i].Value = val
				}
			}
		}
		ev.Contestants = append(ev.Contestants, cv)
	}
	for _, p := range e.Parties {
		ev.Parties = append(ev.Parties, partyView{ID: p.ID, Name: p.Name, BallotNumber: p.BallotNumber,
			Aliases: p.Aliases, WeakAliases: p.WeakAliases, Hashtags: p.Hashtags, Symbols: p.Symbols})
	}
	return ev
}

// nearBuiltins returns the built-in elections that concern the instansi's
// region: Pemilu 2024, the Pilkada of its province and of every
// kabupaten/kota in it (and the demo Pemda's fictional Pilkada).
func nearBuiltins(inst tenant.Instansi) ([]*election.Election, error) {
	out, err := monitor.DefaultElections(inst.Code)
	if err != nil {
		return nil, err
	}
	if inst.Code == tenant.NationalCode {
		return out, nil
	}
	prov, _, _ := strings.Cut(inst.Code, ".")
	if more, err := election.ForRegion(prov); err == nil { // the fictional demo province has none
		out, _ = election.Merge(out, more)
	}
	return out, nil
}

// builtinChoices lists the near built-in elections that are not active.
func builtinChoices(inst tenant.Instansi, active []*election.Election) ([]builtinChoice, error) {
	near, err := nearBuiltins(inst)
	if err != nil {
		return nil, err
	}
	var out []builtinChoice
	for _, e := range near {
		if !slices.ContainsFunc(active, func(a *election.Election) bool { return a.ID == e.ID }) {
			out = append(out, builtinChoice{ID: e.ID, Name: e.Name})
		}
	}
	return out, nil
}

// findBuiltin finds a built-in election by id ("pemilu-2024",
// "pilkada-2024-32.16") or by region code ("32.16": that region's Pilkada;
// "00": Pemilu 2024). The problem is an i18n key and its argument.
func findBuiltin(inst tenant.Instansi, id, region string) (*election.Election, string, string) {
	if id != "" {
		near, err := nearBuiltins(inst)
		if err == nil {
			for _, e := range near {
				if e.ID == id {
					return e, "", ""
				}
			}
		}
		code, ok := strings.CutPrefix(id, election.PilkadaPrefix)
		if !ok {
			return nil, "elections.err_unknown_builtin", id
		}
		region = code
	}
	if region == "" {
		return nil, "elections.err_choose", ""
	}
	if region == monitor.DemoRegion {
		es, _ := monitor.DefaultElections(monitor.DemoRegion)
		return es[len(es)-1], "", ""
	}
	norm, err := election.NormalizeRegionCode(region)
	if err != nil {
		if id != "" {
			return nil, "elections.err_unknown_builtin", id
		}
		return nil, "elections.err_unknown_region", region
	}
	es, err := election.ForRegion(norm)
	if err != nil {
		return nil, "elections.err_unknown_region", region
	}
	for _, e := range es {
		if id != "" && e.ID != id {
			continue
		}
		if norm == tenant.NationalCode && e.ID == election.PemiluID || e.Region != nil && e.Region.Code == norm && e.ID != election.PemiluID {
			return e, "", ""
		}
	}
	if id != "" {
		return nil, "elections.err_unknown_builtin", id
	}
	return nil, "elections.err_no_pilkada", norm
}

// staleForm reports whether a form was made from another lexicon than the
// active one (someone changed the definitions meanwhile).
func staleForm(r *http.Request, v monitor.ElectionVersion) bool {
	lex := r.PostFormValue("lexicon")
	return lex != "" && lex != v.Lexicon
}

// activate stores es as the new version made on this page and redirects to
// the page saying what happened (anchor: a place on it, may be "").
func (s *Server) activate(w http.ResponseWriter, r *http.Request, c *reqCtx, es []*election.Election, source, anchor string) error {
	v, changed, err := monitor.ActivateElections(r.Context(), s.DB, c.actor(r), c.Instansi.ID, es, source)
	if err != nil {
		return fmt.Errorf("activate elections: %w", err)
	}
	u := url.URL{Path: "/pemilihan", RawQuery: "ok=unchanged", Fragment: anchor}
	if changed {
		u.RawQuery = url.Values{"ok": {"changed"}, "v": {strconv.Itoa(v.Version)}}.Encode()
	}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
	return nil
}

// formError shows the page again with an error on one of its forms.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, c *reqCtx, d electionsPage, form, msg string, status int) error {
	d.ErrorForm, d.Error = form, msg
	return s.renderElections(w, r, c, d, status)
}

// electionsAdd adds a built-in election chosen from the list or by region code.
func (s *Server) electionsAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, es, err := s.activeElections(r.Context(), c)
	if err != nil {
		return err
	}
	id, region := strings.TrimSpace(r.PostFormValue("election")), strings.TrimSpace(r.PostFormValue("region"))
	d := electionsPage{Region: region}
	if staleForm(r, v) {
		return s.formError(w, r, c, d, "add", c.L.T("elections.err_stale", v.Version), http.StatusConflict)
	}
	e, key, arg := findBuiltin(c.Instansi, id, region)
	if key != "" {
		msg := c.L.T(key)
		if arg != "" {
			msg = c.L.T(key, arg)
		}
		return s.formError(w, r, c, d, "add", msg, http.StatusBadRequest)
	}
	if slices.ContainsFunc(es, func(a *election.Election) bool { return a.ID == e.ID }) {
		return s.formError(w, r, c, d, "add", c.L.T("elections.err_already_active", e.Name, e.ID), http.StatusBadRequest)
	}
	return s.activate(w, r, c, append(es, e), electionsSourceWeb, "e-"+e.ID)
}

// electionsRemove removes an election; at least one must remain.
func (s *Server) electionsRemove(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, es, err := s.activeElections(r.Context(), c)
	if err != nil {
		return err
	}
	id := r.PostFormValue("election")
	if staleForm(r, v) {
		return s.formError(w, r, c, electionsPage{}, "remove", c.L.T("elections.err_stale", v.Version), http.StatusConflict)
	}
	i := slices.IndexFunc(es, func(a *election.Election) bool { return a.ID == id })
	if i < 0 {
		return s.formError(w, r, c, electionsPage{}, "remove", c.L.T("elections.err_not_active", id), http.StatusBadRequest)
	}
	if len(es) == 1 {
		return s.formError(w, r, c, electionsPage{}, "remove", c.L.T("elections.err_last", es[0].Name), http.StatusBadRequest)
	}
	return s.activate(w, r, c, slices.Delete(es, i, i+1), electionsSourceWeb, "")
}

// electionsTerms changes the terms of one contestant: the whole lists of
// the edit form (a field not sent is kept), or one term added with the
// quick-add form (op=add, field, term).
func (s *Server) electionsTerms(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, es, err := s.activeElections(r.Context(), c)
	if err != nil {
		return err
	}
	eid, cid := r.PostFormValue("election"), r.PostFormValue("contestant")
	var ct *election.Contestant
	for _, e := range es {
		if e.ID == eid {
			for _, x := range e.Contestants {
				if x.ID == cid {
					ct = x
				}
			}
		}
	}
	if ct == nil {
		return s.formError(w, r, c, electionsPage{}, "terms", c.L.T("elections.err_no_contestant", eid, cid), http.StatusBadRequest)
	}
	edit := &termEdit{Election: eid, Contestant: cid, Values: map[string]string{}}
	sent := map[string][]string{}
	var problems []termProblem
	if r.PostFormValue("op") == "add" {
		edit.AddField, edit.AddTerm = r.PostFormValue("field"), r.PostFormValue("term")
		f, ok := termFieldByKey(edit.AddField)
		switch {
		case !ok:
			problems = append(problems, termProblem{Field: "field", Key: "elections.err_field", Args: []any{edit.AddField}})
		case strings.TrimSpace(edit.AddTerm) == "":
			problems = append(problems, termProblem{Field: f.Key, Key: "elections.err_empty"})
		case strings.ContainsAny(edit.AddTerm, "\r\n"):
			problems = append(problems, termProblem{Field: f.Key, Key: "elections.err_control", Args: []any{edit.AddTerm}})
		default:
			t := cleanTerm(f.Key, edit.AddTerm)
			if i := slices.IndexFunc(f.get(ct), func(x string) bool { return termKey(x) == termKey(t) }); i >= 0 {
				problems = append(problems, termProblem{Field: f.Key, Key: "elections.err_duplicate", Args: []any{t, f.get(ct)[i]}})
				break
			}
			sent[f.Key] = append(slices.Clone(f.get(ct)), edit.AddTerm)
		}
	} else {
		for _, f := range termFields {
			if vals, ok := r.PostForm[f.Key]; ok {
				sent[f.Key] = vals
				edit.Values[f.Key] = strings.Join(vals, "\n")
			}
		}
		if len(sent) == 0 {
			problems = append(problems, termProblem{Field: "field", Key: "elections.err_nothing_sent"})
		}
	}
	// The page says at its top that the change was not stored, with a link
	// to the contestant's form and its problems.
	failed := func(status int) error {
		d := electionsPage{edit: edit, ErrorForm: "terms", ErrorAnchor: "k-" + eid + "-" + cid,
			Error: c.L.T("elections.err_terms_summary", eid+"/"+cid)}
		return s.renderElections(w, r, c, d, status)
	}
	if len(problems) == 0 && staleForm(r, v) {
		edit.Errors = []string{c.L.T("elections.err_stale", v.Version)}
		return failed(http.StatusConflict)
	}
	lists := map[string][]string{}
	if len(problems) == 0 {
		var more []termProblem
		lists, more = checkContestantTerms(ct, sent)
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			edit.Errors = append(edit.Errors, p.message(c.L))
		}
		return failed(http.StatusBadRequest)
	}
	for _, f := range termFields {
		f.set(ct, lists[f.Key])
	}
	return s.activate(w, r, c, es, electionsSourceWeb, "k-"+eid+"-"+cid)
}

// maxElectionUpload is the largest definition file the page takes (the
// request limit of ordinary forms).
const maxElectionUpload = 1 << 20

// electionsUpload activates an uploaded definition file (contract §1): its
// elections replace the active ones with the same id and are added
// otherwise, or (replace) become the whole set — as `netral elections import`.
func (s *Server) electionsUpload(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, es, err := s.activeElections(r.Context(), c)
	if err != nil {
		return err
	}
	d := electionsPage{Replace: r.PostFormValue("replace") == "1"}
	if staleForm(r, v) {
		return s.formError(w, r, c, d, "upload", c.L.T("elections.err_stale", v.Version), http.StatusConflict)
	}
	file, fh, err := r.FormFile("file")
	if err != nil {
		return s.formError(w, r, c, d, "upload", c.L.T("elections.err_no_file"), http.StatusBadRequest)
	}
	defer file.Close()
	name := uploadName(fh.Filename)
	loaded, err := election.Parse(file, name)
	if err != nil {
		return s.formError(w, r, c, d, "upload", c.L.T("elections.err_file", err.Error()), http.StatusBadRequest)
	}
	all := loaded
	if !d.Replace {
		all, _ = election.Merge(es, loaded)
	}
	known := knownTerms(es)
	_, warns := election.NewSet(all)
	ver, changed, err := monitor.ActivateElections(r.Context(), s.DB, c.actor(r), c.Instansi.ID, all, name)
	if err != nil {
		return fmt.Errorf("activate uploaded elections: %w", err)
	}
	for _, w := range warns {
		d.Warnings = append(d.Warnings, w.String())
	}
	d.Warnings = append(d.Warnings, termWarnings(c.L, loaded, known)...)
	if changed {
		d.Changed, d.Notice = ver.Version, c.L.T("elections.notice_uploaded", name, ver.Version)
	} else {
		d.Notice = c.L.T("elections.notice_unchanged")
	}
	return s.renderElections(w, r, c, d, http.StatusOK)
}

// uploadName is the stored source of an uploaded file: its base name,
// without control characters, at most 200 bytes.
func uploadName(n string) string {
	n = filepath.Base(strings.ReplaceAll(n, `\`, "/"))
	n = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, n)
	if n == "" || n == "." || n == "/" {
		n = "upload.json"
	}
	for len(n) > 200 {
		_, size := utf8.DecodeLastRuneInString(n)
		n = n[:len(n)-size]
	}
	return n
}

// electionsRescreen screens the stored activities again with the active
// version: through the job queue, or in the request when none runs.
func (s *Server) electionsRescreen(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if s.Rescreen.HasQueue() {
		queued, err := s.Rescreen.Enqueue(r.Context(), c.Instansi.ID, c.actor(r))
		if err != nil {
			return err
		}
		ok := "rescreen"
		if !queued {
			ok = "rescreen_busy"
		}
		http.Redirect(w, r, "/pemilihan?ok="+ok, http.StatusSeeOther)
		return nil
	}
	rs := s.Rescreen
	if rs == nil {
		rs = monitor.NewRescreener(s.DB, s.log)
	}
	rep, err := rs.Run(r.Context(), c.Instansi.ID, c.actor(r))
	if err != nil {
		return fmt.Errorf("re-screen: %w", err)
	}
	http.Redirect(w, r, "/pemilihan?"+url.Values{"ok": {"rescreen_done"}, "n": {strconv.Itoa(rep.Screened)},
		"m": {strconv.Itoa(rep.Changed)}}.Encode(), http.StatusSeeOther)
	return nil
}

// electionsExport downloads the definitions of the active version, or of
// ?versi=N, as a contract §1 JSON file to edit and upload again.
func (s *Server) electionsExport(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, _, err := s.activeElections(r.Context(), c)
	if err != nil {
		return err
	}
	if q := r.URL.Query().Get("versi"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil {
			return badRequest("versi: " + c.L.T("elections.err_version"))
		}
		all, err := monitor.ElectionVersions(r.Context(), s.DB, c.Instansi.ID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(x monitor.ElectionVersion) bool { return x.Version == n })
		if i < 0 {
			return errNotFound
		}
		v = all[i]
	}
	name := fmt.Sprintf("pemilihan-%s-v%d.json", c.Instansi.Code, v.Version)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(v.Definition)
	return nil
}
