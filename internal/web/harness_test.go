package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/wilayah"
)

// testPassword is the password of every fixture user.
const testPassword = "rahasia-uji-123"

// fixture is a running test server with one instansi (99.01), two OPD (one
// with a sub-unit), a few employees, and one user per role named after it
// ("admin", "tim", "kepala_opd"…), plus a second instansi (32.16) with its
// own admin "admin2" and employee.
type fixture struct {
	t        *testing.T
	DB       *db.DB
	S        *Server
	TS       *httptest.Server
	Inst     int64 // instansi 99.01
	Inst2    int64 // instansi 32.16
	OPD1     int64 // "1.01" Dinas Pendidikan (kepala_opd's OPD)
	OPD1Sub  int64 // "1.01.01" a sub-unit of OPD1
	OPD2     int64 // "1.02" Dinas Kesehatan
	EmpIn1   int64 // employee in OPD1Sub
	EmpIn2   int64 // employee in OPD2
	EmpOther int64 // employee of instansi 2
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	d := dbtest.Open(t)
	f := &fixture{t: t, DB: d}
	sys := audit.System("test")
	region, ok := wilayah.Lookup("99.01")
	if !ok {
		t.Fatal("region 99.01 missing")
	}
	inst, _, err := Setup(ctx, d, sys, region, "admin", "Admin Uji", testPassword, "id")
	if err != nil {
		t.Fatal(err)
	}
	f.Inst = inst.ID
	reg := &registry.Store{DB: d}
	mustOPD := func(inst int64, code, name string, parent int64) int64 {
		o, err := reg.SaveOPD(ctx, sys, registry.OPD{InstansiID: inst, Code: code, Name: name, ParentID: parent, Kind: "dinas"})
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	f.OPD1 = mustOPD(f.Inst, "1.01", "Dinas Pendidikan", 0)
	f.OPD1Sub = mustOPD(f.Inst, "1.01.01", "Bidang Pembinaan SD", f.OPD1)
	f.OPD2 = mustOPD(f.Inst, "1.02", "Dinas Kesehatan", 0)
	mustEmp := func(inst int64, nipS, name string, opd int64) int64 {
		e, err := reg.SaveEmployee(ctx, sys, registry.Employee{InstansiID: inst, NIP: nipS, Name: name, Jabatan: "Analis", OPDID: opd}, timeZero, "test")
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	f.EmpIn1 = mustEmp(f.Inst, "198503152010011002", "Budi Santoso", f.OPD1Sub)
	f.EmpIn2 = mustEmp(f.Inst, "199001012015032001", "Siti Aminah", f.OPD2)
	err = d.InTx(ctx, func(tx *db.Tx) error {
		for _, role := range auth.Roles {
			if role == auth.RoleAdmin {
				continue
			}
			u := auth.User{InstansiID: f.Inst, Username: string(role), FullName: "Pengguna " + string(role), Role: role}
			if role == auth.RoleKepalaOPD {
				u.OPDID = f.OPD1
			}
			if role == auth.RoleASN {
				u.EmployeeID = f.EmpIn2
			}
			if _, err := auth.CreateUser(ctx, tx, sys, u, testPassword); err != nil {
				return fmt.Errorf("%s: %w", role, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A second Pemda on the same server.
	err = d.InTx(ctx, func(tx *db.Tx) error {
		i2, err := tenantCreate(ctx, tx, "32.16")
		if err != nil {
			return err
		}
		f.Inst2 = i2
		_, err = auth.CreateUser(ctx, tx, sys, auth.User{InstansiID: i2, Username: "admin2", FullName: "Admin Bekasi", Role: auth.RoleAdmin}, testPassword)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	o := mustOPD(f.Inst2, "1.01", "Dinas Pendidikan Bekasi", 0)
	f.EmpOther = mustEmp(f.Inst2, "197805052005011003", "Joko Rahasia", o)

	s, err := New(d, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.S = s
	f.TS = httptest.NewServer(s.Handler())
	t.Cleanup(f.TS.Close)
	return f
}

// client is a browser-like client with a cookie jar that does not follow redirects.
type client struct {
	f    *fixture
	http *http.Client
	csrf string
}

// anon returns a client that is not signed in.
func (f *fixture) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{f: f, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// login signs username in and returns its client.
func (f *fixture) login(username string) *client {
	f.t.Helper()
	c := f.anon()
	resp := c.post("/masuk", url.Values{"username": {username}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		f.t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	c.refreshCSRF()
	return c
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// refreshCSRF reads the form token from a page that carries it.
func (c *client) refreshCSRF() {
	for _, p := range []string{"/saya", "/dasbor", "/rujukan"} {
		_, body := c.get(p)
		if m := csrfRe.FindStringSubmatch(body); m != nil {
			c.csrf = m[1]
			return
		}
	}
}

func (c *client) get(path string) (*http.Response, string) {
	c.f.t.Helper()
	resp, err := c.http.Get(c.f.TS.URL + path)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// post sends a form with the client's CSRF token added.
func (c *client) post(path string, form url.Values) *http.Response {
	c.f.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && form.Get("_csrf") == "" {
		form.Set("_csrf", c.csrf)
	}
	resp, err := c.http.PostForm(c.f.TS.URL+path, form)
	if err != nil {
		c.f.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// apiToken creates an API token for username.
func (f *fixture) apiToken(username string) string {
	f.t.Helper()
	ctx := context.Background()
	u, err := f.S.Auth.UserByName(ctx, username)
	if err != nil {
		f.t.Fatal(err)
	}
	tok, err := f.S.Auth.CreateToken(ctx, audit.System("test"), u.ID, "test")
	if err != nil {
		f.t.Fatal(err)
	}
	return tok
}

// api calls an API route with a bearer token.
func (f *fixture) api(method, path, token, body string) (*http.Response, string) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.TS.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}
