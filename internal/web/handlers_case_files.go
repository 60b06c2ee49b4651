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
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/reports"
)

// Files attached to a case by the team (table case_file_doc, migration
// 00011): the accused ASN's written reply and the documents that came with
// it, the signed BA klarifikasi scan, and other evidence.
//
//	POST /perkara/{id}/berkas        upload one file (multipart: file, kind, note)
//	GET  /perkara/{id}/berkas/{fid}  download it (the team)
//	GET  /rujukan/{id}/berkas/{fid}  download it (the Bawaslu liaison, cases referred to Bawaslu)
//
// Files are checked by their content with reports.Inspect, the checker of
// public report evidence: only PDFs and JPEG, PNG or WebP images are kept,
// whatever the name says, at most reports.MaxFileBytes each (413 beyond).
// The original is stored exactly as received with its SHA-256; images also
// get a copy without metadata, and that copy is what is served and what goes
// into the referral package. Rows are immutable.
//
// Uploading takes the case page's access (instansi, role, conflict of
// interest, see cases.Service.View) and the right to write internal notes
// (cases.OpNote: the team, in every state). The Bawaslu liaison sees the
// files of cases referred to Bawaslu read-only: they are part of the
// referral package Bawaslu receives anyway. Uploads and downloads are
// audited (case.document_upload, case.document_download).

// Kinds of case files.
const (
	caseFileReply         = "reply"          // the ASN's written reply and its documents
	caseFileMinutesSigned = "minutes_signed" // the signed BA klarifikasi, scanned
	caseFileEvidence      = "evidence"       // other evidence gathered by the team
	caseFileOther         = "other"
)

var caseFileKinds = []string{caseFileReply, caseFileMinutesSigned, caseFileEvidence, caseFileOther}

// caseFileKindNames are the kinds in Indonesian for the referral package
// and the case summary.
var caseFileKindNames = map[string]string{
	caseFileReply:         "Jawaban tertulis ASN",
	caseFileMinutesSigned: "Berita acara klarifikasi bertanda tangan",
	caseFileEvidence:      "Bukti dari tim",
	caseFileOther:         "Berkas lain",
}

// caseFileNoteMax is the longest description of a file, in characters.
const caseFileNoteMax = 500

// caseFileUploadPattern is the upload route; its body limit is raised to
// one file (middleware.go through caseFileUploadLimit).
const caseFileUploadPattern = "/perkara/{id}/berkas"

// caseFileUploadLimit is the body limit of a route pattern that uploads a
// case file (one file of reports.MaxFileBytes and the form around it), 0
// for other routes.
func caseFileUploadLimit(pattern string) int64 {
	if pattern == caseFileUploadPattern {
		return reports.MaxFileBytes + 256<<10
	}
	return 0
}

// caseFileAccepted lists the media types a case file may have.
var caseFileAccepted = []string{"application/pdf", "image/jpeg", "image/png", "image/webp"}

// caseFile is one stored file of a case (without its bytes).
type caseFile struct {
	ID             int64
	CaseID         int64
	Kind           string
	KindLabel      string
	Filename       string
	ContentType    string
	Size           int64 // of the original
	SHA256         string
	Stripped       bool // an image copy without metadata exists (and is what is served)
	StrippedSize   int64
	StrippedSHA256 string
	Note           string
	UploaderName   string
	UploadedAt     time.Time
}

// ServedSHA256 is the SHA-256 of the bytes a download gives.
func (f caseFile) ServedSHA256() string {
	if f.Stripped {
		return f.StrippedSHA256
	}
	return f.SHA256
}

// caseFilesBox is the files section of the case page.
type caseFilesBox struct {
	Files     []caseFile
	CanUpload bool
	Kinds     []option
	Base      string // "/perkara" or "/rujukan"
	MaxMB     int
}

const caseFileCols = `d.id, d.case_id, d.kind, d.filename, d.content_type, d.size, d.sha256,
	CASE WHEN d.stripped IS NULL THEN 0 ELSE 1 END, COALESCE(LENGTH(d.stripped), 0), d.stripped_sha256, d.note,
	COALESCE(NULLIF(u.full_name, ''), u.username, ''), d.uploaded_at`

func scanCaseFile(s interface{ Scan(...any) error }, extra ...any) (caseFile, error) {
	var f caseFile
	var stripped int
	var at string
	err := s.Scan(append([]any{&f.ID, &f.CaseID, &f.Kind, &f.Filename, &f.ContentType, &f.Size, &f.SHA256, &stripped,
		&f.StrippedSize, &f.StrippedSHA256, &f.Note, &f.UploaderName, &at}, extra...)...)
	f.Stripped, f.UploadedAt = stripped == 1, clock.Parse(at)
	return f, err
}

// caseFiles lists the files of a case of the instansi, oldest first.
func caseFiles(ctx context.Context, q db.Querier, instansiID, caseID int64) ([]caseFile, error) {
	rows, err := q.Query(ctx, `SELECT `+caseFileCols+` FROM case_file_doc d LEFT JOIN app_user u ON u.id = d.uploaded_by
		WHERE d.instansi_id = ? AND d.case_id = ? ORDER BY d.id`, instansiID, caseID)
	if err != nil {
		return nil, fmt.Errorf("files of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []caseFile
	for rows.Next() {
		f, err := scanCaseFile(rows)
		if err != nil {
			return nil, fmt.Errorf("files of case %d: %w", caseID, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// errCaseFileIntegrity is a stored file whose bytes no longer match their
// recorded SHA-256.
var errCaseFileIntegrity = errors.New("case file does not match its recorded SHA-256")

// caseFileData returns a file of a case with the bytes served: the copy
// without metadata when there is one, else the original, checked against
// the recorded SHA-256.
func caseFileData(ctx context.Context, q db.Querier, instansiID, caseID, fileID int64) (caseFile, []byte, error) {
	var data []byte
	f, err := scanCaseFile(q.QueryRow(ctx, `SELECT `+caseFileCols+`, COALESCE(d.stripped, d.original)
		FROM case_file_doc d LEFT JOIN app_user u ON u.id = d.uploaded_by
		WHERE d.id = ? AND d.case_id = ? AND d.instansi_id = ?`, fileID, caseID, instansiID), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil, errNotFound
	}
	if err != nil {
		return f, nil, fmt.Errorf("case file %d: %w", fileID, err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.ServedSHA256() {
		return f, nil, fmt.Errorf("%w (case file %d)", errCaseFileIntegrity, f.ID)
	}
	return f, data, nil
}

// caseFilesSection prepares the files section of the page of case cs.
func (s *Server) caseFilesSection(ctx context.Context, c *reqCtx, cs cases.Case, limited bool) (caseFilesBox, error) {
	box := caseFilesBox{Base: "/perkara", MaxMB: reports.MaxFileBytes >> 20}
	if limited {
		box.Base = "/rujukan"
	}
	files, err := caseFiles(ctx, s.DB, cs.InstansiID, cs.ID)
	if err != nil {
		return box, err
	}
	for i := range files {
		files[i].KindLabel = tkey(c, "case.file_kind.", files[i].Kind)
	}
	box.Files = files
	box.CanUpload = !limited && c.Can("cases.handle") && cases.Allowed(c.User.Role, cases.OpNote, cs.Status) == nil
	for _, k := range caseFileKinds {
		box.Kinds = append(box.Kinds, option{k, tkey(c, "case.file_kind.", k)})
	}
	return box, nil
}

// caseFileRefusal turns a refused upload into its status and message.
func caseFileRefusal(c *reqCtx, code, detail string) (int, string) {
	switch code {
	case reports.ErrCodeFileEmpty:
		return http.StatusBadRequest, c.L.T("case.file_err_empty")
	case reports.ErrCodeFileTooLarge:
		return http.StatusRequestEntityTooLarge, c.L.T("case.file_err_too_large", reports.MaxFileBytes>>20)
	case reports.ErrCodeImageTooLarge:
		return http.StatusBadRequest, c.L.T("case.file_err_image_too_large")
	case reports.ErrCodeImageInvalid:
		return http.StatusBadRequest, c.L.T("case.file_err_image_invalid")
	}
	if detail == "" {
		detail = "?"
	}
	return http.StatusBadRequest, c.L.T("case.file_err_type", detail)
}

// caseFileUpload stores a file given on the case page.
func (s *Server) caseFileUpload(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	if err := cases.Allowed(c.User.Role, cases.OpNote, cs.Status); err != nil {
		return caseHTTPError(c, err)
	}
	ctx := r.Context()
	fail := func(status int, msg string) error {
		return s.renderCase(w, r, c, cs, caseFormState{Form: "files", Error: msg, Vals: r.PostForm}, "", status, false)
	}
	kind := r.PostFormValue("kind")
	if !slices.Contains(caseFileKinds, kind) {
		return fail(http.StatusBadRequest, c.L.T("case.file_err_kind"))
	}
	note := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("note"), "\r\n", "\n"))
	if utf8.RuneCountInString(note) > caseFileNoteMax || !utf8.ValidString(note) {
		return fail(http.StatusBadRequest, c.L.T("case.file_err_note", caseFileNoteMax))
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return fail(http.StatusBadRequest, c.L.T("case.file_err_missing"))
	}
	if len(r.MultipartForm.File["file"]) > 1 {
		return fail(http.StatusBadRequest, c.L.T("case.file_err_one"))
	}
	fh := r.MultipartForm.File["file"][0]
	if fh.Size > reports.MaxFileBytes {
		st, msg := caseFileRefusal(c, reports.ErrCodeFileTooLarge, "")
		return fail(st, msg)
	}
	fr, err := fh.Open()
	if err != nil {
		return fmt.Errorf("case file upload: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(fr, reports.MaxFileBytes+1))
	fr.Close()
	if err != nil {
		return fmt.Errorf("case file upload: %w", err)
	}
	f, err := reports.Inspect(reports.Upload{Name: fh.Filename, Data: data})
	if err != nil {
		code, detail, ok := reports.Refusal(err)
		if !ok {
			return fmt.Errorf("case file upload: %w", err)
		}
		st, msg := caseFileRefusal(c, code, detail)
		return fail(st, msg)
	}
	if !slices.Contains(caseFileAccepted, f.ContentType) { // a video: fine for a public report, not here
		st, msg := caseFileRefusal(c, reports.ErrCodeFileType, f.ContentType)
		return fail(st, msg)
	}
	now := time.Now()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var stripped any
		if f.Stripped != nil {
			stripped = f.Stripped
		}
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO case_file_doc (case_id, instansi_id, kind, filename, content_type, size,
			sha256, original, stripped, stripped_sha256, note, uploaded_by, uploaded_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, cs.ID, cs.InstansiID, kind, f.Name, f.ContentType,
			len(f.Original), f.SHA256, f.Original, stripped, f.StrippedSHA256, note, c.User.ID, clock.Format(now)).Scan(&id); err != nil {
			return fmt.Errorf("case %d: store file: %w", cs.ID, err)
		}
		return audit.Record(ctx, tx, c.actor(r), audit.Event{InstansiID: cs.InstansiID, Action: "case.document_upload",
			ObjectType: "case", ObjectID: itoa(cs.ID), After: map[string]any{"file": id, "kind": kind, "name": f.Name,
				"type": f.ContentType, "size": len(f.Original), "sha256": f.SHA256, "metadata_stripped": f.Stripped != nil,
				"stripped_sha256": f.StrippedSHA256}})
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=file#berkas", http.StatusSeeOther)
	return nil
}

// caseFileDownload serves a file of a case to the team.
func (s *Server) caseFileDownload(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	return s.serveCaseFile(w, r, c, cs)
}

// caseReferredFileDownload serves a file of a case referred to Bawaslu to
// the Bawaslu liaison (the same files as in the referral package).
func (s *Server) caseReferredFileDownload(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	if !cs.ReferredToBawaslu() {
		return errNotFound
	}
	return s.serveCaseFile(w, r, c, cs)
}

// serveCaseFile sends the file {fid} of case cs as an attachment, audited.
func (s *Server) serveCaseFile(w http.ResponseWriter, r *http.Request, c *reqCtx, cs cases.Case) error {
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil || fid <= 0 {
		return errNotFound
	}
	ctx := r.Context()
	f, data, err := caseFileData(ctx, s.DB, cs.InstansiID, cs.ID, fid)
	if errors.Is(err, errCaseFileIntegrity) {
		s.log.Error("case file refused: its bytes do not match the recorded SHA-256", "case", cs.ID, "file", fid, "err", err)
		_ = audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: cs.InstansiID, Action: "case.document_tamper_detected",
			ObjectType: "case_file_doc", ObjectID: itoa(fid)})
		return errInternal
	}
	if err != nil {
		return err
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: cs.InstansiID, Action: "case.document_download",
		ObjectType: "case", ObjectID: itoa(cs.ID), After: map[string]any{"file": f.ID, "sha256": f.ServedSHA256(),
			"metadata_stripped": f.Stripped}}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", attachmentHeader(f.Filename))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, err = io.Copy(w, bytes.NewReader(data))
	return err
}

// attachmentHeader is a Content-Disposition "attachment" naming the file
// (RFC 2231 encoded when it is not plain ASCII).
func attachmentHeader(name string) string {
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

// caseFileEvidence lists the files of a case as evidence of the referral
// package and the summary (the copy without metadata for images).
func (s *Server) caseFileEvidence(ctx context.Context, cs cases.Case) ([]caseEvidenceFile, error) {
	files, err := caseFiles(ctx, s.DB, cs.InstansiID, cs.ID)
	if err != nil {
		return nil, err
	}
	out := make([]caseEvidenceFile, 0, len(files))
	for _, f := range files {
		e := caseEvidenceFile{Name: "berkas-" + itoa(f.ID) + "-" + f.Kind + "-" + f.Filename,
			Kind: caseFileKindNames[f.Kind] + " (" + f.ContentType + ")", Size: f.Size, SHA256: f.SHA256, At: f.UploadedAt}
		if f.Stripped {
			e.Kind = caseFileKindNames[f.Kind] + " (" + f.ContentType + ", salinan tanpa metadata)"
			e.Size, e.SHA256 = f.StrippedSize, f.StrippedSHA256
		}
		inst, caseID, fid := cs.InstansiID, cs.ID, f.ID
		e.Open = func() (io.ReadCloser, error) {
			_, data, err := caseFileData(ctx, s.DB, inst, caseID, fid)
			if err != nil {
				return nil, err
			}
			return io.NopCloser(bytes.NewReader(data)), nil
		}
		out = append(out, e)
	}
	return out, nil
}

func init() {
	caseNotices["file"] = "case.notice_file"
}
