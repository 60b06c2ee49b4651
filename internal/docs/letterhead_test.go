package docs_test

import (
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/tenant"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{200, uint8(x), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG is a tiny PNG whose header claims a 30000×30000 image.
func bombPNG(t *testing.T) []byte {
	b := pngOf(t, 16, 16)
	// Patch the IHDR width and height (bytes 16..24) and its CRC.
	copy(b[16:24], []byte{0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30})
	crc := crc32.ChecksumIEEE(b[12:29])
	copy(b[29:33], []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	return b
}

func TestNormalizeLogo(t *testing.T) {
	for name, tc := range map[string]struct {
		data   []byte
		reason string
	}{
		"executable named .png": {append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 200)...), "logo_type"},
		"elf":                   {[]byte("\x7fELF\x02\x01\x01"), "logo_type"},
		"svg with script":       {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "logo_type"},
		"gif":                   {[]byte("GIF89a\x01\x00\x01\x00"), "logo_type"},
		"html":                  {[]byte("<html><body>hi</body></html>"), "logo_type"},
		"empty":                 {nil, "logo_type"},
		"truncated png":         {pngOf(t, 64, 64)[:60], "logo_corrupt"},
		"decompression bomb":    {bombPNG(t), "logo_dimensions"},
		"too small":             {pngOf(t, 4, 4), "logo_dimensions"},
		"too large a file":      {append(pngOf(t, 16, 16), make([]byte, docs.MaxLogoBytes)...), "logo_size"},
	} {
		_, err := docs.NormalizeLogo(tc.data)
		var fe *docs.FieldError
		if !errors.As(err, &fe) || fe.Field != "logo" || fe.Reason != tc.reason || !errors.Is(err, docs.ErrInvalid) {
			t.Errorf("%s: err = %v, want logo %s", name, err, tc.reason)
		}
	}
	for name, data := range map[string][]byte{"png": pngOf(t, 800, 1000), "jpeg": jpegOf(t, 300, 200)} {
		out, err := docs.NormalizeLogo(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
		if err != nil || format != "png" {
			t.Fatalf("%s: result is not a PNG: %v %s", name, err, format)
		}
		if cfg.Height > docs.LogoStoredHeight {
			t.Errorf("%s: stored %d px high", name, cfg.Height)
		}
		if name == "png" && (cfg.Height != docs.LogoStoredHeight || cfg.Width != 320) {
			t.Errorf("png scaled to %dx%d, want 320x400", cfg.Width, cfg.Height)
		}
		if name == "jpeg" && (cfg.Width != 300 || cfg.Height != 200) {
			t.Errorf("small jpeg resized to %dx%d", cfg.Width, cfg.Height)
		}
	}
	// Metadata is not carried over: a text chunk in the upload is gone.
	src := pngOf(t, 32, 32)
	withText := append(append([]byte{}, src[:33]...), tEXt("Comment", "GPS 6.2S 106.8E secret")...)
	withText = append(withText, src[33:]...)
	out, err := docs.NormalizeLogo(withText)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("secret")) || bytes.Contains(out, []byte("tEXt")) {
		t.Error("metadata kept in the normalised logo")
	}
}

// tEXt returns a PNG tEXt chunk.
func tEXt(key, value string) []byte {
	data := append([]byte(key+"\x00"), value...)
	var b bytes.Buffer
	n := len(data)
	b.Write([]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	b.WriteString("tEXt")
	b.Write(data)
	crc := crc32.ChecksumIEEE(append([]byte("tEXt"), data...))
	b.Write([]byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	return b.Bytes()
}

func TestLetterheadValidate(t *testing.T) {
	ok := docs.SampleLetterhead()
	if err := ok.Validate(); err != nil {
		t.Fatalf("sample letterhead: %v", err)
	}
	for field, mutate := range map[string]func(*docs.Letterhead){
		"line1":   func(l *docs.Letterhead) { l.Line1 = "" },
		"line2":   func(l *docs.Letterhead) { l.Line2 = strings.Repeat("X", docs.MaxLineLen+1) },
		"line3":   func(l *docs.Letterhead) { l.Line3 = "A\x1bB" },
		"address": func(l *docs.Letterhead) { l.Address = strings.Repeat("a", docs.MaxAddressLen+1) },
		"phone":   func(l *docs.Letterhead) { l.Phone = "<script>" },
		"email":   func(l *docs.Letterhead) { l.Email = "Tim <tim@x.go.id>" },
		"website": func(l *docs.Letterhead) { l.Website = "javascript:alert(1)" },
		"place":   func(l *docs.Letterhead) { l.Place = "" },
	} {
		lh := ok
		mutate(&lh)
		var fe *docs.FieldError
		if err := lh.Validate(); !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: err = %v", field, err)
		}
	}
	for _, site := range []string{"tanjungharapankab.go.id", "https://tanjungharapankab.go.id/netral", "http://x.id"} {
		lh := ok
		lh.Website = site
		if err := lh.Validate(); err != nil {
			t.Errorf("website %q refused: %v", site, err)
		}
	}
}

func TestLetterheadStore(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	sys := audit.System("test")
	var inst tenant.Instansi
	err := d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		inst, err = tenant.Create(ctx, tx, sys, "99.01", "Kabupaten Tanjung Harapan", tenant.KindKabupaten)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	def, err := docs.LoadLetterhead(ctx, d, inst)
	if err != nil {
		t.Fatal(err)
	}
	if def.Configured || def.Line1 != "PEMERINTAH KABUPATEN TANJUNG HARAPAN" || def.Place != "Tanjung Harapan" {
		t.Fatalf("default letterhead = %+v", def)
	}
	logo, err := docs.NormalizeLogo(pngOf(t, 100, 120))
	if err != nil {
		t.Fatal(err)
	}
	lh := docs.SampleLetterhead()
	lh.InstansiID, lh.Logo = inst.ID, logo
	lh.Line3 = "  BAGIAN HUKUM  "
	admin := audit.Actor{Name: "admin", InstansiID: inst.ID}
	saved, err := docs.SaveLetterhead(ctx, d, admin, lh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := docs.LoadLetterhead(ctx, d, inst)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Configured || got.Line3 != "BAGIAN HUKUM" || !bytes.Equal(got.Logo, logo) || got.LogoSHA256 != saved.LogoSHA256 ||
		len(got.LogoSHA256) != 64 || got.Email != lh.Email || got.UpdatedAt.IsZero() {
		t.Fatalf("stored letterhead = %+v", got)
	}
	// Replace, removing the logo; an invalid save changes nothing.
	got.Logo = nil
	got.Phone = "0999-1"
	if _, err := docs.SaveLetterhead(ctx, d, admin, got); err != nil {
		t.Fatal(err)
	}
	bad := got
	bad.Email = "not an address"
	if _, err := docs.SaveLetterhead(ctx, d, admin, bad); !errors.Is(err, docs.ErrInvalid) {
		t.Fatalf("invalid save: %v", err)
	}
	bad = got
	bad.Logo = []byte("not a png")
	if _, err := docs.SaveLetterhead(ctx, d, admin, bad); !errors.Is(err, docs.ErrInvalid) {
		t.Fatalf("save with an unsound logo: %v", err)
	}
	again, _ := docs.LoadLetterhead(ctx, d, inst)
	if again.Logo != nil || again.LogoSHA256 != "" || again.Phone != "0999-1" || again.Email != lh.Email {
		t.Fatalf("after replace = %+v", again)
	}
	// Two audited changes; the second records the state before it.
	entries, err := audit.List(ctx, d, audit.Filter{InstansiID: inst.ID, ObjectType: "letterhead", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var updates []audit.Entry
	for _, e := range entries {
		if e.Action == "letterhead.update" {
			updates = append(updates, e)
		}
	}
	if len(updates) != 2 {
		t.Fatalf("%d letterhead.update audit entries", len(updates))
	}
	withBefore := 0
	for _, e := range updates {
		if len(e.After) > 2000 {
			t.Error("the logo image went into the audit trail")
		}
		if strings.Contains(e.Before, saved.LogoSHA256) {
			withBefore++
		}
	}
	if withBefore != 1 {
		t.Errorf("the replacing change does not record the logo hash before it")
	}
	if _, err := audit.Verify(ctx, d); err != nil {
		t.Fatal(err)
	}
}
