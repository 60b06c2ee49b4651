package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/web"
)

// Background work of `netral serve` and `netral demo`: one durable job queue
// (internal/jobs) working every kind of job the server knows. Each feature
// registers its workers from an init function in a file of its own
// (workers_feeds.go, …) with [registerWorkers]; [startBackground] builds and
// starts the queue with all of them, and serve stops it gracefully on
// shutdown.

// backgroundConfig is what the flags of serve and demo say about background
// work. Add a field (and its flag in backgroundFlags) per setting.
type backgroundConfig struct {
	// PollInterval is the time between two polls of an account feed; 0
	// switches automatic polling off ("poll now" still works).
	PollInterval time.Duration
	// FetchAllowHosts and FetchAllowCIDRs lift the private-address guard
	// of outgoing fetches (feeds) for these hosts and networks: for tests
	// only (NETRAL_FETCH_ALLOW).
	FetchAllowHosts []string
	FetchAllowCIDRs []string
	// CaptureIngested says which ingested activity records have their URL
	// captured (workers_capture.go): "flagged" (the default) or "off".
	CaptureIngested string
	// PurgeDays is how many days the text of never-flagged activities is
	// kept before the daily purge job removes it (workers_purge.go); 0
	// switches the job off (`netral purge` still works).
	PurgeDays int
	// ReportKey seals the identities of public reporters (reportkey.go): not
	// background work, but what serve and demo hand the server; nil: the
	// public form accepts anonymous reports only.
	ReportKey *sealbox.Box
	// Notify is the SMTP server and base URL of e-mail notifications
	// (workers_notify.go).
	Notify notifyConfig
}

// backgroundFlags adds the flags of background work to fs; the function it
// returns gives the configuration once fs is parsed.
func backgroundFlags(e *env, fs *flag.FlagSet) func() (backgroundConfig, error) {
	envInterval := e.getenv("NETRAL_POLL_INTERVAL")
	def := 15 * time.Minute
	var envErr error
	if envInterval != "" {
		if def, envErr = parseInterval(envInterval); envErr != nil {
			envErr = fmt.Errorf("NETRAL_POLL_INTERVAL: %w", envErr)
		}
	}
	interval := fs.Duration("poll-interval", def, "time between two polls of an account feed, e.g. 15m; 0 switches polling off (env NETRAL_POLL_INTERVAL)")
	captureDef := e.getenv("NETRAL_CAPTURE_INGESTED")
	if captureDef == "" {
		captureDef = "flagged"
	}
	captureIngested := fs.String("capture-ingested", captureDef, "capture the URL of ingested activity records: flagged or off (env NETRAL_CAPTURE_INGESTED)")
	purgeDef, purgeEnvErr := 90, error(nil) // monitor.DefaultRetention
	if v := e.getenv("NETRAL_PURGE_DAYS"); v != "" {
		if purgeDef, purgeEnvErr = strconv.Atoi(v); purgeEnvErr != nil || purgeDef < 0 {
			purgeEnvErr = fmt.Errorf("NETRAL_PURGE_DAYS must be a number of days (0: off), not %q", v)
		}
	}
	notifyCfg := notifyFlags(e, fs) // workers_notify.go
	purgeDays := fs.Int("purge-days", purgeDef, "days the text of never-flagged activities is kept before the daily purge removes it; 0 switches the purge job off (env NETRAL_PURGE_DAYS)")
	return func() (backgroundConfig, error) {
		var c backgroundConfig
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == "poll-interval" })
		if envErr != nil && !set {
			return c, envErr
		}
		if *interval != 0 && *interval < 10*time.Second {
			return c, errors.New("--poll-interval must be 0 (off) or at least 10s")
		}
		c.PollInterval = *interval
		switch *captureIngested {
		case "flagged", "off":
			c.CaptureIngested = *captureIngested
		default:
			return c, fmt.Errorf("--capture-ingested must be flagged or off, not %q", *captureIngested)
		}
		purgeSet := false
		fs.Visit(func(f *flag.Flag) { purgeSet = purgeSet || f.Name == "purge-days" })
		if purgeEnvErr != nil && !purgeSet {
			return c, purgeEnvErr
		}
		if *purgeDays < 0 {
			return c, errors.New("--purge-days must be 0 (off) or a number of days")
		}
		c.PurgeDays = *purgeDays
		var err error
		if c.Notify, err = notifyCfg(); err != nil {
			return c, err
		}
		c.FetchAllowHosts, c.FetchAllowCIDRs = fetchAllowList(e.getenv("NETRAL_FETCH_ALLOW"))
		return c, nil
	}
}

func parseInterval(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration such as 15m", s)
	}
	return d, nil
}

// fetchAllowList splits a comma-separated list of hosts, addresses and
// networks into host names and CIDR prefixes.
func fetchAllowList(s string) (hosts, cidrs []string) {
	for _, x := range strings.Split(s, ",") {
		x = strings.TrimSpace(x)
		if x == "" {
			continue
		}
		if _, err := netip.ParsePrefix(x); err == nil {
			cidrs = append(cidrs, x)
		} else if _, err := netip.ParseAddr(x); err == nil {
			cidrs = append(cidrs, x)
		} else {
			hosts = append(hosts, x)
		}
	}
	return hosts, cidrs
}

// background is what a worker set's setup function receives.
type background struct {
	DB     *db.DB
	Log    *slog.Logger
	Web    *web.Server // the server being started, to hand it what it needs
	Config backgroundConfig

	Workers  *jobs.Workers       // add the set's workers here
	Periodic []*jobs.PeriodicJob // and its periodic jobs here

	onQueue []func(*jobs.Queue)
}

// OnQueue registers f to receive the queue once it is built, before it starts.
func (b *background) OnQueue(f func(*jobs.Queue)) { b.onQueue = append(b.onQueue, f) }

// workerSet is the background work of one feature.
type workerSet struct {
	name  string
	setup func(*background) error
}

var workerSets []workerSet

// registerWorkers adds a feature's worker set; call it from an init function.
func registerWorkers(name string, setup func(*background) error) {
	for _, ws := range workerSets {
		if ws.name == name {
			panic("netral: duplicate worker set " + name)
		}
	}
	workerSets = append(workerSets, workerSet{name, setup})
}

// startBackground builds the job queue with every registered worker set and
// starts it. Stop it with [stopBackground].
func startBackground(ctx context.Context, b *background) (*jobs.Queue, error) {
	b.Workers = jobs.NewWorkers()
	for _, ws := range workerSets {
		if err := ws.setup(b); err != nil {
			return nil, fmt.Errorf("background work %s: %w", ws.name, err)
		}
	}
	q, err := jobs.New(b.DB, jobs.Options{Workers: b.Workers, PeriodicJobs: b.Periodic})
	if err != nil {
		return nil, err
	}
	for _, f := range b.onQueue {
		f(q)
	}
	// The queue outlives ctx: serve stops it gracefully after the HTTP server.
	if err := q.Start(context.WithoutCancel(ctx)); err != nil {
		q.Close()
		return nil, err
	}
	names := make([]string, len(workerSets))
	for i, ws := range workerSets {
		names[i] = ws.name
	}
	b.Log.Info("job queue started", "work", strings.Join(names, ","), "poll_interval", b.Config.PollInterval)
	return q, nil
}

// stopBackground lets running jobs finish (up to 30 seconds; the others are
// taken up again at the next start) and releases the queue.
func stopBackground(q *jobs.Queue, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		log.Warn("job queue: stop", "err", err)
	}
	if err := q.Close(); err != nil {
		log.Warn("job queue: close", "err", err)
	}
	log.Info("job queue stopped")
}
