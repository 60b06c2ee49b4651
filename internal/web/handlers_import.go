package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/roster"
)

// importPage is what import.html receives.
type importPage struct {
	MaxSize string
	DryRun  bool
	Error   string
}

// problemRow is one error or warning of an import, in the user's language.
type problemRow struct {
	Line    int
	Column  string
	Message string
}

// importReportPage is what import_report.html receives.
type importReportPage struct {
	Filename string
	Rows     int // data rows read without errors
	Report   *registry.ImportReport
	Problems []problemRow
	Warnings []problemRow
}

func problemRows(c *reqCtx, ps []roster.Problem) []problemRow {
	out := make([]problemRow, 0, len(ps))
	for _, p := range ps {
		msg := p.Message
		if c.L.Lang == "id" && p.MessageID != "" {
			msg = p.MessageID
		}
		line, col := p.Line, p.Column
		if line == 0 {
			// The registry names a row it refused as "row N: field".
			var n int
			var field string
			if k, err := fmt.Sscanf(col, "row %d: %s", &n, &field); err == nil && k == 2 {
				line, col = n, field
			}
		}
		out = append(out, problemRow{Line: line, Column: col, Message: msg})
	}
	return out
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	s.render(w, r, c, "import.html", c.L.T("import.title"), importPage{MaxSize: roster.SizeText(s.opts.MaxUploadBytes)})
	return nil
}

// importTemplate downloads an empty roster with the contract's header row.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var buf bytes.Buffer
	if err := roster.Write(&buf, "csv", nil); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="templat-pegawai.csv"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
	return nil
}

func (s *Server) importSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	dry := r.PostFormValue("dry_run") != ""
	file, fh, err := r.FormFile("file")
	if err != nil {
		s.renderStatus(w, r, c, http.StatusBadRequest, "import.html", c.L.T("import.title"),
			importPage{MaxSize: roster.SizeText(s.opts.MaxUploadBytes), DryRun: dry, Error: c.L.T("import.err_no_file")})
		return nil
	}
	defer file.Close()
	if fh.Size > s.opts.MaxUploadBytes {
		return errTooLarge
	}
	res, err := roster.Read(file, fh.Filename, roster.Options{MaxBytes: s.opts.MaxUploadBytes, Now: time.Now()})
	if err != nil {
		return err
	}
	rep, err := s.Reg.ImportRoster(r.Context(), c.actor(r), c.Instansi.ID, res, dry)
	if err != nil {
		return err
	}
	d := importReportPage{Filename: fh.Filename, Rows: len(res.Rows), Report: rep,
		Problems: problemRows(c, rep.Problems), Warnings: problemRows(c, rep.Warnings)}
	status := http.StatusOK
	if !rep.OK() {
		status = http.StatusBadRequest // the file was rejected: nothing was saved
	}
	s.renderStatus(w, r, c, status, "import_report.html", c.L.T("import.report_title"), d)
	return nil
}

// exportRoster downloads the roster of the instansi (within the user's OPD
// scope) as CSV or XLSX, in the columns an import reads back.
func (s *Server) exportRoster(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	format := strings.ToLower(r.URL.Query().Get("format"))
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		return badRequest("format")
	}
	ctx := r.Context()
	rows, err := s.Reg.ExportRows(ctx, c.Instansi.ID, c.OPDScope)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := roster.Write(&buf, format, rows); err != nil {
		return err
	}
	name := fmt.Sprintf("roster-%s-%s.%s", fileSafe(c.Instansi.Code), time.Now().Format("20060102"), format)
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "roster.export",
		ObjectType: "roster", ObjectID: name, After: map[string]any{"format": format, "employees": len(rows)}}); err != nil {
		return err
	}
	ctype := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
	return nil
}

// fileSafe keeps the characters safe in a download's file name.
func fileSafe(s string) string {
	out := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '.', r == '-', r == '_':
			return r
		}
		return -1
	}, s)
	if out == "" {
		return "netral"
	}
	return out
}
