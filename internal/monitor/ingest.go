package monitor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/screen"
)

// IngestOptions configure [Ingest].
type IngestOptions struct {
	InstansiID int64
	Source     string // one of Sources
	Format     Format
	Actor      audit.Actor // recorded in the audit entry of the ingest
	// Workers is the number of goroutines that parse, attribute and screen;
	// 0 means GOMAXPROCS-1 (at least 1), leaving a core to the writer.
	Workers int
	// BatchSize is the number of records written per transaction; 0 means 10000.
	BatchSize int
	// MaxLine is the longest record in bytes; 0 means DefaultMaxLine.
	MaxLine int
	// OnReject, when set, is called in input order for every rejected record.
	OnReject func(Rejection)
	// OnBatch, when set, is called after each committed batch with the
	// counts so far.
	OnBatch func(Report)
}

// Report says what an ingest did.
type Report struct {
	Records         int // records read (blank lines excluded)
	New             int // stored now
	Duplicates      int // already stored (same instansi, platform and id) or repeated in the input
	RejectedCount   int
	Rejected        []Rejection // the first MaxRejections, in input order
	Flagged         int         // new records flagged
	Attributed      int         // new records attributed to a registered account
	ElectionVersion int
	Lexicon         string
}

// MaxRejections bounds Report.Rejected.
const MaxRejections = 10000

// Rejection is a record that was not stored, with its line number (for a
// JSON array: its position, from 1) and the reason.
type Rejection struct {
	Line  int
	ID    string
	Error string
}

// parsed is a decoded record before checks.
type parsed struct {
	rec      screen.Record
	authorID string
	err      error
}

// Ingest reads activity records from r, attributes and screens them with
// the instansi's active elections (creating the default version when it
// has none), and stores the new ones with their screening results.
// Records already stored are counted as duplicates; records that cannot be
// read or lack required fields are rejected with their line number, and
// the rest is still stored. Parsing and screening run on several
// goroutines; writes go in large batches, one transaction each. An error
// is returned only when reading r or the database fails; batches written
// before it stay.
func Ingest(ctx context.Context, d *db.DB, r io.Reader, opt IngestOptions) (Report, error) {
	var rep Report
	if !slices.Contains(Sources, opt.Source) {
		return rep, fmt.Errorf("unknown source %q", opt.Source)
	}
	workers := opt.Workers
	if workers <= 0 {
		// The writer is the bottleneck and needs a core of its own.
		workers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 10000
	}
	if opt.MaxLine <= 0 {
		opt.MaxLine = DefaultMaxLine
	}
	ver, err := EnsureElections(ctx, d, opt.InstansiID)
	if err != nil {
		return rep, err
	}
	rep.ElectionVersion, rep.Lexicon = ver.Version, ver.Lexicon
	scr, err := screenerFor(ver)
	if err != nil {
		return rep, err
	}
	at, err := LoadAttributor(ctx, d, opt.InstansiID)
	if err != nil {
		return rep, err
	}
	if d.Engine() == db.SQLite {
		// A larger page cache on the (single) writer connection keeps the
		// indexes' inner pages in memory during bulk writes.
		_, _ = d.W.ExecContext(ctx, `PRAGMA cache_size = -65536`)
	}
	w := newWriter(d, opt.InstansiID, opt.Source, ver, time.Now())
	defer w.close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := startPipeline(ctx, r, opt, workers, scr, at)
	var batch []*row
	var batchSize int64
	var werr error
	flush := func() {
		batchSize = 0
		if werr != nil || len(batch) == 0 {
			batch = batch[:0]
			return
		}
		if werr = w.write(ctx, batch, &rep); werr != nil {
			cancel()
		} else if opt.OnBatch != nil {
			opt.OnBatch(rep)
		}
		batch = batch[:0]
	}
	for c := range p.order {
		<-c.done
		p.inFlight.Release(weight(c))
		if werr != nil {
			continue
		}
		batchSize += c.size
		for i := range c.out {
			rw := &c.out[i]
			rep.Records++
			if rw.err != "" {
				rep.reject(Rejection{Line: c.nums[i], ID: rw.externalID, Error: rw.err}, opt.OnReject)
				continue
			}
			batch = append(batch, rw)
			if len(batch) >= opt.BatchSize || batchSize >= maxBatchBytes {
				flush()
			}
		}
	}
	flush()
	readErr := p.wait()
	if rep.New > 0 || rep.Duplicates > 0 {
		if err := audit.RecordNow(context.WithoutCancel(ctx), d, opt.Actor, audit.Event{InstansiID: opt.InstansiID,
			Action: "activity.ingest", ObjectType: "instansi", ObjectID: strconv.FormatInt(opt.InstansiID, 10),
			After: map[string]any{"source": opt.Source, "new": rep.New, "duplicates": rep.Duplicates,
				"rejected": rep.RejectedCount, "flagged": rep.Flagged, "lexicon": rep.Lexicon}}); err != nil && werr == nil {
			werr = err
		}
	}
	if werr != nil {
		return rep, werr
	}
	var bad *BadInputError
	if errors.As(readErr, &bad) {
		rep.reject(Rejection{Line: bad.Line, Error: bad.Msg}, opt.OnReject)
		readErr = nil
	}
	if readErr != nil {
		return rep, readErr
	}
	return rep, ctx.Err()
}

// pipeline reads chunks and has workers prepare them; the caller takes the
// chunks from order, in input order, each once its done channel is closed.
type pipeline struct {
	order    chan *chunk
	inFlight *semaphore.Weighted
	wg       sync.WaitGroup
	readErr  error
}

// startPipeline starts the reader and the workers. The reader may run two
// batches ahead of the writer, so parsing and screening go on while a
// batch is being written; input bytes in flight are bounded too, so large
// records cannot pile up.
func startPipeline(ctx context.Context, r io.Reader, opt IngestOptions, workers int, scr *versionScreener,
	at *Attributor) *pipeline {
	ahead := 2*(opt.BatchSize+chunkLines-1)/chunkLines + workers*4
	work := make(chan *chunk, ahead)
	p := &pipeline{order: make(chan *chunk, ahead), inFlight: semaphore.NewWeighted(maxInFlight)}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer close(work)
		defer close(p.order)
		p.readErr = readChunks(ctx, r, opt.Format, opt.MaxLine, func(c *chunk) bool {
			if p.inFlight.Acquire(ctx, weight(c)) != nil {
				return false
			}
			select {
			case p.order <- c:
			case <-ctx.Done():
				return false
			}
			select {
			case work <- c:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	for range workers {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for c := range work {
				prepareChunk(c, scr, at)
				close(c.done)
			}
		}()
	}
	return p
}

// wait waits for the reader and the workers and returns the read error.
func (p *pipeline) wait() error {
	p.wg.Wait()
	return p.readErr
}

// Memory bounds of an ingest: input bytes read ahead of the writer, and
// bytes per write batch.
const (
	maxInFlight   = 128 << 20
	maxBatchBytes = 32 << 20
)

// weight is what a chunk counts against maxInFlight.
func weight(c *chunk) int64 { return min(max(c.size, 1), maxInFlight) }

func (rep *Report) reject(r Rejection, cb func(Rejection)) {
	rep.RejectedCount++
	if len(rep.Rejected) < MaxRejections {
		rep.Rejected = append(rep.Rejected, r)
	}
	if cb != nil {
		cb(r)
	}
}
