package cases

import (
	"encoding/json"
	"strings"

	"github.com/netral-asn/netral/internal/clock"
)

// withReason takes the reason the note must give to send a case to the PPK,
// to reject it or to close it for insufficient evidence (the two endings
// keep it as the end reason).
func (st *stepChange) withReason() error {
	in, n, set := st.in, &st.n, st.set
	if in.Note == "" {
		return invalid("note", "give the reason")
	}
	switch in.Action {
	case ActReject:
		set["outcome"], n.Outcome = string(Rejected), string(Rejected)
		set["end_reason"] = in.Note
	case ActInsufficient:
		set["outcome"], n.Outcome = string(Insufficient), string(Insufficient)
		set["end_reason"] = in.Note
	}
	return nil
}

// decide takes the PPK's decision: a sanction of the catalogue (or not
// proven), its legal basis and the decree, with the matrix's suggestion
// kept beside it.
func (s *Service) decide(st *stepChange) error {
	in, p, n, set, now := &st.in, st.p, &st.n, st.set, st.now
	in.Sanction, in.Basis, in.DecreeNumber = strings.TrimSpace(in.Sanction), strings.TrimSpace(in.Basis), strings.TrimSpace(in.DecreeNumber)
	if !ValidSanction(s.LawInUse(), in.Sanction) {
		return invalid("sanction", "choose a sanction of the catalogue, or not proven")
	}
	if in.Basis == "" {
		return invalid("basis", "give the legal basis of the decision")
	}
	if err := checkLens(textField{"basis", in.Basis, MaxText}, textField{"decree_number", in.DecreeNumber, MaxShort}); err != nil {
		return err
	}
	if in.Sanction != NotProven && in.DecreeNumber == "" {
		return invalid("decree_number", "give the number of the PPK's decree")
	}
	if !in.DecreeDate.IsZero() && in.DecreeDate.After(now.Add(maxFutureSlack)) {
		return invalid("decree_date", "lies in the future")
	}
	sug := ""
	if x, ok := s.Suggest(st.c); ok {
		b, _ := json.Marshal(x)
		sug = string(b)
	}
	n.Decision = Decision{Sanction: in.Sanction, Basis: in.Basis, Number: in.DecreeNumber, Date: in.DecreeDate,
		ByName: p.Name, At: now, Suggestion: sug}
	n.Outcome = in.Sanction
	set["decision_sanction"], set["decision_basis"], set["decision_number"], set["decision_date"] =
		in.Sanction, in.Basis, in.DecreeNumber, nullDate(in.DecreeDate)
	set["decision_by_name"], set["decided_at"], set["decision_suggestion"], set["outcome"] = p.Name, clock.Format(now), sug, in.Sanction
	return nil
}
