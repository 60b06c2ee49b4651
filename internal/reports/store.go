package reports

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/violation"
)

// Limits of a submission's text fields (in characters).
const (
	MinDescription = 10
	MaxDescription = 10000
	maxPlace       = 500
	maxName        = 200
	maxNIP         = 40
	maxUnit        = 300
	maxPhone       = 30
	maxEmail       = 254
	MaxLinks       = 10
	maxLink        = 2000
	MaxMessage     = 5000
)

// Burst flag: BurstThreshold reports or more on the same person within
// BurstWindow flag each of them (shown to staff; nothing is refused).
const (
	BurstThreshold = 3
	BurstWindow    = 7 * 24 * time.Hour
)

// Submission is a public report as filed.
type Submission struct {
	InstansiID  int64
	Description string
	Act         string         // one of Acts, "" when not given
	Violation   violation.Code // an SKB code the reporter chose, "" when none
	OccurredOn  string         // YYYY-MM-DD (or RFC 3339), "" when not given
	Place       string
	Reported    Person
	Links       []string
	Identity    string // one of Identities
	Reporter    Identity
	Files       []Upload
	Channel     string // ChannelWeb or ChannelAPI
	Lang        string // the reporter's language, for messages
	// ProofOfWork says the submission carried a valid proof of work (the
	// web layer checks it); shown to staff as a weak abuse signal.
	ProofOfWork bool
}

// Warning is something about a submission the reporter should know but
// that did not stop it (a NIP that looks wrong).
type Warning struct {
	Field  string
	Code   string
	Detail string // in Indonesian and English when given by internal/nip
	// DetailEN is Detail in English.
	DetailEN string
}

// Receipt is what the reporter gets back, once.
type Receipt struct {
	Receipt  string
	Secret   string // shown once; only its hash is stored
	Report   Report
	Warnings []Warning
}

// cleanText drops control characters (keeping new lines and tabs when
// multiline), replaces invalid UTF-8 and trims.
func cleanText(s string, multiline bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if multiline && (r == '\n' || r == '\t') {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			if multiline {
				return -1
			}
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

// parseDay reads YYYY-MM-DD or an RFC 3339 time (its date).
func parseDay(s string) (time.Time, bool) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

var phoneChars = "+0123456789 -().'"

// validate cleans s in place and lists its problems.
func (s *Submission) validate(now time.Time, v *ValidationError) (day time.Time) {
	s.Description = cleanText(s.Description, true)
	s.Place = cleanText(s.Place, false)
	s.Reported.Name = cleanText(s.Reported.Name, false)
	s.Reported.NIP = cleanText(s.Reported.NIP, false)
	s.Reported.Unit = cleanText(s.Reported.Unit, false)
	s.Reporter.Name = cleanText(s.Reporter.Name, false)
	s.Reporter.Phone = cleanText(s.Reporter.Phone, false)
	s.Reporter.Email = cleanText(s.Reporter.Email, false)
	s.Act = strings.TrimSpace(s.Act)
	s.OccurredOn = strings.TrimSpace(s.OccurredOn)

	switch n := utf8.RuneCountInString(s.Description); {
	case n == 0:
		v.add("description", "required", "")
	case n < MinDescription:
		v.add("description", "too_short", strconv.Itoa(MinDescription))
	case n > MaxDescription:
		v.add("description", "too_long", strconv.Itoa(MaxDescription))
	}
	if s.Act != "" && !ValidAct(s.Act) {
		v.add("violation", "unknown", s.Act)
	}
	if s.Violation != "" && !s.Violation.Valid() {
		v.add("violation", "unknown", string(s.Violation))
	}
	if s.OccurredOn != "" {
		d, ok := parseDay(s.OccurredOn)
		switch {
		case !ok:
			v.add("occurred_at", "date_invalid", "")
		case d.After(now.Add(36 * time.Hour)):
			v.add("occurred_at", "date_future", "")
		case d.Year() < 2000:
			v.add("occurred_at", "date_invalid", "")
		default:
			day = d
		}
	}
	if tooLong(s.Place, maxPlace) {
		v.add("place", "too_long", strconv.Itoa(maxPlace))
	}
	if tooLong(s.Reported.Name, maxName) {
		v.add("reported.name", "too_long", strconv.Itoa(maxName))
	}
	if tooLong(s.Reported.NIP, maxNIP) {
		v.add("reported.nip", "too_long", strconv.Itoa(maxNIP))
	}
	if tooLong(s.Reported.Unit, maxUnit) {
		v.add("reported.unit", "too_long", strconv.Itoa(maxUnit))
	}
	var links []string
	for i, l := range s.Links {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		field := "links[" + strconv.Itoa(i) + "]"
		if len(l) > maxLink {
			v.add(field, "too_long", strconv.Itoa(maxLink))
			continue
		}
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(l, " \t\n") {
			v.add(field, "link_invalid", "")
			continue
		}
		links = append(links, l)
	}
	if len(links) > MaxLinks {
		v.add("links", "too_many", strconv.Itoa(MaxLinks))
	}
	s.Links = links
	if s.Reported.Name == "" && s.Reported.NIP == "" && s.Reported.Unit == "" && len(s.Links) == 0 {
		v.add("reported", "reported_required", "")
	}
	switch s.Identity {
	case IdentityAnonymous:
		if s.Reporter != (Identity{}) {
			v.add("reporter", "reporter_anonymous", "")
		}
	case IdentityConfidential, IdentityOpen:
		if s.Reporter.Name == "" {
			v.add("reporter.name", "required", "")
		} else if tooLong(s.Reporter.Name, maxName) {
			v.add("reporter.name", "too_long", strconv.Itoa(maxName))
		}
		if p := s.Reporter.Phone; p != "" {
			digits := 0
			for _, r := range p {
				if r >= '0' && r <= '9' {
					digits++
				}
			}
			if len(p) > maxPhone || strings.Trim(p, phoneChars) != "" || digits < 6 || digits > 15 {
				v.add("reporter.phone", "phone_invalid", "")
			}
		}
		if e := s.Reporter.Email; e != "" {
			a, err := mail.ParseAddress(e)
			if len(e) > maxEmail || err != nil || a.Address != e || !strings.Contains(e[strings.LastIndexByte(e, '@')+1:], ".") {
				v.add("reporter.email", "email_invalid", "")
			}
		}
	case "":
		v.add("identity", "required", "")
	default:
		v.add("identity", "unknown", s.Identity)
	}
	if s.Channel != ChannelWeb && s.Channel != ChannelAPI {
		s.Channel = ChannelWeb
	}
	if s.Lang != "en" {
		s.Lang = "id"
	}
	return day
}

// inspectFiles checks uploads (as files[i]) against what the report holds
// already (existingN files of existingBytes).
func inspectFiles(ups []Upload, existingN int, existingBytes int64, v *ValidationError) []File {
	if existingN+len(ups) > MaxFiles {
		v.add("files", "too_many", strconv.Itoa(MaxFiles))
		return nil
	}
	total := existingBytes
	for _, u := range ups {
		total += int64(len(u.Data))
	}
	if total > MaxReportBytes {
		v.addSize("files", "report_too_large", strconv.Itoa(MaxReportBytes>>20))
		return nil
	}
	var out []File
	for i, u := range ups {
		f, err := Inspect(u)
		if err != nil {
			if fe, ok := uploadProblem("files["+strconv.Itoa(i)+"]", err); ok {
				v.Problems = append(v.Problems, fe)
				continue
			}
			v.add("files["+strconv.Itoa(i)+"]", ErrCodeImageInvalid, err.Error())
			continue
		}
		out = append(out, f)
	}
	return out
}

// reportedKey is the key reports on the same person are grouped by: the
// NIP when it is well-formed, otherwise the name folded.
func reportedKey(p Person, now time.Time) string {
	if p.NIP != "" {
		if n, _, err := nip.Parse(p.NIP, now); err == nil {
			return "nip:" + n.Digits
		}
	}
	if p.Name != "" {
		var b strings.Builder
		for _, f := range strings.FieldsFunc(strings.ToLower(p.Name), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f)
		}
		if b.Len() > 0 {
			return "name:" + b.String()
		}
	}
	return ""
}

// nipWarnings checks a NIP softly: problems become warnings.
func nipWarnings(s string, now time.Time) []Warning {
	if s == "" {
		return nil
	}
	_, probs, _ := nip.Parse(s, now)
	var out []Warning
	for _, p := range probs {
		out = append(out, Warning{Field: "reported.nip", Code: "nip_" + p.Code, Detail: p.MessageID, DetailEN: p.Message})
	}
	return out
}

// NIPWarnings returns the problems internal/nip finds with a reported NIP
// (as warnings: a report is never refused for its NIP).
func NIPWarnings(s string) []Warning { return nipWarnings(s, time.Now()) }

// determinedOn is the penetapan day of the instansi's active election
// whose vote is the first on or after day (else the last one); zero when
// unknown.
func determinedOn(ctx context.Context, q db.Querier, instansiID int64, day time.Time) time.Time {
	v, err := monitor.ActiveElections(ctx, q, instansiID)
	if err != nil {
		return time.Time{}
	}
	es, err := v.Elections()
	if err != nil {
		return time.Time{}
	}
	var best, last time.Time
	var bestDet, lastDet time.Time
	for _, e := range es {
		if !e.VotingDay.Valid() {
			continue
		}
		vd := e.VotingDay.Time(time.UTC)
		det := time.Time{}
		if e.DeterminedOn.Valid() {
			det = e.DeterminedOn.Time(time.UTC)
		}
		if !vd.Before(day) && (best.IsZero() || vd.Before(best)) {
			best, bestDet = vd, det
		}
		if last.IsZero() || vd.After(last) {
			last, lastDet = vd, det
		}
	}
	if !best.IsZero() {
		return bestDet
	}
	return lastDet
}

// Validate checks a submission as [Submit] does (except that its instansi
// exists) without storing anything, so that a caller can answer an invalid
// body before it spends a rate-limit budget. The answer is nil or a
// *ValidationError listing every problem.
func Validate(box *sealbox.Box, s Submission) error {
	_, _, err := s.check(time.Now().UTC(), box)
	return err
}

// check validates s (cleaning its text) and inspects its files.
func (s *Submission) check(now time.Time, box *sealbox.Box) (day time.Time, files []File, err error) {
	v := &ValidationError{}
	day = s.validate(now, v)
	if s.Identity != IdentityAnonymous && s.Identity != "" && box == nil {
		v.add("identity", "identity_unavailable", "")
	}
	files = inspectFiles(s.Files, 0, 0, v)
	return day, files, v.err()
}

// Submit validates a submission, stores it with its evidence and links in
// one transaction (audited with the neutral [PublicActor]) and returns the
// receipt code and the secret. box seals the reporter's identity; without
// a box only anonymous reports are accepted. The answer is a
// *ValidationError listing every problem (its TooLarge says whether a size
// limit was crossed). Links are stored; [CaptureLinks] requests their
// captures afterwards.
func Submit(ctx context.Context, d *db.DB, box *sealbox.Box, s Submission) (Receipt, error) {
	now := time.Now().UTC()
	day, files, err := s.check(now, box)
	if err != nil {
		return Receipt{}, err
	}
	var inst int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM instansi WHERE id = ?`, s.InstansiID).Scan(&inst); err != nil {
		return Receipt{}, wrap("instansi", err)
	}
	if inst == 0 {
		return Receipt{}, &ValidationError{Problems: []FieldError{{Field: "instansi", Code: "unknown"}}}
	}
	rec := Receipt{Secret: newSecret(), Warnings: nipWarnings(s.Reported.NIP, now)}
	r := Report{InstansiID: s.InstansiID, Status: StatusReceived, Act: s.Act, Violation: s.Violation,
		Description: s.Description, OccurredOn: day, Place: s.Place, Reported: s.Reported, Identity: s.Identity,
		Channel: s.Channel, Lang: s.Lang, CreatedAt: now, UpdatedAt: now, StatusChangedAt: now,
		HasContact: s.Reporter.Phone != "" || s.Reporter.Email != "", ProofOfWork: s.ProofOfWork}
	if r.Act == "" && r.Violation != "" {
		r.Act = ActForCode(r.Violation)
	}
	if r.Act != "" {
		ref := day
		if ref.IsZero() {
			ref = now
		}
		r.SuggestedCode = SuggestCode(r.Act, ref, determinedOn(ctx, d, s.InstansiID, ref))
		r.ViolationVersion = violation.Version
	}
	r.ReportedKey = reportedKey(s.Reported, now)
	if strings.HasPrefix(r.ReportedKey, "nip:") {
		var emp int64
		err := d.QueryRow(ctx, `SELECT id FROM employee WHERE instansi_id = ? AND nip = ?`, s.InstansiID,
			strings.TrimPrefix(r.ReportedKey, "nip:")).Scan(&emp)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Receipt{}, wrap("match NIP", err)
		}
		r.ReportedEmployeeID = emp
	}
	for range 5 {
		r.Receipt = newReceipt()
		var n int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM public_report WHERE receipt = ?`, r.Receipt).Scan(&n); err != nil {
			return Receipt{}, wrap("receipt", err)
		}
		if n == 0 {
			break
		}
	}
	r.secretHash = hashSecret(r.Receipt, rec.Secret)
	var sealed string
	if s.Identity != IdentityAnonymous {
		plain, err := json.Marshal(s.Reporter)
		if err != nil {
			return Receipt{}, wrap("identity", err)
		}
		if sealed, err = box.Seal(plain, identityAD(r.Receipt)); err != nil {
			return Receipt{}, wrap("seal identity", err)
		}
	}
	r.SubmissionSHA256 = submissionHash(r, s.Links, files)
	err = d.InTx(ctx, func(tx *db.Tx) error {
		stamp := clock.Format(now)
		err := tx.QueryRow(ctx, `INSERT INTO public_report (instansi_id, receipt, secret_hash, status, act, violation,
			suggested_code, violation_version, description, occurred_on, place, reported_name, reported_nip, reported_unit,
			reported_key, reported_employee_id, identity, identity_sealed, has_contact, proof_of_work, channel, lang,
			submission_sha256, created_at, updated_at, status_changed_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
			r.InstansiID, r.Receipt, r.secretHash, r.Status, r.Act, string(r.Violation), string(r.SuggestedCode),
			r.ViolationVersion, r.Description, dayText(r.OccurredOn), r.Place, r.Reported.Name, r.Reported.NIP,
			r.Reported.Unit, r.ReportedKey, nullID(r.ReportedEmployeeID), r.Identity, sealed, boolInt(r.HasContact),
			boolInt(r.ProofOfWork), r.Channel, r.Lang, r.SubmissionSHA256, stamp, stamp, stamp).Scan(&r.ID)
		if err != nil {
			return wrap("insert report", err)
		}
		ev, err := insertFiles(ctx, tx, r, files, "report", now)
		if err != nil {
			return err
		}
		for _, l := range s.Links {
			if _, err := tx.Exec(ctx, `INSERT INTO public_report_link (report_id, instansi_id, url, created_at)
				VALUES (?,?,?,?)`, r.ID, r.InstansiID, l, stamp); err != nil {
				return wrap("insert link", err)
			}
		}
		if r.Burst, err = markBurst(ctx, tx, r, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, PublicActor, audit.Event{InstansiID: r.InstansiID, Action: "report.submit",
			ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10),
			After: map[string]any{"receipt": r.Receipt, "identity": r.Identity, "channel": r.Channel, "act": r.Act,
				"violation": string(r.Violation), "suggested_code": string(r.SuggestedCode), "evidence": ev,
				"links": len(s.Links), "submission_sha256": r.SubmissionSHA256, "burst": r.Burst,
				"proof_of_work": r.ProofOfWork}})
	})
	if err != nil {
		return Receipt{}, err
	}
	r.Evidence, r.Links = len(files), len(s.Links)
	rec.Receipt, rec.Report = r.Receipt, r
	return rec, nil
}

func identityAD(receipt string) string { return "netral/report-identity/v1|" + receipt }

func dayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// submissionHash is the SHA-256 of the report as received (never of the
// reporter's identity): printed on the receipt as proof of what was filed.
func submissionHash(r Report, links []string, files []File) string {
	var hashes []string
	for _, f := range files {
		hashes = append(hashes, f.SHA256)
	}
	b, _ := json.Marshal(map[string]any{"receipt": r.Receipt, "instansi_id": r.InstansiID,
		"created_at": clock.Format(r.CreatedAt), "description": r.Description, "act": r.Act,
		"violation": string(r.Violation), "occurred_on": dayText(r.OccurredOn), "place": r.Place,
		"reported": r.Reported, "links": links, "identity": r.Identity, "evidence_sha256": hashes})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// insertFiles stores accepted files of report r and returns their audit
// summary.
func insertFiles(ctx context.Context, tx *db.Tx, r Report, files []File, addedBy string, now time.Time) ([]map[string]any, error) {
	var out []map[string]any
	for _, f := range files {
		var stripped any
		if f.Stripped != nil {
			stripped = f.Stripped
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO public_report_evidence (report_id, instansi_id, filename, content_type,
			size, sha256, original, stripped, stripped_sha256, width, height, added_by, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, r.ID, r.InstansiID, f.Name, f.ContentType,
			len(f.Original), f.SHA256, f.Original, stripped, f.StrippedSHA256, f.Width, f.Height, addedBy,
			clock.Format(now)).Scan(&id); err != nil {
			return nil, wrap("insert evidence", err)
		}
		out = append(out, map[string]any{"id": id, "sha256": f.SHA256, "type": f.ContentType, "size": len(f.Original),
			"metadata_stripped": f.Stripped != nil})
	}
	return out, nil
}

// markBurst flags r and the other recent reports on the same person when
// there are BurstThreshold or more within BurstWindow.
func markBurst(ctx context.Context, tx *db.Tx, r Report, now time.Time) (bool, error) {
	if r.ReportedKey == "" {
		return false, nil
	}
	since := clock.Format(now.Add(-BurstWindow))
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM public_report WHERE instansi_id = ? AND reported_key = ?
		AND created_at >= ?`, r.InstansiID, r.ReportedKey, since).Scan(&n); err != nil {
		return false, wrap("count reports on the person", err)
	}
	if n < BurstThreshold {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE public_report SET burst = 1 WHERE instansi_id = ? AND reported_key = ?
		AND created_at >= ? AND burst = 0`, r.InstansiID, r.ReportedKey, since); err != nil {
		return false, wrap("flag reports on the person", err)
	}
	return true, nil
}

// reportCols are the columns scanReport reads.
const reportCols = `r.id, r.instansi_id, r.receipt, r.secret_hash, r.status, r.act, r.violation, r.suggested_code,
	r.violation_version, r.description, r.occurred_on, r.place, r.reported_name, r.reported_nip, r.reported_unit,
	r.reported_key, COALESCE(r.reported_employee_id, 0), r.identity, r.has_contact, r.burst, r.proof_of_work,
	COALESCE(r.case_id, 0),
	COALESCE((SELECT cf.number FROM case_file cf WHERE cf.id = r.case_id AND cf.instansi_id = r.instansi_id), ''),
	r.channel, r.lang, r.submission_sha256, COALESCE(r.reporter_at, ''), r.created_at, r.updated_at, r.status_changed_at,
	(SELECT COUNT(*) FROM public_report_evidence e WHERE e.report_id = r.id),
	(SELECT COUNT(*) FROM public_report_link l WHERE l.report_id = r.id),
	(SELECT COUNT(*) FROM public_report_message m WHERE m.report_id = r.id)`

func scanReport(s interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var viol, sugg, occurred, reporterAt, created, updated, changed string
	var contact, burst, pow int
	err := s.Scan(&r.ID, &r.InstansiID, &r.Receipt, &r.secretHash, &r.Status, &r.Act, &viol, &sugg,
		&r.ViolationVersion, &r.Description, &occurred, &r.Place, &r.Reported.Name, &r.Reported.NIP, &r.Reported.Unit,
		&r.ReportedKey, &r.ReportedEmployeeID, &r.Identity, &contact, &burst, &pow, &r.CaseID, &r.CaseNumber,
		&r.Channel, &r.Lang, &r.SubmissionSHA256, &reporterAt, &created, &updated, &changed,
		&r.Evidence, &r.Links, &r.Messages)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, wrap("read report", err)
	}
	r.Violation, r.SuggestedCode = violation.Code(viol), violation.Code(sugg)
	if occurred != "" {
		r.OccurredOn, _ = time.Parse("2006-01-02", occurred)
	}
	r.HasContact, r.Burst, r.ProofOfWork = contact == 1, burst == 1, pow == 1
	if reporterAt != "" {
		r.ReporterAt = clock.Parse(reporterAt)
	}
	r.CreatedAt, r.UpdatedAt, r.StatusChangedAt = clock.Parse(created), clock.Parse(updated), clock.Parse(changed)
	return r, nil
}

// Get returns report reportID of the instansi; ErrNotFound when there is
// no such report in it.
func Get(ctx context.Context, q db.Querier, instansiID, reportID int64) (Report, error) {
	return scanReport(q.QueryRow(ctx, `SELECT `+reportCols+` FROM public_report r WHERE r.id = ? AND r.instansi_id = ?`,
		reportID, instansiID))
}

// ListFilter narrows [List].
type ListFilter struct {
	Status   string // one of Statuses, "" for all
	Burst    bool   // only reports flagged as one of many on the same person
	Unlinked bool   // only reports not attached to a case
	Limit    int    // default 50, at most 500
	Offset   int
}

// List returns the instansi's reports matching f, newest first, and how
// many match in all.
func List(ctx context.Context, q db.Querier, instansiID int64, f ListFilter) ([]Report, int, error) {
	where := ` WHERE r.instansi_id = ?`
	args := []any{instansiID}
	if f.Status != "" {
		where += ` AND r.status = ?`
		args = append(args, f.Status)
	}
	if f.Burst {
		where += ` AND r.burst = 1`
	}
	if f.Unlinked {
		where += ` AND r.case_id IS NULL`
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM public_report r`+where, args...).Scan(&total); err != nil {
		return nil, 0, wrap("count reports", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	rows, err := q.Query(ctx, `SELECT `+reportCols+` FROM public_report r`+where+` ORDER BY r.id DESC LIMIT `+
		strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, wrap("list reports", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, wrap("list reports", rows.Err())
}

// SamePerson counts the instansi's reports with the same reported person
// as r (r included).
func SamePerson(ctx context.Context, q db.Querier, r Report) (int, error) {
	if r.ReportedKey == "" {
		return 1, nil
	}
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM public_report WHERE instansi_id = ? AND reported_key = ?`,
		r.InstansiID, r.ReportedKey).Scan(&n)
	return n, wrap("count reports on the person", err)
}

// byReceipt reads a report by its receipt code (any instansi).
func byReceipt(ctx context.Context, q db.Querier, receipt string) (Report, error) {
	return scanReport(q.QueryRow(ctx, `SELECT `+reportCols+` FROM public_report r WHERE r.receipt = ?`, receipt))
}

// dummyHash is compared against when a receipt is unknown, so that an
// unknown receipt and a wrong secret take the same path.
var dummyHash = hashSecret("NTR-0000-0000", "0000-0000-0000-0000")

// Authenticate returns the report with receipt code receipt when secret is
// its secret; ErrBadCredentials for an unknown receipt and for a wrong
// secret alike (and for malformed ones).
func Authenticate(ctx context.Context, q db.Querier, receipt, secret string) (Report, error) {
	rc, okR := NormalizeReceipt(receipt)
	sc, okS := normalizeSecret(secret)
	if !okR || !okS {
		secretMatches("NTR-0000-0000", "x", dummyHash)
		return Report{}, ErrBadCredentials
	}
	r, err := byReceipt(ctx, q, rc)
	if errors.Is(err, ErrNotFound) {
		secretMatches(rc, sc, dummyHash)
		return Report{}, ErrBadCredentials
	}
	if err != nil {
		return Report{}, err
	}
	if !secretMatches(rc, sc, r.secretHash) {
		return Report{}, ErrBadCredentials
	}
	return r, nil
}

// AccessToken returns a token letting the reporter of r act on it for
// AccessTTL (see [CheckAccess]); key is a server key (sealbox.Box.Derive
// or a random one).
func AccessToken(key []byte, r Report, now time.Time) string {
	return accessToken(key, r.Receipt, r.secretHash, now)
}

// CheckAccess returns the report an access token was issued for;
// ErrBadCredentials when the token is malformed, expired, forged, or the
// report is gone.
func CheckAccess(ctx context.Context, q db.Querier, key []byte, tok string, now time.Time) (Report, error) {
	receipt, exp, mac, ok := parseAccess(tok, now)
	if !ok {
		return Report{}, ErrBadCredentials
	}
	r, err := byReceipt(ctx, q, receipt)
	if errors.Is(err, ErrNotFound) {
		return Report{}, ErrBadCredentials
	}
	if err != nil {
		return Report{}, err
	}
	want := accessMAC(key, r.Receipt, exp, r.secretHash)
	if subtle.ConstantTimeCompare([]byte(want), []byte(mac)) != 1 {
		return Report{}, ErrBadCredentials
	}
	return r, nil
}

// Messages returns the messages of a report of the instansi, oldest first,
// with the team member's user name (for staff; the reporter never sees it).
func Messages(ctx context.Context, q db.Querier, instansiID, reportID int64) ([]Message, error) {
	rows, err := q.Query(ctx, `SELECT m.id, m.author, m.body, m.status, COALESCE(m.user_id, 0), COALESCE(u.username, ''),
		m.created_at FROM public_report_message m LEFT JOIN app_user u ON u.id = m.user_id
		WHERE m.report_id = ? AND m.instansi_id = ? ORDER BY m.id`, reportID, instansiID)
	if err != nil {
		return nil, wrap("messages", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var at string
		if err := rows.Scan(&m.ID, &m.Author, &m.Body, &m.Status, &m.UserID, &m.UserName, &at); err != nil {
			return nil, wrap("messages", err)
		}
		m.CreatedAt = clock.Parse(at)
		out = append(out, m)
	}
	return out, wrap("messages", rows.Err())
}

// EvidenceList returns the evidence files of a report of the instansi
// (without their bytes), oldest first.
func EvidenceList(ctx context.Context, q db.Querier, instansiID, reportID int64) ([]Evidence, error) {
	rows, err := q.Query(ctx, `SELECT `+evidenceCols+` FROM public_report_evidence e
		WHERE e.report_id = ? AND e.instansi_id = ? ORDER BY e.id`, reportID, instansiID)
	if err != nil {
		return nil, wrap("evidence", err)
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, wrap("evidence", rows.Err())
}

const evidenceCols = `e.id, e.report_id, e.filename, e.content_type, e.size, e.sha256, e.stripped IS NOT NULL,
	e.stripped_sha256, e.width, e.height, e.added_by, e.created_at`

func scanEvidence(s interface{ Scan(...any) error }, extra ...any) (Evidence, error) {
	var e Evidence
	var at string
	var stripped bool
	dst := append([]any{&e.ID, &e.ReportID, &e.Filename, &e.ContentType, &e.Size, &e.SHA256, &stripped,
		&e.StrippedSHA256, &e.Width, &e.Height, &e.AddedBy, &at}, extra...)
	if err := s.Scan(dst...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return e, ErrNotFound
		}
		return e, wrap("evidence", err)
	}
	e.Stripped, e.CreatedAt = stripped, clock.Parse(at)
	return e, nil
}

// ErrIntegrity: a stored evidence file no longer matches its recorded hash.
var ErrIntegrity = errors.New("reports: stored evidence does not match its SHA-256")

// EvidenceData returns one evidence file of a report of the instansi with
// its bytes: the copy without metadata when stripped is true and one
// exists, else the original. The bytes are checked against the recorded
// SHA-256 (ErrIntegrity when they differ).
func EvidenceData(ctx context.Context, q db.Querier, instansiID, reportID, evidenceID int64, stripped bool) (Evidence, []byte, error) {
	col := `e.original`
	if stripped {
		col = `COALESCE(e.stripped, e.original)`
	}
	var data []byte
	e, err := scanEvidence(q.QueryRow(ctx, `SELECT `+evidenceCols+`, `+col+` FROM public_report_evidence e
		WHERE e.id = ? AND e.report_id = ? AND e.instansi_id = ?`, evidenceID, reportID, instansiID), &data)
	if err != nil {
		return e, nil, err
	}
	want := e.SHA256
	if stripped && e.Stripped {
		want = e.StrippedSHA256
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != want {
		return e, nil, fmt.Errorf("%w (evidence %d)", ErrIntegrity, e.ID)
	}
	return e, data, nil
}

// Links returns the links of a report of the instansi with the state of
// their captures.
func Links(ctx context.Context, q db.Querier, instansiID, reportID int64) ([]Link, error) {
	rows, err := q.Query(ctx, `SELECT l.id, l.url, COALESCE(l.capture_request_id, 0), l.capture_error,
		COALESCE(c.state, ''), COALESCE((SELECT MAX(x.id) FROM capture x WHERE x.request_id = l.capture_request_id), 0),
		l.created_at
		FROM public_report_link l LEFT JOIN capture_request c ON c.id = l.capture_request_id
		WHERE l.report_id = ? AND l.instansi_id = ? ORDER BY l.id`, reportID, instansiID)
	if err != nil {
		return nil, wrap("links", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var at string
		if err := rows.Scan(&l.ID, &l.URL, &l.CaptureRequestID, &l.CaptureError, &l.CaptureState, &l.LatestCaptureID,
			&at); err != nil {
			return nil, wrap("links", err)
		}
		l.CreatedAt = clock.Parse(at)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("links", err)
	}
	for i := range out {
		if out[i].LatestCaptureID != 0 {
			if err := q.QueryRow(ctx, `SELECT change FROM capture WHERE id = ?`, out[i].LatestCaptureID).
				Scan(&out[i].LatestChange); err != nil {
				return nil, wrap("links", err)
			}
		}
	}
	return out, nil
}

// CaptureLinks asks c to capture every link of a report that has no
// capture request yet (through [monitor.Capturer.Paste], audited as the
// public reporter's request). A link the capturer refuses (a private
// address, a bad URL) records the reason; with no capturer or no queue the
// links stay uncaptured, to be captured later from the staff page.
func CaptureLinks(ctx context.Context, d *db.DB, c *monitor.Capturer, actor audit.Actor, instansiID, reportID int64) error {
	if c == nil {
		return nil
	}
	r, err := Get(ctx, d, instansiID, reportID)
	if err != nil {
		return err
	}
	links, err := Links(ctx, d, instansiID, reportID)
	if err != nil {
		return err
	}
	for _, l := range links {
		if l.CaptureRequestID != 0 || l.CaptureError != "" {
			continue
		}
		req, err := c.Paste(ctx, actor, monitor.PasteInput{InstansiID: instansiID, URL: l.URL,
			Note: "Laporan publik " + r.Receipt})
		var pe *monitor.PasteError
		switch {
		case errors.As(err, &pe):
			if _, err := d.Exec(ctx, `UPDATE public_report_link SET capture_error = ? WHERE id = ?`, pe.Reason, l.ID); err != nil {
				return wrap("link capture", err)
			}
		case errors.Is(err, monitor.ErrNoQueue):
			return nil
		case err != nil:
			return wrap("link capture", err)
		default:
			if _, err := d.Exec(ctx, `UPDATE public_report_link SET capture_request_id = ? WHERE id = ?`, req.ID, l.ID); err != nil {
				return wrap("link capture", err)
			}
		}
	}
	return nil
}

// Reply adds a message from the reporter of r (authenticated by the
// caller), audited with the neutral public actor.
func Reply(ctx context.Context, d *db.DB, r Report, body string) error {
	body = cleanText(body, true)
	v := &ValidationError{}
	switch {
	case body == "":
		v.add("message", "required", "")
	case tooLong(body, MaxMessage):
		v.add("message", "too_long", strconv.Itoa(MaxMessage))
	}
	if err := v.err(); err != nil {
		return err
	}
	now := time.Now().UTC()
	return d.InTx(ctx, func(tx *db.Tx) error {
		stamp := clock.Format(now)
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO public_report_message (report_id, instansi_id, author, body, created_at)
			VALUES (?,?,'reporter',?,?) RETURNING id`, r.ID, r.InstansiID, body, stamp).Scan(&id); err != nil {
			return wrap("reply", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE public_report SET reporter_at = ?, updated_at = ? WHERE id = ?`, stamp, stamp, r.ID); err != nil {
			return wrap("reply", err)
		}
		return audit.Record(ctx, tx, PublicActor, audit.Event{InstansiID: r.InstansiID, Action: "report.reply",
			ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10),
			After: map[string]any{"message_id": id, "length": utf8.RuneCountInString(body)}})
	})
}

// AddEvidence adds files from the reporter of r (authenticated by the
// caller) within the report's limits; a *ValidationError when refused.
func AddEvidence(ctx context.Context, d *db.DB, r Report, ups []Upload) error {
	v := &ValidationError{}
	if len(ups) == 0 {
		v.add("files", "required", "")
		return v
	}
	now := time.Now().UTC()
	return d.InTx(ctx, func(tx *db.Tx) error {
		var n int
		var size int64
		if err := tx.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(size), 0) FROM public_report_evidence WHERE report_id = ?`,
			r.ID).Scan(&n, &size); err != nil {
			return wrap("evidence budget", err)
		}
		files := inspectFiles(ups, n, size, v)
		if err := v.err(); err != nil {
			return err
		}
		ev, err := insertFiles(ctx, tx, r, files, "followup", now)
		if err != nil {
			return err
		}
		stamp := clock.Format(now)
		if _, err := tx.Exec(ctx, `UPDATE public_report SET reporter_at = ?, updated_at = ? WHERE id = ?`, stamp, stamp, r.ID); err != nil {
			return wrap("add evidence", err)
		}
		return audit.Record(ctx, tx, PublicActor, audit.Event{InstansiID: r.InstansiID, Action: "report.evidence_add",
			ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10), After: map[string]any{"evidence": ev}})
	})
}

// PostMessage records a message from the team to the reporter of a report
// of the instansi and, when status is given and differs, changes its
// public status (refused with ErrLinked when a case handles the report).
// Both are audited with actor.
func PostMessage(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, reportID int64, body, status string) error {
	body = cleanText(body, true)
	v := &ValidationError{}
	if tooLong(body, MaxMessage) {
		v.add("message", "too_long", strconv.Itoa(MaxMessage))
	}
	if status != "" && !ValidStatus(status) {
		v.add("status", "unknown", status)
	}
	if body == "" && status == "" {
		v.add("message", "required", "")
	}
	if err := v.err(); err != nil {
		return err
	}
	now := time.Now().UTC()
	return d.InTx(ctx, func(tx *db.Tx) error {
		r, err := Get(ctx, tx, instansiID, reportID)
		if err != nil {
			return err
		}
		if status == r.Status {
			status = ""
		}
		if status != "" && r.CaseID != 0 {
			return ErrLinked
		}
		if body == "" && status == "" {
			return nil // nothing changes
		}
		return postTeam(ctx, tx, actor, r, body, status, actor.UserID, now)
	})
}

// postTeam writes a team message and/or a status change of r inside tx.
func postTeam(ctx context.Context, tx *db.Tx, actor audit.Actor, r Report, body, status string, userID int64, now time.Time) error {
	stamp := clock.Format(now)
	id := strconv.FormatInt(r.ID, 10)
	if status != "" {
		if _, err := tx.Exec(ctx, `UPDATE public_report SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ?`,
			status, stamp, stamp, r.ID); err != nil {
			return wrap("status", err)
		}
		if err := audit.Record(ctx, tx, actor, audit.Event{InstansiID: r.InstansiID, Action: "report.status",
			ObjectType: "public_report", ObjectID: id, Before: map[string]any{"status": r.Status},
			After: map[string]any{"status": status, "case_id": nullID(r.CaseID)}}); err != nil {
			return err
		}
	}
	var mid int64
	if err := tx.QueryRow(ctx, `INSERT INTO public_report_message (report_id, instansi_id, author, body, status, user_id,
		created_at) VALUES (?,?,'team',?,?,?,?) RETURNING id`, r.ID, r.InstansiID, body, status, nullID(userID), stamp).
		Scan(&mid); err != nil {
		return wrap("message", err)
	}
	if body == "" {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE public_report SET updated_at = ? WHERE id = ?`, stamp, r.ID); err != nil {
		return wrap("message", err)
	}
	return audit.Record(ctx, tx, actor, audit.Event{InstansiID: r.InstansiID, Action: "report.message",
		ObjectType: "public_report", ObjectID: id, After: map[string]any{"message_id": mid, "body": body, "status": status}})
}

// openIdentity decrypts the identity of r.
func openIdentity(ctx context.Context, q db.Querier, box *sealbox.Box, r Report) (Identity, error) {
	if r.Identity == IdentityAnonymous {
		return Identity{}, ErrNothingSealed
	}
	if box == nil {
		return Identity{}, ErrNoKey
	}
	var sealed string
	if err := q.QueryRow(ctx, `SELECT identity_sealed FROM public_report WHERE id = ?`, r.ID).Scan(&sealed); err != nil {
		return Identity{}, wrap("identity", err)
	}
	plain, err := box.Open(sealed, identityAD(r.Receipt))
	if err != nil {
		return Identity{}, wrap("open identity", err)
	}
	var id Identity
	if err := json.Unmarshal(plain, &id); err != nil {
		return Identity{}, wrap("open identity", err)
	}
	return id, nil
}

// MinRevealReason is the shortest reason accepted for a reveal.
const MinRevealReason = 10

// Reveal decrypts the identity of a report of the instansi for actor, who
// must give a reason; the reveal and its reason are audited before the
// identity is returned. The caller checks auth.PermReporterReveal.
func Reveal(ctx context.Context, d *db.DB, box *sealbox.Box, actor audit.Actor, instansiID, reportID int64, reason string) (Identity, error) {
	reason = cleanText(reason, true)
	if n := utf8.RuneCountInString(reason); n < MinRevealReason || n > 2000 {
		code := "too_short"
		if n == 0 {
			code = "required"
		} else if n > 2000 {
			code = "too_long"
		}
		return Identity{}, &ValidationError{Problems: []FieldError{{Field: "reason", Code: code, Detail: strconv.Itoa(MinRevealReason)}}}
	}
	r, err := Get(ctx, d, instansiID, reportID)
	if err != nil {
		return Identity{}, err
	}
	id, err := openIdentity(ctx, d, box, r)
	if err != nil {
		return Identity{}, err
	}
	err = audit.RecordNow(ctx, d, actor, audit.Event{InstansiID: instansiID, Action: "report.reveal",
		ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10),
		After: map[string]any{"reason": reason, "identity": r.Identity, "receipt": r.Receipt}})
	if err != nil {
		return Identity{}, err
	}
	return id, nil
}

// OpenIdentity decrypts the identity of a report whose reporter chose to
// be named ("open"), for the team handling it; the view is audited. Other
// reports answer ErrNothingSealed (anonymous) or need [Reveal]
// (confidential: an error).
func OpenIdentity(ctx context.Context, d *db.DB, box *sealbox.Box, actor audit.Actor, r Report) (Identity, error) {
	if r.Identity != IdentityOpen {
		return Identity{}, ErrNothingSealed
	}
	id, err := openIdentity(ctx, d, box, r)
	if err != nil {
		return Identity{}, err
	}
	err = audit.RecordNow(ctx, d, actor, audit.Event{InstansiID: r.InstansiID, Action: "report.identity_view",
		ObjectType: "public_report", ObjectID: strconv.FormatInt(r.ID, 10), After: map[string]any{"identity": r.Identity}})
	return id, err
}

// ReporterContact decrypts the identity of a report for the system to
// notify its reporter (e-mail). It records nothing and must never be used
// to show the identity to a person: use [Reveal] for that. ErrNothingSealed
// for an anonymous report.
func ReporterContact(ctx context.Context, q db.Querier, box *sealbox.Box, instansiID, reportID int64) (Identity, error) {
	r, err := Get(ctx, q, instansiID, reportID)
	if err != nil {
		return Identity{}, err
	}
	return openIdentity(ctx, q, box, r)
}
