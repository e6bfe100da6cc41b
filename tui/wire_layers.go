package tui

import (
	"storydesk/model"
	"storydesk/tui/layers"
)

// wireLayers adds the read-only view of the other annotators' layers (V).
func (m *Model) wireLayers() {
	if m.sess == nil {
		return
	}
	d := layers.Deps{Ctx: m.c, Host: m, Reader: layerReader{m}}
	if st, ok := m.sess.Store().(layers.Store); ok {
		d.Store = st
	}
	m.features = append(m.features, layers.New(d))
}

type layerReader struct{ m *Model }

func (r layerReader) Article() (*model.Article, int, error) { return r.m.br.Article() }
