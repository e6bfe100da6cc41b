package dup

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// dupParallel runs job(i) for i in [0,n) on workers goroutines, handing out
// chunks of the given size. newJob is called once per goroutine so each has its
// own scratch space. Once ctx is cancelled no new chunk starts, and
// dupParallel returns ctx's error when the workers have stopped.
func dupParallel(ctx context.Context, n, workers, chunk int, progress func(done, total int), newJob func() func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > (n+chunk-1)/chunk {
		workers = max(1, (n+chunk-1)/chunk)
	}
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	if progress != nil {
		progress(0, n)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			job := newJob()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n || ctx.Err() != nil {
					return
				}
				hi := min(lo+chunk, n)
				for i := lo; i < hi; i++ {
					job(i)
				}
				if progress != nil {
					mu.Lock()
					done += hi - lo
					progress(done, n)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
