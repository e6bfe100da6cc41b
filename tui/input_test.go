package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/ui"
)

// press sends one key to the field, as the terminal would.
func inputPress(in *lineInput, k tea.Key) {
	in.Update(tea.KeyPressMsg(k))
}

func TestLineInputEditing(t *testing.T) {
	in := lineInput{keys: ui.DefaultInputKeyMap(), prompt: "/ "}
	in.SetWidth(40)
	for _, r := range "said the minister" {
		inputPress(&in, tea.Key{Code: r, Text: string(r)})
	}
	if in.Value() != "said the minister" || in.pos != 17 {
		t.Fatalf("typed: %q at %d", in.Value(), in.pos)
	}

	inputPress(&in, tea.Key{Code: tea.KeyLeft, Mod: tea.ModAlt})
	if in.pos != 9 {
		t.Fatalf("alt+left: cursor at %d, want 9 (start of %q)", in.pos, "minister")
	}
	inputPress(&in, tea.Key{Code: 'b', Mod: tea.ModAlt})
	if in.pos != 5 {
		t.Fatalf("alt+b: cursor at %d, want 5", in.pos)
	}
	inputPress(&in, tea.Key{Code: 'f', Mod: tea.ModAlt})
	if in.pos != 8 {
		t.Fatalf("alt+f: cursor at %d, want 8 (end of %q)", in.pos, "the")
	}
	inputPress(&in, tea.Key{Code: 'k', Mod: tea.ModCtrl})
	if in.Value() != "said the" || in.pos != 8 {
		t.Fatalf("ctrl+k: %q at %d", in.Value(), in.pos)
	}
	inputPress(&in, tea.Key{Code: 'w', Mod: tea.ModCtrl})
	if in.Value() != "said " || in.pos != 5 {
		t.Fatalf("ctrl+w: %q at %d", in.Value(), in.pos)
	}

	// A paste with control bytes and a newline is sanitised into one line.
	in.Update(tea.PasteMsg{Content: "x\x1b]52;c;aGk=\x07\ny"})
	if v := in.Value(); v != "said x y" {
		t.Fatalf("paste stored %q", v)
	}
	// Alt-modified printable keys are commands, never text.
	inputPress(&in, tea.Key{Code: 'z', Text: "z", Mod: tea.ModAlt})
	if v := in.Value(); v != "said x y" {
		t.Fatalf("alt+z inserted text: %q", v)
	}
}

// A whole clipboard pasted into a one-line field is cut to maxInputRunes,
// and the visible window still ends at the cursor, within the field.
func TestLineInputLongPaste(t *testing.T) {
	in := lineInput{keys: ui.DefaultInputKeyMap(), prompt: "/ "}
	in.SetWidth(30)
	in.Update(tea.PasteMsg{Content: strings.Repeat("東京 abc ", 10_000)})
	if n := len(in.value); n != maxInputRunes {
		t.Fatalf("pasted value holds %d runes, want %d", n, maxInputRunes)
	}
	shown := string(in.value[in.off:in.pos])
	if w := ansi.StringWidth(shown); w >= 30 || w < 27 {
		t.Fatalf("window before the cursor is %d cells wide, want 27–29: %q", w, shown)
	}
	if got := truncLeft(strings.Repeat("/東京", 20_000)+"/out.jsonl", 25); ui.TextWidth(got) > 25 || ui.TextWidth(got) < 24 || !strings.HasSuffix(got, "/out.jsonl") || !strings.HasPrefix(got, "…") {
		t.Fatalf("truncLeft of a long path: %q (%d cells)", got, ui.TextWidth(got))
	}
}
