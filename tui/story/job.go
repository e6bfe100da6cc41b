package story

import (
	"context"
	"encoding/binary"
	"errors"
	"runtime"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/dup"
	mstory "storydesk/model/story"
	"storydesk/model/story/group"
	"storydesk/tui/ui"
)

// Grouping runs in the background once the corpus is read, as duplicate
// detection does: a goroutine reads every article for its grouping
// features (a few microseconds each: reading is the cost) and reports
// progress through a channel that a re-arming command reads. The copy
// pairs come from duplicate detection when it has run or is running (its
// signatures are cached in the store): the articles are not signed a
// second time. Only when detection will not run (no store) does the read
// sign them too, and the pairs are found here.
//
// group.Stories itself then runs in a command, again whenever the
// annotator's splits and merges change, over the features kept from the
// read (a few hundred bytes an article).

type job struct {
	ch     chan tea.Msg
	cancel context.CancelFunc
}

func (j *job) wait() tea.Msg {
	msg, ok := <-j.ch
	if !ok {
		return nil
	}
	return msg
}

// Messages of the grouping job.
type (
	progressMsg struct {
		job         *job
		done, total int
	}
	readMsg struct {
		job    *job
		items  []group.Item
		pairs  []dup.Pair // when the read signed the articles itself
		signed bool
		failed int
		err    error
	}
	groupedMsg struct {
		gen int
		g   group.Grouping
		ids []string // items' IDs, in the grouping's order
	}
)

// startRead starts reading the corpus for grouping features.
func (f *Feature) startRead() tea.Cmd {
	if f.job != nil || f.items != nil || f.stopped {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{ch: make(chan tea.Msg, 1), cancel: cancel}
	f.job = j
	r := &reader{
		ctx: ctx, j: j, src: f.d.Source, workers: f.d.Workers,
		live: append([]int32(nil), f.d.Articles.Live()...),
		sign: true,
	}
	if f.d.Dups != nil {
		_, finished, running := f.d.Dups.DetectedPairs()
		r.sign = !finished && !running
	}
	if fc, ok := f.d.Store.(store.StoryFeatureCache); ok && !r.sign {
		r.cache, r.known = fc, f.d.Articles.KnownTexts()
	}
	if r.workers <= 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	f.done, f.total = 0, len(r.live)
	go func() {
		defer close(j.ch)
		msg := r.run()
		select {
		case j.ch <- msg:
		case <-ctx.Done():
		}
	}()
	return j.wait
}

// reader is the grouping job's read, on its goroutines.
type reader struct {
	ctx     context.Context
	j       *job
	src     Source
	workers int
	live    []int32
	sign    bool
	cache   store.StoryFeatureCache // nil: none
	known   []corpus.KnownText      // items whose text hash the list's read took

	mu     sync.Mutex
	out    readMsg
	sigs   *dup.Index       // sketches only: whole sets are read again for candidates (full)
	signed map[string]int32 // the item each signed article was read from
	done   int
	last   time.Time
	puts   []store.StoryFeature
	putErr error
}

// cacheBatch is how many articles are looked up in, or written to, the
// features cache at once.
const cacheBatch = 512

// run reads what the cache does not hold, computing features (and
// signatures when sign), and finds the pairs when it signed.
func (r *reader) run() readMsg {
	r.out = readMsg{job: r.j, signed: r.sign}
	if r.sign {
		// Only each text's sketch stays (a quarter of its shingles), as in
		// duplicate detection: whole signatures of 100k articles held the
		// reader's peak well over its memory goal.
		r.sigs = dup.NewIndex(dup.Options{Workers: r.workers, Full: r.full})
		r.signed = map[string]int32{}
	}
	r.last = time.Now()
	todo := r.live
	if r.cache != nil {
		todo = r.fromCache()
		r.known = nil // a copy of the list's hashes, 20 MB at 100k
	}
	if err := r.loadEach(todo); err != nil {
		r.out.err = err
		return r.out
	}
	r.flush()
	if r.sigs != nil {
		r.out.pairs, r.out.err = r.sigs.Pairs(r.ctx, 0, nil)
	}
	return r.out
}

// fromCache takes the known items' features from the cache (those
// computed from the same text) and returns the live items left to read.
func (r *reader) fromCache() []int32 {
	have := map[int]bool{}
	for start := 0; start < len(r.known); start += cacheBatch {
		if r.ctx.Err() != nil {
			break
		}
		chunk := r.known[start:min(start+cacheBatch, len(r.known))]
		ids := make([]string, len(chunk))
		for k, kt := range chunk {
			ids[k] = kt.ID
		}
		got, err := r.cache.StoryFeatures(r.ctx, group.FeaturesVersion, ids)
		if err != nil {
			break // the cache only saves time: read the rest
		}
		for _, kt := range chunk {
			cf, ok := got[kt.ID]
			if !ok || cf.Hash != kt.Hash || len(cf.Keys)%4 != 0 {
				continue
			}
			have[kt.Index] = true
			r.out.items = append(r.out.items, itemOf(cf))
		}
		r.progress(len(have))
	}
	r.done = len(have)
	var todo []int32
	for _, i := range r.live {
		if !have[int(i)] {
			todo = append(todo, i)
		}
	}
	return todo
}

// itemOf is a grouping item from the cache.
func itemOf(cf store.StoryFeature) group.Item {
	keys := make([]uint32, len(cf.Keys)/4)
	for k := range keys {
		keys[k] = binary.LittleEndian.Uint32(cf.Keys[4*k:])
	}
	d, _ := mstory.ParseDate(cf.Date)
	return group.Item{ID: cf.ID, Date: d, Features: group.Features{Version: group.FeaturesVersion, Keys: keys}}
}

// loadEach reads items on the workers: each extracts its article's
// features (and signs it) as it reads.
func (r *reader) loadEach(items []int32) error {
	next := make(chan int32)
	var wg sync.WaitGroup
	for range r.workers {
		wg.Go(func() {
			for i := range next {
				a, err := r.src.Load(int(i))
				r.take(i, a, err)
			}
		})
	}
	var err error
	for _, i := range items {
		if err = r.ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err == nil {
		err = r.ctx.Err()
	}
	return err
}

func (r *reader) take(i int32, a *model.Article, err error) {
	var it group.Item
	var sig dup.Signature
	if err == nil && a != nil {
		it = group.ItemOf(a)
		if r.sigs != nil {
			sig = dup.Sign(a.Text)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	r.progress(r.done)
	if err != nil || a == nil {
		r.out.failed++
		return
	}
	r.out.items = append(r.out.items, it)
	if r.sigs != nil {
		r.sigs.AddSketch(a.ID, sig.Sketch(0))
		r.signed[a.ID] = i
	}
	if r.cache != nil {
		keys := make([]byte, 4*len(it.Features.Keys))
		for k, v := range it.Features.Keys {
			binary.LittleEndian.PutUint32(keys[4*k:], v)
		}
		r.puts = append(r.puts, store.StoryFeature{ID: a.ID, Hash: model.HashText(a.Text), Date: a.Date, Keys: keys})
		if len(r.puts) >= cacheBatch {
			r.flushLocked()
		}
	}
}

// full reads the candidate articles of the sketch index again and gives
// their whole shingle sets (dup.FullSets), on the workers.
func (r *reader) full(ctx context.Context, ids []string, put func(id string, shingles []uint32)) error {
	next := make(chan string)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range r.workers {
		wg.Go(func() {
			for id := range next {
				a, err := r.src.Load(int(r.signed[id]))
				if err != nil || a == nil || a.ID != id {
					continue // left out of its pairs, as a text that cannot be read is
				}
				sig := dup.Sign(a.Text)
				mu.Lock()
				put(id, sig.Shingles)
				mu.Unlock()
			}
		})
	}
feed:
	for _, id := range ids {
		if _, ok := r.signed[id]; !ok {
			continue
		}
		select {
		case next <- id:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return ctx.Err()
}

// flush writes the features computed since the last write to the cache.
func (r *reader) flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flushLocked()
}

func (r *reader) flushLocked() {
	if len(r.puts) == 0 || r.cache == nil || r.putErr != nil {
		r.puts = r.puts[:0]
		return
	}
	// A failed write (a read-only or busy store) only costs the next
	// open a read: stop writing, keep going.
	r.putErr = r.cache.PutStoryFeatures(r.ctx, group.FeaturesVersion, r.puts)
	r.puts = r.puts[:0]
}

// progress reports now and then how many articles are done.
func (r *reader) progress(done int) {
	if time.Since(r.last) < 100*time.Millisecond {
		return
	}
	select {
	case r.j.ch <- progressMsg{job: r.j, done: done, total: len(r.live)}:
	default: // the screen has not taken the last one yet
	}
	r.last = time.Now()
}

// read takes the read's result.
func (f *Feature) read(msg readMsg) tea.Cmd {
	if msg.job != f.job {
		return nil
	}
	f.job = nil
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			f.err = msg.err
			f.d.Host.Report(ui.Fail("Grouping stories failed: "+msg.err.Error(), msg.err))
		}
		return nil
	}
	f.items, f.failed = msg.items, msg.failed
	if f.items == nil {
		f.items = []group.Item{}
	}
	if msg.signed {
		f.pairs, f.havePairs = msg.pairs, true
	}
	f.dirty = true
	return f.maybeGroup()
}

// maybeGroup groups the stories when the features and the copy pairs are
// in and the grouping is out of date.
func (f *Feature) maybeGroup() tea.Cmd {
	if f.items == nil || !f.dirty || f.grouping || !f.linksRead {
		return nil
	}
	if !f.havePairs {
		if f.d.Dups == nil {
			f.havePairs = true
		} else {
			pairs, _, running := f.d.Dups.DetectedPairs()
			if running {
				return nil // Sync asks again after every message
			}
			// Finished, or failed or stopped: group without copy pairs.
			f.pairs, f.havePairs = pairs, true
		}
	}
	f.dirty, f.grouping = false, true
	f.gen++
	gen, items, pairs, ov := f.gen, f.items, f.pairs, f.overrides()
	return func() tea.Msg {
		g := group.Stories(items, pairs, ov, group.Options{})
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		return groupedMsg{gen: gen, g: g, ids: ids}
	}
}

// grouped takes a grouping.
func (f *Feature) grouped(msg groupedMsg) tea.Cmd {
	if msg.gen != f.gen {
		return nil
	}
	f.grouping = false
	if v := f.list; v != nil && v.want == "" {
		v.want = v.currentID() // before its rows' grouping goes
	}
	f.stories = &msg.g
	f.of = make(map[string]int, len(msg.ids))
	for i, id := range msg.ids {
		f.of[id] = msg.g.Of[i]
	}
	if f.announce {
		f.announce = false
		f.d.Host.Report(ui.Info(f.summary()))
	}
	f.refreshList()
	return tea.Batch(f.maybeGroup(), f.refreshStory())
}
