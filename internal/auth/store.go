package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// User is a person who signs in to Netral.
type User struct {
	ID         int64
	InstansiID int64
	Username   string
	FullName   string
	Role       Role
	OPDID      int64 // kepala_opd: the OPD they head; 0 otherwise
	EmployeeID int64 // the employee record of this user, 0 when none
	Lang       string
	Disabled   bool
	CreatedAt  time.Time
}

// Errors of sign-in and user management.
var (
	ErrBadCredentials = errors.New("wrong user name or password")
	ErrThrottled      = errors.New("too many failed sign-ins; try again later")
	ErrDisabled       = errors.New("this account is disabled")
	ErrUsernameTaken  = errors.New("user name already taken")
	ErrInvalidUser    = errors.New("invalid user")
)

// Store keeps users, sessions and tokens.
type Store struct{ DB *db.DB }

const userCols = `id, instansi_id, username, full_name, role, COALESCE(opd_id, 0), COALESCE(employee_id, 0), lang, disabled, created_at`

func scanUser(r interface{ Scan(...any) error }) (User, error) {
	var u User
	var role, created string
	var disabled int
	err := r.Scan(&u.ID, &u.InstansiID, &u.Username, &u.FullName, &role, &u.OPDID, &u.EmployeeID, &u.Lang, &disabled, &created)
	u.Role, u.Disabled, u.CreatedAt = Role(role), disabled != 0, clock.Parse(created)
	return u, db.NoRows(err)
}

// NormalizeUsername lower-cases and trims a user name.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidUsername reports whether s (normalised) is 3–64 of a-z 0-9 . _ -.
func ValidUsername(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// CreateUser adds a user with the given password inside tx and records it in
// the audit trail. It returns the new user's id.
func CreateUser(ctx context.Context, tx *db.Tx, actor audit.Actor, u User, password string) (int64, error) {
	u.Username = NormalizeUsername(u.Username)
	if !ValidUsername(u.Username) {
		return 0, fmt.Errorf("%w: user name must be 3–64 characters of a–z, 0–9, '.', '_' or '-'", ErrInvalidUser)
	}
	if !u.Role.Valid() {
		return 0, fmt.Errorf("%w: unknown role %q", ErrInvalidUser, u.Role)
	}
	if u.Role == RoleKepalaOPD && u.OPDID == 0 {
		return 0, fmt.Errorf("%w: role kepala_opd needs an OPD", ErrInvalidUser)
	}
	if err := CheckPasswordPolicy(password); err != nil {
		return 0, err
	}
	// The OPD and the employee record must be of the user's own instansi.
	for _, ref := range []struct {
		table, what string
		id          int64
	}{{"opd", "OPD", u.OPDID}, {"employee", "employee", u.EmployeeID}} {
		if ref.id == 0 {
			continue
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+ref.table+` WHERE id = ? AND instansi_id = ?`, ref.id, u.InstansiID).Scan(&n); err != nil {
			return 0, fmt.Errorf("create user: %w", err)
		}
		if n == 0 {
			return 0, fmt.Errorf("%w: %s %d does not exist in the user's instansi", ErrInvalidUser, ref.what, ref.id)
		}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	if u.Lang == "" {
		u.Lang = "id"
	}
	now := clock.Format(time.Now())
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO app_user (instansi_id, username, full_name, password_hash, role, opd_id, employee_id, lang, disabled, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,0,?,?) RETURNING id`, u.InstansiID, u.Username, u.FullName, hash, string(u.Role),
		nullInt(u.OPDID), nullInt(u.EmployeeID), u.Lang, now, now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, ErrUsernameTaken
	}
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	u.ID = id
	return id, audit.Record(ctx, tx, actor, audit.Event{InstansiID: u.InstansiID, Action: "user.create",
		ObjectType: "user", ObjectID: fmt.Sprint(id), After: auditView(u)})
}

func auditView(u User) map[string]any {
	return map[string]any{"username": u.Username, "full_name": u.FullName, "role": u.Role, "opd_id": u.OPDID,
		"employee_id": u.EmployeeID, "disabled": u.Disabled}
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// UserByName looks a user up by user name; db.ErrNotFound when absent.
func (s *Store) UserByName(ctx context.Context, username string) (User, error) {
	return scanUser(s.DB.QueryRow(ctx, `SELECT `+userCols+` FROM app_user WHERE username = ?`, NormalizeUsername(username)))
}

// User looks a user up by id; db.ErrNotFound when absent.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	return scanUser(s.DB.QueryRow(ctx, `SELECT `+userCols+` FROM app_user WHERE id = ?`, id))
}

// Users lists the users of an instansi by user name.
func (s *Store) Users(ctx context.Context, instansiID int64) ([]User, error) {
	q := `SELECT ` + userCols + ` FROM app_user`
	var args []any
	if instansiID != 0 {
		q += ` WHERE instansi_id = ?`
		args = append(args, instansiID)
	}
	rows, err := s.DB.Query(ctx, q+` ORDER BY username`, args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers returns how many users exist in the whole deployment.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM app_user`).Scan(&n)
	return n, err
}

// SetPassword changes a user's password, ends their sessions, and audits it.
func (s *Store) SetPassword(ctx context.Context, actor audit.Actor, userID int64, password string) error {
	if err := CheckPasswordPolicy(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var inst int64
		if err := tx.QueryRow(ctx, `UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ? RETURNING instansi_id`,
			hash, clock.Format(time.Now()), userID).Scan(&inst); err != nil {
			return fmt.Errorf("set password: %w", db.NoRows(err))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM user_session WHERE user_id = ?`, userID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: inst, Action: "user.password",
			ObjectType: "user", ObjectID: fmt.Sprint(userID)})
	})
}

// SetDisabled enables or disables a user (ending their sessions when disabled).
func (s *Store) SetDisabled(ctx context.Context, actor audit.Actor, userID int64, disabled bool) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		var inst int64
		v := 0
		if disabled {
			v = 1
		}
		if err := tx.QueryRow(ctx, `UPDATE app_user SET disabled = ?, updated_at = ? WHERE id = ? RETURNING instansi_id`,
			v, clock.Format(time.Now()), userID).Scan(&inst); err != nil {
			return fmt.Errorf("disable user: %w", db.NoRows(err))
		}
		if disabled {
			if _, err := tx.Exec(ctx, `DELETE FROM user_session WHERE user_id = ?`, userID); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, clock.Format(time.Now()), userID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: inst, Action: "user.disable",
			ObjectType: "user", ObjectID: fmt.Sprint(userID), After: map[string]bool{"disabled": disabled}})
	})
}

// SetLang stores a user's preferred language ("id" or "en").
func (s *Store) SetLang(ctx context.Context, userID int64, lang string) error {
	_, err := s.DB.Exec(ctx, `UPDATE app_user SET lang = ? WHERE id = ?`, lang, userID)
	return err
}

// Throttling limits: failures counted over the window.
const (
	throttleWindow      = 15 * time.Minute
	maxFailuresPerUser  = 5
	maxFailuresPerIPAdr = 20
)

// Authenticate checks a user name and password. Failures are counted per user
// name and per address; past the limits it returns [ErrThrottled] without
// checking the password. Every outcome is audited.
func (s *Store) Authenticate(ctx context.Context, username, password, ip string) (User, error) {
	username = NormalizeUsername(username)
	since := clock.Format(time.Now().Add(-throttleWindow))
	var byUser, byIP int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM login_failure WHERE username = ? AND at > ?`, username, since).Scan(&byUser); err != nil {
		return User{}, err
	}
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM login_failure WHERE ip = ? AND at > ?`, ip, since).Scan(&byIP); err != nil {
		return User{}, err
	}
	actor := audit.Actor{Name: username, IP: ip}
	if byUser >= maxFailuresPerUser || byIP >= maxFailuresPerIPAdr {
		_ = audit.RecordNow(ctx, s.DB, actor, audit.Event{Action: "user.login_throttled", ObjectType: "user", ObjectID: username})
		return User{}, ErrThrottled
	}
	var hash string
	u, err := scanUserWithHash(s.DB.QueryRow(ctx, `SELECT `+userCols+`, password_hash FROM app_user WHERE username = ?`, username), &hash)
	if errors.Is(err, db.ErrNotFound) {
		_, _ = VerifyPassword(dummyHash(), password)
		return User{}, s.fail(ctx, actor, username, ip)
	}
	if err != nil {
		return User{}, err
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return User{}, err
	}
	if !ok {
		actor.InstansiID = u.InstansiID
		return User{}, s.fail(ctx, actor, username, ip)
	}
	if u.Disabled {
		_ = audit.RecordNow(ctx, s.DB, audit.Actor{UserID: u.ID, Name: u.Username, InstansiID: u.InstansiID, IP: ip},
			audit.Event{Action: "user.login_disabled", ObjectType: "user", ObjectID: fmt.Sprint(u.ID)})
		return User{}, ErrDisabled
	}
	if _, err := s.DB.Exec(ctx, `DELETE FROM login_failure WHERE username = ?`, username); err != nil {
		return User{}, err
	}
	err = audit.RecordNow(ctx, s.DB, audit.Actor{UserID: u.ID, Name: u.Username, InstansiID: u.InstansiID, IP: ip},
		audit.Event{Action: "user.login", ObjectType: "user", ObjectID: fmt.Sprint(u.ID)})
	return u, err
}

func (s *Store) fail(ctx context.Context, actor audit.Actor, username, ip string) error {
	if _, err := s.DB.Exec(ctx, `INSERT INTO login_failure (username, ip, at) VALUES (?,?,?)`, username, ip, clock.Format(time.Now())); err != nil {
		return err
	}
	if err := audit.RecordNow(ctx, s.DB, actor, audit.Event{Action: "user.login_failed", ObjectType: "user", ObjectID: username}); err != nil {
		return err
	}
	return ErrBadCredentials
}

func scanUserWithHash(r *sql.Row, hash *string) (User, error) {
	var u User
	var role, created string
	var disabled int
	err := r.Scan(&u.ID, &u.InstansiID, &u.Username, &u.FullName, &role, &u.OPDID, &u.EmployeeID, &u.Lang, &disabled, &created, hash)
	u.Role, u.Disabled, u.CreatedAt = Role(role), disabled != 0, clock.Parse(created)
	return u, db.NoRows(err)
}
