package feeds

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PlatformMastodon is the platform of the records [Mastodon] produces.
const PlatformMastodon = "mastodon"

// MastodonPageSize is the most statuses one API request returns.
const MastodonPageSize = 40

// maxPages bounds the requests of one [Mastodon.Statuses] call.
const maxPages = 50

// Mastodon reads accounts and statuses through the public, unauthenticated
// REST API of a Mastodon-compatible server (Mastodon, GoToSocial, Akkoma,
// Pleroma...). The zero Client means a client with a 60 s timeout. A
// Mastodon is safe for concurrent use.
type Mastodon struct {
	// Client sends the requests; nil for a default client.
	Client *http.Client
	// BaseURL is the server's address, e.g. "https://mastodon.social".
	BaseURL string
	// MaxBytes bounds one response; DefaultMaxBytes when zero or less.
	MaxBytes int64
}

// Account is a Mastodon account as the lookup API returns it.
type Account struct {
	// ID is the account's id on Server (not portable to other servers).
	ID string `json:"id"`
	// Acct is "user" for an account of Server, "user@domain" otherwise.
	Acct string `json:"acct"`
	// URL is the account's profile page.
	URL string `json:"url,omitempty"`
	// DisplayName is the name the account shows.
	DisplayName string `json:"display_name,omitempty"`
	// Note is the bio, as plain text.
	Note string `json:"note,omitempty"`
	// Fields are the profile's name/value pairs, as plain text.
	Fields []Field `json:"fields,omitempty"`
	// Server is the host name of the server the account was read from.
	Server string `json:"server,omitempty"`
}

// Field is one name/value pair of a profile's metadata.
type Field struct {
	// Name is the label, e.g. "Website".
	Name string `json:"name"`
	// Value is the content, as plain text.
	Value string `json:"value"`
}

// Handle is the account's address with a leading "@", qualified with
// Server when Acct has no domain: "@budi@example.social".
func (a Account) Handle() string {
	return handle(a.Acct, a.Server)
}

func handle(acct, server string) string {
	acct = strings.TrimPrefix(strings.TrimSpace(acct), "@")
	if acct == "" {
		return ""
	}
	if !strings.Contains(acct, "@") && server != "" {
		acct += "@" + server
	}
	return "@" + acct
}

// LookupAccount finds an account by its address ("budi", "budi@host" or
// "@budi@host") with GET /api/v1/accounts/lookup. An unknown account is
// [ErrNotFound].
func (m *Mastodon) LookupAccount(ctx context.Context, acct string) (Account, error) {
	acct = strings.TrimPrefix(strings.TrimSpace(acct), "@")
	if acct == "" {
		return Account{}, errors.New("feeds: empty account address")
	}
	base, host, err := m.base()
	if err != nil {
		return Account{}, err
	}
	u := base.JoinPath("api/v1/accounts/lookup")
	u.RawQuery = url.Values{"acct": {acct}}.Encode()
	var a mastoAccount
	if _, err := m.get(ctx, u, &a); err != nil {
		return Account{}, err
	}
	if a.ID == "" {
		return Account{}, fmt.Errorf("feeds: GET %s: account without id", u.Redacted())
	}
	return a.account(host), nil
}

// Statuses reads an account's statuses with GET
// /api/v1/accounts/:id/statuses (replies and reblogs included) and maps
// each to a [Record]: a reblog is a "share" by the reblogger whose
// context_text is the reblogged status; a reply to another account is a
// "comment" (its context is left empty: the API gives only the id of the
// status replied to); everything else, a reply to oneself (a thread)
// included, is a "post". The text is the content warning, the content and a
// poll's options; media descriptions are the captions; a quoted status, or
// else a link preview card, is the context.
//
// With an empty sinceID it reads the newest limit statuses, following the
// Link header's "next" pages. With a sinceID it reads, oldest first, the
// statuses after it (min_id and since_id), so that a caller polling with the
// returned newestID never skips a status even when more than limit arrived
// between two polls. limit is the total wanted (MastodonPageSize when zero or
// less); at most MastodonPageSize are asked per request. Pagination also
// stops when X-RateLimit-Remaining reaches 0.
//
// Records come newest first. newestID is the id of the newest status read,
// or sinceID when there was none: pass it as sinceID next time. When a
// request fails after some pages were read, those records and their
// newestID are returned with the error; they are complete and may be
// stored. A 404 is [ErrNotFound], a 429 a [*RateLimitError].
func (m *Mastodon) Statuses(ctx context.Context, accountID, sinceID string, limit int) ([]Record, string, error) {
	if !validID(accountID) {
		return nil, sinceID, fmt.Errorf("feeds: invalid account id %q", accountID)
	}
	if sinceID != "" && !validID(sinceID) {
		return nil, sinceID, fmt.Errorf("feeds: invalid status id %q", sinceID)
	}
	base, host, err := m.base()
	if err != nil {
		return nil, sinceID, err
	}
	if limit <= 0 {
		limit = MastodonPageSize
	}
	endpoint := base.JoinPath("api/v1/accounts", accountID, "statuses")

	forward := sinceID != ""
	newest := sinceID
	cursor := sinceID // forward: min_id; backward: max_id
	var pages [][]Record
	seen := make(map[string]bool)
	total := 0
	assemble := func() []Record {
		out := make([]Record, 0, total)
		if forward {
			for i := len(pages) - 1; i >= 0; i-- {
				out = append(out, pages[i]...)
			}
		} else {
			for _, p := range pages {
				out = append(out, p...)
			}
		}
		return out
	}

	for page := 0; page < maxPages && total < limit; page++ {
		want := min(limit-total, MastodonPageSize)
		q := url.Values{"limit": {strconv.Itoa(want)}, "exclude_replies": {"false"}}
		switch {
		case forward:
			q.Set("since_id", cursor)
			q.Set("min_id", cursor)
		case cursor != "":
			q.Set("max_id", cursor)
		}
		u := *endpoint
		u.RawQuery = q.Encode()
		var statuses []*mastoStatus
		h, err := m.get(ctx, &u, &statuses)
		if err != nil {
			return assemble(), newest, err
		}
		var recs []Record
		for _, s := range statuses {
			if s == nil || s.ID == "" || seen[string(s.ID)] {
				continue
			}
			seen[string(s.ID)] = true
			recs = append(recs, statusRecord(host, s))
		}
		if len(recs) == 0 {
			break
		}
		newestOnPage, oldestOnPage, ascending := pageEnds(statuses)
		if ascending {
			slices.Reverse(recs)
		}
		pages = append(pages, recs)
		total += len(recs)

		next, prev := linkCursors(h.Get("Link"))
		if forward {
			// Mastodon's "prev" link starts after the page's newest status.
			if prev != "" && seen[prev] {
				cursor = prev
			} else {
				cursor = newestOnPage
			}
			newest = cursor
			if len(statuses) < want {
				break // caught up
			}
		} else {
			if page == 0 {
				newest = newestOnPage
				if prev != "" && seen[prev] {
					newest = prev
				}
			}
			if next == "" && len(statuses) < want {
				break
			}
			if next != "" {
				cursor = next
			} else {
				cursor = oldestOnPage
			}
		}
		if h.Get("X-RateLimit-Remaining") == "0" {
			break
		}
	}
	return assemble(), newest, nil
}

// ProfileRecord turns an account's profile into a record of kind "profile"
// (a bio counts as activity): the text is the display name, the bio and the
// profile fields ("Name: value", one a line), separated by blank lines. The
// id, "mastodon:<server>:profile:<account id>:<hash>", changes with the
// text, so that storing records by id keeps every version of a profile.
// CreatedAt is empty: the API does not tell when a profile was written.
func ProfileRecord(a Account) Record {
	var parts []string
	for _, s := range []string{a.DisplayName, a.Note} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	var fields []string
	for _, f := range a.Fields {
		name, value := strings.TrimSpace(f.Name), strings.TrimSpace(f.Value)
		switch {
		case name != "" && value != "":
			fields = append(fields, name+": "+value)
		case name+value != "":
			fields = append(fields, name+value)
		}
	}
	if len(fields) > 0 {
		parts = append(parts, strings.Join(fields, "\n"))
	}
	text := strings.Join(parts, "\n\n")
	sum := sha256.Sum256([]byte(text))
	return Record{
		ID:       "mastodon:" + a.Server + ":profile:" + a.ID + ":" + hex.EncodeToString(sum[:6]),
		Platform: PlatformMastodon,
		Kind:     KindProfile,
		Author:   a.Handle(),
		URL:      a.URL,
		Text:     text,
	}
}

// base parses BaseURL and returns it with its lower-case host name.
func (m *Mastodon) base() (*url.URL, string, error) {
	u, err := url.Parse(strings.TrimSpace(m.BaseURL))
	if err != nil {
		return nil, "", fmt.Errorf("feeds: Mastodon base URL: %w", err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" {
		return nil, "", fmt.Errorf("feeds: Mastodon base URL %q is not an http(s) URL", m.BaseURL)
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u, strings.ToLower(u.Hostname()), nil
}

// get sends one API request and decodes its JSON body into v.
func (m *Mastodon) get(ctx context.Context, u *url.URL, v any) (http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := clientOrDefault(m.Client).Do(req)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	defer drainClose(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, statusError(resp, u.String(), time.Now())
	}
	max := m.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := readLimited(resp.Body, max)
	if err != nil {
		return nil, fmt.Errorf("feeds: reading %s: %w", u.Redacted(), err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return nil, fmt.Errorf("feeds: decoding %s: %w", u.Redacted(), err)
	}
	return resp.Header, nil
}

// validID accepts the ids of Mastodon (digits), Pleroma and Akkoma
// (base62 flakes) and GoToSocial (ULIDs), and nothing that could change a
// URL's path.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// linkCursors reads max_id of the rel="next" link and min_id of the
// rel="prev" link of a Link header. Only these query values are used: the
// links' hosts are never followed.
func linkCursors(header string) (next, prev string) {
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if !strings.HasPrefix(part, "<") {
			continue
		}
		end := strings.Index(part, ">")
		if end < 0 {
			continue
		}
		target, params := part[1:end], part[end+1:]
		rel := ""
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "rel") {
				rel = strings.ToLower(strings.Trim(strings.TrimSpace(v), `"`))
			}
		}
		u, err := url.Parse(target)
		if err != nil {
			continue
		}
		q := u.Query()
		switch rel {
		case "next":
			if id := q.Get("max_id"); validID(id) {
				next = id
			}
		case "prev", "previous":
			id := q.Get("min_id")
			if id == "" {
				id = q.Get("since_id")
			}
			if validID(id) {
				prev = id
			}
		}
	}
	return next, prev
}

// pageEnds returns the ids of the newest and the oldest status of a page.
// Servers list statuses newest first; a page whose last status is the more
// recent is taken to be in the other order.
func pageEnds(ss []*mastoStatus) (newest, oldest string, ascending bool) {
	var first, last *mastoStatus
	for _, s := range ss {
		if s != nil && s.ID != "" {
			if first == nil {
				first = s
			}
			last = s
		}
	}
	if first == nil {
		return "", "", false
	}
	tf, err1 := time.Parse(time.RFC3339Nano, first.CreatedAt)
	tl, err2 := time.Parse(time.RFC3339Nano, last.CreatedAt)
	if err1 == nil && err2 == nil && tl.After(tf) {
		return string(last.ID), string(first.ID), true
	}
	return string(first.ID), string(last.ID), false
}

// mastoID is an id that servers send as a JSON string (the norm) or number.
type mastoID string

func (id *mastoID) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*id = ""
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*id = mastoID(v)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*id = mastoID(n.String())
	}
	return nil
}

type mastoAccount struct {
	ID          mastoID `json:"id"`
	Acct        string  `json:"acct"`
	URL         string  `json:"url"`
	DisplayName string  `json:"display_name"`
	Note        string  `json:"note"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
}

func (a *mastoAccount) account(server string) Account {
	out := Account{
		ID:          string(a.ID),
		Acct:        strings.TrimPrefix(strings.TrimSpace(a.Acct), "@"),
		URL:         a.URL,
		DisplayName: collapse(a.DisplayName),
		Note:        PlainText(a.Note),
		Server:      server,
	}
	for _, f := range a.Fields {
		if n, v := PlainText(f.Name), PlainText(f.Value); n != "" || v != "" {
			out.Fields = append(out.Fields, Field{Name: n, Value: v})
		}
	}
	return out
}

type mastoStatus struct {
	ID                 mastoID      `json:"id"`
	CreatedAt          string       `json:"created_at"`
	InReplyToID        mastoID      `json:"in_reply_to_id"`
	InReplyToAccountID mastoID      `json:"in_reply_to_account_id"`
	SpoilerText        string       `json:"spoiler_text"`
	URL                string       `json:"url"`
	URI                string       `json:"uri"`
	Content            string       `json:"content"`
	Account            mastoAccount `json:"account"`
	Reblog             *mastoStatus `json:"reblog"`
	MediaAttachments   []struct {
		Description string `json:"description"`
	} `json:"media_attachments"`
	Poll *struct {
		Options []struct {
			Title string `json:"title"`
		} `json:"options"`
	} `json:"poll"`
	Card *struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"card"`
	// Quote is Mastodon 4.4+'s {"state": ..., "quoted_status": {...}}; kept
	// raw because other servers use the name differently.
	Quote json.RawMessage `json:"quote"`
}

// quoted returns the status quoted by s, if any, in Mastodon's format.
func (s *mastoStatus) quoted() *mastoStatus {
	if len(s.Quote) == 0 || s.Quote[0] != '{' {
		return nil
	}
	var q struct {
		State        string       `json:"state"`
		QuotedStatus *mastoStatus `json:"quoted_status"`
	}
	if json.Unmarshal(s.Quote, &q) != nil || q.QuotedStatus == nil {
		return nil
	}
	if q.State != "" && q.State != "accepted" {
		return nil
	}
	return q.QuotedStatus
}

// statusRecord maps one status of the server host.
func statusRecord(host string, s *mastoStatus) Record {
	rec := Record{
		ID:       "mastodon:" + host + ":" + string(s.ID),
		Platform: PlatformMastodon,
		Kind:     KindPost,
		Author:   handle(s.Account.Acct, host),
		URL:      firstNonEmpty(s.URL, s.URI),
	}
	if t, err := time.Parse(time.RFC3339Nano, s.CreatedAt); err == nil {
		rec.CreatedAt = t.Format(time.RFC3339)
	}
	if r := s.Reblog; r != nil {
		rec.Kind = KindShare
		rec.ContextText, rec.MediaCaptions = statusText(r)
		rec.URL = firstNonEmpty(s.URL, r.URL, s.URI, r.URI)
		return rec
	}
	if s.InReplyToID != "" && s.InReplyToAccountID != s.Account.ID {
		rec.Kind = KindComment
	}
	rec.Text, rec.MediaCaptions = statusText(s)
	if q := s.quoted(); q != nil {
		var caps []string
		rec.ContextText, caps = statusText(q)
		for _, c := range caps {
			rec.MediaCaptions = appendUnique(rec.MediaCaptions, c)
		}
	} else if c := s.Card; c != nil {
		rec.ContextText = joinNonEmpty("\n", collapse(c.Title), PlainText(c.Description))
	}
	return rec
}

// statusText is a status's content warning, content and poll options as
// plain text, and its media descriptions and inline image alt texts.
func statusText(s *mastoStatus) (string, []string) {
	content, caps := htmlText(s.Content, true)
	var poll []string
	if s.Poll != nil {
		for _, o := range s.Poll.Options {
			if t := collapse(o.Title); t != "" {
				poll = append(poll, "- "+t)
			}
		}
	}
	text := joinNonEmpty("\n\n", collapse(s.SpoilerText), content, strings.Join(poll, "\n"))
	var out []string
	for _, m := range s.MediaAttachments {
		if d := collapse(m.Description); d != "" {
			out = appendUnique(out, d)
		}
	}
	for _, c := range caps {
		out = appendUnique(out, c)
	}
	return text, out
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
