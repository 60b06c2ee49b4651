package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
)

func newUserForm(username, role string) url.Values {
	return url.Values{"username": {username}, "full_name": {"Nama " + username}, "role": {role},
		"password": {"sandi-baru-12345"}, "password2": {"sandi-baru-12345"}}
}

func TestUsersPageCreateAndValidate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.login("admin")
	resp, body := a.get("/pengguna")
	if resp.StatusCode != 200 {
		t.Fatalf("users page: %d", resp.StatusCode)
	}
	for _, want := range []string{"<code>kepala_opd</code>", "Pengguna bawaslu", "Dinas Pendidikan", "Siti Aminah", `id="user-form"`} {
		if !strings.Contains(body, want) {
			t.Errorf("users page lacks %q", want)
		}
	}
	if strings.Contains(body, "admin2") || strings.Contains(body, "Admin Bekasi") {
		t.Error("users page shows a user of another instansi")
	}

	// A valid kepala OPD linked to an employee by NIP (with spaces, as printed).
	form := newUserForm("Kepala.Kesehatan", "kepala_opd")
	form.Set("opd", itoa(f.OPD2))
	form.Set("nip", "19900101 201503 2 001")
	if st, loc, body := a.send("POST", "/pengguna", form, ""); st != http.StatusSeeOther || loc != "/pengguna?ok=created" {
		t.Fatalf("create: %d %q %.300s", st, loc, body)
	}
	u, err := f.S.Auth.UserByName(ctx, "kepala.kesehatan")
	if err != nil || u.Role != auth.RoleKepalaOPD || u.OPDID != f.OPD2 || u.EmployeeID != f.EmpIn2 || u.InstansiID != f.Inst {
		t.Fatalf("created user: %+v %v", u, err)
	}
	if _, body := a.get("/pengguna?ok=created"); !strings.Contains(body, "Pengguna telah dibuat.") {
		t.Error("no notice after creating")
	}
	// The new user can sign in.
	c := f.anon()
	if resp := c.post("/masuk", url.Values{"username": {"kepala.kesehatan"}, "password": {"sandi-baru-12345"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("new user sign-in: %d", resp.StatusCode)
	}
	// A tim member gets no OPD even when one is chosen.
	form = newUserForm("anggota2", "tim")
	form.Set("opd", itoa(f.OPD1))
	if st, _, _ := a.send("POST", "/pengguna", form, ""); st != http.StatusSeeOther {
		t.Fatalf("create tim: %d", st)
	}
	if u, _ := f.S.Auth.UserByName(ctx, "anggota2"); u.OPDID != 0 {
		t.Errorf("tim member got OPD %d", u.OPDID)
	}

	// Validation errors are re-rendered in the user's language, keeping the input.
	cases := []struct {
		name   string
		change func(url.Values)
		id, en string
	}{
		{"username", func(v url.Values) { v.Set("username", "a b") }, "Nama pengguna 3–64 karakter", "User name: 3–64 characters"},
		{"taken", func(v url.Values) { v.Set("username", "tim") }, "Nama pengguna sudah dipakai.", "That user name is already taken."},
		{"role", func(v url.Values) { v.Set("role", "raja") }, "Pilih peran yang tersedia.", "Choose one of the roles."},
		{"no opd", func(v url.Values) { v.Set("role", "kepala_opd") }, "Peran Kepala OPD memerlukan OPD", "The Head of OPD role needs an OPD"},
		{"foreign opd", func(v url.Values) { v.Set("role", "kepala_opd"); v.Set("opd", "999999") }, "Peran Kepala OPD memerlukan OPD", "The Head of OPD role needs an OPD"},
		{"nip", func(v url.Values) { v.Set("nip", "197805052005011003") }, "Tidak ada pegawai dengan NIP", "No employee of this instansi has that NIP"},
		{"weak", func(v url.Values) { v.Set("password", "pendek"); v.Set("password2", "pendek") }, "Kata sandi minimal 10 karakter.", "The password needs at least 10 characters."},
		{"mismatch", func(v url.Values) { v.Set("password2", "sandi-lain-12345") }, "Kedua kata sandi tidak sama.", "The two passwords differ."},
		{"full name", func(v url.Values) { v.Set("full_name", " ") }, "Nama lengkap wajib diisi", "The full name is required"},
	}
	for _, lang := range []string{"id", "en"} {
		if resp, _ := a.get("/bahasa/" + lang + "?next=/pengguna"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch language: %d", resp.StatusCode)
		}
		for _, tc := range cases {
			v := newUserForm("calon.baru", "tim")
			tc.change(v)
			st, _, body := a.send("POST", "/pengguna", v, "")
			want := tc.id
			if lang == "en" {
				want = tc.en
			}
			if st != http.StatusBadRequest || !strings.Contains(body, want) {
				t.Errorf("%s (%s): %d, want 400 with %q", tc.name, lang, st, want)
			}
			if tc.name == "mismatch" && !strings.Contains(body, `value="calon.baru"`) {
				t.Errorf("%s: input not kept", tc.name)
			}
			if strings.Contains(body, "sandi-baru-12345") {
				t.Errorf("%s: password echoed back", tc.name)
			}
		}
	}
	if _, err := f.S.Auth.UserByName(ctx, "calon.baru"); err == nil {
		t.Error("an invalid user was created")
	}
	// The user of another instansi cannot be linked through a NIP of theirs (checked above)
	// and the page of instansi 2 never lists the new users.
	b := f.login("admin2")
	if _, body := b.get("/pengguna"); strings.Contains(body, "kepala.kesehatan") || strings.Contains(body, "Pengguna tim") {
		t.Error("admin2 sees users of 99.01")
	}
}

func TestUsersDisableAndTokens(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.login("admin")
	tim, _ := f.S.Auth.UserByName(ctx, "tim")
	admin, _ := f.S.Auth.UserByName(ctx, "admin")
	timClient := f.login("tim")

	// Not oneself.
	if st, _, body := a.send("POST", "/pengguna/"+itoa(admin.ID)+"/nonaktif", nil, ""); st != http.StatusBadRequest ||
		!strings.Contains(body, "Anda tidak dapat menonaktifkan akun Anda sendiri.") {
		t.Fatalf("disable self: %d", st)
	}
	// Disabling ends the user's sessions and tokens.
	timTok := f.apiToken("tim")
	if st, loc, _ := a.send("POST", "/pengguna/"+itoa(tim.ID)+"/nonaktif", url.Values{"disabled": {"1"}}, ""); st != http.StatusSeeOther || loc != "/pengguna?ok=disabled" {
		t.Fatalf("disable: %d %q", st, loc)
	}
	if u, _ := f.S.Auth.User(ctx, tim.ID); !u.Disabled {
		t.Fatal("not disabled")
	}
	if resp, _ := timClient.get("/dasbor"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user's session still works: %d", resp.StatusCode)
	}
	if resp, _ := f.api("GET", "/api/v1/me", timTok, ""); resp.StatusCode != 401 {
		t.Errorf("disabled user's token still works: %d", resp.StatusCode)
	}
	if resp := f.anon().post("/masuk", url.Values{"username": {"tim"}, "password": {testPassword}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("disabled user signs in: %d", resp.StatusCode)
	}
	if _, body := a.get("/pengguna"); !strings.Contains(body, "Nonaktif") || !strings.Contains(body, `name="disabled" value="0"`) {
		t.Error("page does not show the disabled user with an enable button")
	}
	// A disabled user gets no token.
	if st, _, _ := a.send("POST", "/pengguna/"+itoa(tim.ID)+"/token", url.Values{"name": {"x"}}, ""); st != http.StatusBadRequest {
		t.Errorf("token for a disabled user: %d", st)
	}
	if st, loc, _ := a.send("POST", "/pengguna/"+itoa(tim.ID)+"/nonaktif", url.Values{"disabled": {"0"}}, ""); st != http.StatusSeeOther || loc != "/pengguna?ok=enabled" {
		t.Fatalf("enable: %d %q", st, loc)
	}
	if u, _ := f.S.Auth.User(ctx, tim.ID); u.Disabled {
		t.Fatal("not enabled")
	}
	// Unknown users and users of another instansi are 404.
	other, _ := f.S.Auth.UserByName(ctx, "admin2")
	for _, id := range []string{itoa(other.ID), "999999", "x"} {
		if st, _, _ := a.send("POST", "/pengguna/"+id+"/nonaktif", nil, ""); st != http.StatusNotFound {
			t.Errorf("disable %s: %d", id, st)
		}
		if st, _, _ := a.send("POST", "/pengguna/"+id+"/token", nil, ""); st != http.StatusNotFound {
			t.Errorf("token for %s: %d", id, st)
		}
	}
	if u, _ := f.S.Auth.User(ctx, other.ID); u.Disabled {
		t.Fatal("admin disabled a user of another instansi")
	}

	// A token is created, shown once, works, is listed by prefix, and is revoked.
	st, _, body := a.send("POST", "/pengguna/"+itoa(tim.ID)+"/token", url.Values{"name": {"social-listening"}}, "")
	m := regexp.MustCompile(`<code id="token-secret">(ntr_[A-Za-z0-9_-]+)</code>`).FindStringSubmatch(body)
	if st != 200 || m == nil {
		t.Fatalf("create token: %d %.500s", st, body)
	}
	secret := m[1]
	if resp, body := f.api("GET", "/api/v1/me", secret, ""); resp.StatusCode != 200 || !strings.Contains(body, `"username": "tim"`) {
		t.Fatalf("new token: %d %s", resp.StatusCode, body)
	}
	_, page := a.get("/pengguna")
	if strings.Contains(page, secret) || !strings.Contains(page, secret[:12]+"…") || !strings.Contains(page, "social-listening") {
		t.Fatal("token list: secret shown again, or prefix/name missing")
	}
	var tokID int64
	toks, _ := f.S.Auth.Tokens(ctx, f.Inst)
	for _, tk := range toks {
		if tk.Prefix == secret[:12] {
			tokID = tk.ID
		}
	}
	// Revoking through the wrong user's path is 404.
	if st, _, _ := a.send("POST", "/pengguna/"+itoa(admin.ID)+"/token/"+itoa(tokID)+"/cabut", nil, ""); st != http.StatusNotFound {
		t.Errorf("revoke via another user: %d", st)
	}
	if st, loc, _ := a.send("POST", "/pengguna/"+itoa(tim.ID)+"/token/"+itoa(tokID)+"/cabut", nil, ""); st != http.StatusSeeOther || loc != "/pengguna?ok=revoked" {
		t.Fatalf("revoke: %d %q", st, loc)
	}
	if resp, _ := f.api("GET", "/api/v1/me", secret, ""); resp.StatusCode != 401 {
		t.Errorf("revoked token works: %d", resp.StatusCode)
	}
	if _, page := a.get("/pengguna"); !strings.Contains(page, "Dicabut") {
		t.Error("revoked token not shown as revoked")
	}
	// The audit trail has all of it, with the admin as actor.
	entries, err := audit.List(ctx, f.DB, audit.Filter{InstansiID: f.Inst, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Actor == "admin" {
			seen[e.Action] = true
		}
	}
	for _, a := range []string{"user.disable", "token.create", "token.revoke"} {
		if !seen[a] {
			t.Errorf("no %s audit entry by admin", a)
		}
	}
}

func TestAuditPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	actor := audit.Actor{UserID: 1, Name: "penguji", InstansiID: f.Inst, IP: "10.1.2.3"}
	for i := 0; i < 60; i++ {
		if err := audit.RecordNow(ctx, f.DB, actor, audit.Event{Action: "test.bulk", ObjectType: "widget", ObjectID: itoa(int64(i))}); err != nil {
			t.Fatal(err)
		}
	}
	err := audit.RecordNow(ctx, f.DB, actor, audit.Event{Action: "test.xss", ObjectType: "widget", ObjectID: "xss",
		Before: map[string]string{"name": "lama"}, After: map[string]string{"name": "<script>alert(1)</script>"}})
	if err != nil {
		t.Fatal(err)
	}
	a := f.login("admin")
	resp, body := a.get("/audit")
	if resp.StatusCode != 200 {
		t.Fatalf("audit: %d", resp.StatusCode)
	}
	if !strings.Contains(body, `id="chain-ok"`) || strings.Contains(body, "chain-broken") {
		t.Fatal("chain not shown as intact")
	}
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatal("before/after JSON not escaped")
	}
	if !strings.Contains(body, "<pre>{\n  &#34;name&#34;: &#34;lama&#34;\n}</pre>") || !strings.Contains(body, "10.1.2.3") || !strings.Contains(body, "penguji") {
		t.Fatalf("entry details missing: %.2000s", body)
	}
	rows := regexp.MustCompile(`<tr id="entry-(\d+)">`)
	page1 := rows.FindAllStringSubmatch(body, -1)
	if len(page1) != auditPageSize {
		t.Fatalf("page 1 has %d entries", len(page1))
	}
	for i := 1; i < len(page1); i++ {
		prev, _ := strconv.Atoi(page1[i-1][1])
		cur, _ := strconv.Atoi(page1[i][1])
		if cur >= prev {
			t.Fatalf("not newest first: %d then %d", prev, cur)
		}
	}
	next := regexp.MustCompile(`<a id="next" href="([^"]+)"`).FindStringSubmatch(body)
	if next == nil {
		t.Fatal("no next link")
	}
	_, body2 := a.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	page2 := rows.FindAllStringSubmatch(body2, -1)
	if len(page2) == 0 || page2[0][1] == page1[0][1] {
		t.Fatalf("page 2: %d entries", len(page2))
	}
	for _, r := range page2 {
		for _, r1 := range page1 {
			if r[1] == r1[1] {
				t.Fatalf("entry %s on both pages", r[1])
			}
		}
	}
	// Filters.
	_, body = a.get("/audit?type=widget&id=7")
	if got := rows.FindAllStringSubmatch(body, -1); len(got) != 1 || !strings.Contains(body, "test.bulk") {
		t.Fatalf("filter: %d entries", len(got))
	}
	_, body = a.get("/audit?type=employee")
	if strings.Contains(body, "test.bulk") || !strings.Contains(body, "employee.create") {
		t.Fatal("type filter")
	}
	if resp, _ := a.get("/audit?before=abc"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad cursor: %d", resp.StatusCode)
	}
	// A chain cut short is reported.
	if _, err := f.DB.Exec(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if _, body := a.get("/audit"); !strings.Contains(body, `id="chain-broken"`) {
		t.Fatal("broken chain not reported")
	}
	// English.
	a.get("/bahasa/en")
	if _, body := a.get("/audit"); !strings.Contains(body, "The audit chain is BROKEN") {
		t.Fatal("not in English")
	}
}

func TestUnescapeHTMLInJSON(t *testing.T) {
	for in, want := range map[string]string{
		`"\u003cb\u003e \u0026"`: `"<b> &"`,
		`"\\u003c"`:              `"\\u003c"`, // a literal backslash-u text stays
		`"\\\u003c"`:             `"\\<"`,
		`"\u00e9"`:               `"\u00e9"`,
		`x\`:                     `x\`,
	} {
		if got := unescapeHTMLInJSON(in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
