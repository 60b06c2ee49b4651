package reports

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

var testActor = audit.Actor{UserID: 0, Name: "system:test"}

type fixture struct {
	d           *db.DB
	box         *sealbox.Box
	inst, inst2 tenant.Instansi
	emp         registry.Employee
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{d: dbtest.Open(t)}
	var err error
	if f.box, err = sealbox.New(sealbox.GenerateKey()); err != nil {
		t.Fatal(err)
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error {
		if f.inst, err = tenant.Create(ctx, tx, testActor, "99.01", "Kabupaten Tanjung Harapan", tenant.KindKabupaten); err != nil {
			return err
		}
		f.inst2, err = tenant.Create(ctx, tx, testActor, "32.16", "Kabupaten Bekasi", tenant.KindKabupaten)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := &registry.Store{DB: f.d}
	o, err := reg.SaveOPD(ctx, testActor, registry.OPD{InstansiID: f.inst.ID, Code: "1.01", Name: "Dinas Pendidikan", Kind: "dinas"})
	if err != nil {
		t.Fatal(err)
	}
	if f.emp, err = reg.SaveEmployee(ctx, testActor, registry.Employee{InstansiID: f.inst.ID, NIP: "198503152010011002",
		Name: "Budi Santoso", Jabatan: "Guru", OPDID: o.ID}, time.Time{}, "test"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := audit.Verify(context.Background(), f.d); err != nil {
			t.Errorf("audit chain: %v", err)
		}
	})
	return f
}

func (f *fixture) submission() Submission {
	return Submission{InstansiID: f.inst.ID, Description: "ASN membagikan poster paslon di grup WhatsApp kantor.",
		Act: "interact", OccurredOn: "2024-10-02", Place: "Kantor Dinas", Reported: Person{Name: "Budi Santoso",
			NIP: "198503152010011002", Unit: "Dinas Pendidikan"}, Links: []string{"https://facebook.com/post/1"},
		Identity: IdentityConfidential, Reporter: Identity{Name: "Wulan Pelapor", Phone: "0812-1111-2222",
			Email: "wulan@example.org"}, Channel: ChannelWeb}
}

func problemCodes(err error) map[string]string {
	var ve *ValidationError
	out := map[string]string{}
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			out[p.Field] = p.Code
		}
	}
	return out
}

func TestSubmitValidates(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	cases := []struct {
		name   string
		edit   func(*Submission)
		box    bool
		field  string
		code   string
		status int
	}{
		{"no description", func(s *Submission) { s.Description = "  " }, true, "description", "required", 0},
		{"short description", func(s *Submission) { s.Description = "pendek" }, true, "description", "too_short", 0},
		{"long description", func(s *Submission) { s.Description = strings.Repeat("a", MaxDescription+1) }, true, "description", "too_long", 0},
		{"unknown act", func(s *Submission) { s.Act = "nonsense" }, true, "violation", "unknown", 0},
		{"unknown code", func(s *Submission) { s.Violation = "KE-99" }, true, "violation", "unknown", 0},
		{"bad date", func(s *Submission) { s.OccurredOn = "02/10/2024" }, true, "occurred_at", "date_invalid", 0},
		{"future date", func(s *Submission) { s.OccurredOn = time.Now().AddDate(0, 0, 5).Format("2006-01-02") }, true, "occurred_at", "date_future", 0},
		{"javascript link", func(s *Submission) { s.Links = []string{"javascript:alert(1)"} }, true, "links[0]", "link_invalid", 0},
		{"too many links", func(s *Submission) {
			s.Links = nil
			for i := 0; i <= MaxLinks; i++ {
				s.Links = append(s.Links, "https://x.com/a/"+strconv.Itoa(i))
			}
		}, true, "links", "too_many", 0},
		{"nobody reported", func(s *Submission) { s.Reported, s.Links = Person{}, nil }, true, "reported", "reported_required", 0},
		{"no identity", func(s *Submission) { s.Identity = "" }, true, "identity", "required", 0},
		{"odd identity", func(s *Submission) { s.Identity = "public" }, true, "identity", "unknown", 0},
		{"anonymous with reporter", func(s *Submission) { s.Identity = IdentityAnonymous }, true, "reporter", "reporter_anonymous", 0},
		{"confidential without name", func(s *Submission) { s.Reporter.Name = "" }, true, "reporter.name", "required", 0},
		{"bad phone", func(s *Submission) { s.Reporter.Phone = "call me" }, true, "reporter.phone", "phone_invalid", 0},
		{"bad email", func(s *Submission) { s.Reporter.Email = "wulan at example" }, true, "reporter.email", "email_invalid", 0},
		{"identity without key", func(s *Submission) {}, false, "identity", "identity_unavailable", 0},
		{"bad file", func(s *Submission) { s.Files = []Upload{{Name: "a.jpg", Data: []byte("MZ\x90\x00not an image")}} }, true, "files[0]", ErrCodeFileType, 0},
		{"too much", func(s *Submission) {
			s.Files = []Upload{{Name: "a", Data: make([]byte, MaxFileBytes)}, {Name: "b", Data: make([]byte, MaxFileBytes)},
				{Name: "c", Data: make([]byte, MaxFileBytes)}}
		}, true, "files", "report_too_large", 413},
	}
	for _, c := range cases {
		s := f.submission()
		c.edit(&s)
		box := f.box
		if !c.box {
			box = nil
		}
		_, err := Submit(ctx, f.d, box, s)
		got := problemCodes(err)
		if got[c.field] != c.code {
			t.Errorf("%s: problems %v, want %s: %s", c.name, got, c.field, c.code)
		}
		var ve *ValidationError
		if errors.As(err, &ve) && ve.TooLarge() != (c.status == 413) {
			t.Errorf("%s: TooLarge = %v", c.name, ve.TooLarge())
		}
	}
	var n int
	if err := f.d.QueryRow(ctx, `SELECT COUNT(*) FROM public_report`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("refused submissions stored %d reports (%v)", n, err)
	}
	// Anonymous without a key is fine.
	s := f.submission()
	s.Identity, s.Reporter = IdentityAnonymous, Identity{}
	if _, err := Submit(ctx, f.d, nil, s); err != nil {
		t.Fatalf("anonymous without key: %v", err)
	}
}

func TestSubmitStoresAndProtects(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	s := f.submission()
	s.Reported.NIP = "1985 0315 2010 01 1 002"
	rec, err := Submit(ctx, f.d, f.box, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := NormalizeReceipt(rec.Receipt); !ok || len(rec.Secret) != 19 {
		t.Fatalf("receipt %q secret %q", rec.Receipt, rec.Secret)
	}
	r := rec.Report
	if r.ReportedEmployeeID != f.emp.ID || r.SuggestedCode != "DS-06" && r.SuggestedCode != "KE-04" || r.Status != StatusReceived {
		t.Fatalf("report %+v", r)
	}
	got, err := Get(ctx, f.d, f.inst.ID, r.ID)
	if err != nil || got.Receipt != rec.Receipt || got.Links != 1 || got.Identity != IdentityConfidential || !got.HasContact {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, err := Get(ctx, f.d, f.inst2.ID, r.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another instansi reads the report: %v", err)
	}
	// Nothing of the reporter in clear text, in any column.
	var sealed, hash string
	if err := f.d.QueryRow(ctx, `SELECT identity_sealed, secret_hash FROM public_report WHERE id = ?`, r.ID).Scan(&sealed, &hash); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "Wulan") || !strings.HasPrefix(sealed, "v1.") || strings.Contains(hash, rec.Secret) {
		t.Fatalf("sealed %q", sealed)
	}
	// The secret opens it; a wrong secret and an unknown receipt give the same error.
	a, err := Authenticate(ctx, f.d, strings.ToLower(strings.ReplaceAll(rec.Receipt, "-", " ")), strings.ToLower(rec.Secret))
	if err != nil || a.ID != r.ID {
		t.Fatalf("Authenticate: %v", err)
	}
	wrong := []byte(rec.Secret)
	if wrong[0] == 'A' {
		wrong[0] = 'B'
	} else {
		wrong[0] = 'A'
	}
	for _, c := range [][2]string{{rec.Receipt, string(wrong)}, {"NTR-0000-0001", rec.Secret}, {"", ""}, {"nonsense", "x"},
		{rec.Receipt, ""}} {
		if _, err := Authenticate(ctx, f.d, c[0], c[1]); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("Authenticate(%q, %q) = %v", c[0], c[1], err)
		}
	}
	// Access tokens.
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Now()
	tok := AccessToken(key, a, now)
	if got, err := CheckAccess(ctx, f.d, key, tok, now); err != nil || got.ID != r.ID {
		t.Fatalf("CheckAccess: %v", err)
	}
	for _, bad := range []string{tok + "0", strings.Replace(tok, rec.Receipt, "NTR-0000-0001", 1), "x.y.z", ""} {
		if _, err := CheckAccess(ctx, f.d, key, bad, now); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("CheckAccess(%q) = %v", bad, err)
		}
	}
	if _, err := CheckAccess(ctx, f.d, key, tok, now.Add(AccessTTL+time.Minute)); !errors.Is(err, ErrBadCredentials) {
		t.Error("expired token accepted")
	}
	if _, err := CheckAccess(ctx, f.d, []byte("another key 0123456789abcdef0123"), tok, now); !errors.Is(err, ErrBadCredentials) {
		t.Error("token of another key accepted")
	}

	// Reveal: needs a reason, audited with it.
	if _, err := Reveal(ctx, f.d, f.box, testActor, f.inst.ID, r.ID, "karena"); problemCodes(err)["reason"] != "too_short" {
		t.Fatalf("short reason: %v", err)
	}
	if _, err := Reveal(ctx, f.d, f.box, testActor, f.inst2.ID, r.ID, "permintaan resmi Bawaslu"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("reveal from another instansi: %v", err)
	}
	if _, err := Reveal(ctx, f.d, nil, testActor, f.inst.ID, r.ID, "permintaan resmi Bawaslu"); !errors.Is(err, ErrNoKey) {
		t.Fatalf("reveal without key: %v", err)
	}
	other, _ := sealbox.New(sealbox.GenerateKey())
	if _, err := Reveal(ctx, f.d, other, testActor, f.inst.ID, r.ID, "permintaan resmi Bawaslu"); !errors.Is(err, sealbox.ErrWrongKey) {
		t.Fatalf("reveal with another key: %v", err)
	}
	id, err := Reveal(ctx, f.d, f.box, testActor, f.inst.ID, r.ID, "permintaan resmi Bawaslu no. 12")
	if err != nil || id != s.Reporter {
		t.Fatalf("Reveal = %+v, %v", id, err)
	}
	ents, err := audit.List(ctx, f.d, audit.Filter{InstansiID: f.inst.ID, ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var reveals, submits int
	for _, e := range ents {
		switch e.Action {
		case "report.reveal":
			reveals++
			if !strings.Contains(e.After, "permintaan resmi Bawaslu no. 12") || strings.Contains(e.After, "Wulan") {
				t.Errorf("reveal entry %s", e.After)
			}
		case "report.submit":
			submits++
			if e.Actor != "public:reporter" || e.IP != "" || e.ActorID != 0 || strings.Contains(e.After, "Wulan") {
				t.Errorf("submit entry %+v", e)
			}
		}
	}
	if reveals != 1 || submits != 1 {
		t.Fatalf("audit: %d reveals, %d submits", reveals, submits)
	}
	// An open identity is shown (audited) but a confidential one is not.
	if _, err := OpenIdentity(ctx, f.d, f.box, testActor, r); !errors.Is(err, ErrNothingSealed) {
		t.Fatalf("OpenIdentity of a confidential report: %v", err)
	}
	s2 := f.submission()
	s2.Identity = IdentityOpen
	rec2, err := Submit(ctx, f.d, f.box, s2)
	if err != nil {
		t.Fatal(err)
	}
	if id, err := OpenIdentity(ctx, f.d, f.box, testActor, rec2.Report); err != nil || id.Email != "wulan@example.org" {
		t.Fatalf("OpenIdentity: %+v %v", id, err)
	}
	if c, err := ReporterContact(ctx, f.d, f.box, f.inst.ID, rec2.Report.ID); err != nil || c.Phone == "" {
		t.Fatalf("ReporterContact: %v", err)
	}
}

func TestMessagesEvidenceAndCases(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	s := f.submission()
	s.Identity, s.Reporter = IdentityAnonymous, Identity{}
	s.Files = []Upload{{Name: "a.jpg", Data: testJPEG(t)}}
	rec, err := Submit(ctx, f.d, nil, s)
	if err != nil {
		t.Fatal(err)
	}
	r := rec.Report
	if r.Evidence != 1 {
		t.Fatalf("evidence %d", r.Evidence)
	}
	ev, err := EvidenceList(ctx, f.d, f.inst.ID, r.ID)
	if err != nil || len(ev) != 1 || !ev[0].Stripped || ev[0].AddedBy != "report" {
		t.Fatalf("EvidenceList = %+v, %v", ev, err)
	}
	_, data, err := EvidenceData(ctx, f.d, f.inst.ID, r.ID, ev[0].ID, true)
	if err != nil || strings.Contains(string(data), "SERIAL-XYZ") {
		t.Fatalf("stripped copy: %v", err)
	}
	_, data, err = EvidenceData(ctx, f.d, f.inst.ID, r.ID, ev[0].ID, false)
	if err != nil || !strings.Contains(string(data), "SERIAL-XYZ") {
		t.Fatalf("original: %v", err)
	}
	if _, _, err := EvidenceData(ctx, f.d, f.inst2.ID, r.ID, ev[0].ID, true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("evidence from another instansi: %v", err)
	}
	// Evidence is immutable.
	if _, err := f.d.Exec(ctx, `UPDATE public_report_evidence SET original = ? WHERE id = ?`, []byte("x"), ev[0].ID); err == nil {
		t.Fatal("evidence could be changed")
	}
	if _, err := f.d.Exec(ctx, `DELETE FROM public_report_evidence WHERE id = ?`, ev[0].ID); err == nil {
		t.Fatal("evidence could be deleted")
	}
	// More evidence within the report's budget.
	if err := AddEvidence(ctx, f.d, r, []Upload{{Name: "b.pdf", Data: []byte("%PDF-1.7\n%%EOF")}}); err != nil {
		t.Fatal(err)
	}
	big := []Upload{{Name: "1", Data: make([]byte, MaxFileBytes)}, {Name: "2", Data: make([]byte, MaxFileBytes)},
		{Name: "3", Data: make([]byte, MaxFileBytes)}}
	if err := AddEvidence(ctx, f.d, r, big); problemCodes(err)["files"] != "report_too_large" {
		t.Fatalf("over budget: %v", err)
	}
	// Messages both ways.
	if err := Reply(ctx, f.d, r, "  "); problemCodes(err)["message"] != "required" {
		t.Fatalf("empty reply: %v", err)
	}
	if err := Reply(ctx, f.d, r, "Saya punya foto tambahan."); err != nil {
		t.Fatal(err)
	}
	staff := audit.Actor{Name: "tim", InstansiID: f.inst.ID}
	if err := PostMessage(ctx, f.d, staff, f.inst.ID, r.ID, "Mohon kirim tangkapan layar.", StatusClarification); err != nil {
		t.Fatal(err)
	}
	if err := PostMessage(ctx, f.d, staff, f.inst.ID, r.ID, "", "bogus"); problemCodes(err)["status"] != "unknown" {
		t.Fatalf("bogus status: %v", err)
	}
	if err := PostMessage(ctx, f.d, staff, f.inst2.ID, r.ID, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("message from another instansi: %v", err)
	}
	msgs, err := Messages(ctx, f.d, f.inst.ID, r.ID)
	if err != nil || len(msgs) != 2 || msgs[0].Author != "reporter" || msgs[1].Status != StatusClarification {
		t.Fatalf("messages %+v %v", msgs, err)
	}
	got, _ := Get(ctx, f.d, f.inst.ID, r.ID)
	if got.Status != StatusClarification || got.ReporterAt.IsZero() {
		t.Fatalf("after messages: %+v", got)
	}

	// Case functions.
	un, err := ListUnlinked(ctx, f.d, f.inst.ID)
	if err != nil || len(un) != 1 {
		t.Fatalf("ListUnlinked = %d, %v", len(un), err)
	}
	other, err := Submit(ctx, f.d, nil, s)
	if err != nil {
		t.Fatal(err)
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error {
		if err := AttachCase(ctx, tx, staff, f.inst.ID, r.ID, 77); err != nil {
			return err
		}
		if err := AttachCase(ctx, tx, staff, f.inst.ID, r.ID, 77); err != nil { // again: nothing changes
			return err
		}
		if err := AttachCase(ctx, tx, staff, f.inst.ID, other.Report.ID, 77); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error { return AttachCase(ctx, tx, staff, f.inst.ID, r.ID, 78) })
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("attach to a second case: %v", err)
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error { return AttachCase(ctx, tx, staff, f.inst2.ID, r.ID, 78) })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("attach from another instansi: %v", err)
	}
	if un, _ := ListUnlinked(ctx, f.d, f.inst.ID); len(un) != 0 {
		t.Fatalf("still unlinked: %d", len(un))
	}
	if err := PostMessage(ctx, f.d, staff, f.inst.ID, r.ID, "", StatusClosed); !errors.Is(err, ErrLinked) {
		t.Fatalf("status of a linked report set by hand: %v", err)
	}
	err = f.d.InTx(ctx, func(tx *db.Tx) error {
		return SetStatusForCase(ctx, tx, f.inst.ID, 77, StatusReferred, "Diteruskan ke Bawaslu.")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.d.InTx(ctx, func(tx *db.Tx) error { return SetStatusForCase(ctx, tx, f.inst.ID, 77, "nope", "") }); err == nil {
		t.Fatal("unknown status accepted")
	}
	for _, id := range []int64{r.ID, other.Report.ID} {
		got, _ := Get(ctx, f.d, f.inst.ID, id)
		msgs, _ := Messages(ctx, f.d, f.inst.ID, id)
		last := msgs[len(msgs)-1]
		if got.Status != StatusReferred || got.CaseID != 77 || last.Body != "Diteruskan ke Bawaslu." || last.Author != "team" {
			t.Errorf("report %d after the case: %+v, last message %+v", id, got, last)
		}
	}
	if StatusLabel(StatusReferred, "en") != "Referred" || StatusLabel(StatusReferred, "id") != "Diteruskan" {
		t.Error("status labels")
	}
}

func TestBurstFlag(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	var last Receipt
	for i := range BurstThreshold {
		s := f.submission()
		s.Identity, s.Reporter, s.Links = IdentityAnonymous, Identity{}, nil
		s.Reported = Person{Name: "  budi   SANTOSO "}
		if i == 1 {
			s.Reported = Person{Name: "Budi Santoso"}
		}
		var err error
		if last, err = Submit(ctx, f.d, nil, s); err != nil {
			t.Fatal(err)
		}
		if last.Report.Burst != (i == BurstThreshold-1) {
			t.Fatalf("report %d burst = %v", i, last.Report.Burst)
		}
	}
	list, total, err := List(ctx, f.d, f.inst.ID, ListFilter{Burst: true})
	if err != nil || total != BurstThreshold || len(list) != BurstThreshold {
		t.Fatalf("burst list %d/%d %v", len(list), total, err)
	}
	if n, _ := SamePerson(ctx, f.d, last.Report); n != BurstThreshold {
		t.Fatalf("same person %d", n)
	}
	// Another person is not flagged.
	s := f.submission()
	s.Identity, s.Reporter = IdentityAnonymous, Identity{}
	s.Reported = Person{Name: "Siti"}
	rec, err := Submit(ctx, f.d, nil, s)
	if err != nil || rec.Report.Burst {
		t.Fatalf("other person: %+v %v", rec.Report, err)
	}
}

func TestReceiptCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		r := newReceipt()
		if !strings.HasPrefix(r, "NTR-") || len(r) != 13 || seen[r] {
			t.Fatalf("receipt %q (repeated %v)", r, seen[r])
		}
		seen[r] = true
		if n, ok := NormalizeReceipt(r); !ok || n != r {
			t.Fatalf("normalize %q = %q", r, n)
		}
	}
	for in, want := range map[string]string{"ntr-abcd-efgh": "NTR-ABCD-EFGH", " NTR ABCD EFGH ": "NTR-ABCD-EFGH",
		"abcdefgh": "NTR-ABCD-EFGH", "NTR-0OIL-1234": "NTR-0011-1234"} {
		if got, ok := NormalizeReceipt(in); !ok || got != want {
			t.Errorf("NormalizeReceipt(%q) = %q", in, got)
		}
	}
	for _, bad := range []string{"", "NTR-ABCD", "NTR-ABCD-EFGHI", "NTR-ABCD-EFGU", "<script>"} {
		if _, ok := NormalizeReceipt(bad); ok {
			t.Errorf("NormalizeReceipt(%q) accepted", bad)
		}
	}
	if s := newSecret(); len(s) != 19 || strings.Count(s, "-") != 3 {
		t.Fatalf("secret %q", s)
	}
	if ActForCode("KE-04") != "interact" || ActForCode("DS-07") != "photo" || ActForCode("KE-07") != "other" {
		t.Fatal("ActForCode")
	}
}
