package cases_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
)

// TestLifecycleToSanction walks a team finding from received to a sanction
// imposed by the PPK and closed, as the team, the Bawaslu liaison and the
// PPK; every step is timestamped, assigned, audited and in the outbox.
func TestLifecycleToSanction(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.rep.add(f.inst, 501)
	c := f.open("tim", func(in *cases.OpenInput) {
		in.Source = cases.SourceInput{Kind: cases.SourceReport, ReportID: 501}
	})
	if c.Number != "NTR/2024/0001" || c.Status != cases.Received || c.Accused.EmployeeID != f.budi {
		t.Fatalf("opened %+v", c)
	}
	// Position and unit at the time of the act (2 Oct 2024: Bidang SD since July).
	if c.Accused.Position != "Analis Kurikulum" || c.Accused.OPDID != f.sd || c.Accused.Basis != cases.BasisPosition {
		t.Fatalf("accused %+v", c.Accused)
	}
	if caseID, st, _ := f.rep.get(501); caseID != c.ID || st != "received" {
		t.Fatalf("report 501: case %d status %q", caseID, st)
	}
	if err := f.svc.Assign(ctx, f.p["ketua"], f.inst, c.ID, f.p["tim"].UserID); err != nil {
		t.Fatal(err)
	}
	sug, ok := f.svc.Suggest(c)
	if !ok || sug.Code != "DS-06" || sug.Phase != "calon" || !slices.Equal(sug.Sanctions, []string{"HD-B1", "HD-B2", "HD-B3"}) {
		t.Fatalf("suggestion %+v", sug)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActVerify})
	f.now = f.now.Add(time.Hour)
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActSummon})
	if err := f.svc.AddSummons(ctx, f.p["tim"], f.inst, c.ID, cases.SummonsInput{LetterNumber: "800/12/Tim",
		ScheduledAt: f.now.AddDate(0, 0, 9), Place: "Ruang Inspektorat"}); err != nil {
		t.Fatal(err)
	}
	ss, _ := cases.Summonses(ctx, f.d, c.ID)
	if len(ss) != 1 || ss[0].Seq != 1 {
		t.Fatalf("summonses %+v", ss)
	}
	f.now = f.now.AddDate(0, 0, 9).Add(2 * time.Hour) // the clarification was held
	if err := f.svc.RecordMinutes(ctx, f.p["tim"], f.inst, c.ID, ss[0].ID, "yes", "ASN mengakui menyukai unggahan."); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteAccusedReply,
		Body: "Saya tidak sengaja menekan tombol suka.", Refs: "Surat jawaban tertanggal 10 Oktober 2024"}); err != nil {
		t.Fatal(err)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActToFinding})
	f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "ds-06", Finding: "Terbukti menyukai unggahan paslon."})
	c = f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu, LetterNumber: "800/15/Tim",
		PackageNote: "BA klarifikasi, tangkapan layar, jawaban ASN", PublicMessage: "Laporan Anda diteruskan ke Bawaslu."})
	if !c.ReferredToBawaslu() || c.ViolationCode != "DS-06" {
		t.Fatalf("after referral %+v", c)
	}
	if _, st, msgs := f.rep.get(501); st != "referred" || len(msgs) != 1 {
		t.Fatalf("report after referral: %q %v", st, msgs)
	}
	// The Bawaslu liaison sees it now, and records the recommendation.
	if _, err := f.svc.View(ctx, f.p["bawaslu"], f.inst, c.ID); err != nil {
		t.Fatalf("bawaslu view: %v", err)
	}
	f.step("bawaslu", c.ID, cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation, RecNumber: "123/PM/2024",
		RecDate: f.now, RecText: "Terbukti melanggar netralitas", RecSanction: "HD-B1"})
	// The PPK decides a different sanction than recommended, on its own basis.
	c = f.step("pimpinan", c.ID, cases.TransitionInput{Action: cases.ActDecide, Sanction: "SM-TBK",
		Basis: "PP 42/2004 Pasal 15; pertimbangan: pelanggaran pertama", DecreeNumber: "800/KEP/77/2024", DecreeDate: f.now})
	if c.Status != cases.Decided || c.Outcome != "SM-TBK" || c.Rec.Sanction != "HD-B1" || c.Decision.ByName != "Pengguna pimpinan" {
		t.Fatalf("decided %+v", c)
	}
	var kept cases.Suggestion
	if err := json.Unmarshal([]byte(c.Decision.Suggestion), &kept); err != nil || kept.Code != "DS-06" {
		t.Fatalf("suggestion kept with the decision: %q %v", c.Decision.Suggestion, err)
	}
	c = f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActClose, Note: "SK diserahkan"})
	if c.Status != cases.Closed || c.ClosedAt.IsZero() || !c.DueAt.IsZero() {
		t.Fatalf("closed %+v", c)
	}
	if _, st, _ := f.rep.get(501); st != "closed" {
		t.Fatalf("report at the end: %q", st)
	}
	steps, err := cases.Steps(ctx, f.d, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var seq []string
	for i, s := range steps {
		seq = append(seq, string(s.Status))
		if s.StartedAt.IsZero() || s.StartedBy == "" {
			t.Errorf("step %d without start: %+v", i, s)
		}
		if i < len(steps)-1 && (s.EndedAt.IsZero() || s.EndedAction == "") {
			t.Errorf("step %d not ended: %+v", i, s)
		}
		if !s.Status.Ended() && (s.DueAt.IsZero() || s.DueBasis == "") {
			t.Errorf("step %s without due date", s.Status)
		}
		if i >= 1 && !s.Status.Ended() && s.AssigneeID != f.p["tim"].UserID {
			t.Errorf("step %s assigned to %d", s.Status, s.AssigneeID)
		}
	}
	want := "received verification clarification finding referral referred ppk decided closed"
	if strings.Join(seq, " ") != want {
		t.Fatalf("steps %v", seq)
	}
	// Every change is audited and in the outbox.
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'case' AND object_id = ?`, itoa(c.ID)); n != 13 {
		t.Errorf("%d audit entries", n)
	}
	for _, a := range []string{"case.open", "case.assign", "case.verify", "case.proven", "case.refer", "case.recommend", "case.decide", "case.close", "case.minutes", "case.note"} {
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'case' AND action = ?`, a); n != 1 {
			t.Errorf("audit %s: %d entries", a, n)
		}
	}
	evs, err := cases.PendingEvents(ctx, f.d, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 13 || evs[0].Event != "case.open" || evs[0].Payload["number"] != c.Number {
		t.Fatalf("outbox %d events, first %+v", len(evs), evs[0])
	}
	if err := cases.MarkProcessed(ctx, f.d, f.now, evs[0].ID); err != nil {
		t.Fatal(err)
	}
	if evs2, _ := cases.PendingEvents(ctx, f.d, 100); len(evs2) != len(evs)-1 {
		t.Fatalf("after marking: %d", len(evs2))
	}
	// The sanction is in Budi's history; the internal timeline is complete.
	hist, err := cases.SanctionHistory(ctx, f.d, f.inst, f.budi)
	if err != nil || len(hist) != 1 || hist[0].Decision.Sanction != "SM-TBK" {
		t.Fatalf("history %v %+v", err, hist)
	}
	if h, _ := cases.SanctionHistory(ctx, f.d, f.inst2, f.budi); len(h) != 0 {
		t.Fatal("history across instansi")
	}
	evts, _ := cases.Events(ctx, f.d, c.ID)
	if len(evts) != 13 {
		t.Errorf("%d timeline events", len(evts))
	}
	notes, _ := cases.Notes(ctx, f.d, c.ID)
	if len(notes) != 2 || notes[0].Audience != cases.NoteAccusedReply || notes[1].Audience != cases.NoteReporter {
		t.Errorf("notes %+v", notes)
	}
}

func itoa(n int64) string { return strings.TrimSpace(strings.Repeat(" ", 0) + jsonNum(n)) }

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestIllegalSteps: each refused with the error that says why, and nothing changes.
func TestIllegalSteps(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("ketua")
	try := func(by string, in cases.TransitionInput, want error) {
		t.Helper()
		_, err := f.svc.Transition(ctx, f.p[by], f.inst, c.ID, in)
		if !errors.Is(err, want) {
			t.Errorf("%s by %s: %v, want %v", in.Action, by, err, want)
		}
	}
	var fe *cases.FieldError
	field := func(by string, in cases.TransitionInput, name string) {
		t.Helper()
		_, err := f.svc.Transition(ctx, f.p[by], f.inst, c.ID, in)
		if !errors.As(err, &fe) || fe.Field != name {
			t.Errorf("%s by %s: %v, want an error on %s", in.Action, by, err, name)
		}
	}
	try("tim", cases.TransitionInput{Action: cases.ActSummon}, cases.ErrWrongState)
	try("pimpinan", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrNotAllowed)
	try("inspektorat", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrNotAllowed)
	try("kepala_opd", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrNotFound) // sees no cases at all
	try("asn", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrNotFound)
	try("bawaslu", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrNotFound) // not referred to them
	try("tim", cases.TransitionInput{Action: cases.ActReject, Note: "x"}, cases.ErrNotAllowed)
	try("tim", cases.TransitionInput{Action: cases.ActVerify, ExpectStatus: cases.Verification}, cases.ErrStale)
	field("tim", cases.TransitionInput{Action: "fly"}, "action")
	field("tim", cases.TransitionInput{Action: cases.ActMerge}, "action")
	field("ketua", cases.TransitionInput{Action: cases.ActReject}, "note")
	field("tim", cases.TransitionInput{Action: cases.ActVerify, PublicMessage: "halo"}, "public_message") // no report
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActVerify})
	try("tim", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrWrongState)
	// An ASN not identified cannot be summoned.
	if err := f.svc.Identify(ctx, f.p["tim"], f.inst, c.ID, cases.Details{Title: "Tanpa identitas"}); err != nil {
		t.Fatal(err)
	}
	try("tim", cases.TransitionInput{Action: cases.ActSummon}, cases.ErrNotIdentified)
	if err := f.svc.Identify(ctx, f.p["tim"], f.inst, c.ID, cases.Details{Title: "X", Accused: cases.AccusedInput{EmployeeID: f.siti}}); err != nil {
		t.Fatal(err)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActSummon})
	field("tim", cases.TransitionInput{Action: cases.ActToFinding}, "note") // no minutes yet
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "ASN tidak hadir dua kali"})
	try("tim", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "x"}, cases.ErrNotAllowed)
	field("ketua", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "XX-99", Finding: "x"}, "violation_code")
	field("ketua", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06"}, "finding")
	f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "Terbukti"})
	field("tim", cases.TransitionInput{Action: cases.ActRefer, Target: "kpu"}, "target")
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBKN, LetterNumber: "800/9/Tim"})
	// Referred to BKN: the Bawaslu liaison neither sees nor recommends.
	try("bawaslu", cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation}, cases.ErrNotFound)
	if _, err := f.svc.View(ctx, f.p["bawaslu"], f.inst, c.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("bawaslu sees a case referred to BKN: %v", err)
	}
	field("tim", cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: "maybe"}, "rec_outcome")
	field("tim", cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation, RecSanction: "GANTUNG"}, "rec_sanction")
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation})
	try("tim", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-B1", Basis: "x", DecreeNumber: "1"}, cases.ErrNotAllowed)
	try("ketua", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-B1", Basis: "x", DecreeNumber: "1"}, cases.ErrNotAllowed)
	field("pimpinan", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-X", Basis: "x", DecreeNumber: "1"}, "sanction")
	field("pimpinan", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-B1", DecreeNumber: "1"}, "basis")
	field("pimpinan", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-B1", Basis: "PP 94/2021"}, "decree_number")
	c2 := f.step("admin", c.ID, cases.TransitionInput{Action: cases.ActDecide, Sanction: cases.NotProven, Basis: "Bukti tidak cukup"})
	if c2.Outcome != cases.NotProven {
		t.Fatalf("outcome %q", c2.Outcome)
	}
	// Not proven is not a sanction in the history.
	if h, _ := cases.SanctionHistory(ctx, f.d, f.inst, f.siti); len(h) != 0 {
		t.Errorf("history %+v", h)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActClose})
	// Nothing leaves an end state; notes are still allowed.
	try("admin", cases.TransitionInput{Action: cases.ActVerify}, cases.ErrWrongState)
	if err := f.svc.Assign(ctx, f.p["admin"], f.inst, c.ID, 0); !errors.Is(err, cases.ErrWrongState) {
		t.Errorf("assign on a closed case: %v", err)
	}
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteInternal, Body: "arsip"}); err != nil {
		t.Errorf("note on a closed case: %v", err)
	}
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteAccused, Body: "x"}); !errors.Is(err, cases.ErrWrongState) {
		t.Errorf("message on a closed case: %v", err)
	}
}

// TestEndsAndMessages: rejection, insufficient evidence, the team's not
// proven, and what reporters are told.
func TestEndsAndMessages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.rep.add(f.inst, 7)
	c := f.open("tim", func(in *cases.OpenInput) { in.Source = cases.SourceInput{Kind: cases.SourceReport, ReportID: 7} })
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteReporter,
		Body: "Mohon kirim tautan unggahannya.", Question: true}); err != nil {
		t.Fatal(err)
	}
	if _, st, msgs := f.rep.get(7); st != "clarification" || len(msgs) != 1 {
		t.Fatalf("question: %q %v", st, msgs)
	}
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteInternal, Body: "catatan internal"}); err != nil {
		t.Fatal(err)
	}
	if _, _, msgs := f.rep.get(7); len(msgs) != 1 {
		t.Fatalf("an internal note reached the reporter: %v", msgs)
	}
	c = f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActReject, Note: "Terlapor bukan ASN", PublicMessage: "Terlapor bukan ASN."})
	if c.Status != cases.Rejected || c.EndReason != "Terlapor bukan ASN" || c.Outcome != "rejected" {
		t.Fatalf("%+v", c)
	}
	if _, st, _ := f.rep.get(7); st != "rejected" {
		t.Fatalf("report %q", st)
	}
	// A case without reports: messages to the reporter are refused.
	d := f.open("tim")
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, d.ID, cases.NoteInput{Audience: cases.NoteReporter, Body: "x"}); !errors.Is(err, cases.ErrNoReporter) {
		t.Fatalf("reporter message without report: %v", err)
	}
	var fe *cases.FieldError
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, d.ID, cases.NoteInput{Audience: "public", Body: "x"}); !errors.As(err, &fe) || fe.Field != "audience" {
		t.Fatalf("bad audience: %v", err)
	}
	if err := f.svc.AddNote(ctx, f.p["tim"], f.inst, d.ID, cases.NoteInput{Audience: cases.NoteInternal, Body: "  "}); !errors.As(err, &fe) || fe.Field != "body" {
		t.Fatalf("empty note: %v", err)
	}
	f.step("tim", d.ID, cases.TransitionInput{Action: cases.ActVerify})
	d = f.step("admin", d.ID, cases.TransitionInput{Action: cases.ActInsufficient, Note: "Tangkapan layar tidak terbaca"})
	if d.Status != cases.Insufficient || d.Outcome != string(cases.Insufficient) {
		t.Fatalf("%+v", d)
	}
	e := f.open("tim")
	f.step("tim", e.ID, cases.TransitionInput{Action: cases.ActVerify})
	f.step("tim", e.ID, cases.TransitionInput{Action: cases.ActSummon})
	f.step("tim", e.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "klarifikasi tertulis"})
	e = f.step("ketua", e.ID, cases.TransitionInput{Action: cases.ActNotProven, Finding: "Akun bukan milik terlapor"})
	if e.Status != cases.Closed || e.Outcome != cases.NotProven || e.Finding == "" {
		t.Fatalf("%+v", e)
	}
	// The internal PPK track: from referral straight to the PPK, with a reason.
	g := f.open("tim")
	for _, a := range []cases.Action{cases.ActVerify, cases.ActSummon} {
		f.step("tim", g.ID, cases.TransitionInput{Action: a})
	}
	f.step("tim", g.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "x"})
	f.step("ketua", g.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "KE-04", Finding: "x"})
	g = f.step("ketua", g.ID, cases.TransitionInput{Action: cases.ActToPPK, Note: "Sebelum penetapan: ditangani PPK sendiri"})
	if g.Status != cases.PPK || g.Referral.Target != "" {
		t.Fatalf("%+v", g)
	}
}

// TestConflictOfInterest: nobody from the accused's unit or above it (then
// or now) may see, act on or be assigned to the case.
func TestConflictOfInterest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("tim") // Budi, Bidang SD (under Dinas Pendidikan) on the act date
	// timDik works in Dinas Pendidikan, above Bidang SD.
	for _, err := range []error{
		func() error { _, err := f.svc.View(ctx, f.p["timDik"], f.inst, c.ID); return err }(),
		func() error {
			_, err := f.svc.Transition(ctx, f.p["timDik"], f.inst, c.ID, cases.TransitionInput{Action: cases.ActVerify})
			return err
		}(),
		f.svc.AddNote(ctx, f.p["timDik"], f.inst, c.ID, cases.NoteInput{Audience: cases.NoteInternal, Body: "x"}),
		f.svc.Assign(ctx, f.p["ketua"], f.inst, c.ID, f.p["timDik"].UserID),
	} {
		if !errors.Is(err, cases.ErrConflictInterest) {
			t.Errorf("timDik: %v, want a conflict of interest", err)
		}
	}
	// Opening a case about someone in one's own chain is refused too.
	_, err := f.svc.Open(ctx, f.p["timDik"], cases.OpenInput{InstansiID: f.inst, Details: cases.Details{Title: "x",
		Accused: cases.AccusedInput{EmployeeID: f.budi}}, Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "x"}})
	if !errors.Is(err, cases.ErrConflictInterest) {
		t.Errorf("open by timDik: %v", err)
	}
	// timKes (Dinas Kesehatan) is free for an act in October, when Budi was in Bidang SD…
	if _, err := f.svc.View(ctx, f.p["timKes"], f.inst, c.ID); err != nil {
		t.Errorf("timKes: %v", err)
	}
	ids := func(p string) []int64 {
		pp := f.p[p]
		pg, err := f.svc.List(ctx, cases.Filter{InstansiID: f.inst, Viewer: &pp})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, x := range pg.Items {
			out = append(out, x.ID)
		}
		return out
	}
	if got := ids("timDik"); len(got) != 0 {
		t.Errorf("timDik lists %v", got)
	}
	if got := ids("timKes"); !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("timKes lists %v", got)
	}
	people, err := f.svc.Assignable(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, p.Name)
	}
	if slices.Contains(names, "Pengguna timDik") || !slices.Contains(names, "Pengguna timKes") || slices.Contains(names, "Pengguna pimpinan") {
		t.Errorf("assignable %v", names)
	}
	if err := f.svc.Assign(ctx, f.p["ketua"], f.inst, c.ID, f.p["timKes"].UserID); err != nil {
		t.Fatal(err)
	}
	// …but an act in May 2024, when Budi was at Dinas Kesehatan, puts timKes in conflict: the handler is unassigned.
	if err := f.svc.Identify(ctx, f.p["tim"], f.inst, c.ID, cases.Details{Title: c.Title, Accused: cases.AccusedInput{EmployeeID: f.budi},
		ActDate: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC), ActKind: "interact"}); err != nil {
		t.Fatal(err)
	}
	c, _ = cases.Get(ctx, f.d, f.inst, c.ID)
	if c.Accused.OPDID != f.dinkes || c.Accused.Position != "Staf Pelaksana" || c.AssigneeID != 0 {
		t.Fatalf("after identify: %+v assignee %d", c.Accused, c.AssigneeID)
	}
	if _, err := f.svc.View(ctx, f.p["timKes"], f.inst, c.ID); !errors.Is(err, cases.ErrConflictInterest) {
		t.Errorf("timKes after identify: %v", err)
	}
	if got := ids("timKes"); len(got) != 0 {
		t.Errorf("timKes lists %v", got)
	}
	// A handler cannot change the accused to someone of their own chain.
	if err := f.svc.Identify(ctx, f.p["timKes"], f.inst, c.ID, cases.Details{Title: "x"}); !errors.Is(err, cases.ErrConflictInterest) {
		t.Errorf("timKes identify: %v", err)
	}
	// The accused themselves (an asn user) is in conflict whatever their role.
	asn := f.p["asn"]
	if bad, err := cases.Conflicted(ctx, f.d, asn, c); err != nil || !bad {
		t.Errorf("the accused: %v %v", bad, err)
	}
	// A kepala OPD heading Dinas Pendidikan.
	if bad, _ := cases.Conflicted(ctx, f.d, f.p["kepala_opd"], f.open("tim")); !bad {
		t.Error("kepala OPD of the accused's parent unit not in conflict")
	}
	// A free-text accused with a registry unit counts too.
	m := f.open("tim", func(in *cases.OpenInput) {
		in.Details.Accused = cases.AccusedInput{Name: "Pegawai Honorer", OPDID: f.sd}
	})
	if _, err := f.svc.View(ctx, f.p["timDik"], f.inst, m.ID); !errors.Is(err, cases.ErrConflictInterest) {
		t.Errorf("manual accused in Bidang SD: %v", err)
	}
}

// TestTenancy: a case of another instansi is not found, whatever the role.
func TestTenancy(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("tim")
	other, err := f.svc.Open(ctx, f.p["admin2"], cases.OpenInput{InstansiID: f.inst2,
		Details: cases.Details{Title: "Kasus Bekasi", Accused: cases.AccusedInput{EmployeeID: f.other}},
		Source:  cases.SourceInput{Kind: cases.SourceFinding, Description: "temuan"}})
	if err != nil {
		t.Fatal(err)
	}
	if other.Number != "NTR/2024/0001" || c.Number != "NTR/2024/0001" {
		t.Fatalf("numbers %s %s: each instansi counts on its own", c.Number, other.Number)
	}
	if c2 := f.open("tim"); c2.Number != "NTR/2024/0002" {
		t.Fatalf("second number %s", c2.Number)
	}
	if _, err := cases.Get(ctx, f.d, f.inst, other.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("get across instansi: %v", err)
	}
	if _, err := f.svc.Transition(ctx, f.p["admin"], f.inst, other.ID, cases.TransitionInput{Action: cases.ActVerify}); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("transition across instansi: %v", err)
	}
	if err := f.svc.Merge(ctx, f.p["admin"], f.inst, other.ID, c.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("merge across instansi: %v", err)
	}
	pg, err := f.svc.List(ctx, cases.Filter{InstansiID: f.inst2})
	if err != nil || pg.Total != 1 || pg.Items[0].ID != other.ID {
		t.Errorf("list of instansi 2: %v %+v", err, pg)
	}
	// An employee, a unit or an assignee of another instansi cannot be used.
	var fe *cases.FieldError
	if err := f.svc.Identify(ctx, f.p["tim"], f.inst, c.ID, cases.Details{Title: "x", Accused: cases.AccusedInput{EmployeeID: f.other}}); !errors.As(err, &fe) || fe.Field != "accused" {
		t.Errorf("employee of instansi 2: %v", err)
	}
	if err := f.svc.Assign(ctx, f.p["admin"], f.inst, c.ID, f.p["admin2"].UserID); !errors.As(err, &fe) || fe.Field != "assignee" {
		t.Errorf("assignee of instansi 2: %v", err)
	}
	if err := f.svc.Assign(ctx, f.p["admin"], f.inst, c.ID, f.p["inspektorat"].UserID); !errors.As(err, &fe) {
		t.Errorf("assignee who does not handle cases: %v", err)
	}
	// A report of another instansi cannot be linked.
	f.rep.add(f.inst2, 99)
	if err := f.svc.AddSource(ctx, f.p["tim"], f.inst, c.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: 99}); err == nil {
		t.Error("linked a report of instansi 2")
	}
	if n := f.count(`SELECT COUNT(*) FROM case_source WHERE report_id = 99`); n != 0 {
		t.Errorf("%d sources left behind", n)
	}
}

// TestMerge: B merges into A; B's sources and reporters follow, B ends as
// merged, the reporters of both learn A's outcome.
func TestMerge(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.rep.add(f.inst, 1)
	f.rep.add(f.inst, 2)
	a := f.open("tim", func(in *cases.OpenInput) { in.Source = cases.SourceInput{Kind: cases.SourceReport, ReportID: 1} })
	b := f.open("tim", func(in *cases.OpenInput) { in.Source = cases.SourceInput{Kind: cases.SourceReport, ReportID: 2} })
	if err := f.svc.AddSource(ctx, f.p["tim"], f.inst, b.ID, cases.SourceInput{Kind: cases.SourceFinding, Description: "tangkapan layar kedua",
		Links: []string{"https://x.com/p/1", "https://x.com/p/1", " "}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AddSource(ctx, f.p["tim"], f.inst, b.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: 1}); !errors.Is(err, cases.ErrSourceTaken) {
		t.Fatalf("a report in two cases: %v", err)
	}
	var fe *cases.FieldError
	if err := f.svc.AddSource(ctx, f.p["tim"], f.inst, b.ID, cases.SourceInput{Kind: cases.SourceFinding, Description: "x",
		Links: []string{"javascript:alert(1)"}}); !errors.As(err, &fe) || fe.Field != "links" {
		t.Fatalf("bad link: %v", err)
	}
	if err := f.svc.Merge(ctx, f.p["tim"], f.inst, b.ID, a.ID); !errors.Is(err, cases.ErrNotAllowed) {
		t.Fatalf("merge by tim: %v", err)
	}
	if err := f.svc.Merge(ctx, f.p["ketua"], f.inst, a.ID, a.ID); !errors.Is(err, cases.ErrMergeSelf) {
		t.Fatalf("merge into itself: %v", err)
	}
	other := f.open("tim", func(in *cases.OpenInput) { in.Details.Accused = cases.AccusedInput{EmployeeID: f.siti} })
	if err := f.svc.Merge(ctx, f.p["ketua"], f.inst, other.ID, a.ID); !errors.Is(err, cases.ErrMergeAccused) {
		t.Fatalf("merge of different ASN: %v", err)
	}
	if err := f.svc.Merge(ctx, f.p["ketua"], f.inst, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	b, _ = cases.Get(ctx, f.d, f.inst, b.ID)
	if b.Status != cases.Merged || b.MergedInto != a.ID || b.MergedNumber != a.Number || b.Sources != 0 {
		t.Fatalf("B after merge: %+v", b)
	}
	srcs, _ := cases.Sources(ctx, f.d, a.ID)
	if len(srcs) != 3 || srcs[1].MergedFrom != b.ID || len(srcs[2].Links) != 1 {
		t.Fatalf("A's sources %+v", srcs)
	}
	if caseID, _, _ := f.rep.get(2); caseID != a.ID {
		t.Fatalf("report 2 follows to %d", caseID)
	}
	if err := f.svc.Merge(ctx, f.p["ketua"], f.inst, b.ID, a.ID); !errors.Is(err, cases.ErrWrongState) {
		t.Fatalf("merging a merged case: %v", err)
	}
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'case.merge' AND object_id = ?`, itoa(b.ID)); n != 1 {
		t.Errorf("merge audited %d times", n)
	}
	// A is walked to a decision: both reporters learn it.
	for _, a2 := range []cases.Action{cases.ActVerify, cases.ActSummon} {
		f.step("tim", a.ID, cases.TransitionInput{Action: a2})
	}
	f.step("tim", a.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "x"})
	f.step("ketua", a.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "x"})
	f.step("ketua", a.ID, cases.TransitionInput{Action: cases.ActToPPK, Note: "x"})
	f.step("pimpinan", a.ID, cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-S6", Basis: "PP 94/2021", DecreeNumber: "1",
		PublicMessage: "PPK telah menjatuhkan hukuman disiplin."})
	for _, r := range []int64{1, 2} {
		if _, st, msgs := f.rep.get(r); st != "decided" || len(msgs) != 1 {
			t.Errorf("report %d: %q %v", r, st, msgs)
		}
	}
}

// TestDeadlines: due dates from the limits and a (fake) working-day
// calendar; the overdue list.
func TestDeadlines(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// 8 Oct 2024 is a holiday of the fake calendar.
	cal := fakeCalendar{holidays: map[string]bool{"2024-10-08": true}}
	f.svc.Deadlines = cases.LimitDeadliner{
		Limits: func(_ context.Context, _ db.Querier, _ int64, k cases.StepKey) (cases.Limit, bool, error) {
			l, ok := cases.DefaultLimits(k)
			return l, ok, nil
		},
		Calendar: func(context.Context, db.Querier, int64) (cases.Calendar, error) { return cal, nil },
	}
	c := f.open("tim") // Monday 7 Oct 2024, 09:00
	if want := f.now.AddDate(0, 0, 7); !c.DueAt.Equal(want) {
		t.Fatalf("received due %v, want %v (7 calendar days)", c.DueAt, want)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActVerify})
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActSummon})
	c, _ = cases.Get(ctx, f.d, f.inst, c.ID)
	// 14 working days from Mon 7 Oct, skipping weekends and the 8th: Mon 28 Oct.
	if want := time.Date(2024, 10, 28, 9, 0, 0, 0, time.UTC); !c.DueAt.Equal(want) {
		t.Fatalf("clarification due %v, want %v", c.DueAt, want)
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "x"})
	f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "x"})
	c = f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu, LetterNumber: "800/10/Tim"})
	// Bawaslu, Pilkada: 3 working days: Wed 9, Thu 10, Fri 11 Oct.
	if want := time.Date(2024, 10, 11, 9, 0, 0, 0, time.UTC); !c.DueAt.Equal(want) {
		t.Fatalf("referred due %v, want %v", c.DueAt, want)
	}
	steps, _ := cases.Steps(ctx, f.d, c.ID)
	last := steps[len(steps)-1]
	if !strings.Contains(last.DueBasis, "Pilkada") || !last.DueAt.Equal(c.DueAt) {
		t.Fatalf("step %+v", last)
	}
	fresh := f.open("tim")
	overdue := func(at time.Time) []int64 {
		pg, err := f.svc.List(ctx, cases.Filter{InstansiID: f.inst, Overdue: true, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, x := range pg.Items {
			out = append(out, x.ID)
		}
		return out
	}
	if got := overdue(f.now.Add(time.Hour)); len(got) != 0 {
		t.Fatalf("overdue right away: %v", got)
	}
	if got := overdue(time.Date(2024, 10, 11, 10, 0, 0, 0, time.UTC)); !slices.Equal(got, []int64{c.ID}) {
		t.Fatalf("overdue on 11 Oct: %v", got)
	}
	if got := overdue(time.Date(2024, 10, 15, 10, 0, 0, 0, time.UTC)); !slices.Equal(got, []int64{fresh.ID, c.ID}) {
		t.Fatalf("overdue on 15 Oct: %v", got)
	}
	if !c.Overdue(time.Date(2024, 10, 12, 0, 0, 0, 0, time.UTC)) || c.Overdue(f.now) {
		t.Fatal("Case.Overdue")
	}
	counts, err := f.svc.Counts(ctx, cases.Filter{InstansiID: f.inst, Now: time.Date(2024, 10, 15, 10, 0, 0, 0, time.UTC)})
	if err != nil || counts["overdue"] != 2 || counts["referred"] != 1 || counts["received"] != 1 {
		t.Fatalf("counts %v %v", counts, err)
	}
	// Ended cases are never overdue.
	f.step("ketua", fresh.ID, cases.TransitionInput{Action: cases.ActReject, Note: "duplikat"})
	if got := overdue(time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)); !slices.Equal(got, []int64{c.ID}) {
		t.Fatalf("overdue after rejecting: %v", got)
	}
	// The default deadliner counts weekends only.
	if got := (cases.WeekendCalendar{}).AddWorkingDays(time.Date(2024, 10, 11, 9, 0, 0, 0, time.UTC), 1); got.Day() != 14 {
		t.Fatalf("weekend calendar: %v", got)
	}
}

// TestAccusedResolution: registry position at the act date, the current
// position when none covers it, the free-text fallback, bad NIPs.
func TestAccusedResolution(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.open("tim", func(in *cases.OpenInput) { in.Details.ActDate = time.Time{} })
	if c.Accused.Basis != cases.BasisCurrent || c.Accused.OPDID != f.sd {
		t.Errorf("no act date: %+v", c.Accused)
	}
	c = f.open("tim", func(in *cases.OpenInput) {
		in.Details.Accused = cases.AccusedInput{NIP: "1985 0315 2010 01 1 002"}
		in.Details.ActDate = time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)
	})
	if c.Accused.EmployeeID != f.budi || c.Accused.OPDID != f.dinkes || c.Accused.Basis != cases.BasisPosition {
		t.Errorf("by NIP in 2023: %+v", c.Accused)
	}
	c = f.open("tim", func(in *cases.OpenInput) {
		in.Details.Accused = cases.AccusedInput{NIP: "199203152019031005", Name: "Ahmad Lain", Position: "Guru", Unit: "SDN 3"}
	})
	if c.Accused.EmployeeID != 0 || c.Accused.Basis != cases.BasisManual || c.Accused.Unit != "SDN 3" || !c.Accused.Identified() {
		t.Errorf("free text: %+v", c.Accused)
	}
	var fe *cases.FieldError
	for field, in := range map[string]cases.AccusedInput{
		"accused_nip":  {NIP: "12345"},
		"accused_name": {Unit: "SDN 3"},
		"accused_opd":  {Name: "X", OPDID: 999999},
	} {
		_, err := f.svc.Open(ctx, f.p["tim"], cases.OpenInput{InstansiID: f.inst, Details: cases.Details{Title: "x", Accused: in},
			Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "x"}})
		if !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%+v: %v, want an error on %s", in, err, field)
		}
	}
	for field, d := range map[string]cases.Details{
		"title":    {},
		"act_kind": {Title: "x", ActKind: "dance"},
		"act_date": {Title: "x", ActDate: f.now.AddDate(0, 1, 0)},
		"election": {Title: "x", Election: cases.ElectionRef{ID: "x", Type: "referendum"}},
	} {
		_, err := f.svc.Open(ctx, f.p["tim"], cases.OpenInput{InstansiID: f.inst, Details: d,
			Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "x"}})
		if !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%+v: %v, want an error on %s", d, err, field)
		}
	}
	_, err := f.svc.Open(ctx, f.p["tim"], cases.OpenInput{InstansiID: f.inst, Details: cases.Details{Title: "x"},
		Source: cases.SourceInput{Kind: cases.SourceFinding}})
	if !errors.As(err, &fe) || fe.Field != "description" {
		t.Errorf("finding without description: %v", err)
	}
	_, err = f.svc.Open(ctx, f.p["tim"], cases.OpenInput{InstansiID: f.inst, Details: cases.Details{Title: "x"},
		Source: cases.SourceInput{Kind: cases.SourceReview, ReviewItemID: 12345}})
	if !errors.As(err, &fe) || fe.Field != "review_item" {
		t.Errorf("unknown review item: %v", err)
	}
	// Without public reports wired in, a report cannot be a source.
	svc := *f.svc
	svc.Reports = nil
	_, err = svc.Open(ctx, f.p["tim"], cases.OpenInput{InstansiID: f.inst, Details: cases.Details{Title: "x"},
		Source: cases.SourceInput{Kind: cases.SourceReport, ReportID: 1}})
	if !errors.Is(err, cases.ErrReportsOff) {
		t.Errorf("reports off: %v", err)
	}
	// Before the determination (22 Sep 2024) the same act is KE-04, sanksi moral.
	c = f.open("tim", func(in *cases.OpenInput) { in.Details.ActDate = time.Date(2024, 9, 10, 0, 0, 0, 0, time.UTC) })
	if s, _ := f.svc.Suggest(c); s.Code != "KE-04" || !slices.Equal(s.Sanctions, []string{"SM-TTP", "SM-TBK"}) || s.Phase != "bakal_calon" {
		t.Errorf("suggestion before penetapan: %+v", s)
	}
}

// TestWorkcalDeadlines: the default deadliner uses the shipped calendar
// (Christmas and the cuti bersama of 26 Dec 2024 are not working days) in
// the instansi's zone, and ends a due date at the end of the day.
func TestWorkcalDeadlines(t *testing.T) {
	f := newFixture(t)
	wib := time.FixedZone("WIB", 7*3600)
	f.now = time.Date(2024, 12, 23, 9, 0, 0, 0, wib) // Monday
	c := f.open("tim", func(in *cases.OpenInput) { in.Details.ActDate = time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC) })
	// Received: 7 calendar days → end of Mon 30 Dec.
	if want := time.Date(2024, 12, 30, 23, 59, 59, 999e6, wib); !c.DueAt.Equal(want) {
		t.Fatalf("received due %v, want %v", c.DueAt, want)
	}
	for _, a := range []cases.Action{cases.ActVerify, cases.ActSummon} {
		f.step("tim", c.ID, cases.TransitionInput{Action: a})
	}
	f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActToFinding, Note: "x"})
	f.step("ketua", c.ID, cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "x"})
	c = f.step("tim", c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu, LetterNumber: "800/10/Tim"})
	// Pilkada: 3 working days after Mon 23 Dec: 24, 27, 30 Dec (25 and 26 are off).
	if want := time.Date(2024, 12, 30, 23, 59, 59, 999e6, wib); !c.DueAt.Equal(want) {
		t.Fatalf("referred due %v, want %v", c.DueAt, want)
	}
}
