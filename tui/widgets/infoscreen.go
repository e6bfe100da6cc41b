package widgets

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// InfoScreen is a full-body box of text that scrolls, titled: the help
// screen (?) and the problems screen (!). The key that opened it or esc
// closes it; quit is left to the root. Its lines come from fill, called
// again for every width (after a resize, a restyle) and on Refresh.
type InfoScreen struct {
	*Scroller
	ctx    *ui.Context
	host   ui.Host
	title  string
	toggle key.Binding
	fill   func(box *Scroller) // sets the lines (and info) for the box's width
	paged  bool                // the title's info says where the box is in the text
}

// NewInfoScreen is a screen titled title whose text fill sets; toggle (the
// key that opens it) closes it too.
func NewInfoScreen(ctx *ui.Context, host ui.Host, title string, toggle key.Binding, fill func(*Scroller)) *InfoScreen {
	return &InfoScreen{Scroller: NewScroller(ctx, title), ctx: ctx, host: host, title: title, toggle: toggle, fill: fill}
}

// Paged has the title say how far down the box is and how to close it,
// for a text longer than most screens (the help).
func (s *InfoScreen) Paged() *InfoScreen { s.paged = true; return s }

// Title is the title the screen was made with.
func (s *InfoScreen) Title() string { return s.title }

func (s *InfoScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
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

// Refresh rebuilds the lines (new problems, new messages).
func (s *InfoScreen) Refresh() { s.fill(s.Scroller) }

func (s *InfoScreen) SetSize(w, h int) tea.Cmd {
	s.Scroller.SetSize(w, h)
	s.Refresh()
	return nil
}

// View is the box; a paged screen's title says how far down it is and how
// to close it.
func (s *InfoScreen) View() string {
	if s.paged {
		info := ui.KeyName(s.ctx.Keys.Back) + " closes"
		if first, last, total := s.Scroller.Window(); total > last-first {
			info = fmt.Sprintf("%d–%d/%d · %s", first+1, last, total, info)
		}
		s.Scroller.SetInfo(info)
	}
	return s.Scroller.View()
}

func (s *InfoScreen) Mode() string      { return "" }
func (s *InfoScreen) Footer() ui.Footer { return ui.FooterNone }

// HelpFirst puts the section for the screen the help was opened from
// first: a section whose title starts with the screen's mode (its first
// three letters), or else the screen's own full help as "This screen (MODE)"
// (a screen no section covers, such as who-carried-it). A nil from leaves
// the sections as they are.
func HelpFirst(sections []HelpSection, from ui.Screen) []HelpSection {
	if from == nil {
		return sections
	}
	mode := strings.ToUpper(from.Mode())
	if len(mode) >= 3 {
		for i, s := range sections {
			if strings.HasPrefix(strings.ToUpper(s.Title), mode[:3]) {
				out := append([]HelpSection{s}, sections[:i]...)
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
	return append([]HelpSection{{Title: title, Groups: groups}}, sections...)
}
