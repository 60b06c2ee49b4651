package cases

import (
	"strings"

	"github.com/netral-asn/netral/internal/violation"
)

// finding takes the team's finding (ActProven, ActNotProven) and, for a
// proven act, the violation code of the SKB 2022 matrix.
func (st *stepChange) finding() error {
	in, n, set := &st.in, &st.n, st.set
	in.Finding = strings.TrimSpace(in.Finding)
	if in.Finding == "" {
		return invalid("finding", "write the team's finding")
	}
	if err := checkLen("finding", in.Finding, MaxText); err != nil {
		return err
	}
	set["finding"], n.Finding = in.Finding, in.Finding
	if in.Action == ActProven {
		code := strings.ToUpper(strings.TrimSpace(in.ViolationCode))
		if !violation.Code(code).Valid() {
			return invalid("violation_code", "choose a code of the SKB 2022 matrix (KE-01..07, DS-01..13)")
		}
		set["violation_code"], n.ViolationCode = code, code
	} else {
		set["outcome"], n.Outcome = NotProven, NotProven
	}
	return nil
}
