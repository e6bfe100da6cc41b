// Package layers shows the other annotators' layers of the article on
// screen, read-only (issue 15). Annotation is blind by default, as in
// INCEpTION and doccano: nobody sees another's tags until they ask. V
// opens the first other layer, V again the next, and after the last one
// the user is back on their own; esc returns at once. While a layer is
// shown, every key that would write says so and does nothing.
package layers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// Store reads the other layers.
type Store interface {
	Annotator() string
	Annotators(ctx context.Context) ([]string, error)
	Layer(annotator string) store.Store
}

// Reader is the article on screen.
type Reader interface {
	Article() (*model.Article, int, error)
}

// Deps are what the feature needs from the root.
type Deps struct {
	Ctx    *ui.Context
	Host   ui.Host
	Store  Store // nil: the store has one layer only
	Reader Reader
}

// Feature opens the layer view.
type Feature struct {
	Deps
	scr *Screen
}

// New builds the feature.
func New(d Deps) *Feature { return &Feature{Deps: d} }

// loadedMsg is one layer's document.
type loadedMsg struct {
	s      *Screen
	names  []string // the other layers, when asked
	at     int
	doc    *store.Doc
	exists bool
	err    error
}

// GlobalKey opens the view (V) from any screen that leaves the key.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, f.Ctx.Keys.Layers) {
		return nil, false
	}
	if f.Store == nil {
		f.Host.Report(ui.Info("This store keeps one layer: there is no other annotator's to show"))
		return nil, true
	}
	a, _, _ := f.Reader.Article()
	if a == nil {
		f.Host.Report(ui.Info("Open an article first: its other layers are shown over it"))
		return nil, true
	}
	s := &Screen{f: f, id: a.ID, title: a.Title, at: -1}
	return f.load(s, 0, true), true
}

// load reads layer at of s's names (the names first when fresh).
func (f *Feature) load(s *Screen, at int, fresh bool) tea.Cmd {
	st, names, id := f.Store, s.names, s.id
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if fresh {
			all, err := st.Annotators(ctx)
			if err != nil {
				return loadedMsg{s: s, err: err}
			}
			names = names[:0]
			for _, n := range all {
				if n != st.Annotator() {
					names = append(names, n)
				}
			}
		}
		if at >= len(names) {
			return loadedMsg{s: s, names: names, at: at}
		}
		d, ok, err := st.Layer(names[at]).Doc(ctx, id)
		return loadedMsg{s: s, names: names, at: at, doc: d, exists: ok, err: err}
	}
}

// Update takes the layers read.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	m, ok := msg.(loadedMsg)
	if !ok {
		return nil
	}
	s := m.s
	if m.err != nil {
		f.Host.Report(ui.Fail("Cannot read the other layers: "+m.err.Error(), m.err))
		return nil
	}
	s.names = m.names
	if len(s.names) == 0 {
		f.Host.Report(ui.Info("Nobody else has a layer in this store yet"))
		return nil
	}
	if m.at >= len(s.names) {
		f.close(s)
		f.Host.Report(ui.Info("Back to your own layer"))
		return nil
	}
	s.at, s.doc, s.lay, s.top = m.at, m.doc, nil, 0
	if !m.exists {
		s.doc = nil
	}
	f.Host.Report(ui.Info(s.banner()))
	if f.scr != s {
		if f.scr != nil {
			f.Host.Pop(f.scr)
		}
		f.scr = s
		return f.Host.Push(s)
	}
	return nil
}

func (f *Feature) close(s *Screen) {
	f.Host.Pop(s)
	if f.scr == s {
		f.scr = nil
	}
}

// HelpSection lists the key.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	return "Other layers", [][]key.Binding{{f.Ctx.Keys.Layers}}, f.Store != nil
}

// Screen is one other layer of the article (LAYER).
type Screen struct {
	f     *Feature
	id    string
	title string
	names []string
	at    int
	doc   *store.Doc // nil: this layer has nothing on the article
	lay   *layout.Layout
	w, h  int
	top   int
}

var _ ui.Screen = (*Screen)(nil)

// Layer names the layer shown.
func (s *Screen) Layer() string {
	if s.at < 0 || s.at >= len(s.names) {
		return ""
	}
	return s.names[s.at]
}

func (s *Screen) banner() string {
	return fmt.Sprintf("Viewing %s's layer (read-only) — %s: next layer, %s: back to yours", ui.CleanLine(s.Layer()), ui.KeyName(s.f.Ctx.Keys.Layers), ui.KeyName(s.f.Ctx.Keys.Back))
}

// Mode names the screen.
func (s *Screen) Mode() string { return "LAYER" }

// SetSize lays the text out again.
func (s *Screen) SetSize(w, h int) tea.Cmd {
	if w != s.w {
		s.lay = nil
	}
	s.w, s.h = w, h
	return nil
}

// Update takes nothing: the feature delivers the loads.
func (s *Screen) Update(tea.Msg) tea.Cmd { return nil }

// writeKeys are the keys that write to a layer: refused here.
func (s *Screen) writeKeys() []key.Binding {
	k := s.f.Ctx.Keys
	out := []key.Binding{k.Annotate, k.Done, k.Undo, k.Redo, k.Reanchor, k.LabelPick, k.Delete, k.TagAll, k.TagCorpus,
		k.Canonical, k.QuoteTag, k.Correct, k.ReviewAccept, k.ReviewAcceptAll, k.Quotes}
	return append(out, k.Labels[:]...)
}

// HandleKey scrolls, moves on to the next layer, closes, and refuses writes.
func (s *Screen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.f.Ctx.Keys
	switch {
	case key.Matches(msg, k.Back):
		s.f.close(s)
		s.f.Host.Report(ui.Info("Back to your own layer"))
	case key.Matches(msg, k.Layers):
		return s.f.load(s, s.at+1, false), true
	case key.Matches(msg, k.Down):
		s.top = min(s.top+1, max(0, s.lines()-s.textH()))
	case key.Matches(msg, k.Up):
		s.top = max(0, s.top-1)
	case key.Matches(msg, k.PageDown):
		s.top = min(s.top+s.textH(), max(0, s.lines()-s.textH()))
	case key.Matches(msg, k.PageUp):
		s.top = max(0, s.top-s.textH())
	case key.Matches(msg, s.writeKeys()...):
		s.f.Host.Report(ui.Info(fmt.Sprintf("Not written: %s's layer is read-only here (%s goes back to yours)", ui.CleanLine(s.Layer()), ui.KeyName(k.Back))))
	default:
		return nil, false
	}
	return nil, true
}

// ShortHelp is the help line.
func (s *Screen) ShortHelp() []key.Binding {
	k := s.f.Ctx.Keys
	return []key.Binding{k.Layers, k.Down, k.Up, k.PageDown, k.Back}
}

// FullHelp is the help screen's part.
func (s *Screen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *Screen) textH() int { return max(1, s.h-1) }

func (s *Screen) lines() int {
	if s.lay == nil {
		return 0
	}
	return len(s.lay.Lines)
}

// HidesCursorSpan: the layer drawn is another annotator's, so the status
// bar does not describe annotate's span under the cursor over it.
func (s *Screen) HidesCursorSpan() bool { return true }

// View draws the header and the layer's spans over the text.
func (s *Screen) View() string {
	var out []string
	if s.doc == nil {
		out = []string{fmt.Sprintf(" %s's layer (read-only): nothing on this article", ui.CleanLine(s.Layer()))}
	} else {
		if s.lay == nil {
			s.lay = layout.Wrap(s.doc.Text, max(2, s.w-2))
		}
		out = append(out, fmt.Sprintf(" Viewing %s's layer (read-only) · %s · %d span%s, %d quotation%s · %s",
			ui.CleanLine(s.Layer()), ui.Clip(s.title, max(10, s.w/3)), len(s.doc.Spans), ui.Plural(len(s.doc.Spans)),
			len(s.doc.Quotes), ui.Plural(len(s.doc.Quotes)), s.doc.Status))
		marks := make([]layout.Mark, 0, len(s.doc.Spans))
		for _, sp := range s.doc.Spans {
			marks = append(marks, layout.Mark{Start: sp.Start, End: sp.End, Style: s.labelStyle(sp.Label)})
		}
		painters := s.f.Ctx.Styles.AnnPainters()
		for i := s.top; i < len(s.lay.Lines) && len(out) < s.h; i++ {
			out = append(out, " "+s.lay.RenderLine(i, marks, painters))
		}
	}
	for i, l := range out {
		out[i] = ui.Fit(l, s.w)
	}
	for len(out) < s.h {
		out = append(out, strings.Repeat(" ", max(0, s.w)))
	}
	return strings.Join(out[:min(len(out), max(0, s.h))], "\n")
}

func (s *Screen) labelStyle(label string) int {
	for i, l := range s.f.Ctx.Labels {
		if l == label {
			return 1 + i
		}
	}
	return len(s.f.Ctx.Labels) + 1
}
