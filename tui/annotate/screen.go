package annotate

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// screen is annotate mode on the root's stack, over the reader.
type screen struct{ f *Feature }

// HandleKey takes annotate mode's own keys, before the keys every screen
// shares (so a label rebound to, say, "!" still tags), and esc.
func (s *screen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !s.f.matches(msg) && !key.Matches(msg, s.f.c.Keys.Back) {
		return nil, false
	}
	return s.f.key(msg), true
}

// matches reports whether msg is one of annotate mode's own keys.
func (f *Feature) matches(msg tea.KeyPressMsg) bool {
	k := f.c.Keys
	if key.Matches(msg, k.Labels[:]...) || f.reviewMatches(msg) || f.sugg != nil && f.sugg.Claims(msg) || f.ents != nil && f.ents.Claims(msg) || f.ext != nil && f.ext.Claims(msg) {
		return true
	}
	return key.Matches(msg, k.LabelPick, k.WordNext, k.WordPrev, k.LineDown, k.LineUp, k.SentenceNext, k.SentencePrev,
		k.ParaNext, k.ParaPrev, k.DocStart, k.DocEnd, k.ScreenDown, k.ScreenUp, k.Select,
		k.ExtendNext, k.ExtendPrev, k.ExtendDown, k.ExtendUp, k.Delete, k.EntityNext, k.EntityPrev,
		k.TagAll, k.TagCorpus, k.Entities, k.NextArticle, k.PrevArticle, k.Jump, k.Search)
}

// key routes a key in annotate mode: the review keys, the extension's,
// then annotate's own.
func (f *Feature) key(msg tea.KeyPressMsg) tea.Cmd {
	k := f.c.Keys
	a := f.pane
	if f.scan != nil && key.Matches(msg, k.Back) {
		f.scan.cancel()
		f.scan = nil
		f.host.Report(ui.Info("Corpus-wide tagging cancelled"))
		return nil
	}
	if len(a.stops) == 0 {
		if key.Matches(msg, k.Back) {
			return f.Leave()
		}
		return nil
	}
	if f.sugg != nil && !f.ExtensionLeads() {
		if cmd, ok := f.sugg.Key(msg); ok {
			return cmd
		}
	}
	if cmd, ok := f.reviewKey(msg); ok {
		return cmd
	}
	if f.ext != nil {
		if cmd, ok := f.ext.Key(msg); ok {
			return cmd
		}
	}
	if a.Motion(msg) {
		return nil
	}
	for i := range k.Labels {
		if key.Matches(msg, k.Labels[i]) {
			return f.tagWith(i)
		}
	}
	if key.Matches(msg, k.LabelPick) {
		return f.pickLabel(f.tagWith)
	}
	switch {
	case key.Matches(msg, k.Back):
		if a.anchor >= 0 {
			a.ClearSelection()
			return nil
		}
		return f.Leave()
	case key.Matches(msg, k.Select):
		a.toggleSelect()
	case key.Matches(msg, k.Delete):
		return f.deleteSpans()
	case key.Matches(msg, k.EntityNext, k.EntityPrev):
		dir := 1
		if key.Matches(msg, k.EntityPrev) {
			dir = -1
		}
		a.ClearSelection()
		moved, wrapped := a.entity(dir)
		switch {
		case !moved:
			f.host.Report(ui.Info("No entities tagged in this article yet"))
		case wrapped && dir > 0:
			f.host.Report(ui.Info("Wrapped to the first entity"))
		case wrapped:
			f.host.Report(ui.Info("Wrapped to the last entity"))
		}
		a.scrollIntoView()
	case key.Matches(msg, k.TagAll):
		return f.tagAll(false)
	case key.Matches(msg, k.TagCorpus):
		return f.tagAll(true)
	case key.Matches(msg, k.Entities):
		a.panel = !a.panel
		a.relayout()
		a.scrollIntoView()
	case f.ents != nil && f.ents.Claims(msg):
		cmd, _ := f.ents.Key(msg)
		return cmd
	case key.Matches(msg, k.Jump):
		return f.startJump()
	case key.Matches(msg, k.Search):
		return f.startSearch()
	case key.Matches(msg, k.NextArticle, k.PrevArticle):
		dir := 1
		if key.Matches(msg, k.PrevArticle) {
			dir = -1
		}
		return f.switchArticle(dir)
	}
	return nil
}

// Mode is SELECT while a selection is held, the extension's mode while it
// leads, ANNOTATE otherwise.
func (s *screen) Mode() string {
	if s.f.pane.anchor >= 0 {
		return "SELECT"
	}
	if e := s.f.ext; e != nil {
		if m := e.Mode(); m != "" {
			return m
		}
	}
	return "ANNOTATE"
}

// View is the text box, with the canonical-name prompt in its legend row
// while it is open, and the side panel (the extension's, or the entities).
func (s *screen) View() string {
	f := s.f
	a := f.pane
	info := fmt.Sprintf("%d%%", a.Percent())
	if a.changed {
		info = f.c.Styles.ChangedMark + " changed on disk · " + info
	}
	if f.sess.Pending() {
		info = "saving… " + info
	}
	prompt := ""
	if f.ents != nil {
		prompt = f.ents.PromptLine(a.LineWidth())
	}
	if _, typing := f.host.Top().(*searchPrompt); typing && f.search != nil {
		prompt = f.search.line(a.LineWidth())
	}
	if a.extPanel && f.ext != nil {
		return a.View(info, prompt, f.ext.PanelView)
	}
	if f.ents == nil {
		return a.View(info, prompt, nil)
	}
	return a.View(info, prompt, f.ents.PanelView)
}

func (s *screen) SetSize(w, h int) tea.Cmd {
	s.f.pane.SetSize(w, h)
	return nil
}

func (s *screen) Update(tea.Msg) tea.Cmd { return nil }

func (s *screen) ShortHelp() []key.Binding {
	f := s.f
	k := f.c.Keys
	if f.ext != nil {
		if b := f.ext.ShortHelp(); b != nil {
			return b
		}
	}
	if f.sugg != nil {
		if r := f.sugg.ShortHelp(); r != nil {
			return append(r, labelRange(k), k.WordNext, k.Undo, k.Done, k.Entities, k.Back)
		}
	}
	if r := f.reviewShortHelp(); r != nil {
		// Imported annotations to review: their keys first.
		return append(r, k.Delete, labelRange(k), k.WordNext, k.Undo, k.Done, k.Entities, k.Back)
	}
	return []key.Binding{k.WordNext, k.ExtendNext, k.Select, labelRange(k), k.Delete, k.TagAll, k.EntityNext, k.Undo, k.Done, k.Entities, k.Back}
}

// labelRange is one help entry for the label keys.
func labelRange(k ui.KeyMap) key.Binding {
	return key.NewBinding(key.WithKeys("1"), key.WithHelp(labelKeys(k, 0, 8), "tag"))
}

func (s *screen) FullHelp() [][]key.Binding {
	f := s.f
	k := f.c.Keys
	labels := make([]key.Binding, 0, len(f.c.Labels)+1)
	for i := range min(len(f.c.Labels), len(k.Labels)) {
		labels = append(labels, k.Labels[i])
	}
	labels = append(labels, k.LabelPick)
	groups := [][]key.Binding{
		{k.Annotate, k.WordNext, k.WordPrev, k.LineDown, k.LineUp, k.SentenceNext, k.SentencePrev, k.ParaNext, k.ParaPrev, k.DocStart, k.DocEnd, k.ScreenDown, k.ScreenUp},
		{k.Jump, k.Search, k.SearchNext, k.SearchPrev, k.Select, k.ExtendNext, k.ExtendPrev, k.ExtendDown, k.ExtendUp, k.Back},
		labels,
		f.entityHelp(),
		f.reviewHelp(),
	}
	if f.sugg != nil {
		if sg := f.sugg.Help(); sg != nil {
			groups = append(groups, sg)
		}
	}
	return append(groups, []key.Binding{k.Undo, k.Redo, k.Done, k.Reanchor})
}

// entityHelp is the help group of the keys on entities: annotate's and,
// beside the panel's toggle, the entities' own (canonical name, merge).
func (f *Feature) entityHelp() []key.Binding {
	k := f.c.Keys
	g := []key.Binding{k.Delete, k.EntityNext, k.EntityPrev, k.TagAll, k.TagCorpus}
	if f.ents != nil {
		g = append(g, f.ents.Help()...)
	}
	return append(g, k.Entities, k.NextArticle, k.PrevArticle)
}

// labelWait is a tag-all waiting for its label key: a then 1–9 on a word
// or selection that is not tagged yet. Any other key cancels it and does
// what it does in annotate mode; the wait's prompt is in the status bar.
type labelWait struct {
	f          *Feature
	corpus     bool
	start, end int
	text       string
}

func (w *labelWait) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := w.f
	k := f.c.Keys
	f.host.Pop(w)
	for i := range k.Labels {
		if key.Matches(msg, k.Labels[i]) {
			return f.tagAllAs(w, i), true
		}
	}
	if key.Matches(msg, k.LabelPick) {
		return f.pickLabel(func(i int) tea.Cmd { return f.tagAllAs(w, i) }), true
	}
	if key.Matches(msg, k.Back) {
		f.host.Report(ui.Info("Tag all cancelled"))
		return nil, true
	}
	return f.key(msg), true
}

// Prompt is shown in the status bar while nothing else is.
func (w *labelWait) Prompt() string {
	k := w.f.c.Keys
	last := min(len(w.f.c.Labels), len(k.Labels)) - 1
	return fmt.Sprintf("Tag every “%s” as: press %s (%s cancels)", ui.Clip(w.text, 30), labelKeys(k, 0, last), ui.KeyName(k.Back))
}

func (w *labelWait) Mode() string              { return "" }
func (w *labelWait) View() string              { return "" } // annotate mode stays in view
func (w *labelWait) SetSize(int, int) tea.Cmd  { return nil }
func (w *labelWait) Update(tea.Msg) tea.Cmd    { return nil }
func (w *labelWait) ShortHelp() []key.Binding  { return w.f.scr.ShortHelp() }
func (w *labelWait) FullHelp() [][]key.Binding { return w.f.scr.FullHelp() }

// WaitingForLabel reports a tag-all waiting for its label key on top: the
// next key is the label's, no other feature's.
func (f *Feature) WaitingForLabel() bool {
	_, ok := f.host.Top().(*labelWait)
	return ok
}
