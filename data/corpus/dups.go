package corpus

import (
	"context"
	"errors"
	"slices"
	"sync"

	"storydesk/model"
	"storydesk/model/dup"
)

// Duplicate detection over a whole corpus, as a background job: read every
// article (cleaned text), look its content hash up in a signature cache,
// sign only the texts not found there, and find the pairs. The cache is
// keyed by model.HashText of the cleaned text and dup.SignatureVersion,
// so reopening a corpus signs only new or changed articles, and a change to
// the cleaner or to dup.Sign invalidates exactly what it should.
//
// Only each signature's sketch stays in memory (dup.Sketch: a quarter of
// it); the few candidates that share enough of their sketches are scored
// with their whole signatures, taken from the cache or signed again from
// the text (Sign's index asks for them through dup.Options.Full). Items
// whose sketch the caller already has (Stream takes one as it reads the
// list) are not read at all.

// SignatureCache keeps duplicate signatures (dup.Signature in its binary
// form) by content hash and signature version. The annotation store is one
// (an optional capability of a Store, declared here where it is used).
type SignatureCache interface {
	Signatures(ctx context.Context, version int, hashes []string) (map[string][]byte, error)
	PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error
}

// Stages reported to DupJobOptions.Progress.
const (
	DupStageRead    = "reading"   // done, total: corpus items read (and signed or found in the cache)
	DupStageCompare = "comparing" // done, total: texts searched for copies (see dup.Index.Pairs)
)

// DupJobOptions tunes FindDuplicates. The zero value is the default.
type DupJobOptions struct {
	Threshold float64        // containment at or above which a pair is reported; ≤0: dup.DefaultThreshold
	Workers   int            // goroutines reading, signing and comparing; ≤0: one per CPU
	Cache     SignatureCache // nil: sign every text
	// Progress, when not nil, is called now and then with a stage and how
	// far it has got; calls never overlap.
	Progress func(stage string, done, total int)
	// Known are items already read in this session (by Stream, which hashes
	// and sketches each text it cleans). An item with its sketch is not read
	// again; without one, with a Cache, an item whose hash the cache holds a
	// signature for is not read again either.
	Known []KnownText
}

// KnownText is an item of the corpus whose article id and cleaned-text hash
// (Result.Hash) are known, and its sketch (Result.Sketch) when taken.
type KnownText struct {
	Index    int
	ID, Hash string
	Sketch   dup.Sketch // zero when not taken: then looked up or read
}

// DupReport is what FindDuplicates found.
type DupReport struct {
	Pairs    []dup.Pair // at or above the threshold, most similar first (see dup.Index.Pairs); none from Sign
	Articles int        // articles compared
	Read     int        // of those, articles read from their files in this run (the rest were Known)
	Computed int        // distinct texts signed: not found in the cache
	Cached   int        // distinct texts whose signature came from the cache
	Problems []Problem  // items that could not be read, in corpus order
	// CacheErr is the first cache failure (a read-only or locked store, a
	// full disk). The cache only saves time, so the job goes on without it
	// and the pairs are complete; the caller may want to say so.
	CacheErr error
}

// dupBatch is how many articles go to the cache (and to the signers) at
// once: big enough that a cache round trip and a transaction are cheap per
// article, small enough that the texts held in flight stay a few MB.
const dupBatch = 512

// dupItem is one article read, on its way from a reader to the batcher.
type dupItem struct {
	i        int
	id, hash string
	text     string // dropped once the article is signed or found cached
	problem  *Problem
}

// FindDuplicates finds the copies among the corpus's articles:
// Sign, then the index's pairs at opts.Threshold.
//
// It returns ctx.Err() (and no report) when ctx is cancelled, whether while
// the corpus is read or while it is compared: a screen that is closed or a
// corpus that is replaced stops the job within milliseconds.
func FindDuplicates(ctx context.Context, c *Corpus, opts DupJobOptions) (*DupReport, error) {
	idx, rep, err := Sign(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex // Pairs promises no overlap; the lock keeps that true whatever it does later
	rep.Pairs, err = idx.Pairs(ctx, opts.Threshold, func(done, total int) {
		if opts.Progress != nil {
			mu.Lock()
			defer mu.Unlock()
			opts.Progress(DupStageCompare, done, total)
		}
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// Sign reads every article of the corpus and returns the duplicate
// index of their signatures, for callers that ask for pairs more than once
// (at several thresholds) without reading the corpus again; the report has
// no pairs. Each article is read in full once (on opts.Workers goroutines),
// its cleaned text hashed, and signed only when opts.Cache lacks that hash;
// new signatures are written to the cache in batches. Memory is the
// sketches (about 1 byte per word) plus a few batches of text; the index
// reads whole signatures of likely copies again when it scores them
// (from opts.Cache, or the corpus), so c must stay readable while it is
// used. Progress reports DupStageRead only.
func Sign(ctx context.Context, c *Corpus, opts DupJobOptions) (*dup.Index, *DupReport, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	progress := func(stage string, done, total int) {
		if opts.Progress != nil {
			opts.Progress(stage, done, total)
		}
	}
	total := len(c.Items)
	progress(DupStageRead, 0, total)

	b := dupBatcher{
		ctx: ctx, cache: opts.Cache, workers: opts.Workers,
		known: map[string]dup.Sketch{},
		items: map[string]dupWhere{},
		rep:   &DupReport{},
	}
	full := &dupFull{c: c, b: &b, workers: opts.Workers, items: b.items}
	b.idx = dup.NewIndex(dup.Options{Workers: opts.Workers, Full: full.get})
	if b.cache != nil {
		b.startWriter()
	}
	defer b.stopWriter() // before the caller may close the cache
	done := 0
	var only []int // nil: read every item
	if len(opts.Known) > 0 {
		have := b.addKnown(opts.Known, total)
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		done = len(have)
		only = make([]int, 0, total-done)
		for i := range total {
			if !have[i] {
				only = append(only, i)
			}
		}
		progress(DupStageRead, done, total)
	}

	items := make(chan dupItem, dupBatch)
	go func() {
		defer close(items)
		c.streamText(ctx, opts.Workers, only, func(i int, a *model.Article, err error) {
			it := dupItem{i: i}
			if err != nil {
				var pe *ProblemError
				if !errors.As(err, &pe) {
					pe = &ProblemError{Problem{Path: c.Items[i].Path, Reason: err.Error()}}
				}
				it.problem = &pe.Problem
			} else {
				// Hashing here, on the readers, keeps the batcher light.
				it.id, it.hash, it.text = a.ID, model.HashText(a.Text), a.Text
			}
			select {
			case items <- it:
			case <-ctx.Done():
			}
		})
	}()

	var probIdx []int
	batch := make([]dupItem, 0, dupBatch)
	for it := range items {
		if done++; done%64 == 0 {
			progress(DupStageRead, done, total)
		}
		if it.problem != nil {
			b.rep.Problems = append(b.rep.Problems, *it.problem)
			probIdx = append(probIdx, it.i)
			continue
		}
		if batch = append(batch, it); len(batch) == dupBatch {
			b.add(batch)
			batch = batch[:0]
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	b.add(batch)
	progress(DupStageRead, done, total)

	// Problems in corpus order, whatever order the readers met them in.
	order := make([]int, len(probIdx))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(x, y int) int { return probIdx[x] - probIdx[y] })
	probs := make([]Problem, len(order))
	for k, o := range order {
		probs[k] = b.rep.Problems[o]
	}
	b.rep.Problems = probs
	b.stopWriter()
	return b.idx, b.rep, nil
}

// dupBatcher turns batches of read articles into signatures in the index.
// New signatures go to the cache on a writer goroutine: a write transaction
// waits on the disk (fsync), and the readers and signers need not wait with
// it.
type dupBatcher struct {
	ctx     context.Context
	cache   SignatureCache // for lookups; nil once a lookup has failed
	workers int
	idx     *dup.Index
	known   map[string]dup.Sketch // by content hash: every text seen in this run
	items   map[string]dupWhere   // by article id: where its whole signature is
	rep     *DupReport

	puts    chan map[string][]byte // to the writer; nil without one
	written chan struct{}          // closed when the writer is done
	mu      sync.Mutex             // guards rep.CacheErr
}

func (b *dupBatcher) cacheFailed(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx.Err() == nil && b.rep.CacheErr == nil {
		b.rep.CacheErr = err
	}
}

func (b *dupBatcher) startWriter() {
	b.puts, b.written = make(chan map[string][]byte, 4), make(chan struct{})
	cache := b.cache
	go func() {
		defer close(b.written)
		failed := false
		for put := range b.puts {
			if failed {
				continue // keep draining so the batcher never blocks
			}
			if err := cache.PutSignatures(b.ctx, dup.SignatureVersion, put); err != nil {
				b.cacheFailed(err)
				failed = true
			}
		}
	}()
}

// stopWriter waits for the writer to finish; it may be called twice.
func (b *dupBatcher) stopWriter() {
	if b.puts != nil {
		close(b.puts)
		<-b.written
		b.puts = nil
	}
}

// addKnown puts into the index the known items whose signatures the cache
// holds, looking them up a batch at a time, and says which items those were.
func (b *dupBatcher) addKnown(known []KnownText, total int) map[int]bool {
	have := map[int]bool{}
	var rest []KnownText // without a sketch: looked up in the cache
	for _, k := range known {
		if k.Index < 0 || k.Index >= total || have[k.Index] {
			continue
		}
		if !k.Sketch.Current() {
			rest = append(rest, k)
			continue
		}
		have[k.Index] = true
		b.items[k.ID] = dupWhere{k.Index, k.Hash, false}
		b.idx.AddSketch(k.ID, k.Sketch)
		b.rep.Articles++
	}
	known = rest
	for start := 0; start < len(known) && b.cache != nil && b.ctx.Err() == nil; start += dupBatch {
		chunk := known[start:min(start+dupBatch, len(known))]
		var want []string
		asked := map[string]bool{}
		for _, k := range chunk {
			if _, ok := b.known[k.Hash]; !ok && k.Hash != "" && !asked[k.Hash] {
				asked[k.Hash] = true
				want = append(want, k.Hash)
			}
		}
		if len(want) > 0 {
			got, err := b.cache.Signatures(b.ctx, dup.SignatureVersion, want)
			if err != nil {
				b.cacheFailed(err)
				b.cache = nil
				break
			}
			for h, raw := range got {
				var sig dup.Signature
				if asked[h] && sig.UnmarshalBinary(raw) == nil && sig.Current() {
					b.known[h] = sig.Sketch(0)
					b.rep.Cached++
				}
			}
		}
		for _, k := range chunk {
			if sk, ok := b.known[k.Hash]; ok && k.Index >= 0 && k.Index < total && !have[k.Index] {
				have[k.Index] = true
				b.items[k.ID] = dupWhere{k.Index, k.Hash, true}
				b.idx.AddSketch(k.ID, sk)
				b.rep.Articles++
			}
		}
	}
	return have
}

func (b *dupBatcher) add(batch []dupItem) {
	if len(batch) == 0 {
		return
	}
	// The texts this run has not met yet (copies within the corpus share a
	// hash and are signed once).
	var want []string
	first := map[string]int{} // hash -> its first item in batch
	for k, it := range batch {
		if _, ok := b.known[it.hash]; ok {
			continue
		}
		if _, ok := first[it.hash]; !ok {
			first[it.hash] = k
			want = append(want, it.hash)
		}
	}
	if b.cache != nil && len(want) > 0 {
		got, err := b.cache.Signatures(b.ctx, dup.SignatureVersion, want)
		if err != nil {
			b.cacheFailed(err)
			b.cache = nil
		}
		for h, raw := range got {
			var sig dup.Signature
			// A damaged or stale entry is recomputed (and overwritten).
			if sig.UnmarshalBinary(raw) != nil || !sig.Current() {
				continue
			}
			if _, ok := first[h]; ok {
				b.known[h] = sig.Sketch(0)
				b.rep.Cached++
			}
		}
	}
	var docs []dup.Doc
	for _, h := range want {
		if _, ok := b.known[h]; !ok {
			docs = append(docs, dup.Doc{ID: h, Text: batch[first[h]].text})
		}
	}
	if len(docs) > 0 {
		sigs := dup.SignAll(docs, b.workers, nil)
		b.rep.Computed += len(sigs)
		var put map[string][]byte
		if b.puts != nil && b.cache != nil { // after a failed lookup, go on without the cache
			put = make(map[string][]byte, len(sigs))
		}
		for k, sig := range sigs {
			b.known[docs[k].ID] = sig.Sketch(0)
			if put != nil {
				raw, _ := sig.MarshalBinary() // cannot fail
				put[docs[k].ID] = raw
			}
		}
		if len(put) > 0 {
			b.puts <- put
		}
	}
	for k := range batch {
		it := &batch[k]
		b.items[it.id] = dupWhere{it.i, it.hash, b.puts != nil && b.cache != nil}
		b.idx.AddSketch(it.id, b.known[it.hash])
		it.text = ""
		b.rep.Articles++
		b.rep.Read++
	}
}
