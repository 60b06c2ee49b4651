package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/violation"
	"github.com/netral-asn/netral/internal/workcal"
)

// Documents of a case (package docs under the instansi's letterhead), made
// on request from what the case has recorded:
//
//	GET /perkara/{id}/dokumen/undangan.pdf      invitation to clarification (a summons; ?panggilan= picks one, else the latest)
//	GET /perkara/{id}/dokumen/berita-acara.pdf  BA klarifikasi (a summons with minutes; ?panggilan= as above)
//	GET /perkara/{id}/dokumen/penerusan.pdf     referral letter to Bawaslu or BKN (the case was referred)
//	GET /perkara/{id}/dokumen/ringkasan.pdf     case summary (always)
//	GET /perkara/{id}/paket.zip                 referral package: the letter, the evidence, a SHA-256 manifest
//	GET /rujukan/{id}/dokumen/{doc}             the Bawaslu liaison: referral letter and summary of a case referred to Bawaslu
//
// Access is the case page's (cases.Service.View: instansi, role, conflict of
// interest). A document whose step has not happened yet answers 409 with
// the reason. Every download is audited (case.document).

// Document names in the path, and the docs kind each makes.
const (
	caseDocInvitation = "undangan.pdf"
	caseDocMinutes    = "berita-acara.pdf"
	caseDocReferral   = "penerusan.pdf"
	caseDocSummary    = "ringkasan.pdf"
)

var caseDocKinds = map[string]string{
	caseDocInvitation: docs.KindInvitation,
	caseDocMinutes:    docs.KindMinutes,
	caseDocReferral:   docs.KindReferral,
	caseDocSummary:    docs.KindSummary,
}

// docConflict is the 409 of a document whose step has not happened yet.
func docConflict(key string) error {
	return &httpError{http.StatusConflict, "conflict", key, ""}
}

// caseDocument serves a document of a case to the team (cases.view).
func (s *Server) caseDocument(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	return s.serveCaseDoc(w, r, c, cs, r.PathValue("doc"), false)
}

// caseReferredDocument serves the Bawaslu liaison the referral letter or
// the summary of a case referred to Bawaslu; nothing else.
func (s *Server) caseReferredDocument(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	doc := r.PathValue("doc")
	if !cs.ReferredToBawaslu() || (doc != caseDocReferral && doc != caseDocSummary) {
		return errNotFound
	}
	return s.serveCaseDoc(w, r, c, cs, doc, true)
}

// serveCaseDoc makes document doc of case cs, audits the download and
// sends it. limited is the Bawaslu liaison's view (no internal notes).
func (s *Server) serveCaseDoc(w http.ResponseWriter, r *http.Request, c *reqCtx, cs cases.Case, doc string, limited bool) error {
	kind, ok := caseDocKinds[doc]
	if !ok {
		return errNotFound
	}
	ctx := r.Context()
	lh, err := docs.LoadLetterhead(ctx, s.DB, c.Instansi)
	if err != nil {
		return err
	}
	var summonsID int64
	if v := r.URL.Query().Get("panggilan"); v != "" {
		if summonsID, err = strconv.ParseInt(v, 10, 64); err != nil || summonsID <= 0 {
			return badRequest("panggilan")
		}
	}
	var buf bytes.Buffer
	detail := map[string]any{"document": kind}
	switch kind {
	case docs.KindInvitation, docs.KindMinutes:
		sm, err := s.caseDocSummons(ctx, cs, kind, summonsID)
		if err != nil {
			return err
		}
		detail["summons"] = sm.ID
		if kind == docs.KindInvitation {
			err = s.caseInvitationPDF(ctx, &buf, lh, cs, sm)
		} else {
			err = s.caseMinutesPDF(ctx, &buf, lh, cs, sm)
		}
		if err != nil {
			return caseDocError(err)
		}
	case docs.KindReferral:
		if err := s.caseReferralPDF(ctx, &buf, lh, c.Instansi.Name, cs); err != nil {
			return caseDocError(err)
		}
	case docs.KindSummary:
		if err := s.caseSummaryPDF(ctx, &buf, lh, cs, limited); err != nil {
			return caseDocError(err)
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	detail["sha256"] = hex.EncodeToString(sum[:])
	detail["size"] = buf.Len()
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "case.document",
		ObjectType: "case", ObjectID: itoa(cs.ID), After: detail}); err != nil {
		return err
	}
	name := strings.TrimSuffix(doc, ".pdf") + "-" + docs.SafeName(cs.Number) + ".pdf"
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(buf.Bytes())
	return err
}

// caseDocError turns a document's missing field into a 409 (the case
// lacks what the document needs); other errors stay as they are.
func caseDocError(err error) error {
	var fe *docs.FieldError
	if errors.As(err, &fe) {
		return &httpError{http.StatusConflict, "conflict", "case.doc_incomplete", "(" + fe.Field + ")"}
	}
	if errors.Is(err, errCaseNotIdentified) {
		return docConflict("case.doc_need_accused")
	}
	return err
}

var errCaseNotIdentified = errors.New("the accused is not identified")

// caseDocSummons picks the summons of an invitation or of minutes: the one
// asked for, else the latest (for minutes: the latest with minutes).
func (s *Server) caseDocSummons(ctx context.Context, cs cases.Case, kind string, id int64) (cases.Summons, error) {
	list, err := cases.Summonses(ctx, s.DB, cs.ID)
	if err != nil {
		return cases.Summons{}, err
	}
	need := "case.doc_need_summons"
	if kind == docs.KindMinutes {
		need = "case.doc_need_minutes"
	}
	for i := len(list) - 1; i >= 0; i-- {
		sm := list[i]
		if id != 0 && sm.ID != id {
			continue
		}
		if kind == docs.KindMinutes && strings.TrimSpace(sm.Minutes) == "" {
			if id != 0 {
				return sm, docConflict(need)
			}
			continue
		}
		return sm, nil
	}
	if id != 0 && len(list) > 0 {
		return cases.Summons{}, errNotFound
	}
	return cases.Summons{}, docConflict(need)
}

// docZone is t in loc (the case's instansi's zone, see [Server.caseZone])
// with the zone's label ("WIB", "WITA", "WIT").
func docZone(t time.Time, loc *time.Location) (time.Time, string) {
	t = t.In(loc)
	name, _ := t.Zone()
	return t, name
}

// caseZone is the time zone of the instansi of cs: where its documents
// show times.
func (s *Server) caseZone(ctx context.Context, cs cases.Case) (*time.Location, error) {
	loc, err := workcal.InstansiZone(ctx, s.DB, cs.InstansiID)
	if err != nil {
		return nil, fmt.Errorf("case %d: time zone: %w", cs.ID, err)
	}
	return loc, nil
}

// caseDocPerson is the accused as identified at the time of the act.
func caseDocPerson(cs cases.Case) (docs.Person, error) {
	a := cs.Accused
	if strings.TrimSpace(a.Name) == "" {
		return docs.Person{}, errCaseNotIdentified
	}
	return docs.Person{Name: a.Name, NIP: a.NIP, Jabatan: a.Position, Unit: a.Unit}, nil
}

// userSignatory is a user of the instansi as a signatory: the full name and
// the NIP and position of the linked employee record. ok is false when
// there is no such enabled user.
func (s *Server) userSignatory(ctx context.Context, instansiID int64, where string, arg any) (docs.Signatory, int64, bool, error) {
	var sg docs.Signatory
	var id int64
	err := s.DB.QueryRow(ctx, `SELECT u.id, COALESCE(NULLIF(u.full_name, ''), u.username), COALESCE(e.nip, ''), COALESCE(e.jabatan, '')
		FROM app_user u LEFT JOIN employee e ON e.id = u.employee_id AND e.instansi_id = u.instansi_id
		WHERE u.instansi_id = ? AND u.disabled = 0 AND `+where+` ORDER BY u.id LIMIT 1`, instansiID, arg).
		Scan(&id, &sg.Name, &sg.NIP, &sg.Jabatan)
	if errors.Is(err, sql.ErrNoRows) {
		return sg, 0, false, nil
	}
	if err != nil {
		return sg, 0, false, fmt.Errorf("signatory: %w", err)
	}
	return sg, id, true, nil
}

// caseChair is who signs the team's letters: the instansi's (first) ketua
// tim, as "Ketua Tim Pengawas Netralitas ASN"; a blank line to sign on
// when there is none.
func (s *Server) caseChair(ctx context.Context, instansiID int64) (docs.Signatory, int64, error) {
	sg, id, ok, err := s.userSignatory(ctx, instansiID, "u.role = ?", string(auth.RoleKetuaTim))
	if err != nil {
		return sg, 0, err
	}
	if !ok {
		sg = docs.Signatory{Name: "(..............................)"}
	}
	sg.Jabatan = "Ketua Tim Pengawas Netralitas ASN"
	return sg, id, nil
}

// caseInvitationPDF writes the invitation to the clarification of summons sm.
func (s *Server) caseInvitationPDF(ctx context.Context, w io.Writer, lh docs.Letterhead, cs cases.Case, sm cases.Summons) error {
	to, err := caseDocPerson(cs)
	if err != nil {
		return err
	}
	if strings.TrimSpace(sm.Place) == "" {
		return docConflict("case.doc_need_place")
	}
	chair, _, err := s.caseChair(ctx, cs.InstansiID)
	if err != nil {
		return err
	}
	loc, err := s.caseZone(ctx, cs)
	if err != nil {
		return err
	}
	start, zone := docZone(sm.ScheduledAt, loc)
	letterDate, _ := docZone(sm.CreatedAt, loc)
	purpose := "Klarifikasi atas dugaan pelanggaran netralitas ASN"
	if t := strings.TrimSpace(cs.Title); t != "" {
		purpose += ": " + t
	}
	bring := []string{"Kartu identitas pegawai", "Surat keputusan jabatan terakhir",
		"Dokumen atau bukti lain yang Saudara anggap perlu"}
	if n := strings.TrimSpace(sm.Note); n != "" {
		bring = append(bring, n)
	}
	contact := ""
	if cs.AssigneeName != "" {
		contact = "Sdr. " + cs.AssigneeName + " (Tim Pengawas Netralitas ASN)"
	}
	return docs.Invitation(w, lh, docs.InvitationInput{
		Letter:     docs.Letter{Number: sm.LetterNumber, Nature: "Penting", Date: letterDate},
		CaseNumber: cs.Number, To: to, Start: start, Zone: zone, Venue: sm.Place, Purpose: purpose,
		Bring: bring, Contact: contact, Signer: chair})
}

// caseMinutesPDF writes the BA klarifikasi of summons sm. The minutes are
// free text; lines starting with "P:"/"Pertanyaan:" and "J:"/"Jawaban:"
// become questions and answers, the rest statements.
func (s *Server) caseMinutesPDF(ctx context.Context, w io.Writer, lh docs.Letterhead, cs cases.Case, sm cases.Summons) error {
	subject, err := caseDocPerson(cs)
	if err != nil {
		return err
	}
	if strings.TrimSpace(sm.Place) == "" {
		return docConflict("case.doc_need_place")
	}
	chair, chairID, err := s.caseChair(ctx, cs.InstansiID)
	if err != nil {
		return err
	}
	team := []docs.TeamMember{{Signatory: chair, Role: "Ketua"}}
	if cs.AssigneeID != 0 && cs.AssigneeID != chairID {
		m, _, ok, err := s.userSignatory(ctx, cs.InstansiID, "u.id = ?", cs.AssigneeID)
		if err != nil {
			return err
		}
		if ok {
			team = append(team, docs.TeamMember{Signatory: m, Role: "Anggota"})
		}
	}
	loc, err := s.caseZone(ctx, cs)
	if err != nil {
		return err
	}
	start, zone := docZone(sm.ScheduledAt, loc)
	basis := ""
	if n := strings.TrimSpace(sm.LetterNumber); n != "" {
		d, _ := docZone(sm.CreatedAt, loc)
		basis = "Surat Undangan Nomor " + n + " tanggal " + docs.FormatDate(d)
	}
	qa, stmts := splitMinutes(sm.Minutes)
	return docs.ClarificationMinutes(w, lh, docs.MinutesInput{CaseNumber: cs.Number, Start: start, Zone: zone,
		Place: sm.Place, Basis: basis, Subject: subject, Team: team, QA: qa, Statements: stmts})
}

// splitMinutes reads questions and answers out of minutes written as text.
func splitMinutes(text string) ([]docs.QA, []string) {
	var qa []docs.QA
	var stmts []string
	var cur *docs.QA
	var inAnswer bool
	cut := func(line string, prefixes ...string) (string, bool) {
		low := strings.ToLower(line)
		for _, p := range prefixes {
			if strings.HasPrefix(low, p) {
				return strings.TrimSpace(line[len(p):]), true
			}
		}
		return "", false
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			stmts = append(stmts, strings.Join(para, " "))
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if q, ok := cut(line, "pertanyaan:", "p:", "t:", "q:"); ok {
			flush()
			qa = append(qa, docs.QA{Question: q})
			cur, inAnswer = &qa[len(qa)-1], false
			continue
		}
		if a, ok := cut(line, "jawaban:", "j:", "a:"); ok && cur != nil {
			cur.Answer, inAnswer = strings.TrimSpace(cur.Answer+" "+a), true
			continue
		}
		switch {
		case line == "":
			if cur != nil {
				cur = nil
			} else {
				flush()
			}
		case cur != nil && inAnswer:
			cur.Answer += " " + line
		case cur != nil:
			cur.Question += " " + line
		default:
			para = append(para, line)
		}
	}
	flush()
	return qa, stmts
}

// caseReferralPDF writes the referral letter of a referred case. region is the instansi's name ("Kabupaten Tanjung Harapan"): whose
// Bawaslu the letter goes to.
func (s *Server) caseReferralPDF(ctx context.Context, w io.Writer, lh docs.Letterhead, region string, cs cases.Case) error {
	if cs.Referral.Target == "" || cs.Referral.At.IsZero() {
		return docConflict("case.doc_need_referral")
	}
	subject, err := caseDocPerson(cs)
	if err != nil {
		return err
	}
	chair, _, err := s.caseChair(ctx, cs.InstansiID)
	if err != nil {
		return err
	}
	ev, err := s.caseEvidence(ctx, cs)
	if err != nil {
		return err
	}
	agency := docs.AgencyBawaslu
	to := docs.Addressee{Lines: []string{strings.TrimSpace("Ketua Badan Pengawas Pemilihan Umum " + region)}, Place: lh.Place}
	if cs.Referral.Target == cases.TargetBKN {
		agency, to = docs.AgencyBKN, docs.Addressee{}
	}
	summary := strings.TrimSpace(cs.Summary)
	if summary == "" {
		summary = cs.Title
	}
	loc, err := s.caseZone(ctx, cs)
	if err != nil {
		return err
	}
	var atts []string
	if list, err := cases.Summonses(ctx, s.DB, cs.ID); err == nil {
		for _, sm := range list {
			if strings.TrimSpace(sm.Minutes) != "" {
				atts = append(atts, "Berita Acara Klarifikasi tanggal "+docs.FormatDate(sm.ScheduledAt.In(loc)))
			}
		}
	} else {
		return err
	}
	if len(ev) > 0 {
		atts = append(atts, fmt.Sprintf("Bukti (%d berkas) beserta daftar nilai SHA-256 (paket bukti)", len(ev)))
	}
	atts = append(atts, "Ringkasan perkara")
	if n := strings.TrimSpace(cs.Referral.Note); n != "" {
		atts = append(atts, n)
	}
	date, _ := docZone(cs.Referral.At, loc)
	return docs.Referral(w, lh, docs.ReferralInput{
		Letter: docs.Letter{Number: cs.Referral.Number, Nature: "Segera", Date: date},
		Agency: agency, Addressee: to, CaseNumber: cs.Number, Subject: subject, Summary: summary,
		Finding: cs.Finding, Violation: caseViolation(cs.ViolationCode), Attachments: atts, Signer: chair})
}

// caseViolation is a violation code with its description in Indonesian.
func caseViolation(code string) string {
	if code == "" {
		return ""
	}
	if l := violation.Matrix().Label(violation.Code(code), "id"); l != "" {
		return code + " — " + l
	}
	return code
}

// caseSummaryPDF writes the summary of a case. limited (the Bawaslu
// liaison) leaves out the notes and messages of the timeline.
func (s *Server) caseSummaryPDF(ctx context.Context, w io.Writer, lh docs.Letterhead, cs cases.Case, limited bool) error {
	idc := &reqCtx{L: i18n.For("id")}
	loc, err := s.caseZone(ctx, cs)
	if err != nil {
		return err
	}
	in := docs.SummaryInput{CaseNumber: cs.Number, Title: cs.Title, Status: caseStatusLabel(idc, cs.Status),
		Violation: caseViolation(cs.ViolationCode), Summary: cs.Summary, Generated: time.Now().In(loc)}
	in.OpenedAt, in.Zone = docZone(cs.CreatedAt, loc)
	if p, err := caseDocPerson(cs); err == nil {
		in.Subject = p
	} else {
		in.Subject = docs.Person{Name: "(belum diidentifikasi)"}
	}
	srcs, err := cases.Sources(ctx, s.DB, cs.ID)
	if err != nil {
		return err
	}
	var kinds []string
	for _, x := range srcs {
		if l := tkey(idc, "case.source.", x.Kind); !containsStr(kinds, l) {
			kinds = append(kinds, l)
		}
	}
	in.Source = strings.Join(kinds, "; ")
	evs, err := cases.Events(ctx, s.DB, cs.ID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.Kind == "note" && limited {
			continue
		}
		note := e.Note
		if limited || e.Kind == "note" {
			note = "" // notes and messages stay on the case page
		}
		at, _ := docZone(e.CreatedAt, loc)
		in.Timeline = append(in.Timeline, docs.TimelineEntry{At: at, Step: eventLabel(idc, e), Actor: e.UserName, Note: note})
	}
	ev, err := s.caseEvidence(ctx, cs)
	if err != nil {
		return err
	}
	for _, e := range ev {
		at, _ := docZone(e.At, loc)
		in.Evidence = append(in.Evidence, docs.EvidenceItem{Name: e.Name, Kind: e.Kind, Size: e.Size, SHA256: e.SHA256, ReceivedAt: at})
	}
	d := docs.Decision{}
	switch {
	case cs.ViolationCode != "":
		d.Finding = "Terbukti"
	case cs.Finding != "":
		d.Finding = "Tidak terbukti"
	}
	if f := strings.TrimSpace(cs.Finding); f != "" {
		if d.Finding != "" {
			d.Finding += ": "
		}
		d.Finding += f
	}
	if cs.Rec.Outcome != "" {
		rec := tkey(idc, "case.rec.", cs.Rec.Outcome)
		if l := sanctionLabel(idc, cs.Rec.Sanction); l != "" {
			rec += " — " + l
		}
		if cs.Rec.Number != "" {
			rec += " (Nomor " + cs.Rec.Number + ")"
		}
		if t := strings.TrimSpace(cs.Rec.Text); t != "" {
			rec += ". " + t
		}
		d.Recommendation = rec
	}
	if cs.Decision.Sanction != "" {
		d.Sanction, d.LegalBasis, d.DecreeNumber = sanctionLabel(idc, cs.Decision.Sanction), cs.Decision.Basis, cs.Decision.Number
		d.DecidedAt = cs.Decision.Date
		if d.DecidedAt.IsZero() {
			d.DecidedAt, _ = docZone(cs.Decision.At, loc)
		}
	}
	in.Decision = d
	chair, _, err := s.caseChair(ctx, cs.InstansiID)
	if err != nil {
		return err
	}
	in.Signer = &chair
	return docs.CaseSummary(w, lh, in)
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// caseEvidenceFile is one piece of evidence of a case: a public report's
// file (the copy without metadata when there is one) or the raw body of a
// capture of a linked activity or link.
type caseEvidenceFile struct {
	Name   string // as it goes into the package (sanitised there)
	Kind   string
	Size   int64 // 0 when unknown without reading it
	SHA256 string
	At     time.Time
	Open   func() (io.ReadCloser, error)
}

// caseEvidence lists the evidence of a case, in source order: each public
// report's files, then the captures (distinct bodies) of the reports'
// links, of the activities of review items and of the case's own links.
func (s *Server) caseEvidence(ctx context.Context, cs cases.Case) ([]caseEvidenceFile, error) {
	inst := cs.InstansiID
	srcs, err := cases.Sources(ctx, s.DB, cs.ID)
	if err != nil {
		return nil, err
	}
	var out []caseEvidenceFile
	var requests, activities []int64
	var urls []string
	for _, x := range srcs {
		urls = append(urls, x.Links...)
		switch x.Kind {
		case cases.SourceReport:
			rep, err := reports.Get(ctx, s.DB, inst, x.ReportID)
			if errors.Is(err, reports.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("evidence of case %d: %w", cs.ID, err)
			}
			files, err := reports.EvidenceList(ctx, s.DB, inst, rep.ID)
			if err != nil {
				return nil, fmt.Errorf("evidence of case %d: %w", cs.ID, err)
			}
			for _, e := range files {
				f := caseEvidenceFile{Name: "laporan-" + rep.Receipt + "-" + e.Filename, Kind: e.ContentType,
					Size: e.Size, SHA256: e.SHA256, At: e.CreatedAt}
				if e.Stripped {
					f.Kind += " (salinan tanpa metadata)"
					f.Size, f.SHA256 = 0, e.StrippedSHA256
				}
				repID, evID := rep.ID, e.ID
				f.Open = func() (io.ReadCloser, error) {
					_, data, err := reports.EvidenceData(ctx, s.DB, inst, repID, evID, true)
					if err != nil {
						return nil, err
					}
					return io.NopCloser(bytes.NewReader(data)), nil
				}
				out = append(out, f)
			}
			links, err := reports.Links(ctx, s.DB, inst, rep.ID)
			if err != nil {
				return nil, fmt.Errorf("evidence of case %d: %w", cs.ID, err)
			}
			for _, l := range links {
				if l.CaptureRequestID != 0 {
					requests = append(requests, l.CaptureRequestID)
				}
			}
		case cases.SourceReview:
			var act int64
			err := s.DB.QueryRow(ctx, `SELECT activity_id FROM review_item WHERE id = ? AND instansi_id = ?`, x.ReviewItemID, inst).Scan(&act)
			if err == nil {
				activities = append(activities, act)
			} else if !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("evidence of case %d: review item %d: %w", cs.ID, x.ReviewItemID, err)
			}
		}
	}
	caps, err := s.caseCaptures(ctx, inst, requests, activities, urls)
	if err != nil {
		return nil, fmt.Errorf("evidence of case %d: %w", cs.ID, err)
	}
	files, err := s.caseFileEvidence(ctx, cs) // files attached by the team (handlers_case_files.go)
	if err != nil {
		return nil, fmt.Errorf("evidence of case %d: %w", cs.ID, err)
	}
	return append(append(out, caps...), files...), nil
}

// caseCaptures lists the stored captures (with a body, not purged) of
// capture requests, activities or URLs, one per distinct body.
func (s *Server) caseCaptures(ctx context.Context, inst int64, requests, activities []int64, urls []string) ([]caseEvidenceFile, error) {
	var conds []string
	args := []any{inst}
	in := func(col string, vals []any) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		args = append(args, vals...)
	}
	var rq, ac, us []any
	for _, v := range requests {
		rq = append(rq, v)
	}
	for _, v := range activities {
		ac = append(ac, v)
	}
	for _, v := range urls {
		us = append(us, v)
	}
	in("c.request_id", rq)
	in("c.activity_id", ac)
	in("c.requested_url", us)
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := s.DB.Query(ctx, `SELECT c.id, c.requested_url, c.content_type, c.sha256, COALESCE(LENGTH(c.body), 0), c.fetched_at
		FROM capture c WHERE c.instansi_id = ? AND c.body IS NOT NULL AND c.purged_at IS NULL AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("captures: %w", err)
	}
	defer rows.Close()
	var out []caseEvidenceFile
	seen := map[string]bool{}
	for rows.Next() {
		var id, size int64
		var u, ct, sum, fetched string
		if err := rows.Scan(&id, &u, &ct, &sum, &size, &fetched); err != nil {
			return nil, fmt.Errorf("captures: %w", err)
		}
		if seen[sum] || size == 0 {
			continue
		}
		seen[sum] = true
		host := u
		if pu, err := url.Parse(u); err == nil && pu.Host != "" {
			host = pu.Host
		}
		capID := id
		f := caseEvidenceFile{Name: "tangkapan-" + itoa(id) + "-" + host + captureExt(ct), Kind: "tangkapan URL " + u,
			Size: size, SHA256: sum, At: clock.Parse(fetched)}
		f.Open = func() (io.ReadCloser, error) {
			rec, err := monitor.GetCapture(ctx, s.DB, inst, capID)
			if err != nil {
				return nil, fmt.Errorf("capture %d: %w", capID, err)
			}
			return io.NopCloser(bytes.NewReader(rec.Body)), nil
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// captureExt is a file extension for a captured body's content type.
func captureExt(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ".bin"
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return ".html"
	case "application/json":
		return ".json"
	case "text/plain":
		return ".txt"
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/webp":
		return ".webp"
	case "image/gif":
		return ".gif"
	case "application/pdf":
		return ".pdf"
	case "application/xml", "text/xml", "application/rss+xml", "application/atom+xml":
		return ".xml"
	}
	return ".bin"
}

// casePackage serves the referral package of a referred case: the
// referral letter, the evidence files and the manifests of their SHA-256,
// each file checked against its recorded hash while written. The ZIP is
// built in a temporary file first, so a mismatch serves nothing (500, with
// a log line naming the file).
func (s *Server) casePackage(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	ctx := r.Context()
	lh, err := docs.LoadLetterhead(ctx, s.DB, c.Instansi)
	if err != nil {
		return err
	}
	var letter bytes.Buffer
	if err := s.caseReferralPDF(ctx, &letter, lh, c.Instansi.Name, cs); err != nil {
		return caseDocError(err)
	}
	ev, err := s.caseEvidence(ctx, cs)
	if err != nil {
		return err
	}
	tmp, size, err := buildCasePackage(letter.Bytes(), ev)
	if err != nil {
		s.log.Error("referral package refused: evidence does not match its recorded SHA-256 or cannot be read",
			"case", cs.ID, "number", cs.Number, "instansi", c.Instansi.ID, "err", err)
		return &httpError{http.StatusInternalServerError, "internal", "case.doc_err_package", ""}
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "case.document",
		ObjectType: "case", ObjectID: itoa(cs.ID),
		After: map[string]any{"document": "package", "files": len(ev), "size": size}}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", `attachment; filename="paket-penerusan-`+docs.SafeName(cs.Number)+`.zip"`)
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, err = io.Copy(w, tmp)
	return err
}

// buildCasePackage writes the package into a new temporary file and
// returns it positioned at its start with its size; on any error the file
// is removed and nothing is returned.
func buildCasePackage(letter []byte, ev []caseEvidenceFile) (*os.File, int64, error) {
	tmp, err := os.CreateTemp("", "netral-paket-*.zip")
	if err != nil {
		return nil, 0, fmt.Errorf("referral package: %w", err)
	}
	fail := func(err error) (*os.File, int64, error) {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, 0, err
	}
	files := make([]docs.EvidenceFile, len(ev))
	for i, e := range ev {
		files[i] = docs.EvidenceFile{Name: e.Name, Open: e.Open, SHA256: e.SHA256}
	}
	if err := docs.EvidencePackage(tmp, letter, files); err != nil {
		return fail(err)
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return fail(fmt.Errorf("referral package: %w", err))
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return fail(fmt.Errorf("referral package: %w", err))
	}
	return tmp, size, nil
}
