package data

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"storydesk/model"
)

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
