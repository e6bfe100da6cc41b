package keytest_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/tui/internal/keytest"
)

// TestKeyNames checks each name gives the press tea would report for it:
// the same struct, and the same String() the keymaps match against.
func TestKeyNames(t *testing.T) {
	cases := []struct {
		name string
		want tea.KeyPressMsg
		str  string
	}{
		{"enter", tea.KeyPressMsg{Code: tea.KeyEnter}, "enter"},
		{"esc", tea.KeyPressMsg{Code: tea.KeyEscape}, "esc"},
		{"tab", tea.KeyPressMsg{Code: tea.KeyTab}, "tab"},
		{"shift+tab", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, "shift+tab"},
		{"up", tea.KeyPressMsg{Code: tea.KeyUp}, "up"},
		{"down", tea.KeyPressMsg{Code: tea.KeyDown}, "down"},
		{"left", tea.KeyPressMsg{Code: tea.KeyLeft}, "left"},
		{"right", tea.KeyPressMsg{Code: tea.KeyRight}, "right"},
		{"shift+right", tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift}, "shift+right"},
		{"shift+left", tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModShift}, "shift+left"},
		{"shift+up", tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}, "shift+up"},
		{"shift+down", tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}, "shift+down"},
		{"pgup", tea.KeyPressMsg{Code: tea.KeyPgUp}, "pgup"},
		{"pgdown", tea.KeyPressMsg{Code: tea.KeyPgDown}, "pgdown"},
		{"home", tea.KeyPressMsg{Code: tea.KeyHome}, "home"},
		{"end", tea.KeyPressMsg{Code: tea.KeyEnd}, "end"},
		{"backspace", tea.KeyPressMsg{Code: tea.KeyBackspace}, "backspace"},
		{"space", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, "space"},
		{"ctrl+r", tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}, "ctrl+r"},
		{"ctrl+u", tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, "ctrl+u"},
		{"ctrl+c", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, "ctrl+c"},
		{"a", tea.KeyPressMsg{Code: 'a', Text: "a"}, "a"},
		{"A", tea.KeyPressMsg{Code: 'A', Text: "A"}, "A"},
		{"+", tea.KeyPressMsg{Code: '+', Text: "+"}, "+"},
		{"é", tea.KeyPressMsg{Code: 'é', Text: "é"}, "é"},
		// Not a name: first character as the code, the whole as text.
		{"ctrl+", tea.KeyPressMsg{Code: 'c', Text: "ctrl+"}, "ctrl+"},
	}
	for _, c := range cases {
		got := keytest.Key(c.name)
		if got != c.want {
			t.Errorf("Key(%q) = %#v, want %#v", c.name, got, c.want)
		}
		if s := got.String(); s != c.str {
			t.Errorf("Key(%q).String() = %q, want %q", c.name, s, c.str)
		}
	}
}
