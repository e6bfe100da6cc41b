package widgets

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// TextInput is a one-line text field. It is ours rather than
// bubbles/textinput because every insertion, typed or pasted, must pass
// through model.Sanitize before it is stored or drawn, and because the
// field draws no cursor itself: the screen that owns it puts the
// terminal's own cursor at CursorX, which keeps the cell maths in one place.
type TextInput struct {
	keys   ui.InputKeyMap
	prompt string
	value  []rune
	pos    int
	width  int // cells for the text, prompt excluded
	off    int // first rune shown

	// selected: the whole value is selected (SelectAll), drawn with
	// selStyle; text typed or pasted replaces it.
	selected bool
	selStyle func(string) string
}

// NewTextInput is an empty field with readline-like keys after prompt.
func NewTextInput(keys ui.InputKeyMap, prompt string) TextInput {
	return TextInput{keys: keys, prompt: prompt}
}

// Prompt is the text drawn before the value.
func (in *TextInput) Prompt() string { return in.prompt }

func (in *TextInput) Value() string { return string(in.value) }

// End puts the cursor after the last rune.
func (in *TextInput) End() {
	in.pos = len(in.value)
	in.scroll()
}

// SetValue replaces the value, the cursor at its end and as much of it in
// view as fits (not the window the old value was scrolled to).
func (in *TextInput) SetValue(s string) {
	in.value = []rune(ui.CleanLine(s))
	in.pos, in.off, in.selected = len(in.value), 0, false
	in.scroll()
}

// SelectAll selects the whole value, as a form field shows a suggestion:
// the next text typed or pasted replaces it, and any other key the field
// uses (a motion, a deletion) keeps the value and drops the selection.
// style draws the selected value.
func (in *TextInput) SelectAll(style func(string) string) {
	in.selected, in.selStyle = len(in.value) > 0, style
}

// Selected reports that the whole value is selected.
func (in *TextInput) Selected() bool { return in.selected }

func (in *TextInput) Reset() { in.value, in.pos, in.off, in.selected = nil, 0, 0, false }

func (in *TextInput) SetWidth(w int) {
	in.width = max(1, w)
	in.scroll()
}

// Update edits the value; it reports whether the key was used.
func (in *TextInput) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.replaceSelected()
		in.insert(msg.Content)
		return true
	case tea.KeyPressMsg:
		k := in.keys
		was := in.selected
		in.selected = false
		switch {
		case key.Matches(msg, k.Left):
			in.pos = max(0, in.pos-1)
		case key.Matches(msg, k.Right):
			in.pos = min(len(in.value), in.pos+1)
		case key.Matches(msg, k.Home):
			in.pos = 0
		case key.Matches(msg, k.End):
			in.pos = len(in.value)
		case key.Matches(msg, k.DeleteBack):
			if in.pos > 0 {
				in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
				in.pos--
			}
		case key.Matches(msg, k.DeleteFwd):
			if in.pos < len(in.value) {
				in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
			}
		case key.Matches(msg, k.DeleteWord):
			i := in.wordStart()
			in.value = append(in.value[:i], in.value[in.pos:]...)
			in.pos = i
		case key.Matches(msg, k.DeleteLine):
			in.value = append([]rune(nil), in.value[in.pos:]...)
			in.pos = 0
		case key.Matches(msg, k.DeleteEnd):
			in.value = in.value[:in.pos]
		case key.Matches(msg, k.WordLeft):
			in.pos = in.wordStart()
		case key.Matches(msg, k.WordRight):
			in.pos = in.wordEnd()
		default:
			if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper) != 0 {
				in.selected = was // a key the field does not use leaves it as it was
				return false
			}
			in.selected = was
			in.replaceSelected()
			in.insert(msg.Text)
		}
		in.scroll()
		return true
	}
	return false
}

// MaxInputRunes bounds a text field's value: a filter, a name or a path.
const MaxInputRunes = 4096

// wordStart is where the word before the cursor begins, as readline's
// backward-word sees it: skip spaces, then the word.
func (in *TextInput) wordStart() int {
	i := in.pos
	for i > 0 && unicode.IsSpace(in.value[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(in.value[i-1]) {
		i--
	}
	return i
}

// wordEnd is where the word after the cursor ends.
func (in *TextInput) wordEnd() int {
	i := in.pos
	for i < len(in.value) && unicode.IsSpace(in.value[i]) {
		i++
	}
	for i < len(in.value) && !unicode.IsSpace(in.value[i]) {
		i++
	}
	return i
}

func (in *TextInput) insert(s string) {
	// Sanitize, not SanitizeLine: a typed space must not be trimmed away.
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, model.Sanitize(s))
	rs := []rune(s)
	if room := MaxInputRunes - len(in.value); len(rs) > room {
		rs = rs[:max(0, room)] // a one-line field, not a place for a whole clipboard
	}
	if len(rs) == 0 {
		return
	}
	v := make([]rune, 0, len(in.value)+len(rs))
	v = append(v, in.value[:in.pos]...)
	v = append(v, rs...)
	v = append(v, in.value[in.pos:]...)
	in.value = v
	in.pos += len(rs)
	in.scroll()
}

// replaceSelected empties a selected value before text replaces it.
func (in *TextInput) replaceSelected() {
	if in.selected {
		in.value, in.pos, in.off, in.selected = nil, 0, 0, false
	}
}

// scroll keeps the cursor inside the visible window.
func (in *TextInput) scroll() {
	in.pos = ui.ClampInt(in.pos, 0, len(in.value))
	if in.pos < in.off {
		in.off = in.pos
	}
	// Walk back from the cursor while the runes still fit: linear in what
	// is shown, whatever the value's length.
	k, w := in.pos, 0
	for k > in.off {
		rw := layout.Width(string(in.value[k-1]))
		if w+rw >= in.width {
			break
		}
		w += rw
		k--
	}
	in.off = k
}

// View is the prompt and the visible part of the value.
func (in *TextInput) View(promptStyle func(...string) string) string {
	var b strings.Builder
	b.WriteString(promptStyle(in.prompt))
	shown := ui.Truncate(string(in.value[in.off:]), in.width)
	if in.selected && in.selStyle != nil {
		shown = in.selStyle(shown)
	}
	b.WriteString(shown)
	return b.String()
}

// CursorX is the cursor's column relative to the start of the prompt.
func (in *TextInput) CursorX() int {
	return layout.Width(in.prompt) + layout.Width(string(in.value[in.off:in.pos]))
}
