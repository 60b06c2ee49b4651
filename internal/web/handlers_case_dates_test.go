package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/cases"
)

// TestCaseDatesAndReferralNumber: the web forms refuse a summons before the
// act, minutes before the summons' time, a referral without its letter
// number and a recommendation before the referral, each naming the field.
func TestCaseDatesAndReferralNumber(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.caseOpen(t, "Tanggal klarifikasi", f.EmpIn1) // act on 2 Oct 2024
	id := itoa(c.ID)
	f.caseWalkTo(t, c.ID, cases.Clarification)
	tim := f.login("tim")
	st, _, b := tim.send("POST", "/perkara/"+id+"/panggilan", url.Values{"scheduled_at": {"2020-01-01T09:00"}, "letter_number": {"800/1"}}, "")
	if st != http.StatusBadRequest || !strings.Contains(b, "Jadwal klarifikasi tidak boleh sebelum tanggal kejadian perkara") {
		t.Fatalf("summons in 2020: %d %.300s", st, b)
	}
	future := time.Now().AddDate(0, 0, 7).Format("2006-01-02T15:04")
	if st, _, b := tim.send("POST", "/perkara/"+id+"/panggilan", url.Values{"scheduled_at": {future}, "letter_number": {"800/2"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("summons next week: %d %.300s", st, b)
	}
	ss, _ := cases.Summonses(ctx, f.DB, c.ID)
	if len(ss) != 1 {
		t.Fatalf("summonses %+v", ss)
	}
	st, _, b = tim.send("POST", "/perkara/"+id+"/panggilan/"+itoa(ss[0].ID)+"/ba", url.Values{"attended": {"yes"}, "minutes": {"Hadir."}}, "")
	if st != http.StatusBadRequest || !strings.Contains(b, "baru dapat dicatat setelah jadwal klarifikasi") {
		t.Fatalf("minutes before the summons: %d %.300s", st, b)
	}
	if ss, _ := cases.Summonses(ctx, f.DB, c.ID); ss[0].Attended != "" {
		t.Fatalf("minutes stored: %+v", ss[0])
	}
	for _, in := range []cases.TransitionInput{{Action: cases.ActToFinding, Note: "x"}, {Action: cases.ActProven, ViolationCode: "DS-06", Finding: "Terbukti"}} {
		if _, err := f.S.caseSvc().Transition(ctx, f.person(t, "admin"), f.Inst, c.ID, in); err != nil {
			t.Fatalf("%s: %v", in.Action, err)
		}
	}
	// The referral needs its letter number.
	st, _, b = tim.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"refer"}, "target": {"bawaslu"}, "letter_number": {" "}}, "")
	if st != http.StatusBadRequest || !strings.Contains(b, "Nomor surat penerusan wajib diisi") {
		t.Fatalf("referral without a number: %d %.300s", st, b)
	}
	en := f.login("tim")
	en.get("/bahasa/en")
	if st, _, b := en.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"refer"}, "target": {"bawaslu"}}, ""); st != http.StatusBadRequest ||
		!strings.Contains(b, "The number of the referral letter is required") {
		t.Fatalf("referral without a number (en): %d %.300s", st, b)
	}
	if st, _, b := tim.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"refer"}, "target": {"bawaslu"}, "letter_number": {"800/3"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("referral: %d %.300s", st, b)
	}
	// Bawaslu's recommendation cannot predate the referral.
	bw := f.login("bawaslu")
	st, _, b = bw.send("POST", "/rujukan/"+id+"/rekomendasi", url.Values{"rec_outcome": {"violation"}, "rec_date": {"2023-01-05"}}, "")
	if st != http.StatusBadRequest || !strings.Contains(b, "Tanggal rekomendasi tidak boleh sebelum tanggal penerusan") {
		t.Fatalf("recommendation before the referral: %d %.300s", st, b)
	}
	today := time.Now().Format(time.DateOnly)
	if st, _, b := bw.send("POST", "/rujukan/"+id+"/rekomendasi", url.Values{"rec_outcome": {"violation"}, "rec_date": {today}}, ""); st != http.StatusSeeOther {
		t.Fatalf("recommendation: %d %.300s", st, b)
	}
}
