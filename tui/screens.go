package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// infoScreen is a full-body box that scrolls: the help screen (?) and the
// problems screen (!). Its own key or esc closes it; q still quits.
type infoScreen struct {
	*widgets.Scroller
	ctx    *ui.Context
	host   ui.Host
	toggle key.Binding
	fill   func(box *widgets.Scroller) // sets the lines (and info) for the box's width
	// problems: the problems screen, refreshed as problems and messages come.
	problems bool
}

func newInfoScreen(ctx *ui.Context, host ui.Host, title string, toggle key.Binding, fill func(*widgets.Scroller)) *infoScreen {
	return &infoScreen{Scroller: widgets.NewScroller(ctx, title), ctx: ctx, host: host, toggle: toggle, fill: fill}
}

func (s *infoScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.ctx.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return nil, false
	case key.Matches(msg, s.toggle, k.Back):
		s.host.Pop(s)
		return nil, true
	}
	return s.Scroller.Update(msg), true
}

// refresh rebuilds the lines (after a resize, a restyle, new problems).
func (s *infoScreen) refresh() { s.fill(s.Scroller) }

func (s *infoScreen) SetSize(w, h int) tea.Cmd {
	s.Scroller.SetSize(w, h)
	s.refresh()
	return nil
}

func (s *infoScreen) Mode() string      { return "" }
func (s *infoScreen) Footer() ui.Footer { return ui.FooterNone }

// openHelp pushes the help screen.
func (m *Model) openHelp() tea.Cmd {
	s := newInfoScreen(m.c, m, "Help", m.c.Keys.Help, func(box *widgets.Scroller) {
		box.SetInfo("esc closes")
		box.SetLines(m.helpLines(box.InnerWidth()))
	})
	return m.Push(s)
}

// openProblems pushes the problems screen.
func (m *Model) openProblems() tea.Cmd {
	s := newInfoScreen(m.c, m, "Problems", m.c.Keys.Problems, func(box *widgets.Scroller) {
		info := fmt.Sprintf("%d", len(m.br.Problems()))
		if n := len(m.bar.log.entries); n > 0 {
			info = fmt.Sprintf("%d · %d message%s", len(m.br.Problems()), n, ui.Plural(n))
		}
		box.SetInfo(info)
		box.SetLines(m.problemLines(box.InnerWidth()))
	})
	s.problems = true
	return m.Push(s)
}

// refreshInfo rebuilds the open help and problems screens (only the
// problems screen when onlyProblems: new problems or messages).
func (m *Model) refreshInfo(onlyProblems bool) {
	for _, s := range m.stack {
		if is, ok := s.(*infoScreen); ok && (is.problems || !onlyProblems) {
			is.refresh()
		}
	}
}

// ask asks a yes/no question (with details in a box when there are any).
func (m *Model) ask(text string, details []string, yes func() tea.Cmd) tea.Cmd {
	return m.Push(widgets.NewQuestion(m.c, m, text, details, yes))
}
