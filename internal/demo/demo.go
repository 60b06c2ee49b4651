// Package demo builds the demo data set of Netral: the organisation, staff
// and users of the fictional Pemda "Kabupaten Tanjung Harapan" (region 99.01
// in package wilayah), as plain Go values without any database.
//
// [Generate] is deterministic: it uses a fixed-seed PCG generator and the
// fixed reference date [AsOf] (1 June 2024), so every call, on every machine,
// returns the same data. The data set has 44 units (OPD and their sub-units),
// 400 employees (about 70% PNS and 30% PPPK) with NIPs that satisfy the rules
// of shared/reference/domain-rules.md §7.3, position histories, contact
// details, social-media accounts and logins for every role (11 users).
//
// Everything is fictional. Names are common Indonesian names put together at
// random; e-mail addresses use the reserved ".example" top-level domain so
// they can never reach anyone. Phone numbers, however, look like real
// Indonesian mobile numbers and may belong to real subscribers: never send
// messages to demo data.
//
// Sixteen accounts use handles that appear as authors in
// shared/data/screening-dev/labelled.jsonl (on the same platforms), so
// monitoring demos built on that development set attribute those activities
// to demo employees. Nothing else is taken from that file.
package demo

import (
	"time"
)

// RegionCode and RegionName identify the demo region (see package wilayah).
const (
	RegionCode = "99.01"
	RegionName = "Kabupaten Tanjung Harapan"
)

// AsOf returns the reference date of the data set, 1 June 2024 00:00 UTC:
// NIPs are valid as of that date and no date in the data set is later.
func AsOf() time.Time { return time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC) }

// Values of OPD.Kind.
const (
	KindSekretariat = "sekretariat" // Sekretariat Daerah, Sekretariat DPRD
	KindInspektorat = "inspektorat" // Inspektorat Daerah
	KindDinas       = "dinas"       // Dinas ...
	KindBadan       = "badan"       // Badan ...
	KindSatuan      = "satuan"      // Satuan Polisi Pamong Praja
	KindRSUD        = "rsud"        // Rumah Sakit Umum Daerah
	KindKecamatan   = "kecamatan"   // Kecamatan
	KindBagian      = "bagian"      // Bagian of the Sekretariat Daerah
	KindBidang      = "bidang"      // Bidang of a dinas
	KindUPTD        = "uptd"        // UPTD: schools and puskesmas
	KindKelurahan   = "kelurahan"   // Kelurahan, under a kecamatan
)

// Values of Employee.Kind.
const (
	PNS  = "PNS"  // Pegawai Negeri Sipil
	PPPK = "PPPK" // Pegawai Pemerintah dengan Perjanjian Kerja
)

// Values of User.Role.
const (
	RoleAdmin       = "admin"       // system administrator
	RoleTim         = "tim"         // member of the Tim Pengawas Netralitas ASN
	RoleInspektorat = "inspektorat" // Inspektorat (examination of cases)
	RoleKepalaOPD   = "kepala_opd"  // head of a unit, sees that unit only
	RolePimpinan    = "pimpinan"    // leadership (Sekretaris Daerah)
	RoleBawaslu     = "bawaslu"     // Bawaslu liaison
	RoleASN         = "asn"         // an employee, sees their own record
)

// Values of Account.Platform.
const (
	PlatformInstagram = "instagram"
	PlatformFacebook  = "facebook"
	PlatformX         = "x"
	PlatformTikTok    = "tiktok"
)

// OPD is a unit of the Pemda: a perangkat daerah (OPD) or one of its
// sub-units.
type OPD struct {
	Code       string // "1.01"; a sub-unit extends its parent's code: "1.01.02"
	Name       string // "Sekretariat Daerah", "Bagian Hukum"
	ParentCode string // "" for a top-level OPD
	Kind       string // one of the Kind* constants
}

// Position is one entry of an employee's position history.
type Position struct {
	Jabatan string    // position title, e.g. "Kepala Dinas Sosial", "Guru Ahli Pertama"
	OPDCode string    // the unit
	From    time.Time // start date (the 1st of a month, 00:00 UTC)
}

// Account is a social-media account of an employee.
type Account struct {
	Platform string // one of the Platform* constants
	Handle   string // user name without the leading "@", e.g. "sri.wahyuni"
	URL      string // profile address, e.g. "https://www.instagram.com/sri.wahyuni"
	// Verified reports that the Tim has confirmed the account belongs to the
	// employee (for example, the employee declared it); it is not the
	// platform's verification badge.
	Verified bool
}

// Author returns the handle as monitored activity records name their author
// ("@" + Handle), see shared/contracts/scan.md.
func (a Account) Author() string { return "@" + a.Handle }

// Employee is a civil servant (ASN) of the Pemda.
type Employee struct {
	NIP  string // 18 digits: NIP of a PNS or NI PPPK
	Name string // full name with titles as written, e.g. "Dra. Sri Wahyuni, M.Si."
	Kind string // PNS or PPPK
	// Positions is the position history, oldest first; the last entry is the
	// current position. About a quarter of the employees have two entries
	// (a transfer or promotion 1–4 years before AsOf).
	Positions []Position
	Email     string // "" when unknown
	Phone     string // "08…", "" when unknown
	Accounts  []Account
}

// Current returns the current (last) position; the zero Position when there
// is none.
func (e Employee) Current() Position {
	if len(e.Positions) == 0 {
		return Position{}
	}
	return e.Positions[len(e.Positions)-1]
}

// User is a login account of Netral.
type User struct {
	Username string
	FullName string
	Role     string // one of the Role* constants
	OPDCode  string // the unit a kepala_opd user is limited to; "" for other roles
	// EmployeeNIP links the user to their employee record: always set for
	// the asn and kepala_opd roles, and also for Pemda staff in other roles
	// (tim, inspektorat, pimpinan); "" for admin and bawaslu.
	EmployeeNIP string
}

// Dataset is the demo Pemda.
type Dataset struct {
	RegionCode string     // RegionCode
	RegionName string     // RegionName
	OPDs       []OPD      // every parent before its sub-units, in code order
	Employees  []Employee // grouped by current unit, in OPDs order, each unit's head first
	Users      []User
}

// OPDByCode returns the unit with the given code.
func (d *Dataset) OPDByCode(code string) (OPD, bool) {
	for _, o := range d.OPDs {
		if o.Code == code {
			return o, true
		}
	}
	return OPD{}, false
}

// EmployeeByNIP returns the employee with the given NIP.
func (d *Dataset) EmployeeByNIP(nip string) (Employee, bool) {
	for _, e := range d.Employees {
		if e.NIP == nip {
			return e, true
		}
	}
	return Employee{}, false
}

// Head returns the current head of the unit with the given code (Kepala
// Dinas, Camat, Lurah, Kepala Bagian, Kepala Sekolah, Direktur RSUD, ...).
func (d *Dataset) Head(opdCode string) (Employee, bool) {
	title := HeadTitle(opdCode)
	if title == "" {
		return Employee{}, false
	}
	for _, e := range d.Employees {
		if c := e.Current(); c.OPDCode == opdCode && c.Jabatan == title {
			return e, true
		}
	}
	return Employee{}, false
}

// HeadTitle returns the position title of the head of a demo unit, e.g.
// "Kepala Dinas Sosial" for "2.04" or "Camat Pasir Putih" for "4.02", or ""
// for an unknown code.
func HeadTitle(opdCode string) string {
	for _, s := range opdSpecs {
		if s.Code == opdCode {
			return s.head
		}
	}
	return ""
}
