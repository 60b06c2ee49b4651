package auth_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/auth"
)

// permColumns are the columns of the matrix below, by their stored names.
var permColumns = []auth.Perm{
	"dashboard.view",  // D
	"registry.view",   // R
	"registry.edit",   // E
	"account.edit",    // A
	"roster.import",   // I
	"roster.export",   // X
	"users.manage",    // U
	"audit.view",      // L (log)
	"self.view",       // S
	"referred.view",   // B (Bawaslu)
	"instansi.manage", // M
	"activity.ingest", // N (iNgest)
	"activity.view",   // V
	"review.decide",   // J (judge)

	"elections.manage", // P (pemilihan)

	"cases.view",   // C
	"cases.handle", // H
	"cases.assign", // G
	"cases.decide", // K

	"reports.view",    // W (warga: public reports)
	"reports.handle",  // F (follow-up)
	"reporter.reveal", // Z (unseal)

	"calendar.edit", // T (tanggal: working-day calendar)
}

// permGrid is every permission decision: one row per role, one column per
// permission in permColumns order, "Y" granted, "." refused. A change to the
// grants in roles.go must be made here too, deliberately.
const permGrid = `
role         D R E A I X U L S B M N V J P C H G K W F Z T
admin        Y Y Y Y Y Y Y Y Y . Y Y Y Y Y Y Y Y Y Y Y Y Y
ketua_tim    Y Y . Y . Y . Y Y . . Y Y Y Y Y Y Y . Y Y Y Y
tim          Y Y . Y . Y . . Y . . Y Y Y . Y Y . . Y Y . .
inspektorat  Y Y . . . Y . Y Y . . . Y . . Y . . . Y . . .
kepala_opd   Y Y . Y . . . . Y . . . Y . . . . . . . . . .
pimpinan     Y . . . . . . . Y . . . . . . Y . . Y . . . .
bawaslu      . . . . . . . . . Y . . . . . . . . . . . . .
asn          . . . . . . . . Y . . . . . . . . . . . . . .
`

func TestCanMatrix(t *testing.T) {
	t.Parallel()
	// The matrix covers exactly the declared roles and permissions.
	if !slices.Equal(permColumns, auth.AllPerms) {
		t.Fatalf("AllPerms = %v, grid columns = %v: update the grid", auth.AllPerms, permColumns)
	}
	lines := strings.Split(strings.TrimSpace(permGrid), "\n")[1:]
	var roles []auth.Role
	decisions := 0
	for _, line := range lines {
		cells := strings.Fields(line)
		if len(cells) != 1+len(permColumns) {
			t.Fatalf("grid row %q: %d cells for %d permissions", line, len(cells)-1, len(permColumns))
		}
		role := auth.Role(cells[0])
		roles = append(roles, role)
		for i, p := range permColumns {
			if c := cells[1+i]; c != "Y" && c != "." {
				t.Fatalf("grid row %q: cell %q", line, c)
			}
			want := cells[1+i] == "Y"
			if got := auth.Can(role, p); got != want {
				t.Errorf("Can(%s, %s) = %v, want %v", role, p, got, want)
			}
			decisions++
		}
	}
	if !slices.Equal(roles, auth.Roles) {
		t.Fatalf("Roles = %v, grid rows = %v: update the grid", auth.Roles, roles)
	}
	if decisions != 8*len(permColumns) {
		t.Fatalf("checked %d decisions", decisions)
	}
	// Unknown roles and permissions are refused.
	for _, r := range []auth.Role{"", "root", "Admin", "superadmin"} {
		for _, p := range permColumns {
			if auth.Can(r, p) {
				t.Errorf("Can(%q, %s) = true", r, p)
			}
		}
	}
	for _, r := range auth.Roles {
		for _, p := range []auth.Perm{"", "*", "registry", "Registry.View"} {
			if auth.Can(r, p) {
				t.Errorf("Can(%s, %q) = true", r, p)
			}
		}
	}
}

func TestRoleNames(t *testing.T) {
	t.Parallel()
	// Role names are part of the command-line contract.
	want := []auth.Role{"admin", "ketua_tim", "tim", "inspektorat", "kepala_opd", "pimpinan", "bawaslu", "asn"}
	if !slices.Equal(auth.Roles, want) {
		t.Fatalf("Roles = %v, want %v", auth.Roles, want)
	}
	for _, r := range want {
		if !r.Valid() {
			t.Errorf("%s not valid", r)
		}
	}
	for _, r := range []auth.Role{"", "Admin", "ADMIN", "root", "kepala-opd", " admin"} {
		if r.Valid() {
			t.Errorf("%q valid", r)
		}
	}
}

func TestRoleHomeAndScope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role   auth.Role
		home   string
		scoped bool
	}{
		{auth.RoleAdmin, "/dasbor", false},
		{auth.RoleKetuaTim, "/dasbor", false},
		{auth.RoleTim, "/dasbor", false},
		{auth.RoleInspektorat, "/dasbor", false},
		{auth.RoleKepalaOPD, "/dasbor", true},
		{auth.RolePimpinan, "/dasbor", false},
		{auth.RoleBawaslu, "/rujukan", false},
		{auth.RoleASN, "/saya", false},
		{"unknown", "/saya", false},
	}
	for _, tt := range tests {
		if got := tt.role.Home(); got != tt.home {
			t.Errorf("%s.Home() = %q, want %q", tt.role, got, tt.home)
		}
		if got := tt.role.ScopedToOPD(); got != tt.scoped {
			t.Errorf("%s.ScopedToOPD() = %v, want %v", tt.role, got, tt.scoped)
		}
	}
}
