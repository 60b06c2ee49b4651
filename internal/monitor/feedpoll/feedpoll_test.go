package feedpoll_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/feeds"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

var actor = audit.Actor{Name: "system:test", IP: "127.0.0.1"}

// fixture is a database with instansi 99.01 (the demo Pilkada is its
// default election), one employee with an X account (read through an RSS
// bridge) and a Mastodon account, and a fake feed and Mastodon server.
type fixture struct {
	t      *testing.T
	d      *db.DB
	inst   tenant.Instansi
	budi   registry.Employee
	x      registry.Account // x:budi_s
	masto  registry.Account // mastodon:budi
	srv    *fakeServer
	poller *feedpoll.Poller
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, d: dbtest.Open(t)}
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		f.inst, err = tenant.Create(ctx, tx, actor, "99.01", "Kabupaten Tanjung Harapan", tenant.KindKabupaten)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := &registry.Store{DB: f.d}
	o, err := reg.SaveOPD(ctx, actor, registry.OPD{InstansiID: f.inst.ID, Code: "1.01", Name: "Dinas Kominfo", Kind: "dinas"})
	if err != nil {
		t.Fatal(err)
	}
	f.budi, err = reg.SaveEmployee(ctx, actor, registry.Employee{InstansiID: f.inst.ID, NIP: "198503152010011002",
		Name: "Budi Santoso", Jabatan: "Analis", OPDID: o.ID}, time.Time{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if f.x, err = reg.SaveAccount(ctx, actor, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.budi.ID, Platform: "x", Handle: "budi_s"}); err != nil {
		t.Fatal(err)
	}
	if f.masto, err = reg.SaveAccount(ctx, actor, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.budi.ID, Platform: "mastodon", Handle: "budi"}); err != nil {
		t.Fatal(err)
	}
	f.srv = newFakeServer(t)
	f.poller = &feedpoll.Poller{DB: f.d, AllowCIDRs: []string{"127.0.0.1/32"}, Logger: quiet()}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		if _, err := audit.Verify(context.Background(), f.d); err != nil {
			t.Errorf("audit.Verify: %v", err)
		}
	})
	return f
}

func (f *fixture) addFeed(nf feedpoll.NewFeed) feedpoll.Feed {
	f.t.Helper()
	nf.InstansiID = f.inst.ID
	fd, err := feedpoll.Add(context.Background(), f.d, actor, nf)
	if err != nil {
		f.t.Fatal(err)
	}
	return fd
}

func (f *fixture) rssFeed() feedpoll.Feed {
	return f.addFeed(feedpoll.NewFeed{AccountID: f.x.ID, Kind: feedpoll.KindRSS, URL: f.srv.URL + "/budi_s/rss"})
}

func (f *fixture) mastoFeed() feedpoll.Feed {
	return f.addFeed(feedpoll.NewFeed{AccountID: f.masto.ID, Kind: feedpoll.KindMastodon, Server: f.srv.URL})
}

func (f *fixture) get(id int64) feedpoll.Feed {
	f.t.Helper()
	fd, err := feedpoll.Get(context.Background(), f.d, f.inst.ID, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return fd
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// fakeServer serves an RSS feed (internal/feeds/testdata/rss2.xml, ETag
// "v1") and a Mastodon API (the account and statuses fixtures); fail, when
// set, answers every request with that status.
type fakeServer struct {
	*httptest.Server
	mu         sync.Mutex
	fail       int    // status to answer with; 0 = normal
	retryAfter string // Retry-After of a 429
	noETag     bool   // the feed ignores If-None-Match
	note       string // replaces the Mastodon account's bio when set
	requests   atomic.Int64
	rss        []byte
	account    []byte
	statuses   []byte
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "feeds", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newFakeServer(t *testing.T) *fakeServer {
	s := &fakeServer{rss: testdata(t, "rss2.xml"), account: testdata(t, "mastodon_account.json"),
		statuses: testdata(t, "mastodon_statuses.json")}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *fakeServer) set(fn func(s *fakeServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s)
}

func (s *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.mu.Lock()
	fail, retryAfter, noETag, note := s.fail, s.retryAfter, s.noETag, s.note
	s.mu.Unlock()
	if fail != 0 {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		http.Error(w, http.StatusText(fail), fail)
		return
	}
	switch {
	case r.URL.Path == "/budi_s/rss":
		if !noETag {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(s.rss)
	case r.URL.Path == "/api/v1/accounts/lookup":
		if r.URL.Query().Get("acct") != "budi" {
			http.Error(w, `{"error":"Record not found"}`, http.StatusNotFound)
			return
		}
		body := s.account
		if note != "" {
			var m map[string]any
			json.Unmarshal(body, &m)
			m["note"] = note
			body, _ = json.Marshal(m)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	case r.URL.Path == "/api/v1/accounts/109876543210/statuses":
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("min_id") != "" || r.URL.Query().Get("since_id") != "" {
			w.Write([]byte("[]")) // nothing after the newest fixture status
			return
		}
		w.Write(s.statuses)
	default:
		http.NotFound(w, r)
	}
}

func TestAddListDelete(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	bad := []struct {
		nf   feedpoll.NewFeed
		code string
	}{
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "gopher", URL: "https://example.org/rss"}, "kind"},
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "rss", URL: "ftp://example.org/rss"}, "url"},
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "rss", URL: "https://user:pw@example.org/rss"}, "url"},
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "rss"}, "url"},
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "mastodon", Server: "https://mastodon.social/@budi"}, "server"},
		{feedpoll.NewFeed{AccountID: f.x.ID, Kind: "mastodon"}, "server"}, // no domain in the handle, no URL
		{feedpoll.NewFeed{AccountID: 999999, Kind: "rss", URL: "https://example.org/rss"}, "account"},
	}
	for _, b := range bad {
		b.nf.InstansiID = f.inst.ID
		_, err := feedpoll.Add(ctx, f.d, actor, b.nf)
		var fe *feedpoll.FieldError
		if !errors.As(err, &fe) || fe.Code != b.code || !errors.Is(err, feedpoll.ErrInvalid) {
			t.Errorf("Add(%+v) = %v, want code %q", b.nf, err, b.code)
		}
	}
	rss := f.rssFeed()
	m := f.addFeed(feedpoll.NewFeed{AccountID: f.masto.ID, Kind: "Mastodon", Server: " Mastodon.Example/ "})
	if m.Server != "https://mastodon.example" || m.Kind != "mastodon" || !m.Enabled || m.Handle != "budi" {
		t.Errorf("mastodon feed: %+v", m)
	}
	if _, err := feedpoll.Add(ctx, f.d, actor, feedpoll.NewFeed{InstansiID: f.inst.ID, AccountID: f.x.ID, Kind: "rss",
		URL: f.srv.URL + "/budi_s/rss"}); !errors.Is(err, feedpoll.ErrInvalid) || !strings.Contains(err.Error(), "already") {
		t.Errorf("duplicate: %v", err)
	}
	list, err := feedpoll.List(ctx, f.d, feedpoll.Filter{InstansiID: f.inst.ID, EmployeeID: f.budi.ID})
	if err != nil || len(list) != 2 || list[0].Status() != "never" || list[0].EmployeeName != "Budi Santoso" {
		t.Fatalf("list: %v %+v", err, list)
	}
	if err := feedpoll.SetEnabled(ctx, f.d, actor, f.inst.ID, rss.ID, false); err != nil {
		t.Fatal(err)
	}
	if l, _ := feedpoll.List(ctx, f.d, feedpoll.Filter{EnabledOnly: true}); len(l) != 1 || l[0].ID != m.ID {
		t.Errorf("enabled only: %+v", l)
	}
	if err := feedpoll.Delete(ctx, f.d, actor, f.inst.ID, f.x.ID, m.ID); !errors.Is(err, feedpoll.ErrNotFound) {
		t.Errorf("delete through another account: %v", err)
	}
	if err := feedpoll.Delete(ctx, f.d, actor, f.inst.ID, f.masto.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := feedpoll.Get(ctx, f.d, f.inst.ID, m.ID); !errors.Is(err, feedpoll.ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
	for action, want := range map[string]int{"feed.create": 2, "feed.update": 1, "feed.delete": 1} {
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_type = 'account_feed'`, action); n != want {
			t.Errorf("%d %s audit entries, want %d", n, action, want)
		}
	}
	// Removing the account removes its feeds.
	if err := (&registry.Store{DB: f.d}).DeleteAccount(ctx, actor, f.inst.ID, f.budi.ID, f.x.ID); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT COUNT(*) FROM account_feed`); n != 0 {
		t.Errorf("%d feeds left after the account was deleted", n)
	}
}

func TestNormalizeServer(t *testing.T) {
	for in, want := range map[string]string{
		"mastodon.social":          "https://mastodon.social",
		"https://Mastodon.Social/": "https://mastodon.social",
		"http://127.0.0.1:8080":    "http://127.0.0.1:8080",
		"[::1]:3000":               "https://[::1]:3000",
	} {
		if got, err := feedpoll.NormalizeServer(in); err != nil || got != want {
			t.Errorf("NormalizeServer(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ftp://x.org", "https://x.org/path", "https://x.org/?q=1", "https://u@x.org"} {
		if got, err := feedpoll.NormalizeServer(in); err == nil {
			t.Errorf("NormalizeServer(%q) = %q, want an error", in, got)
		}
	}
}

func TestPollRSS(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	fd := f.rssFeed()
	res, err := f.poller.Poll(ctx, fd.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 4 || res.New != 4 || res.Attributed != 4 || res.Flagged < 1 || res.NotModified {
		t.Errorf("first poll: %+v", res)
	}
	got := f.get(fd.ID)
	if got.ETag != `"v1"` || got.LastNew != 4 || got.Error != "" || got.ErrorCount != 0 || got.LastPolledAt.IsZero() || got.Status() != "ok" {
		t.Errorf("feed after the first poll: %+v", got)
	}
	// Stored as the account's: platform x, author its handle, source feed.
	page, err := monitor.List(ctx, f.d, monitor.Filter{InstansiID: f.inst.ID})
	if err != nil || len(page.Items) != 4 {
		t.Fatalf("activities: %v, %d", err, len(page.Items))
	}
	flagged := 0
	for _, a := range page.Items {
		if a.Platform != "x" || a.Author != "@budi_s" || a.Source != monitor.SourceFeed ||
			a.Attribution == nil || a.Attribution.AccountID != f.x.ID || a.Attribution.EmployeeID != f.budi.ID {
			t.Errorf("activity %s: %+v %+v", a.ExternalID, a, a.Attribution)
		}
		if a.Flagged {
			flagged++
			if a.Kind != "share" || a.Screening == nil || a.Screening.Stance == "" {
				t.Errorf("flagged activity %s: kind %s, screening %+v", a.ExternalID, a.Kind, a.Screening)
			}
		}
	}
	if flagged != res.Flagged {
		t.Errorf("%d flagged stored, poll said %d", flagged, res.Flagged)
	}
	ingests := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.ingest'`)

	// Second poll: 304, nothing new.
	res, err = f.poller.Poll(ctx, fd.ID)
	if err != nil || !res.NotModified || res.New != 0 || res.Fetched != 0 {
		t.Errorf("second poll: %+v %v", res, err)
	}
	if got := f.get(fd.ID); got.LastNew != 0 || got.ETag != `"v1"` || got.Status() != "ok" {
		t.Errorf("feed after the second poll: %+v", got)
	}
	// A server without validators: everything read again, nothing stored
	// twice, and no ingest (nor its audit entry) for nothing.
	f.srv.set(func(s *fakeServer) { s.noETag = true })
	res, err = f.poller.Poll(ctx, fd.ID)
	if err != nil || res.NotModified || res.Fetched != 4 || res.New != 0 || res.Duplicates != 4 {
		t.Errorf("third poll: %+v %v", res, err)
	}
	if n := f.count(`SELECT COUNT(*) FROM activity`); n != 4 {
		t.Errorf("%d activities after three polls, want 4", n)
	}
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.ingest'`); n != ingests {
		t.Errorf("%d ingest audit entries after polls that stored nothing, want %d", n, ingests)
	}
}

func TestPollMastodon(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	fd := f.mastoFeed()
	res, err := f.poller.Poll(ctx, fd.ID)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []map[string]any
	if err := json.Unmarshal(f.srv.statuses, &statuses); err != nil {
		t.Fatal(err)
	}
	if res.New != len(statuses)+1 || !res.Profile || res.Attributed != res.New || res.Flagged < 2 {
		t.Errorf("first poll: %+v (fixture has %d statuses)", res, len(statuses))
	}
	got := f.get(fd.ID)
	if got.RemoteAccountID != "109876543210" || got.LastStatusID != "113300000000000005" || got.Error != "" {
		t.Errorf("feed after the first poll: %+v", got)
	}
	prof, err := monitor.List(ctx, f.d, monitor.Filter{InstansiID: f.inst.ID, Kind: "profile"})
	if err != nil || len(prof.Items) != 1 || !prof.Items[0].Flagged || prof.Items[0].Author != "@budi" ||
		prof.Items[0].Attribution == nil || prof.Items[0].Attribution.AccountID != f.masto.ID {
		t.Fatalf("profile: %v %+v", err, prof.Items)
	}
	// Nothing new.
	res, err = f.poller.Poll(ctx, fd.ID)
	if err != nil || res.New != 0 || res.Profile || res.Fetched != 1 || res.Duplicates != 1 {
		t.Errorf("second poll: %+v %v", res, err)
	}
	// A changed bio is a new profile record.
	f.srv.set(func(s *fakeServer) { s.note = "<p>ASN Kabupaten Tanjung Harapan. Pecinta kopi.</p>" })
	res, err = f.poller.Poll(ctx, fd.ID)
	if err != nil || res.New != 1 || !res.Profile || res.Flagged != 0 {
		t.Errorf("poll after the bio changed: %+v %v", res, err)
	}
	if n := f.count(`SELECT COUNT(*) FROM activity WHERE kind = 'profile'`); n != 2 {
		t.Errorf("%d profile versions, want 2", n)
	}
	// An account the server does not know.
	if _, err := (&registry.Store{DB: f.d}).SaveAccount(ctx, actor, registry.Account{ID: f.masto.ID, InstansiID: f.inst.ID,
		EmployeeID: f.budi.ID, Platform: "mastodon", Handle: "nobody"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.poller.Poll(ctx, fd.ID)
	if !errors.Is(err, feeds.ErrNotFound) || !feedpoll.Permanent(err) {
		t.Errorf("unknown account: %v", err)
	}
	var ce *rivertype.JobCancelError
	if !errors.As(feedpoll.JobError(err, time.Now()), &ce) {
		t.Errorf("a 404 should cancel the job, got %v", feedpoll.JobError(err, time.Now()))
	}
}

func TestPollErrorsAreRecordedAndRetried(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	fd := f.rssFeed()
	f.srv.set(func(s *fakeServer) { s.fail = http.StatusBadGateway })
	for i := 1; i <= 2; i++ {
		_, err := f.poller.Poll(ctx, fd.ID)
		if err == nil || feedpoll.Permanent(err) {
			t.Fatalf("poll %d: %v, want a transient error", i, err)
		}
		// The job returns the error itself: River retries it with back-off.
		if jerr := f.poller.Work(ctx, fd.ID); jerr == nil || errors.Is(jerr, &rivertype.JobSnoozeError{}) {
			t.Fatalf("work %d: %v", i, jerr)
		}
		if got := f.get(fd.ID); got.ErrorCount != 2*i || !strings.Contains(got.Error, "502") || got.Status() != "error" {
			t.Errorf("after failure %d: %+v", i, got)
		}
	}
	f.srv.set(func(s *fakeServer) { s.fail = 0 })
	if err := f.poller.Work(ctx, fd.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.get(fd.ID); got.ErrorCount != 0 || got.Error != "" || got.LastNew != 4 {
		t.Errorf("after recovery: %+v", got)
	}
	for a, want := range map[int][2]time.Duration{1: {27 * time.Second, 33 * time.Second}, 3: {108 * time.Second, 132 * time.Second},
		20: {9 * time.Minute, 11 * time.Minute}} {
		if d := feedpoll.RetryDelay(a); d < want[0] || d > want[1] {
			t.Errorf("RetryDelay(%d) = %v, want %v–%v", a, d, want[0], want[1])
		}
	}
	// A disabled or removed feed's job does nothing.
	f.srv.set(func(s *fakeServer) { s.fail = http.StatusInternalServerError })
	if err := feedpoll.SetEnabled(ctx, f.d, actor, f.inst.ID, fd.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := f.poller.Work(ctx, fd.ID); err != nil {
		t.Errorf("disabled feed: %v", err)
	}
	if err := f.poller.Work(ctx, 999999); err != nil {
		t.Errorf("removed feed: %v", err)
	}
}

func TestRateLimitSnoozes(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for _, fd := range []feedpoll.Feed{f.rssFeed(), f.mastoFeed()} {
		f.srv.set(func(s *fakeServer) { s.fail, s.retryAfter = http.StatusTooManyRequests, "120" })
		_, err := f.poller.Poll(ctx, fd.ID)
		var rl *feeds.RateLimitError
		if !errors.As(err, &rl) || feedpoll.Permanent(err) {
			t.Fatalf("%s: %v, want a rate limit", fd.Kind, err)
		}
		got := f.get(fd.ID)
		if got.ErrorCount != 0 || !strings.Contains(got.Error, "rate limited") || got.Status() != "warning" {
			t.Errorf("%s: a rate limit is recorded but not counted as a failure: %+v", fd.Kind, got)
		}
		var snooze *river.JobSnoozeError
		jerr := f.poller.Work(ctx, fd.ID)
		if !errors.As(jerr, &snooze) || snooze.Duration < 100*time.Second || snooze.Duration > 121*time.Second {
			t.Errorf("%s: work: %v, want a snooze of about 2 minutes", fd.Kind, jerr)
		}
		f.srv.set(func(s *fakeServer) { s.fail, s.retryAfter = 0, "" })
		if err := f.poller.Work(ctx, fd.ID); err != nil {
			t.Errorf("%s: after the limit: %v", fd.Kind, err)
		}
	}
	// Without a reset time: RateLimitWait; a far reset is capped.
	now := time.Now()
	var snooze *river.JobSnoozeError
	if err := feedpoll.JobError(&feeds.RateLimitError{}, now); !errors.As(err, &snooze) || snooze.Duration != feedpoll.RateLimitWait {
		t.Errorf("no reset: %v", err)
	}
	if err := feedpoll.JobError(&feeds.RateLimitError{Reset: now.Add(72 * time.Hour)}, now); !errors.As(err, &snooze) || snooze.Duration != feedpoll.MaxRateLimitWait {
		t.Errorf("far reset: %v", err)
	}
}

func TestBlockedAddressIsPermanent(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	fd := f.rssFeed()
	strict := &feedpoll.Poller{DB: f.d, Logger: quiet()} // no allow-list: 127.0.0.1 is refused
	_, err := strict.Poll(ctx, fd.ID)
	if !errors.Is(err, capture.ErrBlockedAddress) || !feedpoll.Permanent(err) {
		t.Fatalf("poll of a loopback feed: %v", err)
	}
	if f.srv.requests.Load() != 0 {
		t.Errorf("the server was contacted %d times", f.srv.requests.Load())
	}
	var ce *rivertype.JobCancelError
	if err := strict.Work(ctx, fd.ID); !errors.As(err, &ce) {
		t.Errorf("work: %v, want a cancelled job", err)
	}
	if got := f.get(fd.ID); got.ErrorCount != 2 || !strings.Contains(got.Error, "loopback") {
		t.Errorf("feed: %+v", got)
	}
}

func TestEnqueueDue(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	q, err := jobs.New(f.d, jobs.Options{}) // insert-only
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	now := time.Now()
	p := &feedpoll.Poller{DB: f.d, Queue: q, Interval: 15 * time.Minute, Now: func() time.Time { return now }}

	reg := &registry.Store{DB: f.d}
	acc := func(h string) int64 {
		a, err := reg.SaveAccount(ctx, actor, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.budi.ID, Platform: "x", Handle: h})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	never := f.rssFeed()
	old := f.addFeed(feedpoll.NewFeed{AccountID: acc("old"), Kind: "rss", URL: "https://example.org/old"})
	fresh := f.addFeed(feedpoll.NewFeed{AccountID: acc("fresh"), Kind: "rss", URL: "https://example.org/fresh"})
	off := f.addFeed(feedpoll.NewFeed{AccountID: acc("off"), Kind: "rss", URL: "https://example.org/off"})
	failing := f.addFeed(feedpoll.NewFeed{AccountID: acc("failing"), Kind: "rss", URL: "https://example.org/failing"})
	dead := f.addFeed(feedpoll.NewFeed{AccountID: acc("dead"), Kind: "rss", URL: "https://example.org/dead"})
	set := func(id int64, ago time.Duration, failures int) {
		if _, err := f.d.Exec(ctx, `UPDATE account_feed SET last_polled_at = ?, error_count = ? WHERE id = ?`,
			clock.Format(now.Add(-ago)), failures, id); err != nil {
			t.Fatal(err)
		}
	}
	set(old.ID, 16*time.Minute, 0)
	set(fresh.ID, 5*time.Minute, 0)
	set(off.ID, time.Hour, 0)
	set(failing.ID, 20*time.Minute, 5) // backs off to 30 minutes
	set(dead.ID, 5*time.Hour, 40)      // backs off to 4 hours
	if err := feedpoll.SetEnabled(ctx, f.d, actor, f.inst.ID, off.ID, false); err != nil {
		t.Fatal(err)
	}
	n, err := p.EnqueueDue(ctx)
	if err != nil || n != 3 {
		t.Fatalf("EnqueueDue = %d, %v; want 3", n, err)
	}
	// Still queued: nothing enqueued twice.
	if n, err := p.EnqueueDue(ctx); err != nil || n != 0 {
		t.Errorf("EnqueueDue again = %d, %v; want 0", n, err)
	}
	if ok, err := p.Enqueue(ctx, f.inst.ID, never.ID); err != nil || ok {
		t.Errorf("poll now of a queued feed = %v, %v; want false", ok, err)
	}
	if ok, err := p.Enqueue(ctx, f.inst.ID, fresh.ID); err != nil || !ok {
		t.Errorf("poll now = %v, %v; want true", ok, err)
	}
	if _, err := p.Enqueue(ctx, f.inst.ID+1000, fresh.ID); !errors.Is(err, feedpoll.ErrNotFound) {
		t.Errorf("poll now of another instansi's feed: %v", err)
	}
	argsText := "json(args)" // SQLite stores JSONB
	if f.d.Engine() == db.Postgres {
		argsText = "args::text"
	}
	rows, err := f.d.Query(ctx, `SELECT `+argsText+` FROM river_job WHERE kind = 'feed_poll' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var a feedpoll.PollFeed
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.FeedID)
	}
	want := map[int64]bool{never.ID: true, old.ID: true, dead.ID: true, fresh.ID: true}
	if len(ids) != len(want) {
		t.Errorf("jobs for feeds %v, want %v", ids, want)
	}
	for _, id := range ids {
		if !want[id] {
			t.Errorf("job for feed %d, want only %v", id, want)
		}
	}
}

// TestQueueWorksPolls runs polls through a started queue: "poll now" and
// the periodic enqueuer, one job per feed.
func TestQueueWorksPolls(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	rss, masto := f.rssFeed(), f.mastoFeed()
	p := &feedpoll.Poller{DB: f.d, AllowCIDRs: []string{"127.0.0.1/32"}, Interval: time.Minute, Logger: quiet()}
	w := jobs.NewWorkers()
	p.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	p.Queue = q
	events, cancel := q.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	defer cancel()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	// done counts completed jobs by kind over the whole test, so a job that
	// completes before the one being waited for (River reports completions
	// in batches, not in insertion order) is not lost.
	done := map[string]int{}
	wait := func(kind string, total int) {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for done[kind] < total {
			select {
			case ev := <-events:
				if ev.Kind != river.EventKindJobCompleted {
					t.Fatalf("job %s: %s: %v", ev.Job.Kind, ev.Kind, ev.Job.Errors)
				}
				done[ev.Job.Kind]++
			case <-timeout:
				t.Fatalf("timed out waiting for %s jobs: %d of %d completed", kind, done[kind], total)
			}
		}
	}
	if ok, err := p.Enqueue(ctx, f.inst.ID, rss.ID); err != nil || !ok {
		t.Fatalf("enqueue: %v %v", ok, err)
	}
	wait("feed_poll", 1)
	if got := f.get(rss.ID); got.LastNew != 4 || got.Status() != "ok" {
		t.Errorf("rss feed after its job: %+v", got)
	}
	if _, err := q.Insert(ctx, feedpoll.EnqueueDue{}, nil); err != nil {
		t.Fatal(err)
	}
	wait("feed_enqueue_due", 1)
	wait("feed_poll", 2) // only the Mastodon feed was due
	if got := f.get(masto.ID); got.RemoteAccountID == "" || got.LastNew == 0 {
		t.Errorf("mastodon feed after its job: %+v", got)
	}
	if n := f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'feed_poll'`); n != 2 {
		t.Errorf("%d poll jobs, want 2", n)
	}
}
