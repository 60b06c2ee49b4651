// Package registry is the Pemda's register of its organisation and people: the
// OPD (perangkat daerah) tree, employees (ASN) with their dated positions, and
// their social-media accounts. Every record belongs to one instansi, and every
// change is written to the audit trail in the same transaction.
package registry

import (
	"errors"
	"time"
)

// OPD is a perangkat daerah or one of its sub-units.
type OPD struct {
	ID         int64
	InstansiID int64
	Code       string
	Name       string
	Kind       string // dinas, badan, kecamatan, bagian, bidang, uptd…
	ParentID   int64
	Depth      int // 0 for a top-level OPD (filled by tree listings)
	Employees  int // number of employees whose current unit is this OPD (filled by listings)
}

// Employee is an ASN with their current position.
type Employee struct {
	ID         int64
	InstansiID int64
	NIP        string // 18 digits
	Name       string
	Kind       string // PNS or PPPK
	Jabatan    string
	OPDID      int64
	OPDCode    string
	OPDName    string
	Email      string
	Phone      string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Position is one dated period of an employee's position and unit.
type Position struct {
	ID      int64
	Jabatan string
	OPDID   int64
	OPDName string
	From    time.Time
	To      time.Time // zero while current
	Source  string    // "import", "manual", "demo"
}

// Account is a social-media account of an employee.
type Account struct {
	ID         int64
	InstansiID int64
	EmployeeID int64
	Platform   string
	Handle     string
	URL        string
	PlatformID string // stable platform id when known
	Verified   bool
	CreatedAt  time.Time
	History    []HandleChange // earlier handles, newest first (filled by Accounts)
}

// HandleChange is an earlier handle of an account.
type HandleChange struct {
	Handle string
	URL    string
	From   time.Time
	To     time.Time
}

// Errors returned by the registry.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInvalid  = errors.New("invalid")
)

// FieldError is a validation error naming the field at fault.
type FieldError struct {
	Field   string
	Message string // English
	Pesan   string // Bahasa Indonesia
	kind    error  // ErrConflict for a value another record already holds; ErrInvalid when nil
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Unwrap makes a FieldError match [ErrInvalid], or [ErrConflict] when the
// value is already taken by another record.
func (e *FieldError) Unwrap() error {
	if e.kind != nil {
		return e.kind
	}
	return ErrInvalid
}

func invalid(field, en, id string) error { return &FieldError{Field: field, Message: en, Pesan: id} }

func conflict(field, en, id string) *FieldError {
	return &FieldError{Field: field, Message: en, Pesan: id, kind: ErrConflict}
}
