package election

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Warning is a problem that does not stop loading, such as a supporting
// party that resolves nowhere.
type Warning struct {
	// File is the source of the election concerned.
	File string
	// Election is the id of the election concerned.
	Election string
	// Field is the path of the offending field ("contestants[0].supporting_parties[2]").
	Field string
	// Message says what is wrong.
	Message string
}

// String formats the warning as "file: election: field: message".
func (w Warning) String() string {
	var parts []string
	for _, p := range []string{w.File, w.Election, w.Field, w.Message} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ": ")
}

// Load reads election definitions from files and directories. A directory
// contributes every *.json file directly in it, in name order; a file may
// hold one election object or an array of them. Errors name the file, the
// field and the problem. Election ids must be unique across all paths.
// Warnings report supporting-party references that resolve nowhere among
// the loaded elections.
func Load(paths ...string) ([]*Election, []Warning, error) {
	var all []*Election
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range files {
			es, err := parseFile(f)
			if err != nil {
				return nil, nil, err
			}
			all = append(all, es...)
		}
	}
	if err := checkUnique(all); err != nil {
		return nil, nil, err
	}
	_, warns := NewSet(all)
	return all, warns, nil
}

// expand turns a path into the election files it names.
func expand(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range ents {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".json") {
			files = append(files, filepath.Join(p, e.Name()))
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: directory holds no *.json election files", p)
	}
	return files, nil
}

func parseFile(name string) ([]*Election, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, name)
}

// Parse reads one election object or a JSON array of them from r and
// validates them. name is used in error messages and as each election's
// [Election.Source]. Unknown fields are ignored.
func Parse(r io.Reader, name string) ([]*Election, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // tolerate a UTF-8 BOM
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s: empty file, want an election object or an array of them", name)
	}
	var raws []json.RawMessage
	if trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &raws); err != nil {
			return nil, fmt.Errorf("%s: %s", name, jsonProblem(err))
		}
		if len(raws) == 0 {
			return nil, fmt.Errorf("%s: empty array, want at least one election", name)
		}
	} else {
		raws = []json.RawMessage{trimmed}
	}
	out := make([]*Election, 0, len(raws))
	for i, raw := range raws {
		where := name
		if trimmed[0] == '[' {
			where = fmt.Sprintf("%s: [%d]", name, i)
		}
		e := new(Election)
		if err := json.Unmarshal(raw, e); err != nil {
			return nil, fmt.Errorf("%s: %s", where, jsonProblem(err))
		}
		if e.ID != "" {
			where += " (" + e.ID + ")"
		}
		if err := Validate(e); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		e.source = name
		out = append(out, e)
	}
	if err := checkUnique(out); err != nil {
		return nil, err
	}
	return out, nil
}

// jsonProblem rewords encoding/json errors to name the field.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s: cannot use JSON %s as %s", te.Field, te.Value, te.Type)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d: %v", se.Offset, err)
	}
	return "invalid JSON: " + err.Error()
}

// checkUnique reports the first election id used twice.
func checkUnique(es []*Election) error {
	seen := make(map[string]*Election, len(es))
	for _, e := range es {
		if prev, dup := seen[e.ID]; dup {
			return fmt.Errorf("%s: id: duplicate election id %q (also in %s)", e.source, e.ID, prev.source)
		}
		seen[e.ID] = e
	}
	return nil
}

// Validate checks one election's required fields, enumerations, dates and
// id uniqueness; the error names the offending field.
func Validate(e *Election) error {
	switch {
	case strings.TrimSpace(e.ID) == "":
		return errors.New("id: missing")
	case strings.Contains(e.ID, "/"):
		return fmt.Errorf("id: %q must not contain '/'", e.ID)
	case strings.TrimSpace(e.Name) == "":
		return errors.New("name: missing")
	}
	switch e.Type {
	case TypePilpres, TypePileg, TypePilkada, TypeOther:
	case "":
		return errors.New("type: missing (want pilpres, pileg, pilkada or other)")
	default:
		return fmt.Errorf("type: unknown type %q (want pilpres, pileg, pilkada or other)", e.Type)
	}
	if err := checkDate("voting_day", e.VotingDay, true); err != nil {
		return err
	}
	if err := checkDate("determined_on", e.DeterminedOn, false); err != nil {
		return err
	}
	if c := e.Campaign; c != nil {
		if err := checkDate("campaign.start", c.Start, true); err != nil {
			return err
		}
		if err := checkDate("campaign.end", c.End, true); err != nil {
			return err
		}
		if c.End.Before(c.Start) {
			return fmt.Errorf("campaign: end %s is before start %s", c.End, c.Start)
		}
	}
	if len(e.Contestants) == 0 {
		return errors.New("contestants: no contestants")
	}
	ids := make(map[string]bool, len(e.Contestants)+len(e.Parties))
	for i, c := range e.Contestants {
		f := fmt.Sprintf("contestants[%d]", i)
		if c == nil {
			return fmt.Errorf("%s: null contestant", f)
		}
		if err := checkID(f, c.ID, ids, "contestant"); err != nil {
			return err
		}
		switch c.Kind {
		case KindCandidatePair, KindCandidate, KindParty:
		case "":
			return fmt.Errorf("%s.kind: missing (want candidate_pair, candidate or party)", f)
		default:
			return fmt.Errorf("%s.kind: unknown kind %q (want candidate_pair, candidate or party)", f, c.Kind)
		}
		if c.BallotNumber < 0 {
			return fmt.Errorf("%s.ballot_number: negative (%d)", f, c.BallotNumber)
		}
		if len(c.Names) == 0 && c.Kind != KindParty {
			return fmt.Errorf("%s.names: missing", f)
		}
	}
	pids := make(map[string]bool, len(e.Parties))
	for i, p := range e.Parties {
		f := fmt.Sprintf("parties[%d]", i)
		if p == nil {
			return fmt.Errorf("%s: null party", f)
		}
		if err := checkID(f, p.ID, pids, "party"); err != nil {
			return err
		}
		if ids[p.ID] {
			return fmt.Errorf("%s.id: %q is also a contestant id; target ids would clash", f, p.ID)
		}
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("%s.name: missing", f)
		}
	}
	return nil
}

func checkID(field, id string, seen map[string]bool, what string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return fmt.Errorf("%s.id: missing", field)
	case strings.Contains(id, "/"):
		return fmt.Errorf("%s.id: %q must not contain '/'", field, id)
	case seen[id]:
		return fmt.Errorf("%s.id: duplicate %s id %q", field, what, id)
	}
	seen[id] = true
	return nil
}

func checkDate(field string, d Date, required bool) error {
	if d.IsZero() {
		if required {
			return fmt.Errorf("%s: missing (want YYYY-MM-DD)", field)
		}
		return nil
	}
	if !d.Valid() {
		return fmt.Errorf("%s: bad date %s (want YYYY-MM-DD)", field, d.bad)
	}
	return nil
}
