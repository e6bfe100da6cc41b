package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/browse"
	"storydesk/tui/session"
)

// Wiring annotate mode (tui/annotate) into the root: the reader it is
// pushed over, the one "needs a store" guard, and the helpers the root's
// other parts use to ask about it.

// annotateReader is the reader as annotate mode sees it (annotate.Reader).
type annotateReader struct {
	m   *Model
	src Source // read by the corpus scan's goroutine
}

func (r annotateReader) Article() (*model.Article, int, error) { return r.m.br.Article() }
func (r annotateReader) Title() string                         { return r.m.br.Title() }
func (r annotateReader) Selected() int                         { return r.m.br.Selected() }
func (r annotateReader) Step(dir int) bool                     { return r.m.br.Step(dir) }
func (r annotateReader) Show() tea.Cmd                         { return r.m.br.Sync() }
func (r annotateReader) FocusArticle()                         { r.m.br.SetFocus(browse.FocusArticle) }
func (r annotateReader) Live() int                             { return r.m.br.LiveCount() }
func (r annotateReader) LiveItems() []int32                    { return r.m.br.Live() }

func (r annotateReader) Load(i int) (*model.Article, error) { return r.src.Load(i) }

// SaveState saves the reader's place (annotate mode has just been left).
func (r annotateReader) SaveState(pos int) tea.Cmd {
	u, id, _ := r.m.currentState()
	return r.m.sess.SaveState(u, id, pos)
}

// Unreport clears the status bar if it still shows one of texts
// (annotate.Host).
func (m *Model) Unreport(texts ...string) {
	for _, t := range texts {
		if m.bar.message == t {
			m.bar.message = ""
		}
	}
}

// newAnnotate builds annotate mode and adds it to the features (quotes
// mode, its extension, follows: wire_quotes.go).
func (m *Model) newAnnotate() {
	m.annot = annotate.New(m.c, m, m.sess, annotateReader{m: m, src: m.br.Source()})
	m.features = append(m.features, m.annot)
	m.wireEntities()
}

// needStore is the one guard for what annotating needs and a reader
// started without a store lacks: it says so and reports false.
func (m *Model) needStore() bool {
	if m.sess == nil {
		m.bar.message = "Annotating needs an annotation store (this reader was started without one)"
		return false
	}
	return true
}

// enterAnnotate opens item idx in annotate mode (enter on the article).
func (m *Model) enterAnnotate(idx int) tea.Cmd {
	if !m.needStore() || idx < 0 {
		return nil
	}
	return m.annot.Enter(idx)
}

// annotating reports that annotate mode is on.
func (m *Model) annotating() bool { return m.annot != nil && m.annot.Active() }

// annotatingID is the article annotate mode is on ("" when it is off).
func (m *Model) annotatingID() string {
	if !m.annotating() {
		return ""
	}
	return m.annot.Pane().ID()
}

// pane is annotate mode's text (quotes mode draws over it).
func (m *Model) pane() *annotate.Pane { return m.annot.Pane() }

// leaveAnnotate leaves annotate mode if it is on, saving the place.
func (m *Model) leaveAnnotate() tea.Cmd {
	if !m.annotating() {
		return nil
	}
	return m.annot.Leave()
}

// queue adds a write built when its turn comes (annotate.Feature.Queue).
func (m *Model) queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return m.annot.Queue(build)
}

// selKey is annotate mode's cursor and selection, for a write's Sel.
func (m *Model) selKey() any { return m.annot.Pane().SelKey() }
