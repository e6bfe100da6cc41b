package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/tui/browse"
	"storydesk/tui/dups"
	"storydesk/tui/session"
	"storydesk/tui/story"
)

// The story feature's wiring (tui/story): the reader's list and corpus,
// duplicate detection's pairs, annotate mode's pane (where a row of the
// story screen selects its passage), the write queue, and where reports
// go.

// wireStory adds the story feature, after duplicates (whose pairs it
// groups on).
func (m *Model) wireStory(st store.Store) {
	w := storyWiring{m}
	d := story.Deps{
		Ctx: m.c, Host: m, Articles: w, Source: m.br.Source(), Reader: w, Writes: w,
		Store: st, Workers: m.br.Workers(),
		ReportDir: func() string { return story.ReportDir(browse.CorpusOf(m.br.Source()), st) },
	}
	for _, f := range m.features {
		if df, ok := f.(*dups.Feature); ok {
			d.Dups = df
		}
	}
	m.features = append(m.features, story.New(d))
}

type storyWiring struct{ m *Model }

// story.Articles

func (w storyWiring) Live() []int32         { return w.m.br.Live() }
func (w storyWiring) Loading() bool         { return w.m.br.Loading() }
func (w storyWiring) IndexOf(id string) int { return w.m.itemIndex(id) }
func (w storyWiring) Selected() int         { return w.m.br.Selected() }

func (w storyWiring) KnownTexts() []corpus.KnownText { return w.m.br.KnownTexts() }

func (w storyWiring) Row(i int) story.Row {
	r := w.m.br.Row(i)
	return story.Row{ID: w.m.br.Item(i).ID, Title: r.Title, Outlet: r.Outlet, Words: r.Words}
}

// story.Reader

// Reading: the reader's panes or annotate mode have the keys.
func (w storyWiring) Reading() bool {
	top := w.m.Top()
	return top == w.m.br || w.m.annot != nil && w.m.annot.Owns(top)
}

// Open selects item idx (clearing a filter that hides it) and shows it in
// the article pane, leaving annotate mode, scrolled to frac of it (the
// rendered text's lines follow the text closely enough to land near a
// passage).
func (w storyWiring) Open(idx int, frac float64) (tea.Cmd, bool) {
	m := w.m
	if !m.br.Select(idx) {
		m.br.ClearFilter()
		if !m.br.Select(idx) {
			return nil, false
		}
	}
	save := m.leaveAnnotate()
	m.br.SetFocus(browse.FocusArticle)
	if frac > 0 {
		return tea.Batch(save, m.br.Sync(), m.br.ScrollTo(idx, frac)), true
	}
	return tea.Batch(save, m.br.Sync()), true
}

// Annotate opens item idx in annotate mode (as quotes' carriers do).
func (w storyWiring) Annotate(idx int) (tea.Cmd, bool) {
	if w.m.annot == nil {
		return nil, false
	}
	return quotesReader{annotateReader{m: w.m, src: w.m.br.Source()}}.Open(idx)
}

func (w storyWiring) Pane() story.Pane {
	if !w.m.annotating() {
		return nil
	}
	return w.m.annot.Pane()
}

// story.Writes

func (w storyWiring) NeedStore() bool                { return w.m.needStore() }
func (w storyWiring) Enqueue(j *session.Job) tea.Cmd { return w.m.sess.Enqueue(j) }
