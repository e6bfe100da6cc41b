// Package adjudicate is the curator's screen (issue 15): one article with
// every annotator's layer on it, what they agree on accepted into the gold
// layer at once, and each place they disagree stepped through and decided
// with one key (take A's, B's, both, neither, or edit gold in annotate
// mode). Every decision is one action of the gold layer, written through
// the session like any other (so u undoes it, and gold exports as a layer).
// The comparison is model/adjudicate's; this package reads the layers,
// draws them, and turns a decision into the store's ops.
package adjudicate

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/adjudicate"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Layers reads the annotators' layers, read-only.
type Layers interface {
	Annotators(ctx context.Context) ([]string, error)
	Layer(annotator string) store.Store
}

// Session is the curator's session: its store is the gold layer's.
type Session interface {
	Doc(id string) *session.DocEntry
	RequestDoc(id string) tea.Cmd
	Enqueue(j *session.Job) tea.Cmd
}

// Deps are what the feature needs from the root.
type Deps struct {
	Ctx  *ui.Context
	Host ui.Host
	// Layers is nil when the store cannot read other layers.
	Layers Layers
	Sess   Session
	// Gold names the layer decisions go to (left out of the layers compared).
	Gold string
	// Edit opens annotate mode on item idx of the list (the article on
	// screen) with the cursor at code point at: gold edited by hand.
	Edit func(idx, at int) tea.Cmd
}

// Feature owns the adjudication screen.
type Feature struct {
	Deps
	scr *Screen // open, or nil
}

// New builds the feature.
func New(d Deps) *Feature { return &Feature{Deps: d} }

// Screen is the screen on top, or nil (for the root and tests).
func (f *Feature) Screen() *Screen { return f.scr }

// loadedMsg carries the layers of one article.
type loadedMsg struct {
	s      *Screen
	layers []adjudicate.Layer
	gold   map[adjudicate.Pair]model.DupLabel // gold's labels of the article's pairs
	text   string
	title  string
	err    error
}

// Open shows article a (item idx of the list) with every layer on it.
func (f *Feature) Open(a *model.Article, idx int) tea.Cmd {
	if f.Layers == nil {
		f.Host.Report(ui.Info("Adjudication needs a store with annotators' layers"))
		return nil
	}
	if f.scr != nil {
		f.Host.Pop(f.scr)
	}
	s := &Screen{f: f, id: a.ID, idx: idx, title: a.Title, loading: true, cur: -1}
	f.scr = s
	return tea.Batch(f.Host.Push(s), f.Sess.RequestDoc(a.ID), f.load(s))
}

func (f *Feature) load(s *Screen) tea.Cmd {
	ls, gold, id := f.Layers, f.Gold, s.id
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		names, err := ls.Annotators(ctx)
		if err != nil {
			return loadedMsg{s: s, err: err}
		}
		msg := loadedMsg{s: s}
		pairsOf := func(layer store.Store) (map[adjudicate.Pair]model.DupLabel, error) {
			labels, err := layer.DupLabels(ctx)
			out := map[adjudicate.Pair]model.DupLabel{}
			for _, l := range labels {
				if l.A == id || l.B == id {
					out[adjudicate.Pair{A: l.A, B: l.B}] = l.Label
				}
			}
			return out, err
		}
		if msg.gold, err = pairsOf(ls.Layer(gold)); err != nil {
			return loadedMsg{s: s, err: fmt.Errorf("the gold layer: %w", err)}
		}
		for _, n := range names {
			if n == gold {
				continue
			}
			layer := ls.Layer(n)
			d, ok, err := layer.Doc(ctx, id)
			if err != nil {
				return loadedMsg{s: s, err: fmt.Errorf("%s's layer: %w", n, err)}
			}
			if !ok {
				return msg // the store has never seen the article
			}
			pairs, err := pairsOf(layer)
			if err != nil {
				return loadedMsg{s: s, err: fmt.Errorf("%s's layer: %w", n, err)}
			}
			msg.text, msg.title = d.Text, d.Title
			// A layer that tagged nothing but marked the article done
			// says "nothing here": it takes part.
			if len(d.Spans) > 0 || len(d.Quotes) > 0 || len(pairs) > 0 || d.Status == model.StatusDone {
				msg.layers = append(msg.layers, adjudicate.Layer{Name: n, Spans: d.Spans, Quotes: d.Quotes, Pairs: pairs})
			}
		}
		return msg
	}
}

// Update takes the layers read, and the session's documents and writes
// (after the session has recorded them).
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	s := f.scr
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.s != s {
			return nil
		}
		s.loaded(msg)
		return s.refresh(true)
	case session.DocMsg:
		if s != nil && msg.ID == s.id {
			return s.refresh(true)
		}
	case session.RemoteMsg:
		// An annotator (or another curator) changed the article: read the
		// layers again, live.
		if s != nil && (slices.Contains(msg.Articles, s.id) || slices.Contains(msg.Articles, store.AllArticles)) {
			return f.load(s)
		}
	case session.ReloadedMsg:
		if s != nil && msg.ID == s.id {
			s.refresh(false)
		}
	case session.WrittenMsg:
		if s == nil || msg.Err != nil || !msg.OK && msg.Job != nil && msg.Job.Kind != session.Do {
			return nil
		}
		_, mine := msg.Docs[s.id]
		if s.notePairs(msg.Act.Applied(msg.Job != nil && msg.Job.Kind == session.Undo)) {
			mine = true
		}
		if !mine {
			return nil
		}
		s.refresh(false)
		if msg.Job != nil && msg.Job == s.pending {
			s.pending = nil
			s.advance()
		}
	}
	return nil
}

// notePairs keeps gold's labels of the article's pairs up to date with a
// write (pair labels are not part of a document); it reports whether any
// was the article's.
func (s *Screen) notePairs(ops []store.Op) bool {
	touched := false
	for _, op := range ops {
		if op.Kind != store.OpSetDupLabel || (op.A != s.id && op.B != s.id) {
			continue
		}
		a, b := op.A, op.B
		if a > b {
			a, b = b, a
		}
		if s.goldPairs == nil {
			s.goldPairs = map[adjudicate.Pair]model.DupLabel{}
		}
		if op.DupLabel == "" {
			delete(s.goldPairs, adjudicate.Pair{A: a, B: b})
		} else {
			s.goldPairs[adjudicate.Pair{A: a, B: b}] = op.DupLabel
		}
		touched = true
	}
	return touched
}

// HelpSection lists the key that opens the screen.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	k := f.Ctx.Keys
	return "Adjudication (--curate)", [][]key.Binding{{k.Adjudicate, k.AdjNext, k.AdjPrev, k.AdjTakes[0], k.AdjTakes[1], k.AdjBoth, k.AdjNeither, k.AdjEdit}}, f.Layers != nil
}

// closed forgets the screen once it is off the stack.
func (f *Feature) closed(s *Screen) {
	if f.scr == s {
		f.scr = nil
	}
}
