package tui

import (
	"strings"
	"testing"
)

// helpPages opens the help and pages through it with space to the end,
// checking every page fits; it returns each page's body lines.
func helpPages(t *testing.T, m *Model, w, h int) [][]string {
	t.Helper()
	press(t, m, "?")
	if screenName(m) != "help" {
		t.Fatalf("%dx%d: ? opened %q", w, h, screenName(m))
	}
	var pages [][]string
	for i := 0; i < 400; i++ {
		checkFrame(t, m, w, h)
		f := plain(m)
		pages = append(pages, strings.Split(f, "\n"))
		if i > 0 && f == strings.Join(pages[i-1], "\n") {
			return pages[:i] // the last page did not move
		}
		press(t, m, "space")
	}
	t.Fatalf("%dx%d: space never reached the end of the help", w, h)
	return nil
}

// helpText is the text of every page, one line each, box borders dropped.
func helpText(pages [][]string) string {
	var b strings.Builder
	for _, p := range pages {
		for _, l := range p {
			l = strings.Trim(l, "│ ")
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// The help is never cut: at 80x24 and 40x12 every entry of every section is
// on some page whole (bubbles' column view dropped all but the first column
// below 120 columns, ending the row in "…").
func TestHelpPagesWholeAt80And40(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {40, 12}} {
		w, h := sz[0], sz[1]
		m := start(t, sampleSource(t), w, h)
		text := helpText(helpPages(t, m, w, h))
		for _, want := range []string{
			"List", "Article", "Panes", "Duplicates",
			"bottom", "clear filter", "raw/clean",
			"date:2025-09..2025-10", "has a PERSON span", "dup:",
			"problems", "canonical copy",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%dx%d: %q is on no page of the help", w, h, want)
			}
		}
		for _, l := range strings.Split(text, "\n") {
			if strings.Contains(l, "…") && !strings.Contains(l, "/") {
				t.Errorf("%dx%d: a help line is cut: %q", w, h, l)
			}
		}
	}
}

// At 20x6 the help still pages to its end and back (G, g), every frame fits.
func TestHelpPagesAt20x6(t *testing.T) {
	m := start(t, sampleSource(t), 20, 6)
	pages := helpPages(t, m, 20, 6)
	if len(pages) < 10 {
		t.Fatalf("at 20x6 the help has %d pages; it should take many", len(pages))
	}
	press(t, m, "g")
	top := plain(m)
	if !strings.Contains(top, "List") {
		t.Errorf("g should go back to the top:\n%s", top)
	}
	press(t, m, "G")
	checkFrame(t, m, 20, 6)
	if plain(m) == top {
		t.Error("G did not move to the end")
	}
	press(t, m, "esc")
	if screenName(m) == "help" {
		t.Error("esc should close the help")
	}
}

// j and k scroll one line; the title says where the page is.
func TestHelpScrollsByLine(t *testing.T) {
	m := start(t, sampleSource(t), 80, 24)
	press(t, m, "?")
	if !strings.Contains(plain(m), "1–20/") {
		t.Fatalf("the help's title should say which lines are shown:\n%s", plain(m))
	}
	press(t, m, "j")
	if !strings.Contains(plain(m), "2–21/") {
		t.Fatalf("j should scroll one line:\n%s", plain(m))
	}
	press(t, m, "k")
	if !strings.Contains(plain(m), "1–20/") {
		t.Fatalf("k should scroll back:\n%s", plain(m))
	}
}

// Opened from annotate mode, the help starts with annotate's section.
func TestHelpStartsWithTheModeItWasOpenedFrom(t *testing.T) {
	m, _ := startStore(t, sampleSource(t), tempDB(t), 80, 24)
	enterAnnotate(t, m)
	press(t, m, "?")
	lines := strings.Split(plain(m), "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], "Annotate") {
		t.Fatalf("the help from annotate mode should open on its section:\n%s", plain(m))
	}
	press(t, m, "esc", "esc", "?")
	lines = strings.Split(plain(m), "\n")
	if !strings.Contains(lines[1], "List") {
		t.Fatalf("the help from the reader should open on the list:\n%s", plain(m))
	}
}
