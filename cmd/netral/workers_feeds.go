package main

import (
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
)

func init() { registerWorkers("feeds", setupFeedWorkers) }

// setupFeedWorkers registers the feed poller: a PollFeed worker (also behind
// "poll now" on the employee page) and, unless --poll-interval is 0, the
// periodic job enqueueing the polls that are due.
func setupFeedWorkers(b *background) error {
	p := &feedpoll.Poller{DB: b.DB, Interval: b.Config.PollInterval, Logger: b.Log,
		AllowHosts: b.Config.FetchAllowHosts, AllowCIDRs: b.Config.FetchAllowCIDRs}
	p.Register(b.Workers)
	if b.Config.PollInterval > 0 {
		b.Periodic = append(b.Periodic, p.PeriodicJob())
	}
	b.OnQueue(func(q *jobs.Queue) { p.Queue = q })
	if b.Web != nil {
		b.Web.Feeds = p
	}
	return nil
}
