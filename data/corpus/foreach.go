package corpus

import (
	"runtime"
	"sync"

	"storydesk/model"
)

// ForEach loads every item in full (body included) on up to workers
// goroutines and calls fn for each in corpus order, so command-line output is
// deterministic. A non-nil error from fn stops the walk and is returned. Only
// a bounded window of loaded articles is held at once.
func (c *Corpus) ForEach(workers int, fn func(i int, a *model.Article, err error) error) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type res struct {
		a   *model.Article
		err error
	}
	n := len(c.Items)
	// One slot per item in flight; the window bounds memory on big corpora.
	window := workers * 4
	slots := make([]chan res, n)
	for i := range slots {
		slots[i] = make(chan res, 1)
	}
	next := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a, err := c.Load(i)
				slots[i] <- res{a, err}
			}
		}()
	}
	// sem keeps at most window items loaded but not yet consumed.
	sem := make(chan struct{}, window)
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case sem <- struct{}{}:
			case <-done:
				return
			}
			select {
			case next <- i:
			case <-done:
				return
			}
		}
	}()
	var stop error
	for i := 0; i < n && stop == nil; i++ {
		r := <-slots[i]
		<-sem
		stop = fn(i, r.a, r.err)
	}
	close(done)
	wg.Wait()
	return stop
}
