package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The titles of the root's two info screens (widgets.InfoScreen), which
// also tell them apart on the stack.
const (
	helpTitle     = "Help"
	problemsTitle = "Problems"
)

// openHelp pushes the help screen.
func (m *Model) openHelp() tea.Cmd {
	from := m.Top()
	return m.Push(widgets.NewInfoScreen(m.c, m, helpTitle, m.c.Keys.Help, func(box *widgets.Scroller) {
		box.SetLines(m.helpLines(box.InnerWidth(), from))
	}).Paged())
}

// openProblems pushes the problems screen.
func (m *Model) openProblems() tea.Cmd {
	return m.Push(widgets.NewInfoScreen(m.c, m, problemsTitle, m.c.Keys.Problems, func(box *widgets.Scroller) {
		info := fmt.Sprintf("%d", len(m.br.Problems()))
		if n := m.bar.log.Len(); n > 0 {
			info = fmt.Sprintf("%d · %d message%s", len(m.br.Problems()), n, ui.Plural(n))
		}
		box.SetInfo(info)
		box.SetLines(m.problemLines(box.InnerWidth()))
	}))
}

// refreshInfo rebuilds the open help and problems screens (only the
// problems screen when onlyProblems: new problems or messages).
func (m *Model) refreshInfo(onlyProblems bool) {
	for _, s := range m.stack {
		if is, ok := s.(*widgets.InfoScreen); ok && (is.Title() == problemsTitle || !onlyProblems) {
			is.Refresh()
		}
	}
}

// ask asks a yes/no question (with details in a box when there are any).
func (m *Model) ask(text string, details []string, yes func() tea.Cmd) tea.Cmd {
	return m.Push(widgets.NewQuestion(m.c, m, text, details, yes))
}
