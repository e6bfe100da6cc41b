package annotate_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/session"
	"storydesk/tui/widgets"
)

// Entering waits for the article and then its annotations, saying so, and
// takes the "Loading…" back once annotate mode is open; leaving saves the
// cursor, which the next entry (and the next run's restore) goes back to.
func TestEnterWaitsLeaveRemembers(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Reader.Sel = 0
	h.Run(h.Ann.Enter(1)) // the reader shows a.txt: b.txt is not loaded yet
	if h.Ann.Active() || h.Host.Msg != "Loading…" {
		t.Fatalf("entering an article not loaded: active %v, %q", h.Ann.Active(), h.Host.Msg)
	}
	h.Reader.Sel = 1
	h.Run(h.Reader.Show()) // loaded: its annotations are asked for, then it opens
	if !h.Ann.Active() || h.Pane().ID() != "b.txt" || h.Host.Msg != "" {
		t.Fatalf("once loaded: active %v on %q, %q", h.Ann.Active(), h.Pane().ID(), h.Host.Msg)
	}
	h.Press("esc")
	h.Reader.Sel = 0
	h.Run(h.Ann.Enter(0)) // a.txt's annotations are not asked for yet
	if !h.Ann.Active() || h.Pane().ID() != "a.txt" || h.Host.Msg != "" {
		t.Fatalf("entering before the annotations are read: %q", h.Host.Msg)
	}
	h.Press("w", "w", "w")
	pos := h.Pane().CursorOffset()
	h.Press("esc")
	if h.Ann.Active() || h.Host.Top() != nil || h.Reader.Saved[len(h.Reader.Saved)-1] != pos {
		t.Fatalf("esc: active %v, saved %v, want %d", h.Ann.Active(), h.Reader.Saved, pos)
	}
	h.Enter(0)
	if h.Pane().CursorOffset() != pos {
		t.Fatalf("re-entered at %d, left at %d", h.Pane().CursorOffset(), pos)
	}
	h.Press("esc")

	// A new run restores the place, from the store.
	h2 := newHarness(t, annotest.Articles(), h.Path, 120, 38)
	h2.Ann.Restore(0, "a.txt", annotest.RuneIndex(t, annotest.StoryA, "Port", 0))
	h2.Reader.Sel = 0
	h2.Run(h2.Reader.Show())
	if !h2.Ann.Active() || h2.CursorText() != "Port" {
		t.Fatalf("restore: active %v, cursor on %q", h2.Ann.Active(), h2.CursorText())
	}
	h2.Press("esc")
	h2.Enter(0)
	if h2.Pane().CursorOffset() != annotest.RuneIndex(t, annotest.StoryA, "Port", 0) {
		t.Fatalf("the restore's place is used once, then the saved cursor: %q", h2.CursorText())
	}
}

// The keys that act on the selected article from anywhere, and the help.
func TestGlobalKeysAndHelp(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Reader.Sel = 0
	h.Run(h.Reader.Show())
	for _, k := range []string{"u", "ctrl+r", "d", "R"} {
		cmd, ok := h.Ann.GlobalKey(annotest.Key(k))
		if !ok {
			t.Fatalf("%s is not a global key", k)
		}
		h.Run(cmd)
	}
	if _, ok := h.Ann.GlobalKey(annotest.Key("w")); ok {
		t.Fatal("w is annotate mode's only")
	}
	title, groups, ok := h.Ann.HelpSection()
	if !ok || !strings.HasPrefix(title, "Annotate") || len(groups) != 6 {
		t.Fatalf("help section %q %d", title, len(groups))
	}
	h.Enter(0)
	var names []string
	for _, b := range h.Host.Top().ShortHelp() {
		names = append(names, b.Help().Key)
	}
	if got := strings.Join(names, " "); got != "w/l/→ shift+→ v 1–9 x a n u d e esc" {
		t.Fatalf("short help %q", got)
	}
	h.Press("u", "u")
	if h.Last.Job.Kind != session.Undo || h.Last.OK {
		t.Fatalf("u with nothing left to undo: %+v", h.Last)
	}
}

// fakeExt is an extension: F toggles its mode, y is its key too (the review
// keys come first), and it draws through fakeOverlay.
type fakeExt struct {
	fakeOverlay
	on    bool
	keys  []string
	left  int
	pane  func() (shown, ext bool)
	shown func(bool)
}

func (e *fakeExt) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	e.keys = append(e.keys, msg.String())
	switch msg.String() {
	case "F":
		e.on = !e.on
		e.shown(e.on)
		return nil, true
	case "w":
		return nil, e.on // takes w while on
	}
	return nil, false
}

func (e *fakeExt) Claims(msg tea.KeyPressMsg) bool { return msg.String() == "F" }

func (e *fakeExt) Mode() string {
	if e.on {
		return "FAKE"
	}
	return ""
}

func (e *fakeExt) ShortHelp() []key.Binding {
	if !e.on {
		return nil
	}
	return []key.Binding{key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "fake"))}
}

func (e *fakeExt) Status(s *widgets.StatusInfo) {
	if e.on {
		s.Span = "fake: " + s.Span
	}
}

func (e *fakeExt) Left() { e.left++ }

// An extension sees annotate mode's keys after the review keys and before
// annotate's own, leads the mode, help line and status while it is on,
// draws through its overlay and panel, and is told when annotate mode is
// left.
func TestExtension(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	e := &fakeExt{fakeOverlay: fakeOverlay{start: 0, end: 5, panelW: 30}}
	e.shown = func(on bool) { h.Pane().SetPanel(on, on) }
	h.Ann.SetExtension(e)
	h.Enter(0)
	h.Press("w")
	if h.CursorText() != "Ilse" || len(e.keys) != 1 {
		t.Fatalf("annotate's w after the extension's turn: %q %v", h.CursorText(), e.keys)
	}
	h.Press("shift+right", "1", "F")
	if h.Mode() != "FAKE" || fmt.Sprint(h.Host.Top().ShortHelp()[0].Help()) != "{F fake}" {
		t.Fatalf("mode %q", h.Mode())
	}
	if s := h.Status(); s.Span != "fake: PERSON “Ilse Varga”" {
		t.Fatalf("status: %q", s.Span)
	}
	if v := celltest.Plain(h.View()); !strings.Contains(strings.Split(v, "\n")[0], strings.Repeat("#", 30)) {
		t.Fatalf("the extension's panel is not drawn:\n%s", v)
	}
	before := h.Pane().CursorOffset()
	h.Press("w")
	if h.Pane().CursorOffset() != before {
		t.Fatal("the extension's key went to annotate mode too")
	}
	h.Press("y") // a review key: annotate's, before the extension
	if e.keys[len(e.keys)-1] == "y" || h.Host.Msg == "" {
		t.Fatalf("y reached the extension: %v", e.keys)
	}
	h.Press("v")
	if h.Mode() != "SELECT" {
		t.Fatalf("a selection outranks the extension's mode: %q", h.Mode())
	}
	h.Press("esc", "F", "esc")
	if e.left != 1 || h.Ann.Active() {
		t.Fatalf("left %d times", e.left)
	}
}
