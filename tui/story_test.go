package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"storydesk/tui/browse"
)

// The story feature end to end through the root, on the embedded sample
// corpus: its ferry story is a wire story, a cut of it, a copy that
// changes a figure (42 → 47) and an outlet's rewrite.

func TestStoryEndToEnd(t *testing.T) {
	m, st := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	idx := m.itemIndex("wire-ferry-ap.txt")
	if idx < 0 || !m.br.Select(idx) {
		t.Fatal("no wire-ferry-ap.txt in the sample")
	}
	drive(t, m, m.br.Sync())

	// z: the list by story; the ferry story is a row of four.
	press(t, m, "z")
	f := plain(m)
	if !strings.Contains(f, "STORIES") || !strings.Contains(f, "▸ 4 ") {
		t.Fatalf("z did not show the ferry story as a row of 4:\n%s", f)
	}
	checkFrame(t, m, 120, 40)
	// enter: the story screen, timeline first.
	press(t, m, "enter")
	f = plain(m)
	for _, want := range []string{"STORY", "[Timeline 4]", "original", "cut of [1]", "rewrite"} {
		if !strings.Contains(f, want) {
			t.Errorf("story screen lacks %q:\n%s", want, f)
		}
	}
	// The discrepancies: 42 against 47.
	press(t, m, "tab", "tab")
	f = plain(m)
	if !strings.Contains(f, "[Discrepancies") || !strings.Contains(f, "42") || !strings.Contains(f, "47") {
		t.Errorf("no 42 vs 47 on the discrepancies:\n%s", f)
	}
	checkFrame(t, m, 120, 40)
	// enter opens the article at the figure, selected in annotate mode.
	press(t, m, "enter")
	if !m.annotating() {
		t.Fatalf("enter on a discrepancy did not open annotate mode: %q\n%s", m.bar.message, plain(m))
	}
	// A one-word passage is the word under the cursor (no selection).
	s, e := m.pane().CursorRange()
	if got := string(m.pane().Runes()[s:e]); got != "42" && got != "47" {
		t.Errorf("the cursor is not on the figure: %q (%q)", got, m.bar.message)
	}
	// S goes back to the story, from annotate mode.
	// S goes back to the story as it was left, from annotate mode.
	press(t, m, "S")
	if !strings.Contains(plain(m), "[Discrepancies") {
		t.Fatalf("S in annotate mode did not go back to the story's discrepancies:\n%s", plain(m))
	}

	// X on the timeline takes the rewrite out; u brings it back.
	press(t, m, "shift+tab", "shift+tab")
	for range 3 {
		press(t, m, "j")
	}
	press(t, m, "X")
	links, err := st.StoryLinks(ctx())
	if err != nil || len(links) != 3 {
		t.Fatalf("X stored %d links (%v), want 3 apart pairs", len(links), err)
	}
	if f := plain(m); !strings.Contains(f, "[Timeline 3]") && !strings.Contains(f, "[Timeline 1]") {
		t.Errorf("after X the story screen does not show the smaller story:\n%s", f)
	}
	press(t, m, "u")
	if links, _ := st.StoryLinks(ctx()); len(links) != 0 {
		t.Errorf("undo left %d links", len(links))
	}
	if f := plain(m); !strings.Contains(f, "[Timeline 4]") {
		t.Errorf("after undo the story is not whole again:\n%s", f)
	}
}

// TestStoryScreensFitEverySize draws the stories list and every section
// of the story screen at the sizes the reader supports: no line wider
// than the screen, no more lines than it has (the frame as drawn, before
// the root's last clamp).
func TestStoryScreensFitEverySize(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 120, 40)
	idx := m.itemIndex("wire-ferry-ap.txt")
	m.br.Select(idx)
	drive(t, m, m.br.Sync())
	fits := func(w, h int, what string) {
		t.Helper()
		lines := strings.Split(m.frame(), "\n")
		if len(lines) > h {
			t.Fatalf("%dx%d %s: %d lines", w, h, what, len(lines))
		}
		for i, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Fatalf("%dx%d %s: line %d is %d cells wide: %q", w, h, what, i, lw, l)
			}
		}
	}
	sizes := [][2]int{{20, 6}, {24, 8}, {33, 10}, {40, 12}, {60, 16}, {80, 24}, {100, 30}, {250, 70}}
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		send(t, m, teaSize(w, h))
		press(t, m, "z")
		fits(w, h, "stories list")
		press(t, m, "l", "j")
		fits(w, h, "stories list, expanded")
		press(t, m, "k", "enter")
		for sec := range 5 {
			fits(w, h, fmt.Sprintf("section %d", sec))
			press(t, m, "j", "l", "l")
			fits(w, h, fmt.Sprintf("section %d, a row and an outlet chosen", sec))
			press(t, m, "tab")
		}
		press(t, m, "esc", "esc")
		if m.Top() != m.br {
			t.Fatalf("%dx%d: esc twice did not go back to the reader", w, h)
		}
	}
}

// Without a store, a row opens its article in the article pane, scrolled
// near the passage.
func TestStoryRowOpensTheArticlePaneWithoutAStore(t *testing.T) {
	m := start(t, sampleSource(t), 120, 20)
	m.br.Select(m.itemIndex("wire-ferry-rewrite.md"))
	drive(t, m, m.br.Sync())
	press(t, m, "S", "tab", "tab", "tab") // unique passages: the rewrite's own, far down
	for range 6 {
		press(t, m, "j")
	}
	press(t, m, "enter")
	if m.Top() != m.br || m.br.Focus() != browse.FocusArticle || shownIdx(m) != m.itemIndex("wire-ferry-rewrite.md") {
		t.Fatalf("enter did not show the rewrite in the article pane:\n%s", plain(m))
	}
	if p := m.br.Percent(); p <= 0 {
		t.Errorf("the article is at the top (%d%%), not near the passage: %q", p, m.bar.message)
	}
}
