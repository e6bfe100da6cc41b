package dups_test

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/tui/ui"
)

// cell is one terminal cell of a drawn line: its text and whether it is
// reversed.
type cell struct {
	text string
	rev  bool
}

// cells reads a drawn line into cells, following the SGR sequences' reverse
// attribute (7 sets it, 27 and a reset clear it; the numbers of an
// extended colour are skipped).
func cells(tb testing.TB, s string) []cell {
	tb.Helper()
	var out []cell
	rev := false
	for len(s) > 0 {
		if s[0] == 0x1b {
			end := strings.IndexByte(s, 'm')
			if !strings.HasPrefix(s, "\x1b[") || end < 0 {
				tb.Fatalf("unexpected escape in %q", s)
			}
			ps := strings.Split(s[2:end], ";")
			for i := 0; i < len(ps); i++ {
				switch ps[i] {
				case "", "0":
					rev = false
				case "7":
					rev = true
				case "27":
					rev = false
				case "38", "48", "58":
					if i+1 < len(ps) && ps[i+1] == "5" {
						i += 2
					} else if i+1 < len(ps) && ps[i+1] == "2" {
						i += 4
					}
				}
			}
			s = s[end+1:]
			continue
		}
		r := []rune(s)[0]
		t := string(r)
		for range ui.TextWidth(t) {
			out = append(out, cell{t, rev})
			t = ""
		}
		s = s[len(string(r)):]
	}
	return out
}

// sides splits the comparison (the lines below the pair's info line) into
// side A's and side B's cells: left and right halves side by side, the
// upper and lower box when stacked.
func (h *harness) sides() (a, b [][]cell) {
	h.t.Helper()
	lines := strings.Split(h.view(), "\n")
	plain := h.lines()
	start := -1
	for i, l := range plain {
		if strings.HasPrefix(l, " A in B ") || strings.HasPrefix(l, " comparing…") {
			start = i + 1
		}
	}
	if start < 0 {
		h.t.Fatalf("no comparison:\n%s", h.plain())
	}
	w := h.host.w
	inB := false
	for i := start; i < len(lines); i++ {
		cs := cells(h.t, lines[i])
		if w >= 100 {
			a = append(a, cs[:w/2])
			b = append(b, cs[w/2:])
			continue
		}
		if i > start && (strings.Contains(plain[i], "━ B ") || strings.Contains(plain[i], "─ B ")) {
			inB = true
		}
		if inB {
			b = append(b, cs)
		} else {
			a = append(a, cs)
		}
	}
	return a, b
}

// reversed lists the runs of reversed cells in a box, as text.
func reversed(box [][]cell) []string {
	var out []string
	for _, l := range box {
		run := ""
		for _, c := range append(l, cell{}) {
			if c.rev {
				run += c.text
			} else if run != "" {
				out = append(out, run)
				run = ""
			}
		}
	}
	return out
}

// text is a box's text lines: inside the border, past the change bar.
func text(box [][]cell) []string {
	var out []string
	for _, l := range box[1 : len(box)-1] {
		s := ""
		for _, c := range l[2 : len(l)-1] {
			s += c.text
		}
		out = append(out, strings.TrimRight(s, " "))
	}
	return out
}

// changes reads "change i/n" from the info line.
func (h *harness) changes() (i, n int) {
	h.t.Helper()
	l := h.info()
	at := strings.Index(l, "change ")
	if at < 0 {
		h.t.Fatalf("no current change: %q", l)
	}
	fmt.Sscanf(l[at:], "change %d/%d", &i, &n)
	return i, n
}

// Every cell drawn reversed on a side is a changed number: 42 on the
// original's side, 47 on the copy's — at any width, stacked or side by
// side, with colour or without, at every change.
func TestChangedFigureMarked(t *testing.T) {
	for _, color := range []bool{false, true} {
		for _, w := range []int{40, 61, 99, 100, 141, 200} {
			h := newHarness(t, setup{color: color, w: w})
			h.open()
			h.selectPair(ap, changed)
			seen := [2]int{}
			for range 8 { // every change, twice (the info line saying how many may be cut)
				for _, l := range strings.Split(h.view(), "\n") {
					if got := ui.TextWidth(l); got != w {
						t.Fatalf("color=%v w=%d: styling changed a line's width to %d: %q", color, w, got, l)
					}
				}
				a, b := h.sides()
				for s, box := range [][][]cell{a, b} {
					for _, r := range reversed(box) {
						if want := [2]string{"42", "47"}[s]; r != want {
							t.Fatalf("color=%v w=%d: side %c reverses %q, want only %q", color, w, "AB"[s], r, want)
						}
						seen[s]++
					}
				}
				h.press("n")
			}
			if seen[0] == 0 || seen[1] == 0 {
				t.Fatalf("color=%v w=%d: the changed figure is never shown reversed (%v)", color, w, seen)
			}
		}
	}
}

// n and N step through the changes, both sides showing the current one
// (the heavier bar in their margin); scrolling moves both sides together.
func TestChangesAndScrolling(t *testing.T) {
	h := newHarness(t, setup{})
	h.open()
	h.selectPair(ap, changed)
	i, n := h.changes()
	if n < 3 || i != 1 {
		t.Fatalf("want several changes and the first current, got %d/%d", i, n)
	}
	current := func(step string) {
		t.Helper()
		a, b := h.sides()
		for s, box := range [][][]cell{a, b} {
			found := false
			for _, l := range box[1 : len(box)-1] {
				found = found || l[1].text == h.c.Styles.Dups.BarCurrentCh
			}
			if !found {
				t.Fatalf("%s: side %c does not show the current change:\n%s", step, "AB"[s], h.plain())
			}
		}
	}
	current("first")
	for k := 2; k <= n; k++ {
		h.press("n")
		if i, _ := h.changes(); i != k {
			t.Fatalf("n: change %d, want %d", i, k)
		}
		current(fmt.Sprint("n ", k))
	}
	h.press("n")
	if i, _ := h.changes(); i != 1 || h.host.last.Text != "Wrapped to the first change" {
		t.Fatalf("n past the last change: %d, %q", i, h.host.last.Text)
	}
	h.press("N")
	if i, _ := h.changes(); i != n || h.host.last.Text != "Wrapped to the last change" {
		t.Fatalf("N from the first: %d, %q", i, h.host.last.Text)
	}

	// Scrolling the original and its cut copy: the text at the top of the
	// leading (longer) side is on the other side's screen, at every step
	// down and back up, until the copy has ended.
	h.selectPair(ap, cut)
	a, _ := h.sides()
	top := text(a)
	cutText := loadText(t, h, cut)
	for _, k := range []string{"J", "J", "pgdown", "ctrl+d", "pgdown", "pgdown", "K", "pgup", "ctrl+u"} {
		h.press(k)
		a, b := h.sides()
		at, bt := text(a), text(b)
		if k == "J" && at[0] != top[1] {
			t.Fatalf("J: the top line is %q, want the second line %q", at[0], top[1])
		}
		top = at
		ended := strings.HasSuffix(strings.TrimSpace(cutText), lastLine(bt))
		if !ended && !contains(bt, at[0]) {
			t.Fatalf("after %s: the leader's top line %q is not on the other side:\n%s", k, at[0], strings.Join(bt, "\n"))
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) == strings.TrimSpace(s) {
			return true
		}
	}
	return false
}

// lastLine is the last line of a box with text on it.
func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if s := strings.TrimSpace(lines[i]); s != "" {
			return s
		}
	}
	return ""
}

func loadText(tb testing.TB, h *harness, id string) string {
	tb.Helper()
	a, err := h.src.Load(h.arts.IndexOf(id))
	if err != nil {
		tb.Fatal(err)
	}
	return a.Text
}

// The layout switches at 100 columns: side by side above, stacked below,
// the list, the info line and both sides filling the body.
func TestStackedWhenNarrow(t *testing.T) {
	h := newHarness(t, setup{w: 100})
	h.open()
	sideBySide := func() bool {
		for _, l := range h.lines() {
			if strings.Contains(l, "━ A ") && strings.Contains(l, "─ B ") {
				return true
			}
		}
		return false
	}
	if !sideBySide() {
		t.Fatalf("100 columns: not side by side:\n%s", h.plain())
	}
	h.resize(99, 38)
	if sideBySide() {
		t.Fatalf("99 columns: side by side:\n%s", h.plain())
	}
	a, b := h.sides()
	if len(a) < 4 || len(b) < 4 {
		t.Fatalf("99 columns: sides of %d and %d lines:\n%s", len(a), len(b), h.plain())
	}
	if got := len(h.lines()); got != 38 {
		t.Fatalf("99 columns: %d lines, want the body's 38", got)
	}
	for _, l := range h.lines() {
		if w := ui.TextWidth(l); w != 99 {
			t.Fatalf("line %d cells wide: %q", w, l)
		}
	}
}

// The screen's parts as the root reads them: its mode, its help line (the
// reader adds help and quit), its section of the help screen.
func TestScreenParts(t *testing.T) {
	h := newHarness(t, setup{})
	h.open()
	s := h.host.Top()
	if s.Mode() != "DUPS" {
		t.Fatalf("mode %q", s.Mode())
	}
	if f, ok := s.(ui.Footered); !ok || f.Footer() != ui.FooterHelpQuit {
		t.Fatal("the help line should add help and quit")
	}
	var keys []string
	for _, b := range s.ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(keys, ", "); got != "1–4 dup/near/story/not, s skip, n next change, tab other side, c canonical copy, enter open, u undo, esc back" {
		t.Fatalf("short help %q", got)
	}
	title, groups, ok := h.f.HelpSection()
	if !ok || title != "Duplicates (D anywhere; esc leaves)" || len(groups) != 4 || groups[0][0].Help().Key != "D" {
		t.Fatalf("help section %q %v %d", title, ok, len(groups))
	}
	if len(s.FullHelp()) != 4 {
		t.Fatal("full help")
	}
	// Rebound keys are named as bound.
	h.c.Keys.Dups.SetKeys("ctrl+d")
	h.c.Keys.Back.SetKeys("backspace")
	if title, _, _ := h.f.HelpSection(); title != "Duplicates (ctrl+d anywhere; backspace leaves)" {
		t.Fatalf("help section with keys rebound: %q", title)
	}
}
