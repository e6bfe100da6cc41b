package widgets

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/model/fuzzy"
	"storydesk/tui/ui"
)

// Picker is a small box of choices with filter-as-you-type, drawn over the
// right of the screen below it (which stays in view: the selection being
// labelled, say): typing narrows the list (fuzzy, best first), ↑/↓ move,
// enter picks, esc cancels. Every other key is text. The label picker
// (brat's and doccano's label menu) is one: it reaches labels past the
// nine number keys.
type Picker struct {
	ctx   *ui.Context
	host  ui.Host
	title string
	items []string
	hint  func(i int) string              // a key shown before item i ("1"), or ""
	paint func(i int, text string) string // how item i is drawn
	pick  func(i int) tea.Cmd
	under func() string // the screen below, drawn around the box
	mode  string        // the mode it names (LABEL)
	empty string        // what it says when nothing matches
	verb  string        // what enter does, in the help line

	input  TextInput
	vis    []int // item indices shown, best match first
	cursor int
	w, h   int
}

// PickerOpts configures a Picker; Hint, Paint and Under may be nil. Mode,
// Empty and Verb default to the label picker's (LABEL, "No label
// matches.", tag).
type PickerOpts struct {
	Title string
	Items []string
	Hint  func(i int) string
	Paint func(i int, text string) string
	Pick  func(i int) tea.Cmd
	Under func() string

	Mode, Empty, Verb string
}

// NewPicker is a picker over items; Pick runs with the chosen index after
// the picker has closed.
func NewPicker(ctx *ui.Context, host ui.Host, o PickerOpts) *Picker {
	p := &Picker{ctx: ctx, host: host, title: o.Title, items: o.Items, hint: o.Hint, paint: o.Paint, pick: o.Pick, under: o.Under,
		mode: cmp.Or(o.Mode, "LABEL"), empty: cmp.Or(o.Empty, "No label matches."), verb: cmp.Or(o.Verb, "tag")}
	p.input = NewTextInput(ctx.Keys.Input, "› ")
	p.refilter()
	return p
}

// Visible is the items shown, best match first.
func (p *Picker) Visible() []int { return slices.Clone(p.vis) }

// Selected is the item under the cursor, or -1.
func (p *Picker) Selected() int {
	if p.cursor < 0 || p.cursor >= len(p.vis) {
		return -1
	}
	return p.vis[p.cursor]
}

func (p *Picker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	type hit struct{ i, score int }
	var hits []hit
	for i, it := range p.items {
		s, ok := fuzzy.Score(q, strings.ToLower(it))
		if ok {
			hits = append(hits, hit{i, s})
		}
	}
	if q != "" {
		slices.SortStableFunc(hits, func(a, b hit) int { return b.score - a.score })
	}
	p.vis = p.vis[:0]
	for _, h := range hits {
		p.vis = append(p.vis, h.i)
	}
	p.cursor = 0
}

func (p *Picker) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.ctx.Keys
	switch {
	case key.Matches(msg, k.Back):
		p.host.Pop(p)
		return nil, true
	case key.Matches(msg, k.Open):
		i := p.Selected()
		if i < 0 {
			return nil, true // nothing matches: keep typing
		}
		p.host.Pop(p)
		return p.pick(i), true
	case key.Matches(msg, k.FilterNext):
		p.cursor = min(p.cursor+1, len(p.vis)-1)
		return nil, true
	case key.Matches(msg, k.FilterPrev):
		p.cursor = max(p.cursor-1, 0)
		return nil, true
	}
	if p.input.Update(msg) {
		p.refilter()
	}
	return nil, true
}

// Update takes a paste into the filter.
func (p *Picker) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.PasteMsg); ok && p.input.Update(m) {
		p.refilter()
	}
	return nil
}

func (p *Picker) SetSize(w, h int) tea.Cmd {
	p.w, p.h = max(0, w), max(0, h)
	p.input.SetWidth(max(1, p.boxW()-4))
	return nil
}

// boxW and boxH are the box's size: wide enough for the longest item,
// tall enough for all of them, within the screen.
func (p *Picker) boxW() int {
	// Room for the title and the count beside it ("12/12").
	n := len(fmt.Sprint(len(p.items)))
	w := ui.TextWidth(p.title) + 2*n + 10
	for i, it := range p.items {
		w = max(w, ui.TextWidth(ui.CleanLine(it))+ui.TextWidth(p.hintOf(i))+4)
	}
	return min(max(w, 24), p.w)
}

func (p *Picker) boxH() int { return min(len(p.items)+3, p.h) }

func (p *Picker) hintOf(i int) string {
	if p.hint == nil {
		return ""
	}
	if h := p.hint(i); h != "" {
		return h + " "
	}
	return ""
}

// View is the box over the right-hand side of the screen below.
func (p *Picker) View() string {
	bw, bh := p.boxW(), p.boxH()
	if bw <= 2 || bh <= 2 {
		return ""
	}
	st := p.ctx.Styles
	inner := bw - 2
	content := []string{ui.Fit(p.input.View(st.FilterPrompt.Render), inner)}
	rows := bh - 3
	off := max(0, p.cursor-rows+1)
	for r := off; r < min(len(p.vis), off+rows); r++ {
		i := p.vis[r]
		text := ui.CleanLine(p.items[i])
		if p.paint != nil {
			text = p.paint(i, text)
		}
		line := st.P.RowDim.Render(p.hintOf(i)) + text
		marker := "  "
		if r == p.cursor {
			marker = st.P.FilterPrompt.Render("▌ ")
		}
		content = append(content, ui.Fit(marker+line, inner))
	}
	if len(p.vis) == 0 {
		content = append(content, st.P.Placeholder.Render(ui.Truncate(p.empty, inner)))
	}
	info := fmt.Sprintf("%d/%d", len(p.vis), len(p.items))
	box := ui.SplitLines(ui.Box(st, true, p.title, info, content, bw, bh))
	var below []string
	if p.under != nil {
		below = ui.SplitLines(p.under())
	}
	out := make([]string, max(len(below), len(box)))
	for y := range out {
		left := ""
		if y < len(below) {
			left = below[y]
		}
		if y < len(box) {
			left = ui.Fit(ansi.Truncate(left, p.w-bw, ""), p.w-bw) + box[y]
		}
		out[y] = left
	}
	return strings.Join(out, "\n")
}

// Cursor is the filter's cursor, in the box at the top right.
func (p *Picker) Cursor() *tea.Cursor {
	x := p.w - p.boxW() + 1 + p.input.CursorX()
	return tea.NewCursor(x, 1)
}

func (p *Picker) Mode() string      { return p.mode }
func (p *Picker) TextEntry() bool   { return true }
func (p *Picker) Footer() ui.Footer { return ui.FooterNone }

func (p *Picker) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return []key.Binding{
		key.NewBinding(key.WithKeys("a"), key.WithHelp("type", "filter")),
		k.FilterNext, k.FilterPrev,
		key.NewBinding(key.WithKeys(ui.KeyName(k.Open)), key.WithHelp(ui.KeyName(k.Open), p.verb)),
		key.NewBinding(key.WithKeys(ui.KeyName(k.Back)), key.WithHelp(ui.KeyName(k.Back), "cancel")),
	}
}

func (p *Picker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
