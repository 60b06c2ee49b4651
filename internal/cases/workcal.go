package cases

import (
	"context"
	"fmt"
	"time"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/workcal"
)

// workcalStep maps a case state to the step of the working-day calendar's
// limits (workcal.Step*). The referral package being prepared has no limit
// there: [DefaultLimits] gives it one.
var workcalStep = map[Status]string{
	Received:      workcal.StepReceived,
	Verification:  workcal.StepVerification,
	Clarification: workcal.StepClarification,
	Finding:       workcal.StepFinding,
	Referred:      workcal.StepReferral,       // Bawaslu's / BKN's study
	PPK:           workcal.StepRecommendation, // the PPK follows the recommendation up
	Decided:       workcal.StepDecision,       // the decree is delivered to the ASN
}

// WorkcalDeadliner computes due dates with the instansi's working-day
// calendar (national holidays and cuti bersama shipped, the instansi's own
// edits, its time zone) and the step limits of package workcal (Pemilu or
// Pilkada figures after the case's election). A due date is the end of the
// last day allowed, in the instansi's zone.
type WorkcalDeadliner struct{}

// Due implements [Deadliner].
func (WorkcalDeadliner) Due(ctx context.Context, q db.Querier, instansiID int64, k StepKey, start time.Time) (time.Time, string, bool, error) {
	var lim workcal.StepLimit
	if step, ok := workcalStep[k.Status]; ok {
		kind := workcal.Pilkada
		if k.ElectionType == "pilpres" || k.ElectionType == "pileg" {
			kind = workcal.Pemilu
		}
		if lim, ok = workcal.Limit(workcal.LimitsFor(kind), step); !ok {
			return time.Time{}, "", false, nil
		}
	} else {
		l, ok := DefaultLimits(k)
		if !ok {
			return time.Time{}, "", false, nil
		}
		lim = workcal.StepLimit{Step: string(k.Status), Days: l.Days, WorkingDays: l.WorkingDays, Basis: l.Basis}
	}
	cal, err := workcal.Load(ctx, q, instansiID)
	if err != nil {
		return time.Time{}, "", false, fmt.Errorf("working-day calendar: %w", err)
	}
	return cal.Due(start, lim), lim.Basis, true, nil
}
