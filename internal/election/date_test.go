package election

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
		Z Date `json:"z,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2024-09-22"}`), &v); err != nil {
		t.Fatal(err)
	}
	if !v.D.Valid() || v.D.String() != "2024-09-22" || !v.Z.IsZero() {
		t.Fatalf("got %v %v", v.D, v.Z)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"d":"2024-09-22"}` {
		t.Errorf("marshal = %s", b)
	}
	for _, bad := range []string{`"2024-02-30"`, `"22-09-2024"`, `""`, `5`} {
		var d Date
		if err := json.Unmarshal([]byte(bad), &d); err != nil {
			t.Fatal(err)
		}
		if d.Valid() || d.IsZero() {
			t.Errorf("%s: Valid=%v IsZero=%v", bad, d.Valid(), d.IsZero())
		}
	}
}

func TestDateCompare(t *testing.T) {
	a, b := MustDate("2024-09-22"), MustDate("2024-09-25")
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Error("Before")
	}
	wib := time.FixedZone("WIB", 7*3600)
	c := &Campaign{Start: b, End: MustDate("2024-11-23")}
	if !c.Contains(time.Date(2024, 11, 23, 23, 59, 0, 0, wib)) || c.Contains(time.Date(2024, 9, 24, 23, 0, 0, 0, wib)) {
		t.Error("Contains")
	}
	if got := a.Time(wib); got.Day() != 22 || got.Location() != wib {
		t.Errorf("Time = %v", got)
	}
	if !(Date{}).Time(wib).IsZero() {
		t.Error("zero Date → zero time")
	}
}
