package screen

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// EvalReport summarises screening against labelled records (contract §4).
type EvalReport struct {
	// Records is the number of records screened; Errors of lines unread.
	Records, Errors int
	// TP, FP, FN, TN count the flag decisions against the labels.
	TP, FP, FN, TN int
	// TargetsOK counts true positives whose targets equal the label's.
	TargetsOK int
	// Precision and Recall of "flagged".
	Precision, Recall float64
	// F1 is their harmonic mean.
	F1 float64
	// TargetAccuracy is TargetsOK / TP.
	TargetAccuracy float64
	// Misclassified describes each wrong decision or wrong target list.
	Misclassified []string
	// Unlabelled counts records without a label.
	Unlabelled int
}

// Evaluate screens labelled records from r and compares with the labels.
// Lines that cannot be read are counted and reported through onError.
func (s *Screener) Evaluate(ctx context.Context, r io.Reader, onError func(line int, id string, err error)) (EvalReport, error) {
	var rep EvalReport
	br := bufio.NewReaderSize(r, 1<<20)
	st := new(state)
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return rep, err
		}
		if !blank(line) {
			rec, perr := ParseRecord(bytes.TrimRight(line, "\r\n"))
			if perr != nil {
				rep.Errors++
				if onError != nil {
					onError(lineNo, rec.ID, perr)
				}
			} else {
				rep.Records++
				res := s.screen(st, &rec)
				if rec.Label == nil {
					rep.Unlabelled++
				} else {
					s.score(&rep, &res, rec.Label)
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	p := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	rep.Precision = p(rep.TP, rep.TP+rep.FP)
	rep.Recall = p(rep.TP, rep.TP+rep.FN)
	if rep.Precision+rep.Recall > 0 {
		rep.F1 = 2 * rep.Precision * rep.Recall / (rep.Precision + rep.Recall)
	}
	rep.TargetAccuracy = p(rep.TargetsOK, rep.TP)
	return rep, nil
}

func (s *Screener) score(rep *EvalReport, res *Result, l *Label) {
	want := slices.Clone(l.Targets)
	slices.Sort(want)
	got := slices.Clone(res.Targets)
	slices.Sort(got)
	switch {
	case res.Flagged && l.Flagged:
		rep.TP++
		if slices.Equal(want, got) {
			rep.TargetsOK++
			return
		}
		rep.Misclassified = append(rep.Misclassified, fmt.Sprintf("%s\twrong targets: want [%s] got [%s] (score %.2f): %s",
			res.ID, strings.Join(want, " "), strings.Join(got, " "), res.Score, res.Explanation))
	case res.Flagged:
		rep.FP++
		rep.Misclassified = append(rep.Misclassified, fmt.Sprintf("%s\tfalse positive: got [%s] (score %.2f): %s",
			res.ID, strings.Join(got, " "), res.Score, res.Explanation))
	case l.Flagged:
		rep.FN++
		rep.Misclassified = append(rep.Misclassified, fmt.Sprintf("%s\tfalse negative: want [%s] (score %.2f): %s",
			res.ID, strings.Join(want, " "), res.Score, res.Explanation))
	default:
		rep.TN++
	}
}

// WriteReport prints rep as contract §5 asks.
func WriteReport(w io.Writer, rep EvalReport) {
	fmt.Fprintf(w, "records: %d (errors %d, unlabelled %d)\n", rep.Records, rep.Errors, rep.Unlabelled)
	fmt.Fprintf(w, "confusion: TP %d  FP %d  FN %d  TN %d\n", rep.TP, rep.FP, rep.FN, rep.TN)
	fmt.Fprintf(w, "precision: %.4f\nrecall: %.4f\nF1: %.4f\n", rep.Precision, rep.Recall, rep.F1)
	fmt.Fprintf(w, "targets correct: %.4f (%d of %d correctly flagged)\n", rep.TargetAccuracy, rep.TargetsOK, rep.TP)
	fmt.Fprintf(w, "misclassified: %d\n", len(rep.Misclassified))
	for _, m := range rep.Misclassified {
		fmt.Fprintln(w, m)
	}
}
