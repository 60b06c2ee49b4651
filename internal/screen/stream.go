package screen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
)

// ScanOptions configure [Screener.Scan].
type ScanOptions struct {
	// Workers is the number of screening goroutines; 0 means GOMAXPROCS.
	Workers int
	// MaxLine is the longest line screened, in bytes; longer lines yield
	// an error record. 0 means 64 MiB.
	MaxLine int
	// OnError is called, in input order, for each line that could not be
	// read (1-based line number, the id when known).
	OnError func(line int, id string, err error)
	// OnResult, when set, is called in input order for every result
	// written (after it is encoded).
	OnResult func(line int, r *Result)
}

// ScanStats counts what [Screener.Scan] did.
type ScanStats struct {
	Records int // lines that were records (blank lines excluded)
	Errors  int // lines that could not be read
	Flagged int // records flagged
}

type batch struct {
	first int      // line number of lines[0]
	buf   []byte   // line bytes
	ends  []int    // end offset of each line in buf
	nums  []int    // line number of each line
	long  []bool   // line exceeded MaxLine (buf holds a prefix)
	out   []byte   // encoded results
	res   []Result // results kept for callbacks
	done  chan struct{}
}

const (
	batchBytes = 256 << 10
	batchLines = 512
)

// batchPool recycles batch buffers between the reader and the writer.
var batchPool = sync.Pool{New: func() any { return new(batch) }}

func getBatch(first int) *batch {
	b := batchPool.Get().(*batch)
	b.first = first
	b.buf, b.ends, b.nums, b.long, b.out, b.res = b.buf[:0], b.ends[:0], b.nums[:0], b.long[:0], b.out[:0], b.res[:0]
	b.done = make(chan struct{})
	return b
}

func putBatch(b *batch) {
	if cap(b.buf) > 4*batchBytes || cap(b.out) > 8*batchBytes {
		return // an oversized line: let the buffer go
	}
	clear(b.res)
	batchPool.Put(b)
}

// Scan reads activity records as JSON Lines from r and writes one result
// per record to w, in input order, screening on several goroutines. Blank
// lines are skipped. It returns when r is exhausted, w fails or ctx is
// done; unreadable lines are not errors (see ScanOptions.OnError).
func (s *Screener) Scan(ctx context.Context, r io.Reader, w io.Writer, opt ScanOptions) (ScanStats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxLine := opt.MaxLine
	if maxLine <= 0 {
		maxLine = 64 << 20
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := make(chan *batch, workers*2)
	order := make(chan *batch, workers*4)
	var readErr error
	go func() {
		defer close(work)
		defer close(order)
		readErr = readBatches(ctx, r, maxLine, func(b *batch) bool {
			select {
			case order <- b:
			case <-ctx.Done():
				return false
			}
			select {
			case work <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	keep := opt.OnResult != nil
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := new(state)
			for b := range work {
				s.screenBatch(st, b, keep)
				close(b.done)
			}
		}()
	}
	var stats ScanStats
	bw := bufio.NewWriterSize(w, 256<<10)
	var werr error
	for b := range order {
		<-b.done
		if werr != nil {
			continue
		}
		for i := range b.res {
			res := &b.res[i]
			stats.Records++
			if res.Error != "" {
				stats.Errors++
				if opt.OnError != nil {
					opt.OnError(b.nums[i], res.ID, errors.New(res.Error))
				}
			} else if res.Flagged {
				stats.Flagged++
			}
			if opt.OnResult != nil {
				opt.OnResult(b.nums[i], res)
			}
		}
		if _, err := bw.Write(b.out); err != nil {
			werr = err
			cancel()
		}
		putBatch(b)
	}
	wg.Wait()
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		return stats, werr
	}
	if readErr != nil {
		return stats, readErr
	}
	return stats, ctx.Err()
}

func (s *Screener) screenBatch(st *state, b *batch, keep bool) {
	start := 0
	b.res = b.res[:0]
	if need := len(b.buf) + 400*len(b.ends); cap(b.out) < need {
		b.out = make([]byte, 0, need)
	}
	for i, end := range b.ends {
		line := b.buf[start:end]
		start = end
		var res Result
		// The record's strings share the batch's buffer, which is reused
		// once the batch is written: what outlives this loop is copied.
		rec, err := parseRecordShared(line)
		switch {
		case b.long[i]:
			res = Result{ID: rec.ID, hasID: rec.ID != "", Error: fmt.Sprintf("line longer than the %d-byte limit", len(line))}
		case err != nil:
			res = Result{ID: rec.ID, hasID: rec.ID != "", Error: err.Error()}
		default:
			res = s.screen(st, &rec)
		}
		b.out = res.AppendJSON(b.out)
		b.out = append(b.out, '\n')
		switch {
		case keep: // for OnResult
			res.ID = strings.Clone(res.ID)
			for k := range res.Matches {
				res.Matches[k].Term = strings.Clone(res.Matches[k].Term)
			}
		case res.Error != "": // for OnError
			res.ID = strings.Clone(res.ID)
			res.Matches, res.Targets = nil, nil
		default: // only counted
			res.ID, res.Matches, res.Targets = "", nil, nil
		}
		b.res = append(b.res, res)
	}
}

// readBatches splits r into batches of lines. A line longer than maxLine
// keeps only its first maxLine bytes and is marked long; the rest of it
// is read and discarded.
func readBatches(ctx context.Context, r io.Reader, maxLine int, emit func(*batch) bool) error {
	br := bufio.NewReaderSize(r, 1<<20)
	newBatch := getBatch
	lineNo := 0
	b := newBatch(1)
	flush := func() bool {
		if len(b.ends) == 0 {
			return true
		}
		ok := emit(b)
		b = newBatch(lineNo + 1)
		return ok
	}
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		start := len(b.buf)
		long := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if len(b.buf)-start+len(chunk) > maxLine {
				keep := maxLine - (len(b.buf) - start)
				if keep > 0 {
					b.buf = append(b.buf, chunk[:keep]...)
				}
				long = true
			} else {
				b.buf = append(b.buf, chunk...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		line := b.buf[start:]
		for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
			line = line[:len(line)-1]
		}
		b.buf = b.buf[:start+len(line)]
		if len(line) > 0 || err == nil {
			lineNo++
		}
		if blank(line) && !long {
			b.buf = b.buf[:start]
		} else {
			b.ends = append(b.ends, len(b.buf))
			b.nums = append(b.nums, lineNo)
			b.long = append(b.long, long)
		}
		if err == io.EOF {
			flush()
			return nil
		}
		if len(b.buf) >= batchBytes || len(b.ends) >= batchLines {
			if !flush() {
				return ctx.Err()
			}
		}
	}
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
