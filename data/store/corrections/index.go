// Package corrections is the reviewers' corrections to the cleaner, on the
// store's side. A Corpus whose Corrections hook is set cleans every article
// it loads with the corrections the store keeps (OpSetCorrect). Index is
// that hook over a store: the table is read once into memory (corrections
// are typed by hand, so few), and kept current by replaying the actions
// that change it, because Stream would otherwise ask the store about every
// one of 100,000 articles.
package corrections

import (
	"context"
	"sync"

	"storydesk/data/store"
	"storydesk/model"
)

// Index is every article's cleaner corrections held in memory,
// for Corpus.Corrections. It is safe for concurrent use.
type Index struct {
	mu sync.RWMutex
	m  map[string][]model.Correction // by article id, in (start, end) order
}

// Load reads a store's corrections into a new index.
func Load(ctx context.Context, st store.CorrectionSource) (*Index, error) {
	m, err := st.AllCorrections(ctx)
	if err != nil {
		return nil, err
	}
	return &Index{m: m}, nil
}

// For returns article id's corrections (a copy); it has the signature of
// Corpus.Corrections.
func (x *Index) For(id string) []model.Correction {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(x.m[id]) == 0 {
		return nil
	}
	return append([]model.Correction(nil), x.m[id]...)
}

// Len is the number of articles with at least one correction.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.m)
}

// Applied brings the index up to date with an action the store has just
// committed (undone: the action as returned by Undo, which the store
// reverted), changing the corrections exactly as the store did. It returns
// the ids of the articles whose corrections it touched.
func (x *Index) Applied(act store.Action, undone bool) []string {
	ops := act.Applied(undone)
	var ids []string
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, op := range ops {
		if op.Kind != store.OpSetCorrect {
			continue
		}
		x.set(op.Article, op.RawStart, op.RawEnd, op.Keep)
		if len(ids) == 0 || ids[len(ids)-1] != op.Article {
			ids = append(ids, op.Article)
		}
	}
	return ids
}

// set is OpSetCorrect on the copy: keep 1 or 0 stores, -1 deletes.
func (x *Index) set(id string, start, end, keep int) {
	if x.m == nil {
		x.m = map[string][]model.Correction{}
	}
	list := x.m[id]
	i := 0
	for i < len(list) && (list[i].Start < start || list[i].Start == start && list[i].End < end) {
		i++
	}
	found := i < len(list) && list[i].Start == start && list[i].End == end
	switch {
	case keep < 0 && found:
		list = append(list[:i:i], list[i+1:]...)
	case keep < 0:
	case found:
		list = append(list[:i:i], list[i:]...) // a copy: readers may hold the old slice
		list[i].Keep = keep == 1
	default:
		list = append(list[:i:i], append([]model.Correction{{Start: start, End: end, Keep: keep == 1}}, list[i:]...)...)
	}
	if len(list) == 0 {
		delete(x.m, id)
		return
	}
	x.m[id] = list
}
