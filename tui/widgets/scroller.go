package widgets

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// Scroller is a bordered box of lines that pages like an article: the help
// screen, the problems screen and a question with details use it.
type Scroller struct {
	ctx   *ui.Context
	title string
	info  string
	lines []string
	off   int
	w, h  int
}

// NewScroller is an empty box titled title.
func NewScroller(ctx *ui.Context, title string) *Scroller {
	return &Scroller{ctx: ctx, title: title}
}

// SetSize sets the outer size (border included).
func (o *Scroller) SetSize(w, h int) tea.Cmd {
	o.w, o.h = max(0, w), max(0, h)
	o.clamp()
	return nil
}

// InnerWidth is the width lines are drawn in.
func (o *Scroller) InnerWidth() int { return max(0, o.w-2) }

// SetInfo sets the right-hand side of the title.
func (o *Scroller) SetInfo(info string) { o.info = info }

// SetLines replaces the content, keeping the scroll position where it can.
func (o *Scroller) SetLines(lines []string) {
	o.lines = lines
	o.clamp()
}

// Lines is the content.
func (o *Scroller) Lines() []string { return o.lines }

// Window is the lines on view, first to last (exclusive), of total.
func (o *Scroller) Window() (first, last, total int) {
	return o.off, min(len(o.lines), o.off+max(0, o.h-2)), len(o.lines)
}

// Home scrolls to the top.
func (o *Scroller) Home() { o.off = 0 }

func (o *Scroller) maxOff() int { return max(0, len(o.lines)-max(0, o.h-2)) }
func (o *Scroller) clamp()      { o.off = ui.ClampInt(o.off, 0, o.maxOff()) }

// Update scrolls on the movement keys.
func (o *Scroller) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := o.ctx.Keys
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

func (o *Scroller) View() string {
	end := min(len(o.lines), o.off+max(0, o.h-2))
	var content []string
	if o.off < end {
		content = o.lines[o.off:end]
	}
	return ui.Box(o.ctx.Styles, true, o.title, o.info, content, o.w, o.h)
}

func (o *Scroller) ShortHelp() []key.Binding {
	k := o.ctx.Keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Top, k.Bottom, k.Back}
}

func (o *Scroller) FullHelp() [][]key.Binding { return [][]key.Binding{o.ShortHelp()} }
