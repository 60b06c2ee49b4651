package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// The terms of a contestant that a team may edit on /pemilihan, and their
// validation. A term that is new in a submit is checked against rules that
// keep the lexicon useful: not empty, not too long, not listed twice, and not
// so common that it would flag ordinary posts (a single letter, a short
// number, a common first name as a strong alias). Terms already in the
// definition are kept as they are, so that a built-in or imported term never
// blocks an edit of another one.

// Limits of the term editor.
const (
	maxTermsPerField = 200 // terms in one field of one contestant
	minTermChars     = 3   // letters or digits of an alias, slogan or hashtag
	maxShortNumber   = 4   // a number of at most this many digits is too common alone
)

// termField is one editable list of a contestant.
type termField struct {
	Key   string // form and contract §1 field name
	Label string // i18n key of its name
	Help  string // i18n key of its help text
	Max   int    // longest term, in characters
	get   func(*election.Contestant) []string
	set   func(*election.Contestant, []string)
}

// termFields are the editable lists, in display order.
var termFields = []termField{
	{Key: "aliases", Label: "elections.field_aliases", Help: "elections.help_aliases", Max: 100,
		get: func(c *election.Contestant) []string { return c.Aliases },
		set: func(c *election.Contestant, v []string) { c.Aliases = v }},
	{Key: "weak_aliases", Label: "elections.field_weak_aliases", Help: "elections.help_weak_aliases", Max: 100,
		get: func(c *election.Contestant) []string { return c.WeakAliases },
		set: func(c *election.Contestant, v []string) { c.WeakAliases = v }},
	{Key: "slogans", Label: "elections.field_slogans", Help: "elections.help_slogans", Max: 200,
		get: func(c *election.Contestant) []string { return c.Slogans },
		set: func(c *election.Contestant, v []string) { c.Slogans = v }},
	{Key: "hashtags", Label: "elections.field_hashtags", Help: "elections.help_hashtags", Max: 100,
		get: func(c *election.Contestant) []string { return c.Hashtags },
		set: func(c *election.Contestant, v []string) { c.Hashtags = v }},
	{Key: "gestures", Label: "elections.field_gestures", Help: "elections.help_gestures", Max: 60,
		get: func(c *election.Contestant) []string { return c.Gestures },
		set: func(c *election.Contestant, v []string) { c.Gestures = v }},
}

// termFieldByKey returns the editable field named key.
func termFieldByKey(key string) (termField, bool) {
	for _, f := range termFields {
		if f.Key == key {
			return f, true
		}
	}
	return termField{}, false
}

// splitTerms splits a textarea into its non-blank lines.
func splitTerms(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

// cleanTerm trims a term and collapses its inner white space; a hashtag
// gets exactly one leading '#'.
func cleanTerm(field, s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if field == "hashtags" {
		s = "#" + strings.TrimLeft(s, "#＃ ")
	}
	return s
}

// termKey is the form two terms are compared in: lower case, without a
// leading '#'.
func termKey(s string) string { return strings.ToLower(strings.TrimLeft(s, "#")) }

// termCounts counts the letters and digits of s, whether all of them are
// digits, and whether s has a symbol (emoji).
func termCounts(s string) (alnum int, digitsOnly, symbol bool) {
	digitsOnly = true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			alnum++
			digitsOnly = false
		case unicode.IsDigit(r):
			alnum++
		case unicode.IsSymbol(r):
			symbol = true
		}
	}
	return alnum, digitsOnly && alnum > 0, symbol
}

// isAcronymTerm reports a single word in capitals (digits allowed) with at
// least three letters, such as "AMIN" or "HERA01": the screener treats it
// as a name of its own.
func isAcronymTerm(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 3
}

// commonWord reports whether a single word is too common to be a strong
// alias: a common given name or surname, a title, or an everyday word.
func commonWord(w string) bool {
	if isAcronymTerm(w) {
		return false
	}
	lw := strings.ToLower(w)
	return election.DefaultNamer().IsCommon(w) || normalize.DefaultLexicon().Known(lw)
}

// termProblem says what is wrong with one term (or a field): an i18n key and
// its arguments after the field's name.
type termProblem struct {
	Field string // termField key, or "field" for the field choice itself
	Key   string // i18n key; its first verb is the field name
	Args  []any
	Other string // another field the message names last (termField key)
}

// fieldLabel names a field in the user's language.
func fieldLabel(l i18n.Localizer, key string) string {
	if f, ok := termFieldByKey(key); ok {
		return l.T(f.Label)
	}
	return l.T("elections.add_field")
}

// message renders the problem in the user's language, naming the field.
func (p termProblem) message(l i18n.Localizer) string {
	args := append([]any{fieldLabel(l, p.Field)}, p.Args...)
	if p.Other != "" {
		args = append(args, fieldLabel(l, p.Other))
	}
	return l.T(p.Key, args...)
}

// checkTerm checks a new term of a field; it returns the problem's key and
// arguments, or "".
func checkTerm(f termField, term string) (string, []any) {
	if !utf8.ValidString(term) {
		return "elections.err_encoding", []any{term}
	}
	for _, r := range term {
		if unicode.IsControl(r) {
			return "elections.err_control", []any{term}
		}
	}
	if n := utf8.RuneCountInString(term); n > f.Max {
		return "elections.err_too_long", []any{term, n, f.Max}
	}
	body := term
	if f.Key == "hashtags" {
		body = strings.TrimPrefix(term, "#")
		if body == "" {
			return "elections.err_empty_hashtag", nil
		}
		for _, r := range body {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
				return "elections.err_hashtag_chars", []any{term}
			}
		}
	}
	alnum, digitsOnly, symbol := termCounts(body)
	if alnum == 0 && !(f.Key == "gestures" && symbol) {
		return "elections.err_no_letters", []any{term}
	}
	if f.Key == "gestures" && symbol {
		return "", nil // an emoji such as ✌️ is a gesture of its own
	}
	if digitsOnly && alnum <= maxShortNumber {
		return "elections.err_short_number", []any{term}
	}
	if alnum < minTermChars {
		return "elections.err_too_short", []any{term, minTermChars}
	}
	if f.Key == "aliases" && !strings.Contains(strings.TrimSpace(body), " ") && commonWord(body) {
		return "elections.err_common_alias", []any{term}
	}
	return "", nil
}

// checkContestantTerms validates the fields of a contestant sent in a form
// (a field not sent keeps its terms) and returns the new lists by field
// key. Only terms not already in the definition are checked against the
// rules; duplicates are refused wherever they come from.
func checkContestantTerms(ct *election.Contestant, sent map[string][]string) (map[string][]string, []termProblem) {
	lists := map[string][]string{}
	isNew := map[string]map[string]bool{} // field → term key → new
	var problems []termProblem
	for _, f := range termFields {
		old := f.get(ct)
		vals, ok := sent[f.Key]
		if !ok {
			lists[f.Key] = old
			continue
		}
		// had maps the cleaned form of a term already in the definition to
		// the term as stored, which is kept as it is (so that sending the
		// lists back unchanged changes nothing).
		had := map[string]string{}
		for _, t := range old {
			had[cleanTerm(f.Key, t)] = t
		}
		lines := splitTerms(strings.Join(vals, "\n"))
		if len(lines) > maxTermsPerField {
			problems = append(problems, termProblem{Field: f.Key, Key: "elections.err_too_many", Args: []any{len(lines), maxTermsPerField}})
			continue
		}
		type seenTerm struct {
			text  string
			isNew bool
		}
		seen := map[string]seenTerm{}
		isNew[f.Key] = map[string]bool{}
		var out []string
		for _, line := range lines {
			t := cleanTerm(f.Key, line)
			stored, known := had[t]
			if known {
				t = stored
			} else {
				if key, args := checkTerm(f, t); key != "" {
					problems = append(problems, termProblem{Field: f.Key, Key: key, Args: args})
					continue
				}
				isNew[f.Key][termKey(t)] = true
			}
			if prev, dup := seen[termKey(t)]; dup && (!known || prev.isNew) {
				problems = append(problems, termProblem{Field: f.Key, Key: "elections.err_duplicate", Args: []any{t, prev.text}})
				continue
			} else if !dup {
				seen[termKey(t)] = seenTerm{t, !known}
			}
			out = append(out, t) // two terms of the definition that repeat each other are left alone
		}
		lists[f.Key] = out
	}
	// A new name form may not be both an alias and a weak alias, nor repeat
	// one of the candidates' names.
	names := map[string]bool{}
	for _, n := range ct.Names {
		names[termKey(n)] = true
	}
	for _, pair := range [][2]string{{"aliases", "weak_aliases"}, {"weak_aliases", "aliases"}} {
		field, other := pair[0], pair[1]
		inOther := map[string]bool{}
		for _, t := range lists[other] {
			inOther[termKey(t)] = true
		}
		for _, t := range lists[field] {
			k := termKey(t)
			if !isNew[field][k] {
				continue
			}
			switch {
			case names[k]:
				problems = append(problems, termProblem{Field: field, Key: "elections.err_is_name", Args: []any{t}})
			case inOther[k]:
				problems = append(problems, termProblem{Field: field, Key: "elections.err_in_other_field", Args: []any{t}, Other: other})
			}
		}
	}
	return lists, problems
}

// termWarnings lists the terms of uploaded elections that the editor would
// refuse (as "election/contestant: problem"), for the upload report: the
// file is still activated, as with `netral elections import`.
func termWarnings(l i18n.Localizer, es []*election.Election, known map[string]bool) []string {
	var out []string
	for _, e := range es {
		for _, ct := range e.Contestants {
			for _, f := range termFields {
				for _, t := range f.get(ct) {
					t = cleanTerm(f.Key, t)
					if known[e.ID+"/"+ct.ID+"\x00"+f.Key+"\x00"+t] {
						continue
					}
					if key, args := checkTerm(f, t); key != "" {
						p := termProblem{Field: f.Key, Key: key, Args: args}
						out = append(out, e.ID+"/"+ct.ID+": "+p.message(l))
					}
				}
			}
		}
	}
	return out
}

// knownTerms indexes the terms of elections by "election/contestant, field, term".
func knownTerms(es []*election.Election) map[string]bool {
	m := map[string]bool{}
	for _, e := range es {
		for _, ct := range e.Contestants {
			for _, f := range termFields {
				for _, t := range f.get(ct) {
					m[e.ID+"/"+ct.ID+"\x00"+f.Key+"\x00"+cleanTerm(f.Key, t)] = true
				}
			}
		}
	}
	return m
}
