package cases

import (
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/clock"
)

// refer takes to whom the case is referred (Bawaslu or BKN), the letter
// number and what the package holds.
func (st *stepChange) refer() error {
	in, n, set, now := &st.in, &st.n, st.set, st.now
	if in.Target != TargetBawaslu && in.Target != TargetBKN {
		return invalid("target", "refer to Bawaslu or to BKN")
	}
	in.LetterNumber, in.PackageNote = strings.TrimSpace(in.LetterNumber), strings.TrimSpace(in.PackageNote)
	if in.LetterNumber == "" {
		return invalidBecause("letter_number", "required", "give the number of the referral letter")
	}
	if err := checkLens(textField{"letter_number", in.LetterNumber, MaxShort},
		textField{"package_note", in.PackageNote, MaxText}); err != nil {
		return err
	}
	n.Referral = Referral{Target: in.Target, Number: in.LetterNumber, Note: in.PackageNote, At: now}
	set["referral_target"], set["referral_number"], set["referral_note"], set["referred_at"] =
		in.Target, in.LetterNumber, in.PackageNote, clock.Format(now)
	return nil
}

// recommend takes the recommendation of Bawaslu or BKN on a referred case;
// the Bawaslu liaison only answers cases referred to Bawaslu.
func (st *stepChange) recommend(law Law) error {
	in, p, n, set, now := &st.in, st.p, &st.n, st.set, st.now
	if p.Role == auth.RoleBawaslu && st.c.Referral.Target != TargetBawaslu {
		return ErrNotFound
	}
	if in.RecOutcome != RecViolation && in.RecOutcome != RecNoViolation {
		return invalid("rec_outcome", "say whether Bawaslu/BKN found a violation")
	}
	in.RecNumber, in.RecText, in.RecSanction = strings.TrimSpace(in.RecNumber), strings.TrimSpace(in.RecText), strings.TrimSpace(in.RecSanction)
	if in.RecSanction != "" && (in.RecSanction == NotProven || !ValidSanction(law, in.RecSanction)) {
		return invalid("rec_sanction", "unknown sanction %q", in.RecSanction)
	}
	if !in.RecDate.IsZero() && in.RecDate.After(now.Add(maxFutureSlack)) {
		return invalid("rec_date", "lies in the future")
	}
	if !in.RecDate.IsZero() && !st.c.Referral.At.IsZero() && dayOf(in.RecDate).Before(dayOf(st.c.Referral.At)) {
		return invalidBecause("rec_date", "before_referral", "lies before the referral (%s)", st.c.Referral.At.Format(time.DateOnly))
	}
	if err := checkLens(textField{"rec_number", in.RecNumber, MaxShort}, textField{"rec_text", in.RecText, MaxText}); err != nil {
		return err
	}
	n.Rec = Recommendation{Outcome: in.RecOutcome, Number: in.RecNumber, Date: in.RecDate, Text: in.RecText,
		Sanction: in.RecSanction, ByName: p.Name, At: now}
	set["rec_outcome"], set["rec_number"], set["rec_date"], set["rec_text"], set["rec_sanction"], set["rec_by_name"], set["rec_at"] =
		in.RecOutcome, in.RecNumber, nullDate(in.RecDate), in.RecText, in.RecSanction, p.Name, clock.Format(now)
	return nil
}

// dayOf is the calendar day of t (in t's own location) as midnight UTC, so
// that a date typed by a user compares with a stored instant by day.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
