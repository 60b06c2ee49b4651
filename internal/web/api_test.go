package web

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
)

// getJSON calls an API route and decodes the answer.
func (f *fixture) getJSON(path, token string, wantStatus int) map[string]any {
	f.t.Helper()
	resp, body := f.api("GET", path, token, "")
	if resp.StatusCode != wantStatus {
		f.t.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, wantStatus, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.t.Fatalf("GET %s: content type %q", path, ct)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		f.t.Fatalf("GET %s: not JSON: %v: %s", path, err, body)
	}
	return m
}

func itemNames(m map[string]any) []string {
	var out []string
	for _, it := range m["items"].([]any) {
		out = append(out, it.(map[string]any)["name"].(string))
	}
	sort.Strings(out)
	return out
}

func TestAPIMe(t *testing.T) {
	f := newFixture(t)
	tok := f.apiToken("kepala_opd")
	me := f.getJSON("/api/v1/me", tok, 200)
	if me["username"] != "kepala_opd" || me["role"] != "kepala_opd" || me["opd_id"] != float64(f.OPD1) {
		t.Fatalf("me: %v", me)
	}
	if inst := me["instansi"].(map[string]any); inst["code"] != "99.01" {
		t.Fatalf("instansi: %v", inst)
	}
	if scope := me["opd_scope"].([]any); len(scope) != 2 {
		t.Fatalf("opd scope: %v", scope)
	}
	perms := me["permissions"].([]any)
	if got := strings.Join(toStrings(perms), ","); !strings.Contains(got, "registry.view") || strings.Contains(got, "users.manage") {
		t.Fatalf("permissions: %v", perms)
	}
	if _, err := time.Parse(time.RFC3339, me["created_at"].(string)); err != nil {
		t.Fatalf("created_at: %v", err)
	}
	// No token, a malformed header, an unknown token: 401 in the contract's shape.
	for _, h := range []string{"", "Basic abc", "Bearer ", "Bearer ntr_nope"} {
		req, _ := http.NewRequest("GET", f.TS.URL+"/api/v1/me", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != 401 || e["error"]["code"] != "unauthorized" || e["error"]["message"] == "" {
			t.Errorf("auth %q: %d %v", h, resp.StatusCode, e)
		}
	}
	// A revoked token stops working.
	if err := f.S.Auth.RevokeToken(context.Background(), audit.System("test"), tok); err != nil {
		t.Fatal(err)
	}
	f.getJSON("/api/v1/me", tok, 401)
}

func toStrings(v []any) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i], _ = x.(string)
	}
	return out
}

func TestAPIEmployees(t *testing.T) {
	f := newFixture(t)
	tok := f.apiToken("tim")
	all := f.getJSON("/api/v1/employees", tok, 200)
	if all["total"] != float64(2) || all["next"] != "" || strings.Join(itemNames(all), ",") != "Budi Santoso,Siti Aminah" {
		t.Fatalf("list: %v", all)
	}
	first := all["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "nip", "name", "kind", "jabatan", "opd_id", "opd_code", "opd_name", "email", "phone", "created_at", "updated_at"} {
		if _, ok := first[k]; !ok {
			t.Errorf("employee lacks %q: %v", k, first)
		}
	}
	for q, want := range map[string]string{
		"?q=budi":                    "Budi Santoso",
		"?q=SITI":                    "Siti Aminah",
		"?q=19850315":                "Budi Santoso",
		"?opd=1.01":                  "Budi Santoso", // includes the sub-unit 1.01.01
		"?opd=" + itoa(f.OPD1):       "Budi Santoso",
		"?opd=1.01.01":               "Budi Santoso",
		"?opd=1.02":                  "Siti Aminah",
		"?kind=pns&q=siti":           "Siti Aminah",
		"?kind=PPPK":                 "",
		"?q=nobody-has-this-name-at": "",
	} {
		m := f.getJSON("/api/v1/employees"+q, tok, 200)
		if got := strings.Join(itemNames(m), ","); got != want {
			t.Errorf("%s: got %q, want %q", q, got, want)
		}
		if items := m["items"].([]any); m["total"] != float64(len(items)) {
			t.Errorf("%s: total %v for %d items", q, m["total"], len(items))
		}
	}
	// Paging: limit 1 gives a cursor to the second and last page.
	p1 := f.getJSON("/api/v1/employees?limit=1", tok, 200)
	if len(p1["items"].([]any)) != 1 || p1["total"] != float64(2) || p1["next"] == "" {
		t.Fatalf("page 1: %v", p1)
	}
	p2 := f.getJSON("/api/v1/employees?limit=1&cursor="+url.QueryEscape(p1["next"].(string)), tok, 200)
	if strings.Join(itemNames(p2), ",") != "Siti Aminah" || p2["next"] != "" {
		t.Fatalf("page 2: %v", p2)
	}
	f.getJSON("/api/v1/employees?limit=5000", tok, 200) // lowered to the maximum
	for _, q := range []string{"?limit=0", "?limit=-3", "?limit=abc", "?limit=1.5", "?cursor=!!!", "?cursor=YWJj",
		"?kind=honorer", "?opd=9.99", "?opd=999999"} {
		m := f.getJSON("/api/v1/employees"+q, tok, 400)
		if e := m["error"].(map[string]any); e["code"] != "invalid" || e["message"] == "" {
			t.Errorf("%s: %v", q, m)
		}
	}
}

func TestAPIEmployeeDetailAndOPD(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sys := audit.System("test")
	a, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "instagram", Handle: "budi.lama"})
	if err != nil {
		t.Fatal(err)
	}
	a.Handle = "budi.baru"
	if _, err := f.S.Reg.SaveAccount(ctx, sys, a); err != nil {
		t.Fatal(err)
	}
	tok := f.apiToken("admin")
	e := f.getJSON("/api/v1/employees/"+itoa(f.EmpIn1), tok, 200)
	if e["nip"] != "198503152010011002" || e["opd_code"] != "1.01.01" {
		t.Fatalf("detail: %v", e)
	}
	pos := e["positions"].([]any)
	if len(pos) != 1 {
		t.Fatalf("positions: %v", pos)
	}
	p := pos[0].(map[string]any)
	if _, err := time.Parse("2006-01-02", p["from"].(string)); err != nil || p["to"] != nil || p["jabatan"] != "Analis" {
		t.Fatalf("position: %v", p)
	}
	accs := e["accounts"].([]any)
	if len(accs) != 1 {
		t.Fatalf("accounts: %v", accs)
	}
	acc := accs[0].(map[string]any)
	hist := acc["history"].([]any)
	if acc["handle"] != "budi.baru" || len(hist) != 1 || hist[0].(map[string]any)["handle"] != "budi.lama" {
		t.Fatalf("account: %v", acc)
	}
	// The view is audited.
	entries, err := audit.List(ctx, f.DB, audit.Filter{InstansiID: f.Inst, ObjectType: "employee", ObjectID: itoa(f.EmpIn1)})
	if err != nil || len(entries) == 0 || entries[0].Action != "employee.view" || entries[0].Actor != "admin" {
		t.Fatalf("view not audited: %v %v", entries, err)
	}
	for _, id := range []string{"999999", "abc", itoa(f.EmpOther)} {
		m := f.getJSON("/api/v1/employees/"+id, tok, 404)
		if m["error"].(map[string]any)["code"] != "not_found" {
			t.Errorf("%s: %v", id, m)
		}
	}

	// The OPD tree nests sub-units.
	tree := f.getJSON("/api/v1/opd", tok, 200)
	if tree["total"] != float64(3) || tree["next"] != "" {
		t.Fatalf("tree: %v", tree)
	}
	roots := tree["items"].([]any)
	if len(roots) != 2 {
		t.Fatalf("roots: %v", roots)
	}
	r0 := roots[0].(map[string]any)
	kids := r0["children"].([]any)
	if r0["code"] != "1.01" || r0["parent_id"] != nil || len(kids) != 1 || kids[0].(map[string]any)["code"] != "1.01.01" ||
		kids[0].(map[string]any)["parent_id"] != float64(f.OPD1) || kids[0].(map[string]any)["employees"] != float64(1) {
		t.Fatalf("first root: %v", r0)
	}
	if roots[1].(map[string]any)["code"] != "1.02" {
		t.Fatalf("second root: %v", roots[1])
	}
}

// TestAPIKepalaOPDScope: a kepala OPD sees only their OPD and its sub-units.
func TestAPIKepalaOPDScope(t *testing.T) {
	f := newFixture(t)
	tok := f.apiToken("kepala_opd")
	m := f.getJSON("/api/v1/employees", tok, 200)
	if strings.Join(itemNames(m), ",") != "Budi Santoso" || m["total"] != float64(1) {
		t.Fatalf("list: %v", m)
	}
	for _, q := range []string{"?q=siti", "?kind=PNS&q=aminah"} {
		if m := f.getJSON("/api/v1/employees"+q, tok, 200); m["total"] != float64(0) {
			t.Errorf("%s: %v", q, m)
		}
	}
	if m := f.getJSON("/api/v1/employees?opd=1.01.01", tok, 200); m["total"] != float64(1) {
		t.Errorf("own sub-unit: %v", m)
	}
	f.getJSON("/api/v1/employees?opd=1.02", tok, 400) // outside the scope: as if unknown
	f.getJSON("/api/v1/employees?opd="+itoa(f.OPD2), tok, 400)
	f.getJSON("/api/v1/employees/"+itoa(f.EmpIn2), tok, 404)
	f.getJSON("/api/v1/employees/"+itoa(f.EmpIn1), tok, 200)
	tree := f.getJSON("/api/v1/opd", tok, 200)
	roots := tree["items"].([]any)
	if tree["total"] != float64(2) || len(roots) != 1 || roots[0].(map[string]any)["code"] != "1.01" ||
		len(roots[0].(map[string]any)["children"].([]any)) != 1 {
		t.Fatalf("tree: %v", tree)
	}
}

// TestOpenAPIMatchesRoutes: the document describes exactly the /api/v1 routes
// of the route table, is valid JSON of OpenAPI 3.0.3, and its references,
// path parameters and security agree with the table.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := newFixture(t)
	doc := f.getJSON("/api/v1/openapi.json", "", 200)
	if doc["openapi"] != "3.0.3" {
		t.Fatalf("openapi = %v", doc["openapi"])
	}
	if info, _ := doc["info"].(map[string]any); info["title"] == nil || info["version"] == nil {
		t.Fatalf("info: %v", doc["info"])
	}
	table := map[string]route{}
	for _, rt := range f.S.routes() {
		if strings.HasPrefix(rt.pattern, "/api/v1/") {
			table[rt.method+" "+rt.pattern] = rt
		}
	}
	documented := map[string]map[string]any{}
	paths := doc["paths"].(map[string]any)
	for p, item := range paths {
		for m, op := range item.(map[string]any) {
			documented[strings.ToUpper(m)+" "+p] = op.(map[string]any)
		}
	}
	for k := range table {
		if documented[k] == nil {
			t.Errorf("route %s is not in the OpenAPI document (describe it in apiDocs, openapi.go)", k)
		}
	}
	for k := range documented {
		if _, ok := table[k]; !ok {
			t.Errorf("documented %s is not a route of the route table", k)
		}
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	// Every reference resolves.
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if r, ok := x["$ref"].(string); ok {
				name, ok := strings.CutPrefix(r, "#/components/schemas/")
				if !ok || schemas[name] == nil {
					t.Errorf("unresolved $ref %q", r)
				}
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(doc)
	ids := map[string]bool{}
	for k, op := range documented {
		rt := table[k]
		_, path, _ := strings.Cut(k, " ")
		// Path parameters: each {name} is declared, required, and nothing else is.
		want := map[string]bool{}
		for _, m := range paramRe.FindAllStringSubmatch(path, -1) {
			want[m[1]] = true
		}
		got := map[string]bool{}
		params, _ := op["parameters"].([]any)
		for _, p := range params {
			pm := p.(map[string]any)
			if pm["in"] == "path" {
				got[pm["name"].(string)] = true
				if pm["required"] != true {
					t.Errorf("%s: path parameter %v not required", k, pm["name"])
				}
			}
		}
		if len(want) != len(got) {
			t.Errorf("%s: path parameters %v, declared %v", k, want, got)
		}
		for n := range want {
			if !got[n] {
				t.Errorf("%s: path parameter {%s} not declared", k, n)
			}
		}
		id, _ := op["operationId"].(string)
		if id == "" || ids[id] {
			t.Errorf("%s: operationId %q missing or repeated", k, id)
		}
		ids[id] = true
		sec, _ := op["security"].([]any)
		resp := op["responses"].(map[string]any)
		if rt.access == apiToken {
			if len(sec) != 1 || sec[0].(map[string]any)["bearer"] == nil || resp["401"] == nil {
				t.Errorf("%s: needs a token but security=%v, 401=%v", k, sec, resp["401"] != nil)
			}
			if (rt.perm != "") != (resp["403"] != nil) {
				t.Errorf("%s: permission %q but 403 documented = %v", k, rt.perm, resp["403"] != nil)
			}
		} else if len(sec) != 0 {
			t.Errorf("%s: public but security=%v", k, sec)
		}
		for status, r := range resp {
			if status >= "400" {
				ref := r.(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)["$ref"]
				if ref != "#/components/schemas/Error" {
					t.Errorf("%s: %s response is not the error schema", k, status)
				}
			}
		}
	}
}

// TestAPIAnswersMatchSchemas checks real answers against the document's
// response schemas: every property documented, nothing undocumented.
func TestAPIAnswersMatchSchemas(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, err := f.S.Reg.SaveAccount(ctx, audit.System("test"), registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "x", Handle: "budi1"})
	if err != nil {
		t.Fatal(err)
	}
	a.Handle = "budi2"
	if _, err := f.S.Reg.SaveAccount(ctx, audit.System("test"), a); err != nil {
		t.Fatal(err)
	}
	doc := f.getJSON("/api/v1/openapi.json", "", 200)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	paths := doc["paths"].(map[string]any)
	tok := f.apiToken("admin")
	for _, c := range []struct{ template, path, token string }{
		{"/api/v1/me", "/api/v1/me", tok},
		{"/api/v1/me", "/api/v1/me", f.apiToken("asn")},
		{"/api/v1/employees", "/api/v1/employees?limit=1", tok},
		{"/api/v1/employees/{id}", "/api/v1/employees/" + itoa(f.EmpIn1), tok},
		{"/api/v1/opd", "/api/v1/opd", tok},
		{"/api/v1/openapi.json", "/api/v1/openapi.json", ""},
	} {
		op := paths[c.template].(map[string]any)["get"].(map[string]any)
		sch := op["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		body := f.getJSON(c.path, c.token, 200)
		for _, p := range checkSchema(schemas, sch, body, "$") {
			t.Errorf("%s: %s", c.path, p)
		}
		// An error answer matches the error schema.
		if c.token != "" {
			eb := f.getJSON(c.path, "ntr_wrong", 401)
			for _, p := range checkSchema(schemas, map[string]any{"$ref": "#/components/schemas/Error"}, eb, "$") {
				t.Errorf("%s error: %s", c.path, p)
			}
		}
	}
}

// checkSchema is a small validator for the subset of JSON Schema the
// document uses; it returns the problems found.
func checkSchema(schemas map[string]any, sch map[string]any, v any, at string) []string {
	if r, ok := sch["$ref"].(string); ok {
		name := strings.TrimPrefix(r, "#/components/schemas/")
		s, ok := schemas[name].(map[string]any)
		if !ok {
			return []string{at + ": unresolved " + r}
		}
		return checkSchema(schemas, s, v, at)
	}
	if v == nil {
		if sch["nullable"] == true {
			return nil
		}
		return []string{at + ": null but not nullable"}
	}
	var out []string
	switch sch["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{at + ": not an object"}
		}
		props, _ := sch["properties"].(map[string]any)
		if props == nil {
			return nil // free-form
		}
		req, _ := sch["required"].([]any)
		for _, k := range req {
			if _, ok := m[k.(string)]; !ok {
				out = append(out, at+": missing required "+k.(string))
			}
		}
		for k, x := range m {
			ps, ok := props[k].(map[string]any)
			if !ok {
				out = append(out, at+": undocumented property "+k)
				continue
			}
			out = append(out, checkSchema(schemas, ps, x, at+"."+k)...)
		}
	case "array":
		xs, ok := v.([]any)
		if !ok {
			return []string{at + ": not an array"}
		}
		items := sch["items"].(map[string]any)
		for i, x := range xs {
			out = append(out, checkSchema(schemas, items, x, at+"["+itoa(int64(i))+"]")...)
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			return []string{at + ": not a string"}
		}
		switch sch["format"] {
		case "date":
			if _, err := time.Parse("2006-01-02", s); err != nil {
				out = append(out, at+": not a date: "+s)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				out = append(out, at+": not a date-time: "+s)
			}
		}
		if enum, ok := sch["enum"].([]any); ok {
			found := false
			for _, e := range enum {
				found = found || e == s
			}
			if !found {
				out = append(out, at+": "+s+" not in enum")
			}
		}
	case "integer":
		n, ok := v.(float64)
		if !ok || n != math.Trunc(n) {
			return []string{at + ": not an integer"}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{at + ": not a boolean"}
		}
	default:
		out = append(out, at+": schema without a known type")
	}
	return out
}
