package workcal

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Errors of the calendar edits; a *FieldError wraps one of them.
var (
	ErrInvalid   = errors.New("workcal: invalid value")
	ErrDuplicate = errors.New("workcal: the date is already a listed non-working day")
	ErrNotListed = errors.New("workcal: the date is not a listed non-working day")
)

// FieldError is a rejected value: the field, and the reason in English and
// Bahasa Indonesia. It wraps ErrInvalid, ErrDuplicate or ErrNotListed.
type FieldError struct {
	Field   string // date, kind, name or note
	Message string // English
	Pesan   string // Bahasa Indonesia
	Err     error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Unwrap returns the error class.
func (e *FieldError) Unwrap() error { return e.Err }

// Text returns the message in lang ("id" or "en").
func (e *FieldError) Text(lang string) string {
	if lang == "en" {
		return e.Message
	}
	return e.Pesan
}

func fieldErr(kind error, field, en, id string) *FieldError {
	return &FieldError{Field: field, Message: en, Pesan: id, Err: kind}
}

// Limits on edits.
const (
	// EditFirstYear and EditLastYear bound the years an instansi may edit:
	// the shipped years and a few after them, so a Pemda can enter next
	// year's SKB before Netral ships it.
	EditFirstYear = FirstYear
	EditLastYear  = LastYear + 5
	maxName       = 120
	maxNote       = 300
)

// ParseDate reads a YYYY-MM-DD date (the form's and the command line's),
// returned at midnight in WIB.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fieldErr(ErrInvalid, "date", "the date is required", "tanggal wajib diisi")
	}
	t, err := time.ParseInLocation(DateLayout, s, WIB)
	if err != nil {
		return time.Time{}, fieldErr(ErrInvalid, "date", fmt.Sprintf("%q is not a date of the form YYYY-MM-DD", s),
			fmt.Sprintf("%q bukan tanggal berbentuk TTTT-BB-HH", s))
	}
	return t, nil
}

func checkYear(t time.Time) error {
	if t.IsZero() {
		return fieldErr(ErrInvalid, "date", "the date is required", "tanggal wajib diisi")
	}
	if y := t.Year(); y < EditFirstYear || y > EditLastYear {
		return fieldErr(ErrInvalid, "date",
			fmt.Sprintf("year %d is out of range: the calendar can be edited for %d to %d", y, EditFirstYear, EditLastYear),
			fmt.Sprintf("tahun %d di luar jangkauan: kalender dapat diubah untuk tahun %d sampai %d", y, EditFirstYear, EditLastYear))
	}
	return nil
}

func cleanText(field, s string, max int, required bool) (string, error) {
	label := map[string]string{"name": "nama hari", "note": "keterangan"}[field]
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", fieldErr(ErrInvalid, field, "the "+field+" is required", label+" wajib diisi")
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", fieldErr(ErrInvalid, field, "the "+field+" contains control characters",
			label+" memuat karakter kendali")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", fieldErr(ErrInvalid, field, fmt.Sprintf("the %s is too long (%d characters, at most %d)", field, n, max),
			fmt.Sprintf("%s terlalu panjang (%d karakter, paling banyak %d)", label, n, max))
	}
	return s, nil
}

// Edit is one change an instansi made to the shipped calendar: an added
// day, or (Removed) a shipped day taken out.
type Edit struct {
	ID         int64
	InstansiID int64
	Date       time.Time // midnight WIB
	Kind       Kind
	Name       string
	Note       string
	Removed    bool
	CreatedBy  int64 // app_user id, 0 for the system
	CreatedAt  time.Time
}

const editCols = `id, instansi_id, day, kind, name, note, removed, COALESCE(created_by, 0), created_at`

func scanEdit(r interface{ Scan(...any) error }) (Edit, error) {
	var e Edit
	var day, created string
	var removed int
	if err := r.Scan(&e.ID, &e.InstansiID, &day, &e.Kind, &e.Name, &e.Note, &removed, &e.CreatedBy, &created); err != nil {
		return e, err
	}
	t, err := time.ParseInLocation(DateLayout, day, WIB)
	if err != nil {
		return e, fmt.Errorf("workcal: stored day %q: %w", day, err)
	}
	e.Date, e.Removed, e.CreatedAt = t, removed != 0, clock.Parse(created)
	return e, nil
}

// Edits returns the instansi's changes to the shipped calendar, by date.
func Edits(ctx context.Context, q db.Querier, instansiID int64) ([]Edit, error) {
	rows, err := q.Query(ctx, `SELECT `+editCols+` FROM workcal_day WHERE instansi_id = ? ORDER BY day`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("workcal: list edits: %w", err)
	}
	defer rows.Close()
	var out []Edit
	for rows.Next() {
		e, err := scanEdit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Load returns the calendar of an instansi: [Default] with the instansi's
// additions and removals applied, in the time zone of its region (WIB,
// WITA or WIT, see [ZoneForRegion]). An unknown instansi is db.ErrNotFound.
func Load(ctx context.Context, q db.Querier, instansiID int64) (*Calendar, error) {
	loc, err := InstansiZone(ctx, q, instansiID)
	if err != nil {
		return nil, err
	}
	edits, err := Edits(ctx, q, instansiID)
	if err != nil {
		return nil, err
	}
	c := Default()
	c.Location = loc
	for _, e := range edits {
		if e.Removed {
			c.unset(dateOf(e.Date), e.Note)
			continue
		}
		c.set(Day{Date: e.Date, Kind: e.Kind, Name: e.Name, Note: e.Note, Origin: OriginInstansi})
	}
	return c, nil
}

// InstansiZone returns the time zone of an instansi (WIB, WITA or WIT by
// its region code, see [ZoneForRegion]): where its times are shown and its
// date-and-time inputs read. An unknown instansi is db.ErrNotFound.
func InstansiZone(ctx context.Context, q db.Querier, instansiID int64) (*time.Location, error) {
	var code string
	if err := q.QueryRow(ctx, `SELECT code FROM instansi WHERE id = ?`, instansiID).Scan(&code); err != nil {
		return nil, fmt.Errorf("workcal: instansi %d: %w", instansiID, db.NoRows(err))
	}
	return ZoneForRegion(code), nil
}

// editAt returns the instansi's edit of a date, if any.
func editAt(ctx context.Context, q db.Querier, instansiID int64, day string) (Edit, bool, error) {
	e, err := scanEdit(q.QueryRow(ctx, `SELECT `+editCols+` FROM workcal_day WHERE instansi_id = ? AND day = ?`, instansiID, day))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return Edit{}, false, nil
	}
	if err != nil {
		return Edit{}, false, fmt.Errorf("workcal: read edit of %s: %w", day, err)
	}
	return e, true, nil
}

// auditDay is what the audit trail records of an edit.
type auditDay struct {
	Date    string `json:"date"`
	Kind    Kind   `json:"kind"`
	Name    string `json:"name"`
	Note    string `json:"note,omitempty"`
	Removed bool   `json:"removed,omitempty"`
}

func (e Edit) audit() auditDay {
	return auditDay{Date: e.Date.Format(DateLayout), Kind: e.Kind, Name: e.Name, Note: e.Note, Removed: e.Removed}
}

// AddDay adds a non-working day to the instansi's calendar inside tx and
// records it in the audit trail. Only d's date (its year, month and day),
// Kind, Name and Note are used. It refuses a missing or out-of-range date,
// an unknown kind, an empty or over-long name, and a date that already is
// a listed day (ErrDuplicate). Adding a date whose shipped day the instansi
// removed replaces the removal.
func AddDay(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, d Day) error {
	if err := checkYear(d.Date); err != nil {
		return err
	}
	if !d.Kind.Valid() {
		return fieldErr(ErrInvalid, "kind", fmt.Sprintf("unknown kind %q: use libur_nasional, cuti_bersama or libur_daerah", d.Kind),
			fmt.Sprintf("jenis %q tidak dikenal: pakai libur_nasional, cuti_bersama atau libur_daerah", d.Kind))
	}
	name, err := cleanText("name", d.Name, maxName, true)
	if err != nil {
		return err
	}
	note, err := cleanText("note", d.Note, maxNote, false)
	if err != nil {
		return err
	}
	day := dateOf(d.Date)
	dayS := day.in(WIB).Format(DateLayout)
	cal, err := Load(ctx, tx, instansiID)
	if err != nil {
		return err
	}
	if have, ok := cal.days[day]; ok {
		return fieldErr(ErrDuplicate, "date", fmt.Sprintf("%s is already a non-working day: %s", dayS, have.Name),
			fmt.Sprintf("%s sudah menjadi hari libur: %s", dayS, have.Name))
	}
	old, had, err := editAt(ctx, tx, instansiID, dayS)
	if err != nil {
		return err
	}
	now := clock.Format(time.Now())
	var id int64
	if had { // a removal of the shipped day: the addition takes its place
		if _, err := tx.Exec(ctx, `UPDATE workcal_day SET kind = ?, name = ?, note = ?, removed = 0, created_by = ?, created_at = ?
			WHERE id = ?`, string(d.Kind), name, note, nullID(actor.UserID), now, old.ID); err != nil {
			return fmt.Errorf("workcal: add %s: %w", dayS, err)
		}
		id = old.ID
	} else {
		err := tx.QueryRow(ctx, `INSERT INTO workcal_day (instansi_id, day, kind, name, note, removed, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?) RETURNING id`, instansiID, dayS, string(d.Kind), name, note, nullID(actor.UserID), now).Scan(&id)
		if db.IsUniqueViolation(err) {
			return fieldErr(ErrDuplicate, "date", dayS+" was changed at the same time; reload and try again",
				dayS+" diubah bersamaan oleh pengguna lain; muat ulang lalu coba lagi")
		}
		if err != nil {
			return fmt.Errorf("workcal: add %s: %w", dayS, err)
		}
	}
	ev := audit.Event{InstansiID: instansiID, Action: "workcal.add", ObjectType: "workcal_day", ObjectID: dayS,
		After: auditDay{Date: dayS, Kind: d.Kind, Name: name, Note: note}}
	if had {
		ev.Before = old.audit()
	}
	return audit.Record(ctx, tx, actor, ev)
}

// RemoveDay makes a listed non-working day a working day again for the
// instansi, inside tx, and records it in the audit trail: a day the
// instansi added is deleted, a shipped day is marked removed (note says
// why, e.g. "Idulfitri digeser Keputusan Menteri Agama"). A date that is not
// a listed day is ErrNotListed.
func RemoveDay(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time, note string) error {
	if err := checkYear(day); err != nil {
		return err
	}
	note, err := cleanText("note", note, maxNote, false)
	if err != nil {
		return err
	}
	k := dateOf(day)
	dayS := k.in(WIB).Format(DateLayout)
	cal, err := Load(ctx, tx, instansiID)
	if err != nil {
		return err
	}
	have, ok := cal.days[k]
	if !ok {
		return fieldErr(ErrNotListed, "date", dayS+" is not a listed non-working day", dayS+" bukan hari libur yang tercatat")
	}
	if have.Origin == OriginInstansi {
		old, _, err := editAt(ctx, tx, instansiID, dayS)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM workcal_day WHERE id = ?`, old.ID); err != nil {
			return fmt.Errorf("workcal: remove %s: %w", dayS, err)
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "workcal.remove",
			ObjectType: "workcal_day", ObjectID: dayS, Before: old.audit()})
	}
	if _, err := tx.Exec(ctx, `INSERT INTO workcal_day (instansi_id, day, kind, name, note, removed, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, instansiID, dayS, string(have.Kind), have.Name, note, nullID(actor.UserID),
		clock.Format(time.Now())); err != nil {
		if db.IsUniqueViolation(err) {
			return fieldErr(ErrDuplicate, "date", dayS+" was changed at the same time; reload and try again",
				dayS+" diubah bersamaan oleh pengguna lain; muat ulang lalu coba lagi")
		}
		return fmt.Errorf("workcal: remove %s: %w", dayS, err)
	}
	return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "workcal.remove",
		ObjectType: "workcal_day", ObjectID: dayS,
		Before: auditDay{Date: dayS, Kind: have.Kind, Name: have.Name},
		After:  auditDay{Date: dayS, Kind: have.Kind, Name: have.Name, Note: note, Removed: true}})
}

// RestoreDay undoes the removal of a shipped day, inside tx, and records it
// in the audit trail. A date with no removal is ErrNotListed.
func RestoreDay(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID int64, day time.Time) error {
	if err := checkYear(day); err != nil {
		return err
	}
	dayS := dateOf(day).in(WIB).Format(DateLayout)
	old, had, err := editAt(ctx, tx, instansiID, dayS)
	if err != nil {
		return err
	}
	if !had || !old.Removed {
		return fieldErr(ErrNotListed, "date", dayS+" has no removed national day to restore",
			dayS+" tidak memiliki hari libur nasional yang dihapus untuk dipulihkan")
	}
	if _, err := tx.Exec(ctx, `DELETE FROM workcal_day WHERE id = ?`, old.ID); err != nil {
		return fmt.Errorf("workcal: restore %s: %w", dayS, err)
	}
	return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "workcal.restore",
		ObjectType: "workcal_day", ObjectID: dayS, Before: old.audit()})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
