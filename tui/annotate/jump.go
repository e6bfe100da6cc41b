package annotate

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/unicode/norm"

	"storydesk/tui/ui"
)

// The jump motion, as vim-easymotion, hop and flash have it: the jump key,
// the first letter of the word (case and accents aside), then the label
// drawn over it. Every word on screen is three keys away while the screen
// has at most 26 that start with the letter; the nearest get home-row
// labels, and only the farthest of a crowded letter get two-letter ones.
// A single candidate is jumped to at once. The wait is a screen pushed
// over annotate mode (JUMP); esc cancels.

// hintLetters are the labels, the home row first.
const hintLetters = "asdfghjklqwertyuiopzxcvbnm"

type jumpScreen struct {
	f      *Feature
	letter string // the first letter typed; "" while waiting for it
	typed  string // label keys typed so far
	hints  []hint // by offset
}

func (f *Feature) startJump() tea.Cmd {
	if !f.pane.HasWords() {
		return nil
	}
	return f.host.Push(&jumpScreen{f: f})
}

// HandleKey takes every key: the letter, then the label; esc cancels.
func (j *jumpScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := j.f
	if key.Matches(msg, f.c.Keys.Back) {
		j.close()
		f.host.Report(ui.Info("Jump cancelled"))
		return nil, true
	}
	r, ok := typedRune(msg)
	if !ok {
		return nil, true // a key that types nothing: keep waiting
	}
	if j.letter == "" {
		j.letter = string(r)
		j.find(r)
		switch len(j.hints) {
		case 0:
			j.close()
			f.host.Report(ui.Info(fmt.Sprintf("No word on screen starts with “%s”", ui.CleanLine(j.letter))))
		case 1:
			j.jump(j.hints[0].off)
		default:
			f.pane.nav.hints = j.hints
		}
		return nil, true
	}
	j.typed += string(r)
	var left []hint
	for _, h := range j.hints {
		if h.label == j.typed {
			j.jump(h.off)
			return nil, true
		}
		if strings.HasPrefix(h.label, j.typed) {
			left = append(left, hint{h.off, h.label[len(j.typed):]})
		}
	}
	if len(left) == 0 {
		j.close()
		f.host.Report(ui.Info(fmt.Sprintf("No hint “%s”: jump cancelled", ui.CleanLine(j.typed))))
		return nil, true
	}
	// Only the rest of each label still to type is drawn.
	f.pane.nav.hints = left
	return nil, true
}

// typedRune is the one character a key types.
func typedRune(msg tea.KeyPressMsg) (rune, bool) {
	if utf8.RuneCountInString(msg.Text) != 1 {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(msg.Text)
	return r, unicode.IsPrint(r)
}

// foldRune is r as a jump letter matches it: lower case, without accents
// (“É” and “é” answer to e).
func foldRune(r rune) rune {
	d := norm.NFD.String(string(r))
	b, _ := utf8.DecodeRuneInString(d)
	return unicode.ToLower(b)
}

// find labels the words on screen starting with r, nearest the cursor
// first.
func (j *jumpScreen) find(r rune) {
	a := j.f.pane
	want := foldRune(r)
	top, n := a.Visible()
	cur := a.tok(a.cur)
	type cand struct{ off, d int }
	var cands []cand
	for p := range a.stops {
		t := a.tok(p)
		if t.Line < top || t.Line >= top+n || p == a.cur {
			continue
		}
		if foldRune(a.runes[t.Start]) != want {
			continue
		}
		// A cell is about twice as tall as it is wide.
		dl, dc := 2*(t.Line-cur.Line), t.Col-cur.Col
		cands = append(cands, cand{t.Start, dl*dl + dc*dc})
	}
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].d < cands[y].d })
	labels := hintLabels(len(cands))
	j.hints = j.hints[:0]
	for i, c := range cands {
		j.hints = append(j.hints, hint{c.off, labels[i]})
	}
	sort.Slice(j.hints, func(x, y int) bool { return j.hints[x].off < j.hints[y].off })
}

// hintLabels is n labels, none the prefix of another, shortest first: one
// letter each while n fits the alphabet; beyond, the last letters become
// prefixes of two-letter labels, as few as n needs.
func hintLabels(n int) []string {
	k := len(hintLetters)
	p := 0
	for p < k && (k-p)+p*k < n {
		p++
	}
	out := make([]string, 0, n)
	for i := 0; i < k-p && len(out) < n; i++ {
		out = append(out, hintLetters[i:i+1])
	}
	for i := k - p; i < k && len(out) < n; i++ {
		for x := 0; x < k && len(out) < n; x++ {
			out = append(out, hintLetters[i:i+1]+hintLetters[x:x+1])
		}
	}
	return out
}

// jump moves the cursor to the word at off, as a motion does: a selection
// held with the select key grows to it, any other is dropped.
func (j *jumpScreen) jump(off int) {
	a := j.f.pane
	j.close()
	if !a.visual {
		a.anchor = -1
	}
	a.JumpTo(off)
}

func (j *jumpScreen) close() {
	j.f.pane.nav.hints = nil
	j.f.host.Pop(j)
}

// Prompt says what the jump waits for, in the status bar.
func (j *jumpScreen) Prompt() string {
	back := ui.KeyName(j.f.c.Keys.Back)
	if j.letter == "" {
		return "Jump: type the first letter of a word on screen (" + back + " cancels)"
	}
	return fmt.Sprintf("Jump to “%s…”: type the label over the word (%s cancels)", ui.CleanLine(j.letter), back)
}

func (j *jumpScreen) Mode() string             { return "JUMP" }
func (j *jumpScreen) View() string             { return "" } // annotate mode draws the hints
func (j *jumpScreen) SetSize(int, int) tea.Cmd { return nil }
func (j *jumpScreen) Update(tea.Msg) tea.Cmd   { return nil }
func (j *jumpScreen) Footer() ui.Footer        { return ui.FooterNone }

var jumpHelpLabel = key.NewBinding(key.WithKeys("a"), key.WithHelp("letter, label", "jump"))

func (j *jumpScreen) ShortHelp() []key.Binding {
	back := j.f.c.Keys.Back
	return []key.Binding{jumpHelpLabel, key.NewBinding(key.WithKeys(back.Keys()...), key.WithHelp(ui.KeyName(back), "cancel"))}
}

func (j *jumpScreen) FullHelp() [][]key.Binding { return [][]key.Binding{j.ShortHelp()} }
