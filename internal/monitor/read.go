package monitor

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Format is the encoding of an activity input.
type Format string

// The input formats.
const (
	FormatAuto  Format = ""      // a JSON array when the first byte is '[', JSON Lines otherwise
	FormatJSONL Format = "jsonl" // one record a line (contract §2)
	FormatJSON  Format = "json"  // a JSON array of records
	FormatCSV   Format = "csv"   // a header row with the contract's field names; media_captions '|'-separated
)

// DefaultMaxLine is the longest record accepted, in bytes.
const DefaultMaxLine = 32 << 20

// A chunk handed to a worker holds at most chunkLines records or, past
// chunkBytes of input, fewer.
const (
	chunkLines = 512
	chunkBytes = 1 << 20
)

// chunk is a run of consecutive input records.
type chunk struct {
	raw  [][]byte // JSON of each record (nil entries for CSV, which the reader decodes itself)
	nums []int    // line number of each record (element number for a JSON array)
	pre  []parsed // CSV: the decoded records; JSON: filled by the workers
	out  []row    // filled by the workers
	size int64    // input bytes
	done chan struct{}
}

// full reports whether the chunk should be handed on.
func (c *chunk) full() bool { return len(c.nums) >= chunkLines || c.size >= chunkBytes }

func newChunk() *chunk { return &chunk{done: make(chan struct{})} }

// readChunks reads r in format f and hands chunks to emit until r ends, emit
// returns false or ctx is done. A read error that is not a problem of one
// record (the connection broke, the body was too large) is returned.
func readChunks(ctx context.Context, r io.Reader, f Format, maxLine int, emit func(*chunk) bool) error {
	br := bufio.NewReaderSize(r, 256<<10)
	if f == FormatAuto {
		f = FormatJSONL
		if first, err := firstByte(br); err == nil && first == '[' {
			f = FormatJSON
		}
	}
	switch f {
	case FormatJSONL:
		return readJSONL(ctx, br, maxLine, emit)
	case FormatJSON:
		return readJSONArray(ctx, br, emit)
	case FormatCSV:
		return readCSV(ctx, br, emit)
	}
	return fmt.Errorf("unknown format %q", f)
}

// firstByte peeks at the first byte that is not white space or a BOM.
func firstByte(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0, err
		}
		c := b[n-1]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case n <= 3 && bytes.HasPrefix([]byte("\xef\xbb\xbf"), b):
		default:
			return c, nil
		}
		if n >= 4096 {
			return c, nil
		}
	}
}

func readJSONL(ctx context.Context, br *bufio.Reader, maxLine int, emit func(*chunk) bool) error {
	c := newChunk()
	line := 0
	var long []byte
	for {
		b, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long) <= maxLine {
				long = append(long, b...)
			}
			continue
		}
		if long != nil {
			b = append(long, b...)
			long = nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(b) > 0 {
			line++
			c.size += int64(len(b))
			t := bytes.TrimSpace(b)
			if line == 1 {
				t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
			}
			switch {
			case len(t) == 0: // blank lines are skipped
			case len(b) > maxLine:
				c.raw = append(c.raw, nil)
				c.nums = append(c.nums, line)
				c.pre = append(c.pre, parsed{err: fmt.Errorf("line longer than %d bytes", maxLine)})
			default:
				c.raw = append(c.raw, bytes.Clone(t))
				c.nums = append(c.nums, line)
				c.pre = append(c.pre, parsed{})
			}
			if c.full() {
				if ctx.Err() != nil || !emit(c) {
					return ctx.Err()
				}
				c = newChunk()
			}
		}
		if err != nil { // io.EOF
			break
		}
	}
	if len(c.nums) > 0 && ctx.Err() == nil {
		emit(c)
	}
	return ctx.Err()
}

func readJSONArray(ctx context.Context, br *bufio.Reader, emit func(*chunk) bool) error {
	dec := json.NewDecoder(br)
	tok, err := dec.Token()
	if err != nil {
		return badInput(0, "not a JSON array: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return badInput(0, "not a JSON array")
	}
	c := newChunk()
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if isReadError(err) {
				return err
			}
			if len(c.nums) > 0 {
				emit(c)
			}
			return badInput(n, "invalid JSON: %v", err)
		}
		c.raw = append(c.raw, raw)
		c.nums = append(c.nums, n)
		c.pre = append(c.pre, parsed{})
		c.size += int64(len(raw))
		if c.full() {
			if ctx.Err() != nil || !emit(c) {
				return ctx.Err()
			}
			c = newChunk()
		}
	}
	if len(c.nums) > 0 && ctx.Err() == nil {
		emit(c)
	}
	if _, err := dec.Token(); err != nil && isReadError(err) {
		return err
	}
	return ctx.Err()
}

// isReadError reports whether err came from reading rather than from the JSON.
func isReadError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return !errors.As(err, &se) && !errors.As(err, &te) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF)
}

// BadInputError is a problem with the input as a whole (not one record),
// with the line or element where reading stopped.
type BadInputError struct {
	Line int
	Msg  string
}

// Error returns "line N: message".
func (e *BadInputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Unwrap makes it match ErrInvalid.
func (e *BadInputError) Unwrap() error { return ErrInvalid }

func badInput(line int, format string, a ...any) error {
	return &BadInputError{Line: line, Msg: strings.TrimSpace(fmt.Sprintf(format, a...))}
}
