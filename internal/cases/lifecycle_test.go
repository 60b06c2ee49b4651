package cases_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
)

// ruleGrid is every rule of the lifecycle: action, the states it may be
// taken from ("open" = every open state, "all" = every state), the state it
// leads to ("-" for operations) and the roles allowed. A change to the table
// in lifecycle.go must be made here too, deliberately.
const ruleGrid = `
verify        received                                            verification           admin ketua_tim tim
summon        verification                                        clarification          admin ketua_tim tim
to_finding    clarification                                       finding                admin ketua_tim tim
proven        finding                                             referral               admin ketua_tim
not_proven    finding                                             closed                 admin ketua_tim
refer         referral                                            referred               admin ketua_tim tim
to_ppk        referral                                            ppk                    admin ketua_tim
recommend     referred                                            ppk                    admin ketua_tim tim bawaslu
decide        ppk                                                 decided                admin pimpinan
close         decided                                             closed                 admin ketua_tim tim
reject        received,verification                               rejected               admin ketua_tim
insufficient  verification,clarification,finding                  insufficient_evidence  admin ketua_tim
merge         open                                                merged                 admin ketua_tim
identify      received,verification,clarification,finding         -                      admin ketua_tim tim
assign        open                                                -                      admin ketua_tim
note          all                                                 -                      admin ketua_tim tim
message       open                                                -                      admin ketua_tim tim
source        open                                                -                      admin ketua_tim tim
summons       clarification                                       -                      admin ketua_tim tim
`

type gridRule struct {
	from  []cases.Status
	to    cases.Status
	roles []auth.Role
}

func parseGrid(t *testing.T) map[cases.Action]gridRule {
	t.Helper()
	out := map[cases.Action]gridRule{}
	for _, line := range strings.Split(strings.TrimSpace(ruleGrid), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			t.Fatalf("grid line %q", line)
		}
		var r gridRule
		switch f[1] {
		case "open":
			r.from = cases.OpenStatuses()
		case "all":
			r.from = cases.Statuses
		default:
			for _, s := range strings.Split(f[1], ",") {
				if !cases.Status(s).Valid() {
					t.Fatalf("grid line %q: unknown state %q", line, s)
				}
				r.from = append(r.from, cases.Status(s))
			}
		}
		if f[2] != "-" {
			r.to = cases.Status(f[2])
		}
		for _, x := range f[3:] {
			r.roles = append(r.roles, auth.Role(x))
		}
		out[cases.Action(f[0])] = r
	}
	return out
}

// TestRulesTable checks the table against the grid, then asks Allowed about
// every action, state and role (and an unknown action and role).
func TestRulesTable(t *testing.T) {
	t.Parallel()
	grid := parseGrid(t)
	rules := cases.Rules()
	if len(rules) != len(grid) {
		t.Fatalf("%d rules in the table, %d in the grid", len(rules), len(grid))
	}
	for _, r := range rules {
		g, ok := grid[r.Action]
		if !ok {
			t.Fatalf("rule %s missing from the grid", r.Action)
		}
		if r.To != g.to || !slices.Equal(r.From, g.from) || !slices.Equal(sorted(r.Roles), sorted(g.roles)) {
			t.Errorf("rule %s = from %v to %q roles %v; grid says from %v to %q roles %v", r.Action, r.From, r.To, r.Roles,
				g.from, g.to, g.roles)
		}
	}
	decisions := 0
	for a, g := range grid {
		for _, st := range cases.Statuses {
			for _, role := range append(slices.Clone(auth.Roles), "root") {
				err := cases.Allowed(role, a, st)
				var want error
				switch {
				case !slices.Contains(g.roles, role):
					want = cases.ErrNotAllowed
				case !slices.Contains(g.from, st):
					want = cases.ErrWrongState
				}
				if !errors.Is(err, want) || (want == nil && err != nil) {
					t.Errorf("Allowed(%s, %s, %s) = %v, want %v", role, a, st, err, want)
				}
				decisions++
			}
		}
	}
	if want := len(grid) * len(cases.Statuses) * (len(auth.Roles) + 1); decisions != want {
		t.Fatalf("checked %d decisions, want %d", decisions, want)
	}
	if err := cases.Allowed(auth.RoleAdmin, "fly", cases.Received); !errors.Is(err, cases.ErrNotAllowed) {
		t.Errorf("unknown action: %v", err)
	}
	// No rule leads out of an end state, and every open state can be left.
	for _, st := range cases.Statuses {
		var leaves bool
		for _, r := range rules {
			if r.To != "" && slices.Contains(r.From, st) {
				leaves = true
			}
		}
		if leaves == st.Ended() {
			t.Errorf("state %s: ended=%v but a transition out exists=%v", st, st.Ended(), leaves)
		}
	}
}

func sorted(rs []auth.Role) []auth.Role {
	out := slices.Clone(rs)
	slices.Sort(out)
	return out
}

// TestTransitionsFor lists what each role may do in a state (the buttons
// of the case page).
func TestTransitionsFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role auth.Role
		st   cases.Status
		want []cases.Action
	}{
		{auth.RoleTim, cases.Received, []cases.Action{cases.ActVerify}},
		{auth.RoleKetuaTim, cases.Received, []cases.Action{cases.ActVerify, cases.ActReject}},
		{auth.RoleKetuaTim, cases.Finding, []cases.Action{cases.ActProven, cases.ActNotProven, cases.ActInsufficient}},
		{auth.RoleTim, cases.Finding, nil},
		{auth.RolePimpinan, cases.PPK, []cases.Action{cases.ActDecide}},
		{auth.RoleBawaslu, cases.Referred, []cases.Action{cases.ActRecommend}},
		{auth.RoleInspektorat, cases.Verification, nil},
		{auth.RoleAdmin, cases.Closed, nil},
	}
	for _, c := range tests {
		if got := cases.Transitions(c.role, c.st); !slices.Equal(got, c.want) {
			t.Errorf("Transitions(%s, %s) = %v, want %v", c.role, c.st, got, c.want)
		}
	}
}

// TestViewersMatchPermissions: the roles that see cases are those holding
// cases.view, plus the Bawaslu liaison (referred.view).
func TestViewersMatchPermissions(t *testing.T) {
	t.Parallel()
	for _, r := range auth.Roles {
		want := auth.Can(r, auth.PermCasesView) || auth.Can(r, auth.PermReferredCases)
		if got := cases.MayView(r); got != want {
			t.Errorf("MayView(%s) = %v, permissions say %v", r, got, want)
		}
		// Every role allowed a team step holds cases.handle; the PPK's, cases.decide.
		for _, rule := range cases.Rules() {
			if !slices.Contains(rule.Roles, r) {
				continue
			}
			switch {
			case rule.Action == cases.ActDecide:
				if !auth.Can(r, auth.PermCasesDecide) {
					t.Errorf("%s may decide but lacks cases.decide", r)
				}
			case rule.Action == cases.ActRecommend && r == auth.RoleBawaslu:
			default:
				if !auth.Can(r, auth.PermCasesHandle) {
					t.Errorf("%s may %s but lacks cases.handle", r, rule.Action)
				}
			}
		}
	}
}

func TestPublicStatus(t *testing.T) {
	t.Parallel()
	allowed := []string{"received", "in_review", "clarification", "referred", "decided", "closed", "rejected"}
	for _, st := range cases.Statuses {
		p := cases.PublicStatus(st)
		if st == cases.Merged {
			if p != "" {
				t.Errorf("merged: %q", p)
			}
			continue
		}
		if !slices.Contains(allowed, p) {
			t.Errorf("PublicStatus(%s) = %q", st, p)
		}
	}
}
