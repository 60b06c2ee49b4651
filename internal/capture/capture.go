// Package capture fetches the page behind a URL — a suspicious social-media
// post pasted by the Tim Pengawas or carried by an imported activity record —
// safely, and keeps what a reviewer needs as evidence: the raw body with its
// SHA-256, the redirect chain, status and headers, and the title, readable
// text and OpenGraph/Twitter tags extracted from it.
//
// The package is pure: it stores nothing and schedules nothing. A [Capture]
// is meant to be stored as is and never changed; [Capture.Verify] re-hashes
// the body when it is served, and [Compare] tells a re-capture job whether a
// post is unchanged, changed or gone.
//
// The [Fetcher] refuses to connect to the server's own networks (loopback,
// private, link-local including cloud metadata services, CGNAT, …) however
// the address is reached: literally, through DNS or through a redirect.
package capture

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Defaults for zero [Options] fields.
const (
	// DefaultTimeout bounds a whole fetch.
	DefaultTimeout = 20 * time.Second
	// DefaultMaxBytes is the most body bytes kept: 10 MiB.
	DefaultMaxBytes = 10 << 20
	// DefaultMaxRedirects is how many redirects are followed.
	DefaultMaxRedirects = 5
	// DefaultUserAgent identifies Netral to the sites it fetches.
	DefaultUserAgent = "Netral-Capture/1.0 (evidence capture for a Tim Pengawas Netralitas ASN)"
)

// DefaultContentTypes returns the media types a Fetcher accepts when
// Options.AllowedContentTypes is empty: web pages, plain text, JSON
// (including ActivityPub and JSON-LD) and images.
func DefaultContentTypes() []string {
	return []string{
		"text/html",
		"application/xhtml+xml",
		"text/plain",
		"application/json",
		"application/ld+json",
		"application/activity+json",
		"image/*",
	}
}

// Options configure a [Fetcher]. The zero value is usable.
type Options struct {
	// Timeout bounds a whole fetch: DNS, connecting, every redirect and
	// reading the body. 0 means DefaultTimeout (20 s).
	Timeout time.Duration
	// MaxBytes is the most body bytes kept; a longer body is cut there
	// (Capture.Truncated, ErrTooLarge). 0 means DefaultMaxBytes (10 MiB).
	MaxBytes int64
	// MaxRedirects is how many redirects are followed. 0 means
	// DefaultMaxRedirects (5); a negative value follows none (any redirect is
	// ErrTooManyRedirects).
	MaxRedirects int
	// AllowedContentTypes lists accepted media types, exact ("text/html") or
	// by top-level type ("image/*"). Any other type is refused with
	// ErrContentType; the response's metadata is still returned. Empty means
	// DefaultContentTypes.
	AllowedContentTypes []string
	// UserAgent is sent with every request. Empty means DefaultUserAgent.
	UserAgent string
	// AllowHosts and AllowCIDRs are an allow-list that lifts the address
	// check, for tests only (an httptest server listens on 127.0.0.1).
	// AllowHosts entries are host names or IP literals as written in the
	// URL, optionally with ":port" ("first.test", "127.0.0.1:8080");
	// AllowCIDRs entries are prefixes ("127.0.0.1/32") or single addresses
	// and are matched against the address actually dialled. Leave both
	// empty in production.
	AllowHosts []string
	// AllowCIDRs: see AllowHosts.
	AllowCIDRs []string
}

// Capture is what one fetch of a URL found. It is evidence: store it as is.
type Capture struct {
	// RequestedURL is the URL asked for, normalised ("https://" added when
	// the pasted text had no scheme).
	RequestedURL string `json:"requested_url"`
	// FinalURL is the URL that answered, after redirects.
	FinalURL string `json:"final_url"`
	// Redirects lists, in order, every URL a redirect led to; the last one
	// is FinalURL. Empty when the first URL answered.
	Redirects []string `json:"redirects,omitempty"`
	// Status is the HTTP status of the final response; 0 when there was
	// none (Gone because DNS no longer knows the host).
	Status int `json:"status"`
	// ContentType is the Content-Type the server sent, or the sniffed type
	// when it sent none.
	ContentType string `json:"content_type"`
	// FetchedAt is when the response arrived, UTC, millisecond precision.
	FetchedAt time.Time `json:"fetched_at"`
	// Body is the raw body as received (after transfer decompression), at
	// most Options.MaxBytes bytes; nil when the content type was refused.
	// It comes from an untrusted site: serve it only as a download or in a
	// sandbox (Content-Security-Policy: sandbox, X-Content-Type-Options:
	// nosniff), never inline from Netral's own origin — HTML and SVG can
	// carry scripts.
	Body []byte `json:"body,omitempty"`
	// Truncated reports that the body was longer than Options.MaxBytes and
	// Body holds only its beginning.
	Truncated bool `json:"truncated,omitempty"`
	// SHA256 is the lower-case hex SHA-256 of Body as stored.
	SHA256 string `json:"sha256"`
	// Charset is the encoding the text was decoded from ("utf-8",
	// "windows-1252" …); empty when the body is not text.
	Charset string `json:"charset,omitempty"`
	// Title is the page's <title>, whitespace collapsed.
	Title string `json:"title,omitempty"`
	// Text is the readable text of the page: HTML without scripts, styles,
	// navigation and other non-content, one block per line, whitespace
	// collapsed, image alt texts kept. For text/plain and JSON it is the
	// decoded body, whitespace collapsed.
	Text string `json:"text,omitempty"`
	// OpenGraph holds the page's <meta> tags named og:*, article:*,
	// twitter:*, description and author, keyed by lower-case name; the
	// first occurrence wins. Nil when there are none.
	OpenGraph map[string]string `json:"opengraph,omitempty"`
	// Gone reports that the post is no longer there: status 404 or 410, or
	// DNS no longer knows the host.
	Gone bool `json:"gone,omitempty"`
	// Headers is a subset of the final response's headers worth keeping
	// (Content-Type, Last-Modified, ETag, Date, Server, Retry-After …).
	Headers http.Header `json:"headers,omitempty"`
}

// keptHeaders are the response headers copied into Capture.Headers.
var keptHeaders = []string{
	"Age", "Cache-Control", "Content-Disposition", "Content-Language",
	"Content-Length", "Content-Type", "Date", "Etag", "Expires",
	"Last-Modified", "Link", "Retry-After", "Server", "X-Robots-Tag",
}

// maxHeaderValue caps each kept header value.
const maxHeaderValue = 2048

// Fetcher fetches URLs into Captures. It is safe for concurrent use; make
// one and share it.
type Fetcher struct {
	opts      Options
	accept    []string // normalised AllowedContentTypes
	policy    *policy
	transport *http.Transport
	lookup    lookupFunc       // replaced in tests
	now       func() time.Time // replaced in tests
}

// New returns a Fetcher with opts, defaults filled in. It fails with
// ErrOptions on a negative Timeout or MaxBytes, a malformed content type
// or an unparsable AllowCIDRs entry.
func New(opts Options) (*Fetcher, error) {
	if opts.Timeout < 0 || opts.MaxBytes < 0 {
		return nil, &Error{Kind: ErrOptions, Detail: "Timeout and MaxBytes must not be negative"}
	}
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if len(opts.AllowedContentTypes) == 0 {
		opts.AllowedContentTypes = DefaultContentTypes()
	}
	opts.AllowedContentTypes = slices.Clone(opts.AllowedContentTypes)
	opts.AllowHosts = slices.Clone(opts.AllowHosts)
	opts.AllowCIDRs = slices.Clone(opts.AllowCIDRs)
	f := &Fetcher{opts: opts, lookup: defaultLookup, now: time.Now}
	for _, t := range opts.AllowedContentTypes {
		t = strings.ToLower(strings.TrimSpace(t))
		typ, sub, ok := strings.Cut(t, "/")
		if !ok || typ == "" || sub == "" || strings.ContainsAny(t, " ;,") {
			return nil, &Error{Kind: ErrOptions, Detail: fmt.Sprintf("AllowedContentTypes: %q is not a media type like text/html or image/*", t)}
		}
		f.accept = append(f.accept, t)
	}
	p, err := newPolicy(opts.AllowHosts, opts.AllowCIDRs)
	if err != nil {
		return nil, err
	}
	f.policy = p
	f.transport = &http.Transport{
		Proxy:                  nil, // never a proxy: the address check must see the real peer
		DialContext:            f.dialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	return f, nil
}

// Options returns the options in effect, defaults filled in.
func (f *Fetcher) Options() Options {
	o := f.opts
	o.AllowedContentTypes = slices.Clone(o.AllowedContentTypes)
	o.AllowHosts = slices.Clone(o.AllowHosts)
	o.AllowCIDRs = slices.Clone(o.AllowCIDRs)
	return o
}

// CloseIdleConnections closes connections kept open for reuse.
func (f *Fetcher) CloseIdleConnections() { f.transport.CloseIdleConnections() }

// errDeadline is the cause of Fetch's own deadline.
var errDeadline = errors.New("capture deadline")

// Fetch fetches rawURL and returns what it found.
//
// A Capture comes back whenever the server's answer was read, whatever the
// status:
// 404 and 410 set Gone and are not errors; other statuses are for the
// caller to judge from Status. Fetch returns a Capture together with an
// error in three cases, so that the fact can still be stored:
//   - ErrTooLarge: Body holds the first MaxBytes bytes, Truncated is set,
//     SHA256 and the extracted fields cover what was kept;
//   - ErrContentType: the response's metadata without a body (a Gone
//     response with a refused type is returned without error);
//   - ErrHostNotFound: Gone is set and Status is 0.
//
// Every other error (ErrInvalidURL, ErrScheme, ErrBlockedAddress,
// ErrTooManyRedirects, ErrTimeout, ErrNetwork, or context.Canceled) comes
// with a nil Capture. Errors are [*Error]s; test them with errors.Is.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Capture, error) {
	u, err := parseTarget(rawURL)
	if err != nil {
		return nil, err
	}
	reqURL := u.String()

	parent := ctx
	ctx, cancel := context.WithTimeoutCause(ctx, f.opts.Timeout, errDeadline)
	defer cancel()

	var redirects []string
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	client := &http.Client{
		Transport: f.transport,
		Jar:       jar, // per fetch: some sites set a cookie and redirect
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			target := req.URL.String()
			if err := checkScheme(req.URL); err != nil {
				err.URL = target
				return err
			}
			if len(via) > f.opts.MaxRedirects {
				return &Error{Kind: ErrTooManyRedirects, URL: target,
					Detail: fmt.Sprintf("more than %d redirects", max(f.opts.MaxRedirects, 0))}
			}
			redirects = append(redirects, target)
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, reqURL, nil)
	if err != nil {
		return nil, &Error{Kind: ErrInvalidURL, URL: reqURL, Err: err}
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,application/json;q=0.8,text/plain;q=0.8,image/*;q=0.7,*/*;q=0.5")
	req.Header.Set("Accept-Language", "id,en;q=0.8")

	resp, err := client.Do(req)
	if err != nil {
		e := f.classify(parent, ctx, reqURL, err)
		if errors.Is(e, ErrHostNotFound) {
			final := e.URL
			if final == "" {
				final = reqURL
			}
			return &Capture{
				RequestedURL: reqURL,
				FinalURL:     final,
				Redirects:    redirects,
				FetchedAt:    f.stamp(),
				SHA256:       hashHex(nil),
				Gone:         true,
			}, e
		}
		return nil, e
	}
	defer resp.Body.Close()

	c := &Capture{
		RequestedURL: reqURL,
		FinalURL:     resp.Request.URL.String(),
		Redirects:    redirects,
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		FetchedAt:    f.stamp(),
		Gone:         resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone,
		Headers:      keepHeaders(resp.Header),
		SHA256:       hashHex(nil), // until a body is kept
	}
	br := bufio.NewReaderSize(resp.Body, 512)
	if strings.TrimSpace(c.ContentType) == "" {
		head, _ := br.Peek(512) // a short or failed read shows up again below
		c.ContentType = http.DetectContentType(head)
	}
	if mt := mediaType(c.ContentType); !f.allowed(mt) {
		if c.Gone {
			return c, nil
		}
		return c, &Error{Kind: ErrContentType, URL: c.FinalURL,
			Detail: fmt.Sprintf("%s is not one of %s", orUnknown(mt), strings.Join(f.accept, ", "))}
	}

	limit := f.opts.MaxBytes
	if limit < math.MaxInt64 {
		limit++ // one byte more tells a body of exactly MaxBytes from a longer one
	}
	body, err := io.ReadAll(io.LimitReader(br, limit))
	if err != nil {
		return nil, f.classify(parent, ctx, c.FinalURL, err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		body = body[:f.opts.MaxBytes:f.opts.MaxBytes]
		c.Truncated = true
	}
	c.Body = body
	c.SHA256 = hashHex(body)
	p := Extract(body, c.ContentType)
	c.Charset, c.Title, c.Text, c.OpenGraph = p.Charset, p.Title, p.Text, p.OpenGraph
	if c.Truncated {
		return c, &Error{Kind: ErrTooLarge, URL: c.FinalURL,
			Detail: fmt.Sprintf("body longer than %d bytes; the first %d were kept", f.opts.MaxBytes, f.opts.MaxBytes)}
	}
	return c, nil
}

// stamp is FetchedAt for now: UTC, milliseconds, no monotonic reading.
func (f *Fetcher) stamp() time.Time {
	return f.now().UTC().Truncate(time.Millisecond)
}

// classify turns an error of the HTTP client into an *Error. at is the URL
// to blame when the error does not name one.
func (f *Fetcher) classify(parent, ctx context.Context, at string, err error) *Error {
	if ue, ok := errors.AsType[*url.Error](err); ok && ue.URL != "" {
		at = ue.URL
		err = ue.Err
	}
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		return &Error{Kind: context.Canceled, URL: at, Detail: "cancelled", Err: err}
	case parent.Err() != nil:
		return &Error{Kind: ErrTimeout, URL: at, Detail: "the caller's deadline passed", Err: err}
	case context.Cause(ctx) == errDeadline:
		return &Error{Kind: ErrTimeout, URL: at,
			Detail: fmt.Sprintf("no complete answer within %s", f.opts.Timeout), Err: err}
	}
	if ce, ok := errors.AsType[*Error](err); ok {
		e := *ce
		if e.URL == "" {
			e.URL = at
		}
		return &e
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return &Error{Kind: ErrTimeout, URL: at, Err: err}
	}
	return &Error{Kind: ErrNetwork, URL: at, Err: err}
}

// NormalizeURL checks a pasted URL the way Fetch will and returns it in
// the form Fetch records as RequestedURL ("https://" added when there is no
// scheme), so that a form can refuse a bad URL at once instead of in a
// capture job. It fails with ErrInvalidURL, ErrScheme, or ErrBlockedAddress
// for a host written as an internal IP address; host names are checked when
// Fetch connects, since only then is their address known.
func NormalizeURL(rawURL string) (string, error) {
	u, err := parseTarget(rawURL)
	if err != nil {
		return "", err
	}
	if ip, perr := netip.ParseAddr(u.Hostname()); perr == nil {
		if why := BlockedReason(ip); why != "" {
			e := blocked(u.Hostname(), ip, why)
			e.URL = u.String()
			return "", e
		}
	}
	return u.String(), nil
}

// parseTarget parses and checks a pasted URL, adding "https://" when it has
// no scheme ("x.com/akun/status/1").
func parseTarget(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, &Error{Kind: ErrInvalidURL, Detail: "empty URL"}
	}
	switch {
	case strings.HasPrefix(s, "//"):
		s = "https:" + s
	case !strings.Contains(s, "://") && !hasScheme(s):
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, &Error{Kind: ErrInvalidURL, URL: s, Err: err}
	}
	if err := checkScheme(u); err != nil {
		err.URL = s
		return nil, err
	}
	if u.Hostname() == "" {
		return nil, &Error{Kind: ErrInvalidURL, URL: s, Detail: "no host"}
	}
	return u, nil
}

// hasScheme reports whether s starts with "scheme:" not followed by a digit
// (so "javascript:…" has one but "example.com:8080/x" has not).
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '9'
		default:
			return false
		}
	}
	return false
}

// checkScheme refuses anything but http and https.
func checkScheme(u *url.URL) *Error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return nil
	}
	return &Error{Kind: ErrScheme, Detail: fmt.Sprintf("scheme %q", u.Scheme)}
}

// allowed reports whether media type mt is accepted.
func (f *Fetcher) allowed(mt string) bool {
	if mt == "" {
		return false
	}
	typ, _, _ := strings.Cut(mt, "/")
	for _, a := range f.accept {
		if a == mt || a == "*/*" || (strings.HasSuffix(a, "/*") && strings.TrimSuffix(a, "/*") == typ) {
			return true
		}
	}
	return false
}

// mediaType returns the lower-case media type of a Content-Type value.
func mediaType(ct string) string {
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// keepHeaders copies the headers worth keeping, values capped.
func keepHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range keptHeaders {
		for _, v := range h.Values(k) {
			out.Add(k, capBytes(strings.ToValidUTF8(v, "\uFFFD"), maxHeaderValue))
		}
	}
	return out
}

func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
