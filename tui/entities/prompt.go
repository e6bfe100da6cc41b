package entities

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// namePrompt edits the canonical name of one span, completing from the
// canonical names and entity texts already in the article. It is a screen
// over annotate mode, drawn in annotate's legend row.
type namePrompt struct {
	f       *Feature
	span    model.Span
	input   widgets.TextInput
	cands   []string // every candidate, most used first
	matches []string // those matching the input
	pick    int      // match tab would complete to
}

func (f *Feature) openPrompt() tea.Cmd {
	a := f.ann.Pane()
	sp, ok := a.CursorSpan()
	if !ok {
		f.host.Report(ui.Info("Put the cursor on a tagged span to give it a canonical name"))
		return nil
	}
	p := &namePrompt{f: f, span: sp}
	p.input = widgets.NewTextInput(f.c.Keys.Input, "→ ")
	p.input.SetWidth(a.PromptWidth())
	p.input.SetValue(sp.Canonical)
	count := map[string]int{}
	same := map[string]bool{} // a name of the span's own label: offered first (merging entities)
	for _, o := range a.Spans() {
		for _, s := range []string{o.Canonical, o.Text} {
			s = strings.Join(strings.Fields(s), " ")
			if s != "" {
				count[s]++
				same[s] = same[s] || o.Label == sp.Label
			}
		}
	}
	for s := range count {
		p.cands = append(p.cands, s)
	}
	sort.Slice(p.cands, func(i, j int) bool {
		if same[p.cands[i]] != same[p.cands[j]] {
			return same[p.cands[i]]
		}
		// Longer names first among equals: "Gustavo Petro" over "Petro".
		if count[p.cands[i]] != count[p.cands[j]] {
			return count[p.cands[i]] > count[p.cands[j]]
		}
		if len(p.cands[i]) != len(p.cands[j]) {
			return len(p.cands[i]) > len(p.cands[j])
		}
		return p.cands[i] < p.cands[j]
	})
	p.refresh()
	f.prompt = p
	return f.host.Push(p)
}

// refresh recomputes the completions for the input: candidates containing
// it (case-insensitive), those starting with it first.
func (p *namePrompt) refresh() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	var pre, sub []string
	for _, c := range p.cands {
		lc := strings.ToLower(c)
		switch {
		case lc == q:
		case strings.HasPrefix(lc, q):
			pre = append(pre, c)
		case strings.Contains(lc, q):
			sub = append(sub, c)
		}
	}
	p.matches = append(pre, sub...)
	p.pick = 0
}

var (
	promptComplete = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete"))
	promptAccept   = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set (empty clears)"))
	promptCancel   = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

func (p *namePrompt) ShortHelp() []key.Binding {
	return []key.Binding{promptComplete, promptAccept, promptCancel}
}

func (p *namePrompt) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// close takes the prompt off the stack.
func (p *namePrompt) close() {
	p.f.prompt = nil
	p.f.host.Pop(p)
}

// HandleKey edits the canonical name; enter saves it. Every key is the
// prompt's.
func (p *namePrompt) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := p.f
	switch {
	case key.Matches(msg, promptCancel):
		p.close()
		f.host.Report(ui.Info("Canonical name unchanged"))
		return nil, true
	case key.Matches(msg, promptComplete):
		if len(p.matches) > 0 {
			p.input.SetValue(p.matches[p.pick%len(p.matches)])
			p.pick++
			// Keep cycling through the same list.
		}
		return nil, true
	case key.Matches(msg, promptAccept):
		p.close()
		return p.saveOrAsk(), true
	}
	if p.input.Update(msg) {
		p.refresh()
	}
	return nil, true
}

// save queues the name; a span whose text is the name needs none.
func (p *namePrompt) save() tea.Cmd {
	f := p.f
	name := strings.Join(strings.Fields(p.input.Value()), " ")
	id, spanID, text := f.ann.Pane().ID(), p.span.ID, p.span.Text
	if name == text {
		name = "" // the text itself needs no canonical name
	}
	return f.ann.Queue(func(j *session.Job) (store.Action, bool) {
		e := f.docs.Doc(id)
		var sp model.Span
		found := false
		if e != nil && e.Doc != nil {
			for _, s := range e.Doc.Spans {
				if s.ID == spanID {
					sp, found = s, true
				}
			}
		}
		if !found {
			f.host.Report(ui.Info("Not saved: the span is gone"))
			return store.Action{}, false
		}
		if sp.Canonical == name {
			f.host.Report(ui.Info("Canonical name unchanged"))
			return store.Action{}, false
		}
		nw := sp
		nw.Canonical = name
		// Naming an imported span reviews it (review.go).
		act := store.Action{Name: fmt.Sprintf("canonical “%s” → %s", ui.Clip(sp.Text, 30), ui.Clip(name, 30)),
			Ops: f.ann.EditOps(e.Doc, id, sp, nw)}
		j.Done, j.Focus = fmt.Sprintf("“%s” is now %s", ui.Clip(sp.Text, 30), ui.Clip(name, 40)), sp.Start
		if name == "" {
			act.Name = fmt.Sprintf("clear canonical of “%s”", ui.Clip(sp.Text, 30))
			j.Done = fmt.Sprintf("“%s” has no canonical name now", ui.Clip(sp.Text, 30))
		}
		j.Done += ui.ReviewedNote(sp.Source)
		return act, true
	})
}

// Update takes a paste into the input.
func (p *namePrompt) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.PasteMsg); ok {
		p.input.Update(msg)
		p.refresh()
	}
	return nil
}

// label is what is being named, before the input.
func (p *namePrompt) label() string {
	return fmt.Sprintf("Canonical name for “%s” ", ui.Clip(p.span.Text, 24))
}

// line is the prompt as annotate's legend row shows it: what is being
// named, the input, the completions.
func (p *namePrompt) line(w int) string {
	st := p.f.c.Styles
	out := st.P.FilterPrompt.Render(p.label()) + p.input.View(st.FilterPrompt.Render)
	if len(p.matches) > 0 {
		shown := p.matches
		if len(shown) > 3 {
			shown = shown[:3]
		}
		out += st.P.RowDim.Render("  tab: " + ui.CleanLine(strings.Join(shown, " · ")))
	}
	return ui.Truncate(out, w)
}

// Cursor places the terminal cursor in the input.
func (p *namePrompt) Cursor() *tea.Cursor {
	x, y, ok := p.f.ann.Pane().PromptCursor(ui.TextWidth(p.label()) + p.input.CursorX())
	if !ok {
		return nil
	}
	return tea.NewCursor(x, y)
}

func (p *namePrompt) View() string             { return "" } // annotate mode draws it
func (p *namePrompt) SetSize(int, int) tea.Cmd { return nil }
func (p *namePrompt) Mode() string             { return "" }
func (p *namePrompt) TextEntry() bool          { return true }
func (p *namePrompt) Footer() ui.Footer        { return ui.FooterNone }
