package annotate

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

// entityName is one entity: spans joined by canonical name (or, without
// one, by their text).
type entityName struct {
	name     string
	count    int
	imported int      // spans imported and not reviewed yet (review.go)
	variants []string // distinct span texts other than the name
}

// entityGroup is a label's entities, most mentioned first.
type entityGroup struct {
	label    string
	count    int
	imported int
	names    []entityName
}

// groupEntities groups spans by label (in label-set order, unknown labels
// after) and, within a label, by canonical name.
func groupEntities(spans []model.Span, labels []string) []entityGroup {
	byLabel := map[string]map[string]*entityName{}
	for _, sp := range spans {
		name := sp.Canonical
		if name == "" {
			name = sp.Text
		}
		name = strings.Join(strings.Fields(name), " ")
		g := byLabel[sp.Label]
		if g == nil {
			g = map[string]*entityName{}
			byLabel[sp.Label] = g
		}
		e := g[name]
		if e == nil {
			e = &entityName{name: name}
			g[name] = e
		}
		e.count++
		if sp.Source != "" {
			e.imported++
		}
		text := strings.Join(strings.Fields(sp.Text), " ")
		if text != name && !containsStr(e.variants, text) {
			e.variants = append(e.variants, text)
		}
	}
	order := append([]string(nil), labels...)
	var extra []string
	for l := range byLabel {
		if !containsStr(labels, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	var out []entityGroup
	for _, l := range order {
		g := byLabel[l]
		if len(g) == 0 {
			continue
		}
		eg := entityGroup{label: l}
		for _, e := range g {
			sort.Strings(e.variants)
			eg.names = append(eg.names, *e)
			eg.count += e.count
			eg.imported += e.imported
		}
		sort.Slice(eg.names, func(i, j int) bool {
			if eg.names[i].count != eg.names[j].count {
				return eg.names[i].count > eg.names[j].count
			}
			return eg.names[i].name < eg.names[j].name
		})
		out = append(out, eg)
	}
	return out
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// entitiesView is the side panel: the article's entities by label with
// counts, the one under the cursor marked, and how many of each are
// imported and not reviewed yet (↓2), those names drawn as the text draws
// imported spans.
func (f *Feature) entitiesView(w, h int) string {
	a := f.pane
	st := f.c.Styles
	labels := f.c.Labels
	groups := groupEntities(a.spans, labels)
	curName, curLabel := "", ""
	if sp, ok := a.CursorSpan(); ok {
		curLabel = sp.Label
		curName = sp.Canonical
		if curName == "" {
			curName = sp.Text
		}
		curName = strings.Join(strings.Fields(curName), " ")
	}
	var lines []string
	curLine := -1
	for _, g := range groups {
		li := a.labelIndex(g.label)
		style := len(labels) + 1 // a label not in the set
		if li >= 0 {
			style = 1 + li
		}
		head := st.Ann[style].Render(ui.CleanLine(g.label)) + st.P.RowDim.Render(fmt.Sprintf(" %d", g.count))
		if g.imported > 0 {
			head += " " + st.Review.MarkPaint.Render(fmt.Sprintf("%s%d", st.Review.MarkCh, g.imported))
		}
		lines = append(lines, head)
		for _, e := range g.names {
			marker := "  "
			if g.label == curLabel && e.name == curName {
				marker = st.Marker + " "
				curLine = len(lines)
			}
			name := ui.CleanLine(e.name)
			if e.imported > 0 {
				name = st.Ann[ui.AnnImported(len(labels))].Render(name)
			}
			line := marker + name
			if e.count > 1 {
				line += st.P.RowDim.Render(fmt.Sprintf(" ×%d", e.count))
			}
			if e.imported > 0 {
				line += " " + st.Review.MarkPaint.Render(fmt.Sprintf("%s%d", st.Review.MarkCh, e.imported))
			}
			lines = append(lines, line)
			if len(e.variants) > 0 {
				lines = append(lines, "    "+st.P.RowDim.Render(ui.CleanLine(strings.Join(e.variants, ", "))))
			}
		}
	}
	if len(lines) == 0 {
		lines = []string{st.P.Placeholder.Render("No entities yet: select and press " + labelKeys(f.c.Keys, 0, 8) + ".")}
	}
	// Keep the entity under the cursor in view.
	off := 0
	rows := max(0, h-2)
	if curLine >= rows && rows > 0 {
		off = curLine - rows + 1
	}
	n, imp := 0, 0
	for _, g := range groups {
		n += g.count
		imp += g.imported
	}
	info := fmt.Sprint(n)
	if imp > 0 {
		info += fmt.Sprintf(" · %s%d", st.Review.MarkCh, imp)
	}
	return ui.Box(st, false, "Entities", info, lines[min(off, len(lines)):], w, h)
}

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
	sp, ok := f.pane.CursorSpan()
	if !ok {
		f.host.Report(ui.Info("Put the cursor on a tagged span to give it a canonical name"))
		return nil
	}
	p := &namePrompt{f: f, span: sp}
	p.input = widgets.NewTextInput(f.c.Keys.Input, "→ ")
	p.input.SetWidth(max(1, f.pane.innerW()/2))
	p.input.SetValue(sp.Canonical)
	count := map[string]int{}
	same := map[string]bool{} // a name of the span's own label: offered first (merging entities)
	for _, o := range f.pane.spans {
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
	id, spanID, text := f.pane.id, p.span.ID, p.span.Text
	if name == text {
		name = "" // the text itself needs no canonical name
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		e := f.sess.Doc(id)
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
			Ops: spanEditOps(e.Doc, id, sp, nw)}
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
	x, y, ok := p.f.pane.promptCursor(ui.TextWidth(p.label()) + p.input.CursorX())
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
