package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
)

// The history of an instansi's election versions (/pemilihan/riwayat and
// GET /api/v1/elections/versions): who stored each version, when, from
// what, and what changed against the version before it.

// Kinds of [versionChange].
const (
	changeInitial         = "initial"          // the first version
	changeElectionAdded   = "election_added"   // an election is new
	changeElectionRemoved = "election_removed" // an election is gone
	changeElectionChanged = "election_changed" // its name, dates, parties, contestants or names changed
	changeTerms           = "terms"            // terms of one contestant's field were added or removed
	changeExceptions      = "exceptions"       // the instansi's exception phrases changed
)

// maxChangesShown bounds the changes listed for one version on the page.
const maxChangesShown = 30

// versionChange is one difference between a version and the one before it.
type versionChange struct {
	Kind     string   `json:"kind"`
	Election string   `json:"election,omitempty"`
	Target   string   `json:"target,omitempty"` // contestant target id (terms)
	Field    string   `json:"field,omitempty"`  // aliases, weak_aliases, slogans, hashtags or gestures (terms)
	Added    []string `json:"added,omitempty"`
	Removed  []string `json:"removed,omitempty"`
}

// setDiff returns the strings of b not in a, and of a not in b, in order.
func setDiff(a, b []string) (added, removed []string) {
	for _, x := range b {
		if !slices.Contains(a, x) {
			added = append(added, x)
		}
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			removed = append(removed, x)
		}
	}
	return added, removed
}

// withoutTerms returns the JSON of e with the editable term lists of its
// contestants left out, to tell other changes from term changes.
func withoutTerms(e *election.Election) string {
	cp := *e
	cp.Contestants = make([]*election.Contestant, len(e.Contestants))
	for i, ct := range e.Contestants {
		x := *ct
		for _, f := range termFields {
			f.set(&x, nil)
		}
		cp.Contestants[i] = &x
	}
	b, _ := json.Marshal(&cp)
	return string(b)
}

// diffVersions lists what changed from prev (nil for the first version) to
// cur.
func diffVersions(prev, cur []*election.Election, prevExc, curExc []string, first bool) []versionChange {
	if first {
		return []versionChange{{Kind: changeInitial}}
	}
	var out []versionChange
	old := map[string]*election.Election{}
	for _, e := range prev {
		old[e.ID] = e
	}
	now := map[string]bool{}
	for _, e := range cur {
		now[e.ID] = true
		p := old[e.ID]
		if p == nil {
			out = append(out, versionChange{Kind: changeElectionAdded, Election: e.ID})
			continue
		}
		if withoutTerms(p) != withoutTerms(e) {
			out = append(out, versionChange{Kind: changeElectionChanged, Election: e.ID})
		}
		for _, ct := range e.Contestants {
			i := slices.IndexFunc(p.Contestants, func(x *election.Contestant) bool { return x.ID == ct.ID })
			if i < 0 {
				continue // a new contestant: election_changed says so
			}
			for _, f := range termFields {
				add, rem := setDiff(f.get(p.Contestants[i]), f.get(ct))
				if len(add)+len(rem) > 0 {
					out = append(out, versionChange{Kind: changeTerms, Election: e.ID, Target: e.ID + "/" + ct.ID,
						Field: f.Key, Added: add, Removed: rem})
				}
			}
		}
	}
	for _, e := range prev {
		if !now[e.ID] {
			out = append(out, versionChange{Kind: changeElectionRemoved, Election: e.ID})
		}
	}
	if add, rem := setDiff(prevExc, curExc); len(add)+len(rem) > 0 {
		out = append(out, versionChange{Kind: changeExceptions, Added: add, Removed: rem})
	}
	return out
}

// versionDiffs decodes versions (newest first, as monitor.ElectionVersions
// returns them) and returns the changes of each against the one before it.
func versionDiffs(vs []monitor.ElectionVersion) ([][]versionChange, error) {
	decoded := make([][]*election.Election, len(vs))
	for i, v := range vs {
		es, err := v.Elections()
		if err != nil {
			return nil, fmt.Errorf("election version %d: %w", v.Version, err)
		}
		decoded[i] = es
	}
	out := make([][]versionChange, len(vs))
	for i, v := range vs {
		if i+1 < len(vs) {
			out[i] = diffVersions(decoded[i+1], decoded[i], vs[i+1].Exceptions, v.Exceptions, false)
		} else {
			out[i] = diffVersions(nil, decoded[i], nil, v.Exceptions, v.Version == 1)
		}
	}
	return out, nil
}

// quoteTerms writes terms as “a”, “b”.
func quoteTerms(ts []string) string {
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = "“" + t + "”"
	}
	return strings.Join(q, ", ")
}

// describeChange renders one change in the user's language.
func describeChange(c *reqCtx, ch versionChange) string {
	plusMinus := func() string {
		var parts []string
		if len(ch.Added) > 0 {
			parts = append(parts, "+ "+quoteTerms(ch.Added))
		}
		if len(ch.Removed) > 0 {
			parts = append(parts, "− "+quoteTerms(ch.Removed))
		}
		return strings.Join(parts, "; ")
	}
	switch ch.Kind {
	case changeInitial:
		return c.L.T("elections.change_initial")
	case changeElectionAdded:
		return c.L.T("elections.change_added", ch.Election)
	case changeElectionRemoved:
		return c.L.T("elections.change_removed", ch.Election)
	case changeElectionChanged:
		return c.L.T("elections.change_changed", ch.Election)
	case changeTerms:
		label := ch.Field
		if f, ok := termFieldByKey(ch.Field); ok {
			label = c.L.T(f.Label)
		}
		return c.L.T("elections.change_terms", ch.Target, label, plusMinus())
	case changeExceptions:
		return c.L.T("elections.change_exceptions", plusMinus())
	}
	return ch.Kind
}

// historyRow is one version on the history page.
type historyRow struct {
	V           monitor.ElectionVersion
	SourceLabel string
	Elections   []string
	Changes     []string
	Hidden      int // changes not listed
	Active      bool
}

// versionsWithDiffs returns every election version of the instansi, newest
// first (storing the default one when there is none), with what changed
// against the version before each.
func (s *Server) versionsWithDiffs(ctx context.Context, instansiID int64) ([]monitor.ElectionVersion, [][]versionChange, error) {
	if _, err := monitor.EnsureElections(ctx, s.DB, instansiID); err != nil {
		return nil, nil, err
	}
	vs, err := monitor.ElectionVersions(ctx, s.DB, instansiID)
	if err != nil {
		return nil, nil, err
	}
	diffs, err := versionDiffs(vs)
	return vs, diffs, err
}

// electionsHistory lists the versions, newest first, with what changed.
func (s *Server) electionsHistory(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	vs, diffs, err := s.versionsWithDiffs(r.Context(), c.Instansi.ID)
	if err != nil {
		return err
	}
	rows := make([]historyRow, len(vs))
	for i, v := range vs {
		row := historyRow{V: v, SourceLabel: versionSourceLabel(c, v.Source), Active: i == 0}
		es, _ := v.Elections() // decoded without error in versionDiffs
		for _, e := range es {
			row.Elections = append(row.Elections, e.ID)
		}
		for k, ch := range diffs[i] {
			if k == maxChangesShown {
				row.Hidden = len(diffs[i]) - k
				break
			}
			row.Changes = append(row.Changes, describeChange(c, ch))
		}
		rows[i] = row
	}
	s.render(w, r, c, "elections_history.html", c.L.T("elections.history_title"), rows)
	return nil
}

// apiElectionVersion is a version in the API (contract §1 definitions).
type apiElectionVersion struct {
	Version    int             `json:"version"`
	Lexicon    string          `json:"lexicon"`
	Source     string          `json:"source"`
	CreatedBy  string          `json:"created_by"`
	CreatedAt  *string         `json:"created_at"`
	Exceptions []string        `json:"exceptions"`
	Elections  json.RawMessage `json:"elections"`
}

// apiElections answers GET /api/v1/elections: the active version.
func (s *Server) apiElections(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	v, err := monitor.EnsureElections(r.Context(), s.DB, c.Instansi.ID)
	if err != nil {
		return err
	}
	exc := v.Exceptions
	if exc == nil {
		exc = []string{}
	}
	writeJSON(w, http.StatusOK, apiElectionVersion{Version: v.Version, Lexicon: v.Lexicon, Source: v.Source,
		CreatedBy: v.CreatedBy, CreatedAt: isoTime(v.CreatedAt), Exceptions: exc, Elections: json.RawMessage(v.Definition)})
	return nil
}

// apiVersionItem is a version in the version list of the API.
type apiVersionItem struct {
	Version    int             `json:"version"`
	Lexicon    string          `json:"lexicon"`
	Source     string          `json:"source"`
	CreatedBy  string          `json:"created_by"`
	CreatedAt  *string         `json:"created_at"`
	Active     bool            `json:"active"`
	Elections  []string        `json:"elections"`
	Exceptions []string        `json:"exceptions"`
	Changes    []versionChange `json:"changes"`
}

// apiElectionVersions answers GET /api/v1/elections/versions: every
// version, newest first, with what changed against the one before.
func (s *Server) apiElectionVersions(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	vs, diffs, err := s.versionsWithDiffs(r.Context(), c.Instansi.ID)
	if err != nil {
		return err
	}
	items := make([]apiVersionItem, len(vs))
	for i, v := range vs {
		it := apiVersionItem{Version: v.Version, Lexicon: v.Lexicon, Source: v.Source, CreatedBy: v.CreatedBy,
			CreatedAt: isoTime(v.CreatedAt), Active: i == 0, Elections: []string{}, Exceptions: v.Exceptions,
			Changes: diffs[i]}
		if it.Exceptions == nil {
			it.Exceptions = []string{}
		}
		if it.Changes == nil {
			it.Changes = []versionChange{}
		}
		es, _ := v.Elections()
		for _, e := range es {
			it.Elections = append(it.Elections, e.ID)
		}
		items[i] = it
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items), "next": ""})
	return nil
}
