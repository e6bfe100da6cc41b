package dups

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model/dup"
	"storydesk/tui/ui"
)

// job is duplicate detection running on a goroutine: progress and the
// result come back through ch, read by a re-arming command, as the
// corpus-wide scans do.
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

// start starts detection unless it is running or has run.
func (f *Feature) start() tea.Cmd {
	if f.job != nil || f.finished || f.deps.Articles.Loading() || f.stopped {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{ch: make(chan tea.Msg, 1), cancel: cancel}
	items := append([]int32(nil), f.deps.Articles.Live()...)
	f.job, f.stage, f.done, f.total = j, corpus.DupStageRead, 0, len(items)
	cache, _ := f.deps.Store.(corpus.SignatureCache)
	// What the list's read took (hashes, sketches) spares reading the
	// corpus again, with or without a cache.
	known := f.deps.Articles.KnownTexts()
	f.deps.Articles.DropSketches()
	src, c, workers := f.deps.Source, f.deps.Corpus, f.deps.Workers
	go func() {
		defer close(j.ch)
		progress := func(stage string, done, total int) {
			select {
			case j.ch <- progressMsg{job: j, stage: stage, done: done, total: total}:
			default: // the screen has not taken the last one yet
			}
		}
		var rep *corpus.DupReport
		var err error
		if c != nil {
			rep, err = corpus.FindDuplicates(ctx, c, corpus.DupJobOptions{Workers: workers, Cache: cache, Known: known, Progress: progress})
		} else {
			rep, err = findInSource(ctx, src, items, workers, progress)
		}
		select {
		case j.ch <- doneMsg{job: j, rep: rep, err: err}:
		case <-ctx.Done():
		}
	}()
	return j.wait
}

// findInSource runs detection over a source that is not a corpus, reading
// it item by item, with no signature cache.
func findInSource(ctx context.Context, src Source, items []int32, workers int, progress func(string, int, int)) (*corpus.DupReport, error) {
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

// detected takes detection's result.
func (f *Feature) detected(msg doneMsg) tea.Cmd {
	if msg.job != f.job {
		return nil
	}
	f.job = nil
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			f.err = msg.err
			f.finished = true
			f.host.Report(ui.Fail("Duplicate detection failed: "+msg.err.Error(), msg.err))
		}
		return nil
	}
	f.finished, f.rep = true, msg.rep
	f.refreshRows()
	// Say so when the user is waiting for it; otherwise the screen (D)
	// shows what was found when it is opened.
	if f.view != nil || f.byUser {
		n := len(msg.rep.Pairs)
		text := fmt.Sprintf("%d candidate pair%s of copies among %s articles", n, ui.Plural(n), ui.Commas(msg.rep.Articles))
		if msg.rep.CacheErr != nil {
			text += " (signature cache unavailable: " + msg.rep.CacheErr.Error() + ")"
		}
		f.host.Report(ui.Info(text))
	}
	return f.loadCompare()
}
