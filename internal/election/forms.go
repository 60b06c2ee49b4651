package election

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed refdata/common_names.txt
var commonNamesTxt string

// Namer derives the name forms people write from official names. It knows
// a list of given names and surnames too common to be evidence on their
// own ("Muhammad", "Budi", "Siti", "Nasution"); forms made only of such a
// word are reported as weak.
type Namer struct {
	common map[string]bool
}

// NewNamer returns a Namer that treats the given words (any case) as
// common, in addition to the built-in generic openers and prefixes.
func NewNamer(common []string) *Namer {
	m := make(map[string]bool, len(common))
	for _, w := range common {
		if w = key(strings.TrimSpace(w)); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return &Namer{common: m}
}

var (
	defaultNamerOnce sync.Once
	defaultNamer     *Namer
)

// DefaultNamer returns the Namer built on the embedded list of common
// names (refdata/common_names.txt, generated from the Pilkada 2024
// candidate list, a curated list of common Indonesian names, and
// dictionary words found in candidates' names).
func DefaultNamer() *Namer {
	defaultNamerOnce.Do(func() {
		defaultNamer = NewNamer(strings.Split(commonNamesTxt, "\n"))
	})
	return defaultNamer
}

// IsCommon reports whether word, alone, is too common to identify anyone:
// it is on the common-name list, a generic opener ("Muhammad"), a
// hereditary prefix ("Andi"), a title, or shorter than four letters.
func (nm *Namer) IsCommon(word string) bool {
	k := key(word)
	return nm.common[k] || openers[k] || balinese[k] || singlePrefixes[k] || titles[k] || runes(k) < 4
}

// PersonForms returns the forms of one person's name besides n.Clean:
// strong forms identify the person (core name, first + last word, call
// name + last word, distinctive single words and nicknames), weak forms
// are single words that are too common (see [Namer.IsCommon]). When the
// whole name is made of common words ("Ahmad Fauzi", "Rusli"), n.Clean
// itself is listed among the weak forms (initials aside, names of three
// words or more are specific enough).
func (nm *Namer) PersonForms(n Name) (strong, weak []string) {
	put := func(s string, isWeak bool) {
		switch {
		case s == "" || strings.EqualFold(s, n.Clean):
		case isWeak:
			weak = appendUnique(weak, s)
		default:
			strong = appendUnique(strong, s)
		}
	}
	// A form of one word is weak when the word is common ("Bobby"), a form
	// of two words when both are ("Rahmat Hidayat"); longer forms are
	// specific enough.
	form := func(words ...string) { put(strings.Join(words, " "), len(words) <= 2 && nm.allCommon(words)) }
	c := n.Core
	var full []string // the clean name without initials
	for _, t := range n.Tokens {
		if !isInitial(t) {
			full = append(full, t)
		}
	}
	if len(full) <= 2 && nm.allCommon(full) {
		weak = appendUnique(weak, n.Clean)
	}
	if len(c) >= 2 {
		form(c...)
	}
	// Without generic openers: "Muhammad Bobby Afif Nasution" → "Bobby Afif Nasution".
	if i := slices.Index(c, n.Call); i > 0 && len(c)-i >= 2 {
		form(c[i:]...)
	}
	if len(c) >= 3 {
		form(c[0], c[len(c)-1])
		if n.Call != c[0] && n.Call != c[len(c)-1] {
			form(n.Call, c[len(c)-1])
		}
		if n.Call == c[0] {
			form(c[0], c[1]) // "Ridwan Kamil Siregar" → "Ridwan Kamil"
		}
	}
	form(n.Call)
	form(n.Last())
	for _, nick := range n.Nicknames {
		if strings.Contains(nick, " ") {
			put(nick, false) // a nickname of several words is always specific
		} else {
			form(nick)
		}
	}
	weak = removeFold(weak, strong)
	return strong, weak
}

func (nm *Namer) allCommon(words []string) bool {
	for _, w := range words {
		if w == "" {
			continue
		}
		if !nm.IsCommon(w) {
			return false
		}
	}
	return len(words) > 0
}

// Forms are the names, aliases and hashtags of one contestant.
type Forms struct {
	// Names are the clean full names, head of the ticket first. A name
	// that is also in WeakAliases is too common to count on its own.
	Names []string
	// Aliases are forms specific enough to count on their own.
	Aliases []string
	// WeakAliases are forms that count only next to other evidence.
	WeakAliases []string
	// Hashtags are derived hashtags ("#BustamiFadhil").
	Hashtags []string
}

// Pair derives the forms of a candidate pair from the two official names:
// both people's forms plus "Call-Call" ("Bustami-Fadhil") and, when it
// differs, "Last-Last", and the hashtag "#CallCall". An empty deputy
// yields the forms of a single candidate.
func (nm *Namer) Pair(head, deputy string) Forms {
	var f Forms
	var people []Name
	for _, o := range []string{head, deputy} {
		if strings.TrimSpace(o) == "" {
			continue
		}
		n := ParseName(o)
		if n.Clean == "" {
			continue
		}
		people = append(people, n)
		f.Names = append(f.Names, n.Clean)
	}
	for _, n := range people {
		s, w := nm.PersonForms(n)
		for _, x := range s {
			f.Aliases = appendUnique(f.Aliases, x)
		}
		for _, x := range w {
			f.WeakAliases = appendUnique(f.WeakAliases, x)
		}
	}
	if len(people) == 2 {
		a, b := people[0], people[1]
		if a.Call != "" && b.Call != "" {
			f.Aliases = appendUnique(f.Aliases, a.Call+"-"+b.Call)
			f.Hashtags = appendUnique(f.Hashtags, "#"+hashPart(a.Call)+hashPart(b.Call))
		}
		if la, lb := a.Last(), b.Last(); la != "" && lb != "" && la != lb && (la != a.Call || lb != b.Call) {
			f.Aliases = appendUnique(f.Aliases, la+"-"+lb)
		}
	}
	f.Aliases = removeFold(f.Aliases, f.Names)
	f.WeakAliases = removeFold(f.WeakAliases, f.Aliases)
	return f
}

// hashPart removes characters that cannot appear in a hashtag.
func hashPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\'' || r == '-' || r == '.' || r == ' ' {
			return -1
		}
		return r
	}, s)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// removeFold returns list without the entries in drop (case-insensitive).
func removeFold(list, drop []string) []string {
	out := list[:0]
	for _, x := range list {
		if !containsFold(drop, x) {
			out = append(out, x)
		}
	}
	return out
}
