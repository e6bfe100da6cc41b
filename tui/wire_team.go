package tui

import (
	"charm.land/bubbles/v2/key"

	"storydesk/tui/team"
)

// goldLayer is the curated layer, left out of the team's agreement.
const goldLayer = "gold"

// wireTeam adds the team screen (T); without a store, T says a store is
// needed as every such key does.
func (m *Model) wireTeam() {
	if m.sess == nil {
		m.features = append(m.features, needsStore{m: m, keys: []key.Binding{m.c.Keys.Team}})
		return
	}
	d := team.Deps{Ctx: m.c, Host: m, Gold: goldLayer}
	if st, ok := m.sess.Store().(team.Store); ok {
		d.Store = st
	}
	m.features = append(m.features, team.New(d))
}
