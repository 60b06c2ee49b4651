package cases

import (
	"slices"

	"github.com/netral-asn/netral/internal/auth"
)

// Action is a step a person takes on a case: a transition to another state,
// or an operation that keeps the state (assigning, writing a note, …).
type Action string

// Transitions.
const (
	ActVerify       Action = "verify"       // received → verification
	ActSummon       Action = "summon"       // verification → clarification (the ASN is identified)
	ActToFinding    Action = "to_finding"   // clarification → finding
	ActProven       Action = "proven"       // finding → referral: the team finds a violation
	ActNotProven    Action = "not_proven"   // finding → closed: the team finds none
	ActRefer        Action = "refer"        // referral → referred: sent to Bawaslu or BKN with the package
	ActToPPK        Action = "to_ppk"       // referral → ppk: the PPK's own disciplinary track, without referral
	ActRecommend    Action = "recommend"    // referred → ppk: the recommendation is recorded
	ActDecide       Action = "decide"       // ppk → decided: the PPK's decision (a sanction or not proven)
	ActClose        Action = "close"        // decided → closed: the decree is delivered
	ActReject       Action = "reject"       // received/verification → rejected
	ActInsufficient Action = "insufficient" // verification/clarification/finding → insufficient_evidence
	ActMerge        Action = "merge"        // any open state → merged (into another case)
)

// Operations that keep the state.
const (
	OpIdentify Action = "identify" // set the accused ASN, the act, the election
	OpAssign   Action = "assign"   // choose the handler
	OpNote     Action = "note"     // an internal note
	OpMessage  Action = "message"  // a message to the reporter or the accused, or the accused's reply
	OpSource   Action = "source"   // add a source (review item, public report, finding)
	OpSummons  Action = "summons"  // schedule a summons, record the minutes (BA klarifikasi)
)

// Rule says from which states an action may be taken, to which state it
// leads ("" for operations) and which roles may take it.
type Rule struct {
	Action Action
	From   []Status
	To     Status
	Roles  []auth.Role
}

var (
	// team: the Tim Pengawas members and the secretariat (BKPSDM).
	team = []auth.Role{auth.RoleAdmin, auth.RoleKetuaTim, auth.RoleTim}
	// chair: the ketua tim and the secretariat: findings, ends, assignment, merging.
	chair = []auth.Role{auth.RoleAdmin, auth.RoleKetuaTim}
	// ppk: the PPK (pimpinan: Bupati/Sekda) and the secretariat recording the PPK's decree.
	ppk = []auth.Role{auth.RoleAdmin, auth.RolePimpinan}
	// recommenders: the Bawaslu liaison (only for cases referred to Bawaslu), or the team on their behalf.
	recommenders = []auth.Role{auth.RoleAdmin, auth.RoleKetuaTim, auth.RoleTim, auth.RoleBawaslu}

	open     = OpenStatuses()
	everyone = Statuses
	editable = []Status{Received, Verification, Clarification, Finding}
)

// rules is the single table of who may do what in which state.
var rules = []Rule{
	{ActVerify, []Status{Received}, Verification, team},
	{ActSummon, []Status{Verification}, Clarification, team},
	{ActToFinding, []Status{Clarification}, Finding, team},
	{ActProven, []Status{Finding}, ReferralPrep, chair},
	{ActNotProven, []Status{Finding}, Closed, chair},
	{ActRefer, []Status{ReferralPrep}, Referred, team},
	{ActToPPK, []Status{ReferralPrep}, PPK, chair},
	{ActRecommend, []Status{Referred}, PPK, recommenders},
	{ActDecide, []Status{PPK}, Decided, ppk},
	{ActClose, []Status{Decided}, Closed, team},
	{ActReject, []Status{Received, Verification}, Rejected, chair},
	{ActInsufficient, []Status{Verification, Clarification, Finding}, Insufficient, chair},
	{ActMerge, open, Merged, chair},

	{OpIdentify, editable, "", team},
	{OpAssign, open, "", chair},
	{OpNote, everyone, "", team},
	{OpMessage, open, "", team},
	{OpSource, open, "", team},
	{OpSummons, []Status{Clarification}, "", team},
}

// Rules returns the table of allowed actions.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = Rule{r.Action, slices.Clone(r.From), r.To, slices.Clone(r.Roles)}
	}
	return out
}

// RuleOf returns the rule of an action.
func RuleOf(a Action) (Rule, bool) {
	for _, r := range rules {
		if r.Action == a {
			return r, true
		}
	}
	return Rule{}, false
}

// Allowed reports whether role may take action a on a case in state from:
// nil, [ErrNotAllowed] (the role never may; unknown actions too) or
// [ErrWrongState] (the role may, but not in this state).
func Allowed(role auth.Role, a Action, from Status) error {
	r, ok := RuleOf(a)
	if !ok || !slices.Contains(r.Roles, role) {
		return ErrNotAllowed
	}
	if !slices.Contains(r.From, from) {
		return ErrWrongState
	}
	return nil
}

// Transitions returns the state-changing actions role may take on a case
// in state from, in table order (merging is left out: it needs a second case).
func Transitions(role auth.Role, from Status) []Action {
	var out []Action
	for _, r := range rules {
		if r.To != "" && r.Action != ActMerge && Allowed(role, r.Action, from) == nil {
			out = append(out, r.Action)
		}
	}
	return out
}

// IsTransition reports whether a is a state-changing action of the table.
func IsTransition(a Action) bool {
	r, ok := RuleOf(a)
	return ok && r.To != ""
}

// PublicStatus is the status a reporter sees for a case in state s (the
// public statuses of the reports: received, in_review, clarification,
// referred, decided, closed, rejected). "clarification" is kept for a
// question the team asks the reporter, so the ASN's hearing shows as
// in_review; a merged case has no reporters of its own left.
func PublicStatus(s Status) string {
	switch s {
	case Received:
		return "received"
	case Verification, Clarification, Finding, ReferralPrep:
		return "in_review"
	case Referred, PPK:
		return "referred"
	case Decided:
		return "decided"
	case Closed, Insufficient:
		return "closed"
	case Rejected:
		return "rejected"
	}
	return ""
}
