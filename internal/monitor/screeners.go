package monitor

import (
	"fmt"
	"sync"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/screen"
)

// maxScreeners bounds the in-memory cache of compiled screeners.
const maxScreeners = 64

type screenerKey struct {
	instansi int64
	lexicon  string
}

// screeners caches compiled screeners per (instansi, lexicon version):
// compiling one takes tens of milliseconds, screening a record microseconds.
var screeners = struct {
	sync.Mutex
	m map[screenerKey]*screenerEntry
}{m: map[screenerKey]*screenerEntry{}}

type screenerEntry struct {
	once sync.Once
	s    *screen.Screener
	err  error
}

// Screener returns the compiled screener of an election version, from the
// cache when it was built before.
func Screener(v ElectionVersion) (*screen.Screener, error) {
	k := screenerKey{v.InstansiID, v.Lexicon}
	screeners.Lock()
	e, ok := screeners.m[k]
	if !ok {
		if len(screeners.m) >= maxScreeners {
			for old := range screeners.m { // drop an arbitrary entry
				delete(screeners.m, old)
				break
			}
		}
		e = new(screenerEntry)
		screeners.m[k] = e
	}
	screeners.Unlock()
	e.once.Do(func() {
		es, err := v.Elections()
		if err != nil {
			e.err = fmt.Errorf("election version %d: %w", v.Version, err)
			return
		}
		set, _ := election.NewSet(es)
		e.s, e.err = screen.New(set, screen.Options{})
	})
	if e.err != nil {
		screeners.Lock()
		if screeners.m[k] == e {
			delete(screeners.m, k)
		}
		screeners.Unlock()
	}
	return e.s, e.err
}
