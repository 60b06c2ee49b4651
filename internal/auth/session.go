package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Session lifetimes.
const (
	SessionMaxAge  = 12 * time.Hour // absolute
	SessionIdleAge = 2 * time.Hour  // without activity
)

// Session is a signed-in browser.
type Session struct {
	UserID    int64
	CSRFToken string
	ExpiresAt time.Time
	LastSeen  time.Time
}

// ErrNoSession is returned for a missing, expired or unknown session or token.
var ErrNoSession = errors.New("no valid session")

// CreateSession starts a session for user and returns its opaque token (for the
// cookie) and its CSRF token (for forms). Only the token's hash is stored.
func (s *Store) CreateSession(ctx context.Context, userID int64, ip, userAgent string) (token string, sess Session, err error) {
	token = NewSecret("")
	now := time.Now()
	sess = Session{UserID: userID, CSRFToken: NewSecret(""), ExpiresAt: now.Add(SessionMaxAge), LastSeen: now}
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	_, err = s.DB.Exec(ctx, `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent)
		VALUES (?,?,?,?,?,?,?,?)`, HashSecret(token), userID, sess.CSRFToken, clock.Format(now), clock.Format(sess.ExpiresAt),
		clock.Format(now), ip, userAgent)
	if err != nil {
		return "", Session{}, fmt.Errorf("create session: %w", err)
	}
	return token, sess, nil
}

// LookupSession returns the session and user of a cookie token, refreshing its
// last-seen time. Expired or idle sessions are deleted and give [ErrNoSession];
// so do sessions of disabled users.
func (s *Store) LookupSession(ctx context.Context, token string) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, ErrNoSession
	}
	h := HashSecret(token)
	var sess Session
	var exp, seen string
	err := s.DB.QueryRow(ctx, `SELECT user_id, csrf_token, expires_at, last_seen_at FROM user_session WHERE token_hash = ?`, h).
		Scan(&sess.UserID, &sess.CSRFToken, &exp, &seen)
	if err != nil {
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return Session{}, User{}, ErrNoSession
		}
		return Session{}, User{}, err
	}
	sess.ExpiresAt, sess.LastSeen = clock.Parse(exp), clock.Parse(seen)
	now := time.Now()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeen) > SessionIdleAge {
		_, _ = s.DB.Exec(ctx, `DELETE FROM user_session WHERE token_hash = ?`, h)
		return Session{}, User{}, ErrNoSession
	}
	u, err := s.User(ctx, sess.UserID)
	if err != nil || u.Disabled {
		return Session{}, User{}, ErrNoSession
	}
	if now.Sub(sess.LastSeen) > time.Minute { // avoid a write on every request
		if _, err := s.DB.Exec(ctx, `UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?`, clock.Format(now), h); err != nil {
			return Session{}, User{}, err
		}
	}
	return sess, u, nil
}

// DeleteSession ends a session (sign-out) and audits it.
func (s *Store) DeleteSession(ctx context.Context, token string, actor audit.Actor) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM user_session WHERE token_hash = ?`, HashSecret(token)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{Action: "user.logout", ObjectType: "user", ObjectID: fmt.Sprint(actor.UserID)})
	})
}

// Token is an API token's metadata (never its secret).
type Token struct {
	ID        int64
	UserID    int64
	Prefix    string
	Name      string
	CreatedAt time.Time
	LastUsed  time.Time
	Revoked   bool
}

// CreateToken makes a new API token for a user and returns its secret, which
// is shown once and stored only as a hash.
func (s *Store) CreateToken(ctx context.Context, actor audit.Actor, userID int64, name string) (string, error) {
	secret := NewSecret("ntr_")
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var id, inst int64
		if err := tx.QueryRow(ctx, `SELECT instansi_id FROM app_user WHERE id = ?`, userID).Scan(&inst); err != nil {
			return fmt.Errorf("create token: user: %w", db.NoRows(err))
		}
		if err := tx.QueryRow(ctx, `INSERT INTO api_token (user_id, token_hash, prefix, name, created_at) VALUES (?,?,?,?,?) RETURNING id`,
			userID, HashSecret(secret), secret[:12], name, clock.Format(time.Now())).Scan(&id); err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: inst, Action: "token.create", ObjectType: "api_token",
			ObjectID: fmt.Sprint(id), After: map[string]any{"user_id": userID, "prefix": secret[:12], "name": name}})
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// RevokeToken revokes the token whose secret (or 12-character prefix, as
// listed) is given. db.ErrNotFound when no active token matches.
func (s *Store) RevokeToken(ctx context.Context, actor audit.Actor, secretOrPrefix string) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var id, inst int64
		err := tx.QueryRow(ctx, `SELECT t.id, u.instansi_id FROM api_token t JOIN app_user u ON u.id = t.user_id
			WHERE (t.token_hash = ? OR t.prefix = ?) AND t.revoked_at IS NULL`, HashSecret(secretOrPrefix), secretOrPrefix).Scan(&id, &inst)
		if err != nil {
			return db.NoRows(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE api_token SET revoked_at = ? WHERE id = ?`, clock.Format(time.Now()), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: inst, Action: "token.revoke", ObjectType: "api_token", ObjectID: fmt.Sprint(id)})
	})
}

// LookupToken returns the user owning an active API token; [ErrNoSession] otherwise.
func (s *Store) LookupToken(ctx context.Context, secret string) (User, error) {
	var id, userID int64
	var last *string
	err := s.DB.QueryRow(ctx, `SELECT id, user_id, last_used_at FROM api_token WHERE token_hash = ? AND revoked_at IS NULL`, HashSecret(secret)).
		Scan(&id, &userID, &last)
	if err != nil {
		return User{}, ErrNoSession
	}
	u, err := s.User(ctx, userID)
	if err != nil || u.Disabled {
		return User{}, ErrNoSession
	}
	if last == nil || time.Since(clock.Parse(*last)) > time.Minute {
		_, _ = s.DB.Exec(ctx, `UPDATE api_token SET last_used_at = ? WHERE id = ?`, clock.Format(time.Now()), id)
	}
	return u, nil
}

// Tokens lists the API tokens of the users of an instansi.
func (s *Store) Tokens(ctx context.Context, instansiID int64) ([]Token, error) {
	rows, err := s.DB.Query(ctx, `SELECT t.id, t.user_id, t.prefix, t.name, t.created_at, COALESCE(t.last_used_at, ''), t.revoked_at IS NOT NULL
		FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE u.instansi_id = ? ORDER BY t.id DESC`, instansiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created, last string
		if err := rows.Scan(&t.ID, &t.UserID, &t.Prefix, &t.Name, &created, &last, &t.Revoked); err != nil {
			return nil, err
		}
		t.CreatedAt, t.LastUsed = clock.Parse(created), clock.Parse(last)
		out = append(out, t)
	}
	return out, rows.Err()
}
