package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/ui"
)

// The reader (tui/browse) is the screen at the bottom of the stack. The
// root builds it over the Source, hears through its hooks what the other
// parts need to know (an article shown, the corpus read, a file changed
// on disk), and gives its article pane the keys annotating and correcting
// add there.

// Source is what the reader needs from a corpus (browse.Source).
type Source = browse.Source

// FromCorpus wraps a corpus as a Source.
func FromCorpus(c *corpus.Corpus) Source { return browse.FromCorpus(c) }

// wireBrowse builds the reader and puts it at the bottom of the stack.
func (m *Model) wireBrowse(src Source, workers int, store, curate bool) {
	hooks := browse.Hooks{
		Shown:       m.articleChanged,
		Progress:    func() { m.refreshInfo(true) },
		Done:        m.corpusRead,
		FileChanged: m.fileChanged,
		ArticleKey:  m.articleKey,
	}
	switch {
	case store && curate:
		hooks.ArticleHelp = []key.Binding{m.c.Keys.Adjudicate}
	case store:
		hooks.ArticleHelp = []key.Binding{m.c.Keys.Annotate}
	}
	m.br = browse.New(browse.Deps{Ctx: m.c, Host: m, Src: src, Workers: workers, Hooks: hooks})
	m.stack = []ui.Screen{m.br}
}

// articleChanged: the reader turned to another article (changed) or the
// one it wants has been read.
func (m *Model) articleChanged(changed bool) tea.Cmd {
	if changed {
		return tea.Batch(m.articleShown(), m.noteArticleChange())
	}
	return m.articleShown()
}

// corpusRead: every item has been read. An error or the store's notice
// outranks the count in the bar.
func (m *Model) corpusRead(summary string) tea.Cmd {
	if summary != "" && (m.bar.message == "" || (m.bar.message != m.bar.storeNotice && m.bar.message != m.bar.lastFail)) {
		m.bar.message = summary
	}
	return m.scanChanged()
}

// fileChanged: the article on screen was read again because its file
// changed; an annotated one may now differ from its snapshot.
func (m *Model) fileChanged(a *model.Article, text string) string {
	if m.sess == nil {
		return text
	}
	m.sess.CheckChanged(a)
	e := m.sess.Doc(a.ID)
	switch {
	case m.annotatingID() == a.ID && e != nil && e.Doc == nil:
		// Never annotated: annotate the text as it is now.
		m.annot.Refresh(nil)
	case m.annotatingID() == a.ID && m.sess.Changed(a.ID):
		text = "The file changed on disk: annotating the text as it was annotated (" + ui.KeyName(m.c.Keys.Reanchor) + " re-anchors onto the new text)"
	case m.sess.Changed(a.ID):
		text += " — its annotations stay on the text they were made on (" + ui.KeyName(m.c.Keys.Reanchor) + " re-anchors)"
	}
	return text
}

// articleKey is what the article pane offers before its scrolling keys:
// enter annotates, t corrects (in the raw view).
func (m *Model) articleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := m.adjudicateKey(msg); ok {
		return cmd, true
	}
	if key.Matches(msg, m.c.Keys.Annotate) {
		_, idx, _ := m.br.Article()
		return m.enterAnnotate(idx), true
	}
	return nil, false
}

// shownArticle is the article on screen (nil while it loads).
func (m *Model) shownArticle() *model.Article {
	a, _, _ := m.br.Article()
	return a
}

// itemIndex finds an item by article ID (-1 when it is not in the corpus).
func (m *Model) itemIndex(id string) int { return m.br.IndexOf(id) }

// shownText is the cleaned text of the article on screen ("" while it loads).
func (m *Model) shownText() string {
	if a := m.shownArticle(); a != nil {
		return a.Text
	}
	return ""
}
