package screen

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRecord(t *testing.T) {
	good := []struct {
		in   string
		want Record
	}{
		{`{"id":"a","platform":"x","kind":"post","text":"hi"}`, Record{ID: "a", Platform: "x", Kind: "post", Text: "hi"}},
		{` {"id": 42, "platform":"fb","kind":"like","context_text":"c\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} `,
			Record{ID: "42", Platform: "fb", Kind: "like", ContextText: "c\"\\/\b\f\n\r\té😀"}},
		{`{"id":"b","platform":"x","kind":"photo","media_captions":["a",null,"b"],"extra":{"n":[1,2.5e3,true,null,{"x":"y"}]}}`,
			Record{ID: "b", Platform: "x", Kind: "photo", MediaCaptions: []string{"a", "b"}}},
		{`{"id":"c","platform":"x","kind":"post","text":"x","label":{"flagged":true,"targets":["e/01"],"note":"n"}}`,
			Record{ID: "c", Platform: "x", Kind: "post", Text: "x", Label: &Label{Flagged: true, Targets: []string{"e/01"}, Note: "n"}}},
		{`{"id":"d","platform":"x","kind":"post","text":"lone \ud800 surrogate"}`,
			Record{ID: "d", Platform: "x", Kind: "post", Text: "lone \uFFFD surrogate"}},
	}
	for _, c := range good {
		got, err := ParseRecord([]byte(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got.ID != c.want.ID || got.Platform != c.want.Platform || got.Kind != c.want.Kind || got.Text != c.want.Text ||
			got.ContextText != c.want.ContextText || !slices.Equal(got.MediaCaptions, c.want.MediaCaptions) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.in, got, c.want)
		}
		if (got.Label == nil) != (c.want.Label == nil) || got.Label != nil && (got.Label.Flagged != c.want.Label.Flagged ||
			!slices.Equal(got.Label.Targets, c.want.Label.Targets)) {
			t.Errorf("%s: label %+v", c.in, got.Label)
		}
	}
	bad := []struct{ in, id, msg string }{
		{`not json`, "", "invalid JSON"},
		{`{"id":"e","platform":"x","kind":"post","text":"a"} trailing`, "e", "after the record"},
		{`{"id":"f","platform":"x","kind":"post"}`, "f", "none of"},
		{`{"id":"g","platform":"x","kind":"tweet","text":"a"}`, "g", "unknown kind"},
		{`{"platform":"x","kind":"post","text":"a"}`, "", "\"id\""},
		{`{"id":"h","kind":"post","text":"a"}`, "h", "\"platform\""},
		{"{\"id\":\"i\",\"platform\":\"x\",\"kind\":\"post\",\"text\":\"a\xffb\"}", "i", "invalid UTF-8"},
		{`{"id":"j","platform":"x","kind":"post","text":"a`, "j", "unterminated"},
		{`{"id":"k","platform":"x","kind":"post","text":["a"]}`, "k", "expected a string"},
		{`[1,2]`, "", "must be a JSON object"},
		{`{"id":"l","platform":"x","kind":"post","text":"a","x":[[[[` + strings.Repeat("[", 300), "l", "nested"},
		{``, "", "unexpected end"},
	}
	for _, c := range bad {
		got, err := ParseRecord([]byte(c.in))
		if err == nil {
			t.Errorf("%q: no error", c.in)
			continue
		}
		if got.ID != c.id || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: id %q err %v; want id %q and %q", c.in, got.ID, err, c.id, c.msg)
		}
	}
}

// FuzzParseRecord checks the hand-written decoder against encoding/json:
// it never panics, rejects what encoding/json rejects, and reads the same
// values when it accepts. Run: go test -fuzz FuzzParseRecord ./internal/screen
func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","platform":"x","kind":"post","text":"hi"}`,
		`{"id":"b","platform":"x","kind":"photo","media_captions":["a","b"],"z":[1,{"q":null}]}`,
		`{"id":"c","platform":"x","kind":"like","context_text":"\u00e9\ud83d\ude00\n","label":{"flagged":false,"targets":[]}}`,
		`{"id":"d","platform":"x","kind":"post","text":"\ud800"}`,
		`{"id":1e3,"platform":"x","kind":"post","text":""}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := ParseRecord(line)
		var m map[string]json.RawMessage
		stdErr := json.Unmarshal(line, &m)
		if err != nil {
			return
		}
		if stdErr != nil {
			t.Fatalf("accepted what encoding/json rejects (%v): %q", stdErr, line)
		}
		str := func(key string) (string, bool) {
			raw, ok := m[key]
			if !ok {
				return "", false
			}
			var s *string
			if json.Unmarshal(raw, &s) != nil || s == nil {
				return "", false
			}
			return *s, true
		}
		for _, c := range []struct {
			key string
			got string
		}{{"platform", rec.Platform}, {"kind", rec.Kind}, {"text", rec.Text}, {"context_text", rec.ContextText}} {
			if want, ok := str(c.key); ok && want != c.got {
				t.Fatalf("%s: got %q, encoding/json %q", c.key, c.got, want)
			}
		}
		if want, ok := str("id"); ok && want != rec.ID {
			t.Fatalf("id: got %q, encoding/json %q", rec.ID, want)
		}
		for _, s := range append([]string{rec.ID, rec.Text, rec.ContextText}, rec.MediaCaptions...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 out: %q", s)
			}
		}
	})
}
