package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/tui/browse"
	"storydesk/tui/dups"
	"storydesk/tui/session"
)

// The duplicates feature (tui/dups) sees the reader through the small
// interfaces it declares; dupsWiring is the root satisfying them: the
// list's rows and selection, the article pane, the write queue.

// wireDups builds the duplicates feature; with a store, the list shows its
// cluster badges and hides copies through it.
func (m *Model) wireDups(store store.Store) {
	corpus := browse.CorpusOf(m.br.Source())
	w := dupsWiring{m}
	f := dups.New(m.c, m, dups.Deps{
		Articles: w, Reader: w, Writes: w, Source: m.br.Source(),
		Store: store, Corpus: corpus, Workers: m.br.Workers(),
	})
	if store != nil {
		m.br.SetCluster(f.ClusterBadge)
		m.br.SetExclude(f.ExcludeHidden)
	}
	m.features = append(m.features, f)
}

type dupsWiring struct{ m *Model }

// dups.Articles

func (w dupsWiring) IndexOf(id string) int          { return w.m.itemIndex(id) }
func (w dupsWiring) Live() []int32                  { return w.m.br.Live() }
func (w dupsWiring) KnownTexts() []corpus.KnownText { return w.m.br.KnownTexts() }
func (w dupsWiring) DropSketches()                  { w.m.br.DropSketches() }
func (w dupsWiring) Loading() bool                  { return w.m.br.Loading() }

func (w dupsWiring) Row(i int) dups.Row {
	r := w.m.br.Row(i)
	return dups.Row{Title: r.Title, Outlet: r.Outlet, Words: r.Words, Dead: r.Dead}
}

// dups.Reader

func (w dupsWiring) Selected() int { return w.m.br.Selected() }
func (w dupsWiring) ClearFilter()  { w.m.br.ClearFilter() }
func (w dupsWiring) Reading() bool { return w.m.Top() == w.m.br }
func (w dupsWiring) Waiting() bool { return w.m.annot != nil && w.m.annot.WaitingForLabel() }

func (w dupsWiring) Open(i int) (tea.Cmd, bool) {
	m := w.m
	if !m.br.Select(i) {
		return nil, false
	}
	var save tea.Cmd
	if m.annotating() {
		save = m.leaveAnnotate()
	}
	m.br.SetFocus(browse.FocusArticle)
	return tea.Batch(save, m.br.Sync()), true
}

// Refilter shows the list's rows again, through the copies filter (the
// list's exclude hook).
func (w dupsWiring) Refilter() { w.m.br.Refilter() }

// dups.Writes

func (w dupsWiring) NeedStore() bool                { return w.m.needStore() }
func (w dupsWiring) Enqueue(j *session.Job) tea.Cmd { return w.m.sess.Enqueue(j) }
