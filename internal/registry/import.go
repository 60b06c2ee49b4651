package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/roster"
)

// ImportReport is the outcome of a roster import.
type ImportReport struct {
	Added     int
	Updated   int
	Unchanged int
	Problems  []roster.Problem // errors: when non-empty nothing was written
	Warnings  []roster.Problem // to check, not blocking
	DryRun    bool
}

// OK reports whether the import had no errors.
func (r *ImportReport) OK() bool { return len(r.Problems) == 0 }

// errRollback ends a dry run's transaction without an error to report.
var errRollback = errors.New("dry run")

// ImportRoster applies a parsed roster to an instansi, all or nothing. Rows are
// matched to employees by NIP; units by OPD code, then by exact name
// (case-insensitive). Accounts listed in a row are added to the employee;
// accounts already registered are kept. With dryRun nothing is written but the
// counts are those a real import would give.
func (s *Store) ImportRoster(ctx context.Context, actor audit.Actor, instansiID int64, res *roster.Result, dryRun bool) (*ImportReport, error) {
	rep := &ImportReport{DryRun: dryRun, Problems: append([]roster.Problem(nil), res.Problems...)}
	rep.Warnings = append(rep.Warnings, res.Warnings...)
	for _, r := range res.Rows {
		rep.Warnings = append(rep.Warnings, r.Warnings...)
	}
	tree, err := s.OPDs(ctx, instansiID)
	if err != nil {
		return nil, err
	}
	byCode, byName := map[string]int64{}, map[string][]int64{}
	for _, o := range tree {
		byCode[strings.ToLower(o.Code)] = o.ID
		k := strings.ToLower(strings.Join(strings.Fields(o.Name), " "))
		byName[k] = append(byName[k], o.ID)
	}
	owners, err := s.accountOwners(ctx, instansiID)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	units := make([]int64, len(res.Rows))
	seenAcc := map[string]int{}
	for i, r := range res.Rows {
		key := strings.ToLower(strings.Join(strings.Fields(r.UnitKerja), " "))
		switch ids := byName[key]; {
		case byCode[key] != 0:
			units[i] = byCode[key]
		case len(ids) == 1:
			units[i] = ids[0]
		case len(ids) > 1:
			rep.Problems = append(rep.Problems, problem(r.Line, "unit_kerja",
				fmt.Sprintf("%q matches %d units: use the unit code", r.UnitKerja, len(ids)),
				fmt.Sprintf("%q cocok dengan %d unit: gunakan kode unit", r.UnitKerja, len(ids))))
		default:
			rep.Problems = append(rep.Problems, problem(r.Line, "unit_kerja",
				fmt.Sprintf("unknown unit %q (not an OPD code or name of this instansi)", r.UnitKerja),
				fmt.Sprintf("unit kerja %q tidak dikenal (bukan kode atau nama OPD instansi ini)", r.UnitKerja)))
		}
		// The database's own checks, so that every bad row is reported
		// with its line and column (an "opd" error is the unit, reported above).
		e := Employee{InstansiID: instansiID, NIP: r.NIP, Name: r.Nama, Kind: string(r.JenisASN), Jabatan: r.Jabatan,
			OPDID: units[i], Email: r.Email, Phone: r.Telepon}
		var fe *FieldError
		if err := validateEmployee(&e, now); errors.As(err, &fe) && fe.Field != "opd" {
			rep.Problems = append(rep.Problems, problem(r.Line, column(fe.Field), fe.Message, fe.Pesan))
		}
		for _, ra := range r.Accounts {
			// Keyed as stored: a handle derived from the URL when only a URL is given.
			a := Account{Platform: ra.Platform, Handle: ra.Handle, URL: ra.URL}
			if err := validateAccount(&a); errors.As(err, &fe) {
				rep.Problems = append(rep.Problems, problem(r.Line, "akun", fe.Message, fe.Pesan))
				continue
			}
			k := a.Platform + ":" + a.Handle
			if owner, ok := owners[k]; ok && owner != r.NIP {
				rep.Problems = append(rep.Problems, problem(r.Line, "akun",
					fmt.Sprintf("account %s is already registered to employee %s", k, owner),
					fmt.Sprintf("akun %s sudah terdaftar atas pegawai %s", k, owner)))
			}
			if prev, ok := seenAcc[k]; ok && prev != r.Line {
				rep.Problems = append(rep.Problems, problem(r.Line, "akun",
					fmt.Sprintf("account %s is also listed on row %d", k, prev),
					fmt.Sprintf("akun %s juga tercantum di baris %d", k, prev)))
			}
			seenAcc[k] = r.Line
		}
	}
	if !rep.OK() {
		return rep, nil
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		for i, r := range res.Rows {
			if err := importRow(ctx, tx, actor, instansiID, r, units[i], now, rep); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "roster.import", ObjectType: "roster",
			ObjectID: now.UTC().Format("20060102T150405"), After: map[string]int{"added": rep.Added, "updated": rep.Updated, "unchanged": rep.Unchanged}}); err != nil {
			return err
		}
		if dryRun {
			return errRollback
		}
		return nil
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	var re *rowError
	var fe *FieldError
	switch {
	case errors.As(err, &re):
		// A row that passed the checks above but not the database's (should be rare).
		rep.Added, rep.Updated, rep.Unchanged = 0, 0, 0
		rep.Problems = append(rep.Problems, problem(re.line, column(re.fe.Field), re.fe.Message, re.fe.Pesan))
		return rep, nil
	case errors.As(err, &fe):
		rep.Added, rep.Updated, rep.Unchanged = 0, 0, 0
		rep.Problems = append(rep.Problems, problem(0, column(fe.Field), fe.Message, fe.Pesan))
		return rep, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import roster: %w", err)
	}
	return rep, nil
}

func importRow(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, r roster.Row, opdID int64, now time.Time, rep *ImportReport) error {
	e := Employee{InstansiID: instansiID, NIP: r.NIP, Name: r.Nama, Kind: string(r.JenisASN), Jabatan: r.Jabatan,
		OPDID: opdID, Email: r.Email, Phone: r.Telepon}
	old, err := scanEmployee(tx.QueryRow(ctx, `SELECT `+employeeCols+` FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.instansi_id = ? AND e.nip = ?`, instansiID, r.NIP))
	switch {
	case err == nil:
		e.ID = old.ID
	case errors.Is(err, ErrNotFound):
	default:
		return err
	}
	if err := validateEmployee(&e, now); err != nil {
		return withLine(err, r.Line)
	}
	e, changed, err := saveEmployeeTx(ctx, tx, actor, e, now, "import")
	if err != nil {
		return withLine(err, r.Line)
	}
	for _, ra := range r.Accounts {
		a := Account{InstansiID: instansiID, EmployeeID: e.ID, Platform: ra.Platform, Handle: ra.Handle, URL: ra.URL}
		if err := validateAccount(&a); err != nil {
			return withLine(err, r.Line)
		}
		_, added, err := saveAccountTx(ctx, tx, actor, a)
		if err != nil {
			return withLine(err, r.Line)
		}
		changed = changed || added
	}
	switch {
	case old.ID == 0:
		rep.Added++
	case changed:
		rep.Updated++
	default:
		rep.Unchanged++
	}
	return nil
}

// rowError is a FieldError of one roster row.
type rowError struct {
	line int
	fe   *FieldError
}

func (e *rowError) Error() string { return fmt.Sprintf("row %d: %v", e.line, e.fe) }
func (e *rowError) Unwrap() error { return e.fe }

func withLine(err error, line int) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &rowError{line: line, fe: fe}
	}
	return err
}

// column names the roster column of a registry field.
func column(field string) string {
	switch field {
	case "nip", "email", "jabatan":
		return field
	case "name":
		return "nama"
	case "kind":
		return "jenis_asn"
	case "phone":
		return "telepon"
	case "opd":
		return "unit_kerja"
	case "platform", "handle", "url":
		return "akun"
	}
	return field
}

func problem(line int, col, en, id string) roster.Problem {
	return roster.Problem{Line: line, Column: col, Message: en, MessageID: id}
}

// accountOwners maps "platform:handle" to the NIP of its employee.
func (s *Store) accountOwners(ctx context.Context, instansiID int64) (map[string]string, error) {
	rows, err := s.DB.Query(ctx, `SELECT a.platform, a.handle, e.nip FROM social_account a JOIN employee e ON e.id = a.employee_id
		WHERE a.instansi_id = ?`, instansiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var p, h, n string
		if err := rows.Scan(&p, &h, &n); err != nil {
			return nil, err
		}
		out[p+":"+h] = n
	}
	return out, rows.Err()
}

// ExportRows returns the roster of an instansi (or of the given units) as
// roster rows, by name, ready for [roster.Write].
func (s *Store) ExportRows(ctx context.Context, instansiID int64, opdIDs []int64) ([]roster.Row, error) {
	var rows []roster.Row
	cursor := ""
	for {
		p, err := s.Employees(ctx, Filter{InstansiID: instansiID, OPDIDs: opdIDs, Limit: 1000, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		for _, e := range p.Items {
			accs, err := s.Accounts(ctx, instansiID, e.ID)
			if err != nil {
				return nil, err
			}
			r := roster.Row{NIP: e.NIP, Nama: e.Name, JenisASN: kindOf(e.Kind), Jabatan: e.Jabatan, UnitKerja: e.OPDCode,
				Email: e.Email, Telepon: e.Phone}
			for _, a := range accs {
				r.Accounts = append(r.Accounts, roster.Account{Platform: a.Platform, Handle: a.Handle, URL: a.URL})
			}
			rows = append(rows, r)
		}
		if p.Next == "" {
			return rows, nil
		}
		cursor = p.Next
	}
}

func kindOf(k string) nip.Kind { return nip.Kind(k) }
