package auth_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/tenant"
)

const goodPW = "kata-sandi-kuat-1"

var sysActor = audit.System("test")

// fixture is a database with two instansi, each with one OPD and one employee.
type fixture struct {
	d          *db.DB
	s          *auth.Store
	a, b       tenant.Instansi
	opdA, opdB int64
	empA, empB int64
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: dbtest.Open(t)}
	f.s = &auth.Store{DB: f.d}
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if f.a, err = tenant.Create(ctx, tx, sysActor, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten); err != nil {
			return err
		}
		if f.b, err = tenant.Create(ctx, tx, sysActor, "33.01", "Kabupaten Cilacap", tenant.KindKabupaten); err != nil {
			return err
		}
		now := clock.Format(time.Now())
		for _, x := range []struct {
			inst      int64
			opd, emp  *int64
			nip, name string
		}{{f.a.ID, &f.opdA, &f.empA, "196608011988031001", "Budi"}, {f.b.ID, &f.opdB, &f.empB, "196608011988031002", "Sari"}} {
			if err := tx.QueryRow(ctx, `INSERT INTO opd (instansi_id, code, name, kind, created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id`,
				x.inst, "1.01", "Dinas Pendidikan", "dinas", now, now).Scan(x.opd); err != nil {
				return err
			}
			if err := tx.QueryRow(ctx, `INSERT INTO employee (instansi_id, nip, name, kind, opd_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id`,
				x.inst, x.nip, x.name, "PNS", *x.opd, now, now).Scan(x.emp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) createUser(u auth.User, pw string) (int64, error) {
	ctx := context.Background()
	var id int64
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = auth.CreateUser(ctx, tx, sysActor, u, pw)
		return err
	})
	return id, err
}

func (f *fixture) mustUser(t *testing.T, u auth.User) auth.User {
	t.Helper()
	if u.InstansiID == 0 {
		u.InstansiID = f.a.ID
	}
	if u.Role == "" {
		u.Role = auth.RoleAdmin
	}
	id, err := f.createUser(u, goodPW)
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", u.Username, err)
	}
	got, err := f.s.User(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func (f *fixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (f *fixture) auditCount(t *testing.T) int {
	return f.count(t, `SELECT COUNT(*) FROM audit_log`)
}

func (f *fixture) actions(t *testing.T, objectType string) []string {
	t.Helper()
	rows, err := f.d.Query(context.Background(), `SELECT action FROM audit_log WHERE object_type = ? ORDER BY seq`, objectType)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func (f *fixture) verify(t *testing.T) {
	t.Helper()
	if _, err := audit.Verify(context.Background(), f.d); err != nil {
		t.Fatalf("audit.Verify: %v", err)
	}
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	first := f.mustUser(t, auth.User{Username: "admin.bekasi", FullName: "Admin Bekasi", Role: auth.RoleAdmin})
	if first.Lang != "id" || first.Disabled || first.Role != auth.RoleAdmin || first.InstansiID != f.a.ID || first.CreatedAt.IsZero() {
		t.Fatalf("created user = %+v", first)
	}

	tests := []struct {
		name    string
		u       auth.User
		pw      string
		wantErr error // nil: must succeed
		stored  string
	}{
		{"normalised name", auth.User{Username: "  Operator.Satu ", Role: auth.RoleTim}, goodPW, nil, "operator.satu"},
		{"all allowed characters", auth.User{Username: "a-b_c.9", Role: auth.RoleASN}, goodPW, nil, "a-b_c.9"},
		{"64 characters", auth.User{Username: strings.Repeat("x", 64), Role: auth.RoleASN}, goodPW, nil, strings.Repeat("x", 64)},
		{"kepala_opd with own OPD", auth.User{Username: "kadis.pendidikan", Role: auth.RoleKepalaOPD, OPDID: -1}, goodPW, nil, "kadis.pendidikan"},
		{"linked to own employee", auth.User{Username: "budi", Role: auth.RoleASN, EmployeeID: -1, Lang: "en"}, goodPW, nil, "budi"},

		{"name too short", auth.User{Username: "ab", Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"name empty", auth.User{Username: "   ", Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"name too long", auth.User{Username: strings.Repeat("x", 65), Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"name with space", auth.User{Username: "budi santoso", Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"name with @", auth.User{Username: "budi@bekasi", Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"name with non-ASCII", auth.User{Username: "bǖdi", Role: auth.RoleTim}, goodPW, auth.ErrInvalidUser, ""},
		{"unknown role", auth.User{Username: "root.user", Role: "root"}, goodPW, auth.ErrInvalidUser, ""},
		{"empty role", auth.User{Username: "norole"}, goodPW, auth.ErrInvalidUser, ""},
		{"kepala_opd without OPD", auth.User{Username: "kadis.tanpa.opd", Role: auth.RoleKepalaOPD}, goodPW, auth.ErrInvalidUser, ""},
		{"kepala_opd with another instansi's OPD", auth.User{Username: "kadis.lain", Role: auth.RoleKepalaOPD, OPDID: -2}, goodPW, auth.ErrInvalidUser, ""},
		{"kepala_opd with missing OPD", auth.User{Username: "kadis.hantu", Role: auth.RoleKepalaOPD, OPDID: 999999}, goodPW, auth.ErrInvalidUser, ""},
		{"another instansi's employee", auth.User{Username: "sari.lain", Role: auth.RoleASN, EmployeeID: -2}, goodPW, auth.ErrInvalidUser, ""},
		{"weak password", auth.User{Username: "lemah", Role: auth.RoleTim}, "123456789", auth.ErrWeakPassword, ""},
		{"duplicate name", auth.User{Username: "admin.bekasi", Role: auth.RoleTim}, goodPW, auth.ErrUsernameTaken, ""},
		{"duplicate name, other case", auth.User{Username: "ADMIN.Bekasi ", Role: auth.RoleTim}, goodPW, auth.ErrUsernameTaken, ""},
		{"duplicate name, other instansi", auth.User{Username: "admin.bekasi", Role: auth.RoleAdmin, InstansiID: -2}, goodPW, auth.ErrUsernameTaken, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.u
			if u.InstansiID == 0 {
				u.InstansiID = f.a.ID
			} else if u.InstansiID == -2 {
				u.InstansiID = f.b.ID
			}
			switch u.OPDID {
			case -1:
				u.OPDID = f.opdA
			case -2:
				u.OPDID = f.opdB
			}
			switch u.EmployeeID {
			case -1:
				u.EmployeeID = f.empA
			case -2:
				u.EmployeeID = f.empB
			}
			usersBefore, auditBefore := f.count(t, `SELECT COUNT(*) FROM app_user`), f.auditCount(t)
			id, err := f.createUser(u, tt.pw)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if n := f.count(t, `SELECT COUNT(*) FROM app_user`); n != usersBefore {
					t.Fatalf("users %d -> %d after a failed CreateUser", usersBefore, n)
				}
				if n := f.auditCount(t); n != auditBefore {
					t.Fatalf("audit entries %d -> %d after a failed CreateUser", auditBefore, n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.s.User(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Username != tt.stored || got.Role != u.Role || got.OPDID != u.OPDID || got.EmployeeID != u.EmployeeID || got.InstansiID != u.InstansiID {
				t.Fatalf("stored %+v from %+v", got, u)
			}
			if want := u.Lang; want != "" && got.Lang != want {
				t.Fatalf("lang = %q, want %q", got.Lang, want)
			}
			byName, err := f.s.UserByName(ctx, " "+strings.ToUpper(tt.stored))
			if err != nil || byName.ID != id {
				t.Fatalf("UserByName = %+v, %v", byName, err)
			}
			if n := f.auditCount(t); n != auditBefore+1 {
				t.Fatalf("audit entries %d -> %d", auditBefore, n)
			}
		})
	}
	// The password is stored only as an argon2id hash.
	var hash string
	if err := f.d.QueryRow(ctx, `SELECT password_hash FROM app_user WHERE id = ?`, first.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(hash, goodPW); !ok || err != nil || strings.Contains(hash, goodPW) {
		t.Fatalf("stored hash %q: %v, %v", hash, ok, err)
	}
	// The audit entry of a new user does not hold the password or its hash.
	var after string
	if err := f.d.QueryRow(ctx, `SELECT after_json FROM audit_log WHERE action = 'user.create' AND object_id = ?`, fmt.Sprint(first.ID)).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(after, goodPW) || strings.Contains(after, "argon2") || !strings.Contains(after, "admin.bekasi") {
		t.Fatalf("audit after_json = %s", after)
	}
	if _, err := f.s.User(ctx, 999999); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("User(missing) err = %v", err)
	}
	if _, err := f.s.UserByName(ctx, "nobody"); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("UserByName(missing) err = %v", err)
	}
	f.verify(t)
}

func TestUsersListing(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.mustUser(t, auth.User{Username: "zaki", Role: auth.RoleTim})
	f.mustUser(t, auth.User{Username: "andi", Role: auth.RoleAdmin})
	f.mustUser(t, auth.User{Username: "bambang", InstansiID: f.b.ID, Role: auth.RoleAdmin})
	names := func(us []auth.User) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Username)
		}
		return out
	}
	tests := []struct {
		inst int64
		want []string
	}{
		{f.a.ID, []string{"andi", "zaki"}},
		{f.b.ID, []string{"bambang"}},
		{0, []string{"andi", "bambang", "zaki"}},
		{999999, nil},
	}
	for _, tt := range tests {
		us, err := f.s.Users(ctx, tt.inst)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(us), tt.want) {
			t.Errorf("Users(%d) = %v, want %v", tt.inst, names(us), tt.want)
		}
	}
	if n, err := f.s.CountUsers(ctx); err != nil || n != 3 {
		t.Fatalf("CountUsers = %d, %v", n, err)
	}
	andi, _ := f.s.UserByName(ctx, "andi")
	if err := f.s.SetLang(ctx, andi.ID, "en"); err != nil {
		t.Fatal(err)
	}
	if u, _ := f.s.User(ctx, andi.ID); u.Lang != "en" {
		t.Fatalf("lang = %q", u.Lang)
	}
}

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	budi := f.mustUser(t, auth.User{Username: "budi", Role: auth.RoleKetuaTim})
	sari := f.mustUser(t, auth.User{Username: "sari", Role: auth.RoleTim})
	if err := f.s.SetDisabled(ctx, sysActor, sari.ID, true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, user, pw string
		wantErr        error
		wantID         int64
		failures       int // login_failure rows for the user name afterwards
	}{
		{"success", "budi", goodPW, nil, budi.ID, 0},
		{"success, name typed differently", "  BUDI ", goodPW, nil, budi.ID, 0},
		{"wrong password", "budi", goodPW + "x", auth.ErrBadCredentials, 0, 1},
		{"empty password", "budi", "", auth.ErrBadCredentials, 0, 2},
		{"success clears the failures", "budi", goodPW, nil, budi.ID, 0},
		{"unknown user", "nobody", goodPW, auth.ErrBadCredentials, 0, 1},
		{"disabled, right password", "sari", goodPW, auth.ErrDisabled, 0, 0},
		{"disabled, wrong password", "sari", "salah-salah-salah", auth.ErrBadCredentials, 0, 1},
	}
	for _, tt := range tests {
		u, err := f.s.Authenticate(ctx, tt.user, tt.pw, "192.0.2.1")
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
		}
		if u.ID != tt.wantID {
			t.Fatalf("%s: user = %+v, want id %d", tt.name, u, tt.wantID)
		}
		if tt.wantErr == nil && (u.Role != auth.RoleKetuaTim || u.InstansiID != f.a.ID || u.Username != "budi") {
			t.Fatalf("%s: user = %+v", tt.name, u)
		}
		name := auth.NormalizeUsername(tt.user)
		if n := f.count(t, `SELECT COUNT(*) FROM login_failure WHERE username = ?`, name); n != tt.failures {
			t.Fatalf("%s: %d failures recorded for %s, want %d", tt.name, n, name, tt.failures)
		}
	}
	want := []string{"user.disable", "user.login", "user.login", "user.login_failed", "user.login_failed", "user.login",
		"user.login_failed", "user.login_disabled", "user.login_failed"}
	if got := f.actions(t, "user")[2:]; !slices.Equal(got, want) { // after the two user.create
		t.Fatalf("audit actions = %v, want %v", got, want)
	}
	f.verify(t)
}

func TestThrottling(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	victim := f.mustUser(t, auth.User{Username: "victim", Role: auth.RoleAdmin})
	other := f.mustUser(t, auth.User{Username: "other", Role: auth.RoleTim})

	// Five failures for one user name, from changing addresses.
	for i := 1; i <= 5; i++ {
		ip := "198.51.100." + string(rune('0'+i))
		if _, err := f.s.Authenticate(ctx, "victim", "tebakan-salah", ip); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("failure %d: err = %v", i, err)
		}
	}
	// The sixth attempt is refused even with the right password, and is not
	// counted as one more failure.
	for i := 0; i < 2; i++ {
		if _, err := f.s.Authenticate(ctx, "Victim", goodPW, "203.0.113.9"); !errors.Is(err, auth.ErrThrottled) {
			t.Fatalf("after 5 failures: err = %v, want ErrThrottled", err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM login_failure WHERE username = 'victim'`); n != 5 {
		t.Fatalf("%d failures recorded", n)
	}
	// Other users, even from the same addresses, are not affected.
	if u, err := f.s.Authenticate(ctx, "other", goodPW, "198.51.100.1"); err != nil || u.ID != other.ID {
		t.Fatalf("other user: %+v, %v", u, err)
	}
	// Failures older than the window no longer count.
	old := clock.Format(time.Now().Add(-16 * time.Minute))
	if _, err := f.d.Exec(ctx, `UPDATE login_failure SET at = ? WHERE username = 'victim'`, old); err != nil {
		t.Fatal(err)
	}
	if u, err := f.s.Authenticate(ctx, "victim", goodPW, "203.0.113.9"); err != nil || u.ID != victim.ID {
		t.Fatalf("after the window: %+v, %v", u, err)
	}

	// Four failures are still allowed a fifth try.
	for i := 0; i < 4; i++ {
		if _, err := f.s.Authenticate(ctx, "victim", "tebakan-salah", "203.0.113.9"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatal(err)
		}
	}
	if _, err := f.s.Authenticate(ctx, "victim", goodPW, "203.0.113.9"); err != nil {
		t.Fatalf("after 4 failures: %v", err)
	}

	// Unknown user names are throttled the same way.
	for i := 0; i < 5; i++ {
		if _, err := f.s.Authenticate(ctx, "ghost", "tebakan-salah", "203.0.113.10"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatal(err)
		}
	}
	if _, err := f.s.Authenticate(ctx, "ghost", "tebakan-salah", "203.0.113.10"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("ghost: err = %v", err)
	}

	// Twenty recent failures from one address throttle every name from it.
	now := clock.Format(time.Now())
	for i := 0; i < 20; i++ {
		if _, err := f.d.Exec(ctx, `INSERT INTO login_failure (username, ip, at) VALUES (?,?,?)`, "spray"+string(rune('a'+i)), "192.0.2.66", now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.Authenticate(ctx, "other", goodPW, "192.0.2.66"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("address limit: err = %v", err)
	}
	if _, err := f.s.Authenticate(ctx, "other", goodPW, "192.0.2.67"); err != nil {
		t.Fatalf("other address: %v", err)
	}
	acts := f.actions(t, "user")
	if n := strings.Count(strings.Join(acts, " "), "user.login_throttled"); n != 4 {
		t.Fatalf("%d throttled sign-ins audited: %v", n, acts)
	}
	f.verify(t)
}

func TestSetPasswordAndDisable(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	u := f.mustUser(t, auth.User{Username: "budi", Role: auth.RoleAdmin})
	tok, _, err := f.s.CreateSession(ctx, u.ID, "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetPassword(ctx, sysActor, u.ID, "pendek"); !errors.Is(err, auth.ErrWeakPassword) {
		t.Fatalf("weak: %v", err)
	}
	if err := f.s.SetPassword(ctx, sysActor, 999999, "sandi-baru-panjang"); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("missing user: %v", err)
	}
	if err := f.s.SetPassword(ctx, sysActor, u.ID, "sandi-baru-panjang"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.LookupSession(ctx, tok); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("session survived a password change: %v", err)
	}
	if _, err := f.s.Authenticate(ctx, "budi", goodPW, "192.0.2.1"); !errors.Is(err, auth.ErrBadCredentials) {
		t.Fatalf("old password: %v", err)
	}
	if _, err := f.s.Authenticate(ctx, "budi", "sandi-baru-panjang", "192.0.2.1"); err != nil {
		t.Fatalf("new password: %v", err)
	}

	tok, _, err = f.s.CreateSession(ctx, u.ID, "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := f.s.CreateToken(ctx, sysActor, u.ID, "skrip")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetDisabled(ctx, sysActor, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.User(ctx, u.ID); !got.Disabled {
		t.Fatal("not disabled")
	}
	if _, _, err := f.s.LookupSession(ctx, tok); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("session of a disabled user: %v", err)
	}
	if _, err := f.s.LookupToken(ctx, secret); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("token of a disabled user: %v", err)
	}
	if _, err := f.s.Authenticate(ctx, "budi", "sandi-baru-panjang", "192.0.2.1"); !errors.Is(err, auth.ErrDisabled) {
		t.Fatalf("disabled: %v", err)
	}
	if err := f.s.SetDisabled(ctx, sysActor, u.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Authenticate(ctx, "budi", "sandi-baru-panjang", "192.0.2.1"); err != nil {
		t.Fatalf("re-enabled: %v", err)
	}
	// Tokens revoked by disabling stay revoked.
	if _, err := f.s.LookupToken(ctx, secret); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("token after re-enabling: %v", err)
	}
	if err := f.s.SetDisabled(ctx, sysActor, 999999, true); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("missing user: %v", err)
	}
	f.verify(t)
}
