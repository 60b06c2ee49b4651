package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLoginLogoutAndCSRF(t *testing.T) {
	f := newFixture(t)
	c := f.anon()
	if resp, _ := c.get("/dasbor"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/masuk") {
		t.Fatalf("anonymous dashboard: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp := c.post("/masuk", url.Values{"username": {"admin"}, "password": {"salah-sekali-123"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	a := f.login("admin")
	if resp, body := a.get("/dasbor"); resp.StatusCode != 200 || !strings.Contains(body, "stat-employees") {
		t.Fatalf("dashboard: %d", resp.StatusCode)
	}
	for _, ck := range a.http.Jar.Cookies(mustURL(f.TS.URL)) {
		if ck.Name == sessionCookie && ck.Value == "" {
			t.Fatal("empty session cookie")
		}
	}
	// A state-changing request without the form token is refused.
	bad := a.csrf
	a.csrf = "wrong"
	if resp := a.post("/keluar", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("logout without CSRF token: %d", resp.StatusCode)
	}
	// A cross-site request is refused even with the token.
	req, _ := http.NewRequest("POST", f.TS.URL+"/keluar", strings.NewReader(url.Values{"_csrf": {bad}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := a.http.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site logout: %v %v", resp.StatusCode, err)
	}
	a.csrf = bad
	if resp := a.post("/keluar", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := a.get("/dasbor"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after logout: %d", resp.StatusCode)
	}
}

func TestLoginThrottled(t *testing.T) {
	f := newFixture(t)
	c := f.anon()
	for i := 0; i < 5; i++ {
		c.post("/masuk", url.Values{"username": {"tim"}, "password": {"bukan-sandinya"}})
	}
	if resp := c.post("/masuk", url.Values{"username": {"tim"}, "password": {testPassword}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("6th attempt: %d", resp.StatusCode)
	}
}

func TestSetupPageOnlyBeforeSetup(t *testing.T) {
	f := newFixture(t)
	if resp, _ := f.anon().get("/setup"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup after set-up: %d", resp.StatusCode)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	f := newFixture(t)
	if resp, body := f.anon().get("/healthz"); resp.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}
	if resp, body := f.anon().get("/metrics"); resp.StatusCode != 200 || !strings.Contains(body, "netral_http_requests_total") {
		t.Fatalf("metrics: %d", resp.StatusCode)
	}
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

// TestSignInLandsOnAPage follows the redirects after sign-in for every role:
// each must end on a 200 page within a few hops (no redirect loop).
func TestSignInLandsOnAPage(t *testing.T) {
	f := newFixture(t)
	for _, user := range []string{"admin", "ketua_tim", "tim", "inspektorat", "kepala_opd", "pimpinan", "bawaslu", "asn"} {
		c := f.anon()
		resp := c.post("/masuk", url.Values{"username": {user}, "password": {testPassword}})
		loc := resp.Header.Get("Location")
		for hop := 0; ; hop++ {
			if hop > 3 {
				t.Fatalf("%s: too many redirects (at %s)", user, loc)
			}
			r, _ := c.get(loc)
			if r.StatusCode == http.StatusOK {
				break
			}
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s: %s answered %d", user, loc, r.StatusCode)
			}
			loc = r.Header.Get("Location")
		}
	}
}

func TestExpiredSessionSaysSo(t *testing.T) {
	f := newFixture(t)
	a := f.login("tim")
	if _, err := f.DB.Exec(context.Background(), `UPDATE user_session SET expires_at = '2000-01-01T00:00:00.000Z'`); err != nil {
		t.Fatal(err)
	}
	resp, _ := a.get("/pegawai")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "expired=1") {
		t.Fatalf("expired session: %d %s", resp.StatusCode, loc)
	}
	if _, body := a.get(loc); !strings.Contains(body, "Sesi Anda telah berakhir") {
		t.Fatal("login page does not say the session expired")
	}
}
