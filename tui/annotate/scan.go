package annotate

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// corpusScan finds every occurrence of a name across the corpus for A: each
// article is loaded through the corpus and compared with what the store
// holds for it (its snapshot, when annotated), on a goroutine that reports
// progress. The result becomes one action, applied after the user says yes.
type corpusScan struct {
	text, label, canonical string
	done, total            int
	ch                     chan tea.Msg
	cancel                 context.CancelFunc
}

type scanProgressMsg struct {
	scan        *corpusScan
	done, total int
}

type scanDoneMsg struct {
	scan *corpusScan
	res  scanResult
	err  error
}

type scanResult struct {
	ops      []store.Op
	arts     []*model.Article // to snapshot: not in the store yet
	articles int              // articles with something to tag
	added    int
	skipped  int
	already  int
	clash    *model.Span
	failed   int // articles that could not be read
}

// wait delivers the scan's next message.
func (s *corpusScan) wait() tea.Msg {
	msg, ok := <-s.ch
	if !ok {
		return nil
	}
	return msg
}

// loader reads an article in full.
type loader interface {
	Load(i int) (*model.Article, error)
}

func (f *Feature) startScan(text, label, canonical string) tea.Cmd {
	if f.scan != nil {
		f.host.Report(ui.Info("A corpus-wide tag is already being prepared"))
		return nil
	}
	items := append([]int32(nil), f.r.LiveItems()...)
	ctx, cancel := context.WithCancel(context.Background())
	s := &corpusScan{text: text, label: label, canonical: canonical, total: len(items), ch: make(chan tea.Msg, 1), cancel: cancel}
	f.scan = s
	src, st := loader(f.r), f.sess.Store()
	go func() {
		defer close(s.ch)
		res, err := scanCorpus(ctx, src, st, items, text, label, canonical, func(done int) {
			select {
			case s.ch <- scanProgressMsg{scan: s, done: done, total: len(items)}:
			default: // the UI has not taken the last one yet: skip this one
			}
		})
		s.ch <- scanDoneMsg{scan: s, res: res, err: err}
	}()
	return s.wait
}

// scanCorpus does the work of startScan off the update loop.
func scanCorpus(ctx context.Context, src loader, st store.Store, items []int32, text, label, canonical string, progress func(int)) (scanResult, error) {
	var res scanResult
	last := time.Now()
	for n, i := range items {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if time.Since(last) > 100*time.Millisecond {
			progress(n)
			last = time.Now()
		}
		a, err := src.Load(int(i))
		if err != nil || a == nil {
			res.failed++
			continue
		}
		doc, ok, err := st.Doc(ctx, a.ID)
		if err != nil {
			return res, err
		}
		body, spans := a.Text, []model.Span(nil)
		if ok {
			body, spans = doc.Text, doc.Spans
		} else {
			doc = nil
		}
		found, skipped, clash, already := occurrences([]rune(body), text, label, spans)
		res.skipped += skipped
		res.already += already
		if res.clash == nil && clash != nil {
			res.clash = clash
		}
		if len(found) == 0 {
			continue
		}
		res.articles++
		res.added += len(found)
		var ops []store.Op
		for _, fd := range found {
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: a.ID,
				Span: model.Span{Start: fd[0], End: fd[1], Label: label, Text: text, Canonical: canonical}})
		}
		res.ops = append(res.ops, FirstTouch(ops, a.ID, doc)...)
		if doc == nil {
			res.arts = append(res.arts, a)
		}
	}
	progress(len(items))
	return res, nil
}

// scanDone asks whether to apply what the scan found.
func (f *Feature) scanDone(msg scanDoneMsg) tea.Cmd {
	if msg.scan != f.scan {
		return nil
	}
	f.scan = nil
	if msg.err != nil {
		if msg.err != context.Canceled {
			f.host.Report(ui.Fail("Corpus scan failed: "+msg.err.Error(), msg.err))
		}
		return nil
	}
	r := msg.res
	what := fmt.Sprintf("“%s”", ui.Clip(msg.scan.text, 30))
	note := skipNote(r.skipped, r.clash, r.already)
	if r.failed > 0 {
		note += fmt.Sprintf("; %d articles could not be read", r.failed)
	}
	if r.added == 0 {
		f.host.Report(ui.Info(fmt.Sprintf("No %s left to tag as %s in the corpus", what, msg.scan.label) + note))
		return nil
	}
	label := msg.scan.label
	act := store.Action{Name: fmt.Sprintf("tag all %s %s in %d articles (%d)", what, label, r.articles, r.added), Ops: r.ops}
	done := fmt.Sprintf("Tagged %d × %s as %s in %d article%s", r.added, what, label, r.articles, ui.Plural(r.articles)) + note
	return f.ask(fmt.Sprintf("Tag %d × %s as %s in %d article%s%s? %s", r.added, what, label, r.articles, ui.Plural(r.articles), note, f.yesNo()), nil, func() tea.Cmd {
		return f.sess.Enqueue(&session.Job{Kind: session.Across, Act: act, Arts: r.arts, Done: done, Sel: f.pane.SelKey(), Focus: -1})
	})
}
