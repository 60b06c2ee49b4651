package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// feedServer serves one fixture with validators, answering conditional
// requests with 304, and records the request headers it saw.
type feedServer struct {
	*httptest.Server
	mu      sync.Mutex
	headers []http.Header
}

func newFeedServer(t *testing.T, name, contentType, etag, lastModified string) *feedServer {
	t.Helper()
	body := fixture(t, name)
	fs := &feedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.headers = append(fs.headers, r.Header.Clone())
		fs.mu.Unlock()
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		if lastModified != "" {
			w.Header().Set("Last-Modified", lastModified)
		}
		if inm := r.Header.Get("If-None-Match"); inm != "" && inm == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if ims := r.Header.Get("If-Modified-Since"); ims != "" && r.Header.Get("If-None-Match") == "" && ims == lastModified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) lastHeader() http.Header {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.headers[len(fs.headers)-1]
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func checkRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("got %+v", r)
		}
		t.Fatalf("got %d records, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %d:\n got %#v\nwant %#v", i, got[i], want[i])
		}
		if err := got[i].Validate(); err != nil {
			t.Errorf("record %d: %v", i, err)
		}
	}
}

const lastMod = "Thu, 10 Oct 2024 03:00:00 GMT"

func TestFetchFeedRSS(t *testing.T) {
	srv := newFeedServer(t, "rss2.xml", "application/rss+xml; charset=utf-8", `"v1"`, lastMod)
	since := time.Date(2024, 9, 15, 0, 0, 0, 0, time.UTC)
	res, err := FetchFeed(testCtx(t), srv.Client(), srv.URL+"/budi_s/rss", FeedOptions{Platform: "x", Since: since})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified || res.ETag != `"v1"` || res.LastModified != lastMod {
		t.Errorf("validators: %+v", res)
	}
	if res.Title != "Budi Santoso / @budi_s" {
		t.Errorf("title %q", res.Title)
	}
	h := srv.lastHeader()
	if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("unconditional fetch sent validators: %v", h)
	}
	if !strings.HasPrefix(h.Get("User-Agent"), "Netral-feeds/") {
		t.Errorf("User-Agent %q", h.Get("User-Agent"))
	}
	checkRecords(t, res.Records, []Record{
		{
			ID: "https://bridge.example/budi_s/status/1003", Platform: "x", Kind: KindPost,
			CreatedAt: "2024-10-04T07:00:00+07:00", URL: "https://bridge.example/budi_s/status/1003",
			Text:          "Foto kegiatan\n\nKerja bakti bersama warga.",
			MediaCaptions: []string{"Spanduk bertuliskan Tanjung Harapan Bangkit", "Warga membersihkan selokan"},
		},
		{
			// Nitter-style retweet: the reposter comes from the marker, the
			// shared post is the context.
			ID: "https://bridge.example/timses_02/status/1002", Platform: "x", Kind: KindShare, Author: "@budi_s",
			CreatedAt: "2024-10-03T08:30:00+07:00", URL: "https://bridge.example/timses_02/status/1002#m",
			ContextText: "Ayo menangkan paslon 02 pada 27 November! #HeRaMenang",
		},
		{
			ID: "https://bridge.example/budi_s/status/1001", Platform: "x", Kind: KindPost, Author: "@budi_s",
			CreatedAt: "2024-10-02T19:04:00+07:00", URL: "https://bridge.example/budi_s/status/1001#m",
			Text: "Rapat koordinasi persiapan HUT RI ke-79 di aula kantor camat. Terima kasih semua pihak.",
		},
	})

	// The registered account overrides what the feed says.
	res, err = FetchFeed(testCtx(t), srv.Client(), srv.URL, FeedOptions{Author: "@budi.s", MaxItems: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 2 {
		t.Fatalf("MaxItems 2 gave %d records", len(res.Records))
	}
	for _, r := range res.Records {
		if r.Author != "@budi.s" || r.Platform != DefaultFeedPlatform {
			t.Errorf("author/platform not from options: %+v", r)
		}
	}
	if res.Records[0].ID != "https://bridge.example/budi_s/status/1003" || res.Records[1].ID != "https://bridge.example/timses_02/status/1002" {
		t.Errorf("MaxItems kept %q, %q; want the two newest", res.Records[0].ID, res.Records[1].ID)
	}
}

func TestFetchFeedConditional(t *testing.T) {
	srv := newFeedServer(t, "rss2.xml", "application/rss+xml", `"v1"`, lastMod)
	ctx := testCtx(t)

	res, err := FetchFeed(ctx, srv.Client(), srv.URL, FeedOptions{ETag: `"v1"`, LastModified: lastMod})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.lastHeader()
	if h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != lastMod {
		t.Errorf("conditional headers: %v", h)
	}
	if !res.NotModified || len(res.Records) != 0 || res.ETag != `"v1"` || res.LastModified != lastMod {
		t.Errorf("304 result: %+v", res)
	}

	// Only Last-Modified known.
	res, err = FetchFeed(ctx, srv.Client(), srv.URL, FeedOptions{LastModified: lastMod})
	if err != nil || !res.NotModified {
		t.Fatalf("If-Modified-Since: %+v, %v", res, err)
	}

	// A changed feed is fetched again.
	res, err = FetchFeed(ctx, srv.Client(), srv.URL, FeedOptions{ETag: `"v0"`})
	if err != nil || res.NotModified || len(res.Records) != 4 || res.ETag != `"v1"` {
		t.Fatalf("stale ETag: %+v, %v", res, err)
	}
}

func TestFetchFeedNotModifiedKeepsValidators(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified) // no validators repeated
	}))
	defer srv.Close()
	res, err := FetchFeed(testCtx(t), srv.Client(), srv.URL, FeedOptions{ETag: `W/"abc"`, LastModified: lastMod})
	if err != nil {
		t.Fatal(err)
	}
	if !res.NotModified || res.ETag != `W/"abc"` || res.LastModified != lastMod {
		t.Errorf("%+v", res)
	}
}

func TestFetchFeedAtom(t *testing.T) {
	srv := newFeedServer(t, "atom.xml", "application/atom+xml", "", "")
	res, err := FetchFeed(testCtx(t), srv.Client(), srv.URL, FeedOptions{Platform: "youtube"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Kanal Siti Rahma" || res.ETag != "" {
		t.Errorf("result %+v", res)
	}
	checkRecords(t, res.Records, []Record{
		{
			ID: "tag:video.example,2024:video:abc123", Platform: "youtube", Kind: KindPost, Author: "Siti Rahma",
			CreatedAt: "2024-10-05T08:00:00+07:00", URL: "https://video.example/watch?v=abc123",
			Text:          "Senam pagi bersama",
			MediaCaptions: []string{"Senam pagi di lapangan kecamatan, diikuti pegawai dan warga."},
		},
		{
			// type="text" content is text: "<b>" is not a tag.
			ID: "tag:video.example,2024:post:p77", Platform: "youtube", Kind: KindPost, Author: "Siti Rahma",
			CreatedAt: "2024-10-04T12:00:00Z", URL: "https://video.example/post/p77",
			Text:          "Catatan\n\nNilai <b> tetap teks & bukan HTML: 3 < 5",
			MediaCaptions: []string{"Poster kampanye nomor urut 1"},
		},
		{
			ID: "tag:video.example,2024:post:p78", Platform: "youtube", Kind: KindShare, Author: "Siti Rahma",
			CreatedAt: "2024-10-03T12:00:00Z", URL: "https://video.example/post/p78",
			ContextText: "Kampanye akbar paslon 01 di alun-alun",
		},
	})
}

func TestFetchFeedHTMLIndonesian(t *testing.T) {
	srv := newFeedServer(t, "rss_html_id.xml", "text/xml", "", "")
	// Since excludes nothing dated here but must keep the undated item.
	res, err := FetchFeed(testCtx(t), srv.Client(), srv.URL, FeedOptions{Platform: "facebook", Author: "@rina", Since: time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Dinas Pendidikan & Kebudayaan — Akun Rina" {
		t.Errorf("title %q", res.Title)
	}
	if len(res.Records) != 5 {
		t.Fatalf("%d records", len(res.Records))
	}
	undated := res.Records[4]
	if !strings.HasPrefix(undated.ID, "sha256:") || len(undated.ID) != len("sha256:")+32 || undated.CreatedAt != "" ||
		undated.Text != "Tanpa guid, tanpa tautan, tanpa tanggal." {
		t.Errorf("undated item: %+v", undated)
	}
	// Hash ids are stable.
	again, err := FetchFeed(testCtx(t), srv.Client(), srv.URL, FeedOptions{Platform: "facebook"})
	if err != nil || again.Records[4].ID != undated.ID {
		t.Errorf("hash id not stable: %v %v", again.Records[4].ID, err)
	}
	checkRecords(t, res.Records[:4], []Record{
		{
			// "RT 05" is a Rukun Tetangga, not a retweet.
			ID: "https://social.example/rina/posts/504", Platform: "facebook", Kind: KindPost, Author: "@rina",
			CreatedAt: "2024-10-10T09:00:00+07:00", URL: "https://social.example/rina/posts/504",
			Text: "RT 05 / RW 02 mengadakan lomba 17-an. Ayo ikut!",
		},
		{
			ID: "https://social.example/rina/posts/503", Platform: "facebook", Kind: KindShare, Author: "@rina",
			CreatedAt: "2024-10-09T20:00:00+07:00", URL: "https://social.example/rina/posts/503",
			ContextText: "@hendra_wijaya: Bersama HERA, Tanjung Harapan Bangkit! #HeRaMenang",
		},
		{
			// Escaped HTML in a plain description, entities escaped twice.
			ID: "rina-502", Platform: "facebook", Kind: KindPost, Author: "@rina",
			CreatedAt: "2024-10-08T10:00:00+07:00",
			Text:      "Pengumuman\n\nRapat & sosialisasi netralitas ASN pukul 09.00 WIB",
		},
		{
			ID: "https://social.example/rina/posts/501", Platform: "facebook", Kind: KindPost, Author: "@rina",
			CreatedAt: "2024-10-07T06:15:00+07:00", URL: "https://social.example/rina/posts/501",
			Text:          "Selamat pagi & salam sejahtera! Kegiatan \"gotong royong\" di Desa Sukamaju—warga antusias 👍\n\nTerima kasih\nBapak & Ibu RT/RW.",
			MediaCaptions: []string{"Warga bergotong royong memperbaiki jalan desa"},
		},
	})
	for _, r := range res.Records {
		if strings.Contains(r.Text, "xss") || strings.Contains(r.Text, "color") || strings.Contains(r.Text, "<p>") {
			t.Errorf("markup or script leaked into %q", r.Text)
		}
	}

	// Records are contract §2 JSON: text is always present.
	b, err := json.Marshal(res.Records[1])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"https://social.example/rina/posts/503","platform":"facebook","kind":"share","author":"@rina","created_at":"2024-10-09T20:00:00+07:00","url":"https://social.example/rina/posts/503","text":"","context_text":"@hendra_wijaya: Bersama HERA, Tanjung Harapan Bangkit! #HeRaMenang"}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	if got := res.Records[1].Time(); !got.Equal(time.Date(2024, 10, 9, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() = %v", got)
	}
}

func TestFetchFeedErrors(t *testing.T) {
	reset := time.Now().Add(90 * time.Second).UTC().Truncate(time.Second)
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", reset.Format(http.TimeFormat))
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<!doctype html><html><body>not a feed</body></html>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(fixture(t, "rss2.xml")) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := testCtx(t)

	_, err := FetchFeed(ctx, srv.Client(), srv.URL+"/missing", FeedOptions{})
	var he *HTTPError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &he) || he.StatusCode != 404 {
		t.Errorf("404: %v", err)
	}
	if _, err := FetchFeed(ctx, srv.Client(), srv.URL+"/gone", FeedOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("410: %v", err)
	}

	_, err = FetchFeed(ctx, srv.Client(), srv.URL+"/limited", FeedOptions{})
	var rl *RateLimitError
	if !errors.Is(err, ErrRateLimited) || !errors.As(err, &rl) || !rl.Reset.Equal(reset) {
		t.Errorf("429: %v (%+v)", err, rl)
	}

	_, err = FetchFeed(ctx, srv.Client(), srv.URL+"/broken", FeedOptions{})
	if !errors.As(err, &he) || he.StatusCode != 500 || errors.Is(err, ErrNotFound) || errors.Is(err, ErrRateLimited) {
		t.Errorf("500: %v", err)
	}

	if _, err := FetchFeed(ctx, srv.Client(), srv.URL+"/html", FeedOptions{}); err == nil {
		t.Error("an HTML page parsed as a feed")
	}

	if _, err := FetchFeed(ctx, srv.Client(), srv.URL+"/big", FeedOptions{MaxBytes: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes: %v", err)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := FetchFeed(short, srv.Client(), srv.URL+"/slow", FeedOptions{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}

	if _, err := FetchFeed(ctx, nil, "http://[::1]:namedport/", FeedOptions{}); err == nil {
		t.Error("bad URL accepted")
	}
}

func TestParseFeedMalformed(t *testing.T) {
	for _, doc := range []string{"", "not xml", "<rss><channel><item>", `{"version": 1}`} {
		if _, err := ParseFeed([]byte(doc), FeedOptions{}); err == nil {
			// An unterminated but recognisable feed may parse; it must not panic.
			t.Logf("ParseFeed(%q) accepted", doc)
		}
	}
}

func TestShareMarker(t *testing.T) {
	for _, c := range []struct {
		in, context, by string
		ok              bool
	}{
		{"RT @paslon02: Ayo coblos!", "@paslon02: Ayo coblos!", "", true},
		{"rt @x", "@x", "", true},
		{"RT by @budi_s: Ayo coblos!", "Ayo coblos!", "@budi_s", true},
		{"RT by @budi@mastodon.example: isi", "isi", "@budi@mastodon.example", true},
		{"RT by @budi.", "", "@budi", true},
		{"Shared: Kampanye akbar", "Kampanye akbar", "", true},
		{"REPOSTED:   teks", "teks", "", true},
		{"RT 05 / RW 02", "", "", false},
		{"RT: 003 RW: 005", "", "", false},
		{"RT @ 05", "", "", false},
		{"Ayo RT @teman", "", "", false},
		{"", "", "", false},
		{"Rt", "", "", false},
	} {
		context, by, ok := shareMarker(c.in)
		if context != c.context || by != c.by || ok != c.ok {
			t.Errorf("shareMarker(%q) = %q, %q, %v; want %q, %q, %v", c.in, context, by, ok, c.context, c.by, c.ok)
		}
	}
}

func TestWithTitle(t *testing.T) {
	for _, c := range []struct{ title, body, want string }{
		{"", "isi", "isi"},
		{"Judul", "", "Judul"},
		{"Selamat pagi…", "Selamat pagi semua", "Selamat pagi semua"},
		{"Selamat  pagi...", "Selamat pagi\nsemua", "Selamat pagi\nsemua"},
		{"Judul", "Isi lain", "Judul\n\nIsi lain"},
	} {
		if got := withTitle(c.title, c.body); got != c.want {
			t.Errorf("withTitle(%q, %q) = %q, want %q", c.title, c.body, got, c.want)
		}
	}
}
