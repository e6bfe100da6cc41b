package celltest_test

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"storydesk/tui/internal/celltest"
)

// TestCellsOf checks the reader the view tests rely on.
func TestCellsOf(t *testing.T) {
	line := "a\x1b[1;4;38;2;10;20;30;48;5;196mb京\x1b[22;24;7mc\x1b[38:2::1:2:3;39;3md\x1b[m e\x1b[91;44;9mf\x1b[0mg"
	cells := celltest.Of(t, line)
	want := []struct {
		text                        string
		bold, under, rev, it, strik bool
		fg, bg                      string
	}{
		{"a", false, false, false, false, false, "", ""},
		{"b", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"京", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"", true, true, false, false, false, "{10 20 30 255}", "196"},
		{"c", false, false, true, false, false, "{10 20 30 255}", "196"},
		{"d", false, false, true, true, false, "", "196"},
		{" ", false, false, false, false, false, "", ""},
		{"e", false, false, false, false, false, "", ""},
		{"f", false, false, false, false, true, "9", "4"},
		{"g", false, false, false, false, false, "", ""},
	}
	if len(cells) != len(want) {
		t.Fatalf("%d cells, want %d: %+v", len(cells), len(want), cells)
	}
	str := func(c color.Color) string {
		if c == nil {
			return ""
		}
		return strings.Trim(fmt.Sprint(c), "&")
	}
	for i, w := range want {
		c := cells[i]
		got := []any{c.Text, c.Bold, c.Under, c.Reverse, c.Italic, c.Strike, str(c.FG), str(c.BG)}
		exp := []any{w.text, w.bold, w.under, w.rev, w.it, w.strik, w.fg, w.bg}
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			t.Errorf("cell %d: %v, want %v", i, got, exp)
		}
	}
	if !celltest.ColorSGR("1;38;5;3") || !celltest.ColorSGR("48:2::1:2:3") || celltest.ColorSGR("0;1;7;39;49") || celltest.ColorSGR("") {
		t.Error("colorSGR misclassifies")
	}
	if r := celltest.Contrast(color.White, color.Black); math.Abs(r-21) > 0.01 {
		t.Errorf("contrast black on white %.2f", r)
	}
	if got := celltest.Plain(line); got != "ab京cd efg" {
		t.Errorf("Plain: %q", got)
	}
	if f := celltest.Find(t, "x\n"+line, "cd"); len(f) != 2 || f[0].Text != "c" || !f[1].Italic || f[1].Bold || len(celltest.Find(t, line, "b京c")) != 4 {
		t.Errorf("Find: %+v", f)
	}
}
