package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

// runCmdEnv is runCmd with environment variables.
func runCmdEnv(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// rssServer serves internal/feeds/testdata/rss2.xml with ETag "v1".
func rssServer(t *testing.T) *httptest.Server {
	rss, err := os.ReadFile("../../internal/feeds/testdata/rss2.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(rss)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// feedsDB sets up instansi 99.01 with an employee and the account x:budi_s.
func feedsDB(t *testing.T) string {
	t.Helper()
	dsn := dbtest.DSN(t)
	if code, _, errs := runCmd(t, "rahasia-uji-123\n", "setup", "--region", "99.01", "--admin", "admin", "--db", dsn); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	i, err := tenant.ByCode(ctx, d, "99.01")
	if err != nil {
		t.Fatal(err)
	}
	reg, sys := &registry.Store{DB: d}, audit.System("test")
	o, err := reg.SaveOPD(ctx, sys, registry.OPD{InstansiID: i.ID, Code: "1.01", Name: "Dinas Kominfo", Kind: "dinas"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := reg.SaveEmployee(ctx, sys, registry.Employee{InstansiID: i.ID, NIP: "198503152010011002", Name: "Budi Santoso",
		OPDID: o.ID}, time.Time{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.SaveAccount(ctx, sys, registry.Account{InstansiID: i.ID, EmployeeID: e.ID, Platform: "x", Handle: "budi_s"}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func TestFeedsCommands(t *testing.T) {
	dsn := feedsDB(t)
	srv := rssServer(t)
	allow := map[string]string{"NETRAL_FETCH_ALLOW": "127.0.0.1"}
	steps := []struct {
		env            map[string]string
		args           []string
		code           int
		outHas, errHas string
	}{
		{nil, []string{"feeds", "add", "--account", "x:budi_s", "--db", dsn}, 2, "", "exactly one"},
		{nil, []string{"feeds", "add", "--account", "budi_s", "--rss", srv.URL, "--db", dsn}, 2, "", "PLATFORM:HANDLE"},
		{nil, []string{"feeds", "add", "--account", "x:budi_s", "--rss", srv.URL, "--mastodon", "m.example", "--db", dsn}, 2, "", "exactly one"},
		{nil, []string{"feeds", "add", "--account", "x:nobody", "--rss", srv.URL, "--db", dsn}, 1, "", "no registered account x:@nobody"},
		{nil, []string{"feeds", "add", "--account", "x:budi_s", "--rss", "ftp://example.org/rss", "--db", dsn}, 1, "", "http(s)"},
		{nil, []string{"feeds", "add", "--account", "twitter:@Budi_S", "--rss", srv.URL + "/rss", "--db", dsn}, 0, "feed 1 added: x:@budi_s (Budi Santoso) rss", ""},
		{nil, []string{"feeds", "add", "--account", "x:https://x.com/budi_s", "--rss", srv.URL + "/rss", "--db", dsn}, 1, "", "already"},
		{nil, []string{"feeds", "list", "--db", dsn}, 0, "never", ""},
		{allow, []string{"feeds", "poll", "--db", dsn}, 0, "4 read, 4 new, 0 duplicate, 1 flagged, 4 attributed", ""},
		{allow, []string{"feeds", "poll", "--db", dsn}, 0, "0 feeds polled", ""}, // nothing due
		{allow, []string{"feeds", "poll", "--all", "--db", dsn}, 0, "not modified", ""},
		{allow, []string{"feeds", "poll", "1", "--db", dsn}, 0, "not modified", ""},
		{allow, []string{"feeds", "poll", "1", "--all", "--db", dsn}, 2, "", "not both"},
		{allow, []string{"feeds", "poll", "x", "--db", dsn}, 2, "", "not a feed id"},
		{allow, []string{"feeds", "poll", "7", "--db", dsn}, 1, "", "feed 7"},
		{nil, []string{"feeds", "poll", "--all", "--db", dsn}, 1, "1 failed", "loopback"}, // the address guard
		{nil, []string{"feeds", "list", "--db", dsn}, 0, "error ×1", ""},
		{nil, []string{"feeds", "list", "--instansi", "11", "--db", dsn}, 2, "", "unknown instansi"},
		{nil, []string{"feeds", "disable", "1", "--db", dsn}, 0, "feed 1 disabled", ""},
		{allow, []string{"feeds", "poll", "--all", "--db", dsn}, 0, "0 feeds polled", ""},
		{nil, []string{"feeds", "list", "--db", dsn}, 0, "no", ""},
		{nil, []string{"feeds", "enable", "1", "--db", dsn}, 0, "feed 1 enabled", ""},
		{nil, []string{"feeds", "enable", "9", "--db", dsn}, 1, "", "not found"},
		{nil, []string{"feeds", "remove", "1", "--db", dsn}, 0, "feed 1 removed", ""},
		{nil, []string{"feeds", "remove", "1", "--db", dsn}, 1, "", "not found"},
		{nil, []string{"serve", "--help"}, 0, "--poll-interval", ""},
		{nil, []string{"serve", "--poll-interval", "5s", "--db", dsn}, 2, "", "at least 10s"},
		{map[string]string{"NETRAL_POLL_INTERVAL": "often"}, []string{"serve", "--db", dsn}, 2, "", "NETRAL_POLL_INTERVAL"},
		{nil, []string{"audit", "verify", "--db", dsn}, 0, "intact", ""},
	}
	for _, s := range steps {
		code, out, errs := runCmdEnv(t, s.env, s.args...)
		if code != s.code || !strings.Contains(out, s.outHas) || !strings.Contains(errs, s.errHas) {
			t.Errorf("netral %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, out, errs)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeRunsTheJobQueue starts `netral serve`, which polls a feed that is
// due through its job queue, and stops it.
func TestServeRunsTheJobQueue(t *testing.T) {
	dsn := feedsDB(t)
	srv := rssServer(t)
	if code, _, errs := runCmd(t, "", "feeds", "add", "--account", "x:budi_s", "--rss", srv.URL+"/rss", "--db", dsn); code != 0 {
		t.Fatal(errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	vars := map[string]string{"NETRAL_FETCH_ALLOW": "127.0.0.1/32"}
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	done := make(chan int)
	go func() {
		done <- run(ctx, e, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--poll-interval", "10s"})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, o, _ := runCmd(t, "", "feeds", "list", "--db", dsn)
		if code == 0 && strings.Contains(o, "ok, 4 new") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the feed was not polled by the server's queue\nstdout: %s\nstderr: %s\nlist: %s", out.String(), errb.String(), o)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve: exit %d: %s", code, errb.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(errb.String(), "job queue stopped") {
		t.Errorf("no graceful stop of the job queue in the log:\n%s", errb.String())
	}
}
