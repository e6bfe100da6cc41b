package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// The root keeps its screens on a stack, as lazygit keeps its contexts: the
// top one has the keys, draws the body, names the mode and gives the help
// line. The root is the features' ui.Host.

// Push puts s on top, sized for the body.
func (m *Model) Push(s ui.Screen) tea.Cmd {
	m.stack = append(m.stack, s)
	return s.SetSize(m.c.Width, m.bodyH())
}

// Pop removes s and every screen above it.
func (m *Model) Pop(s ui.Screen) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if m.stack[i] == s {
			m.stack = m.stack[:i]
			return
		}
	}
}

// Top is the screen with the keys: the reader (m.br) when no screen is
// over it.
func (m *Model) Top() ui.Screen { return m.stack[len(m.stack)-1] }

// Report shows a status message; an error is kept whole in the log too.
func (m *Model) Report(s ui.Status) {
	switch {
	case s.Err != nil:
		m.fail(s.Text, s.Err)
	case s.Keep:
		m.bar.message = s.Text
		detail := s.Detail
		if detail == "" {
			detail = s.Text
		}
		m.logMessage(detail, false)
	default:
		m.bar.message = s.Text
	}
}

// stackMode is the mode the screens over the reader name ("" when none
// does; the modes that are not screens yet come between them and the
// reader's).
func (m *Model) stackMode() string {
	for i := len(m.stack) - 1; i >= 1; i-- {
		if md := m.stack[i].Mode(); md != "" {
			return md
		}
	}
	return ""
}

// stackBody is the body the screen nearest the top that draws one draws,
// and that screen (nil: none, the browser's panes are the body).
func (m *Model) stackBody() (string, ui.Screen) {
	for i := len(m.stack) - 1; i >= 1; i-- {
		if v := m.stack[i].View(); v != "" {
			return v, m.stack[i]
		}
	}
	return "", nil
}

// spanHider is a screen whose body covers annotate's pane with other
// text (another annotator's layer): the status bar's "span under the
// cursor", which is annotate's, is not shown over it.
type spanHider interface{ HidesCursorSpan() bool }

// onStack finds the screen of type T nearest the top.
func onStack[T ui.Screen](m *Model) (T, bool) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if s, ok := m.stack[i].(T); ok {
			return s, true
		}
	}
	var zero T
	return zero, false
}

func (m *Model) bodyH() int { return m.c.Height - m.statusH() - m.helpH() }

// textEntry: the top screen takes every key as its own (ui.TextEntry).
func (m *Model) textEntry() bool {
	te, ok := m.Top().(ui.TextEntry)
	return ok && te.TextEntry()
}
