package demoseed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
)

// The demo's public reports and cases (seedCases): a few reports filed
// through the public form's code path (reports.Submit: confidential ones
// sealed with the report key), and cases taken through the lifecycle by
// the demo users with the case service (cases.Service), so that steps, due
// dates, the timeline and the audit trail are the real ones. The closed
// case lies in the demo's Pilkada (October–November 2024); the open ones
// were opened in the days before the seed, so their due dates (computed
// by the working-day calendar) fall around today: one of them is overdue.

// wib is the demo region's time zone.
var wib = time.FixedZone("WIB", 7*3600)

// demoReports links the demo cases to the public reports (the web layer's
// linker does the same, with its own error mapping).
type demoReports struct{}

// AttachCase implements cases.ReportLinker.
func (demoReports) AttachCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, reportID, caseID int64) error {
	return reports.AttachCase(ctx, tx, actor, instansiID, reportID, caseID)
}

// SetStatusForCase implements cases.ReportLinker.
func (demoReports) SetStatusForCase(ctx context.Context, tx *db.Tx, instansiID, caseID int64, publicStatus, message string) error {
	return reports.SetStatusForCase(ctx, tx, instansiID, caseID, publicStatus, message)
}

// MoveCase implements cases.ReportLinker.
func (demoReports) MoveCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, from, to int64) error {
	return reports.MoveCase(ctx, tx, actor, instansiID, from, to)
}

// accusedEmp is a demo employee a case is about.
type accusedEmp struct {
	ID      int64
	NIP     string
	Name    string
	Jabatan string
	Unit    string
}

// caseSeeder holds what seeding the cases needs.
type caseSeeder struct {
	d       *db.DB
	inst    int64
	box     *sealbox.Box
	svc     *cases.Service
	at      time.Time // the service's clock
	now     time.Time // the real time of the seed
	users   map[string]cases.Person
	used    map[int64]bool  // employees already accused
	usedOPD map[string]bool // units (by name) an accused works in
	elect   cases.ElectionRef
	res     *Result
}

// seedCases files the demo's public reports and opens its cases. It
// does nothing when the instansi has reports or cases already.
func seedCases(ctx context.Context, d *db.DB, instID int64, box *sealbox.Box, res *Result) error {
	var n int
	if err := d.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM public_report WHERE instansi_id = ?) +
		(SELECT COUNT(*) FROM case_file WHERE instansi_id = ?)`, instID, instID).Scan(&n); err != nil {
		return fmt.Errorf("demo cases: %w", err)
	}
	if n > 0 {
		return nil
	}
	s := &caseSeeder{d: d, inst: instID, box: box, now: time.Now(), users: map[string]cases.Person{},
		used: map[int64]bool{}, usedOPD: map[string]bool{}, res: res}
	s.at = s.now
	s.svc = &cases.Service{DB: d, Reports: demoReports{}, Now: func() time.Time { return s.at },
		// The demo sends no e-mail about its cases: their events are marked handled at once.
		OnEvent: func(ctx context.Context, tx *db.Tx, ev cases.OutboxEvent) error {
			return cases.MarkProcessed(ctx, tx, s.now, ev.ID)
		}}
	if err := s.loadUsers(ctx); err != nil {
		return err
	}
	if err := s.loadElection(ctx); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{s.closedCase, s.ppkOverdueCase, s.referredCase,
		s.clarificationCase, s.reviewCase, s.reportCase} {
		if err := step(ctx); err != nil {
			return fmt.Errorf("demo cases: %w", err)
		}
	}
	return nil
}

// loadUsers reads the demo users who act on the cases, as case persons.
func (s *caseSeeder) loadUsers(ctx context.Context) error {
	rows, err := s.d.Query(ctx, `SELECT id, username FROM app_user WHERE instansi_id = ?`, s.inst)
	if err != nil {
		return fmt.Errorf("demo users: %w", err)
	}
	ids := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		ids[name] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range []string{"admin", "ketua.tim", "anggota.tim1", "anggota.tim2", "sekda", "bawaslu"} {
		p, ok, err := cases.PersonOfUser(ctx, s.d, s.inst, ids[name])
		if err != nil {
			return fmt.Errorf("demo user %s: %w", name, err)
		}
		if !ok || p.UserID == 0 {
			return fmt.Errorf("demo user %s is missing or disabled", name)
		}
		p.Actor = audit.Actor{UserID: p.UserID, Name: name, InstansiID: s.inst}
		s.users[name] = p
	}
	return nil
}

// loadElection takes the demo's Pilkada from the instansi's active
// election definitions (as the case form does).
func (s *caseSeeder) loadElection(ctx context.Context) error {
	v, err := monitor.EnsureElections(ctx, s.d, s.inst)
	if err != nil {
		return fmt.Errorf("demo elections: %w", err)
	}
	es, err := v.Elections()
	if err != nil {
		return fmt.Errorf("demo elections: %w", err)
	}
	for _, e := range es {
		if e.Type != election.TypePilkada {
			continue
		}
		s.elect = cases.ElectionRef{ID: e.ID, Name: e.Name, Type: e.Type}
		if e.DeterminedOn.Valid() {
			s.elect.DeterminedOn = e.DeterminedOn.Time(time.UTC)
		}
		return nil
	}
	return errors.New("demo elections: no Pilkada defined")
}

// accused picks a demo employee of a unit whose name starts with unit:
// one holding the position prefer when there is one, else a member of staff
// (not the head of a unit, a sub-unit or its secretariat), with no conflict of interest
// with any demo handler, not accused yet and, when possible, of a unit not
// used yet.
func (s *caseSeeder) accused(ctx context.Context, unit, prefer string) (accusedEmp, error) {
	rows, err := s.d.Query(ctx, `SELECT e.id, e.nip, e.name, e.jabatan, o.name FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE e.instansi_id = ? AND o.name LIKE ? AND e.id NOT IN (SELECT employee_id FROM app_user WHERE employee_id IS NOT NULL)
		ORDER BY e.id`, s.inst, unit+"%")
	if err != nil {
		return accusedEmp{}, fmt.Errorf("demo accused: %w", err)
	}
	var all []accusedEmp
	for rows.Next() {
		var e accusedEmp
		if err := rows.Scan(&e.ID, &e.NIP, &e.Name, &e.Jabatan, &e.Unit); err != nil {
			rows.Close()
			return e, err
		}
		all = append(all, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return accusedEmp{}, err
	}
	for _, pass := range []func(e accusedEmp) bool{
		func(e accusedEmp) bool { return prefer != "" && e.Jabatan == prefer && !s.usedOPD[e.Unit] },
		func(e accusedEmp) bool { return !isHead(e.Jabatan) && !s.usedOPD[e.Unit] },
		func(e accusedEmp) bool { return !isHead(e.Jabatan) },
	} {
		for _, e := range all {
			if s.used[e.ID] || !pass(e) {
				continue
			}
			if ok, err := s.free(ctx, e.ID); err != nil {
				return e, err
			} else if ok {
				s.used[e.ID], s.usedOPD[e.Unit] = true, true
				return e, nil
			}
		}
	}
	return accusedEmp{}, fmt.Errorf("no demo employee of %q can be accused without a conflict of interest", unit)
}

// isHead reports whether a position heads a unit or its secretariat (the
// demo's kepala OPD users are among them): the demo accuses staff.
func isHead(jabatan string) bool {
	if strings.HasPrefix(jabatan, "Kepala Seksi") {
		return false
	}
	for _, p := range []string{"Kepala ", "Camat", "Lurah", "Sekretaris", "Direktur", "Inspektur", "Asisten"} {
		if strings.HasPrefix(jabatan, p) {
			return true
		}
	}
	return false
}

// free reports whether no demo handler has a conflict of interest with a
// case about employee id.
func (s *caseSeeder) free(ctx context.Context, id int64) (bool, error) {
	c := cases.Case{InstansiID: s.inst, Accused: cases.Accused{EmployeeID: id}}
	for _, p := range s.users {
		if bad, err := cases.Conflicted(ctx, s.d, p, c); err != nil || bad {
			return false, err
		}
	}
	return true, nil
}

// day returns a time of the demo's election year in WIB.
func day(m time.Month, d, hour, minute int) time.Time {
	return time.Date(2024, m, d, hour, minute, 0, 0, wib)
}

// ago returns the time n working days (Monday to Friday) before the seed,
// at hour:minute WIB, never later than the seed itself.
func (s *caseSeeder) ago(n, hour, minute int) time.Time {
	t := s.now.In(wib)
	for n > 0 {
		t = t.AddDate(0, 0, -1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), hour, minute, 0, 0, wib)
	if t.After(s.now) {
		t = s.now.Add(-time.Minute)
	}
	return t
}

// letter returns a letter number of the seed's year.
func (s *caseSeeder) letter(prefix string) string {
	return fmt.Sprintf("%s/%d", prefix, s.now.In(wib).Year())
}

// open opens a case at the seeder's clock.
func (s *caseSeeder) open(ctx context.Context, by string, in cases.OpenInput) (cases.Case, error) {
	in.InstansiID = s.inst
	c, err := s.svc.Open(ctx, s.users[by], in)
	if err != nil {
		return c, fmt.Errorf("open %q: %w", in.Details.Title, err)
	}
	s.res.Cases++
	return c, nil
}

// step takes a step of a case at t.
func (s *caseSeeder) step(ctx context.Context, c cases.Case, t time.Time, by string, in cases.TransitionInput) error {
	s.at = t
	if _, err := s.svc.Transition(ctx, s.users[by], s.inst, c.ID, in); err != nil {
		return fmt.Errorf("case %s %s: %w", c.Number, in.Action, err)
	}
	return nil
}

// summons schedules a summons at t for when and, when minutes is not
// empty, records them at when.
func (s *caseSeeder) summons(ctx context.Context, c cases.Case, t, when time.Time, by, letter, minutes string) error {
	s.at = t
	p := s.users[by]
	if err := s.svc.AddSummons(ctx, p, s.inst, c.ID, cases.SummonsInput{LetterNumber: letter, ScheduledAt: when,
		Place: "Ruang Rapat BKPSDM Kabupaten Tanjung Harapan", Note: "Membawa KTP, SK jabatan terakhir dan bukti pendukung."}); err != nil {
		return fmt.Errorf("case %s summons: %w", c.Number, err)
	}
	if minutes == "" {
		return nil
	}
	ss, err := cases.Summonses(ctx, s.d, c.ID)
	if err != nil || len(ss) == 0 {
		return orErr(err, fmt.Errorf("case %s: summons not stored", c.Number))
	}
	s.at = when.Add(2 * time.Hour)
	if err := s.svc.RecordMinutes(ctx, p, s.inst, c.ID, ss[len(ss)-1].ID, "yes", minutes); err != nil {
		return fmt.Errorf("case %s minutes: %w", c.Number, err)
	}
	return nil
}

// note adds a note to a case at t.
func (s *caseSeeder) note(ctx context.Context, c cases.Case, t time.Time, by, audience, body string) error {
	s.at = t
	if err := s.svc.AddNote(ctx, s.users[by], s.inst, c.ID, cases.NoteInput{Audience: audience, Body: body}); err != nil {
		return fmt.Errorf("case %s note: %w", c.Number, err)
	}
	return nil
}

// orErr returns err, or otherwise when err is nil.
func orErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// accusedIn identifies a demo employee as the accused (the case service
// takes the position and unit held on the act date from the registry).
func (s *caseSeeder) accusedIn(e accusedEmp) cases.AccusedInput {
	return cases.AccusedInput{EmployeeID: e.ID}
}

// closedCase: a Kelurahan official at a candidate's rally in October 2024,
// referred to Bawaslu, decided by the PPK (hukuman disiplin sedang) and
// closed in November 2024.
func (s *caseSeeder) closedCase(ctx context.Context) error {
	e, err := s.accused(ctx, "Kelurahan", "")
	if err != nil {
		return err
	}
	s.at = day(10, 7, 9, 15)
	c, err := s.open(ctx, "ketua.tim", cases.OpenInput{
		Details: cases.Details{Title: "Kehadiran dalam kampanye terbuka paslon 02 di Lapangan Merdeka",
			Summary: e.Name + " (" + e.Jabatan + ", " + e.Unit + ") hadir mengenakan atribut paslon 02 dan ikut naik " +
				"ke panggung pada kampanye terbuka tanggal 5 Oktober 2024; foto beredar di grup WhatsApp warga.",
			Accused: s.accusedIn(e), ActDate: day(10, 5, 0, 0), ActKind: "attend", Place: "Lapangan Merdeka, Tanjung Harapan",
			Election: s.elect},
		Source: cases.SourceInput{Kind: cases.SourceFinding,
			Description: "Temuan Tim Pengawas saat pemantauan lapangan kampanye terbuka, dengan dokumentasi foto.",
			Links:       []string{"https://contoh.tanjungharapan.example/dokumentasi/kampanye-2024-10-05"}},
		AssigneeID: s.users["anggota.tim1"].UserID})
	if err != nil {
		return err
	}
	steps := []struct {
		at time.Time
		by string
		in cases.TransitionInput
	}{
		{day(10, 8, 10, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActVerify,
			Note: "Identitas dan jabatan dicocokkan dengan data kepegawaian; foto dari dua sumber berbeda."}},
		{day(10, 9, 8, 30), "anggota.tim1", cases.TransitionInput{Action: cases.ActSummon}},
	}
	for _, st := range steps {
		if err := s.step(ctx, c, st.at, st.by, st.in); err != nil {
			return err
		}
	}
	if err := s.summons(ctx, c, day(10, 9, 9, 0), day(10, 16, 9, 0), "anggota.tim1", "800/112/BKPSDM/X/2024",
		"ASN hadir dan mengakui menghadiri kampanye terbuka atas ajakan kerabat; menyatakan tidak mengetahui larangan naik panggung."); err != nil {
		return err
	}
	for _, st := range []struct {
		at time.Time
		by string
		in cases.TransitionInput
	}{
		{day(10, 17, 10, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActToFinding}},
		{day(10, 21, 14, 0), "ketua.tim", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-04",
			Finding: "Terbukti menghadiri kampanye terbuka dan menggunakan atribut paslon setelah penetapan calon."}},
		{day(10, 22, 9, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu,
			LetterNumber: "800/121/BKPSDM/X/2024", PackageNote: "BA klarifikasi, dokumentasi foto, salinan SK jabatan."}},
		{day(10, 24, 15, 0), "bawaslu", cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation,
			RecNumber: "045/PM.00.02/K.TH/10/2024", RecDate: day(10, 24, 0, 0), RecSanction: "HD-S6",
			RecText: "Terdapat pelanggaran netralitas ASN; direkomendasikan penjatuhan hukuman disiplin sesuai PP 94/2021."}},
		{day(11, 1, 10, 0), "sekda", cases.TransitionInput{Action: cases.ActDecide, Sanction: "HD-S6",
			Basis:        "PP 94/2021 Pasal 5 huruf n dan Pasal 8 ayat (3); SKB 2022 (DS-04); rekomendasi Bawaslu Kabupaten Tanjung Harapan",
			DecreeNumber: "800.1.6.4/77/BKPSDM/2024", DecreeDate: day(11, 1, 0, 0)}},
		{day(11, 8, 11, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActClose,
			Note: "Keputusan hukuman disiplin diserahkan langsung kepada ASN yang bersangkutan; tanda terima diarsipkan."}},
	} {
		if err := s.step(ctx, c, st.at, st.by, st.in); err != nil {
			return err
		}
	}
	return nil
}

// ppkOverdueCase: a Dinas Sosial employee handing out aid packages with a
// candidate's sticker; Bawaslu recommended a sanction two weeks ago and
// the PPK has not decided yet: overdue.
func (s *caseSeeder) ppkOverdueCase(ctx context.Context) error {
	e, err := s.accused(ctx, "Dinas Sosial", "")
	if err != nil {
		return err
	}
	s.at = s.ago(30, 9, 0)
	c, err := s.open(ctx, "ketua.tim", cases.OpenInput{
		Details: cases.Details{Title: "Pembagian paket bantuan sosial berstiker paslon 01",
			Summary: e.Name + " (" + e.Jabatan + ", " + e.Unit + ") membagikan paket sembako bantuan sosial yang ditempeli " +
				"stiker paslon 01 kepada warga Kelurahan Sukamaju.",
			Accused: s.accusedIn(e), ActDate: day(11, 2, 0, 0), ActKind: "decision", Place: "Balai warga Kelurahan Sukamaju",
			Election: s.elect},
		Source: cases.SourceInput{Kind: cases.SourceFinding,
			Description: "Video warga yang diteruskan Panwascam, diverifikasi tim di lokasi.",
			Links:       []string{"https://contoh.tanjungharapan.example/video/bansos-stiker"}},
		AssigneeID: s.users["anggota.tim2"].UserID})
	if err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(29, 10, 0), "anggota.tim2", cases.TransitionInput{Action: cases.ActVerify}); err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(28, 9, 0), "anggota.tim2", cases.TransitionInput{Action: cases.ActSummon}); err != nil {
		return err
	}
	if err := s.summons(ctx, c, s.ago(28, 9, 30), s.ago(22, 9, 0), "anggota.tim2", s.letter("800/140/BKPSDM"),
		"ASN hadir; menyatakan stiker ditempel oleh relawan, namun mengakui membagikan paket bersama tim relawan paslon."); err != nil {
		return err
	}
	for _, st := range []struct {
		at time.Time
		by string
		in cases.TransitionInput
	}{
		{s.ago(21, 10, 0), "anggota.tim2", cases.TransitionInput{Action: cases.ActToFinding}},
		{s.ago(19, 14, 0), "ketua.tim", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-12",
			Finding: "Terbukti menggunakan fasilitas dan program pemerintah untuk menguntungkan paslon 01."}},
		{s.ago(17, 9, 0), "anggota.tim2", cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu,
			LetterNumber: s.letter("800/151/BKPSDM"), PackageNote: "BA klarifikasi, video, daftar penerima bantuan."}},
		{s.ago(12, 15, 0), "bawaslu", cases.TransitionInput{Action: cases.ActRecommend, RecOutcome: cases.RecViolation,
			RecNumber: s.letter("052/PM.00.02/K.TH"), RecDate: s.ago(12, 0, 0), RecSanction: "HD-S12",
			RecText: "Terbukti melanggar netralitas ASN; direkomendasikan hukuman disiplin tingkat sedang."}},
	} {
		if err := s.step(ctx, c, st.at, st.by, st.in); err != nil {
			return err
		}
	}
	return s.note(ctx, c, s.ago(3, 10, 0), "ketua.tim", cases.NoteInternal,
		"Sudah diingatkan ke Sekretariat Daerah: rekomendasi Bawaslu menunggu keputusan PPK.")
}

// referredCase: a PUPR employee campaigning on Facebook, referred to
// Bawaslu yesterday and awaiting its recommendation.
func (s *caseSeeder) referredCase(ctx context.Context) error {
	e, err := s.accused(ctx, "Dinas Pekerjaan Umum", "")
	if err != nil {
		return err
	}
	src := cases.SourceInput{Kind: cases.SourceFinding,
		Description: "Tangkapan layar unggahan Facebook yang diserahkan Panwascam.",
		Links:       []string{"https://www.facebook.com/contoh.demo/posts/2024110912"}}
	s.at = s.ago(12, 9, 30)
	c, err := s.open(ctx, "ketua.tim", cases.OpenInput{
		Details: cases.Details{Title: "Ajakan memilih paslon 02 di Facebook dengan foto proyek jalan",
			Summary: e.Name + " (" + e.Jabatan + ", " + e.Unit + ") mengunggah ajakan memilih paslon 02 disertai foto " +
				"proyek peningkatan jalan kabupaten.",
			Accused: s.accusedIn(e), ActDate: day(11, 9, 0, 0), ActKind: "campaign", Place: "Facebook", Election: s.elect},
		Source: src, AssigneeID: s.users["anggota.tim1"].UserID})
	if err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(11, 10, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActVerify}); err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(10, 9, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActSummon}); err != nil {
		return err
	}
	if err := s.summons(ctx, c, s.ago(10, 9, 30), s.ago(6, 9, 0), "anggota.tim1", s.letter("800/163/BKPSDM"),
		"ASN hadir dan mengakui unggahan tersebut; akun dikelola sendiri."); err != nil {
		return err
	}
	for _, st := range []struct {
		at time.Time
		by string
		in cases.TransitionInput
	}{
		{s.ago(5, 10, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActToFinding}},
		{s.ago(3, 14, 0), "ketua.tim", cases.TransitionInput{Action: cases.ActProven, ViolationCode: "DS-02",
			Finding: "Terbukti berkampanye melalui media sosial setelah penetapan calon."}},
		{s.ago(1, 9, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu,
			LetterNumber: s.letter("800/170/BKPSDM"), PackageNote: "BA klarifikasi, tangkapan layar, data kepegawaian."}},
	} {
		if err := s.step(ctx, c, st.at, st.by, st.in); err != nil {
			return err
		}
	}
	// A confidential report of the same post arrived today (when the key
	// allows one): the team adds it to the case, and its reporter sees
	// the case's public status.
	if s.box == nil {
		return nil
	}
	id, err := s.report(ctx, reports.Submission{Identity: reports.IdentityConfidential,
		Reporter:    reports.Identity{Name: "Siti Rahmawati", Phone: "0812 3456 7890", Email: "siti.rahmawati@contoh.example"},
		Description: "Saya melihat unggahan di Facebook milik pegawai Dinas PUPR yang mengajak warga memilih paslon 02 dengan foto proyek jalan kabupaten. Unggahan itu kemudian dihapus, saya punya tangkapan layarnya.",
		Act:         "campaign", OccurredOn: "2024-11-09", Place: "Facebook",
		Reported: reports.Person{Name: e.Name, Unit: e.Unit},
		Links:    []string{"https://www.facebook.com/contoh.demo/posts/2024110912"}})
	if err != nil {
		return err
	}
	s.at = time.Now()
	if err := s.svc.AddSource(ctx, s.users["anggota.tim1"], s.inst, c.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: id}); err != nil {
		return fmt.Errorf("case %s source: %w", c.Number, err)
	}
	return nil
}

// clarificationCase: a teacher's photo with a candidate's hand sign; the
// summons is scheduled in a few days.
func (s *caseSeeder) clarificationCase(ctx context.Context) error {
	e, err := s.accused(ctx, "UPTD SD", "")
	if err != nil {
		return err
	}
	s.at = s.ago(7, 10, 0)
	c, err := s.open(ctx, "anggota.tim1", cases.OpenInput{
		Details: cases.Details{Title: "Foto bersama calon bupati dengan pose dua jari",
			Summary: e.Name + " (" + e.Jabatan + ", " + e.Unit + ") berfoto bersama calon bupati nomor urut 02 dengan " +
				"pose salam dua jari; foto diunggah ke Instagram.",
			Accused: s.accusedIn(e), ActDate: day(11, 16, 0, 0), ActKind: "photo", Place: "Instagram", Election: s.elect},
		Source: cases.SourceInput{Kind: cases.SourceFinding,
			Description: "Temuan patroli siber Tim Pengawas.",
			Links:       []string{"https://www.instagram.com/p/contohDemo02/"}},
		AssigneeID: s.users["anggota.tim1"].UserID})
	if err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(6, 9, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActVerify}); err != nil {
		return err
	}
	if err := s.step(ctx, c, s.ago(5, 9, 0), "anggota.tim1", cases.TransitionInput{Action: cases.ActSummon}); err != nil {
		return err
	}
	when := s.now.In(wib).AddDate(0, 0, 3)
	for when.Weekday() == time.Saturday || when.Weekday() == time.Sunday {
		when = when.AddDate(0, 0, 1)
	}
	when = time.Date(when.Year(), when.Month(), when.Day(), 9, 0, 0, 0, wib)
	return s.summons(ctx, c, s.ago(5, 10, 0), when, "anggota.tim1", s.letter("800/175/BKPSDM"), "")
}

// reviewCase: an indication of the demo activity stream, confirmed by the
// ketua tim and opened as a case.
func (s *caseSeeder) reviewCase(ctx context.Context) error {
	page, err := monitor.ReviewList(ctx, s.d, monitor.ReviewFilter{InstansiID: s.inst, Status: monitor.ReviewNew,
		Sort: monitor.SortScore, Limit: 200})
	if err != nil {
		return fmt.Errorf("review items: %w", err)
	}
	var item monitor.ReviewItem
	for _, it := range page.Items {
		a := it.Activity.Attribution
		if a == nil || a.EmployeeID == 0 || s.used[a.EmployeeID] {
			continue
		}
		if ok, err := s.free(ctx, a.EmployeeID); err != nil {
			return err
		} else if ok {
			item = it
			break
		}
	}
	if item.ID == 0 {
		return errors.New("no attributed review item can become a case without a conflict of interest")
	}
	emp := item.Activity.Attribution.EmployeeID
	s.used[emp] = true
	kt := s.users["ketua.tim"]
	if err := monitor.Decide(ctx, s.d, kt.Actor, s.inst, item.ID, monitor.Decision{Action: monitor.ActionConfirm,
		Note: "Akun terverifikasi milik pegawai; konten mendukung pasangan calon."}); err != nil {
		return fmt.Errorf("confirm review item %d: %w", item.ID, err)
	}
	act := item.Activity.OccurredAt
	if act.IsZero() || act.After(s.now) {
		act = time.Time{}
	}
	var name string
	if err := s.d.QueryRow(ctx, `SELECT name FROM employee WHERE id = ?`, emp).Scan(&name); err != nil {
		return fmt.Errorf("review item employee: %w", err)
	}
	s.at = time.Now()
	var links []string
	if u := item.Activity.URL; strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		links = []string{u}
	}
	c, err := s.open(ctx, "ketua.tim", cases.OpenInput{
		Details: cases.Details{Title: "Unggahan media sosial mendukung paslon (Deteksi Dini)",
			Summary: "Unggahan akun terverifikasi milik " + name + " ditandai Deteksi Dini dan dikonfirmasi Tim Pengawas.",
			Accused: cases.AccusedInput{EmployeeID: emp}, ActDate: act, ActKind: "interact", Election: s.elect},
		Source:     cases.SourceInput{Kind: cases.SourceReview, ReviewItemID: item.ID, Links: links},
		AssigneeID: s.users["anggota.tim2"].UserID})
	if err != nil {
		return err
	}
	return s.step(ctx, c, time.Now(), "anggota.tim2", cases.TransitionInput{Action: cases.ActVerify,
		Note: "Memeriksa kepemilikan akun dan jabatan pada tanggal unggahan."})
}

// reportCase: public reports of a camat's staff member inviting residents
// to a candidate's meeting: one case just opened from two of them, and a
// report nobody has taken up yet.
func (s *caseSeeder) reportCase(ctx context.Context) error {
	e, err := s.accused(ctx, "Kecamatan", "Kepala Seksi Pemerintahan")
	if err != nil {
		return err
	}
	first := reports.Submission{Identity: reports.IdentityAnonymous,
		Description: "Pegawai kantor kecamatan mengumpulkan ketua RT dan mengajak mereka menghadiri pertemuan relawan paslon 01 di rumah makan dekat kantor camat, dengan janji uang transport.",
		Act:         "mobilise", OccurredOn: "2024-11-20", Place: "Rumah Makan Sederhana, dekat kantor " + e.Unit,
		Reported: reports.Person{Name: e.Name, Unit: e.Unit}}
	if s.box != nil {
		first.Identity = reports.IdentityConfidential
		first.Reporter = reports.Identity{Name: "Bambang Sutrisno", Phone: "0813-2222-4545"}
	}
	r1, err := s.report(ctx, first)
	if err != nil {
		return err
	}
	r2, err := s.report(ctx, reports.Submission{Identity: reports.IdentityAnonymous,
		Description: "Ada undangan lewat grup WhatsApp RT dari pegawai kecamatan untuk pertemuan pemenangan paslon 01, disebut ada uang transport.",
		Act:         "mobilise", OccurredOn: "2024-11-20", Reported: reports.Person{Name: e.Name, NIP: e.NIP, Unit: e.Unit}})
	if err != nil {
		return err
	}
	s.at = time.Now()
	c, err := s.open(ctx, "ketua.tim", cases.OpenInput{
		Details: cases.Details{Title: "Pengerahan ketua RT ke pertemuan relawan paslon 01",
			Summary: e.Name + " (" + e.Jabatan + ", " + e.Unit + ") diduga mengajak ketua RT menghadiri pertemuan relawan " +
				"paslon 01 dengan janji uang transport (laporan masyarakat).",
			Accused: s.accusedIn(e), ActDate: day(11, 20, 0, 0), ActKind: "mobilise", Election: s.elect},
		Source: cases.SourceInput{Kind: cases.SourceReport, ReportID: r1}, AssigneeID: s.users["anggota.tim1"].UserID})
	if err != nil {
		return err
	}
	if err := s.svc.AddSource(ctx, s.users["ketua.tim"], s.inst, c.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: r2}); err != nil {
		return fmt.Errorf("case %s source: %w", c.Number, err)
	}
	// A report nobody has taken up yet.
	_, err = s.report(ctx, reports.Submission{Identity: reports.IdentityAnonymous,
		Description: "Seorang pegawai puskesmas membagikan kalender bergambar paslon 02 kepada pasien di ruang tunggu.",
		Act:         "props", OccurredOn: "2024-11-22", Place: "Ruang tunggu puskesmas",
		Reported: reports.Person{Unit: "UPTD Puskesmas"}})
	return err
}

// report files a public report of the demo instansi.
func (s *caseSeeder) report(ctx context.Context, sub reports.Submission) (int64, error) {
	sub.InstansiID, sub.Channel, sub.Lang = s.inst, reports.ChannelWeb, "id"
	rec, err := reports.Submit(ctx, s.d, s.box, sub)
	if err != nil {
		return 0, fmt.Errorf("demo report: %w", err)
	}
	s.res.Reports++
	return rec.Report.ID, nil
}
