package monitor_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
)

func reviewIDs(p monitor.ReviewPage) string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.Activity.ExternalID)
	}
	return strings.Join(out, " ")
}

func TestReviewItemsCreatedAtIngest(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	rep := f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu, monitor.FormatAuto)
	if rep.Flagged != 2 {
		t.Fatalf("flagged %d", rep.Flagged)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM review_item WHERE instansi_id = ? AND status = 'new'`, f.inst.ID); n != 2 {
		t.Fatalf("%d review items, want 2", n)
	}
	// Again (and the same records in another instansi): no new item here.
	f.ingest(t, flaggedPilkada+"\n"+flaggedPemilu, monitor.FormatAuto)
	f.ingestInto(t, f.inst2.ID, flaggedPemilu, monitor.FormatAuto)
	if n := f.count(t, `SELECT COUNT(*) FROM review_item WHERE instansi_id = ?`, f.inst.ID); n != 2 {
		t.Fatalf("%d review items after re-ingest, want 2", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM review_item WHERE instansi_id = ?`, f.inst2.ID); n != 1 {
		t.Fatalf("%d review items in instansi 2, want 1", n)
	}
	a1 := f.get(t, "facebook", "a1")
	it, err := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, a1.ID)
	if err != nil || it.Status != monitor.ReviewNew || it.Activity.ID != a1.ID || it.Activity.Attribution == nil ||
		it.Activity.Screening == nil || !it.Activity.Screening.Flagged {
		t.Fatalf("item of a1: %+v %v", it, err)
	}
	if _, err := monitor.GetReview(ctx, f.d, f.inst2.ID, it.ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("item of instansi 1 read as instansi 2: %v", err)
	}
	a2 := f.get(t, "facebook", "a2")
	if _, err := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, a2.ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("unflagged a2 has an item: %v", err)
	}
}

func TestReviewListFilters(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	recs := []string{
		// budi (sub-unit of 1.01), facebook, October 2024, Pilkada 02.
		flaggedPilkada,
		// unattributed share, January 2024, Pemilu 02.
		flaggedPemilu,
		// siti (1.02), x, February 2024.
		`{"id":"s1","platform":"x","kind":"post","author":"@siti_aminah","created_at":"2024-02-01T08:00:00+07:00","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`,
		// budi, a comment, a weaker flag.
		`{"id":"b2","platform":"facebook","kind":"comment","author":"budi.s","created_at":"2024-01-25T08:00:00+07:00","text":"Dukung terus Banteng Muda Tanjung! Ayo menangkan banteng di laga final, pilih banteng!"}`,
	}
	f.ingest(t, strings.Join(recs, "\n"), monitor.FormatAuto)
	f.ingestInto(t, f.inst2.ID, flaggedPemilu, monitor.FormatAuto)
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	feb := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		f     monitor.ReviewFilter
		want  string
		total int
	}{
		{"all, newest first", monitor.ReviewFilter{}, "b2 s1 a3 a1", 4},
		{"by score, ties newest first", monitor.ReviewFilter{Sort: monitor.SortScore}, "a3 a1 s1 b2", 4},
		{"status new", monitor.ReviewFilter{Status: monitor.ReviewNew}, "b2 s1 a3 a1", 4},
		{"status confirmed", monitor.ReviewFilter{Status: monitor.ReviewConfirmed}, "", 0},
		{"platform alias", monitor.ReviewFilter{Platform: "twitter"}, "s1 a3", 2},
		{"kind", monitor.ReviewFilter{Kind: "comment"}, "b2", 1},
		{"opd subtree", monitor.ReviewFilter{OPDIDs: []int64{f.opd.ID, f.sub.ID}}, "b2 a1", 2},
		{"opd", monitor.ReviewFilter{OPDIDs: []int64{f.opd2.ID}}, "s1", 1},
		{"empty scope", monitor.ReviewFilter{OPDIDs: []int64{}}, "", 0},
		{"target", monitor.ReviewFilter{Target: "pemilu-2024/02"}, "s1 a3", 2},
		{"target with LIKE characters", monitor.ReviewFilter{Target: "pemilu-2024/0_"}, "", 0},
		{"min score", monitor.ReviewFilter{MinScore: 0.9}, "s1 a3 a1", 3},
		{"from", monitor.ReviewFilter{From: feb}, "s1 a1", 2},
		{"range", monitor.ReviewFilter{From: jan, To: feb}, "b2 a3", 2},
		{"employee", monitor.ReviewFilter{EmployeeID: f.budi.ID}, "b2 a1", 2},
		{"unassigned", monitor.ReviewFilter{AssigneeID: -1}, "b2 s1 a3 a1", 4},
		{"assigned to someone", monitor.ReviewFilter{AssigneeID: 999}, "", 0},
	} {
		c.f.InstansiID = f.inst.ID
		p, err := monitor.ReviewList(ctx, f.d, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := reviewIDs(p); got != c.want || p.Total != c.total || p.Next != "" {
			t.Errorf("%s: %q total %d next %q, want %q total %d", c.name, got, p.Total, p.Next, c.want, c.total)
		}
	}
	// Paging, in both orders.
	for _, sortBy := range []string{monitor.SortNewest, monitor.SortScore} {
		var all []string
		cursor := ""
		for range 10 {
			p, err := monitor.ReviewList(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Sort: sortBy, Limit: 1, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, reviewIDs(p))
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		want := map[string]string{monitor.SortNewest: "b2 s1 a3 a1", monitor.SortScore: "a3 a1 s1 b2"}[sortBy]
		if got := strings.Join(all, " "); got != want {
			t.Errorf("paging by %s: %q, want %q", sortBy, got, want)
		}
	}
	for _, bad := range []string{"x", "bjow", "czo5", "bjowOng", "bjotMQ"} {
		if _, err := monitor.ReviewList(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Cursor: bad}); !errors.Is(err, monitor.ErrInvalid) {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}
	// A newest-order cursor is refused in score order.
	p, _ := monitor.ReviewList(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Limit: 1})
	if _, err := monitor.ReviewList(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Sort: monitor.SortScore, Cursor: p.Next}); !errors.Is(err, monitor.ErrInvalid) {
		t.Errorf("newest cursor in score order: %v", err)
	}
	counts, err := monitor.ReviewCounts(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Status: monitor.ReviewDismissed, Platform: "facebook"})
	if err != nil || counts[monitor.ReviewNew] != 2 || counts[monitor.ReviewDismissed] != 0 || len(counts) != 4 {
		t.Fatalf("counts: %v %v", counts, err)
	}
	platforms, targets, err := monitor.ReviewFacets(ctx, f.d, f.inst.ID, nil)
	if err != nil || strings.Join(platforms, " ") != "facebook x" ||
		strings.Join(targets, " ") != "pemilu-2024/02 pemilu-2024/pdip pilkada-2024-tanjung-harapan/02" {
		t.Fatalf("facets: %v %v %v", platforms, targets, err)
	}
	v, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	labels := monitor.TargetLabels(v, targets)
	if labels["pilkada-2024-tanjung-harapan/02"] != "Untung Prasetyo – Nurul Hidayah (02)" || labels["pemilu-2024/pdip"] == "" {
		t.Fatalf("labels: %v", labels)
	}
}

// users creates two users of instansi 99.01 and one of 32.16.
func (f *fixture) users(t *testing.T) (tim, ketua, other int64) {
	t.Helper()
	ctx := context.Background()
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if tim, err = auth.CreateUser(ctx, tx, actor, auth.User{InstansiID: f.inst.ID, Username: "tim1", FullName: "Tim Satu", Role: auth.RoleTim}, "rahasia-uji-123"); err != nil {
			return err
		}
		if ketua, err = auth.CreateUser(ctx, tx, actor, auth.User{InstansiID: f.inst.ID, Username: "ketua", FullName: "Ketua Tim", Role: auth.RoleKetuaTim}, "rahasia-uji-123"); err != nil {
			return err
		}
		other, err = auth.CreateUser(ctx, tx, actor, auth.User{InstansiID: f.inst2.ID, Username: "lain", FullName: "Orang Lain", Role: auth.RoleTim}, "rahasia-uji-123")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tim, ketua, other
}

func TestDecide(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	tim, ketua, other := f.users(t)
	f.ingest(t, flaggedPilkada+"\n"+flaggedPemilu, monitor.FormatAuto)
	it, err := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, f.get(t, "facebook", "a1").ID)
	if err != nil {
		t.Fatal(err)
	}
	who := audit.Actor{UserID: ketua, Name: "ketua", InstansiID: f.inst.ID, IP: "127.0.0.1"}
	decide := func(dec monitor.Decision) error { return monitor.Decide(ctx, f.d, who, f.inst.ID, it.ID, dec) }
	// Refused decisions change nothing.
	for _, c := range []struct {
		dec  monitor.Decision
		want error
	}{
		{monitor.Decision{Action: monitor.ActionDismiss}, monitor.ErrReasonRequired},
		{monitor.Decision{Action: monitor.ActionDismiss, ReasonCode: "bogus"}, monitor.ErrReasonRequired},
		{monitor.Decision{Action: monitor.ActionDismiss, ReasonCode: monitor.ReasonOther, Note: "   "}, monitor.ErrReasonRequired},
		{monitor.Decision{Action: "delete"}, monitor.ErrBadAction},
		{monitor.Decision{Action: monitor.ActionAssign, AssigneeID: other}, monitor.ErrBadAssignee},
		{monitor.Decision{Action: monitor.ActionAssign, AssigneeID: 99999}, monitor.ErrBadAssignee},
	} {
		if err := decide(c.dec); !errors.Is(err, c.want) || !errors.Is(err, monitor.ErrInvalid) {
			t.Errorf("%+v: %v, want %v", c.dec, err, c.want)
		}
	}
	if err := monitor.Decide(ctx, f.d, who, f.inst2.ID, it.ID, monitor.Decision{Action: monitor.ActionConfirm}); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("decision from another instansi: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM review_decision`); n != 0 {
		t.Fatalf("%d decisions stored by refused requests", n)
	}
	steps := []struct {
		dec                  monitor.Decision
		status, code, reason string
		assignee             int64
	}{
		{monitor.Decision{Action: monitor.ActionAssign, AssigneeID: tim}, monitor.ReviewNew, "", "", tim},
		{monitor.Decision{Action: monitor.ActionNeedsInfo, Note: "Pastikan akun ini milik Budi"}, monitor.ReviewNeedsInfo, "", "Pastikan akun ini milik Budi", tim},
		{monitor.Decision{Action: monitor.ActionDismiss, ReasonCode: monitor.ReasonSameName}, monitor.ReviewDismissed, monitor.ReasonSameName, "", tim},
		{monitor.Decision{Action: monitor.ActionDismiss, ReasonCode: monitor.ReasonOther, Note: "salah unggah"}, monitor.ReviewDismissed, monitor.ReasonOther, "salah unggah", tim},
		{monitor.Decision{Action: monitor.ActionConfirm, ReasonCode: monitor.ReasonNews}, monitor.ReviewConfirmed, "", "", tim},
		{monitor.Decision{Action: monitor.ActionAssign}, monitor.ReviewConfirmed, "", "", 0},
	}
	for i, s := range steps {
		if err := decide(s.dec); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, err := monitor.GetReview(ctx, f.d, f.inst.ID, it.ID)
		if err != nil || got.Status != s.status || got.ReasonCode != s.code || got.Reason != s.reason || got.AssigneeID != s.assignee {
			t.Fatalf("step %d: %+v %v", i, got, err)
		}
		if s.assignee == tim && got.AssigneeName != "Tim Satu" {
			t.Fatalf("step %d: assignee name %q", i, got.AssigneeName)
		}
		if s.dec.Action != monitor.ActionAssign && (got.DecidedByID != ketua || got.DecidedByName != "Ketua Tim" || got.DecidedAt.IsZero()) {
			t.Fatalf("step %d: decided by %d %q at %v", i, got.DecidedByID, got.DecidedByName, got.DecidedAt)
		}
	}
	hist, err := monitor.ReviewDecisions(ctx, f.d, it.ID)
	if err != nil || len(hist) != len(steps) {
		t.Fatalf("history: %d %v", len(hist), err)
	}
	if h := hist[0]; h.Action != monitor.ActionAssign || h.AssigneeAfter != tim || h.AssigneeAfterName != "Tim Satu" || h.UserName != "Ketua Tim" {
		t.Fatalf("first decision: %+v", h)
	}
	if h := hist[2]; h.StatusBefore != monitor.ReviewNeedsInfo || h.StatusAfter != monitor.ReviewDismissed || h.ReasonCode != monitor.ReasonSameName {
		t.Fatalf("third decision: %+v", h)
	}
	// Every decision is audited with the item before and after.
	entries, err := audit.List(ctx, f.d, audit.Filter{InstansiID: f.inst.ID, ObjectType: "review_item", Limit: 100})
	if err != nil || len(entries) != len(steps) {
		t.Fatalf("audit: %d %v", len(entries), err)
	}
	last := entries[0] // newest first
	if last.Action != "review.assign" || last.ActorID != ketua || !strings.Contains(last.Before, `"assignee_user_id":`+strconv.FormatInt(tim, 10)) ||
		!strings.Contains(last.After, `"assignee_user_id":0`) || !strings.Contains(last.After, `"status":"confirmed"`) {
		t.Fatalf("last audit entry: %+v", last)
	}
	conf := entries[1]
	if conf.Action != "review.confirm" || !strings.Contains(conf.Before, `"status":"dismissed"`) || !strings.Contains(conf.Before, `"reason":"salah unggah"`) {
		t.Fatalf("confirm audit entry: %+v", conf)
	}
	// Dismiss reasons are counted.
	it2, _ := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, f.get(t, "twitter", "a3").ID)
	if err := monitor.Decide(ctx, f.d, who, f.inst.ID, it2.ID, monitor.Decision{Action: monitor.ActionDismiss, ReasonCode: monitor.ReasonNews}); err != nil {
		t.Fatal(err)
	}
	reasons, err := monitor.DismissReasonCounts(ctx, f.d, f.inst.ID, nil)
	if err != nil || len(reasons) != len(monitor.DismissReasons) || reasons[0] != (monitor.CountByKey{Key: monitor.ReasonNews, Count: 1}) {
		t.Fatalf("reasons: %v %v", reasons, err)
	}
	if reasons, _ := monitor.DismissReasonCounts(ctx, f.d, f.inst.ID, []int64{f.opd.ID}); reasons[0].Count != 0 {
		t.Fatalf("reasons in scope: %v", reasons)
	}
	terms, err := monitor.DismissedTerms(ctx, f.d, f.inst.ID, nil, 100, 3)
	if err != nil || len(terms) != 3 || terms[0].Count != 1 {
		t.Fatalf("terms: %v %v", terms, err)
	}
	// Filters by assignee and reviewer.
	p, _ := monitor.ReviewList(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, DecidedBy: ketua})
	if reviewIDs(p) != "a3 a1" {
		t.Fatalf("decided by ketua: %q", reviewIDs(p))
	}
}

// bantengClub is flagged for PDI-P only because of the name of a football
// club; bantengParty mentions the party outside it.
const (
	bantengClub  = `{"id":"k1","platform":"facebook","kind":"post","author":"budi.s","created_at":"2024-01-25T08:00:00+07:00","text":"Dukung terus BANTENG   muda Tanjung! Ayo menangkan banteng di laga final, pilih banteng!"}`
	bantengParty = `{"id":"k2","platform":"facebook","kind":"post","author":"budi.s","created_at":"2024-01-25T08:00:00+07:00","text":"Dukung Banteng Muda Tanjung, dan coblos PDI Perjuangan nomor 3!"}`
	bantengLater = `{"id":"k3","platform":"facebook","kind":"post","author":"budi.s","created_at":"2024-01-26T08:00:00+07:00","text":"Dukung terus Banteng Muda Tanjung! Ayo menangkan laga final!"}`
)

func TestExceptionSuppressesOnRescreen(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	tim, _, _ := f.users(t)
	f.ingest(t, bantengClub+"\n"+bantengParty+"\n"+flaggedPilkada, monitor.FormatAuto)
	k1, k2 := f.get(t, "facebook", "k1"), f.get(t, "facebook", "k2")
	if !k1.Flagged || !k2.Flagged {
		t.Fatalf("before: k1 %v k2 %v", k1.Flagged, k2.Flagged)
	}
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	if _, err := monitor.AddException(ctx, f.d, actor, f.inst.ID, "ab", ""); !errors.Is(err, monitor.ErrInvalid) {
		t.Fatalf("short phrase: %v", err)
	}
	x, err := monitor.AddException(ctx, f.d, actor, f.inst.ID, "  Banteng Muda\tTanjung ", "klub sepak bola")
	if err != nil || x.Phrase != "Banteng Muda Tanjung" || !x.Active {
		t.Fatalf("AddException: %+v %v", x, err)
	}
	// The same phrase in another case is the same exception.
	if again, err := monitor.AddException(ctx, f.d, actor, f.inst.ID, "banteng muda tanjung", "klub"); err != nil || again.ID != x.ID {
		t.Fatalf("again: %+v %v", again, err)
	}
	// Adding an exception changes no stored result.
	if k1 = f.get(t, "facebook", "k1"); !k1.Flagged || k1.Screening.ElectionVersion != v1.Version {
		t.Fatalf("k1 changed by adding an exception: %+v", k1.Screening)
	}
	k1item, _ := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, k1.ID)
	rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor})
	if err != nil || rep.ElectionVersion != v1.Version+1 || rep.Screened != 3 || rep.Changed != 1 {
		t.Fatalf("rescreen: %+v %v", rep, err)
	}
	v2, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	if v2.Lexicon != v1.Lexicon || strings.Join(v2.Exceptions, "|") != "Banteng Muda Tanjung" {
		t.Fatalf("v2: lexicon %s exceptions %q", v2.Lexicon, v2.Exceptions)
	}
	k1 = f.get(t, "facebook", "k1")
	if k1.Flagged || k1.Screening.Flagged || k1.Screening.Score != 0 || k1.Screening.Violation != "" ||
		!strings.Contains(k1.Screening.Explanation, `pengecualian instansi`) || !strings.Contains(k1.Screening.Explanation, `"Banteng Muda Tanjung"`) ||
		len(k1.Screening.Matches) == 0 {
		t.Fatalf("k1 after rescreen: %+v", k1.Screening)
	}
	if _, err := monitor.GetReview(ctx, f.d, f.inst.ID, k1item.ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("untouched item of k1 still in the inbox: %v", err)
	}
	if k2 = f.get(t, "facebook", "k2"); !k2.Flagged {
		t.Fatalf("k2 (party named outside the phrase) no longer flagged: %s", k2.Screening.Explanation)
	}
	if a1 := f.get(t, "facebook", "a1"); !a1.Flagged {
		t.Fatal("a1 no longer flagged")
	}
	hist, _ := monitor.Screenings(ctx, f.d, k1.ID)
	if len(hist) != 2 || !hist[0].Flagged || hist[1].Flagged {
		t.Fatalf("k1 history: %+v", hist)
	}
	// New records are screened with the exception at once.
	f.ingest(t, bantengLater, monitor.FormatAuto)
	if k3 := f.get(t, "facebook", "k3"); k3.Flagged || k3.Screening.ElectionVersion != v2.Version {
		t.Fatalf("k3: %+v", k3.Screening)
	}
	// Nothing to do again.
	if rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil || rep.Screened != 0 {
		t.Fatalf("second rescreen: %+v %v", rep, err)
	}
	// Assigned items stay when the exception goes and comes back.
	if _, err := monitor.SetExceptionActive(ctx, f.d, actor, f.inst.ID, x.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.SetExceptionActive(ctx, f.d, actor, f.inst2.ID, x.ID, true); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("exception of another instansi: %v", err)
	}
	if rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil || rep.Changed != 2 {
		t.Fatalf("rescreen without the exception: %+v %v", rep, err)
	}
	k1item, err = monitor.ReviewByActivity(ctx, f.d, f.inst.ID, k1.ID)
	if err != nil || k1item.Status != monitor.ReviewNew {
		t.Fatalf("k1 back in the inbox: %+v %v", k1item, err)
	}
	who := audit.Actor{UserID: tim, Name: "tim1", InstansiID: f.inst.ID}
	if err := monitor.Decide(ctx, f.d, who, f.inst.ID, k1item.ID, monitor.Decision{Action: monitor.ActionAssign, AssigneeID: tim}); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.SetExceptionActive(ctx, f.d, actor, f.inst.ID, x.ID, true); err != nil {
		t.Fatal(err)
	}
	if rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil || rep.Changed != 2 {
		t.Fatalf("rescreen with the exception again: %+v %v", rep, err)
	}
	if got, err := monitor.GetReview(ctx, f.d, f.inst.ID, k1item.ID); err != nil || got.AssigneeID != tim || got.Activity.Flagged {
		t.Fatalf("assigned item of k1: %+v %v", got, err)
	}
	xs, err := monitor.Exceptions(ctx, f.d, f.inst.ID)
	if err != nil || len(xs) != 1 || !xs[0].Active || xs[0].Note != "klub" {
		t.Fatalf("exceptions: %+v %v", xs, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE object_type = 'review_exception'`); n != 4 {
		t.Fatalf("%d exception audit entries, want 4", n)
	}
	// Other instansi screen without it.
	f.ingestInto(t, f.inst2.ID, bantengClub, monitor.FormatAuto)
	if a, err := monitor.ByExternalID(ctx, f.d, f.inst2.ID, "facebook", "k1"); err != nil || !a.Flagged {
		t.Fatalf("k1 in instansi 2: %v %v", a.Flagged, err)
	}
}
