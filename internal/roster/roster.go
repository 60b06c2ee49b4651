// Package roster reads and writes the employee roster files of
// shared/contracts/employees.md: CSV (comma or semicolon separated, UTF-8,
// optional byte order mark) or the first sheet of an XLSX workbook, with the
// columns nip, nama, jenis_asn, jabatan, unit_kerja, email, telepon and akun.
//
// The package checks each row on its own and across the file (duplicate
// NIPs). It knows nothing of databases: whether a unit exists or a NIP
// already belongs to someone else is for the caller to check.
package roster

import (
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/nip"
)

// columns are the roster columns in the contract's order, as Write writes them.
var columns = []string{colNIP, colNama, colJenisASN, colJabatan, colUnitKerja, colEmail, colTelepon, colAkun}

// Column names of the contract.
const (
	colNIP       = "nip"
	colNama      = "nama"
	colJenisASN  = "jenis_asn"
	colJabatan   = "jabatan"
	colUnitKerja = "unit_kerja"
	colEmail     = "email"
	colTelepon   = "telepon"
	colAkun      = "akun"
)

// DefaultMaxBytes is the file size limit when Options.MaxBytes is not set.
const DefaultMaxBytes = 50 << 20

// Account is one social-media account of an employee.
type Account struct {
	// Platform is the lower-case canonical platform name: instagram,
	// facebook, x, tiktok, youtube, threads, linkedin, mastodon, telegram,
	// bluesky or other.
	Platform string
	// Handle is the user name without a leading @, lower-cased; for
	// mastodon it is user@instance. It is empty when only a URL is known.
	Handle string
	// URL is the profile address: derived from Handle where the platform's
	// address pattern is known, or as written.
	URL string
}

// Row is one employee read from a roster file.
type Row struct {
	// Line is the 1-based row number in the file, header included, so the
	// first data row is 2; in CSV it is the line the record starts on.
	Line      int
	NIP       string    // the 18 digits, without separators
	Nama      string    // full name with titles, as written (spaces tidied)
	JenisASN  nip.Kind  // as written in jenis_asn, or inferred from the NIP
	Jabatan   string    // position title
	UnitKerja string    // OPD code or name, as written; the caller resolves it
	Email     string    // e-mail address, or empty
	Telepon   string    // phone number as written, or empty
	Accounts  []Account // parsed from akun
	Warnings  []Problem // things to check that do not block the import
}

// Problem is an error or warning tied to a place in the file.
type Problem struct {
	Line      int    // row number as in Row.Line; the header row (normally 1) for the file
	Column    string // contract column name, e.g. "nip"; empty for a whole row or the file
	Message   string // English
	MessageID string // Bahasa Indonesia
}

// String formats p in English, e.g. `line 5, column nip: ...`.
func (p Problem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d, column %s: %s", p.Line, p.Column, p.Message)
}

// StringID formats p in Bahasa Indonesia, e.g. `baris 5, kolom nip: ...`.
func (p Problem) StringID() string {
	if p.Column == "" {
		return fmt.Sprintf("baris %d: %s", p.Line, p.MessageID)
	}
	return fmt.Sprintf("baris %d, kolom %s: %s", p.Line, p.Column, p.MessageID)
}

// Result is the outcome of Read.
type Result struct {
	// Rows holds the rows without errors, in file order.
	Rows []Row
	// Problems holds the errors. When it is not empty the whole file must be
	// rejected: an import is all-or-nothing.
	Problems []Problem
	// Warnings holds file-level remarks that do not block the import, such
	// as columns that were ignored. Row warnings are in Row.Warnings.
	Warnings []Problem
}

// Options tunes Read.
type Options struct {
	MaxBytes int64     // size limit of the file; DefaultMaxBytes when 0 or less
	Now      time.Time // date NIPs are checked against; time.Now() when zero
}

func problem(line int, col, en, id string) Problem {
	return Problem{Line: line, Column: col, Message: en, MessageID: id}
}
