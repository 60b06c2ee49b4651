package monitor

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/netral-asn/netral/internal/screen"
)

// csvFields are the columns a CSV input may have: the contract's field names.
var csvFields = []string{"id", "platform", "kind", "author", "author_id", "created_at", "url", "text", "context_text",
	"media_captions"}

// readCSV reads a CSV input: a header row naming the columns (any order and
// case; comma or semicolon), then one record a row. Empty cells are absent
// fields; media_captions holds captions separated by '|'.
func readCSV(ctx context.Context, br *bufio.Reader, emit func(*chunk) bool) error {
	head, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if semicolonSeparated(head) {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		if isCSVReadError(err) {
			return err
		}
		return badInput(1, "CSV header: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, need := range []string{"id", "platform", "kind"} {
		if _, ok := col[need]; !ok {
			return badInput(1, "CSV header: missing column %q (columns: %s)", need, strings.Join(csvFields, ", "))
		}
	}
	cell := func(rec []string, name string) (string, bool) {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return "", false
		}
		v := strings.TrimSpace(rec[i])
		return v, v != ""
	}
	c := newChunk()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		var p parsed
		switch {
		case err != nil && isCSVReadError(err):
			return err
		case err != nil:
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			p.err = err
		case len(rec) == 1 && strings.TrimSpace(rec[0]) == "":
			continue // blank line
		default:
			p.rec.ID, _ = cell(rec, "id")
			p.rec.Platform, _ = cell(rec, "platform")
			p.rec.Kind, _ = cell(rec, "kind")
			p.rec.Author, _ = cell(rec, "author")
			p.authorID, _ = cell(rec, "author_id")
			p.rec.CreatedAt, _ = cell(rec, "created_at")
			p.rec.URL, _ = cell(rec, "url")
			if v, ok := cell(rec, "text"); ok {
				p.rec.SetText(v)
			}
			if v, ok := cell(rec, "context_text"); ok {
				p.rec.SetContext(v)
			}
			if v, ok := cell(rec, "media_captions"); ok {
				var caps []string
				for _, c := range strings.Split(v, "|") {
					if c = strings.TrimSpace(c); c != "" {
						caps = append(caps, c)
					}
				}
				if len(caps) > 0 {
					p.rec.SetCaptions(caps...)
				}
			}
			p.err = p.rec.Validate()
		}
		c.raw = append(c.raw, nil)
		c.nums = append(c.nums, line)
		c.pre = append(c.pre, p)
		for _, f := range rec {
			c.size += int64(len(f)) + 1
		}
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
	return ctx.Err()
}

// semicolonSeparated reports whether the header line has more semicolons than commas.
func semicolonSeparated(head []byte) bool {
	line, _, _ := strings.Cut(string(head), "\n")
	return strings.Count(line, ";") > strings.Count(line, ",")
}

// isCSVReadError reports whether err is a reading failure rather than a malformed row.
func isCSVReadError(err error) bool {
	var pe *csv.ParseError
	return !errors.As(err, &pe)
}

// jsonRecord decodes one JSON record (contract §2) plus the optional
// author_id field (a stable platform id of the author).
func jsonRecord(raw []byte) parsed {
	rec, err := screen.ParseRecord(raw)
	p := parsed{rec: rec, err: err}
	if err == nil && bytes.Contains(raw, []byte(`"author_id"`)) {
		p.authorID = authorIDField(raw)
	}
	return p
}
