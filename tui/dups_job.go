package tui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model/dup"
	"storydesk/tui/ui"
)

// dupJob is duplicate detection running on a goroutine: progress and the
// result come back through ch, read by a re-arming command, as the
// corpus-wide scans do.
type dupJob struct {
	ch     chan tea.Msg
	cancel context.CancelFunc
}

func (j *dupJob) wait() tea.Msg {
	msg, ok := <-j.ch
	if !ok {
		return nil
	}
	return msg
}

// startDups starts detection unless it is running or has run.
func (m *Model) startDups() tea.Cmd {
	d := &m.dups
	if d.job != nil || d.finished || m.loading || m.quitting {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &dupJob{ch: make(chan tea.Msg, 1), cancel: cancel}
	items := append([]int32(nil), m.store.liveItems()...)
	d.job, d.stage, d.done, d.total = j, corpus.DupStageRead, 0, len(items)
	var cache corpus.SignatureCache
	if m.sess != nil {
		cache, _ = m.sess.Store().(corpus.SignatureCache)
	}
	src, workers := m.src, m.stream.workers
	var known []corpus.KnownText
	if cache != nil {
		known = m.store.knownTexts()
	}
	go func() {
		defer close(j.ch)
		progress := func(stage string, done, total int) {
			select {
			case j.ch <- dupProgressMsg{job: j, stage: stage, done: done, total: total}:
			default: // the screen has not taken the last one yet
			}
		}
		rep, err := findDups(ctx, src, items, workers, cache, known, progress)
		select {
		case j.ch <- dupDoneMsg{job: j, rep: rep, err: err}:
		case <-ctx.Done():
		}
	}()
	return j.wait
}

// findDups runs detection over a corpus through corpus.FindDuplicates
// (signature cache, parallel reads); any other source is read item by item.
// Articles the list has already read are not read again when the cache
// holds their signatures (known).
func findDups(ctx context.Context, src Source, items []int32, workers int, cache corpus.SignatureCache, known []corpus.KnownText, progress func(string, int, int)) (*corpus.DupReport, error) {
	if cs, ok := src.(*corpusSource); ok {
		return corpus.FindDuplicates(ctx, cs.c, corpus.DupJobOptions{Workers: workers, Cache: cache, Known: known, Progress: progress})
	}
	rep := &corpus.DupReport{}
	x := dup.NewIndex(dup.Options{Workers: workers})
	for n, i := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if n%64 == 0 {
			progress(corpus.DupStageRead, n, len(items))
		}
		a, err := src.Load(int(i))
		if err != nil || a == nil {
			p := corpus.Problem{Path: src.Item(int(i)).Path, Reason: "could not be read"}
			if err != nil {
				p.Reason = err.Error()
			}
			rep.Problems = append(rep.Problems, p)
			continue
		}
		x.Add(a.ID, dup.Sign(a.Text))
		rep.Articles++
		rep.Computed++
	}
	progress(corpus.DupStageRead, len(items), len(items))
	var err error
	rep.Pairs, err = x.Pairs(ctx, 0, func(done, total int) { progress(corpus.DupStageCompare, done, total) })
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// dupsDone takes detection's result.
func (m *Model) dupsDone(msg dupDoneMsg) tea.Cmd {
	d := &m.dups
	if msg.job != d.job {
		return nil
	}
	d.job = nil
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			d.err = msg.err
			d.finished = true
			m.fail("Duplicate detection failed: "+msg.err.Error(), msg.err)
		}
		return nil
	}
	d.finished, d.rep = true, msg.rep
	m.refreshRows()
	// Say so when the user is waiting for it; otherwise the screen (D)
	// shows what was found when it is opened.
	if d.view != nil || d.byUser {
		n := len(msg.rep.Pairs)
		m.message = fmt.Sprintf("%d candidate pair%s of copies among %s articles", n, ui.Plural(n), ui.Commas(msg.rep.Articles))
		if msg.rep.CacheErr != nil {
			m.message += " (signature cache unavailable: " + msg.rep.CacheErr.Error() + ")"
		}
	}
	return m.loadCompare()
}
