package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const budiID = "109876543210"

// fixtureMastodon serves the account and statuses fixtures.
func fixtureMastodon(t *testing.T) (*Mastodon, *[]url.Values) {
	t.Helper()
	var mu sync.Mutex
	var queries []url.Values
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/accounts/lookup", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.Query())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if acct := r.URL.Query().Get("acct"); acct != "budi" && acct != "budi@mastodon.example" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(fixture(t, "mastodon_404.json"))
			return
		}
		_, _ = w.Write(fixture(t, "mastodon_account.json"))
	})
	mux.HandleFunc("GET /api/v1/accounts/{id}/statuses", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.Query())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.PathValue("id") != budiID {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(fixture(t, "mastodon_404.json"))
			return
		}
		_, _ = w.Write(fixture(t, "mastodon_statuses.json"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &Mastodon{Client: srv.Client(), BaseURL: srv.URL + "/"}, &queries
}

func TestLookupAccount(t *testing.T) {
	m, queries := fixtureMastodon(t)
	ctx := testCtx(t)
	a, err := m.LookupAccount(ctx, " @budi@mastodon.example ")
	if err != nil {
		t.Fatal(err)
	}
	if got := (*queries)[0].Get("acct"); got != "budi@mastodon.example" {
		t.Errorf("acct sent %q", got)
	}
	want := Account{
		ID: budiID, Acct: "budi", URL: "https://mastodon.example/@budi", DisplayName: "Budi Santoso 🇮🇩",
		Note: "ASN Kabupaten Tanjung Harapan.\nPendukung setia #HeRaMenang & pecinta kopi.",
		Fields: []Field{
			{Name: "Kantor", Value: "Dinas Kominfo"},
			{Name: "Web", Value: "https://budi.example"},
		},
		Server: "127.0.0.1",
	}
	if fmt.Sprintf("%#v", a) != fmt.Sprintf("%#v", want) {
		t.Errorf("account\n got %#v\nwant %#v", a, want)
	}
	if a.Handle() != "@budi@127.0.0.1" {
		t.Errorf("Handle() = %q", a.Handle())
	}

	_, err = m.LookupAccount(ctx, "nobody@mastodon.example")
	var he *HTTPError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &he) || he.StatusCode != 404 {
		t.Errorf("unknown account: %v", err)
	}
	if _, err := m.LookupAccount(ctx, " @ "); err == nil {
		t.Error("empty address accepted")
	}
}

func TestProfileRecord(t *testing.T) {
	a := Account{
		ID: budiID, Acct: "budi", URL: "https://mastodon.example/@budi", DisplayName: "Budi | Pendukung 02",
		Note:   "ASN Kabupaten Tanjung Harapan.\nPendukung setia #HeRaMenang",
		Fields: []Field{{Name: "Kantor", Value: "Dinas Kominfo"}, {Name: "Moto", Value: ""}},
		Server: "mastodon.example",
	}
	r := ProfileRecord(a)
	wantText := "Budi | Pendukung 02\n\nASN Kabupaten Tanjung Harapan.\nPendukung setia #HeRaMenang\n\nKantor: Dinas Kominfo\nMoto"
	if r.Kind != KindProfile || r.Platform != PlatformMastodon || r.Author != "@budi@mastodon.example" ||
		r.URL != a.URL || r.Text != wantText || r.CreatedAt != "" {
		t.Errorf("profile record %#v", r)
	}
	if !strings.HasPrefix(r.ID, "mastodon:mastodon.example:profile:"+budiID+":") || len(r.ID) != len("mastodon:mastodon.example:profile:"+budiID+":")+12 {
		t.Errorf("id %q", r.ID)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
	if again := ProfileRecord(a); again.ID != r.ID {
		t.Errorf("id not stable: %q, %q", r.ID, again.ID)
	}
	a.Note += "!"
	if changed := ProfileRecord(a); changed.ID == r.ID {
		t.Errorf("a changed bio kept id %q", r.ID)
	}
	// A remote account keeps its own domain.
	a.Acct = "@budi@elsewhere.example"
	if got := ProfileRecord(a).Author; got != "@budi@elsewhere.example" {
		t.Errorf("remote author %q", got)
	}
}

func TestStatusesMapping(t *testing.T) {
	m, queries := fixtureMastodon(t)
	recs, newest, err := m.Statuses(testCtx(t), budiID, "", 20)
	if err != nil {
		t.Fatal(err)
	}
	if newest != "113300000000000005" {
		t.Errorf("newest %q", newest)
	}
	q := (*queries)[0]
	if q.Get("limit") != "20" || q.Get("exclude_replies") != "false" || q.Has("since_id") || q.Has("max_id") {
		t.Errorf("query %v", q)
	}
	if len(*queries) != 1 {
		t.Errorf("%d requests for a short page", len(*queries))
	}
	const h = "mastodon:127.0.0.1:"
	author := "@budi@127.0.0.1"
	checkRecords(t, recs, []Record{
		{
			// A reblog: a share by the reblogger of the reblogged status.
			ID: h + "113300000000000005", Platform: "mastodon", Kind: KindShare, Author: author,
			CreatedAt: "2024-10-09T13:00:00Z", URL: "https://other.example/@hendra/555",
			ContextText:   "Ayo menangkan paslon 02 pada 27 November! #HeRaMenang",
			MediaCaptions: []string{"Baliho paslon nomor urut 02"},
		},
		{
			// A reply to someone else: a comment without context.
			ID: h + "113300000000000004", Platform: "mastodon", Kind: KindComment, Author: author,
			CreatedAt: "2024-10-09T10:30:00Z", URL: "https://mastodon.example/@budi/113300000000000004",
			Text: "@sari setuju, mantap pak!",
		},
		{
			// Content warning first, then content, then the poll; media alt
			// texts (the undescribed image skipped) are captions.
			ID: h + "113300000000000003", Platform: "mastodon", Kind: KindPost, Author: author,
			CreatedAt: "2024-10-08T23:15:42Z", URL: "https://mastodon.example/@budi/113300000000000003",
			Text:          "Politik\n\nFoto dari acara semalam & suasana yang meriah.\n\nPilih yang mana?\n\n- Paslon 01\n- Paslon 02",
			MediaCaptions: []string{`Panggung dengan spanduk "Tanjung Harapan Bangkit"`, "Warga berteriak salam satu jari"},
		},
		{
			// A reply to oneself continues a thread: a post; its link card
			// is the context.
			ID: h + "113300000000000002", Platform: "mastodon", Kind: KindPost, Author: author,
			CreatedAt: "2024-10-08T09:00:00Z", URL: "https://mastodon.example/@budi/113300000000000002",
			Text:        "(2/2) Jangan lupa bawa KTP.",
			ContextText: "Debat publik calon bupati digelar\nKPU menggelar debat & adu gagasan",
		},
		{
			// A quote post: the quoted status is the context.
			ID: h + "113300000000000001", Platform: "mastodon", Kind: KindPost, Author: author,
			CreatedAt: "2024-10-08T08:59:00Z", URL: "https://mastodon.example/@budi/113300000000000001",
			Text:          "(1/2) Besok posyandu di balai desa.",
			ContextText:   "Jadwal posyandu bulan Oktober.",
			MediaCaptions: []string{"Tabel jadwal posyandu"},
		},
	})

	if _, _, err := m.Statuses(testCtx(t), "999", "", 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}

// fakeTimeline is a Mastodon account with statuses 1..n, answering
// /api/v1/accounts/1/statuses with Mastodon's pagination semantics (max_id,
// since_id, min_id, limit, Link header).
type fakeTimeline struct {
	*httptest.Server
	n int

	mu       sync.Mutex
	queries  []url.Values
	handle   func(w http.ResponseWriter, r *http.Request, call int) bool // may answer instead
	minIDOff bool                                                        // behave as a server without min_id
}

func newFakeTimeline(t *testing.T, n int) *fakeTimeline {
	ft := &fakeTimeline{n: n}
	ft.Server = httptest.NewServer(http.HandlerFunc(ft.serve))
	t.Cleanup(ft.Close)
	return ft
}

func (ft *fakeTimeline) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/api/v1/accounts/1/statuses" {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	ft.mu.Lock()
	ft.queries = append(ft.queries, q)
	call := len(ft.queries)
	handle := ft.handle
	ft.mu.Unlock()
	if handle != nil && handle(w, r, call) {
		return
	}
	num := func(k string) int {
		v, _ := strconv.Atoi(q.Get(k))
		return v
	}
	limit := min(num("limit"), 40)
	if limit <= 0 {
		limit = 20
	}
	lo := max(num("since_id"), 0)
	minID := q.Get("min_id")
	if ft.minIDOff {
		minID = ""
	}
	if minID != "" {
		lo = max(lo, num("min_id"))
	}
	hi := ft.n + 1
	if q.Has("max_id") {
		hi = num("max_id")
	}
	var ids []int
	for id := lo + 1; id < hi; id++ {
		ids = append(ids, id)
	}
	if minID != "" {
		ids = ids[:min(limit, len(ids))] // the oldest after min_id
	} else {
		ids = ids[max(0, len(ids)-limit):] // the newest below max_id
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	statuses := make([]map[string]any, 0, len(ids))
	base := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range ids {
		statuses = append(statuses, map[string]any{
			"id":         strconv.Itoa(id),
			"created_at": base.Add(time.Duration(id) * time.Minute).Format("2006-01-02T15:04:05.000Z"),
			"content":    fmt.Sprintf("<p>status %d</p>", id),
			"account":    map[string]any{"id": "1", "acct": "budi"},
		})
	}
	// Links name another host: only their ids may be used.
	var links []string
	if len(ids) == limit {
		links = append(links, fmt.Sprintf(`<https://elsewhere.example/api/v1/accounts/1/statuses?limit=%d&max_id=%d>; rel="next"`, limit, ids[len(ids)-1]))
	}
	if len(ids) > 0 {
		links = append(links, fmt.Sprintf(`<https://elsewhere.example/api/v1/accounts/1/statuses?limit=%d&min_id=%d>; rel="prev"`, limit, ids[0]))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(statuses)
}

func (ft *fakeTimeline) mastodon() *Mastodon {
	return &Mastodon{Client: ft.Client(), BaseURL: ft.URL}
}

func (ft *fakeTimeline) requests() []url.Values {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return append([]url.Values(nil), ft.queries...)
}

// ids returns the status ids of records, checking they are newest first.
func statusIDs(t *testing.T, recs []Record) []int {
	t.Helper()
	var ids []int
	for _, r := range recs {
		i := strings.LastIndex(r.ID, ":")
		id, err := strconv.Atoi(r.ID[i+1:])
		if err != nil {
			t.Fatalf("id %q", r.ID)
		}
		if r.Text != fmt.Sprintf("status %d", id) {
			t.Fatalf("record %q has text %q", r.ID, r.Text)
		}
		ids = append(ids, id)
	}
	if !sort.IsSorted(sort.Reverse(sort.IntSlice(ids))) {
		t.Errorf("records not newest first: %v", ids)
	}
	return ids
}

func span(hi, lo int) []int {
	var out []int
	for i := hi; i >= lo; i-- {
		out = append(out, i)
	}
	return out
}

func TestStatusesPaginationNewest(t *testing.T) {
	ft := newFakeTimeline(t, 100)
	recs, newest, err := ft.mastodon().Statuses(testCtx(t), "1", "", 95)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusIDs(t, recs); fmt.Sprint(got) != fmt.Sprint(span(100, 6)) {
		t.Errorf("ids %v", got)
	}
	if newest != "100" {
		t.Errorf("newest %q", newest)
	}
	reqs := ft.requests()
	if len(reqs) != 3 || reqs[0].Get("limit") != "40" || reqs[1].Get("max_id") != "61" || reqs[2].Get("max_id") != "21" || reqs[2].Get("limit") != "15" {
		t.Errorf("requests %v", reqs)
	}

	// Fewer statuses than asked: stops at the end without a next link.
	ft2 := newFakeTimeline(t, 50)
	recs, _, err = ft2.mastodon().Statuses(testCtx(t), "1", "", 200)
	if err != nil || len(recs) != 50 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if n := len(ft2.requests()); n != 2 {
		t.Errorf("%d requests for 50 statuses", n)
	}

	// An account without statuses.
	empty := newFakeTimeline(t, 0)
	recs, newest, err = empty.mastodon().Statuses(testCtx(t), "1", "", 0)
	if err != nil || len(recs) != 0 || newest != "" {
		t.Errorf("empty: %v %q %v", recs, newest, err)
	}
}

func TestStatusesCatchUp(t *testing.T) {
	ft := newFakeTimeline(t, 100)
	m := ft.mastodon()
	ctx := testCtx(t)

	// 90 new statuses since 10, at most 50 a poll: the oldest 50 first, so
	// that nothing is skipped.
	recs, newest, err := m.Statuses(ctx, "1", "10", 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusIDs(t, recs); fmt.Sprint(got) != fmt.Sprint(span(60, 11)) {
		t.Errorf("first poll ids %v", got)
	}
	if newest != "60" {
		t.Errorf("newest %q", newest)
	}
	reqs := ft.requests()
	if len(reqs) != 2 || reqs[0].Get("min_id") != "10" || reqs[0].Get("since_id") != "10" || reqs[1].Get("min_id") != "50" || reqs[1].Get("limit") != "10" {
		t.Errorf("requests %v", reqs)
	}

	recs, newest, err = m.Statuses(ctx, "1", newest, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusIDs(t, recs); fmt.Sprint(got) != fmt.Sprint(span(100, 61)) || newest != "100" {
		t.Errorf("second poll ids %v, newest %q", got, newest)
	}

	recs, newest, err = m.Statuses(ctx, "1", newest, 100)
	if err != nil || len(recs) != 0 || newest != "100" {
		t.Errorf("third poll: %d records, newest %q, %v", len(recs), newest, err)
	}
}

func TestStatusesServerWithoutMinID(t *testing.T) {
	// A server that knows only since_id answers with the newest statuses;
	// the reader must still stop and report the newest id.
	ft := newFakeTimeline(t, 100)
	ft.minIDOff = true
	recs, newest, err := ft.mastodon().Statuses(testCtx(t), "1", "10", 80)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusIDs(t, recs); fmt.Sprint(got) != fmt.Sprint(span(100, 61)) || newest != "100" {
		t.Errorf("ids %v, newest %q", got, newest)
	}
	if n := len(ft.requests()); n != 2 {
		t.Errorf("%d requests", n)
	}
}

func TestStatusesRateLimit(t *testing.T) {
	reset := time.Date(2030, 1, 2, 3, 4, 5, 123456000, time.UTC)

	// Remaining 0 on a successful page: stop paginating, no error.
	ft := newFakeTimeline(t, 100)
	ft.handle = func(w http.ResponseWriter, r *http.Request, call int) bool {
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", reset.Format(time.RFC3339Nano))
		return false
	}
	recs, newest, err := ft.mastodon().Statuses(testCtx(t), "1", "", 100)
	if err != nil || len(recs) != 40 || newest != "100" || len(ft.requests()) != 1 {
		t.Errorf("remaining 0: %d records, %q, %v, %d requests", len(recs), newest, err, len(ft.requests()))
	}

	// 429 on the first request.
	limited := newFakeTimeline(t, 100)
	limited.handle = func(w http.ResponseWriter, r *http.Request, call int) bool {
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", "2030-01-02T03:04:05.123456Z")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write(fixture(t, "mastodon_429.json"))
		return true
	}
	recs, newest, err = limited.mastodon().Statuses(testCtx(t), "1", "7", 10)
	var rl *RateLimitError
	if !errors.Is(err, ErrRateLimited) || !errors.As(err, &rl) {
		t.Fatalf("429: %v", err)
	}
	if !rl.Reset.Equal(reset) || rl.Limit != 300 || rl.Remaining != 0 || len(recs) != 0 || newest != "7" {
		t.Errorf("429: %+v, %d records, newest %q", rl, len(recs), newest)
	}
	if !strings.Contains(err.Error(), "2030-01-02T03:04:05Z") {
		t.Errorf("message %q", err)
	}
	if at := rl.RetryAt(time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC), time.Minute); !at.Equal(reset) {
		t.Errorf("RetryAt %v", at)
	}

	// 429 on the second page: the first page comes back with the error,
	// and newestID covers it.
	partial := newFakeTimeline(t, 100)
	partial.handle = func(w http.ResponseWriter, r *http.Request, call int) bool {
		if call < 2 {
			return false
		}
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	before := time.Now()
	recs, newest, err = partial.mastodon().Statuses(testCtx(t), "1", "10", 100)
	if !errors.As(err, &rl) || rl.Reset.Before(before.Add(29*time.Second)) || rl.Reset.After(time.Now().Add(31*time.Second)) || rl.Limit != -1 {
		t.Errorf("Retry-After: %v %+v", err, rl)
	}
	if got := statusIDs(t, recs); fmt.Sprint(got) != fmt.Sprint(span(50, 11)) || newest != "50" {
		t.Errorf("partial: ids %v, newest %q", got, newest)
	}
}

func TestStatusesErrors(t *testing.T) {
	ft := newFakeTimeline(t, 10)
	ft.handle = func(w http.ResponseWriter, r *http.Request, call int) bool {
		switch call {
		case 1:
			http.Error(w, "boom", http.StatusBadGateway)
		case 2:
			_, _ = w.Write([]byte(`{"error": "not a list"}`))
		case 3:
			<-r.Context().Done() // outlives the caller's deadline
		default:
			return false
		}
		return true
	}
	m := ft.mastodon()
	ctx := testCtx(t)

	_, _, err := m.Statuses(ctx, "1", "", 0)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 502 || errors.Is(err, ErrNotFound) {
		t.Errorf("502: %v", err)
	}
	if _, _, err := m.Statuses(ctx, "1", "", 0); err == nil || !strings.Contains(err.Error(), "decoding") {
		t.Errorf("bad JSON: %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, _, err := m.Statuses(short, "1", "", 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v", err)
	}

	for _, id := range []string{"", "../../admin", "1/statuses", "1?x=1", "a b"} {
		if _, _, err := m.Statuses(ctx, id, "", 0); err == nil {
			t.Errorf("account id %q accepted", id)
		}
	}
	if _, _, err := m.Statuses(ctx, "1", "1&limit=1000", 0); err == nil {
		t.Error("bad since id accepted")
	}
	n := len(ft.requests())
	for _, base := range []string{"", "ftp://x", "mastodon.example", "http://"} {
		if _, _, err := (&Mastodon{BaseURL: base}).Statuses(ctx, "1", "", 0); err == nil {
			t.Errorf("base URL %q accepted", base)
		}
	}
	if len(ft.requests()) != n {
		t.Error("invalid arguments sent requests")
	}

	big := &Mastodon{Client: ft.Client(), BaseURL: ft.URL, MaxBytes: 64}
	if _, _, err := big.Statuses(ctx, "1", "", 0); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes: %v", err)
	}
}

func TestStatusNumericIDsAndOddShapes(t *testing.T) {
	// Numeric ids, a null reblog, a quote that is not Mastodon's shape, an
	// unaccepted quote, and a reblog without any URL.
	doc := `[
	 {"id": 42, "created_at": "2024-10-01T00:00:00Z", "in_reply_to_id": 41, "in_reply_to_account_id": 7,
	  "content": "hai", "account": {"id": 7, "acct": "budi@remote.example"}, "reblog": null, "quote": "x"},
	 {"id": "43", "created_at": "bad", "content": "<p>dikutip</p>", "account": {"id": "7", "acct": "budi"},
	  "quote": {"state": "pending", "quoted_status": {"id": "1", "content": "rahasia"}}},
	 {"id": "44", "account": {"id": "7", "acct": "budi"}, "uri": "https://h.example/activity/44",
	  "reblog": {"id": "2", "content": "asli", "account": {"id": "9", "acct": "lain"}}}
	]`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(doc))
	}))
	defer srv.Close()
	recs, newest, err := (&Mastodon{Client: srv.Client(), BaseURL: srv.URL}).Statuses(testCtx(t), "7", "", 3)
	if err != nil {
		t.Fatal(err)
	}
	if newest != "42" {
		t.Errorf("newest %q", newest)
	}
	checkRecords(t, recs, []Record{
		// A reply to one's own account id (7) is a post.
		{ID: "mastodon:127.0.0.1:42", Platform: "mastodon", Kind: KindPost, Author: "@budi@remote.example", CreatedAt: "2024-10-01T00:00:00Z", Text: "hai"},
		{ID: "mastodon:127.0.0.1:43", Platform: "mastodon", Kind: KindPost, Author: "@budi@127.0.0.1", Text: "dikutip"},
		{ID: "mastodon:127.0.0.1:44", Platform: "mastodon", Kind: KindShare, Author: "@budi@127.0.0.1", URL: "https://h.example/activity/44", ContextText: "asli"},
	})
}

func TestLinkCursors(t *testing.T) {
	for _, c := range []struct{ header, next, prev string }{
		{`<https://m.example/api/v1/accounts/1/statuses?max_id=100>; rel="next", <https://m.example/api/v1/accounts/1/statuses?min_id=200>; rel="prev"`, "100", "200"},
		{`<https://m.example/x?since_id=5>; rel=prev`, "", "5"},
		{`<https://m.example/x?max_id=../../evil>; rel="next"`, "", ""},
		{`<https://m.example/x?max_id=9>; REL="Next"; type="application/json"`, "9", ""},
		{`garbage, <unterminated; rel="next"`, "", ""},
		{``, "", ""},
	} {
		next, prev := linkCursors(c.header)
		if next != c.next || prev != c.prev {
			t.Errorf("linkCursors(%q) = %q, %q; want %q, %q", c.header, next, prev, c.next, c.prev)
		}
	}
}

func TestParseReset(t *testing.T) {
	now := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		v    string
		want time.Time
		ok   bool
	}{
		{"2024-10-01T00:05:00.000000Z", now.Add(5 * time.Minute), true},
		{"2024-10-01T07:05:00+07:00", now.Add(5 * time.Minute), true},
		{"1727741100", now.Add(5 * time.Minute), true},
		{"60", now.Add(time.Minute), true},
		{"", time.Time{}, false},
		{"soon", time.Time{}, false},
		{"-5", time.Time{}, false},
	} {
		got, ok := parseReset(c.v, now)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("parseReset(%q) = %v, %v; want %v, %v", c.v, got, ok, c.want, c.ok)
		}
	}
	if got, ok := parseRetryAfter("Tue, 01 Oct 2024 00:01:00 GMT", now); !ok || !got.Equal(now.Add(time.Minute)) {
		t.Errorf("Retry-After date: %v %v", got, ok)
	}
	e := &RateLimitError{}
	if at := e.RetryAt(now, time.Minute); !at.Equal(now.Add(time.Minute)) {
		t.Errorf("RetryAt without reset: %v", at)
	}
	if e.Error() == "" || !errors.Is(e, ErrRateLimited) || errors.Is(e, ErrNotFound) {
		t.Error("RateLimitError identity")
	}
}

func TestRedact(t *testing.T) {
	if got := redact("https://user:secret@feeds.example/x"); strings.Contains(got, "secret") {
		t.Errorf("redact kept the password: %q", got)
	}
	if got := redact("https://feeds.example/x"); got != "https://feeds.example/x" {
		t.Errorf("redact changed %q", got)
	}
}
