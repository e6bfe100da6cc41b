// Package keytest builds key presses from names for tests. It exists so
// that every test package drives screens with the same keys the terminal
// would report, instead of each keeping its own copy of the table. It is
// imported by tests only and imports only bubbletea.
package keytest

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// named maps the key names tests use to their key codes.
var named = map[string]rune{
	"enter":     tea.KeyEnter,
	"esc":       tea.KeyEscape,
	"tab":       tea.KeyTab,
	"up":        tea.KeyUp,
	"down":      tea.KeyDown,
	"left":      tea.KeyLeft,
	"right":     tea.KeyRight,
	"pgup":      tea.KeyPgUp,
	"pgdown":    tea.KeyPgDown,
	"home":      tea.KeyHome,
	"end":       tea.KeyEnd,
	"backspace": tea.KeyBackspace,
	"space":     tea.KeySpace,
}

// mods are the modifier prefixes a name may carry, as tea spells them.
var mods = []struct {
	prefix string
	mod    tea.KeyMod
}{
	{"ctrl+", tea.ModCtrl},
	{"alt+", tea.ModAlt},
	{"shift+", tea.ModShift},
}

// Key builds a key press as the terminal would report it from a name:
// a named key ("enter", "esc", "pgdown", "space" …), optionally behind
// modifiers ("shift+right", "shift+tab", "ctrl+r"), or one character.
// Any other text becomes a press whose code is its first character and
// whose text is the whole string, as the per-package copies this
// replaces did.
func Key(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	base := name
	for again := true; again; {
		again = false
		for _, m := range mods {
			if len(base) > len(m.prefix) && strings.HasPrefix(base, m.prefix) {
				mod |= m.mod
				base = base[len(m.prefix):]
				again = true
			}
		}
	}
	if code, ok := named[base]; ok {
		msg := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			msg.Text = " "
		}
		return msg
	}
	if mod != 0 && utf8.RuneCountInString(base) == 1 {
		r, _ := utf8.DecodeRuneInString(base)
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	r, _ := utf8.DecodeRuneInString(name)
	return tea.KeyPressMsg{Code: r, Text: name}
}
