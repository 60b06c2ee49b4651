package reports

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// testJPEG is a small JPEG with an EXIF segment (holding a fake GPS tag and
// a device serial) inserted after the SOI marker, and text after the EOI.
func testJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		img.Set(x, x%30, color.RGBA{200, 10, 10, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	exif := append([]byte("Exif\x00\x00"), []byte("GPS-6.2088,106.8456 SERIAL-XYZ-123")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	out := append([]byte{}, b[:2]...)
	out = append(out, seg...)
	out = append(out, exif...)
	out = append(out, b[2:]...)
	return append(out, []byte("<html><script>alert(1)</script>")...)
}

// testPNG is a small PNG with a tEXt chunk holding an author name.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 20, 20))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	data := []byte("Author\x00Pelapor Rahasia PNG")
	chunk := make([]byte, 8)
	binary.BigEndian.PutUint32(chunk, uint32(len(data)))
	copy(chunk[4:], "tEXt")
	chunk = append(chunk, data...)
	crc := crc32.ChecksumIEEE(append([]byte("tEXt"), data...))
	chunk = binary.BigEndian.AppendUint32(chunk, crc)
	// after the IHDR chunk (8 signature + 25 IHDR)
	out := append([]byte{}, b[:33]...)
	out = append(out, chunk...)
	return append(out, b[33:]...)
}

// testWebP is a WebP container with VP8X, EXIF, XMP and (fake) VP8L chunks.
func testWebP() []byte {
	chunk := func(fourcc string, data []byte) []byte {
		c := append([]byte(fourcc), 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(c[4:], uint32(len(data)))
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := make([]byte, 10)
	vp8x[0] = 0x08 | 0x04 // EXIF and XMP present
	body := []byte("WEBP")
	body = append(body, chunk("VP8X", vp8x)...)
	body = append(body, chunk("EXIF", []byte("Exif\x00\x00GPS-SECRET"))...)
	body = append(body, chunk("XMP ", []byte("<x:xmpmeta>creator=Pelapor</x:xmpmeta>"))...)
	body = append(body, chunk("VP8L", []byte{0x2f, 1, 2, 3, 4})...)
	out := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(body)))
	return append(out, body...)
}

func testMP4() []byte {
	b := []byte{0, 0, 0, 0x18}
	b = append(b, "ftypisom"...)
	b = append(b, 0, 0, 2, 0)
	b = append(b, "isommp41"...)
	b = append(b, 0, 0, 0, 8)
	return append(b, "mdat"...)
}

func code(err error) string {
	var ue *errUpload
	if errors.As(err, &ue) {
		return ue.Code
	}
	return ""
}

func TestInspectAcceptsAndStrips(t *testing.T) {
	j := testJPEG(t)
	f, err := Inspect(Upload{Name: "../../foto kejadian.JPG", Data: j})
	if err != nil {
		t.Fatal(err)
	}
	if f.ContentType != "image/jpeg" || f.Name != "foto kejadian.jpg" || f.Width != 40 || f.Height != 30 {
		t.Fatalf("file = %+v", f)
	}
	if !bytes.Equal(f.Original, j) || len(f.SHA256) != 64 {
		t.Fatal("original not kept as received")
	}
	if !bytes.Contains(f.Original, []byte("SERIAL-XYZ")) {
		t.Fatal("test JPEG lacks its EXIF")
	}
	for _, leak := range []string{"Exif", "SERIAL-XYZ", "GPS", "<script>"} {
		if bytes.Contains(f.Stripped, []byte(leak)) {
			t.Errorf("stripped JPEG still holds %q", leak)
		}
	}
	if _, err := jpeg.Decode(bytes.NewReader(f.Stripped)); err != nil || f.StrippedSHA256 == "" {
		t.Fatalf("stripped JPEG unreadable: %v", err)
	}

	p := testPNG(t)
	f, err = Inspect(Upload{Name: "layar.png", Data: p})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(f.Original, []byte("Pelapor Rahasia PNG")) || bytes.Contains(f.Stripped, []byte("Pelapor Rahasia PNG")) {
		t.Fatal("PNG text chunk not stripped from the copy (or missing from the original)")
	}

	w := testWebP()
	f, err = Inspect(Upload{Name: "x.webp", Data: w})
	if err != nil {
		t.Fatal(err)
	}
	if f.ContentType != "image/webp" || bytes.Contains(f.Stripped, []byte("GPS-SECRET")) || bytes.Contains(f.Stripped, []byte("Pelapor")) {
		t.Fatalf("WebP not stripped: %q", f.Stripped)
	}
	if binary.LittleEndian.Uint32(f.Stripped[4:8]) != uint32(len(f.Stripped)-8) || f.Stripped[20]&0x0C != 0 {
		t.Fatal("WebP header not updated")
	}
	if !bytes.Contains(f.Stripped, []byte("VP8L")) {
		t.Fatal("WebP picture chunk lost")
	}

	f, err = Inspect(Upload{Name: "surat.pdf", Data: []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")})
	if err != nil || f.ContentType != "application/pdf" || f.Stripped != nil {
		t.Fatalf("pdf: %+v %v", f, err)
	}
	f, err = Inspect(Upload{Name: "video.bin", Data: testMP4()})
	if err != nil || f.ContentType != "video/mp4" || f.Name != "video.mp4" {
		t.Fatalf("mp4: %+v %v", f, err)
	}
}

func TestInspectRefusesLyingFiles(t *testing.T) {
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("bomb.txt")
	w.Write(bytes.Repeat([]byte{0}, 1<<20))
	zw.Close()
	// A PNG whose header claims 100000 × 100000 pixels.
	hugePNG := testPNG(t)
	binary.BigEndian.PutUint32(hugePNG[16:], 100000)
	binary.BigEndian.PutUint32(hugePNG[20:], 100000)
	crc := crc32.ChecksumIEEE(hugePNG[12:29])
	binary.BigEndian.PutUint32(hugePNG[29:], crc)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"foto.jpg", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 200)...), ErrCodeFileType},
		{"gambar.svg.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrCodeFileType},
		{"halaman.jpg", []byte(`<!DOCTYPE html><html><script>alert(1)</script></html>`), ErrCodeFileType},
		{"bukti.pdf", zbuf.Bytes(), ErrCodeFileType},
		{"elf.png", append([]byte("\x7fELF\x02\x01\x01"), bytes.Repeat([]byte{0}, 100)...), ErrCodeFileType},
		{"kosong.jpg", nil, ErrCodeFileEmpty},
		{"besar.jpg", append(testJPEG(t), make([]byte, MaxFileBytes)...), ErrCodeFileTooLarge},
		{"raksasa.png", hugePNG, ErrCodeImageTooLarge},
		{"rusak.jpg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00garbage"), ErrCodeImageInvalid},
		{"rusak.webp", []byte("RIFF\xff\xff\x00\x00WEBPVP8X"), ErrCodeImageInvalid},
	}
	for _, c := range cases {
		_, err := Inspect(Upload{Name: c.name, Data: c.data})
		if code(err) != c.want {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
}
