package feeds

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// UserAgent is sent with every request.
const UserAgent = "Netral-feeds/1.0 (ASN neutrality oversight; public data only)"

// DefaultMaxBytes bounds the body read from one response when an option
// does not set its own limit.
const DefaultMaxBytes = 16 << 20

// defaultClient is used when a caller passes a nil *http.Client. Its timeout
// is a backstop: callers bound each request with their context.
var defaultClient = &http.Client{Timeout: 60 * time.Second}

// ErrTooLarge reports a response body larger than the configured limit.
var ErrTooLarge = errors.New("feeds: response body too large")

func clientOrDefault(c *http.Client) *http.Client {
	if c == nil {
		return defaultClient
	}
	return c
}

// statusError turns a non-success response into an error: a
// [*RateLimitError] for 429, an [*HTTPError] otherwise.
func statusError(resp *http.Response, rawURL string, now time.Time) error {
	if resp.StatusCode == http.StatusTooManyRequests {
		return rateLimitFrom(resp.Header, rawURL, now)
	}
	return &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status, URL: redact(rawURL)}
}

// redact drops user information from a URL kept in an error.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	return u.Redacted()
}

// rateLimitFrom reads X-RateLimit-Limit, X-RateLimit-Remaining,
// X-RateLimit-Reset and Retry-After.
func rateLimitFrom(h http.Header, rawURL string, now time.Time) *RateLimitError {
	e := &RateLimitError{Limit: headerInt(h, "X-RateLimit-Limit"), Remaining: headerInt(h, "X-RateLimit-Remaining"), URL: redact(rawURL)}
	if t, ok := parseReset(h.Get("X-RateLimit-Reset"), now); ok {
		e.Reset = t
	} else if t, ok := parseRetryAfter(h.Get("Retry-After"), now); ok {
		e.Reset = t
	}
	return e
}

func headerInt(h http.Header, name string) int {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	if err != nil {
		return -1
	}
	return n
}

// parseReset reads X-RateLimit-Reset: an RFC 3339 / ISO 8601 time (Mastodon,
// e.g. "2024-10-02T12:05:00.123456Z"), a Unix time in seconds (GitHub and
// others), or a number of seconds from now (small values, as some servers
// send).
func parseReset(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, true
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < 1e12 {
		if f >= 1e9 {
			sec := int64(f)
			return time.Unix(sec, int64((f-float64(sec))*1e9)), true
		}
		return now.Add(time.Duration(f * float64(time.Second))), true
	}
	return time.Time{}, false
}

// parseRetryAfter reads Retry-After: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 && n < 1e9 {
		return now.Add(time.Duration(n) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// readLimited reads r fully, failing with [ErrTooLarge] past max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (over %d bytes)", ErrTooLarge, max)
	}
	return b, nil
}

// drainClose discards a little of what is left of a body, so the
// connection can be reused, and closes it.
func drainClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 64<<10)
	_ = body.Close()
}
