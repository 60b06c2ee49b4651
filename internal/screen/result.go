package screen

import (
	"strconv"
	"unicode/utf8"
)

// Stances (contract §3).
const (
	StanceSupport = "support"
	StanceOppose  = "oppose"
	StanceNone    = "none"
)

// Match signals (contract §3).
const (
	SignalEntity     = "entity"
	SignalSupport    = "support"
	SignalOppose     = "oppose"
	SignalCallToVote = "call_to_vote"
	SignalSlogan     = "slogan"
	SignalHashtag    = "hashtag"
	SignalGesture    = "gesture"
	SignalSymbol     = "symbol"
	SignalContext    = "context"
)

// Field names used in matches.
const (
	FieldText     = "text"
	FieldContext  = "context_text"
	FieldCaptions = "media_captions"
)

// Match is one piece of evidence: bytes [Start, End) of the original value
// of Field (for media_captions, of caption Index).
type Match struct {
	// Field is "text", "context_text" or "media_captions".
	Field string
	// Index is the caption index for media_captions, else 0.
	Index int
	// Start and End are byte offsets into the original value.
	Start, End int
	// Term is the matched original text, Value[Start:End].
	Term string
	// Entity is the target id the evidence concerns, "" for cue words.
	Entity string
	// Signal is one of the Signal* constants.
	Signal string
}

// Result is the screening result of one record (contract §3). A record
// that could not be read has Error set and nothing else but ID.
type Result struct {
	// ID is the record's id.
	ID string
	// Flagged is true for an early indication of non-neutrality.
	Flagged bool
	// Score is 0..1, higher is more certain; flagged from Threshold.
	Score float64
	// Targets are the target ids taken sides on, sorted; empty when not flagged.
	Targets []string
	// Stance is StanceSupport, StanceOppose or StanceNone.
	Stance string
	// Violation is the suggested SKB 2022 code (KE-xx/DS-xx) when flagged.
	Violation string
	// Matches are the evidence.
	Matches []Match
	// Explanation says why, in Indonesian.
	Explanation string
	// Error is set, alone with ID, for a line that could not be read.
	Error string
	hasID bool
}

// AppendJSON appends r as one JSON object (no newline).
func (r *Result) AppendJSON(b []byte) []byte {
	if r.Error != "" {
		b = append(b, '{')
		if r.ID != "" || r.hasID {
			b = append(b, `"id":`...)
			b = appendString(b, r.ID)
			b = append(b, ',')
		}
		b = append(b, `"error":`...)
		b = appendString(b, r.Error)
		return append(b, '}')
	}
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"flagged":`...)
	b = strconv.AppendBool(b, r.Flagged)
	b = append(b, `,"score":`...)
	b = strconv.AppendFloat(b, r.Score, 'f', -1, 64)
	b = append(b, `,"targets":[`...)
	for i, t := range r.Targets {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
	}
	b = append(b, `],"stance":`...)
	b = appendString(b, r.Stance)
	if r.Violation != "" {
		b = append(b, `,"violation":`...)
		b = appendString(b, r.Violation)
	}
	b = append(b, `,"matches":[`...)
	for i, m := range r.Matches {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = appendString(b, m.Field)
		if m.Field == FieldCaptions {
			b = append(b, `,"index":`...)
			b = strconv.AppendInt(b, int64(m.Index), 10)
		}
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(m.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(m.End), 10)
		b = append(b, `,"term":`...)
		b = appendString(b, m.Term)
		if m.Entity != "" {
			b = append(b, `,"entity":`...)
			b = appendString(b, m.Entity)
		}
		b = append(b, `,"signal":`...)
		b = appendString(b, m.Signal)
		b = append(b, '}')
	}
	b = append(b, `],"explanation":`...)
	if r.Explanation == explainNothing { // most records: encoded once
		b = append(b, explainNothingJSON...)
	} else {
		b = appendString(b, r.Explanation)
	}
	return append(b, '}')
}

var explainNothingJSON = string(appendString(nil, explainNothing))

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain ASCII bytes at a time.
		for i+8 <= len(s) && specialBytes(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) == 0 {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
