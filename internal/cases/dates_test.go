package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/cases"
)

// wantField fails unless err is a FieldError on field for reason.
func wantField(t *testing.T, what string, err error, field, reason string) {
	t.Helper()
	var fe *cases.FieldError
	if !errors.As(err, &fe) || fe.Field != field || fe.Reason != reason {
		t.Errorf("%s: %v (%+v), want an error on %s (%s)", what, err, fe, field, reason)
	}
}

// TestClarificationAndReferralDates: a summons cannot be scheduled before
// the act, minutes cannot be recorded before the summons' time, a referral
// needs its letter number and a recommendation cannot predate the referral.
func TestClarificationAndReferralDates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("ketua") // act on 2 Oct 2024, now 7 Oct 2024 09:00
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActVerify})
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActSummon})
	summon := func(at time.Time) error {
		return f.svc.AddSummons(ctx, f.p["tim"], f.inst, c.ID, cases.SummonsInput{LetterNumber: "800/1", ScheduledAt: at})
	}
	wantField(t, "summons in 2020", summon(time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)), "scheduled_at", "before_act")
	wantField(t, "summons the day before the act", summon(time.Date(2024, 10, 1, 23, 0, 0, 0, time.UTC)), "scheduled_at", "before_act")
	if n := f.count(`SELECT COUNT(*) FROM case_summons WHERE case_id = ?`, c.ID); n != 0 {
		t.Fatalf("%d summonses stored", n)
	}
	// On the day of the act (a clarification held at once) is allowed.
	if err := summon(time.Date(2024, 10, 2, 15, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := summon(f.now.AddDate(0, 0, 3)); err != nil { // 10 Oct 09:00
		t.Fatal(err)
	}
	ss, _ := cases.Summonses(ctx, f.d, c.ID)
	if len(ss) != 2 {
		t.Fatalf("summonses %+v", ss)
	}
	// The second is in three days: no minutes or absence yet.
	for _, att := range []string{"yes", "no"} {
		err := f.svc.RecordMinutes(ctx, f.p["tim"], f.inst, c.ID, ss[1].ID, att, "BA")
		wantField(t, "minutes before the schedule ("+att+")", err, "attended", "before_schedule")
	}
	if ss, _ := cases.Summonses(ctx, f.d, c.ID); ss[1].Attended != "" || ss[1].Minutes != "" {
		t.Fatalf("minutes stored before the schedule: %+v", ss[1])
	}
	// The first is past; a summons of another case is not found.
	if err := f.svc.RecordMinutes(ctx, f.p["tim"], f.inst, c.ID, ss[0].ID, "no", ""); err != nil {
		t.Fatal(err)
	}
	wantField(t, "unknown summons", f.svc.RecordMinutes(ctx, f.p["tim"], f.inst, c.ID, 999999, "no", ""), "summons", "")
	f.now = time.Date(2024, 10, 10, 11, 0, 0, 0, time.UTC)
	if err := f.svc.RecordMinutes(ctx, f.p["tim"], f.inst, c.ID, ss[1].ID, "yes", "ASN hadir."); err != nil {
		t.Fatal(err)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActToFinding})
	f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "Terbukti"})
	// The referral letter number is required.
	for _, num := range []string{"", "   "} {
		_, err := f.svc.Transition(ctx, f.p["tim"], f.inst, c.ID, cases.TransitionInput{Action: cases.ActRefer,
			Target: cases.TargetBawaslu, LetterNumber: num})
		wantField(t, "referral without a number", err, "letter_number", "required")
	}
	f.now = time.Date(2024, 10, 14, 9, 0, 0, 0, time.UTC)
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu, LetterNumber: "800/15/Tim"})
	// The recommendation cannot predate the referral.
	f.now = time.Date(2024, 10, 20, 9, 0, 0, 0, time.UTC)
	for _, d := range []time.Time{time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 13, 0, 0, 0, 0, time.UTC)} {
		_, err := f.svc.Transition(ctx, f.p["bawaslu"], f.inst, c.ID, cases.TransitionInput{Action: cases.ActRecommend,
			RecOutcome: cases.RecViolation, RecDate: d})
		wantField(t, "recommendation of "+d.Format(time.DateOnly), err, "rec_date", "before_referral")
	}
	c = f.step("bawaslu", c.ID, cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation,
		RecDate: time.Date(2024, 10, 14, 0, 0, 0, 0, time.UTC)})
	if c.Status != cases.PPK {
		t.Fatalf("status %s", c.Status)
	}
}

// TestSummonsWithoutActDate: with the date of the act unknown, a summons
// may not be scheduled more than 30 days before the case was opened.
func TestSummonsWithoutActDate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("ketua", func(in *cases.OpenInput) { in.Details.ActDate = time.Time{}; in.Details.Election = cases.ElectionRef{} })
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActVerify})
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActSummon})
	err := f.svc.AddSummons(ctx, f.p["tim"], f.inst, c.ID, cases.SummonsInput{ScheduledAt: time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)})
	wantField(t, "summons in 2020", err, "scheduled_at", "before_opening")
	if err := f.svc.AddSummons(ctx, f.p["tim"], f.inst, c.ID, cases.SummonsInput{ScheduledAt: f.now.AddDate(0, 0, -2)}); err != nil {
		t.Fatal(err)
	}
}
