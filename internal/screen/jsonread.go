package screen

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// ParseRecord decodes one JSON Lines record. It is a small hand-written
// decoder for the record shape (an object of strings, one array of
// strings and an optional label), about ten times faster than
// encoding/json; other values are validated and skipped. On error the
// returned record holds whatever id was read before the problem.
func ParseRecord(line []byte) (Record, error) {
	// One string for the whole line: unescaped values are slices of it.
	return parseRecord(line, string(line))
}

// parseRecordShared is ParseRecord without copying line: the record's
// strings share line's memory, which must not change while they are in
// use (Scan keeps a batch's lines until its results are written).
func parseRecordShared(line []byte) (Record, error) {
	return parseRecord(line, unsafe.String(unsafe.SliceData(line), len(line)))
}

func parseRecord(line []byte, s string) (Record, error) {
	var r Record
	d := decoder{b: line, s: s}
	err := d.record(&r)
	if err == nil {
		d.ws()
		if d.i < len(d.b) {
			err = d.errf("unexpected data after the record")
		}
	}
	if err == nil {
		err = r.Validate()
	}
	return r, err
}

type decoder struct {
	b   []byte
	s   string // b as a string
	i   int
	buf []byte
}

var errDepth = errors.New("JSON nested too deeply")

func (d *decoder) errf(format string, a ...any) error {
	return fmt.Errorf("invalid JSON at byte %d: %s", d.i, fmt.Sprintf(format, a...))
}

func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) record(r *Record) error {
	d.ws()
	if d.i < len(d.b) && d.b[d.i] != '{' {
		return d.errf("a record must be a JSON object")
	}
	return d.object(func(key string) error {
		var err error
		switch key {
		case "id":
			r.ID, err = d.idValue()
		case "platform":
			r.Platform, _, err = d.optString()
		case "kind":
			r.Kind, _, err = d.optString()
		case "author":
			r.Author, _, err = d.optString()
		case "created_at":
			r.CreatedAt, _, err = d.optString()
		case "url":
			r.URL, _, err = d.optString()
		case "text":
			r.Text, r.hasText, err = d.optString()
		case "context_text":
			r.ContextText, r.hasContext, err = d.optString()
		case "media_captions":
			r.MediaCaptions, r.hasCaptions, err = d.stringArray()
		case "label":
			r.Label, err = d.label()
		default:
			err = d.skip(0)
		}
		if err != nil {
			return fmt.Errorf("field %q: %w", key, err)
		}
		return nil
	})
}

// object parses {"k": v, ...}, calling fn with d positioned at each value.
func (d *decoder) object(fn func(key string) error) error {
	d.ws()
	if d.i >= len(d.b) {
		return d.errf("unexpected end of input")
	}
	if d.b[d.i] != '{' {
		return d.errf("expected an object")
	}
	d.i++
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return nil
	}
	for {
		d.ws()
		key, err := d.str()
		if err != nil {
			return err
		}
		d.ws()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return d.errf("expected ':' after object key")
		}
		d.i++
		d.ws()
		if err := fn(key); err != nil {
			return err
		}
		d.ws()
		if d.i >= len(d.b) {
			return d.errf("unexpected end of input in object")
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.errf("expected ',' or '}' in object")
		}
	}
}

// idValue reads an id: a string, or a number kept as written.
func (d *decoder) idValue() (string, error) {
	if d.i < len(d.b) && (d.b[d.i] == '-' || d.b[d.i] >= '0' && d.b[d.i] <= '9') {
		s := d.i
		if err := d.number(); err != nil {
			return "", err
		}
		return string(d.b[s:d.i]), nil
	}
	s, _, err := d.optString()
	return s, err
}

// optString reads a string or null (present=false for null).
func (d *decoder) optString() (string, bool, error) {
	if d.literal("null") {
		return "", false, nil
	}
	s, err := d.str()
	return s, err == nil, err
}

func (d *decoder) stringArray() ([]string, bool, error) {
	if d.literal("null") {
		return nil, false, nil
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return nil, false, d.errf("expected an array of strings")
	}
	d.i++
	var out []string
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return out, true, nil
	}
	for {
		d.ws()
		if d.literal("null") {
			// tolerated: a null caption is no caption
		} else {
			s, err := d.str()
			if err != nil {
				return nil, false, err
			}
			out = append(out, s)
		}
		d.ws()
		if d.i >= len(d.b) {
			return nil, false, d.errf("unexpected end of input in array")
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return out, true, nil
		default:
			return nil, false, d.errf("expected ',' or ']' in array")
		}
	}
}

func (d *decoder) label() (*Label, error) {
	if d.literal("null") {
		return nil, nil
	}
	l := &Label{}
	err := d.object(func(key string) error {
		switch key {
		case "flagged":
			switch {
			case d.literal("true"):
				l.Flagged = true
			case d.literal("false"):
				l.Flagged = false
			default:
				return d.errf("label.flagged must be true or false")
			}
			return nil
		case "targets":
			t, _, err := d.stringArray()
			l.Targets = t
			return err
		case "note":
			s, _, err := d.optString()
			l.Note = s
			return err
		}
		return d.skip(0)
	})
	return l, err
}

func (d *decoder) literal(lit string) bool {
	if len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}

// str reads a JSON string, checking escapes and UTF-8.
func (d *decoder) str() (string, error) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", d.errf("expected a string")
	}
	d.i++
	start := d.i
	// Fast path: no escapes, ASCII or valid UTF-8. Eight bytes at a time
	// while none is special; UTF-8 is validated only when a byte of 0x80
	// or more was seen.
	b, i, ascii := d.b, d.i, true
	for {
		for i+8 <= len(b) && specialBytes(binary.LittleEndian.Uint64(b[i:])) == 0 {
			i += 8
		}
		if i >= len(b) {
			break
		}
		c := b[i]
		if c == '"' {
			s := d.s[start:i]
			d.i = i + 1
			if !ascii && !utf8.ValidString(s) {
				return "", fmt.Errorf("invalid UTF-8 in string at byte %d", start+invalidAt([]byte(s)))
			}
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		i++
	}
	d.i = i
	d.buf = append(d.buf[:0], d.b[start:d.i]...)
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			if !utf8.Valid(d.buf) {
				return "", fmt.Errorf("invalid UTF-8 in string starting at byte %d", start)
			}
			return string(d.buf), nil
		case c < 0x20:
			return "", d.errf("control character in string")
		case c == '\\':
			if d.i+1 >= len(d.b) {
				return "", d.errf("unexpected end of input in string")
			}
			e := d.b[d.i+1]
			d.i += 2
			switch e {
			case '"', '\\', '/':
				d.buf = append(d.buf, e)
			case 'b':
				d.buf = append(d.buf, '\b')
			case 'f':
				d.buf = append(d.buf, '\f')
			case 'n':
				d.buf = append(d.buf, '\n')
			case 'r':
				d.buf = append(d.buf, '\r')
			case 't':
				d.buf = append(d.buf, '\t')
			case 'u':
				r, err := d.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					// A valid pair combines; anything else becomes U+FFFD,
					// as encoding/json does, and the next escape is read on
					// its own.
					dec := utf8.RuneError
					if d.i+1 < len(d.b) && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
						save := d.i
						d.i += 2
						if r2, err := d.hex4(); err == nil && utf16.DecodeRune(r, r2) != utf8.RuneError {
							dec = utf16.DecodeRune(r, r2)
						} else {
							d.i = save
						}
					}
					r = dec
				}
				d.buf = utf8.AppendRune(d.buf, r)
			default:
				return "", d.errf("invalid escape \\%c", e)
			}
		default:
			d.buf = append(d.buf, c)
			d.i++
		}
	}
	return "", d.errf("unterminated string")
}

// specialBytes is non-zero when one of the eight bytes of x is '"', '\\', a
// control character (< 0x20) or not ASCII (>= 0x80). It never misses
// one; which bit is set says nothing.
func specialBytes(x uint64) uint64 {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lo * '"')
	bs := x ^ (lo * '\\')
	return ((q - lo) &^ q & hi) | ((bs - lo) &^ bs & hi) | ((x - lo*0x20) &^ x & hi) | (x & hi)
}

func invalidAt(s []byte) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

func (d *decoder) hex4() (rune, error) {
	if d.i+4 > len(d.b) {
		return 0, d.errf("short \\u escape")
	}
	v, err := strconv.ParseUint(string(d.b[d.i:d.i+4]), 16, 32)
	if err != nil {
		return 0, d.errf("bad \\u escape")
	}
	d.i += 4
	return rune(v), nil
}

func (d *decoder) number() error {
	s := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.b) && d.b[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		d.i = s
		return d.errf("invalid number")
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return d.errf("invalid number")
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return d.errf("invalid number")
		}
	}
	return nil
}

// skip validates and skips any JSON value.
func (d *decoder) skip(depth int) error {
	if depth > 200 {
		return errDepth
	}
	d.ws()
	if d.i >= len(d.b) {
		return d.errf("unexpected end of input")
	}
	switch c := d.b[d.i]; {
	case c == '"':
		_, err := d.str()
		return err
	case c == '{':
		return d.object(func(string) error { return d.skip(depth + 1) })
	case c == '[':
		d.i++
		d.ws()
		if d.i < len(d.b) && d.b[d.i] == ']' {
			d.i++
			return nil
		}
		for {
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.ws()
			if d.i >= len(d.b) {
				return d.errf("unexpected end of input in array")
			}
			switch d.b[d.i] {
			case ',':
				d.i++
			case ']':
				d.i++
				return nil
			default:
				return d.errf("expected ',' or ']' in array")
			}
		}
	case c == 't':
		if d.literal("true") {
			return nil
		}
	case c == 'f':
		if d.literal("false") {
			return nil
		}
	case c == 'n':
		if d.literal("null") {
			return nil
		}
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return d.errf("unexpected character %q", d.b[d.i])
}
