package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of evidence files.
const (
	// MaxFileBytes is the largest evidence file accepted.
	MaxFileBytes = 10 << 20
	// MaxReportBytes is the most evidence one report may hold in all
	// (files given with the report and added later).
	MaxReportBytes = 25 << 20
	// MaxFiles is the most evidence files one report may hold.
	MaxFiles = 10
	// MaxPixels bounds an image's width × height: larger images are refused
	// rather than decoded (a small file can claim a huge picture).
	MaxPixels = 30_000_000
)

// decodeSlots bounds the images decoded at the same time in the process
// (each may take up to MaxPixels × 4 bytes while it is re-encoded).
var decodeSlots = make(chan struct{}, 2)

// Upload is a file as received: its name as given and its bytes.
type Upload struct {
	Name string
	Data []byte
}

// File is an accepted evidence file: the original exactly as received with
// its SHA-256, and for images a copy without metadata (EXIF, XMP, text
// chunks) for staff views.
type File struct {
	Name           string // cleaned display name
	ContentType    string // detected from the content
	Original       []byte
	SHA256         string
	Stripped       []byte // nil when no stripped copy could be made (PDF, video)
	StrippedSHA256 string
	Width, Height  int
}

// Reasons an upload is refused (FieldError codes).
const (
	ErrCodeFileEmpty     = "file_empty"
	ErrCodeFileType      = "file_type"       // not an accepted kind by its content
	ErrCodeFileTooLarge  = "file_too_large"  // over MaxFileBytes
	ErrCodeImageTooLarge = "image_too_large" // over MaxPixels
	ErrCodeImageInvalid  = "image_invalid"   // says it is an image but cannot be read
)

// errUpload is a refused upload; Code is one of the ErrCode* values.
type errUpload struct{ Code, Detail string }

func (e *errUpload) Error() string { return e.Code + ": " + e.Detail }

// Accepted kinds of evidence, by content.
const (
	typeJPEG = "image/jpeg"
	typePNG  = "image/png"
	typeWebP = "image/webp"
	typePDF  = "application/pdf"
	typeMP4  = "video/mp4"
	typeMOV  = "video/quicktime"
)

// AcceptedTypes lists the media types accepted as evidence.
var AcceptedTypes = []string{typeJPEG, typePNG, typeWebP, typePDF, typeMP4, typeMOV}

// detect returns the accepted media type of data judged by its content
// alone (the name and the declared type are ignored), "" when it is none
// of them; sniffed is what http.DetectContentType made of it.
func detect(data []byte) (mt, sniffed string) {
	sniffed = http.DetectContentType(data)
	base, _, _ := strings.Cut(sniffed, ";")
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) && base == typeJPEG:
		return typeJPEG, sniffed
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) && base == typePNG:
		return typePNG, sniffed
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP" && base == typeWebP:
		return typeWebP, sniffed
	case bytes.HasPrefix(data, []byte("%PDF-")) && base == typePDF:
		return typePDF, sniffed
	}
	if v := videoType(data); v != "" {
		return v, sniffed
	}
	return "", sniffed
}

// videoType recognises an ISO base media file (MP4, QuickTime) by its ftyp
// box and major brand.
func videoType(data []byte) string {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return ""
	}
	size := binary.BigEndian.Uint32(data[0:4])
	if size < 16 || size > 4096 {
		return ""
	}
	switch brand := string(data[8:12]); brand {
	case "qt  ":
		return typeMOV
	case "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "MSNV", "3gp4", "3gp5", "3gp6", "dash":
		return typeMP4
	}
	return ""
}

// Inspect checks an upload by its content and prepares it for storage: it
// refuses anything that is not a JPEG, PNG or WebP image, a PDF or an
// MP4/QuickTime video — whatever its name says — and files over
// MaxFileBytes; it records the SHA-256 of the original and, for images,
// makes a copy without metadata (JPEG and PNG re-encoded, which also drops
// anything hidden after the picture; WebP with its EXIF and XMP chunks
// removed).
func Inspect(u Upload) (File, error) {
	if len(u.Data) == 0 {
		return File{}, &errUpload{ErrCodeFileEmpty, ""}
	}
	if len(u.Data) > MaxFileBytes {
		return File{}, &errUpload{ErrCodeFileTooLarge, fmt.Sprintf("%d > %d bytes", len(u.Data), MaxFileBytes)}
	}
	mt, sniffed := detect(u.Data)
	if mt == "" {
		base, _, _ := strings.Cut(sniffed, ";")
		return File{}, &errUpload{ErrCodeFileType, base}
	}
	sum := sha256.Sum256(u.Data)
	f := File{Name: cleanName(u.Name, mt), ContentType: mt, Original: u.Data, SHA256: hex.EncodeToString(sum[:])}
	var err error
	switch mt {
	case typeJPEG, typePNG:
		f.Stripped, f.Width, f.Height, err = reencode(u.Data, mt)
	case typeWebP:
		f.Stripped, err = stripWebP(u.Data)
	}
	if err != nil {
		return File{}, err
	}
	if f.Stripped != nil {
		s := sha256.Sum256(f.Stripped)
		f.StrippedSHA256 = hex.EncodeToString(s[:])
	}
	return f, nil
}

// reencode decodes a JPEG or PNG and encodes it again, which keeps the
// picture and drops every metadata segment or chunk.
func reencode(data []byte, mt string) ([]byte, int, int, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, &errUpload{ErrCodeImageInvalid, err.Error()}
	}
	if (mt == typeJPEG && format != "jpeg") || (mt == typePNG && format != "png") {
		return nil, 0, 0, &errUpload{ErrCodeImageInvalid, "format " + format}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, 0, 0, &errUpload{ErrCodeImageTooLarge, fmt.Sprintf("%d×%d", cfg.Width, cfg.Height)}
	}
	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, &errUpload{ErrCodeImageInvalid, err.Error()}
	}
	var buf bytes.Buffer
	if mt == typeJPEG {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92})
	} else {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("reports: re-encode image: %w", err)
	}
	return buf.Bytes(), cfg.Width, cfg.Height, nil
}

// stripWebP removes the EXIF and XMP chunks of a WebP file and clears
// their flags in the VP8X header.
func stripWebP(data []byte) ([]byte, error) {
	bad := &errUpload{ErrCodeImageInvalid, "malformed WebP"}
	if len(data) < 12 {
		return nil, bad
	}
	riffSize := int(binary.LittleEndian.Uint32(data[4:8]))
	if riffSize+8 > len(data) || riffSize < 4 {
		return nil, bad
	}
	body := data[12 : 8+riffSize]
	out := []byte("RIFF\x00\x00\x00\x00WEBP")
	vp8x := -1
	for len(body) > 0 {
		if len(body) < 8 {
			return nil, bad
		}
		fourcc := string(body[0:4])
		n := int(binary.LittleEndian.Uint32(body[4:8]))
		total := 8 + n + n%2
		if n < 0 || 8+n > len(body) {
			return nil, bad
		}
		if total > len(body) {
			total = len(body) // a missing pad byte at the very end
		}
		switch fourcc {
		case "EXIF", "XMP ":
		default:
			if fourcc == "VP8X" {
				vp8x = len(out)
			}
			out = append(out, body[:total]...)
		}
		body = body[total:]
	}
	if vp8x >= 0 && len(out) > vp8x+8 {
		out[vp8x+8] &^= 0x08 | 0x04 // EXIF and XMP present flags
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}

// cleanName keeps a display name: the base name, printable characters
// only, at most 120 characters, with the extension of the detected type.
func cleanName(name, mt string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	for _, r := range name {
		if unicode.IsPrint(r) && r != '"' && r != '/' {
			b.WriteRune(r)
		}
	}
	s := strings.TrimSpace(b.String())
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	for utf8.RuneCountInString(s) > 100 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" || s == "." {
		s = "bukti"
	}
	return s + "." + Extension(mt)
}

// Extension is the file extension of an accepted media type.
func Extension(mt string) string {
	switch mt {
	case typeJPEG:
		return "jpg"
	case typePNG:
		return "png"
	case typeWebP:
		return "webp"
	case typePDF:
		return "pdf"
	case typeMP4:
		return "mp4"
	case typeMOV:
		return "mov"
	}
	return "bin"
}

// uploadProblem turns an Inspect error into a FieldError of field.
func uploadProblem(field string, err error) (FieldError, bool) {
	var ue *errUpload
	if !errors.As(err, &ue) {
		return FieldError{}, false
	}
	fe := FieldError{Field: field, Code: ue.Code, Detail: ue.Detail}
	if ue.Code == ErrCodeFileTooLarge {
		fe.Status = 413
	}
	return fe, true
}
