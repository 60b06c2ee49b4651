package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/netral-asn/netral/internal/db"
)

// The choices of the inbox filters (the platforms and targets that occur
// among an instansi's review items) need every item: a scan that grows with
// the inbox (about a second over 250,000 items). [ReviewFacets] computes
// them; [CachedReviewFacets], which the inbox page uses, keeps them per
// instansi in memory, grouped by OPD so that one computation serves every
// scope, and recomputes them when the items or their results change.

// facetCombo is one distinct (OPD, platform, targets) of an instansi's items.
type facetCombo struct {
	opd      int64 // 0: not attributed
	platform string
	targets  string // JSON array of the latest result's targets
}

// reviewFacetCombos returns the distinct (OPD, platform, targets) of the
// review items of an instansi, in one pass.
func reviewFacetCombos(ctx context.Context, q db.Querier, instansiID int64) ([]facetCombo, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT COALESCE(a.opd_id, 0), a.platform, COALESCE(s.targets, '[]')
		FROM review_item r JOIN activity a ON a.id = r.activity_id`+latestScreening+`
		WHERE r.instansi_id = ?`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("review facets: %w", err)
	}
	defer rows.Close()
	var out []facetCombo
	for rows.Next() {
		var c facetCombo
		if err := rows.Scan(&c.opd, &c.platform, &c.targets); err != nil {
			return nil, fmt.Errorf("review facets: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review facets: %w", err)
	}
	return out, nil
}

// facetsOf returns the sorted platforms and targets of the combos within
// opdIDs (every combo when nil; an attributed one only, as the inbox's OPD
// filter, otherwise).
func facetsOf(combos []facetCombo, opdIDs []int64) (platforms, targets []string) {
	ps, ts := map[string]bool{}, map[string]bool{}
	for _, c := range combos {
		if opdIDs != nil && (c.opd == 0 || !slices.Contains(opdIDs, c.opd)) {
			continue
		}
		if !ps[c.platform] {
			ps[c.platform] = true
			platforms = append(platforms, c.platform)
		}
		var tt []string
		_ = json.Unmarshal([]byte(c.targets), &tt)
		for _, t := range tt {
			if !ts[t] {
				ts[t] = true
				targets = append(targets, t)
			}
		}
	}
	sort.Strings(platforms)
	sort.Strings(targets)
	return platforms, targets
}

// ReviewFacets returns the platforms and targets that occur among the
// review items of an instansi (within opdIDs when non-nil), sorted: the
// choices of the inbox filters. It reads every item; the inbox page uses
// [CachedReviewFacets].
func ReviewFacets(ctx context.Context, q db.Querier, instansiID int64, opdIDs []int64) (platforms, targets []string, err error) {
	if opdIDs != nil && len(opdIDs) == 0 {
		return nil, nil, nil
	}
	combos, err := reviewFacetCombos(ctx, q, instansiID)
	if err != nil {
		return nil, nil, err
	}
	platforms, targets = facetsOf(combos, opdIDs)
	return platforms, targets, nil
}

// Facet cache tuning (variables: tests change them).
var (
	// facetInline: facets whose last computation took less than this are
	// recomputed within the request when they changed (small inboxes stay
	// exact at once); slower ones are recomputed in the background while
	// the previous ones are served.
	facetInline = 25 * time.Millisecond
	// facetEvery is the least time between two background computations of
	// the same facets (a busy instansi changes all the time).
	facetEvery = time.Minute
	// facetTTL: facets are recomputed after this time even when the mark
	// did not change.
	facetTTL = 10 * time.Minute
)

const (
	// facetTimeout bounds one background computation.
	facetTimeout = 2 * time.Minute
	// maxFacetEntries bounds the cache (one entry per database and instansi).
	maxFacetEntries = 256
)

// facetMark changes whenever review items are added (a new item id) or
// removed, or results change (both come with a new screening result: an
// item is withdrawn only by a re-screen). Each is one index look-up. An
// activity attributed again by hand moves its item to another OPD without
// changing the mark: facetTTL bounds how long OPD-scoped choices miss that.
type facetMark struct{ item, result int64 }

const facetMarkSQL = `SELECT COALESCE((SELECT MAX(id) FROM review_item), 0),
	COALESCE((SELECT MAX(id) FROM activity_screening), 0)`

type facetKey struct {
	d        *db.DB
	instansi int64
}

type facetEntry struct {
	mu         sync.Mutex
	ready      bool
	combos     []facetCombo
	mark       facetMark
	at         time.Time     // when last computed
	took       time.Duration // how long the computation took
	refreshing bool
}

var facetCache = struct {
	sync.Mutex
	m map[facetKey]*facetEntry
}{m: map[facetKey]*facetEntry{}}

// CachedReviewFacets returns what [ReviewFacets] returns, from a cache kept
// per database and instansi. Facets computed once are served until the
// items or their results change (two index look-ups tell) or for ten
// minutes; then they are recomputed, within the request when that took
// under 25 ms last time, otherwise in the background, at most once a
// minute, while the previous facets are served: the filter choices of a
// large inbox lag a change by up to a minute plus one computation (about a
// second per 250,000 items on SQLite), and a hand attribution (which moves
// an item between OPDs) by up to ten minutes.
func CachedReviewFacets(ctx context.Context, d *db.DB, instansiID int64, opdIDs []int64) (platforms, targets []string, err error) {
	if opdIDs != nil && len(opdIDs) == 0 {
		return nil, nil, nil
	}
	k := facetKey{d, instansiID}
	facetCache.Lock()
	e, ok := facetCache.m[k]
	if !ok {
		if len(facetCache.m) >= maxFacetEntries {
			for old := range facetCache.m { // drop an arbitrary entry
				delete(facetCache.m, old)
				break
			}
		}
		e = new(facetEntry)
		facetCache.m[k] = e
	}
	facetCache.Unlock()

	var mark facetMark
	if err := d.QueryRow(ctx, facetMarkSQL).Scan(&mark.item, &mark.result); err != nil {
		return nil, nil, fmt.Errorf("review facets: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch fresh := e.ready && e.mark == mark && time.Since(e.at) < facetTTL; {
	case fresh:
	case !e.ready || e.took < facetInline:
		// Within the request, e.mu held: concurrent requests wait for it
		// and then find the facets fresh.
		combos, took, err := computeFacets(ctx, d, instansiID)
		if err != nil {
			return nil, nil, err
		}
		e.set(combos, mark, took)
	case !e.refreshing && time.Since(e.at) >= facetEvery:
		e.refreshing = true
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), facetTimeout)
			defer cancel()
			combos, took, err := computeFacets(ctx, d, instansiID) // e.mu not held: requests are served meanwhile
			e.mu.Lock()
			defer e.mu.Unlock()
			e.refreshing = false
			if err == nil { // else the previous facets stay; a later request tries again
				e.set(combos, mark, took)
			}
		}()
	}
	platforms, targets = facetsOf(e.combos, opdIDs)
	return platforms, targets, nil
}

func computeFacets(ctx context.Context, d *db.DB, instansiID int64) ([]facetCombo, time.Duration, error) {
	start := time.Now()
	combos, err := reviewFacetCombos(ctx, d, instansiID)
	return combos, time.Since(start), err
}

// set stores facets computed as of mark; e.mu is held.
func (e *facetEntry) set(combos []facetCombo, mark facetMark, took time.Duration) {
	e.combos, e.mark, e.at, e.took, e.ready = combos, mark, time.Now(), took, true
}
