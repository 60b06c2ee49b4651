package registry

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/nip"
)

const employeeCols = `e.id, e.instansi_id, e.nip, e.name, e.kind, e.jabatan, e.opd_id, o.code, o.name, e.email, e.phone, e.created_at, e.updated_at`

func scanEmployee(r interface{ Scan(...any) error }) (Employee, error) {
	var e Employee
	var created, updated string
	err := r.Scan(&e.ID, &e.InstansiID, &e.NIP, &e.Name, &e.Kind, &e.Jabatan, &e.OPDID, &e.OPDCode, &e.OPDName,
		&e.Email, &e.Phone, &created, &updated)
	e.CreatedAt, e.UpdatedAt = clock.Parse(created), clock.Parse(updated)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return e, ErrNotFound
	}
	return e, err
}

// Filter selects employees for [Store.Employees].
type Filter struct {
	InstansiID int64
	Q          string  // matches name or NIP (case-insensitive substring)
	OPDIDs     []int64 // when non-nil, only employees whose unit is one of these (scope or filter)
	Kind       string  // PNS or PPPK
	Limit      int     // default 50, at most 1000
	Cursor     string  // from a previous page's Next
}

// Page is one page of employees.
type Page struct {
	Items []Employee
	Total int
	Next  string // cursor of the next page; "" on the last page
}

// SearchKey is the lower-cased text employees are searched by.
func SearchKey(name, nipDigits string) string { return strings.ToLower(name) + " " + nipDigits }

// Employees lists employees by name, with keyset paging.
func (s *Store) Employees(ctx context.Context, f Filter) (Page, error) {
	where := ` WHERE e.instansi_id = ?`
	args := []any{f.InstansiID}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		if d := nip.Normalize(q); len(d) >= 4 && strings.Trim(d, "0123456789") == "" {
			q = d
		}
		where += ` AND e.search LIKE ? ESCAPE '\'`
		args = append(args, "%"+escapeLike(q)+"%")
	}
	if f.OPDIDs != nil {
		if len(f.OPDIDs) == 0 {
			return Page{}, nil
		}
		where += ` AND e.opd_id IN (` + placeholders(len(f.OPDIDs)) + `)`
		for _, id := range f.OPDIDs {
			args = append(args, id)
		}
	}
	if f.Kind != "" {
		where += ` AND e.kind = ?`
		args = append(args, f.Kind)
	}
	var p Page
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM employee e`+where, args...).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("count employees: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if f.Limit > 1000 {
		f.Limit = 1000
	}
	if f.Cursor != "" {
		name, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return p, invalid("cursor", "invalid cursor", "kursor tidak sah")
		}
		where += ` AND (e.name > ? OR (e.name = ? AND e.id > ?))`
		args = append(args, name, name, id)
	}
	rows, err := s.DB.Query(ctx, `SELECT `+employeeCols+` FROM employee e JOIN opd o ON o.id = e.opd_id`+where+
		` ORDER BY e.name, e.id LIMIT `+strconv.Itoa(f.Limit+1), args...)
	if err != nil {
		return p, fmt.Errorf("list employees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return p, err
		}
		p.Items = append(p.Items, e)
	}
	if len(p.Items) > f.Limit {
		p.Items = p.Items[:f.Limit]
		last := p.Items[len(p.Items)-1]
		p.Next = encodeCursor(last.Name, last.ID)
	}
	return p, rows.Err()
}

func encodeCursor(name string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10) + "\x00" + name))
}

func decodeCursor(c string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, err
	}
	idStr, name, ok := strings.Cut(string(b), "\x00")
	if !ok {
		return "", 0, errors.New("bad cursor")
	}
	id, err := strconv.ParseInt(idStr, 10, 64)
	return name, id, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// Employee returns one employee of an instansi.
func (s *Store) Employee(ctx context.Context, instansiID, id int64) (Employee, error) {
	return scanEmployee(s.DB.QueryRow(ctx, `SELECT `+employeeCols+` FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.instansi_id = ? AND e.id = ?`, instansiID, id))
}

// EmployeeByNIP returns the employee of an instansi with that NIP.
func (s *Store) EmployeeByNIP(ctx context.Context, instansiID int64, nipDigits string) (Employee, error) {
	return scanEmployee(s.DB.QueryRow(ctx, `SELECT `+employeeCols+` FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.instansi_id = ? AND e.nip = ?`, instansiID, nip.Normalize(nipDigits)))
}

// Positions returns an employee's position history, newest first.
func (s *Store) Positions(ctx context.Context, employeeID int64) ([]Position, error) {
	rows, err := s.DB.Query(ctx, `SELECT p.id, p.jabatan, p.opd_id, o.name, p.valid_from, COALESCE(p.valid_to, ''), p.source
		FROM employee_position p JOIN opd o ON o.id = p.opd_id WHERE p.employee_id = ? ORDER BY p.valid_from DESC, p.id DESC`, employeeID)
	if err != nil {
		return nil, fmt.Errorf("positions: %w", err)
	}
	defer rows.Close()
	var out []Position
	for rows.Next() {
		var p Position
		var from, to string
		if err := rows.Scan(&p.ID, &p.Jabatan, &p.OPDID, &p.OPDName, &from, &to, &p.Source); err != nil {
			return nil, err
		}
		p.From, p.To = clock.ParseDate(from), clock.ParseDate(to)
		out = append(out, p)
	}
	return out, rows.Err()
}

// validateEmployee checks the fields a person types; NIP problems name the
// field "nip".
func validateEmployee(e *Employee, now time.Time) error {
	e.Name, e.Jabatan = strings.TrimSpace(e.Name), strings.TrimSpace(e.Jabatan)
	e.Email, e.Phone = strings.TrimSpace(e.Email), strings.TrimSpace(e.Phone)
	n, _, err := nip.Parse(e.NIP, now)
	if err != nil {
		id := err.Error()
		var ve *nip.ValidationError
		if errors.As(err, &ve) {
			id = ve.ErrorID()
		}
		return invalid("nip", err.Error(), id)
	}
	e.NIP = n.Digits
	if e.Kind == "" {
		e.Kind = string(n.Kind)
	}
	if e.Kind != string(nip.PNS) && e.Kind != string(nip.PPPK) {
		return invalid("kind", "type must be PNS or PPPK", "jenis ASN harus PNS atau PPPK")
	}
	if e.Kind != string(n.Kind) {
		return invalid("kind", fmt.Sprintf("the NIP is a %s number, not %s", n.Kind, e.Kind),
			fmt.Sprintf("NIP ini nomor %s, bukan %s", n.Kind, e.Kind))
	}
	if e.Name == "" || len(e.Name) > 200 {
		return invalid("name", "name is required", "nama wajib diisi")
	}
	if e.Email != "" {
		if a, err := mail.ParseAddress(e.Email); err != nil || a.Address != e.Email {
			return invalid("email", "not a valid e-mail address", "alamat e-mail tidak sah")
		}
	}
	if len(e.Phone) > 40 || strings.Trim(e.Phone, "+0123456789 -()") != "" {
		return invalid("phone", "not a valid phone number", "nomor telepon tidak sah")
	}
	if e.OPDID == 0 {
		return invalid("opd", "unit is required", "unit kerja wajib diisi")
	}
	return nil
}

// SaveEmployee creates (ID 0) or updates an employee. A change of position or
// unit closes the current position on the day before `effective` and opens a
// new one from `effective` (today when zero).
func (s *Store) SaveEmployee(ctx context.Context, actor audit.Actor, e Employee, effective time.Time, source string) (Employee, error) {
	if err := validateEmployee(&e, time.Now()); err != nil {
		return e, err
	}
	if effective.IsZero() {
		effective = time.Now()
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		e, _, err = saveEmployeeTx(ctx, tx, actor, e, effective, source)
		return err
	})
	return e, err
}

// saveEmployeeTx writes a validated employee; it reports whether anything changed.
func saveEmployeeTx(ctx context.Context, tx *db.Tx, actor audit.Actor, e Employee, effective time.Time, source string) (Employee, bool, error) {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM opd WHERE id = ? AND instansi_id = ?`, e.OPDID, e.InstansiID).Scan(&n); err != nil {
		return e, false, err
	}
	if n == 0 {
		return e, false, invalid("opd", "unit does not exist", "unit kerja tidak ditemukan")
	}
	now := clock.Format(time.Now())
	day := clock.FormatDate(effective)
	if e.ID == 0 {
		err := tx.QueryRow(ctx, `INSERT INTO employee (instansi_id, nip, name, kind, jabatan, opd_id, email, phone, search, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, e.InstansiID, e.NIP, e.Name, e.Kind, e.Jabatan, e.OPDID, e.Email, e.Phone,
			SearchKey(e.Name, e.NIP), now, now).Scan(&e.ID)
		if db.IsUniqueViolation(err) {
			return e, false, conflict("nip", "another employee already has this NIP", "NIP sudah terdaftar untuk pegawai lain")
		}
		if err != nil {
			return e, false, fmt.Errorf("insert employee: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO employee_position (employee_id, jabatan, opd_id, valid_from, source, created_at) VALUES (?,?,?,?,?,?)`,
			e.ID, e.Jabatan, e.OPDID, day, source, now); err != nil {
			return e, false, err
		}
		return e, true, audit.Record(ctx, tx, actor, audit.Event{InstansiID: e.InstansiID, Action: "employee.create",
			ObjectType: "employee", ObjectID: fmt.Sprint(e.ID), After: auditEmployee(e)})
	}
	old, err := scanEmployee(tx.QueryRow(ctx, `SELECT `+employeeCols+` FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.instansi_id = ? AND e.id = ?`, e.InstansiID, e.ID))
	if err != nil {
		return e, false, err
	}
	if old.NIP != e.NIP {
		return e, false, invalid("nip", "the NIP of an employee cannot be changed", "NIP pegawai tidak dapat diubah")
	}
	if auditEmployee(old) == auditEmployee(e) {
		return old, false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE employee SET name = ?, kind = ?, jabatan = ?, opd_id = ?, email = ?, phone = ?, search = ?, updated_at = ?
		WHERE id = ? AND instansi_id = ?`, e.Name, e.Kind, e.Jabatan, e.OPDID, e.Email, e.Phone, SearchKey(e.Name, e.NIP), now, e.ID, e.InstansiID); err != nil {
		return e, false, fmt.Errorf("update employee: %w", err)
	}
	if old.Jabatan != e.Jabatan || old.OPDID != e.OPDID {
		if err := movePosition(ctx, tx, e, effective, source, now); err != nil {
			return e, false, err
		}
	}
	return e, true, audit.Record(ctx, tx, actor, audit.Event{InstansiID: e.InstansiID, Action: "employee.update",
		ObjectType: "employee", ObjectID: fmt.Sprint(e.ID), Before: auditEmployee(old), After: auditEmployee(e)})
}

// movePosition closes the open position and opens the new one. A change on
// the same day as the open position began replaces it instead.
func movePosition(ctx context.Context, tx *db.Tx, e Employee, effective time.Time, source, now string) error {
	day := clock.FormatDate(effective)
	var openID int64
	var openFrom string
	err := tx.QueryRow(ctx, `SELECT id, valid_from FROM employee_position WHERE employee_id = ? AND valid_to IS NULL ORDER BY valid_from DESC, id DESC LIMIT 1`,
		e.ID).Scan(&openID, &openFrom)
	if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
		return err
	}
	if openID != 0 {
		if openFrom >= day {
			if _, err := tx.Exec(ctx, `UPDATE employee_position SET jabatan = ?, opd_id = ?, source = ? WHERE id = ?`, e.Jabatan, e.OPDID, source, openID); err != nil {
				return err
			}
			return nil
		}
		prev := clock.FormatDate(effective.AddDate(0, 0, -1))
		if _, err := tx.Exec(ctx, `UPDATE employee_position SET valid_to = ? WHERE id = ?`, prev, openID); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO employee_position (employee_id, jabatan, opd_id, valid_from, source, created_at) VALUES (?,?,?,?,?,?)`,
		e.ID, e.Jabatan, e.OPDID, day, source, now)
	return err
}

// auditEmployee is the comparable, audited view of an employee.
type employeeView struct {
	NIP, Name, Kind, Jabatan string
	OPDID                    int64
	Email, Phone             string
}

func auditEmployee(e Employee) employeeView {
	return employeeView{e.NIP, e.Name, e.Kind, e.Jabatan, e.OPDID, e.Email, e.Phone}
}

// CountEmployees returns the number of employees of an instansi by kind.
func (s *Store) CountEmployees(ctx context.Context, instansiID int64) (map[string]int, error) {
	rows, err := s.DB.Query(ctx, `SELECT kind, COUNT(*) FROM employee WHERE instansi_id = ? GROUP BY kind`, instansiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}

// SaveEmployeeTx is [Store.SaveEmployee] inside the caller's transaction, for
// bulk work such as seeding; it reports whether anything changed.
func SaveEmployeeTx(ctx context.Context, tx *db.Tx, actor audit.Actor, e Employee, effective time.Time, source string) (Employee, bool, error) {
	if err := validateEmployee(&e, time.Now()); err != nil {
		return e, false, err
	}
	return saveEmployeeTx(ctx, tx, actor, e, effective, source)
}
