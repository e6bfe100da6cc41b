package tui

import (
	"fmt"
	"strings"

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
	// help: the help screen, whose title shows where it is in the text.
	help bool
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

// View is the box, the help's title saying how far down it is and how to
// page and close (the help is longer than most screens).
func (s *infoScreen) View() string {
	if s.help {
		k := s.ctx.Keys
		info := ui.KeyName(k.Back) + " closes"
		if first, last, total := s.Scroller.Window(); total > last-first {
			info = fmt.Sprintf("%d–%d/%d · %s", first+1, last, total, info)
		}
		s.Scroller.SetInfo(info)
	}
	return s.Scroller.View()
}

func (s *infoScreen) Mode() string      { return "" }
func (s *infoScreen) Footer() ui.Footer { return ui.FooterNone }

// openHelp pushes the help screen.
func (m *Model) openHelp() tea.Cmd {
	from := m.Top()
	s := newInfoScreen(m.c, m, "Help", m.c.Keys.Help, func(box *widgets.Scroller) {
		box.SetLines(m.helpLines(box.InnerWidth(), from))
	})
	s.help = true
	return m.Push(s)
}

// helpFirst puts the section of the mode the help was opened from first:
// a feature's section whose title names the mode, or else the screen's own
// full help (a screen no section covers, such as who-carried-it).
func helpFirst(sections []widgets.HelpSection, from, reader ui.Screen) []widgets.HelpSection {
	if from == nil || from == reader {
		return sections
	}
	mode := strings.ToUpper(from.Mode())
	if len(mode) >= 3 {
		for i, s := range sections {
			if strings.HasPrefix(strings.ToUpper(s.Title), mode[:3]) {
				out := append([]widgets.HelpSection{s}, sections[:i]...)
				return append(out, sections[i+1:]...)
			}
		}
	}
	groups := from.FullHelp()
	if len(groups) == 0 {
		return sections
	}
	title := "This screen"
	if mode != "" {
		title += " (" + mode + ")"
	}
	return append([]widgets.HelpSection{{Title: title, Groups: groups}}, sections...)
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
