package tui

import (
	"storydesk/model"
	"storydesk/tui/assigned"
)

// wireAssigned puts the annotator's assigned, unfinished articles first in
// the list, with their progress on them in the bar, when the store keeps
// assignments (storydesk assign).
func (m *Model) wireAssigned() {
	if m.sess == nil {
		return
	}
	st, ok := m.sess.Store().(assigned.Store)
	if !ok {
		return
	}
	f := assigned.New(assigned.Deps{
		Store:    st,
		ItemID:   func(i int) string { return m.br.Item(i).ID },
		StatusOf: func(id string) (model.Status, bool) { return m.sess.Status(id) },
		Reorder:  m.reorder,
		Host:     m,
	})
	m.br.SetOrder(f.Order)
	m.features = append(m.features, f)
}

// reorder shows the list in its new order; a cursor on the top row stays
// on the top row (the first assignment), one the user moved stays on its
// article.
func (m *Model) reorder() {
	vis := m.br.Visible()
	top := len(vis) > 0 && m.br.Selected() == int(vis[0])
	m.br.Refilter()
	if vis = m.br.Visible(); top && len(vis) > 0 {
		m.br.Select(int(vis[0]))
	}
}
