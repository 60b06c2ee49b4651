package feeds

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// DefaultFeedPlatform is the platform of feed records when
// [FeedOptions.Platform] is empty.
const DefaultFeedPlatform = "rss"

// FeedOptions tells [FetchFeed] whose feed it reads and what it has seen.
type FeedOptions struct {
	// Platform goes into every record ("x", "facebook", "youtube"...);
	// DefaultFeedPlatform when empty.
	Platform string
	// Author goes into every record (the registered account, e.g. "@budi");
	// when empty, the item's or else the feed's author name is used.
	Author string
	// Since skips items published before it; zero keeps all. Items without
	// a date are always kept.
	Since time.Time
	// ETag and LastModified are the validators of the previous fetch
	// ([FeedResult.ETag], [FeedResult.LastModified]); when set, the request
	// is conditional and an unchanged feed costs a 304.
	ETag         string
	LastModified string
	// MaxItems keeps only the newest MaxItems records; zero or less keeps all.
	MaxItems int
	// MaxBytes bounds the feed's size; DefaultMaxBytes when zero or less.
	MaxBytes int64
}

// FeedResult is what [FetchFeed] read.
type FeedResult struct {
	// Records are the feed's items, newest first; undated items come last,
	// in feed order.
	Records []Record
	// ETag and LastModified are the validators to send next time: the
	// response's, or on 304 the ones sent when the response gave none.
	ETag         string
	LastModified string
	// NotModified is true when the server answered 304: Records is empty.
	NotModified bool
	// Title is the feed's title.
	Title string
}

// FetchFeed downloads an RSS, Atom (or JSON Feed) document and maps each
// item to a [Record]:
//
//   - id: the item's guid (Atom id), else its link, else a hash of its content;
//   - kind: "share" when the item is a bridge's repost marker ("RT @x: ...",
//     "RT by @x: ...", "Shared: ...", "Reposted: ..."), with the shared
//     content in context_text and an empty text; "post" otherwise;
//   - text: the item's content, else its description, as plain text, after
//     its title when the title is not just the start of the text;
//   - url: the item's link; created_at: its publication (else update) time;
//   - media_captions: media:description and media:text (Media RSS), titles of
//     Atom enclosure links, and alt texts of images in the content.
//
// The request is conditional when opts carries validators; a 304 returns a
// result with NotModified set. A 404 or 410 is [ErrNotFound], a 429 a
// [*RateLimitError], any other non-2xx status an [*HTTPError]. A nil client
// uses one with a 60 s timeout.
func FetchFeed(ctx context.Context, client *http.Client, feedURL string, opts FeedOptions) (FeedResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return FeedResult{}, fmt.Errorf("feeds: %w", err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
	if opts.ETag != "" {
		req.Header.Set("If-None-Match", opts.ETag)
	}
	if opts.LastModified != "" {
		req.Header.Set("If-Modified-Since", opts.LastModified)
	}
	resp, err := clientOrDefault(client).Do(req)
	if err != nil {
		return FeedResult{}, fmt.Errorf("feeds: %w", err)
	}
	defer drainClose(resp.Body)

	res := FeedResult{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		if res.ETag == "" {
			res.ETag = opts.ETag
		}
		if res.LastModified == "" {
			res.LastModified = opts.LastModified
		}
		res.NotModified = true
		return res, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return FeedResult{}, statusError(resp, feedURL, time.Now())
	}
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := readLimited(resp.Body, max)
	if err != nil {
		return FeedResult{}, fmt.Errorf("feeds: reading %s: %w", redact(feedURL), err)
	}
	feed, err := ParseFeed(body, opts)
	if err != nil {
		return FeedResult{}, fmt.Errorf("feeds: parsing %s: %w", redact(feedURL), err)
	}
	res.Records, res.Title = feed.Records, feed.Title
	return res, nil
}

// ParseFeed maps an RSS, Atom or JSON Feed document to records as
// [FetchFeed] does, for feeds obtained some other way. Only Platform,
// Author, Since and MaxItems of opts are used; the result's validators are
// empty.
func ParseFeed(doc []byte, opts FeedOptions) (FeedResult, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	feed, err := p.Parse(bytes.NewReader(doc))
	if err != nil {
		return FeedResult{}, err
	}
	platform := opts.Platform
	if platform == "" {
		platform = DefaultFeedPlatform
	}
	var entries []*atom.Entry
	var rssItems []*rss.Item
	switch orig := feed.OriginalFeed().(type) {
	case *atom.Feed:
		if len(orig.Entries) == len(feed.Items) {
			entries = orig.Entries
		}
	case *rss.Feed:
		if len(orig.Items) == len(feed.Items) {
			rssItems = orig.Items
		}
	}
	feedAuthor := personName(feed.Authors)

	type dated struct {
		rec Record
		t   time.Time
	}
	var items []dated
	seen := make(map[string]bool)
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		var entry *atom.Entry
		var rssItem *rss.Item
		if entries != nil {
			entry = entries[i]
		}
		if rssItems != nil {
			rssItem = rssItems[i]
		}
		t := itemTime(it)
		if !opts.Since.IsZero() && !t.IsZero() && t.Before(opts.Since) {
			continue
		}
		rec := mapItem(it, entry, rssItem, platform)
		if seen[rec.ID] {
			continue // a feed listing an item twice
		}
		seen[rec.ID] = true
		switch {
		case opts.Author != "":
			rec.Author = opts.Author
		case rec.Author == "":
			rec.Author = feedAuthor
		}
		items = append(items, dated{rec, t})
	}
	sort.SliceStable(items, func(i, j int) bool {
		ti, tj := items[i].t, items[j].t
		if ti.IsZero() || tj.IsZero() {
			return !ti.IsZero() && tj.IsZero()
		}
		return ti.After(tj)
	})
	if opts.MaxItems > 0 && len(items) > opts.MaxItems {
		items = items[:opts.MaxItems]
	}
	res := FeedResult{Title: collapse(feed.Title), Records: make([]Record, 0, len(items))}
	for _, d := range items {
		res.Records = append(res.Records, d.rec)
	}
	return res, nil
}

func itemTime(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return *it.PublishedParsed
	case it.UpdatedParsed != nil:
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// withOffset returns t in the zone its source text was written in: the
// parser gives UTC, while records keep the author's offset (+07:00 for WIB).
func withOffset(t time.Time, raw ...string) time.Time {
	layouts := []string{time.RFC1123Z, time.RFC3339Nano, "Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 -0700", time.RFC1123}
	for _, r := range raw {
		r = strings.TrimSpace(r)
		for _, layout := range layouts {
			if p, err := time.Parse(layout, r); err == nil && p.Equal(t) {
				return p
			}
		}
	}
	return t
}

// itemAuthor is the item's author name, else its dc:creator as written
// (often a handle such as "@budi"), else its author's e-mail address.
func itemAuthor(it *gofeed.Item) string {
	if n := personName(it.Authors); n != "" {
		return n
	}
	if dc := it.DublinCoreExt; dc != nil {
		for _, c := range dc.Creator {
			if c = collapse(c); c != "" {
				return c
			}
		}
	}
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Email) != "" {
			return collapse(p.Email)
		}
	}
	return ""
}

func personName(ps []*gofeed.Person) string {
	for _, p := range ps {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return collapse(p.Name)
		}
	}
	return ""
}

// mapItem turns one feed item into a record; entry or rssItem is the Atom
// entry or RSS item it came from, when known.
func mapItem(it *gofeed.Item, entry *atom.Entry, rssItem *rss.Item, platform string) Record {
	rec := Record{Platform: platform, Kind: KindPost, URL: strings.TrimSpace(it.Link), Author: itemAuthor(it)}
	if rec.URL == "" && rssItem != nil && rssItem.GUID != nil && !strings.EqualFold(strings.TrimSpace(rssItem.GUID.IsPermalink), "false") {
		// An RSS guid is a permalink unless it says otherwise.
		if g := strings.TrimSpace(rssItem.GUID.Value); strings.HasPrefix(g, "https://") || strings.HasPrefix(g, "http://") {
			rec.URL = g
		}
	}
	if t := itemTime(it); !t.IsZero() {
		rec.CreatedAt = withOffset(t, it.Published, it.Updated).Format(time.RFC3339)
	}

	// The body: content, else description. Atom content of type text (or no
	// type) is already plain text; everything else is HTML.
	var body string
	var alts []string
	switch {
	case strings.TrimSpace(it.Content) != "" && entry != nil && entry.Content != nil && isAtomText(entry.Content.Type):
		body = collapse(it.Content)
	case strings.TrimSpace(it.Content) != "":
		body, alts = htmlText(it.Content, true)
	default:
		body, alts = htmlText(it.Description, true)
	}
	if body == "" && strings.TrimSpace(it.Content) != "" && it.Description != "" {
		var more []string
		body, more = htmlText(it.Description, true)
		for _, a := range more {
			alts = appendUnique(alts, a)
		}
	}
	title := PlainText(it.Title)

	if marked, by, ok := shareMarker(body); ok {
		rec.Kind, rec.ContextText = KindShare, marked
		if by != "" {
			rec.Author = by
		}
	} else if marked, by, ok := shareMarker(title); ok {
		rec.Kind, rec.ContextText = KindShare, marked
		if body != "" {
			rec.ContextText = body
		}
		if by != "" {
			rec.Author = by
		}
	} else {
		rec.Text = withTitle(title, body)
	}

	rec.MediaCaptions = mediaCaptions(it, entry, alts)
	rec.ID = itemID(it, rec)
	return rec
}

func isAtomText(typ string) bool {
	t := strings.ToLower(strings.TrimSpace(typ))
	return t == "" || t == "text" || t == "text/plain"
}

// withTitle puts the title before the body unless the body already starts
// with it: bridges for microblogs use the (often truncated) text of the post
// as the title.
func withTitle(title, body string) string {
	if title == "" {
		return body
	}
	if body == "" {
		return title
	}
	t := strings.TrimRight(title, " .…")
	if strings.HasPrefix(strings.Join(strings.Fields(body), " "), strings.Join(strings.Fields(t), " ")) {
		return body
	}
	return title + "\n\n" + body
}

// shareMarker recognises the repost markers feed bridges put before shared
// content and returns the shared content and, for "RT by @me: text"
// (Nitter), the reposter's handle (the item's author there is the original
// one). "RT @orig: text" keeps "@orig: text": the original author is part of
// the context. "Shared: text" and the like keep "text".
func shareMarker(s string) (context, by string, ok bool) {
	switch {
	case hasPrefixFold(s, "rt by @") && handleAt(s, len("rt by @")):
		rest := s[len("rt by "):]
		end := len("@")
		for end < len(rest) && handleAt(rest, end) || end < len(rest) && strings.IndexByte(".@-", rest[end]) >= 0 {
			end++
		}
		by = strings.TrimRight(rest[:end], ".-")
		context = strings.TrimSpace(strings.TrimLeft(rest[len(by):], ":.,;- "))
		return context, by, true
	case hasPrefixFold(s, "rt @") && handleAt(s, len("rt @")):
		return strings.TrimSpace(s[len("rt "):]), "", true
	}
	// Not "RT:" alone: in Indonesian text RT is also the Rukun Tetangga.
	for _, p := range []string{"shared:", "shared post:", "reposted:", "repost:", "reblogged:", "boosted:", "retweeted:"} {
		if hasPrefixFold(s, p) {
			return strings.TrimSpace(s[len(p):]), "", true
		}
	}
	return "", "", false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// handleAt reports whether s[i] starts an account handle (a letter, digit
// or underscore), so that "RT @ 05" (a Rukun Tetangga) is no repost.
func handleAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mediaCaptions gathers Media RSS descriptions and texts (on the item, in
// media:content and in media:group), titles of Atom enclosure links and the
// alt texts found in the content.
func mediaCaptions(it *gofeed.Item, entry *atom.Entry, alts []string) []string {
	var out []string
	add := func(s string) {
		if s = PlainText(s); s != "" {
			out = appendUnique(out, s)
		}
	}
	var walk func(es map[string][]ext.Extension, depth int)
	walk = func(es map[string][]ext.Extension, depth int) {
		if depth > 4 {
			return
		}
		for _, name := range []string{"description", "text"} {
			for _, e := range es[name] {
				add(e.Value)
			}
		}
		for _, name := range []string{"content", "group"} {
			for _, e := range es[name] {
				walk(e.Children, depth+1)
			}
		}
	}
	walk(it.Extensions["media"], 0)
	if entry != nil {
		for _, l := range entry.Links {
			if l != nil && l.Rel == "enclosure" {
				add(l.Title)
			}
		}
	}
	for _, a := range alts {
		add(a)
	}
	return out
}

// itemID is the item's guid, else its link, else a hash of what the record
// holds (stable as long as the item does not change).
func itemID(it *gofeed.Item, rec Record) string {
	if g := strings.TrimSpace(it.GUID); g != "" {
		return g
	}
	if rec.URL != "" {
		return rec.URL
	}
	h := sha256.New()
	for _, s := range []string{rec.CreatedAt, PlainText(it.Title), rec.Text, rec.ContextText} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:32]
}
