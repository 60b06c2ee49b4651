package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Abuse control of the public report routes (/lapor…, /api/v1/public/…),
// without third-party CAPTCHA and without storing anything about a reporter:
//
//   - rate limits per address, kept in memory only (the address itself is
//     not even kept: buckets are named by a salted hash of it, the salt is
//     random per process) and forgotten after the window;
//   - a small proof of work: the form (or GET /api/v1/public/challenge)
//     carries a signed, expiring, single-use challenge; the browser (a few
//     lines of JavaScript, static/lapor.js) finds a nonce such that
//     SHA-256(challenge ":" nonce) starts with Difficulty zero bits. A
//     submission without a valid proof (no JavaScript, or a script that
//     skips it) is still accepted, but within a much smaller budget per
//     address and in all;
//   - failed receipt/secret checks are limited per address and per receipt
//     code, and an unknown receipt and a wrong secret get the same answer.
//
// Limits live in one process: with several app nodes each node counts on
// its own (the reverse proxy can add a global limit). Challenges and access
// tokens are signed with a key derived from the report key, so every node
// sharing it accepts them; without a report key the signing key is random
// per process.

// guardConfig are the limits of the public routes.
type guardConfig struct {
	Difficulty        int           // leading zero bits of a proof of work
	ChallengeTTL      time.Duration // how long a challenge may be used
	AttemptsPerHour   int           // POSTs to the public routes per address (all outcomes)
	SubmitPerHour     int           // reports filed per address with a proof of work
	SlowPerHour       int           // reports filed per address without one
	SlowGlobalPerHour int           // reports filed without a proof of work, all addresses together
	LookupFailures    int           // failed receipt/secret checks per address per 15 minutes
	ReceiptFailures   int           // failed checks per receipt code per hour
}

// defaultGuard are the production limits.
var defaultGuard = guardConfig{Difficulty: 18, ChallengeTTL: 2 * time.Hour, AttemptsPerHour: 60, SubmitPerHour: 10,
	SlowPerHour: 2, SlowGlobalPerHour: 30, LookupFailures: 10, ReceiptFailures: 20}

// publicGuard holds the in-memory state of the limits.
type publicGuard struct {
	cfg  guardConfig
	key  []byte // signs challenges and access tokens
	salt []byte // names address buckets
	now  func() time.Time

	mu   sync.Mutex
	hits map[string][]time.Time // bucket → times of recent hits
	used map[string]time.Time   // challenge nonces used → when they expire
	last time.Time              // last clean-up
}

// guard returns the server's public guard, made on first use.
func (s *Server) guard() *publicGuard {
	s.pubOnce.Do(func() {
		g := &publicGuard{cfg: defaultGuard, salt: randomBytes(32), now: time.Now,
			hits: map[string][]time.Time{}, used: map[string]time.Time{}}
		if s.ReportKey != nil {
			g.key = s.ReportKey.Derive("web/public-guard/v1")
		} else {
			g.key = randomBytes(32)
		}
		s.pub = g
	})
	return s.pub
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error())
	}
	return b
}

// addrBucket names the bucket of the request's address without keeping it.
func (g *publicGuard) addrBucket(kind string, r *http.Request) string {
	m := hmac.New(sha256.New, g.salt)
	m.Write([]byte(clientIP(r)))
	return kind + ":" + hex.EncodeToString(m.Sum(nil)[:12])
}

// count returns the hits of bucket within window, dropping older ones.
func (g *publicGuard) count(bucket string, window time.Duration) int {
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.cleanLocked(now)
	hs := g.hits[bucket]
	i := 0
	for i < len(hs) && now.Sub(hs[i]) > window {
		i++
	}
	hs = hs[i:]
	if len(hs) == 0 {
		delete(g.hits, bucket)
		return 0
	}
	g.hits[bucket] = hs
	return len(hs)
}

// hit records one hit of bucket.
func (g *publicGuard) hit(bucket string) {
	now := g.now()
	g.mu.Lock()
	defer g.mu.Unlock()
	hs := g.hits[bucket]
	if len(hs) >= 1000 { // a bucket never needs more than its limit
		hs = hs[1:]
	}
	g.hits[bucket] = append(hs, now)
}

// allow records a hit of bucket when it has fewer than limit within window.
func (g *publicGuard) allow(bucket string, limit int, window time.Duration) bool {
	if g.count(bucket, window) >= limit {
		return false
	}
	g.hit(bucket)
	return true
}

// cleanLocked forgets expired hits and challenges every few minutes.
func (g *publicGuard) cleanLocked(now time.Time) {
	if now.Sub(g.last) < 5*time.Minute {
		return
	}
	g.last = now
	for b, hs := range g.hits {
		if len(hs) == 0 || now.Sub(hs[len(hs)-1]) > 2*time.Hour {
			delete(g.hits, b)
		}
	}
	for n, exp := range g.used {
		if now.After(exp) {
			delete(g.used, n)
		}
	}
}

// challenge returns a new signed proof-of-work challenge:
// "1.<unix time>.<random>.<bits>.<mac>".
func (g *publicGuard) challenge() string {
	body := "1." + strconv.FormatInt(g.now().Unix(), 10) + "." + hex.EncodeToString(randomBytes(12)) + "." +
		strconv.Itoa(g.cfg.Difficulty)
	return body + "." + g.mac("pow", body)
}

func (g *publicGuard) mac(purpose, body string) string {
	m := hmac.New(sha256.New, g.key)
	m.Write([]byte(purpose + "\x00" + body))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// leadingZeroBits counts the leading zero bits of b.
func leadingZeroBits(b []byte) int {
	n := 0
	for _, x := range b {
		if x == 0 {
			n += 8
			continue
		}
		return n + bits.LeadingZeros8(x)
	}
	return n
}

// workResult is the outcome of checking a proof of work.
type workResult int

const (
	workNone   workResult = iota // no proof, or not a valid one
	workOK                       // a valid proof, now used up
	workReused                   // a valid proof already used (the same form sent again)
)

// checkWork reports whether nonce solves challenge ch (signed by this
// guard, not expired, not used before, at least the configured
// difficulty); a solved challenge is used up.
func (g *publicGuard) checkWork(ch, nonce string) bool { return g.work(ch, nonce) == workOK }

// work checks a proof of work as checkWork does, telling a proof already
// used apart from no proof.
func (g *publicGuard) work(ch, nonce string) workResult {
	if ch == "" || nonce == "" || len(ch) > 200 || len(nonce) > 32 {
		return workNone
	}
	i := strings.LastIndexByte(ch, '.')
	if i < 0 {
		return workNone
	}
	body, mac := ch[:i], ch[i+1:]
	if !hmac.Equal([]byte(mac), []byte(g.mac("pow", body))) {
		return workNone
	}
	parts := strings.Split(body, ".")
	if len(parts) != 4 || parts[0] != "1" {
		return workNone
	}
	ts, err1 := strconv.ParseInt(parts[1], 10, 64)
	need, err2 := strconv.Atoi(parts[3])
	if err1 != nil || err2 != nil || need < g.cfg.Difficulty {
		return workNone
	}
	now := g.now()
	issued := time.Unix(ts, 0)
	if now.Sub(issued) > g.cfg.ChallengeTTL || issued.After(now.Add(time.Minute)) {
		return workNone
	}
	sum := sha256.Sum256([]byte(ch + ":" + nonce))
	if leadingZeroBits(sum[:]) < need {
		return workNone
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, seen := g.used[parts[2]]; seen {
		return workReused
	}
	g.used[parts[2]] = issued.Add(g.cfg.ChallengeTTL)
	return workOK
}

// solveWork finds a nonce for ch (tests and Go clients).
func solveWork(ch string, difficulty int) string {
	for n := 0; ; n++ {
		s := strconv.Itoa(n)
		sum := sha256.Sum256([]byte(ch + ":" + s))
		if leadingZeroBits(sum[:]) >= difficulty {
			return s
		}
	}
}

// Errors of the public routes.
var (
	errRateLimited = &httpError{http.StatusTooManyRequests, "rate_limited", "report.err_rate_limited", ""}
	errSlowLane    = &httpError{http.StatusTooManyRequests, "rate_limited", "report.err_slow_lane", ""}
	// errWorkReused answers a form (or API call) sent again with a proof of
	// work already used: most often a resubmitted page, not a new report.
	errWorkReused = &httpError{http.StatusConflict, "conflict", "report.err_work_reused", ""}
)

// retryAfter is the Retry-After of a 429 of the public routes: the longest
// window of their limits (a budget is surely free again after it).
const retryAfter = "3600"

// admitAttempt limits every POST to the public routes per address.
func (g *publicGuard) admitAttempt(r *http.Request) error {
	if !g.allow(g.addrBucket("attempt", r), g.cfg.AttemptsPerHour, time.Hour) {
		return errRateLimited
	}
	return nil
}

// lookupAllowed reports whether the address (and the receipt code, when
// given) may try a receipt/secret again.
func (g *publicGuard) lookupAllowed(r *http.Request, receipt string) bool {
	if g.count(g.addrBucket("lookup", r), 15*time.Minute) >= g.cfg.LookupFailures {
		return false
	}
	return receipt == "" || g.count("receipt:"+receipt, time.Hour) < g.cfg.ReceiptFailures
}

// lookupFailed records a failed receipt/secret check.
func (g *publicGuard) lookupFailed(r *http.Request, receipt string) {
	g.hit(g.addrBucket("lookup", r))
	if receipt != "" {
		g.hit("receipt:" + receipt)
	}
}
