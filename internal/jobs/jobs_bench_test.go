package jobs_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/jobs"
)

// Run with a fixed number of jobs, e.g.
//
//	go test -run '^$' -bench . -benchtime 5000x ./internal/jobs/
//
// (and with NETRAL_TEST_POSTGRES set for PostgreSQL). Each iteration is one
// no-op job; the metrics split the time into inserting (one Insert call per
// job, queue stopped) and working (Start until every job is completed).

type nopArgs struct{}

func (nopArgs) Kind() string { return "bench_nop" }

func nopWorkers() *jobs.Workers {
	w := jobs.NewWorkers()
	jobs.AddWorker(w, jobs.WorkFunc(func(context.Context, *jobs.Job[nopArgs]) error { return nil }))
	return w
}

type benchCase struct {
	name       string
	sqliteOnly bool
	opts       func() jobs.Options
}

func benchCases() []benchCase {
	return []benchCase{
		{name: "defaults", opts: func() jobs.Options { return jobs.Options{} }},
		{name: "dedicated-sqlite-pool", sqliteOnly: true, opts: func() jobs.Options {
			return jobs.WithDedicatedSQLitePool(jobs.Options{})
		}},
		{name: "workers10", opts: func() jobs.Options { return jobs.Options{MaxWorkers: 10} }},
		// River's own fetch defaults (100 ms cooldown, 1 s poll).
		{name: "river-fetch-defaults", opts: func() jobs.Options {
			return jobs.Options{FetchCooldown: 100 * time.Millisecond, FetchPollInterval: time.Second}
		}},
	}
}

func BenchmarkInsertAndWork(b *testing.B) {
	for _, bc := range benchCases() {
		b.Run(bc.name, func(b *testing.B) {
			d := dbtest.Open(b)
			if bc.sqliteOnly && d.Engine() != db.SQLite {
				b.Skip("SQLite only")
			}
			opts := bc.opts()
			opts.Workers = nopWorkers()
			opts.Logger = testLogger()
			q, err := jobs.New(d, opts)
			if err != nil {
				b.Fatal(err)
			}
			defer q.Close()
			ctx := context.Background()

			b.ResetTimer()
			t0 := time.Now()
			for range b.N {
				if _, err := q.Insert(ctx, nopArgs{}, nil); err != nil {
					b.Fatal(err)
				}
			}
			t1 := time.Now()
			if err := q.Start(ctx); err != nil {
				b.Fatal(err)
			}
			waitCompleted(b, d, b.N, 5*time.Minute)
			t2 := time.Now()
			b.StopTimer()

			b.ReportMetric(float64(b.N)/t1.Sub(t0).Seconds(), "inserts/s")
			b.ReportMetric(float64(b.N)/t2.Sub(t1).Seconds(), "jobs/s")
		})
	}
}

// BenchmarkWorkWithAppWrites works b.N no-op jobs while the application
// writes one small transaction every millisecond, and reports the latency of
// those writes. On SQLite it compares River on the writer pool d.W ("default")
// with River on a connection of its own ("dedicated-sqlite-pool": two writer
// connections meeting in SQLite's busy handler). On PostgreSQL "default" is
// River on its pgx pool.
func BenchmarkWorkWithAppWrites(b *testing.B) {
	pools := []struct {
		name string
		opts func(jobs.Options) jobs.Options
	}{
		{"default", func(o jobs.Options) jobs.Options { return o }},
		{"dedicated-sqlite-pool", jobs.WithDedicatedSQLitePool},
	}
	for _, p := range pools {
		b.Run(p.name, func(b *testing.B) {
			d := dbtest.Open(b)
			if d.Engine() != db.SQLite && p.name != "default" {
				b.Skip("SQLite only")
			}
			ctx := context.Background()
			if _, err := d.Exec(ctx, `CREATE TABLE bench_app (v TEXT)`); err != nil {
				b.Fatal(err)
			}
			q, err := jobs.New(d, p.opts(jobs.Options{Workers: nopWorkers(), Logger: testLogger()}))
			if err != nil {
				b.Fatal(err)
			}
			defer q.Close()
			for range b.N {
				if _, err := q.Insert(ctx, nopArgs{}, nil); err != nil {
					b.Fatal(err)
				}
			}

			stop := make(chan struct{})
			var wg sync.WaitGroup
			var lat []time.Duration
			wg.Go(func() {
				tick := time.NewTicker(time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
					}
					s := time.Now()
					err := d.InTx(ctx, func(tx *db.Tx) error {
						_, err := tx.Exec(ctx, `INSERT INTO bench_app (v) VALUES (?)`, "x")
						return err
					})
					if err != nil {
						b.Error(err)
						return
					}
					lat = append(lat, time.Since(s))
				}
			})

			b.ResetTimer()
			t0 := time.Now()
			if err := q.Start(ctx); err != nil {
				b.Fatal(err)
			}
			waitCompleted(b, d, b.N, 5*time.Minute)
			el := time.Since(t0)
			b.StopTimer()
			close(stop)
			wg.Wait()

			b.ReportMetric(float64(b.N)/el.Seconds(), "jobs/s")
			if len(lat) > 0 {
				slices.Sort(lat)
				b.ReportMetric(float64(len(lat))/el.Seconds(), "app-tx/s")
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "app-p50-µs")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "app-p99-µs")
				b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "app-max-µs")
			}
		})
	}
}

// waitCompleted waits until n jobs are completed.
func waitCompleted(b *testing.B, d *db.DB, n int, timeout time.Duration) {
	b.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var done int
		if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job WHERE state = 'completed'`).Scan(&done); err != nil {
			b.Fatal(err)
		}
		if done >= n {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d jobs completed after %v", done, n, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
