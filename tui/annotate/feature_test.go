package annotate_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/internal/celltest"
	"storydesk/tui/session"
	"storydesk/tui/widgets"
)

// Entering waits for the article and then its annotations, saying so, and
// takes the "Loading…" back once annotate mode is open; leaving saves the
// cursor, which the next entry (and the next run's restore) goes back to.
func TestEnterWaitsLeaveRemembers(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.r.sel = 0
	h.run(h.f.Enter(1)) // the reader shows a.txt: b.txt is not loaded yet
	if h.f.Active() || h.host.msg != "Loading…" {
		t.Fatalf("entering an article not loaded: active %v, %q", h.f.Active(), h.host.msg)
	}
	h.r.sel = 1
	h.run(h.r.Show()) // loaded: its annotations are asked for, then it opens
	if !h.f.Active() || h.pane().ID() != "b.txt" || h.host.msg != "" {
		t.Fatalf("once loaded: active %v on %q, %q", h.f.Active(), h.pane().ID(), h.host.msg)
	}
	h.press("esc")
	h.r.sel = 0
	h.run(h.f.Enter(0)) // a.txt's annotations are not asked for yet
	if !h.f.Active() || h.pane().ID() != "a.txt" || h.host.msg != "" {
		t.Fatalf("entering before the annotations are read: %q", h.host.msg)
	}
	h.press("w", "w", "w")
	pos := h.pane().CursorOffset()
	h.press("esc")
	if h.f.Active() || h.host.Top() != nil || h.r.saved[len(h.r.saved)-1] != pos {
		t.Fatalf("esc: active %v, saved %v, want %d", h.f.Active(), h.r.saved, pos)
	}
	h.enter(0)
	if h.pane().CursorOffset() != pos {
		t.Fatalf("re-entered at %d, left at %d", h.pane().CursorOffset(), pos)
	}
	h.press("esc")

	// A new run restores the place, from the store.
	h2 := newHarness(t, entityArticles(), h.path, 120, 38)
	h2.f.Restore(0, "a.txt", runeIndex(t, storyA, "Port", 0))
	h2.r.sel = 0
	h2.run(h2.r.Show())
	if !h2.f.Active() || h2.cursorText() != "Port" {
		t.Fatalf("restore: active %v, cursor on %q", h2.f.Active(), h2.cursorText())
	}
	h2.press("esc")
	h2.enter(0)
	if h2.pane().CursorOffset() != runeIndex(t, storyA, "Port", 0) {
		t.Fatalf("the restore's place is used once, then the saved cursor: %q", h2.cursorText())
	}
}

// The keys that act on the selected article from anywhere, and the help.
func TestGlobalKeysAndHelp(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.r.sel = 0
	h.run(h.r.Show())
	for _, k := range []string{"u", "ctrl+r", "d", "R"} {
		cmd, ok := h.f.GlobalKey(keyMsg(k))
		if !ok {
			t.Fatalf("%s is not a global key", k)
		}
		h.run(cmd)
	}
	if _, ok := h.f.GlobalKey(keyMsg("w")); ok {
		t.Fatal("w is annotate mode's only")
	}
	title, groups, ok := h.f.HelpSection()
	if !ok || !strings.HasPrefix(title, "Annotate") || len(groups) != 6 {
		t.Fatalf("help section %q %d", title, len(groups))
	}
	h.enter(0)
	var names []string
	for _, b := range h.host.Top().ShortHelp() {
		names = append(names, b.Help().Key)
	}
	if got := strings.Join(names, " "); got != "w/l/→ shift+→ v 1–9 x a n u d e esc" {
		t.Fatalf("short help %q", got)
	}
	h.press("u", "u")
	if h.last.Job.Kind != session.Undo || h.last.OK {
		t.Fatalf("u with nothing left to undo: %+v", h.last)
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
	h := newHarness(t, entityArticles(), "", 120, 38)
	e := &fakeExt{fakeOverlay: fakeOverlay{start: 0, end: 5, panelW: 30}}
	e.shown = func(on bool) { h.pane().SetPanel(on, on) }
	h.f.SetExtension(e)
	h.enter(0)
	h.press("w")
	if h.cursorText() != "Ilse" || len(e.keys) != 1 {
		t.Fatalf("annotate's w after the extension's turn: %q %v", h.cursorText(), e.keys)
	}
	h.press("shift+right", "1", "F")
	if h.mode() != "FAKE" || fmt.Sprint(h.host.Top().ShortHelp()[0].Help()) != "{F fake}" {
		t.Fatalf("mode %q", h.mode())
	}
	if s := h.status(); s.Span != "fake: PERSON “Ilse Varga”" {
		t.Fatalf("status: %q", s.Span)
	}
	if v := celltest.Plain(h.view()); !strings.Contains(strings.Split(v, "\n")[0], strings.Repeat("#", 30)) {
		t.Fatalf("the extension's panel is not drawn:\n%s", v)
	}
	before := h.pane().CursorOffset()
	h.press("w")
	if h.pane().CursorOffset() != before {
		t.Fatal("the extension's key went to annotate mode too")
	}
	h.press("y") // a review key: annotate's, before the extension
	if e.keys[len(e.keys)-1] == "y" || h.host.msg == "" {
		t.Fatalf("y reached the extension: %v", e.keys)
	}
	h.press("v")
	if h.mode() != "SELECT" {
		t.Fatalf("a selection outranks the extension's mode: %q", h.mode())
	}
	h.press("esc", "F", "esc")
	if e.left != 1 || h.f.Active() {
		t.Fatalf("left %d times", e.left)
	}
}
