package main

import (
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/monitor"
)

func init() { registerWorkers("capture", setupCaptureWorkers) }

// setupCaptureWorkers registers URL capture: the capture_url worker (behind
// GET/POST /tangkap) and the periodic sweep that opens captures for flagged
// records (unless --capture-ingested off) and enqueues re-captures (every
// 6 h for 30 days after a request).
func setupCaptureWorkers(b *background) error {
	c, err := monitor.NewCapturer(b.DB, monitor.CaptureConfig{
		Fetch:    capture.Options{AllowHosts: b.Config.FetchAllowHosts, AllowCIDRs: b.Config.FetchAllowCIDRs},
		Ingested: b.Config.CaptureIngested, Logger: b.Log})
	if err != nil {
		return err
	}
	c.Register(b.Workers)
	b.Periodic = append(b.Periodic, c.PeriodicJobs()...)
	b.OnQueue(c.SetQueue)
	if b.Web != nil {
		b.Web.Capture = c
	}
	return nil
}
