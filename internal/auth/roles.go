// Package auth holds Netral's people and permissions: roles and what each may
// do (decided in one place, [Can]), argon2id passwords, server-side sessions,
// API tokens and sign-in throttling.
package auth

// Role is a user's role within their instansi.
type Role string

// The roles. Names are part of the command-line contract (`netral user add --role`).
const (
	RoleAdmin       Role = "admin"       // sekretariat / BKPSDM: manages registry, users, settings
	RoleKetuaTim    Role = "ketua_tim"   // chair of the Tim Pengawas
	RoleTim         Role = "tim"         // member of the Tim Pengawas
	RoleInspektorat Role = "inspektorat" // Inspektorat Daerah
	RoleKepalaOPD   Role = "kepala_opd"  // head of one OPD: sees only that OPD
	RolePimpinan    Role = "pimpinan"    // Bupati / Sekda: read-only dashboards
	RoleBawaslu     Role = "bawaslu"     // Bawaslu liaison: sees only what is referred to them
	RoleASN         Role = "asn"         // a civil servant: self-service
)

// Roles lists every role, in display order.
var Roles = []Role{RoleAdmin, RoleKetuaTim, RoleTim, RoleInspektorat, RoleKepalaOPD, RolePimpinan, RoleBawaslu, RoleASN}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Perm is one permission.
type Perm string

// The permissions. Each page and API route declares the one it needs.
const (
	PermDashboard      Perm = "dashboard.view"  // see the dashboard and counts
	PermRegistryView   Perm = "registry.view"   // see OPD tree, employees, accounts (kepala OPD: own OPD only)
	PermRegistryEdit   Perm = "registry.edit"   // change employees and OPD
	PermAccountEdit    Perm = "account.edit"    // add or change social-media accounts
	PermRosterImport   Perm = "roster.import"   // import a roster file
	PermRosterExport   Perm = "roster.export"   // export the roster
	PermUsersManage    Perm = "users.manage"    // manage users and API tokens of the instansi
	PermAuditView      Perm = "audit.view"      // read the audit trail
	PermSelf           Perm = "self.view"       // see one's own record
	PermReferredCases  Perm = "referred.view"   // see cases referred to Bawaslu
	PermInstansiAdmin  Perm = "instansi.manage" // instansi settings
	PermActivityIngest Perm = "activity.ingest" // send activity records (API, import)
	PermActivityView   Perm = "activity.view"   // see activities and their screening (kepala OPD: own OPD only)
	PermReviewDecide   Perm = "review.decide"   // decide on and assign items of the review inbox (deteksi dini)
	// PermElectionsManage changes the elections and lexicon the instansi screens with (/pemilihan).
	PermElectionsManage Perm = "elections.manage"
)

// Case-handling permissions (internal/cases). Which role may take which step
// of a case is decided by the transition table of internal/cases; these only
// open the pages. Kepala OPD hold none of them (conflict of interest: the
// accused is their staff), and the Bawaslu liaison reaches the cases referred
// to Bawaslu through PermReferredCases only.
const (
	PermCasesView   Perm = "cases.view"   // list and read cases (perkara)
	PermCasesHandle Perm = "cases.handle" // open cases and take the team's steps, notes and messages
	PermCasesAssign Perm = "cases.assign" // assign handlers, conclude findings, reject, merge (ketua tim)
	PermCasesDecide Perm = "cases.decide" // record the PPK's decision (sanction or not proven)
)

// Public-report permissions (internal/reports, /laporan). No role sees a
// reporter's identity through PermReportsView; a confidential identity is
// revealed only with PermReporterReveal and a recorded reason.
const (
	PermReportsView    Perm = "reports.view"    // list and read public reports and their evidence
	PermReportsHandle  Perm = "reports.handle"  // message reporters, set the status of reports outside a case, capture links
	PermReporterReveal Perm = "reporter.reveal" // reveal a confidential reporter's identity (audited, with a reason)
)

// PermCalendarEdit changes the instansi's working-day calendar (/kalender):
// adds regional holidays, removes or restores national days. Everyone with
// PermDashboard can view it.
const PermCalendarEdit Perm = "calendar.edit"

// AllPerms lists every permission.
var AllPerms = []Perm{PermDashboard, PermRegistryView, PermRegistryEdit, PermAccountEdit, PermRosterImport,
	PermRosterExport, PermUsersManage, PermAuditView, PermSelf, PermReferredCases, PermInstansiAdmin,
	PermActivityIngest, PermActivityView, PermReviewDecide, PermElectionsManage,
	PermCasesView, PermCasesHandle, PermCasesAssign, PermCasesDecide,
	PermReportsView, PermReportsHandle, PermReporterReveal, PermCalendarEdit}

var grants = map[Role][]Perm{
	RoleAdmin: {PermDashboard, PermRegistryView, PermRegistryEdit, PermAccountEdit, PermRosterImport,
		PermRosterExport, PermUsersManage, PermAuditView, PermSelf, PermInstansiAdmin, PermActivityIngest, PermActivityView,
		PermReviewDecide, PermElectionsManage,
		PermCasesView, PermCasesHandle, PermCasesAssign, PermCasesDecide,
		PermReportsView, PermReportsHandle, PermReporterReveal, PermCalendarEdit},
	RoleKetuaTim: {PermDashboard, PermRegistryView, PermAccountEdit, PermRosterExport, PermAuditView, PermSelf,
		PermActivityIngest, PermActivityView, PermReviewDecide, PermElectionsManage,
		PermCasesView, PermCasesHandle, PermCasesAssign,
		PermReportsView, PermReportsHandle, PermReporterReveal, PermCalendarEdit},
	RoleTim: {PermDashboard, PermRegistryView, PermAccountEdit, PermRosterExport, PermSelf, PermActivityIngest,
		PermActivityView, PermReviewDecide,
		PermCasesView, PermCasesHandle,
		PermReportsView, PermReportsHandle},
	RoleInspektorat: {PermDashboard, PermRegistryView, PermRosterExport, PermAuditView, PermSelf, PermActivityView,
		PermCasesView, PermReportsView},
	RoleKepalaOPD: {PermDashboard, PermRegistryView, PermAccountEdit, PermSelf, PermActivityView},
	RolePimpinan:  {PermDashboard, PermSelf, PermCasesView, PermCasesDecide},
	RoleBawaslu:   {PermReferredCases},
	RoleASN:       {PermSelf},
}

// Can reports whether role r holds permission p. It is the single place where
// permissions are decided.
func Can(r Role, p Perm) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// ScopedToOPD reports whether the role sees only its own OPD's records.
func (r Role) ScopedToOPD() bool { return r == RoleKepalaOPD }

// Home is the path a role lands on after sign-in.
func (r Role) Home() string {
	switch {
	case Can(r, PermDashboard):
		return "/dasbor"
	case r == RoleBawaslu:
		return "/rujukan"
	default:
		return "/saya"
	}
}
