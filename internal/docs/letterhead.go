package docs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/draw"

	"github.com/netral-asn/netral/internal/tenant"
)

// Letterhead is an instansi's kop surat: the block at the top of the first
// page of every letter it prints. Its text is drawn as given (uppercase the
// name lines yourself, as Pemda letterheads do).
type Letterhead struct {
	InstansiID int64
	// Line1 is the first name line, e.g. "PEMERINTAH KABUPATEN TANJUNG HARAPAN".
	Line1 string
	// Line2 is the main (largest) name line: the team or office, e.g.
	// "TIM PENGAWAS NETRALITAS APARATUR SIPIL NEGARA".
	Line2 string
	// Line3 is an optional smaller line below, e.g. "SEKRETARIAT DAERAH".
	Line3   string
	Address string // street, town and postal code
	Phone   string
	Email   string
	Website string
	// Place is the town written before the date of a letter ("Tanjung
	// Harapan, 2 Oktober 2024").
	Place string
	// Logo is the instansi's emblem as a PNG normalised by [NormalizeLogo]
	// (nil: none); LogoSHA256 is its hex SHA-256.
	Logo       []byte
	LogoSHA256 string
	// Configured is false for the default derived from the instansi
	// ([DefaultLetterhead]) until an admin saves one.
	Configured bool
	UpdatedAt  time.Time
	UpdatedBy  int64 // app_user id, 0 for the system
}

// Limits of the letterhead fields, in characters.
const (
	MaxLineLen    = 120
	MaxAddressLen = 250
	MaxPhoneLen   = 60
	MaxEmailLen   = 254
	MaxWebsiteLen = 200
	MaxPlaceLen   = 80
)

// Logo limits: the upload size and the accepted pixel dimensions. A logo is
// stored at most LogoStoredHeight pixels high.
const (
	MaxLogoBytes     = 800 << 10
	MaxLogoPixels    = 4096
	MinLogoPixels    = 16
	LogoStoredHeight = 400
)

// ErrInvalid is matched (errors.Is) by every [*FieldError].
var ErrInvalid = errors.New("invalid")

// FieldError names the field of an input that is wrong and why. Reason is a
// stable code ("required", "too_long", "control", "email", "website",
// "phone", "logo_type", "logo_size", "logo_dimensions", "logo_corrupt") that
// the web layer turns into a message; Max is the limit for "too_long" and
// "logo_size".
type FieldError struct {
	Field  string
	Reason string
	Max    int
}

func (e *FieldError) Error() string {
	if e.Max > 0 {
		return fmt.Sprintf("%s: %s (max %d)", e.Field, e.Reason, e.Max)
	}
	return e.Field + ": " + e.Reason
}

// Unwrap makes a FieldError match [ErrInvalid].
func (e *FieldError) Unwrap() error { return ErrInvalid }

// DefaultLetterhead returns the letterhead used until an admin configures
// one: the instansi's name in capitals under "PEMERINTAH" and the team's
// name, with the town taken from the instansi's name.
func DefaultLetterhead(inst tenant.Instansi) Letterhead {
	name := strings.TrimSpace(inst.Name)
	place := name
	for _, p := range []string{"Kabupaten ", "Kota ", "Provinsi ", "Kab. "} {
		if strings.HasPrefix(place, p) {
			place = strings.TrimPrefix(place, p)
			break
		}
	}
	line1 := "PEMERINTAH " + strings.ToUpper(name)
	if inst.Code == tenant.NationalCode {
		line1 = strings.ToUpper(name)
		place = "Jakarta"
	}
	return Letterhead{InstansiID: inst.ID, Line1: line1,
		Line2: "TIM PENGAWAS NETRALITAS APARATUR SIPIL NEGARA", Place: place}
}

// Normalize trims the fields' surrounding spaces.
func (lh *Letterhead) Normalize() {
	for _, p := range []*string{&lh.Line1, &lh.Line2, &lh.Line3, &lh.Address, &lh.Phone, &lh.Email, &lh.Website, &lh.Place} {
		*p = strings.TrimSpace(*p)
	}
}

// Validate checks the letterhead's fields and returns the first problem as
// a [*FieldError] (fields named line1, line2, line3, address, phone, email,
// website, place).
func (lh Letterhead) Validate() error {
	type field struct {
		name     string
		v        string
		max      int
		required bool
	}
	for _, f := range []field{
		{"line1", lh.Line1, MaxLineLen, true}, {"line2", lh.Line2, MaxLineLen, true}, {"line3", lh.Line3, MaxLineLen, false},
		{"address", lh.Address, MaxAddressLen, false}, {"phone", lh.Phone, MaxPhoneLen, false},
		{"email", lh.Email, MaxEmailLen, false}, {"website", lh.Website, MaxWebsiteLen, false},
		{"place", lh.Place, MaxPlaceLen, true},
	} {
		if f.required && strings.TrimSpace(f.v) == "" {
			return &FieldError{Field: f.name, Reason: "required"}
		}
		if utf8.RuneCountInString(f.v) > f.max {
			return &FieldError{Field: f.name, Reason: "too_long", Max: f.max}
		}
		if !utf8.ValidString(f.v) || strings.ContainsFunc(f.v, func(r rune) bool { return unicode.IsControl(r) }) {
			return &FieldError{Field: f.name, Reason: "control"}
		}
	}
	if lh.Phone != "" && strings.ContainsFunc(lh.Phone, func(r rune) bool {
		return !(r >= '0' && r <= '9') && !strings.ContainsRune(" +-().,/", r) && !unicode.IsLetter(r)
	}) {
		return &FieldError{Field: "phone", Reason: "phone"}
	}
	if lh.Email != "" {
		a, err := mail.ParseAddress(lh.Email)
		if err != nil || a.Name != "" || a.Address != lh.Email {
			return &FieldError{Field: "email", Reason: "email"}
		}
	}
	if lh.Website != "" && !validWebsite(lh.Website) {
		return &FieldError{Field: "website", Reason: "website"}
	}
	return nil
}

// validWebsite accepts "https://host/path", "http://host" or a bare host
// name such as "tanjungharapankab.go.id".
func validWebsite(s string) bool {
	raw := s
	if !strings.Contains(s, "://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return false
	}
	host := u.Hostname()
	return strings.Contains(host, ".") && !strings.ContainsAny(host, " <>\"'")
}

// NormalizeLogo checks an uploaded logo by its content (not its name or
// declared type) and returns it re-encoded as a PNG at most
// LogoStoredHeight pixels high, without any of the original's metadata. It
// accepts PNG and JPEG up to MaxLogoBytes and MaxLogoPixels on a side;
// anything else is a [*FieldError] on the field "logo".
func NormalizeLogo(data []byte) ([]byte, error) {
	if len(data) > MaxLogoBytes {
		return nil, &FieldError{Field: "logo", Reason: "logo_size", Max: MaxLogoBytes}
	}
	var decode func([]byte) (image.Image, error)
	var config func([]byte) (image.Config, error)
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
		config = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
		config = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
	default:
		return nil, &FieldError{Field: "logo", Reason: "logo_type"}
	}
	// The dimensions are checked before decoding, so a small file claiming
	// a huge image (a decompression bomb) is refused without allocating it.
	cfg, err := config(data)
	if err != nil {
		return nil, &FieldError{Field: "logo", Reason: "logo_corrupt"}
	}
	if cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels || cfg.Width < MinLogoPixels || cfg.Height < MinLogoPixels {
		return nil, &FieldError{Field: "logo", Reason: "logo_dimensions", Max: MaxLogoPixels}
	}
	img, err := decode(data)
	if err != nil {
		return nil, &FieldError{Field: "logo", Reason: "logo_corrupt"}
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if h > LogoStoredHeight {
		w, h = max(1, w*LogoStoredHeight/h), LogoStoredHeight
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, dst); err != nil {
		return nil, fmt.Errorf("logo: encode: %w", err)
	}
	return out.Bytes(), nil
}

// hashHex returns the hex SHA-256 of b.
func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
