package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/netral-asn/netral/internal/docs"
)

// Letterhead (kop surat) settings: GET/POST /pengaturan/kop-surat, the stored
// logo, and sample PDFs under the stored letterhead.

// letterheadPage is what letterhead.html receives.
type letterheadPage struct {
	Form    docs.Letterhead // the values in the form
	Stored  docs.Letterhead // what letters use now (the preview)
	HasLogo bool
	Errors  map[string]string // field → message
	Saved   bool
	Kinds   []option // sample documents
	Limits  letterheadLimits
}

type letterheadLimits struct {
	Line, Address, Phone, Email, Website, Place int
	LogoKB                                      int
}

var letterheadFields = []string{"line1", "line2", "line3", "address", "phone", "email", "website", "place", "logo"}

func (s *Server) letterheadData(r *http.Request, c *reqCtx, d *letterheadPage) error {
	stored, err := docs.LoadLetterhead(r.Context(), s.DB, c.Instansi)
	if err != nil {
		return err
	}
	d.Stored, d.HasLogo = stored, len(stored.Logo) > 0
	d.Stored.Logo = nil // served by letterheadLogo
	for _, k := range docs.Kinds {
		key := "letterhead.kind_" + k
		d.Kinds = append(d.Kinds, option{k, c.L.T(key)})
	}
	d.Limits = letterheadLimits{Line: docs.MaxLineLen, Address: docs.MaxAddressLen, Phone: docs.MaxPhoneLen,
		Email: docs.MaxEmailLen, Website: docs.MaxWebsiteLen, Place: docs.MaxPlaceLen, LogoKB: docs.MaxLogoBytes >> 10}
	return nil
}

// letterheadForm shows the instansi's letterhead, a preview of it and the
// form to change it.
func (s *Server) letterheadForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d := letterheadPage{Saved: r.URL.Query().Get("ok") == "1"}
	if err := s.letterheadData(r, c, &d); err != nil {
		return err
	}
	d.Form = d.Stored
	s.render(w, r, c, "letterhead.html", c.L.T("letterhead.title"), d)
	return nil
}

// letterheadFieldMsg is the message of a docs.FieldError in the user's language.
func letterheadFieldMsg(c *reqCtx, fe *docs.FieldError) string {
	key := "letterhead.err_" + fe.Reason
	switch fe.Reason {
	case "too_long", "logo_dimensions":
		return c.L.T(key, fe.Max)
	case "logo_size":
		return c.L.T(key, fe.Max>>10)
	}
	if msg := c.L.T(key); msg != key {
		return msg
	}
	return c.L.T("err.invalid")
}

// letterheadSave stores the letterhead from the form (multipart: the logo is
// a file, checked by its content). The logo is kept unless a new one is
// uploaded or "remove" is ticked.
func (s *Server) letterheadSave(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	d := letterheadPage{}
	if err := s.letterheadData(r, c, &d); err != nil {
		return err
	}
	form := docs.Letterhead{InstansiID: c.Instansi.ID,
		Line1: r.PostFormValue("line1"), Line2: r.PostFormValue("line2"), Line3: r.PostFormValue("line3"),
		Address: r.PostFormValue("address"), Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
		Website: r.PostFormValue("website"), Place: r.PostFormValue("place")}
	d.Form = form
	fail := func(field, msg string) error {
		d.Errors = map[string]string{field: msg}
		s.renderStatus(w, r, c, http.StatusBadRequest, "letterhead.html", c.L.T("letterhead.title"), d)
		return nil
	}
	// The logo: a new upload, removal, or the stored one.
	current, err := docs.LoadLetterhead(ctx, s.DB, c.Instansi)
	if err != nil {
		return err
	}
	form.Logo = current.Logo
	if r.PostFormValue("remove_logo") == "1" {
		form.Logo = nil
	}
	file, _, err := r.FormFile("logo")
	switch {
	case errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart):
	case err != nil:
		return fail("logo", c.L.T("letterhead.err_logo_corrupt"))
	default:
		data, rerr := io.ReadAll(io.LimitReader(file, docs.MaxLogoBytes+1))
		file.Close()
		if rerr != nil {
			return fail("logo", c.L.T("letterhead.err_logo_corrupt"))
		}
		if len(data) > 0 {
			logo, nerr := docs.NormalizeLogo(data)
			var fe *docs.FieldError
			if errors.As(nerr, &fe) {
				return fail("logo", letterheadFieldMsg(c, fe))
			}
			if nerr != nil {
				return nerr
			}
			form.Logo = logo
		}
	}
	_, err = docs.SaveLetterhead(ctx, s.DB, c.actor(r), form)
	var fe *docs.FieldError
	if errors.As(err, &fe) {
		if !slices.Contains(letterheadFields, fe.Field) {
			return badRequest(fe.Field)
		}
		return fail(fe.Field, letterheadFieldMsg(c, fe))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/pengaturan/kop-surat?ok=1", http.StatusSeeOther)
	return nil
}

// letterheadLogo serves the stored logo of the current instansi (a PNG
// re-encoded on upload).
func (s *Server) letterheadLogo(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	lh, err := docs.LoadLetterhead(r.Context(), s.DB, c.Instansi)
	if err != nil {
		return err
	}
	if len(lh.Logo) == 0 {
		return errNotFound
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("ETag", `"`+lh.LogoSHA256+`"`)
	http.ServeContent(w, r, "logo.png", lh.UpdatedAt, bytes.NewReader(lh.Logo))
	return nil
}

// letterheadSample renders a document of the kind ?jenis= with demonstration
// data under the stored letterhead, as a PDF shown in the browser.
func (s *Server) letterheadSample(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	kind := r.URL.Query().Get("jenis")
	if kind == "" {
		kind = docs.KindInvitation
	}
	if !slices.Contains(docs.Kinds, kind) {
		return badRequest("jenis")
	}
	lh, err := docs.LoadLetterhead(r.Context(), s.DB, c.Instansi)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := docs.Sample(&buf, lh, kind); err != nil {
		return fmt.Errorf("sample %s: %w", kind, err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="contoh-`+kind+`.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}
