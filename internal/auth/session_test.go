package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u := f.mustUser(t, auth.User{Username: "budi", Role: auth.RoleTim})

	newSession := func(t *testing.T) string {
		t.Helper()
		tok, sess, err := f.s.CreateSession(ctx, u.ID, "192.0.2.1", strings.Repeat("M", 400))
		if err != nil {
			t.Fatal(err)
		}
		if len(tok) != 43 || len(sess.CSRFToken) != 43 || tok == sess.CSRFToken {
			t.Fatalf("token %q, CSRF token %q", tok, sess.CSRFToken)
		}
		if sess.UserID != u.ID || time.Until(sess.ExpiresAt) < auth.SessionMaxAge-time.Minute || time.Since(sess.LastSeen) > time.Minute {
			t.Fatalf("session = %+v", sess)
		}
		return tok
	}
	sessions := func(t *testing.T) int { return f.count(t, `SELECT COUNT(*) FROM user_session`) }
	setTimes := func(t *testing.T, tok string, expires, seen time.Time) {
		t.Helper()
		if _, err := f.d.Exec(ctx, `UPDATE user_session SET expires_at = ?, last_seen_at = ? WHERE token_hash = ?`,
			clock.Format(expires), clock.Format(seen), auth.HashSecret(tok)); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("create and look up", func(t *testing.T) {
		tok, sess, err := f.s.CreateSession(ctx, u.ID, "192.0.2.1", "Mozilla/5.0")
		if err != nil {
			t.Fatal(err)
		}
		if sess.CSRFToken == "" {
			t.Fatal("no CSRF token")
		}
		got, gu, err := f.s.LookupSession(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if got.CSRFToken != sess.CSRFToken || got.UserID != u.ID || gu.ID != u.ID || gu.Username != "budi" || gu.Role != auth.RoleTim {
			t.Fatalf("LookupSession = %+v, %+v", got, gu)
		}
		// Only the hash of the token is stored.
		var stored, ua string
		if err := f.d.QueryRow(ctx, `SELECT token_hash, user_agent FROM user_session WHERE user_id = ? AND csrf_token = ?`,
			u.ID, sess.CSRFToken).Scan(&stored, &ua); err != nil {
			t.Fatal(err)
		}
		if stored != auth.HashSecret(tok) || stored == tok || ua != "Mozilla/5.0" {
			t.Fatalf("stored token_hash %q, user agent %q", stored, ua)
		}
		// Each session has its own tokens.
		tok2 := newSession(t)
		s2, _, err := f.s.LookupSession(ctx, tok2)
		if err != nil || tok2 == tok || s2.CSRFToken == sess.CSRFToken {
			t.Fatalf("second session: %v", err)
		}
	})

	t.Run("user agent is truncated", func(t *testing.T) {
		tok := newSession(t)
		var ua string
		if err := f.d.QueryRow(ctx, `SELECT user_agent FROM user_session WHERE token_hash = ?`, auth.HashSecret(tok)).Scan(&ua); err != nil {
			t.Fatal(err)
		}
		if len(ua) != 300 {
			t.Fatalf("user agent of %d bytes stored", len(ua))
		}
	})

	t.Run("unknown tokens", func(t *testing.T) {
		tok := newSession(t)
		for _, bad := range []string{"", "x", tok + "x", tok[1:], auth.HashSecret(tok), strings.ToUpper(tok)} {
			if _, _, err := f.s.LookupSession(ctx, bad); !errors.Is(err, auth.ErrNoSession) {
				t.Errorf("LookupSession(%q) err = %v", bad, err)
			}
		}
	})

	now := time.Now()
	tests := []struct {
		name     string
		expires  time.Time
		seen     time.Time
		ok       bool
		refresh  bool // last_seen_at moved to now
		deletion bool // the row is gone afterwards
	}{
		{"fresh", now.Add(time.Hour), now.Add(-10 * time.Second), true, false, false},
		{"idle 30 minutes: refreshed", now.Add(time.Hour), now.Add(-30 * time.Minute), true, true, false},
		{"idle just under the limit", now.Add(time.Hour), now.Add(-auth.SessionIdleAge + time.Minute), true, true, false},
		{"idle past the limit", now.Add(time.Hour), now.Add(-auth.SessionIdleAge - time.Minute), false, false, true},
		{"idle for days", now.Add(time.Hour), now.Add(-72 * time.Hour), false, false, true},
		{"expired a second ago", now.Add(-time.Second), now.Add(-10 * time.Second), false, false, true},
		{"expired long ago", now.Add(-30 * 24 * time.Hour), now.Add(-10 * time.Second), false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := newSession(t)
			setTimes(t, tok, tt.expires, tt.seen)
			before := sessions(t)
			_, gu, err := f.s.LookupSession(ctx, tok)
			if tt.ok {
				if err != nil || gu.ID != u.ID {
					t.Fatalf("LookupSession: %v", err)
				}
				var seen string
				if err := f.d.QueryRow(ctx, `SELECT last_seen_at FROM user_session WHERE token_hash = ?`, auth.HashSecret(tok)).Scan(&seen); err != nil {
					t.Fatal(err)
				}
				moved := time.Since(clock.Parse(seen)) < time.Minute && clock.Parse(seen).After(tt.seen.Add(time.Second))
				if moved != tt.refresh {
					t.Fatalf("last_seen_at = %s (was %s): refreshed %v, want %v", seen, clock.Format(tt.seen), moved, tt.refresh)
				}
			} else if !errors.Is(err, auth.ErrNoSession) {
				t.Fatalf("LookupSession err = %v, want ErrNoSession", err)
			}
			gone := sessions(t) == before-1
			if gone != tt.deletion {
				t.Fatalf("session deleted = %v, want %v", gone, tt.deletion)
			}
		})
	}

	t.Run("disabled user", func(t *testing.T) {
		tok := newSession(t)
		if _, err := f.d.Exec(ctx, `UPDATE app_user SET disabled = 1 WHERE id = ?`, u.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err := f.s.LookupSession(ctx, tok)
		if _, err2 := f.d.Exec(ctx, `UPDATE app_user SET disabled = 0 WHERE id = ?`, u.ID); err2 != nil {
			t.Fatal(err2)
		}
		if !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("disabled user's session: %v", err)
		}
		if _, _, err := f.s.LookupSession(ctx, tok); err != nil {
			t.Fatalf("re-enabled user's session: %v", err)
		}
	})

	t.Run("delete", func(t *testing.T) {
		tok := newSession(t)
		other := newSession(t)
		actor := audit.Actor{UserID: u.ID, Name: u.Username, InstansiID: u.InstansiID, IP: "192.0.2.1"}
		if err := f.s.DeleteSession(ctx, tok, actor); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.s.LookupSession(ctx, tok); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("deleted session: %v", err)
		}
		if _, _, err := f.s.LookupSession(ctx, other); err != nil {
			t.Fatalf("other session: %v", err)
		}
		acts := f.actions(t, "user")
		if acts[len(acts)-1] != "user.logout" {
			t.Fatalf("audit actions = %v", acts)
		}
	})
	f.verify(t)
}

func TestTokens(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u := f.mustUser(t, auth.User{Username: "integrasi", Role: auth.RoleAdmin})
	ub := f.mustUser(t, auth.User{Username: "integrasi.b", Role: auth.RoleAdmin, InstansiID: f.b.ID})

	secret, err := f.s.CreateToken(ctx, sysActor, u.ID, "siasn-sync")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "ntr_") || len(secret) != 47 {
		t.Fatalf("secret = %q", secret)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM api_token WHERE token_hash = ? AND prefix = ?`, auth.HashSecret(secret), secret[:12]); n != 1 {
		t.Fatal("token not stored as hash and prefix")
	}
	if n := f.count(t, `SELECT COUNT(*) FROM api_token WHERE token_hash = ? OR prefix = ? OR name = ?`, secret, secret, secret); n != 0 {
		t.Fatal("secret stored in clear")
	}
	if _, err := f.s.CreateToken(ctx, sysActor, 999999, "x"); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("token for a missing user: %v", err)
	}

	t.Run("lookup", func(t *testing.T) {
		got, err := f.s.LookupToken(ctx, secret)
		if err != nil || got.ID != u.ID || got.Role != auth.RoleAdmin {
			t.Fatalf("LookupToken = %+v, %v", got, err)
		}
		toks, err := f.s.Tokens(ctx, f.a.ID)
		if err != nil || len(toks) != 1 {
			t.Fatalf("Tokens = %+v, %v", toks, err)
		}
		tk := toks[0]
		if tk.Prefix != secret[:12] || tk.Name != "siasn-sync" || tk.UserID != u.ID || tk.Revoked || tk.CreatedAt.IsZero() ||
			time.Since(tk.LastUsed) > time.Minute {
			t.Fatalf("token = %+v", tk)
		}
		for _, bad := range []string{"", secret[:12], secret + "x", secret[:len(secret)-1], auth.HashSecret(secret)} {
			if _, err := f.s.LookupToken(ctx, bad); !errors.Is(err, auth.ErrNoSession) {
				t.Errorf("LookupToken(%q) err = %v", bad, err)
			}
		}
	})

	// Each case creates a token, revokes it with `by`, and checks it is rejected.
	tests := []struct {
		name string
		by   func(secret string) string
	}{
		{"by secret", func(s string) string { return s }},
		{"by prefix", func(s string) string { return s[:12] }},
	}
	for _, tt := range tests {
		t.Run("revoke "+tt.name, func(t *testing.T) {
			s, err := f.s.CreateToken(ctx, sysActor, u.ID, "sekali-pakai")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.LookupToken(ctx, s); err != nil {
				t.Fatal(err)
			}
			if err := f.s.RevokeToken(ctx, sysActor, tt.by(s)); err != nil {
				t.Fatalf("RevokeToken: %v", err)
			}
			if _, err := f.s.LookupToken(ctx, s); !errors.Is(err, auth.ErrNoSession) {
				t.Fatalf("revoked token accepted: %v", err)
			}
			if err := f.s.RevokeToken(ctx, sysActor, tt.by(s)); !errors.Is(err, db.ErrNotFound) {
				t.Fatalf("second revoke err = %v, want ErrNotFound", err)
			}
			// The first token is untouched.
			if _, err := f.s.LookupToken(ctx, secret); err != nil {
				t.Fatalf("other token: %v", err)
			}
		})
	}
	for _, bad := range []string{"", "ntr_", "ntr_tidakada", auth.HashSecret(secret)} {
		if err := f.s.RevokeToken(ctx, sysActor, bad); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("RevokeToken(%q) err = %v", bad, err)
		}
	}

	// Listing is per instansi and shows revocation.
	sb, err := f.s.CreateToken(ctx, sysActor, ub.ID, "cilacap")
	if err != nil {
		t.Fatal(err)
	}
	toks, err := f.s.Tokens(ctx, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(toks) != 3 || toks[0].Revoked == false || toks[1].Revoked == false || toks[2].Revoked || toks[2].Prefix != secret[:12] {
		t.Fatalf("Tokens(A) = %+v", toks)
	}
	toksB, err := f.s.Tokens(ctx, f.b.ID)
	if err != nil || len(toksB) != 1 || toksB[0].Prefix != sb[:12] || toksB[0].UserID != ub.ID {
		t.Fatalf("Tokens(B) = %+v, %v", toksB, err)
	}
	if got := f.actions(t, "api_token"); strings.Join(got, " ") !=
		"token.create token.create token.revoke token.create token.revoke token.create" {
		t.Fatalf("audit actions = %v", got)
	}
	f.verify(t)
}
