package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/feeds"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/tenant"
)

func init() {
	register(command{name: "feeds add", summary: "add an RSS/Atom feed or a Mastodon server to a registered account", run: runFeedsAdd})
	register(command{name: "feeds list", summary: "list account feeds with the outcome of their last poll", run: runFeedsList})
	register(command{name: "feeds poll", summary: "poll the feeds that are due (or --all, or the given ids) now, inline (for cron)", run: runFeedsPoll})
	register(command{name: "feeds remove", summary: "remove an account feed (the activities it brought stay)", run: runFeedsRemove})
	register(command{name: "feeds disable", summary: "stop polling an account feed", run: func(ctx context.Context, e *env, args []string) int {
		return runFeedsEnable(ctx, e, args, false)
	}})
	register(command{name: "feeds enable", summary: "resume polling an account feed", run: func(ctx context.Context, e *env, args []string) int {
		return runFeedsEnable(ctx, e, args, true)
	}})
}

func runFeedsAdd(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "feeds add", "--account PLATFORM:HANDLE (--rss URL | --atom URL | --mastodon SERVER) [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	acct := fs.String("account", "", "the registered account, PLATFORM:HANDLE (e.g. x:budi_s, mastodon:budi@mastodon.social)")
	rss := fs.String("rss", "", "URL of the account's RSS feed")
	atom := fs.String("atom", "", "URL of the account's Atom feed")
	masto := fs.String("mastodon", "", "the account's Mastodon-compatible server, e.g. mastodon.social")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	const name = "netral feeds add"
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	platform, handle, ok := strings.Cut(*acct, ":")
	if !ok || strings.TrimSpace(platform) == "" || strings.TrimSpace(handle) == "" {
		fmt.Fprintf(e.stderr, "%s: --account must be PLATFORM:HANDLE, e.g. x:budi_s\n", name)
		return exitUsage
	}
	nf := feedpoll.NewFeed{}
	given := 0
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "rss":
			nf.Kind, nf.URL = feedpoll.KindRSS, *rss
			given++
		case "atom":
			nf.Kind, nf.URL = feedpoll.KindAtom, *atom
			given++
		case "mastodon":
			nf.Kind, nf.Server = feedpoll.KindMastodon, *masto
			given++
		}
	})
	if given != 1 {
		fmt.Fprintf(e.stderr, "%s: give exactly one of --rss URL, --atom URL or --mastodon SERVER\n", name)
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	id, err := accountID(ctx, d, i.ID, platform, handle)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitInput
	}
	nf.InstansiID, nf.AccountID = i.ID, id
	f, err := feedpoll.Add(ctx, d, audit.System("cli:feeds"), nf)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		if errors.Is(err, feedpoll.ErrInvalid) {
			return exitInput
		}
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "feed %d added: %s:@%s (%s) %s %s\n", f.ID, f.Platform, f.Handle, f.EmployeeName, f.Kind, f.Target())
	return exitOK
}

// accountID finds a registered account of the instansi by platform and
// handle, or profile address.
func accountID(ctx context.Context, d *db.DB, instansiID int64, platform, handle string) (int64, error) {
	platform, raw := monitor.NormalizePlatform(platform), strings.TrimSpace(handle)
	handle = monitor.AuthorKey(raw) // "@Budi" → "budi", "https://www.instagram.com/budi/" → "budi"
	var id int64
	err := d.QueryRow(ctx, `SELECT id FROM social_account WHERE instansi_id = ? AND platform = ? AND (handle = ? OR url = ?)
		ORDER BY handle = ? DESC, id LIMIT 1`, instansiID, platform, handle, raw, handle).Scan(&id)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return 0, fmt.Errorf("no registered account %s:@%s (add it on the employee page or with the roster import)", platform, handle)
	}
	return id, err
}

// feedsInstansi picks the instansi named by code, or none (every instansi)
// when code is empty.
func feedsInstansi(ctx context.Context, d *db.DB, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	i, err := tenant.ByCode(ctx, d, code)
	if err != nil {
		return 0, fmt.Errorf("unknown instansi %q", code)
	}
	return i.ID, nil
}

func runFeedsList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "feeds list", "[--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "only the feeds of this instansi (region code)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	const name = "netral feeds list"
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "%s: unexpected argument %q\n", name, fs.Arg(0))
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	iid, err := feedsInstansi(ctx, d, *inst)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitUsage
	}
	list, err := feedpoll.List(ctx, d, feedpoll.Filter{InstansiID: iid})
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitUsage
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tACCOUNT\tEMPLOYEE\tKIND\tFEED\tENABLED\tLAST POLL\tSTATUS")
	for _, f := range list {
		polled := "-"
		if !f.LastPolledAt.IsZero() {
			polled = f.LastPolledAt.UTC().Format(time.RFC3339)
		}
		status := f.Status()
		switch status {
		case "ok":
			status = fmt.Sprintf("ok, %d new", f.LastNew)
		case "error":
			status = fmt.Sprintf("error ×%d: %s", f.ErrorCount, f.Error)
		case "warning":
			status = "warning: " + f.Error
		}
		fmt.Fprintf(tw, "%d\t%s:@%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.ID, f.Platform, f.Handle, f.EmployeeName, f.Kind,
			f.Target(), yesNo(f.Enabled), polled, status)
	}
	tw.Flush()
	return exitOK
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func runFeedsPoll(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "feeds poll", "[ID…] [--all] [--interval 15m] [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "only the feeds of this instansi (region code)")
	all := fs.Bool("all", false, "poll every enabled feed, due or not")
	def := feedpoll.DefaultInterval
	if v := e.getenv("NETRAL_POLL_INTERVAL"); v != "" {
		if d, err := parseInterval(v); err == nil && d > 0 {
			def = d
		}
	}
	interval := fs.Duration("interval", def, "a feed is due when its last poll is older than this (env NETRAL_POLL_INTERVAL)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	const name = "netral feeds poll"
	var ids []int64
	for _, a := range fs.Args() {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			fmt.Fprintf(e.stderr, "%s: %q is not a feed id (see 'netral feeds list')\n", name, a)
			return exitUsage
		}
		ids = append(ids, id)
	}
	if *all && len(ids) > 0 {
		fmt.Fprintf(e.stderr, "%s: give feed ids or --all, not both\n", name)
		return exitUsage
	}
	if *interval <= 0 {
		fmt.Fprintf(e.stderr, "%s: --interval must be positive\n", name)
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	iid, err := feedsInstansi(ctx, d, *inst)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return exitUsage
	}
	hosts, cidrs := fetchAllowList(e.getenv("NETRAL_FETCH_ALLOW"))
	p := &feedpoll.Poller{DB: d, Interval: *interval, AllowHosts: hosts, AllowCIDRs: cidrs,
		Logger: slog.New(slog.DiscardHandler)}
	var todo []feedpoll.Feed
	switch {
	case len(ids) > 0:
		for _, id := range ids {
			f, err := feedpoll.Get(ctx, d, iid, id)
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: feed %d: %v\n", name, id, err)
				return exitInput
			}
			todo = append(todo, f)
		}
	case *all:
		if todo, err = feedpoll.List(ctx, d, feedpoll.Filter{InstansiID: iid, EnabledOnly: true}); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
			return exitUsage
		}
	default:
		due, err := p.Due(ctx, time.Now())
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
			return exitUsage
		}
		for _, id := range due {
			f, err := feedpoll.Get(ctx, d, iid, id)
			if errors.Is(err, feedpoll.ErrNotFound) {
				continue // another instansi's
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
				return exitUsage
			}
			todo = append(todo, f)
		}
	}
	return pollFeeds(ctx, e.stdout, e.stderr, p, todo)
}

// pollFeeds polls feeds one after the other and prints a line for each. It
// returns exitInput when a poll failed (a rate limit is not a failure).
func pollFeeds(ctx context.Context, out, errw io.Writer, p *feedpoll.Poller, todo []feedpoll.Feed) int {
	failed, total := 0, feedpoll.Result{}
	for _, f := range todo {
		if ctx.Err() != nil {
			break
		}
		res, err := p.Poll(ctx, f.ID)
		total.New += res.New
		total.Flagged += res.Flagged
		label := fmt.Sprintf("feed %d (%s:@%s %s)", f.ID, f.Platform, f.Handle, f.Kind)
		var rl *feeds.RateLimitError
		switch {
		case errors.As(err, &rl):
			fmt.Fprintf(out, "%s: rate limited, %d new before the limit: %v\n", label, res.New, err)
		case err != nil:
			failed++
			fmt.Fprintf(errw, "%s: %v\n", label, err)
		case res.NotModified:
			fmt.Fprintf(out, "%s: not modified\n", label)
		default:
			fmt.Fprintf(out, "%s: %d read, %d new, %d duplicate, %d flagged, %d attributed\n", label,
				res.Fetched, res.New, res.Duplicates, res.Flagged, res.Attributed)
		}
	}
	fmt.Fprintf(out, "%d feeds polled: %d new activities, %d flagged, %d failed\n", len(todo), total.New, total.Flagged, failed)
	if failed > 0 {
		return exitInput
	}
	return exitOK
}

func runFeedsRemove(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "feeds remove", "ID [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	const name = "netral feeds remove"
	id, ok := feedIDArg(e, name, fs.Args())
	if !ok {
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	if err := feedpoll.Delete(ctx, d, audit.System("cli:feeds"), i.ID, 0, id); err != nil {
		fmt.Fprintf(e.stderr, "%s: feed %d: %v\n", name, id, err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "feed %d removed\n", id)
	return exitOK
}

func runFeedsEnable(ctx context.Context, e *env, args []string, enable bool) int {
	verb := "disable"
	if enable {
		verb = "enable"
	}
	name := "netral feeds " + verb
	fs := newFlags(e, "feeds "+verb, "ID [--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	id, ok := feedIDArg(e, name, fs.Args())
	if !ok {
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, name, *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	if err := feedpoll.SetEnabled(ctx, d, audit.System("cli:feeds"), i.ID, id, enable); err != nil {
		fmt.Fprintf(e.stderr, "%s: feed %d: %v\n", name, id, err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "feed %d %sd\n", id, verb)
	return exitOK
}

// feedIDArg reads the single feed ID argument of a feeds subcommand,
// printing a usage message prefixed with name when it is missing or malformed.
func feedIDArg(e *env, name string, args []string) (int64, bool) {
	if len(args) != 1 {
		fmt.Fprintf(e.stderr, "%s: give exactly one feed ID (see 'netral feeds list')\n", name)
		return 0, false
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %q is not a feed id\n", name, args[0])
		return 0, false
	}
	return id, true
}
