package monitor_test

import (
	"context"
	"os"
	"testing"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
)

// BenchmarkInboxQueries times the queries of an inbox page (list, counts
// per status, filter choices) over a database built by bench/inbox.sh:
//
//	NETRAL_INBOX_DB=/tmp/netral-inbox-bench/inbox-1000000.db go test -run '^$' -bench InboxQueries ./internal/monitor/
//
// It is skipped without NETRAL_INBOX_DB. The database is migrated first.
func BenchmarkInboxQueries(b *testing.B) {
	dsn := os.Getenv("NETRAL_INBOX_DB")
	if dsn == "" {
		b.Skip("NETRAL_INBOX_DB (a database built by bench/inbox.sh) is not set")
	}
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	if err := d.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var inst int64
	if err := d.QueryRow(ctx, `SELECT id FROM instansi WHERE code = '99.01'`).Scan(&inst); err != nil {
		b.Fatal(err)
	}
	first := monitor.ReviewFilter{InstansiID: inst, Status: monitor.ReviewNew}
	filtered := monitor.ReviewFilter{InstansiID: inst, Status: monitor.ReviewNew, Platform: "facebook", MinScore: 0.8}
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"list/first", func() error { _, err := monitor.ReviewList(ctx, d, first); return err }},
		{"list/filtered", func() error { _, err := monitor.ReviewList(ctx, d, filtered); return err }},
		{"counts/first", func() error { _, err := monitor.ReviewCounts(ctx, d, first); return err }},
		{"counts/filtered", func() error { _, err := monitor.ReviewCounts(ctx, d, filtered); return err }},
		{"inbox/first", func() error { _, _, err := monitor.ReviewInbox(ctx, d, first); return err }},
		{"inbox/filtered", func() error { _, _, err := monitor.ReviewInbox(ctx, d, filtered); return err }},
		{"facets", func() error { _, _, err := monitor.ReviewFacets(ctx, d, inst, nil); return err }},
		{"facets/cached", func() error { _, _, err := monitor.CachedReviewFacets(ctx, d, inst, nil); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
