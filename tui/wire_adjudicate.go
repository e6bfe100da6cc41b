package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/adjudicate"
)

// wireAdjudicate adds the curator's screen (--curate: the session writes
// the gold layer): the article pane's adjudicate key opens the article's
// layers together; editing gold there is annotate mode on it.
func (m *Model) wireAdjudicate(curate bool) {
	if !curate {
		return
	}
	if m.sess == nil {
		m.features = append(m.features, needsStore{m: m, keys: []key.Binding{m.c.Keys.Adjudicate}})
		return
	}
	d := adjudicate.Deps{Ctx: m.c, Host: m, Sess: m.sess, Gold: m.sess.Annotator(), Edit: m.editGold}
	if ls, ok := m.sess.Store().(adjudicate.Layers); ok {
		d.Layers = ls
	}
	m.adj = adjudicate.New(d)
	m.features = append(m.features, m.adj)
}

// adjudicateKey opens the adjudication screen on the article shown, when
// curating (the article pane's key, before annotating's).
func (m *Model) adjudicateKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.adj == nil || !key.Matches(msg, m.c.Keys.Adjudicate) {
		return nil, false
	}
	a, idx, _ := m.br.Article()
	if a == nil {
		m.bar.message = "The article is still loading"
		return nil, true
	}
	return m.adj.Open(a, idx), true
}

// editGold opens annotate mode on item idx (the article being
// adjudicated) with the cursor at code point at; esc comes back.
func (m *Model) editGold(idx, at int) tea.Cmd {
	if m.annot == nil || idx < 0 {
		return nil
	}
	m.annot.Restore(idx, m.br.Item(idx).ID, at)
	return m.annot.MaybeEnter()
}
