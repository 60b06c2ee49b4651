package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
)

// auditPageSize is how many entries one audit page shows.
const auditPageSize = 50

// auditRow is one audit entry as shown, with its JSON indented.
type auditRow struct {
	audit.Entry
	BeforePretty string
	AfterPretty  string
}

// auditData is what audit.html shows.
type auditData struct {
	Entries     []auditRow
	Types       []string // object types present in the instansi's trail
	Type, ID    string   // filters
	Before      int64    // the page's cursor (0 = newest)
	Next        int64    // cursor of the next (older) page, 0 when none
	Checked     int64    // entries verified in the whole chain
	ChainOK     bool
	BrokenAt    int64
	BrokenWhy   string
	VerifyError bool // the chain could not be read
}

// auditList shows the audit trail of the current instansi, newest first,
// with the result of verifying the whole hash chain at the top.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := auditData{Type: strings.TrimSpace(q.Get("type")), ID: strings.TrimSpace(q.Get("id"))}
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 1 {
			return badRequest(c.L.T("audit.err_cursor"))
		}
		d.Before = n
	}
	entries, err := audit.List(ctx, s.DB, audit.Filter{InstansiID: c.Instansi.ID, ObjectType: d.Type, ObjectID: d.ID,
		BeforeSeq: d.Before, Limit: auditPageSize + 1})
	if err != nil {
		return err
	}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		d.Next = entries[len(entries)-1].Seq
	}
	for _, e := range entries {
		d.Entries = append(d.Entries, auditRow{Entry: e, BeforePretty: prettyJSON(e.Before), AfterPretty: prettyJSON(e.After)})
	}
	rows, err := s.DB.Query(ctx, `SELECT DISTINCT object_type FROM audit_log WHERE instansi_id = ? ORDER BY object_type`, c.Instansi.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		d.Types = append(d.Types, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	n, err := audit.Verify(ctx, s.DB)
	d.Checked = n
	var ce *audit.ChainError
	switch {
	case err == nil:
		d.ChainOK = true
	case errors.As(err, &ce):
		d.BrokenAt, d.BrokenWhy = ce.Seq, ce.Reason
	default:
		s.log.Error("audit verify", "err", err)
		d.VerifyError = true
	}
	s.render(w, r, c, "audit.html", c.L.T("audit.title"), d)
	return nil
}

// prettyJSON indents a JSON document for display; other text is returned as is.
func prettyJSON(s string) string {
	if s == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(s), "", "  "); err != nil {
		return s
	}
	return unescapeHTMLInJSON(buf.String())
}

// unescapeHTMLInJSON turns the \u003c, \u003e and \u0026 escapes that Go's
// JSON encoder writes for <, > and & back into the characters, so people read
// them as written (the page escapes them for HTML).
func unescapeHTMLInJSON(s string) string {
	if !strings.Contains(s, `\u00`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		if s[i+1] == 'u' && i+6 <= len(s) {
			switch s[i+2 : i+6] {
			case "003c":
				b.WriteByte('<')
				i += 5
				continue
			case "003e":
				b.WriteByte('>')
				i += 5
				continue
			case "0026":
				b.WriteByte('&')
				i += 5
				continue
			}
		}
		b.WriteString(s[i : i+2]) // any other escape, including \\, stays as it is
		i++
	}
	return b.String()
}
