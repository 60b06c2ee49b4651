package main

import (
	"time"

	"github.com/netral-asn/netral/internal/monitor"
)

func init() { registerWorkers("purge", setupPurgeWorkers) }

// setupPurgeWorkers registers data minimisation: a periodic job (once at
// start, then daily) that removes the text of activities never flagged
// after --purge-days (90 by default) and the bodies of their captures
// (monitor.Purge); --purge-days 0 switches it off.
func setupPurgeWorkers(b *background) error {
	p := monitor.NewPurger(b.DB, b.Log, time.Duration(b.Config.PurgeDays)*24*time.Hour)
	p.Register(b.Workers) // registered even when off: a job queued earlier still finds its worker
	if b.Config.PurgeDays > 0 {
		b.Periodic = append(b.Periodic, p.PeriodicJob())
	}
	return nil
}
