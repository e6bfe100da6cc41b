package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/browse"
	"storydesk/tui/quotes"
)

// Wiring quotes mode (tui/quotes) into the root: it extends annotate mode
// through annotate's hook, reads the reader's list and corpus, and the
// session's documents.

// wireQuotes adds quotes mode as annotate mode's extension, after annotate
// in the features (its help section and part of the status bar follow
// annotate's); without a store, Q says so as every key that needs one does.
func (m *Model) wireQuotes() {
	if m.sess == nil {
		m.features = append(m.features, needsStore{m: m, keys: []key.Binding{m.c.Keys.Quotes}})
		return
	}
	m.quotes = quotes.New(quotes.Deps{Ctx: m.c, Host: m, Docs: m.sess,
		Annotate: quotesAnnotate{m.annot}, Reader: quotesReader{annotateReader{m: m, src: m.br.Source()}}})
	m.annot.SetExtension(m.quotes.Hook())
	m.features = append(m.features, m.quotes)
}

// quotesAnnotate is annotate mode as quotes mode extends it (quotes.Annotate).
type quotesAnnotate struct{ f *annotate.Feature }

func (a quotesAnnotate) Active() bool          { return a.f.Active() }
func (a quotesAnnotate) Pane() quotes.Pane     { return a.f.Pane() }
func (a quotesAnnotate) Enter(idx int) tea.Cmd { return a.f.Enter(idx) }

func (a quotesAnnotate) Capture(start, end int) func(quotes.Change) tea.Cmd {
	t := a.f.Capture(start, end)
	return func(change quotes.Change) tea.Cmd { return a.f.QueueEdit(t, change) }
}

func (a quotesAnnotate) EditOps(doc *store.Doc, id string, old, nw model.QuoteAnn) []store.Op {
	return annotate.QuoteEditOps(doc, id, old, nw)
}

// quotesReader is the reader's list and corpus (quotes.Reader).
type quotesReader struct{ annotateReader }

// LiveItems is a copy: the carriers search reads it on its goroutine.
func (r quotesReader) LiveItems() []int32 {
	return append([]int32(nil), r.m.br.Live()...)
}

// Open selects item idx (clearing a filter that hides it) and opens it in
// annotate mode, leaving the article annotate mode is on.
func (r quotesReader) Open(idx int) (tea.Cmd, bool) {
	m := r.m
	if !m.br.Select(idx) {
		m.br.ClearFilter() // the article is filtered out of the list
		if !m.br.Select(idx) {
			return nil, false
		}
	}
	save := m.leaveAnnotate()
	m.annot.Want(idx)
	m.br.SetFocus(browse.FocusArticle)
	return tea.Batch(save, m.br.Sync(), m.annot.MaybeEnter()), true
}
