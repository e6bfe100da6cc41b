package widgets_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

func keyPress(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: string(code)} }

// newInfo pushes an info screen of n lines (60×12 on pickHost), paged or
// not; fills counts its fills.
func newInfo(t *testing.T, n int, paged bool) (*widgets.InfoScreen, *pickHost, *int) {
	t.Helper()
	ctx := &ui.Context{Keys: ui.DefaultKeyMap(), NoColor: true}
	ctx.Restyle(true)
	h := &pickHost{stack: []ui.Screen{nil}}
	fills := 0
	s := widgets.NewInfoScreen(ctx, h, "Help", ctx.Keys.Help, func(box *widgets.Scroller) {
		fills++
		var lines []string
		for i := range n {
			lines = append(lines, fmt.Sprintf("line %d", i+1))
		}
		box.SetLines(lines)
	})
	if paged {
		s.Paged()
	}
	h.Push(s)
	return s, h, &fills
}

// TestInfoScreenPagesAndCloses: a paged screen's title says where it is
// and how to close; the paging keys move it; quit is left to the host;
// its own key and esc close it.
func TestInfoScreenPagesAndCloses(t *testing.T) {
	s, h, fills := newInfo(t, 30, true)
	if *fills != 1 || s.Title() != "Help" || s.Mode() != "" || s.Footer() != ui.FooterNone {
		t.Fatalf("fills %d, title %q, mode %q", *fills, s.Title(), s.Mode())
	}
	v := ansi.Strip(s.View())
	if !strings.Contains(v, "1–10/30 · esc closes") || !strings.Contains(v, "line 1") {
		t.Fatalf("first page:\n%s", v)
	}
	if _, ok := s.HandleKey(tea.KeyPressMsg{Code: tea.KeyPgDown}); !ok {
		t.Fatal("pgdown not taken")
	}
	if v := ansi.Strip(s.View()); strings.Contains(v, "1–10/30") || strings.Contains(v, "line 1 ") {
		t.Fatalf("pgdown did not page:\n%s", v)
	}
	if _, ok := s.HandleKey(keyPress('q')); ok {
		t.Fatal("q taken: quitting is the host's")
	}
	s.Refresh()
	if *fills != 2 {
		t.Fatalf("Refresh did not fill again (%d)", *fills)
	}
	if _, ok := s.HandleKey(keyPress('?')); !ok || h.Top() == s {
		t.Fatal("its own key did not close it")
	}
	s, h, _ = newInfo(t, 3, false)
	if v := ansi.Strip(s.View()); strings.Contains(v, "closes") {
		t.Fatalf("an unpaged screen's title changed:\n%s", v)
	}
	if _, ok := s.HandleKey(tea.KeyPressMsg{Code: tea.KeyEscape}); !ok || h.Top() == s {
		t.Fatal("esc did not close it")
	}
}

// fakeScreen is a screen with a mode and its own full help.
type fakeScreen struct {
	mode string
	full [][]key.Binding
}

func (f fakeScreen) Update(tea.Msg) tea.Cmd                    { return nil }
func (f fakeScreen) View() string                              { return "" }
func (f fakeScreen) SetSize(int, int) tea.Cmd                  { return nil }
func (f fakeScreen) ShortHelp() []key.Binding                  { return nil }
func (f fakeScreen) FullHelp() [][]key.Binding                 { return f.full }
func (f fakeScreen) HandleKey(tea.KeyPressMsg) (tea.Cmd, bool) { return nil, false }
func (f fakeScreen) Mode() string                              { return f.mode }

// TestHelpFirst: the section the mode names comes first; a screen no
// section covers has its own help first; otherwise nothing moves.
func TestHelpFirst(t *testing.T) {
	b := key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "do"))
	sections := []widgets.HelpSection{{Title: "List"}, {Title: "Annotate mode"}, {Title: "Quotes mode"}}
	titles := func(ss []widgets.HelpSection) string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Title)
		}
		return strings.Join(out, ", ")
	}
	for _, c := range []struct {
		from ui.Screen
		want string
	}{
		{nil, "List, Annotate mode, Quotes mode"},
		{fakeScreen{mode: "QUOTES"}, "Quotes mode, List, Annotate mode"},
		{fakeScreen{mode: "ANNOTATE", full: [][]key.Binding{{b}}}, "Annotate mode, List, Quotes mode"},
		{fakeScreen{mode: "CARRIED", full: [][]key.Binding{{b}}}, "This screen (CARRIED), List, Annotate mode, Quotes mode"},
		{fakeScreen{full: [][]key.Binding{{b}}}, "This screen, List, Annotate mode, Quotes mode"},
		{fakeScreen{mode: "XY"}, "List, Annotate mode, Quotes mode"},
	} {
		if got := titles(widgets.HelpFirst(append([]widgets.HelpSection(nil), sections...), c.from)); got != c.want {
			t.Errorf("%+v: %s, want %s", c.from, got, c.want)
		}
	}
}
