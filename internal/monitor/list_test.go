package monitor_test

import (
	"context"
	"errors"
	"testing"

	"github.com/netral-asn/netral/internal/monitor"
)

func ids(p monitor.Page) []string {
	var out []string
	for _, a := range p.Items {
		out = append(out, a.ExternalID)
	}
	return out
}

func TestList(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	sitiPost := `{"id":"s1","platform":"x","kind":"post","author":"@siti_aminah","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`
	f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu+"\n"+sitiPost, monitor.FormatAuto)
	f.ingestInto(t, f.inst2.ID, flaggedPemilu, monitor.FormatAuto)
	yes, no := true, false
	for _, c := range []struct {
		name  string
		f     monitor.Filter
		want  string
		total int
	}{
		{"all, newest first", monitor.Filter{}, "s1 a3 a2 a1", 4},
		{"flagged", monitor.Filter{Flagged: &yes}, "s1 a3 a1", 3},
		{"not flagged", monitor.Filter{Flagged: &no}, "a2", 1},
		{"platform alias", monitor.Filter{Platform: "twitter"}, "s1 a3", 2},
		{"kind", monitor.Filter{Kind: "share"}, "a3", 1},
		{"opd subtree", monitor.Filter{OPDIDs: []int64{f.opd.ID, f.sub.ID}}, "a2 a1", 2},
		{"empty scope", monitor.Filter{OPDIDs: []int64{}}, "", 0},
		{"employee", monitor.Filter{EmployeeID: f.siti.ID}, "s1", 1},
		{"unattributed", monitor.Filter{Attributed: &no}, "a3", 1},
		{"attributed and flagged", monitor.Filter{Attributed: &yes, Flagged: &yes}, "s1 a1", 2},
	} {
		c.f.InstansiID = f.inst.ID
		p, err := monitor.List(ctx, f.d, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := join(ids(p)); got != c.want || p.Total != c.total || p.Next != "" {
			t.Errorf("%s: %q total %d next %q, want %q total %d", c.name, got, p.Total, p.Next, c.want, c.total)
		}
	}
	// Paging.
	var all []string
	cursor := ""
	for range 10 {
		p, err := monitor.List(ctx, f.d, monitor.Filter{InstansiID: f.inst.ID, Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ids(p)...)
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	if join(all) != "s1 a3 a2 a1" {
		t.Fatalf("paged: %v", all)
	}
	if _, err := monitor.List(ctx, f.d, monitor.Filter{InstansiID: f.inst.ID, Cursor: "!!"}); !errors.Is(err, monitor.ErrInvalid) {
		t.Fatalf("bad cursor: %v", err)
	}
	// Another instansi's activity is not reachable through this one.
	p, _ := monitor.List(ctx, f.d, monitor.Filter{InstansiID: f.inst2.ID})
	if len(p.Items) != 1 {
		t.Fatalf("instansi 2: %v", ids(p))
	}
	if _, err := monitor.Get(ctx, f.d, f.inst.ID, p.Items[0].ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("cross-instansi Get: %v", err)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
