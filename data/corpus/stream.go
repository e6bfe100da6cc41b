package corpus

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"storydesk/model"
	"storydesk/model/dup"
)

// Stream batching: a batch goes out when it is StreamBatch results big or
// batchEvery old. Other sources of Results (the store's snapshots) batch
// alike.
const (
	StreamBatch = 256
	batchEvery  = 50 * time.Millisecond
)

func (c *Corpus) stream(ctx context.Context, workers int, emit func([]Result)) {
	n := len(c.Items)
	if n == 0 {
		return
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, n)
	out := make(chan Result, 2*StreamBatch)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fc fileCache
			defer fc.close()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				res := Result{Index: i}
				a, err := c.load(i, &fc)
				if err != nil {
					p := err.(*ProblemError).Problem
					res.Problem = &p
				} else {
					res.Hash = model.HashText(a.Text)
					// Signing here, while the text is in hand, spares
					// duplicate detection a second read of the corpus.
					res.Sketch = dup.Sign(a.Text).Sketch(0)
					if !c.Items[i].ref.src.inMem {
						a.DropBody()
					}
					res.Article = a
				}
				select {
				case out <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	batch := make([]Result, 0, StreamBatch)
	timer := time.NewTimer(batchEvery)
	timer.Stop()
	defer timer.Stop()
	flush := func() {
		if len(batch) > 0 {
			emit(batch)
			batch = make([]Result, 0, StreamBatch)
		}
	}
	for {
		select {
		case r, ok := <-out:
			if !ok {
				flush()
				return
			}
			if len(batch) == 0 {
				timer.Reset(batchEvery)
			}
			batch = append(batch, r)
			if len(batch) >= StreamBatch {
				timer.Stop()
				flush()
			}
		case <-timer.C:
			flush()
		case <-ctx.Done():
			for range out {
				// let the workers see the cancellation and finish
			}
			return
		}
	}
}

// StreamText reads every item in full (body included) on up to workers
// goroutines (runtime.NumCPU() when workers <= 0) and calls fn for each, in
// any order, from the worker that read it: fn must be safe for concurrent
// use, and should be quick or hand the work on, since the worker waits for
// it. err is a *ProblemError when the item could not be read (a is nil then).
// Nothing is kept after fn returns, so whole-corpus passes that need the text
// (duplicate signatures, statistics) run in flat memory, unlike Stream, which
// batches results for a UI and drops bodies. StreamText returns when every
// item has been handed to fn or, once ctx is cancelled, after the workers
// finish their current item.
func (c *Corpus) StreamText(ctx context.Context, workers int, fn func(i int, a *model.Article, err error)) {
	c.streamText(ctx, workers, nil, fn)
}

// streamText is StreamText over the items in only, or all when only is nil.
func (c *Corpus) streamText(ctx context.Context, workers int, only []int, fn func(i int, a *model.Article, err error)) {
	n := len(c.Items)
	if only != nil {
		n = len(only)
	}
	if n == 0 {
		return
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var fc fileCache // lines of one JSONL file come in order: keep it open
			defer fc.close()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if only != nil {
					i = only[i]
				}
				a, err := c.load(i, &fc)
				fn(i, a, err)
			}
		})
	}
	wg.Wait()
}
