package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/correct"
	"storydesk/tui/session"
)

// The cleaner corrections (tui/correct) see the reader's raw view and the
// write queue through the interfaces they declare; correctWiring is the
// root satisfying them.

// wireCorrect adds the corrections feature first, so it brings its index
// up to date with a write before the other features see it. Without a
// store its key says one is needed.
func (m *Model) wireCorrect(src Source, st store.Store) {
	w := correctWiring{m}
	f := correct.New(correct.Deps{
		Ctx: m.c, Host: m, Reader: w, Writes: w, Store: st,
		Corpus: browse.CorpusOf(src), Show: m.br.SetCorrections,
	})
	m.features = append(m.features, f)
}

type correctWiring struct{ m *Model }

// correct.Reader

func (w correctWiring) Reading() bool { return w.m.Top() == w.m.br }

func (w correctWiring) RawFocused() bool {
	return !w.m.annotating() && w.m.br.Focus() == browse.FocusArticle && w.m.br.Raw()
}

func (w correctWiring) CursorPara() (correct.Para, bool) {
	p, ok := w.m.br.CursorPara()
	if !ok {
		return correct.Para{}, false
	}
	out := correct.Para{Start: p.Start, End: p.End, N: p.N, Of: p.Of, Removed: p.Reason != "", User: p.User}
	switch {
	case p.Reason == model.ReasonUser:
		out.Tag = browse.TagRemovedByYou
	case p.Reason != "":
		out.Tag = browse.ReasonTag(p.Reason)
	case p.User:
		out.Tag = browse.TagKeptByYou
	}
	return out, true
}

func (w correctWiring) Current() (*model.Article, tea.Cmd) {
	a, _, cmd := w.m.currentArticle()
	return a, cmd
}

func (w correctWiring) Shown() *model.Article { return w.m.shownArticle() }
func (w correctWiring) IndexOf(id string) int { return w.m.itemIndex(id) }
func (w correctWiring) Forget(i int)          { w.m.br.Forget(i) }

func (w correctWiring) Loader() func(int) (*model.Article, error) { return w.m.br.Source().Load }

// Reloaded puts an article read again in place; the one on screen is
// checked against its snapshot, and annotate mode on a never-annotated
// article shows the new text.
func (w correctWiring) Reloaded(i int, a *model.Article) tea.Cmd {
	m := w.m
	cmd := m.br.Replace(i, a)
	if _, idx, _ := m.br.Article(); idx == i {
		m.sess.CheckChanged(a)
		if e := m.sess.Doc(a.ID); m.annotatingID() == a.ID && e != nil && e.Doc == nil {
			m.annot.Refresh(nil)
		}
	}
	return cmd
}

// correct.Writes

func (w correctWiring) NeedStore() bool { return w.m.needStore() }

func (w correctWiring) Doc(id string) *session.DocEntry { return w.m.sess.Doc(id) }

func (w correctWiring) Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return w.m.queue(build)
}
