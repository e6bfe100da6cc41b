package widgets_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// inputPress sends one key to the field, as the terminal would.
func inputPress(in *widgets.TextInput, k tea.Key) {
	in.Update(tea.KeyPressMsg(k))
}

func TestLineInputEditing(t *testing.T) {
	in := widgets.NewTextInput(ui.DefaultInputKeyMap(), "/ ")
	in.SetWidth(40)
	for _, r := range "said the minister" {
		inputPress(&in, tea.Key{Code: r, Text: string(r)})
	}
	if in.Value() != "said the minister" || (in.CursorX()-2) != 17 {
		t.Fatalf("typed: %q at %d", in.Value(), (in.CursorX() - 2))
	}

	inputPress(&in, tea.Key{Code: tea.KeyLeft, Mod: tea.ModAlt})
	if (in.CursorX() - 2) != 9 {
		t.Fatalf("alt+left: cursor at %d, want 9 (start of %q)", (in.CursorX() - 2), "minister")
	}
	inputPress(&in, tea.Key{Code: 'b', Mod: tea.ModAlt})
	if (in.CursorX() - 2) != 5 {
		t.Fatalf("alt+b: cursor at %d, want 5", (in.CursorX() - 2))
	}
	inputPress(&in, tea.Key{Code: 'f', Mod: tea.ModAlt})
	if (in.CursorX() - 2) != 8 {
		t.Fatalf("alt+f: cursor at %d, want 8 (end of %q)", (in.CursorX() - 2), "the")
	}
	inputPress(&in, tea.Key{Code: 'k', Mod: tea.ModCtrl})
	if in.Value() != "said the" || (in.CursorX()-2) != 8 {
		t.Fatalf("ctrl+k: %q at %d", in.Value(), (in.CursorX() - 2))
	}
	inputPress(&in, tea.Key{Code: 'w', Mod: tea.ModCtrl})
	if in.Value() != "said " || (in.CursorX()-2) != 5 {
		t.Fatalf("ctrl+w: %q at %d", in.Value(), (in.CursorX() - 2))
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

// A whole clipboard pasted into a one-line field is cut to widgets.MaxInputRunes,
// and the visible window still ends at the cursor, within the field.
func TestLineInputLongPaste(t *testing.T) {
	in := widgets.NewTextInput(ui.DefaultInputKeyMap(), "/ ")
	in.SetWidth(30)
	in.Update(tea.PasteMsg{Content: strings.Repeat("東京 abc ", 10_000)})
	if n := utf8.RuneCountInString(in.Value()); n != widgets.MaxInputRunes {
		t.Fatalf("pasted value holds %d runes, want %d", n, widgets.MaxInputRunes)
	}
	shown := strings.TrimPrefix(in.View(func(s ...string) string { return strings.Join(s, "") }), "/ ")
	if w := in.CursorX() - 2; w >= 30 || w < 27 || layout.Width(shown) > 30 {
		t.Fatalf("window before the cursor is %d cells wide, want 27–29: %q", w, shown)
	}

}

// A shorter value set after a long one is shown whole: the window scrolled
// for the long one does not stay (the export path reopened with the last
// one showed only its last few letters).
func TestLineInputSetValueShowsWhatFits(t *testing.T) {
	in := widgets.NewTextInput(ui.DefaultInputKeyMap(), "> ")
	in.SetWidth(20)
	in.SetValue(strings.Repeat("x", 60) + "/long.jsonl")
	in.SetValue("/tmp/out/x.jsonl")
	if got := ansi.Strip(in.View(func(s ...string) string { return strings.Join(s, "") })); got != "> /tmp/out/x.jsonl" {
		t.Fatalf("view %q", got)
	}
	if x := in.CursorX(); x != 2+len("/tmp/out/x.jsonl") {
		t.Fatalf("cursor at %d", x)
	}
}

// A selected value (a suggestion) is replaced by the first text typed or
// pasted, and kept by the editing keys, which drop the selection.
func TestLineInputSelectAll(t *testing.T) {
	mark := func(s string) string { return "[" + s + "]" }
	id := func(s ...string) string { return strings.Join(s, "") }
	fresh := func() widgets.TextInput {
		in := widgets.NewTextInput(ui.DefaultInputKeyMap(), "→ ")
		in.SetWidth(40)
		in.SetValue("Gustavo Petro")
		in.SelectAll(mark)
		return in
	}
	in := fresh()
	if !in.Selected() || in.View(id) != "→ [Gustavo Petro]" {
		t.Fatalf("selected suggestion drawn as %q", in.View(id))
	}
	for _, r := range "Ann" {
		inputPress(&in, tea.Key{Code: r, Text: string(r)})
	}
	if in.Value() != "Ann" || in.Selected() || in.View(id) != "→ Ann" || in.CursorX() != 5 {
		t.Fatalf("typing over the suggestion: %q (%q, cursor %d)", in.Value(), in.View(id), in.CursorX())
	}

	in = fresh()
	in.Update(tea.PasteMsg{Content: "Iván Duque"})
	if in.Value() != "Iván Duque" {
		t.Fatalf("paste over the suggestion: %q", in.Value())
	}

	for _, k := range []tea.Key{{Code: tea.KeyLeft}, {Code: tea.KeyBackspace}, {Code: tea.KeyHome}, {Code: tea.KeyEnd}} {
		in = fresh()
		inputPress(&in, k)
		want := "Gustavo Petro"
		if k.Code == tea.KeyBackspace {
			want = "Gustavo Petr"
		}
		if in.Value() != want || in.Selected() || in.View(id) != "→ "+want {
			t.Fatalf("%v on the suggestion: %q (%q)", k, in.Value(), in.View(id))
		}
		inputPress(&in, tea.Key{Code: 'x', Text: "x"})
		if !strings.Contains(in.Value(), "x") || len(in.Value()) <= len(want) {
			t.Fatalf("typing after %v replaced the value: %q", k, in.Value())
		}
	}

	// A key the field does not use (tab, enter: its owner's) keeps it.
	in = fresh()
	if in.Update(tea.KeyPressMsg{Code: tea.KeyTab}) || !in.Selected() {
		t.Fatal("an unused key dropped the selection")
	}
	// An empty value has nothing to select; SetValue drops a selection.
	in.SetValue("")
	in.SelectAll(mark)
	if in.Selected() {
		t.Fatal("an empty value is selected")
	}
}
