package capture

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The tests talk to httptest servers on loopback only. Every host name is
// answered by fakeLookup, never by real DNS, and every refused address is
// refused before anything is dialled.

// loopback is the allow-list that lets a Fetcher reach httptest servers.
var loopback = []string{"127.0.0.1/32", "::1/128"}

// fakeDNS answers host names from a table; anything else does not exist.
type fakeDNS map[string][]netip.Addr

func (d fakeDNS) lookup(_ context.Context, host string) ([]netip.Addr, error) {
	if ips, ok := d[strings.TrimSuffix(strings.ToLower(host), ".")]; ok {
		return ips, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// newFetcher returns a Fetcher with opts, fake DNS and a fixed clock.
func newFetcher(t *testing.T, opts Options, dns fakeDNS) *Fetcher {
	t.Helper()
	f, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	f.lookup = dns.lookup
	f.now = func() time.Time { return time.Date(2024, 11, 20, 3, 4, 5, 678901234, time.FixedZone("WIB", 7*3600)) }
	t.Cleanup(f.CloseIdleConnections)
	return f
}

// server starts an httptest server counting its requests.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s, &hits
}

func hostPort(t *testing.T, s *httptest.Server) string {
	t.Helper()
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func port(t *testing.T, s *httptest.Server) string {
	t.Helper()
	_, p, err := net.SplitHostPort(hostPort(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// wantKind fails unless err is an *Error of kind.
func wantKind(t *testing.T, err, kind error) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", kind)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("got %v, want kind %v", err, kind)
	}
	ce, ok := errors.AsType[*Error](err)
	if !ok {
		t.Fatalf("%T is not *capture.Error: %v", err, err)
	}
	return ce
}

const postPage = `<!DOCTYPE html>
<html lang="id"><head>
<meta charset="utf-8">
<title>  Postingan   Budi
 Santoso | Facebook </title>
<meta property="og:title" content="Budi Santoso">
<meta property="og:description" content="Ayo coblos nomor 2! #Pilkada2024">
<meta property="og:image" content="https://cdn.example/p.jpg?oh=abc&amp;oe=123">
<meta property="og:url" content="https://www.facebook.com/budi/posts/1">
<meta property="og:site_name" content="Facebook">
<meta property="og:type" content="article">
<meta property="og:title" content="second og:title is ignored">
<meta property="article:published_time" content="2024-11-20T08:00:00+07:00">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="Budi di X">
<meta name="description" content="Postingan publik">
<meta name="viewport" content="width=device-width">
<style>body { color: red }</style>
<script>var secret = "not text";</script>
</head><body>
<nav><a href="/">Beranda</a> <a href="/login">Masuk</a></nav>
<noscript>Aktifkan JavaScript</noscript>
<article>
  <h1>Budi   Santoso</h1>
  <p>Ayo   <b>coblos</b> nomor&nbsp;2!
     Demi   perubahan.</p>
  <img src="x.jpg" alt="Foto bersama calon nomor 2">
  <!-- a comment -->
  <table><tr><td>Suka</td><td>120</td></tr></table>
</article>
<footer>© 2024</footer>
</body></html>`

func TestFetchPageWithOpenGraph(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("User-Agent"); got != DefaultUserAgent {
			t.Errorf("User-Agent %q", got)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Wed, 20 Nov 2024 01:00:00 GMT")
		w.Header().Set("Set-Cookie", "session=secret") // not kept
		w.Header().Set("X-Custom", "not kept")
		fmt.Fprint(w, postPage)
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	c, err := f.Fetch(context.Background(), s.URL+"/budi/posts/1")
	if err != nil {
		t.Fatal(err)
	}
	if c.RequestedURL != s.URL+"/budi/posts/1" || c.FinalURL != c.RequestedURL || len(c.Redirects) != 0 {
		t.Errorf("URLs: requested %q final %q redirects %q", c.RequestedURL, c.FinalURL, c.Redirects)
	}
	if c.Status != 200 || c.Gone || c.Truncated {
		t.Errorf("status %d gone %v truncated %v", c.Status, c.Gone, c.Truncated)
	}
	if c.ContentType != "text/html; charset=utf-8" || c.Charset != "utf-8" {
		t.Errorf("content type %q charset %q", c.ContentType, c.Charset)
	}
	if want := time.Date(2024, 11, 19, 20, 4, 5, 678000000, time.UTC); !c.FetchedAt.Equal(want) || c.FetchedAt.Location() != time.UTC {
		t.Errorf("FetchedAt %v, want %v", c.FetchedAt, want)
	}
	if string(c.Body) != postPage || c.SHA256 != hashHex([]byte(postPage)) {
		t.Errorf("body or hash differ: %s", c.SHA256)
	}
	if err := c.Verify(); err != nil {
		t.Error(err)
	}
	if c.Title != "Postingan Budi Santoso | Facebook" {
		t.Errorf("title %q", c.Title)
	}
	wantText := "Budi Santoso\nAyo coblos nomor 2! Demi perubahan.\nFoto bersama calon nomor 2\nSuka 120\n© 2024"
	if c.Text != wantText {
		t.Errorf("text\n%q, want\n%q", c.Text, wantText)
	}
	wantOG := map[string]string{
		"og:title":               "Budi Santoso",
		"og:description":         "Ayo coblos nomor 2! #Pilkada2024",
		"og:image":               "https://cdn.example/p.jpg?oh=abc&oe=123",
		"og:url":                 "https://www.facebook.com/budi/posts/1",
		"og:site_name":           "Facebook",
		"og:type":                "article",
		"article:published_time": "2024-11-20T08:00:00+07:00",
		"twitter:card":           "summary_large_image",
		"twitter:title":          "Budi di X",
		"description":            "Postingan publik",
	}
	if fmt.Sprint(c.OpenGraph) != fmt.Sprint(wantOG) {
		t.Errorf("OpenGraph\n%v, want\n%v", c.OpenGraph, wantOG)
	}
	if c.Headers.Get("Etag") != `"v1"` || c.Headers.Get("Last-Modified") == "" || c.Headers.Get("Content-Type") == "" {
		t.Errorf("headers %v", c.Headers)
	}
	if c.Headers.Get("Set-Cookie") != "" || c.Headers.Get("X-Custom") != "" {
		t.Errorf("headers kept too much: %v", c.Headers)
	}
}

func TestFetchPastedURLWithoutScheme(t *testing.T) {
	for in, want := range map[string]string{
		"x.com/budi/status/1":            "https://x.com/budi/status/1",
		"  https://x.com/budi/status/1 ": "https://x.com/budi/status/1",
		"//x.com/a":                      "https://x.com/a",
		"localhost:8080/x":               "https://localhost:8080/x",
		"HTTP://Example.COM/A":           "http://Example.COM/A",
	} {
		u, err := parseTarget(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("%q → %q, want %q", in, u, want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	if got, err := NormalizeURL(" facebook.com/budi/posts/1 "); err != nil || got != "https://facebook.com/budi/posts/1" {
		t.Errorf("%q %v", got, err)
	}
	if got, err := NormalizeURL("http://8.8.8.8:8080/x"); err != nil || got != "http://8.8.8.8:8080/x" {
		t.Errorf("%q %v", got, err)
	}
	for raw, kind := range map[string]error{
		"":                           ErrInvalidURL,
		"ftp://example.com/":         ErrScheme,
		"http://127.0.0.1/":          ErrBlockedAddress,
		"http://[::ffff:10.0.0.1]/":  ErrBlockedAddress,
		"169.254.169.254/latest":     ErrBlockedAddress,
		"http://[fe80::1%25eth0]/":   ErrBlockedAddress,
		"https://user:pw@[fc00::1]/": ErrBlockedAddress,
	} {
		got, err := NormalizeURL(raw)
		wantKind(t, err, kind)
		if got != "" {
			t.Errorf("%q: %q", raw, got)
		}
	}
}

func TestFetchRefusesOtherSchemesAndBadURLs(t *testing.T) {
	f := newFetcher(t, Options{}, nil)
	for _, raw := range []string{"file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "gopher://example.com/", "data:text/html,hi", "mailto:a@example.com"} {
		_, err := f.Fetch(context.Background(), raw)
		wantKind(t, err, ErrScheme)
	}
	for _, raw := range []string{"", "   ", "http://", "https:///path", "http://exa mple.com/"} {
		_, err := f.Fetch(context.Background(), raw)
		wantKind(t, err, ErrInvalidURL)
	}
}

func TestFetchRedirectChain(t *testing.T) {
	b, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/c":
			http.Redirect(w, r, "/final?x=1", http.StatusFound)
		case "/final":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "  arrived \n\n here ")
		}
	})
	a, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/start":
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
		case "/b":
			http.Redirect(w, r, b.URL+"/c", http.StatusTemporaryRedirect)
		}
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	c, err := f.Fetch(context.Background(), a.URL+"/start")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{a.URL + "/b", b.URL + "/c", b.URL + "/final?x=1"}
	if fmt.Sprint(c.Redirects) != fmt.Sprint(want) {
		t.Errorf("redirects %q, want %q", c.Redirects, want)
	}
	if c.RequestedURL != a.URL+"/start" || c.FinalURL != b.URL+"/final?x=1" || c.Status != 200 {
		t.Errorf("requested %q final %q status %d", c.RequestedURL, c.FinalURL, c.Status)
	}
	if c.Text != "arrived\nhere" {
		t.Errorf("text %q", c.Text)
	}
}

func TestFetchTooManyRedirects(t *testing.T) {
	s, hits := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback, MaxRedirects: 2}, nil)
	c, err := f.Fetch(context.Background(), s.URL+"/loop")
	wantKind(t, err, ErrTooManyRedirects)
	if c != nil || hits.Load() != 3 {
		t.Errorf("capture %v, %d requests; want nil and 3", c, hits.Load())
	}

	hits.Store(0)
	f = newFetcher(t, Options{AllowCIDRs: loopback, MaxRedirects: -1}, nil)
	_, err = f.Fetch(context.Background(), s.URL+"/loop")
	wantKind(t, err, ErrTooManyRedirects)
	if hits.Load() != 1 {
		t.Errorf("%d requests with redirects off", hits.Load())
	}
}

// A redirect from an allowed host to one the allow-list does not cover is
// refused at connect time, before the second server sees a request.
func TestFetchRedirectToBlockedAddress(t *testing.T) {
	second, secondHits := server(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "internal secret")
	})
	var target atomic.Pointer[string]
	first, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, *target.Load(), http.StatusFound)
	})
	dns := fakeDNS{
		"first.test":  {netip.MustParseAddr("127.0.0.1")},
		"second.test": {netip.MustParseAddr("127.0.0.1")},
	}
	firstByName := "http://first.test:" + port(t, first) + "/p"
	for _, tc := range []struct {
		name, start, target string
		allow               []string
		want                error
		detail              string
	}{
		{"other port of an allowed IP", first.URL + "/p", second.URL + "/", []string{hostPort(t, first)}, ErrBlockedAddress, "127.0.0.1 is a loopback address"},
		{"name resolving to loopback", firstByName, "http://second.test:" + port(t, second) + "/", []string{"first.test"}, ErrBlockedAddress, "second.test resolves to 127.0.0.1, a loopback address"},
		{"IPv4-mapped loopback", firstByName, "http://[::ffff:127.0.0.1]:" + port(t, second) + "/", []string{"first.test"}, ErrBlockedAddress, "IPv4-mapped"},
		{"cloud metadata", firstByName, "http://169.254.169.254/latest/meta-data/", []string{"first.test"}, ErrBlockedAddress, "cloud metadata"},
		{"private network", firstByName, "http://10.1.2.3:8080/admin", []string{"first.test"}, ErrBlockedAddress, "private network"},
		{"file scheme", firstByName, "file:///etc/passwd", []string{"first.test"}, ErrScheme, `"file"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target.Store(&tc.target)
			secondHits.Store(0)
			f := newFetcher(t, Options{AllowHosts: tc.allow}, dns)
			c, err := f.Fetch(context.Background(), tc.start)
			e := wantKind(t, err, tc.want)
			if c != nil {
				t.Errorf("got a capture: %+v", c)
			}
			if e.URL != tc.target || !strings.Contains(e.Error(), tc.detail) {
				t.Errorf("error %q (URL %q), want URL %q and %q", e, e.URL, tc.target, tc.detail)
			}
			if n := secondHits.Load(); n != 0 {
				t.Errorf("second server got %d requests", n)
			}
		})
	}
}

func TestFetchHostnameResolvingToLoopback(t *testing.T) {
	s, hits := server(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "internal") })
	p := port(t, s)
	dns := fakeDNS{
		"evil.test":  {netip.MustParseAddr("127.0.0.1")},
		"mixed.test": {netip.MustParseAddr("93.184.215.14"), netip.MustParseAddr("127.0.0.1")},
		"meta.test":  {netip.MustParseAddr("::ffff:169.254.169.254")},
		"cgnat.test": {netip.MustParseAddr("100.100.1.1")},
	}
	for _, host := range []string{"evil.test", "EVIL.test.", "mixed.test", "meta.test", "cgnat.test"} {
		// No allow-list: the names resolve to blocked addresses.
		f := newFetcher(t, Options{}, dns)
		c, err := f.Fetch(context.Background(), "http://"+host+":"+p+"/")
		e := wantKind(t, err, ErrBlockedAddress)
		if c != nil || !strings.Contains(e.Detail, "resolves to") {
			t.Errorf("%s: capture %v, error %v", host, c, e)
		}
	}
	// An allow-list for another name does not help.
	f := newFetcher(t, Options{AllowHosts: []string{"good.test"}}, dns)
	_, err := f.Fetch(context.Background(), "http://evil.test:"+p+"/")
	wantKind(t, err, ErrBlockedAddress)
	if hits.Load() != 0 {
		t.Errorf("server got %d requests", hits.Load())
	}
	// The allow-list by name does, for that name.
	f = newFetcher(t, Options{AllowHosts: []string{"evil.test"}}, dns)
	if _, err := f.Fetch(context.Background(), "http://evil.test:"+p+"/"); err != nil {
		t.Errorf("allowed host: %v", err)
	}
}

func TestFetchInternalAddressesRefused(t *testing.T) {
	// Even with loopback allowed, none of these is dialled.
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	for _, raw := range []string{
		"http://169.254.169.254/latest/meta-data/iam/security-credentials/",
		"http://[::ffff:169.254.169.254]/",
		"http://[fd00:ec2::254]/",
		"http://100.100.100.200/",
		"http://0.0.0.0:8080/",
		"http://10.0.0.1/",
		"http://172.16.5.4/",
		"http://192.168.1.1/",
		"http://[fe80::1]/",
		"http://[fc00::1]/",
		"http://100.64.0.1/",
		"http://224.0.0.1/",
		"http://255.255.255.255/",
		"http://[::]/",
		"http://[64:ff9b::a9fe:a9fe]/",
	} {
		c, err := f.Fetch(context.Background(), raw)
		wantKind(t, err, ErrBlockedAddress)
		if c != nil {
			t.Errorf("%s: got a capture", raw)
		}
	}
	e := wantKind(t, func() error { _, err := f.Fetch(context.Background(), "http://169.254.169.254/"); return err }(), ErrBlockedAddress)
	if want := "capture http://169.254.169.254/: address not allowed: 169.254.169.254 is the cloud metadata service address"; e.Error() != want {
		t.Errorf("message %q, want %q", e, want)
	}
	// Without the allow-list, loopback itself is refused.
	s, hits := server(t, func(w http.ResponseWriter, r *http.Request) {})
	_, err := newFetcher(t, Options{}, nil).Fetch(context.Background(), s.URL)
	wantKind(t, err, ErrBlockedAddress)
	if hits.Load() != 0 {
		t.Errorf("server got %d requests", hits.Load())
	}
}

func TestFetchSizeLimit(t *testing.T) {
	page := "<html><head><title>Besar</title></head><body><p>" + strings.Repeat("kata ", 1000) + "</p></body></html>"
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback, MaxBytes: 1000}, nil)
	c, err := f.Fetch(context.Background(), s.URL)
	wantKind(t, err, ErrTooLarge)
	if c == nil || !c.Truncated || len(c.Body) != 1000 || string(c.Body) != page[:1000] {
		t.Fatalf("capture %+v", c)
	}
	if c.SHA256 != hashHex([]byte(page[:1000])) || c.Verify() != nil {
		t.Errorf("hash of the kept part: %s, verify %v", c.SHA256, c.Verify())
	}
	if c.Title != "Besar" || !strings.HasPrefix(c.Text, "kata kata") {
		t.Errorf("extracted from the kept part: %q %q", c.Title, c.Text[:20])
	}

	// Exactly MaxBytes is not too large.
	f = newFetcher(t, Options{AllowCIDRs: loopback, MaxBytes: int64(len(page))}, nil)
	c, err = f.Fetch(context.Background(), s.URL)
	if err != nil || c.Truncated || len(c.Body) != len(page) {
		t.Errorf("exact size: %v, truncated %v", err, c != nil && c.Truncated)
	}
}

func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/trickle" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>first part")
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback, Timeout: 200 * time.Millisecond}, nil)
	for _, path := range []string{"/silent", "/trickle"} {
		start := time.Now()
		c, err := f.Fetch(context.Background(), s.URL+path)
		e := wantKind(t, err, ErrTimeout)
		if c != nil || time.Since(start) > 3*time.Second {
			t.Errorf("%s: capture %v after %v", path, c, time.Since(start))
		}
		if !strings.Contains(e.Error(), "within 200ms") {
			t.Errorf("%s: message %q", path, e)
		}
	}

	// The caller's cancellation is not a timeout.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := newFetcher(t, Options{AllowCIDRs: loopback}, nil).Fetch(ctx, s.URL+"/silent")
	wantKind(t, err, context.Canceled)
	if errors.Is(err, ErrTimeout) {
		t.Error("cancellation reported as timeout")
	}
}

func TestFetchContentTypeRefused(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/zip":
			w.Header().Set("Content-Type", "application/zip")
			w.Header().Set("Content-Disposition", `attachment; filename="bukti.zip"`)
			fmt.Fprint(w, "PK\x03\x04 not kept")
		case "/gone-zip":
			w.Header().Set("Content-Type", "application/zip")
			w.WriteHeader(http.StatusGone)
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>hi</p>")
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			fmt.Fprint(w, "\x89PNG\r\n\x1a\nfake")
		}
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	c, err := f.Fetch(context.Background(), s.URL+"/zip")
	e := wantKind(t, err, ErrContentType)
	if !strings.Contains(e.Error(), "application/zip is not one of text/html") {
		t.Errorf("message %q", e)
	}
	if c == nil || c.Status != 200 || c.ContentType != "application/zip" || c.Body != nil ||
		c.Headers.Get("Content-Disposition") == "" || c.Verify() != nil {
		t.Errorf("metadata not recorded: %+v", c)
	}

	c, err = f.Fetch(context.Background(), s.URL+"/gone-zip")
	if err != nil || c == nil || !c.Gone {
		t.Errorf("gone with a refused type: %v %+v", err, c)
	}

	c, err = f.Fetch(context.Background(), s.URL+"/png")
	if err != nil || string(c.Body) != "\x89PNG\r\n\x1a\nfake" || c.Text != "" || c.Charset != "" {
		t.Errorf("image: %v %+v", err, c)
	}

	f = newFetcher(t, Options{AllowCIDRs: loopback, AllowedContentTypes: []string{"text/plain"}}, nil)
	_, err = f.Fetch(context.Background(), s.URL+"/html")
	wantKind(t, err, ErrContentType)
}

func TestFetchSniffsMissingContentType(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no automatic sniffing by the server
		fmt.Fprint(w, "<!DOCTYPE html><title>Tanpa tipe</title><p>isi</p>")
	})
	c, err := newFetcher(t, Options{AllowCIDRs: loopback}, nil).Fetch(context.Background(), s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if c.Headers.Get("Content-Type") != "" || c.ContentType != "text/html; charset=utf-8" || c.Title != "Tanpa tipe" || c.Text != "isi" {
		t.Errorf("%+v", c)
	}
}

func TestFetchGone(t *testing.T) {
	var deleted atomic.Bool
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch {
		case r.URL.Path == "/410":
			w.WriteHeader(http.StatusGone)
			fmt.Fprint(w, "<p>removed</p>")
		case r.URL.Path == "/500":
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, "<p>oops</p>")
		case deleted.Load():
			http.NotFound(w, r)
		default:
			fmt.Fprint(w, "<title>Post</title><p>Dukung calon 2</p>")
		}
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	old, err := f.Fetch(context.Background(), s.URL+"/post")
	if err != nil || old.Gone {
		t.Fatal(err, old.Gone)
	}
	deleted.Store(true)
	now, err := f.Fetch(context.Background(), s.URL+"/post")
	if err != nil || !now.Gone || now.Status != 404 {
		t.Fatalf("404: %v %+v", err, now)
	}
	if Compare(old, now) != Gone {
		t.Errorf("compare 200→404 = %v", Compare(old, now))
	}
	c410, err := f.Fetch(context.Background(), s.URL+"/410")
	if err != nil || !c410.Gone || c410.Status != 410 || c410.Text != "removed" {
		t.Errorf("410: %v %+v", err, c410)
	}
	c500, err := f.Fetch(context.Background(), s.URL+"/500")
	if err != nil || c500.Gone || c500.Status != 500 || Compare(old, c500) != Unknown {
		t.Errorf("500: %v %+v %v", err, c500, Compare(old, c500))
	}

	// The host disappearing from DNS is Gone too.
	dns := fakeDNS{"site.test": {netip.MustParseAddr("127.0.0.1")}}
	f = newFetcher(t, Options{AllowCIDRs: loopback}, dns)
	deleted.Store(false)
	u := "http://site.test:" + port(t, s) + "/post"
	old, err = f.Fetch(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	delete(dns, "site.test")
	f.CloseIdleConnections()
	now, err = f.Fetch(context.Background(), u)
	e := wantKind(t, err, ErrHostNotFound)
	if now == nil || !now.Gone || now.Status != 0 || now.FinalURL != u || now.Verify() != nil {
		t.Fatalf("NXDOMAIN capture %+v", now)
	}
	if e.URL != u || !strings.Contains(e.Error(), "site.test does not exist") {
		t.Errorf("message %q", e)
	}
	if Compare(old, now) != Gone {
		t.Errorf("compare 200→NXDOMAIN = %v", Compare(old, now))
	}
}

func TestFetchWindows1252(t *testing.T) {
	// "Café “Merdeka” – Pemilu" in windows-1252.
	title := "Caf\xe9 \x93Merdeka\x94 \x96 Pemilu"
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/header":
			w.Header().Set("Content-Type", "text/html; charset=windows-1252")
			fmt.Fprint(w, "<html><head><title>"+title+"</title>"+
				`<meta property="og:description" content="`+title+`"></head><body><p>`+title+"</p></body></html>")
		case "/meta":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`+
				"<title>"+title+"</title></head><body>"+title+"</body></html>")
		}
	})
	f := newFetcher(t, Options{AllowCIDRs: loopback}, nil)
	const want = "Café “Merdeka” – Pemilu"
	for _, path := range []string{"/header", "/meta"} {
		c, err := f.Fetch(context.Background(), s.URL+path)
		if err != nil {
			t.Fatal(err)
		}
		if c.Charset != "windows-1252" || c.Title != want || c.Text != want {
			t.Errorf("%s: charset %q title %q text %q", path, c.Charset, c.Title, c.Text)
		}
		if path == "/header" && c.OpenGraph["og:description"] != want {
			t.Errorf("og:description %q", c.OpenGraph["og:description"])
		}
		if !strings.Contains(string(c.Body), "\x93Merdeka\x94") {
			t.Error("body must stay raw")
		}
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	s, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<p>Ajakan memilih paslon 2</p>")
	})
	c, err := newFetcher(t, Options{AllowCIDRs: loopback}, nil).Fetch(context.Background(), s.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Verify(); err != nil {
		t.Fatal(err)
	}
	upper := *c
	upper.SHA256 = strings.ToUpper(c.SHA256)
	if err := upper.Verify(); err != nil {
		t.Errorf("upper-case hex: %v", err)
	}

	tampered := *c
	tampered.Body = []byte(strings.Replace(string(c.Body), "paslon 2", "paslon 1", 1))
	e := wantKind(t, tampered.Verify(), ErrHashMismatch)
	if !strings.Contains(e.Error(), "stored "+c.SHA256) {
		t.Errorf("message %q", e)
	}

	rehashed := *c
	rehashed.SHA256 = hashHex([]byte("something else"))
	wantKind(t, rehashed.Verify(), ErrHashMismatch)

	unhashed := *c
	unhashed.SHA256 = ""
	wantKind(t, unhashed.Verify(), ErrHashMismatch)

	var none *Capture
	wantKind(t, none.Verify(), ErrHashMismatch)
}

func TestNewOptions(t *testing.T) {
	f, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := f.Options()
	if o.Timeout != 20*time.Second || o.MaxBytes != 10<<20 || o.MaxRedirects != 5 || o.UserAgent != DefaultUserAgent ||
		fmt.Sprint(o.AllowedContentTypes) != fmt.Sprint(DefaultContentTypes()) {
		t.Errorf("defaults %+v", o)
	}
	for _, bad := range []Options{
		{Timeout: -1},
		{MaxBytes: -1},
		{AllowCIDRs: []string{"127.0.0.1/33"}},
		{AllowCIDRs: []string{"localhost"}},
		{AllowedContentTypes: []string{"html"}},
		{AllowedContentTypes: []string{"text/html; charset=utf-8"}},
	} {
		if _, err := New(bad); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
