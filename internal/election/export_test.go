package election

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	es, err := ForRegion("32.16")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, es); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "[") || strings.Contains(buf.String(), `\u0026`) {
		t.Errorf("not a plain array: %.40s", buf.String())
	}
	back, err := Parse(&buf, "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(es) {
		t.Fatalf("%d back, want %d", len(back), len(es))
	}
	for i := range es {
		a, _ := json.Marshal(es[i])
		b, _ := json.Marshal(back[i])
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs after round trip", es[i].ID)
		}
	}
	buf.Reset()
	if err := Encode(&buf, es[:1]); err != nil || !strings.HasPrefix(buf.String(), "{") {
		t.Errorf("one election is an object: %v %.20s", err, buf.String())
	}
	// Optional fields stay absent.
	if strings.Contains(buf.String(), `"determined_on": null`) {
		t.Error("null date written")
	}
}

func TestMerge(t *testing.T) {
	a := &Election{ID: "a"}
	b := &Election{ID: "b"}
	b2 := &Election{ID: "b", Name: "edited"}
	c := &Election{ID: "c"}
	got, replaced := Merge([]*Election{a, b}, []*Election{b2, c})
	if !reflect.DeepEqual(got, []*Election{a, b2, c}) || !reflect.DeepEqual(replaced, []string{"b"}) {
		t.Errorf("Merge = %v %v", got, replaced)
	}
}
