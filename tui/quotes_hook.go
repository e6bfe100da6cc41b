package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/layout"
	"storydesk/tui/widgets"
)

// quotesHook is quotes mode as annotate mode's extension
// (annotate.Extension): its keys first, its highlights, bar and panel in
// the annotate pane, its mode, help line and part of the status bar.
type quotesHook struct{ m *Model }

func (h *quotesHook) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) { return h.m.quotesAnnotateKey(msg) }
func (h *quotesHook) Claims(msg tea.KeyPressMsg) bool         { return h.m.quotesMatches(msg) }

func (h *quotesHook) Mode() string {
	if h.m.quotes.on {
		return "QUOTES"
	}
	return ""
}

func (h *quotesHook) ShortHelp() []key.Binding {
	if !h.m.quotes.on {
		return nil
	}
	return h.m.quotesShortHelp()
}

func (h *quotesHook) Status(s *widgets.StatusInfo) { h.m.quotesStatus(s) }

// Left closes the speaker prompt with annotate mode.
func (h *quotesHook) Left() { h.m.quotes.prompt = nil }

func (h *quotesHook) Cuts(start, end int, add func(int)) { h.m.quotes.cuts(start, end, add) }
func (h *quotesHook) LayerAt(off int) int                { return h.m.quotes.layerAt(off) }

func (h *quotesHook) Gutter(l layout.Line, cs, ce int, pad string) string {
	return h.m.quotes.gutter(h.m.c.Styles, l, cs, ce, pad)
}

func (h *quotesHook) PanelW(w int) int           { return quotesPanelW(w) }
func (h *quotesHook) PanelBelowH(h2 int) int     { return quotesPanelBelowH(h2) }
func (h *quotesHook) PanelView(w, ht int) string { return h.m.quotesPanelView(w, ht) }

// quotesHelp is quotes mode's section of the help screen: a feature after
// annotate's, so the section follows annotate's.
type quotesHelp struct{ m *Model }

func (h quotesHelp) Update(tea.Msg) tea.Cmd { return nil }

func (h quotesHelp) HelpSection() (string, [][]key.Binding, bool) {
	return "Quotes (Q on an article or in annotate mode; esc leaves)", h.m.quotesFullHelp(), true
}
