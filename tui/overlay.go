package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// overlay is a scrollable full-body panel (help, problems).
type overlay struct {
	c     *ui.Context
	title string
	info  string
	lines []string
	off   int
	w, h  int
}

func (o *overlay) SetSize(w, h int) {
	o.w, o.h = max(0, w), max(0, h)
	o.clamp()
}

func (o *overlay) SetLines(lines []string) {
	o.lines = lines
	o.clamp()
}

func (o *overlay) maxOff() int { return max(0, len(o.lines)-max(0, o.h-2)) }
func (o *overlay) clamp()      { o.off = ui.ClampInt(o.off, 0, o.maxOff()) }

func (o *overlay) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := o.c.Keys
	page := max(1, o.h-2)
	switch {
	case key.Matches(km, k.Down):
		o.off++
	case key.Matches(km, k.Up):
		o.off--
	case key.Matches(km, k.PageDown):
		o.off += page
	case key.Matches(km, k.PageUp):
		o.off -= page
	case key.Matches(km, k.HalfPageDown):
		o.off += max(1, page/2)
	case key.Matches(km, k.HalfPageUp):
		o.off -= max(1, page/2)
	case key.Matches(km, k.Top):
		o.off = 0
	case key.Matches(km, k.Bottom):
		o.off = o.maxOff()
	}
	o.clamp()
	return nil
}

func (o *overlay) View() string {
	end := min(len(o.lines), o.off+max(0, o.h-2))
	var content []string
	if o.off < end {
		content = o.lines[o.off:end]
	}
	return ui.Box(o.c.Styles, true, o.title, o.info, content, o.w, o.h)
}

func (o *overlay) ShortHelp() []key.Binding {
	k := o.c.Keys
	return []key.Binding{k.Down, k.Up, k.Back}
}

func (o *overlay) FullHelp() [][]key.Binding { return [][]key.Binding{o.ShortHelp()} }
