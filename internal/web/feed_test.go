package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/registry"
)

// TestFeedForms adds, polls and removes an account feed on the employee page.
func TestFeedForms(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rss, err := os.ReadFile("../feeds/testdata/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	var down atomic.Bool
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
	}))
	t.Cleanup(feedSrv.Close)
	sys := audit.System("test")
	acc, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "x", Handle: "budi_s"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn2, Platform: "x", Handle: "siti"})
	if err != nil {
		t.Fatal(err)
	}
	base := "/pegawai/" + itoa(f.EmpIn1) + "/akun/" + itoa(acc.ID) + "/umpan"
	tim := f.login("tim")

	_, page := tim.get("/pegawai/" + itoa(f.EmpIn1))
	if !strings.Contains(page, `id="umpan"`) || !strings.Contains(page, `action="`+base+`"`) {
		t.Fatalf("employee page has no feed form:\n%s", page)
	}
	st, _, body := tim.send("POST", base, url.Values{"kind": {"rss"}, "target": {"ftp://example.org/feed"}}, "")
	if st != http.StatusBadRequest || !strings.Contains(body, "URL umpan harus alamat http(s)") || !strings.Contains(body, "ftp://example.org/feed") {
		t.Errorf("bad URL: %d\n%s", st, body)
	}
	st, loc, _ := tim.send("POST", base, url.Values{"kind": {"rss"}, "target": {feedSrv.URL + "/rss"}}, "")
	if st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_added") {
		t.Fatalf("add: %d %q", st, loc)
	}
	fs, err := feedpoll.List(ctx, f.DB, feedpoll.Filter{InstansiID: f.Inst, AccountID: acc.ID})
	if err != nil || len(fs) != 1 {
		t.Fatalf("feeds: %v %+v", err, fs)
	}
	fd := fs[0]
	if st, _, body := tim.send("POST", base, url.Values{"kind": {"rss"}, "target": {feedSrv.URL + "/rss"}}, ""); st != http.StatusBadRequest ||
		!strings.Contains(body, "sudah memiliki umpan") {
		t.Errorf("duplicate: %d", st)
	}
	_, page = tim.get("/pegawai/" + itoa(f.EmpIn1) + "?ok=feed_added")
	if !strings.Contains(page, feedSrv.URL+"/rss") || !strings.Contains(page, "belum diperiksa") || !strings.Contains(page, "Umpan telah ditambahkan") {
		t.Errorf("page after adding:\n%s", page)
	}

	// Poll now, inline (no job queue), against the local server.
	f.S.Feeds = &feedpoll.Poller{DB: f.DB, AllowCIDRs: []string{"127.0.0.1/32"}, Logger: f.S.log}
	pollNow := base + "/" + itoa(fd.ID) + "/periksa"
	if st, loc, _ := tim.send("POST", pollNow, nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_polled") {
		t.Fatalf("poll now: %d %q", st, loc)
	}
	_, page = tim.get("/pegawai/" + itoa(f.EmpIn1))
	if !strings.Contains(page, "berhasil, 4 baru") {
		t.Errorf("page after polling: no status\n%s", page)
	}
	var n int
	if err := f.DB.QueryRow(ctx, `SELECT COUNT(*) FROM activity WHERE account_id = ? AND source = 'feed'`, acc.ID).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d activities attributed to the account (%v), want 4", n, err)
	}
	// A failing feed shows its error.
	down.Store(true)
	if st, loc, _ := tim.send("POST", pollNow, nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_failed") {
		t.Fatalf("poll now of a failing feed: %d %q", st, loc)
	}
	_, page = tim.get("/pegawai/" + itoa(f.EmpIn1))
	if !strings.Contains(page, "gagal (1 kali berturut-turut)") || !strings.Contains(page, "502") {
		t.Errorf("page after a failed poll:\n%s", page)
	}

	// With a job queue, poll now enqueues (once).
	q, err := jobs.New(f.DB, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	f.S.Feeds.Queue = q
	if st, loc, _ := tim.send("POST", pollNow, nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_queued") {
		t.Errorf("poll now with a queue: %d %q", st, loc)
	}
	if st, loc, _ := tim.send("POST", pollNow, nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_busy") {
		t.Errorf("poll now again: %d %q", st, loc)
	}
	if err := f.DB.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'feed_poll'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d poll jobs (%v), want 1", n, err)
	}

	// The path must name the employee's own account and feed, in scope.
	for _, p := range []string{
		"/pegawai/" + itoa(f.EmpIn2) + "/akun/" + itoa(acc.ID) + "/umpan/" + itoa(fd.ID) + "/hapus",   // not EmpIn2's account
		"/pegawai/" + itoa(f.EmpIn2) + "/akun/" + itoa(other.ID) + "/umpan/" + itoa(fd.ID) + "/hapus", // not that account's feed
		base + "/999999/hapus",
		"/pegawai/" + itoa(f.EmpOther) + "/akun/" + itoa(acc.ID) + "/umpan",
	} {
		if st, _, _ := tim.send("POST", p, url.Values{"kind": {"rss"}, "target": {"https://example.org/x"}}, ""); st != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", p, st)
		}
	}
	kepala := f.login("kepala_opd") // OPD1 only: EmpIn2 is out of scope
	if st, _, _ := kepala.send("POST", "/pegawai/"+itoa(f.EmpIn2)+"/akun/"+itoa(other.ID)+"/umpan",
		url.Values{"kind": {"rss"}, "target": {"https://example.org/x"}}, ""); st != http.StatusNotFound && st != http.StatusForbidden {
		t.Errorf("kepala_opd on an employee out of scope: %d", st)
	}
	pimpinan := f.login("pimpinan")
	if st, _, _ := pimpinan.send("POST", pollNow, nil, ""); st != http.StatusForbidden {
		t.Errorf("pimpinan poll now: %d, want 403", st)
	}
	_, page = pimpinan.get("/pegawai/" + itoa(f.EmpIn1))
	if strings.Contains(page, "/periksa") {
		t.Errorf("pimpinan sees the feed forms")
	}

	if st, loc, _ := tim.send("POST", base+"/"+itoa(fd.ID)+"/hapus", nil, ""); st != http.StatusSeeOther || !strings.Contains(loc, "ok=feed_deleted") {
		t.Fatalf("delete: %d %q", st, loc)
	}
	if _, err := feedpoll.Get(ctx, f.DB, f.Inst, fd.ID); err != feedpoll.ErrNotFound {
		t.Errorf("feed after delete: %v", err)
	}
	for _, action := range []string{"feed.create", "feed.delete"} {
		if err := f.DB.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = ? AND actor = 'tim'`, action).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d %s audit entries by tim (%v), want 1", n, action, err)
		}
	}
}
