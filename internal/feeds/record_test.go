package feeds

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRecordMethods(t *testing.T) {
	ok := Record{ID: "1", Platform: "x", Kind: KindPost}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
	for _, r := range []Record{{Platform: "x", Kind: "post"}, {ID: "1", Kind: "post"}, {ID: "1", Platform: "x"}} {
		if r.Validate() == nil {
			t.Errorf("%+v validated", r)
		}
	}
	for _, s := range []string{"", "kemarin", "2024-10-02"} {
		if !(Record{CreatedAt: s}).Time().IsZero() {
			t.Errorf("Time(%q) not zero", s)
		}
	}
	if got := (Record{CreatedAt: "2024-10-02T19:04:00+07:00"}).Time(); !got.Equal(time.Date(2024, 10, 2, 12, 4, 0, 0, time.UTC)) {
		t.Errorf("Time = %v", got)
	}

	e := &HTTPError{StatusCode: 500, Status: "500 Internal Server Error", URL: "https://feeds.example/a"}
	if msg := e.Error(); !strings.Contains(msg, "https://feeds.example/a") || !strings.Contains(msg, "500") {
		t.Errorf("message %q", msg)
	}
	if errors.Is(e, ErrNotFound) || e.Unwrap() != nil {
		t.Error("500 is not ErrNotFound")
	}
	if !errors.Is(&HTTPError{StatusCode: 410}, ErrNotFound) {
		t.Error("410 is ErrNotFound")
	}
	if msg := (&RateLimitError{URL: "u"}).Error(); !strings.Contains(msg, "rate limited") {
		t.Errorf("message %q", msg)
	}
}

func TestParseFeedJSONAndAuthors(t *testing.T) {
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "Umpan JSON",
	  "authors": [{"name": "Sari"}],
	  "items": [{"id": "j1", "url": "https://j.example/1", "content_html": "<p>Halo <b>warga</b></p>",
	             "date_published": "2024-10-02T19:04:00+07:00"}]}`
	res, err := ParseFeed([]byte(jsonFeed), FeedOptions{Platform: "blog"})
	if err != nil {
		t.Fatal(err)
	}
	checkRecords(t, res.Records, []Record{{
		ID: "j1", Platform: "blog", Kind: KindPost, Author: "Sari", CreatedAt: "2024-10-02T19:04:00+07:00",
		URL: "https://j.example/1", Text: "Halo warga",
	}})

	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
	<item><guid>a</guid><author>budi@example.com (Budi S)</author><description>satu</description></item>
	<item><guid>b</guid><author>budi@example.com</author><description>dua</description></item>
	<item><guid>c</guid><description>tiga</description><pubDate>not a date</pubDate></item>
	</channel></rss>`
	res, err = ParseFeed([]byte(rss), FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var authors []string
	for _, r := range res.Records {
		authors = append(authors, r.Author)
	}
	if strings.Join(authors, "|") != "Budi S|budi@example.com|" {
		t.Errorf("authors %q", authors)
	}
}

func TestFetchFeedNilClient(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(fixture(t, "atom.xml"))
	}))
	defer srv.Close()
	res, err := FetchFeed(testCtx(t), nil, srv.URL, FeedOptions{})
	if err != nil || len(res.Records) != 3 {
		t.Fatalf("%d records, %v", len(res.Records), err)
	}
}

func TestParseFeedDuplicateItems(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
	<item><guid>a</guid><description>satu</description></item>
	<item><guid>a</guid><description>satu lagi</description></item>
	</channel></rss>`
	res, err := ParseFeed([]byte(rss), FeedOptions{})
	if err != nil || len(res.Records) != 1 || res.Records[0].Text != "satu" {
		t.Errorf("%+v, %v", res.Records, err)
	}
}
