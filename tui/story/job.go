package story

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/dup"
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
	live := append([]int32(nil), f.d.Articles.Live()...)
	f.done, f.total = 0, len(live)
	sign := true
	if f.d.Dups != nil {
		_, finished, running := f.d.Dups.DetectedPairs()
		sign = !finished && !running
	}
	src, workers := f.d.Source, f.d.Workers
	var c corpusReader
	if f.d.Corpus != nil {
		// Read on all cores; the items that failed in the list's read
		// fail again and are skipped.
		c = f.d.Corpus
		f.total = len(f.d.Corpus.Items)
	}
	total := f.total
	go func() {
		defer close(j.ch)
		msg := readItems(ctx, j, src, c, workers, live, total, sign)
		select {
		case j.ch <- msg:
		case <-ctx.Done():
		}
	}()
	return j.wait
}

// corpusReader reads a whole corpus on several goroutines
// (*corpus.Corpus).
type corpusReader interface {
	ForEach(workers int, fn func(i int, a *model.Article, err error) error) error
}

// readItems reads the live items for their grouping features (and
// signatures, when sign), reporting progress now and then.
func readItems(ctx context.Context, j *job, src Source, c corpusReader, workers int, live []int32, total int, sign bool) readMsg {
	out := readMsg{job: j, signed: sign}
	var sigs *dup.Index
	if sign {
		sigs = dup.NewIndex(dup.Options{Workers: workers})
	}
	last := time.Now()
	n := 0
	take := func(a *model.Article, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		if time.Since(last) > 100*time.Millisecond {
			select {
			case j.ch <- progressMsg{job: j, done: n, total: total}:
			default: // the screen has not taken the last one yet
			}
			last = time.Now()
		}
		if err != nil || a == nil {
			out.failed++
			return nil
		}
		out.items = append(out.items, group.ItemOf(a))
		if sigs != nil {
			sigs.Add(a.ID, dup.Sign(a.Text))
		}
		return nil
	}
	var err error
	if c != nil {
		err = c.ForEach(workers, func(_ int, a *model.Article, e error) error { return take(a, e) })
	} else {
		for _, i := range live {
			if err = take(src.Load(int(i))); err != nil {
				break
			}
		}
	}
	if err != nil {
		out.err = err
		return out
	}
	if sigs != nil {
		out.pairs, out.err = sigs.Pairs(ctx, 0, nil)
	}
	return out
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
