package quotes

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// speakerPrompt picks a quotation's speaker: one of the article's people
// and organisations (tagged PERSON/ORG spans by canonical name, the
// detector's suggestion, speakers of other quotations) or a name typed in,
// with completion. It is a screen over annotate mode, drawn in the quotes
// panel; every key is its own.
type speakerPrompt struct {
	f       *Feature
	c       *ui.Context
	t       target
	hand    bool            // a new quotation tagged by hand: enter adds it
	kind    model.QuoteKind // … of this kind
	input   widgets.TextInput
	cands   []speakerCand
	matches []int // indexes into cands matching the input
	pick    int   // highlighted match; -1 none
}

type speakerCand struct {
	name      string
	label     string // PERSON, ORG; "" for a name not tagged
	count     int    // mentions tagged with this name
	suggested bool   // the detector's speaker for this quotation
}

var (
	speakerNext   = key.NewBinding(key.WithKeys("tab", "down", "ctrl+n"), key.WithHelp("tab/↓", "next name"))
	speakerPrev   = key.NewBinding(key.WithKeys("shift+tab", "up", "ctrl+p"), key.WithHelp("↑", "previous"))
	speakerAccept = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save (empty: unknown)"))
	speakerCancel = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

func (p *speakerPrompt) ShortHelp() []key.Binding {
	return []key.Binding{speakerNext, speakerPrev, speakerAccept, speakerCancel}
}

// openSpeakerPrompt is s on the quotation under the cursor.
func (f *Feature) openSpeakerPrompt() tea.Cmd {
	it := f.itemAtCursor()
	if it == nil {
		return nil
	}
	return f.openSpeakerPromptFor(f.capture(it), false, "")
}

// openSpeakerPromptFor opens the prompt for t, prefilled with its speaker.
func (f *Feature) openSpeakerPromptFor(t target, hand bool, kind model.QuoteKind) tea.Cmd {
	p := &speakerPrompt{f: f, c: f.c, t: t, hand: hand, kind: kind, pick: -1}
	p.input = widgets.NewTextInput(f.c.Keys.Input, "→ ")
	_, _, pw, _ := f.ann.Pane().PanelRect()
	p.input.SetWidth(max(1, pw-7))
	// By the entity's name when the speaker is a tagged entity.
	current, _ := link(f.ann.Pane().Spans(), suggestedSpeaker(t.det), t.det, t.start, t.end)
	for _, it := range f.items {
		if it.ann != nil && it.start == t.start && it.end == t.end {
			current = it.speaker()
		}
	}
	p.input.SetValue(current)
	// Shown selected, as a form field shows a suggestion: a name typed
	// replaces it, the arrows and backspace edit it.
	p.input.SelectAll(f.c.Styles.P.RowSelected.Render)
	suggested, _ := link(f.ann.Pane().Spans(), suggestedSpeaker(t.det), t.det, t.start, t.end)
	p.cands = speakerCandidates(f.ann.Pane().Spans(), f.items, suggested)
	p.refresh()
	f.prompt = p
	return f.host.Push(p)
}

// speakerCandidates lists who may have said it: tagged people and
// organisations by name (most mentioned first), the detector's suggestion
// first of all, and speakers already given to other quotations.
func speakerCandidates(spans []model.Span, items []item, suggested string) []speakerCand {
	byName := map[string]*speakerCand{}
	var order []*speakerCand
	get := func(name string) *speakerCand {
		k := strings.ToLower(name)
		c := byName[k]
		if c == nil {
			c = &speakerCand{name: name}
			byName[k] = c
			order = append(order, c)
		}
		return c
	}
	for _, sp := range spans {
		if !isSpeakerLabel(sp.Label) {
			continue
		}
		c := get(speakerName(sp))
		c.label = sp.Label
		c.count++
	}
	for _, it := range items {
		if it.ann != nil && it.ann.Status == model.QuoteAccepted && it.ann.Speaker != "" {
			get(strings.Join(strings.Fields(it.ann.Speaker), " "))
		}
	}
	if s := strings.Join(strings.Fields(suggested), " "); s != "" {
		get(s).suggested = true
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.suggested != b.suggested {
			return a.suggested
		}
		if (a.label != "") != (b.label != "") {
			return a.label != ""
		}
		if a.count != b.count {
			return a.count > b.count
		}
		return a.name < b.name
	})
	out := make([]speakerCand, len(order))
	for i, c := range order {
		out[i] = *c
	}
	return out
}

// refresh recomputes the matches for the input: every candidate while the
// input is empty or names one exactly, else those starting with it, then
// those containing it (case-insensitive).
func (p *speakerPrompt) refresh() {
	q := strings.ToLower(strings.Join(strings.Fields(p.input.Value()), " "))
	p.matches, p.pick = p.matches[:0], -1
	exact := false
	for _, c := range p.cands {
		if strings.ToLower(c.name) == q {
			exact = true
		}
	}
	var sub []int
	for i, c := range p.cands {
		lc := strings.ToLower(c.name)
		switch {
		case q == "" || exact || strings.HasPrefix(lc, q):
			p.matches = append(p.matches, i)
		case strings.Contains(lc, q):
			sub = append(sub, i)
		}
	}
	p.matches = append(p.matches, sub...)
	if exact {
		for k, i := range p.matches {
			if strings.ToLower(p.cands[i].name) == q {
				p.pick = k
			}
		}
	}
}

// close takes the prompt off the stack.
func (p *speakerPrompt) close() {
	p.f.prompt = nil
	p.f.host.Pop(p)
}

// HandleKey edits the speaker; tab and the arrows fill in the candidates
// in turn, enter saves. Every key is the prompt's.
func (p *speakerPrompt) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	return p.key(msg), true
}

func (p *speakerPrompt) key(msg tea.KeyPressMsg) tea.Cmd {
	f := p.f
	switch {
	case key.Matches(msg, speakerCancel):
		p.close()
		if p.hand {
			f.report("Quotation not tagged")
		} else {
			f.report("Speaker unchanged")
		}
		return nil
	case key.Matches(msg, speakerNext, speakerPrev):
		if len(p.matches) == 0 {
			return nil
		}
		// Filling the input keeps the list as it is, so tab goes on cycling.
		if key.Matches(msg, speakerNext) {
			p.pick = (p.pick + 1) % len(p.matches)
		} else {
			p.pick = (p.pick - 1 + len(p.matches)) % len(p.matches)
		}
		p.input.SetValue(p.cands[p.matches[p.pick]].name)
		return nil
	case key.Matches(msg, speakerAccept):
		p.close()
		name := strings.Join(strings.Fields(p.input.Value()), " ")
		return f.setSpeaker(p.t, name, p.hand, p.kind)
	}
	if p.input.Update(msg) {
		p.refresh()
	}
	return nil
}

// Update types pasted text into the prompt.
func (p *speakerPrompt) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.PasteMsg); ok {
		p.input.Update(msg)
		p.refresh()
	}
	return nil
}

// view draws the prompt as the quotes panel's content: what is being
// attributed, the input, the candidates.
func (p *speakerPrompt) view(w, rows int) []string {
	st := p.c.Styles
	head := "Speaker of"
	if p.hand {
		head = fmt.Sprintf("New %s quotation", p.kind)
	}
	lines := []string{
		" " + st.P.FilterPrompt.Render(head) + " " + st.P.RowDim.Render("“"+ui.Clip(p.t.text, max(8, w-len(head)-5))+"”"),
		" " + p.input.View(st.FilterPrompt.Render),
		"",
	}
	if len(p.matches) == 0 {
		lines = append(lines, " "+st.P.Placeholder.Render("No tagged PERSON or ORG matches: enter keeps the name as typed."))
		return lines
	}
	// Keep the highlighted candidate in view.
	room := max(1, rows-len(lines))
	first := 0
	if p.pick >= room {
		first = p.pick - room + 1
	}
	for k := first; k < len(p.matches) && len(lines) < rows; k++ {
		c := p.cands[p.matches[k]]
		marker := "  "
		if k == p.pick {
			marker = st.Marker + " "
		}
		var info []string
		if c.label != "" {
			info = append(info, fmt.Sprintf("%s ×%d", c.label, c.count))
		}
		if c.suggested {
			info = append(info, "suggested")
		}
		name := ui.CleanLine(c.name)
		if k == p.pick {
			name = st.P.RowSelected.Render(name)
		}
		line := marker + name
		if len(info) > 0 {
			line += st.P.RowDim.Render("  " + strings.Join(info, " · "))
		}
		lines = append(lines, line)
	}
	return lines
}

// Cursor places the terminal cursor in the prompt's input (the panel's
// second row).
func (p *speakerPrompt) Cursor() *tea.Cursor {
	rx, ry, rw, rh := p.f.ann.Pane().PanelRect()
	x := rx + 2 + p.input.CursorX()
	y := ry + 2
	if rh < 4 || x >= rx+rw-1 {
		return nil
	}
	return tea.NewCursor(x, y)
}

func (p *speakerPrompt) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *speakerPrompt) View() string              { return "" } // the quotes panel draws it
func (p *speakerPrompt) SetSize(int, int) tea.Cmd  { return nil }
func (p *speakerPrompt) Mode() string              { return "" }
func (p *speakerPrompt) TextEntry() bool           { return true }
func (p *speakerPrompt) Footer() ui.Footer         { return ui.FooterNone }
