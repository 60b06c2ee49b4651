package cases

import (
	"context"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
)

// ReportLinker is what case handling needs of the public reports: linking
// a report to a case, and telling every reporter of a case its public
// status with an optional message. Both run inside the case's transaction.
type ReportLinker interface {
	// AttachCase links a report of the instansi, not yet in a case, to a case.
	AttachCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, reportID, caseID int64) error
	// SetStatusForCase sets the public status of every report linked to
	// the case and, when message is not empty, adds it as a message from
	// the team.
	SetStatusForCase(ctx context.Context, tx *db.Tx, instansiID, caseID int64, publicStatus, message string) error
	// MoveCase moves every report linked to case from to case to (a merge).
	MoveCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, from, to int64) error
}

// StepKey names the time limit of a step: its state and, for a referral,
// to whom and for which kind of election (Bawaslu studies a Pilkada case
// in 3 working days, a Pemilu case in 7 days).
type StepKey struct {
	Status       Status
	Target       string // referral target (Referred only)
	ElectionType string // pilpres, pileg, pilkada, other; "" when unknown
}

// Deadliner computes the due date of a step started at start. ok is false
// when the step has no time limit. basis says where the limit comes from.
type Deadliner interface {
	Due(ctx context.Context, q db.Querier, instansiID int64, k StepKey, start time.Time) (due time.Time, basis string, ok bool, err error)
}

// Calendar adds working days (skipping weekends and holidays).
type Calendar interface {
	AddWorkingDays(from time.Time, n int) time.Time
}

// Limit is the time limit of a step.
type Limit struct {
	Days        int
	WorkingDays bool // count working days (else calendar days)
	Basis       string
}

// LimitDeadliner computes due dates from a table of limits and a calendar.
type LimitDeadliner struct {
	// Limits returns the limit of a step for the instansi; ok false when none.
	Limits func(ctx context.Context, q db.Querier, instansiID int64, k StepKey) (Limit, bool, error)
	// Calendar returns the instansi's working-day calendar.
	Calendar func(ctx context.Context, q db.Querier, instansiID int64) (Calendar, error)
}

// Due implements [Deadliner].
func (d LimitDeadliner) Due(ctx context.Context, q db.Querier, instansiID int64, k StepKey, start time.Time) (time.Time, string, bool, error) {
	lim, ok, err := d.Limits(ctx, q, instansiID, k)
	if err != nil || !ok || lim.Days <= 0 {
		return time.Time{}, "", false, err
	}
	if !lim.WorkingDays {
		return start.AddDate(0, 0, lim.Days), lim.Basis, true, nil
	}
	cal, err := d.Calendar(ctx, q, instansiID)
	if err != nil {
		return time.Time{}, "", false, err
	}
	return cal.AddWorkingDays(start, lim.Days), lim.Basis, true, nil
}

// WeekendCalendar is a calendar whose only holidays are Saturdays and
// Sundays (in the time's own location).
type WeekendCalendar struct{}

// AddWorkingDays implements [Calendar].
func (WeekendCalendar) AddWorkingDays(from time.Time, n int) time.Time {
	t := from
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// DefaultLimits are the built-in time limits per step (domain-rules §2.2–2.6;
// items marked [U] there are internal targets the instansi may change).
func DefaultLimits(k StepKey) (Limit, bool) {
	switch k.Status {
	case Received:
		return Limit{7, false, "UU 7/2017 Ps 454: temuan ditetapkan paling lama 7 hari sejak ditemukan"}, true
	case Verification:
		return Limit{7, false, "Verifikasi kelengkapan dan identitas ASN: 7 hari (setara verifikasi Satgas SBT)"}, true
	case Clarification:
		return Limit{14, true, "PP 94/2021: panggilan 7 hari kerja sebelum pemeriksaan, ditambah pemeriksaan (target internal)"}, true
	case Finding:
		return Limit{7, true, "Kajian tim: 7 hari kerja (target internal)"}, true
	case ReferralPrep:
		return Limit{3, true, "Penyusunan berkas penerusan: 3 hari kerja (target internal)"}, true
	case Referred:
		switch {
		case k.Target == TargetBKN:
			return Limit{7, false, "SBT BKN: verifikasi Satgas paling lama 7 hari"}, true
		case k.ElectionType == "pilkada":
			return Limit{3, true, "Kajian Bawaslu (Pilkada): 3 hari kerja, dapat diperpanjang 2 hari"}, true
		default:
			return Limit{7, false, "Kajian Bawaslu (Pemilu, UU 7/2017 Ps 454): 7 hari, dapat diperpanjang 14 hari kerja"}, true
		}
	case PPK:
		return Limit{10, false, "Tindak lanjut PPK: 10 hari (arahan Kemendagri; dapat diubah)"}, true
	case Decided:
		return Limit{14, true, "Penyampaian keputusan hukuman disiplin: 14 hari kerja"}, true
	}
	return Limit{}, false
}

// DefaultDeadliner uses [DefaultLimits] and a calendar of weekends only.
func DefaultDeadliner() Deadliner {
	return LimitDeadliner{
		Limits: func(_ context.Context, _ db.Querier, _ int64, k StepKey) (Limit, bool, error) {
			l, ok := DefaultLimits(k)
			return l, ok, nil
		},
		Calendar: func(context.Context, db.Querier, int64) (Calendar, error) { return WeekendCalendar{}, nil },
	}
}
