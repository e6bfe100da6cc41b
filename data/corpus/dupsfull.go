package corpus

import (
	"context"
	"errors"
	"slices"
	"sync"

	"storydesk/model"
	"storydesk/model/dup"
)

// dupWhere is where an article's whole signature can be found again: its
// item, and its cleaned-text hash (the cache's key).
type dupWhere struct {
	index  int
	hash   string
	cached bool // the cache has its signature (or was sent it in this run)
}

// dupFull gives the duplicate index the whole signatures of the articles
// it scores (dup.Options.Full): from the cache when it has them, else
// signed again from the corpus (and then cached).
type dupFull struct {
	c       *Corpus
	b       *dupBatcher // its cache, nil once a lookup failed; its report's CacheErr
	workers int
	items   map[string]dupWhere // by article id; complete before the index asks
}

func (f *dupFull) get(ctx context.Context, ids []string, put func(id string, shingles []uint32)) error {
	missing := make([]int, 0, len(ids))
	byHash := map[string][]string{} // content hash -> the ids with it
	for _, id := range ids {
		if w, ok := f.items[id]; ok {
			byHash[w.hash] = append(byHash[w.hash], id)
		}
	}
	cache := f.b.cache
	if cache != nil && len(byHash) > 0 {
		hashes := make([]string, 0, len(byHash))
		for h := range byHash {
			hashes = append(hashes, h)
		}
		// A failing cache only costs a read: the texts are signed again.
		got, _ := cache.Signatures(ctx, dup.SignatureVersion, hashes)
		for h, raw := range got {
			var sig dup.Signature
			if sig.UnmarshalBinary(raw) != nil || !sig.Current() {
				continue
			}
			for _, id := range byHash[h] {
				put(id, sig.Shingles)
			}
			delete(byHash, h)
		}
	}
	for _, sameText := range byHash {
		for _, id := range sameText {
			missing = append(missing, f.items[id].index)
		}
	}
	if len(missing) == 0 {
		return ctx.Err()
	}
	slices.Sort(missing)
	var mu sync.Mutex
	fresh := map[string][]byte{}
	// Only signatures the cache was never sent go to it (those of items
	// whose sketch Stream took), and not after a failure.
	store := cache != nil && f.b.rep.CacheErr == nil
	f.c.streamText(ctx, f.workers, missing, func(i int, a *model.Article, err error) {
		if err != nil {
			// The article is left out of its pairs; the report says why.
			var pe *ProblemError
			if !errors.As(err, &pe) {
				pe = &ProblemError{Problem{Path: f.c.Items[i].Path, Reason: err.Error()}}
			}
			mu.Lock()
			f.b.rep.Problems = append(f.b.rep.Problems, pe.Problem)
			mu.Unlock()
			return
		}
		sig := dup.Sign(a.Text)
		raw, _ := sig.MarshalBinary() // cannot fail
		mu.Lock()
		defer mu.Unlock()
		put(a.ID, sig.Shingles)
		if w := f.items[a.ID]; store && !w.cached {
			fresh[model.HashText(a.Text)] = raw
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(fresh) > 0 {
		_ = cache.PutSignatures(ctx, dup.SignatureVersion, fresh) // only saves time next run
	}
	return nil
}
