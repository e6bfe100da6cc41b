package layout

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitLines(t *testing.T) {
	defer SetMethod(ansi.WcWidth)
	SetMethod(ansi.WcWidth)
	fam := "👨‍👩‍👧‍👦" // 2 cells by grapheme, 8 code point by code point
	sgr := "\x1b[38;5;252m"
	lines := []string{
		"  " + sgr + "a " + fam + " b\x1b[m" + strings.Repeat(" ", 8), // too wide by its padding only
		"  " + sgr + "one two " + fam + " three four\x1b[m",           // words move down
		"  " + sgr + "six\x1b[m",                                      // the same paragraph
		"",
		"  " + sgr + fam + fam + fam + "\x1b[m", // wider than the line on its own
	}
	const w = 20
	got := FitLines(lines, w)
	for i, l := range got {
		if Width(l) > w {
			t.Errorf("line %d is %d cells: %q", i, Width(l), l)
		}
		if strings.Contains(l, sgr) && !strings.Contains(l, "\x1b[m") {
			t.Errorf("line %d leaves its style open: %q", i, l)
		}
	}
	// No text lost or reordered (a word wider than the line is cut).
	squeeze := func(ls []string) string { return strings.Join(strings.Fields(ansi.Strip(strings.Join(ls, " "))), "") }
	if squeeze(got) != squeeze(lines) {
		t.Errorf("text changed:\n got %q\nwant %q", squeeze(got), squeeze(lines))
	}
	plain := make([]string, len(got))
	for i, l := range got {
		plain[i] = ansi.Strip(l)
	}
	want := []string{
		"  a " + fam + " b      ", // only as much padding as needed goes
		"  one two " + fam,
		"  three four six", // the overflow opens the paragraph's next line
		"",
		"  " + fam + fam, // continuations keep the indent
		"  " + fam,
	}
	if strings.Join(plain, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%q\nwant\n%q", plain, want)
	}
	// By grapheme the first line fits: unchanged.
	SetMethod(ansi.GraphemeWidth)
	if g := FitLines(lines[:1], w); g[0] != lines[0] {
		t.Errorf("a line that fits changed: %q", g[0])
	}
}
