package widgets_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// pickHost is the smallest ui.Host: a stack and the last report.
type pickHost struct{ stack []ui.Screen }

func (h *pickHost) Push(s ui.Screen) tea.Cmd { h.stack = append(h.stack, s); return s.SetSize(60, 12) }
func (h *pickHost) Pop(s ui.Screen) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i] == s {
			h.stack = h.stack[:i]
			return
		}
	}
}
func (h *pickHost) Top() ui.Screen     { return h.stack[len(h.stack)-1] }
func (h *pickHost) Report(ui.Status)   {}
func (h *pickHost) Unreport(...string) {}

var labels = []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "DATE", "MONEY", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}

func newPicker(t *testing.T) (*widgets.Picker, *pickHost, *int) {
	t.Helper()
	ctx := &ui.Context{Keys: ui.DefaultKeyMap(), Labels: labels, NoColor: true}
	ctx.Restyle(true)
	h := &pickHost{}
	picked := -1
	under := strings.Repeat(strings.Repeat("x", 60)+"\n", 11) + strings.Repeat("x", 60)
	p := widgets.NewPicker(ctx, h, widgets.PickerOpts{
		Title: "Label", Items: labels,
		Pick:  func(i int) tea.Cmd { picked = i; return nil },
		Under: func() string { return under },
	})
	h.Push(p)
	return p, h, &picked
}

func typeInto(p *widgets.Picker, s string) {
	for _, r := range s {
		p.HandleKey(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// Typing narrows the labels (fuzzy, best first); enter picks the one under
// the cursor and closes the picker.
func TestPickerFiltersAndPicks(t *testing.T) {
	p, h, picked := newPicker(t)
	if len(p.Visible()) != len(labels) {
		t.Fatalf("all labels at first: %v", p.Visible())
	}
	typeInto(p, "wo")
	if v := p.Visible(); len(v) == 0 || labels[v[0]] != "WORK_OF_ART" {
		t.Fatalf("wo: %v", v)
	}
	p.HandleKey(tea.KeyPressMsg{Code: tea.KeyEnter})
	if *picked != 11 || len(h.stack) != 0 {
		t.Fatalf("picked %d, stack %d", *picked, len(h.stack))
	}
}

// ↓ moves to the next match; esc closes without picking; q and digits are
// text, not quit or a label key.
func TestPickerMovesAndCancels(t *testing.T) {
	p, h, picked := newPicker(t)
	typeInto(p, "l")
	v := p.Visible()
	p.HandleKey(tea.KeyPressMsg{Code: tea.KeyDown})
	if p.Selected() != v[1] {
		t.Fatalf("down: selected %d, want %d", p.Selected(), v[1])
	}
	p.HandleKey(tea.KeyPressMsg{Code: tea.KeyEscape})
	if *picked != -1 || len(h.stack) != 0 {
		t.Fatalf("esc picked %d", *picked)
	}
	p, _, _ = newPicker(t)
	typeInto(p, "q9")
	if len(p.Visible()) != 0 || !strings.Contains(ansi.Strip(p.View()), "No label matches") {
		t.Fatalf("q9 is text:\n%s", ansi.Strip(p.View()))
	}
	// enter with nothing matching keeps the picker open.
	p.HandleKey(tea.KeyPressMsg{Code: tea.KeyEnter})
}

// The box sits at the top right over the screen below, which stays in
// view on its left; every line fits.
func TestPickerDrawsOverTheScreenBelow(t *testing.T) {
	p, _, _ := newPicker(t)
	lines := strings.Split(ansi.Strip(p.View()), "\n")
	if len(lines) != 12 || !strings.HasPrefix(lines[0], "xxxx") || !strings.Contains(lines[0], "Label") || !strings.Contains(lines[1], "›") {
		t.Fatalf("view:\n%s", strings.Join(lines, "\n"))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 60 {
			t.Fatalf("line %d is %d wide: %q", i, w, l)
		}
	}
}
