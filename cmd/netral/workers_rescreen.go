package main

import "github.com/netral-asn/netral/internal/monitor"

func init() { registerWorkers("rescreen", setupRescreenWorkers) }

// setupRescreenWorkers registers the re-screen worker: "screen again" on the
// elections page (/pemilihan) enqueues a durable job per instansi that
// screens its stored activities with the active election version.
func setupRescreenWorkers(b *background) error {
	r := monitor.NewRescreener(b.DB, b.Log)
	r.Register(b.Workers)
	b.OnQueue(r.SetQueue)
	if b.Web != nil {
		b.Web.Rescreen = r
	}
	return nil
}
