package layout

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTruncateByMethod: a ZWJ family is 8 cells to a terminal that counts
// code points and 2 to one that clusters graphemes; Truncate cuts by the
// method in force, between clusters, even where the other method says the
// text fits.
func TestTruncateByMethod(t *testing.T) {
	defer SetMethod(ansi.WcWidth)
	s := "ab 👩\u200d👩\u200d👧\u200d👦 cd \x1b[1mbold\x1b[m"
	for _, c := range []struct {
		m       ansi.Method
		w, want int
	}{{ansi.WcWidth, 12, 12}, {ansi.WcWidth, 7, 4}, {ansi.GraphemeWidth, 12, 12}, {ansi.GraphemeWidth, 7, 7}} {
		SetMethod(c.m)
		got := Truncate(s, c.w, "…")
		if w := c.m.StringWidth(got); w != c.want && !(c.w >= c.m.StringWidth(s) && got == s) {
			t.Errorf("%v at %d: %q is %d cells, want %d", c.m, c.w, got, w, c.want)
		}
	}
	SetMethod(ansi.WcWidth)
	if Width("👩\u200d👩\u200d👧\u200d👦") != 8 || Width("🇳🇴") != 2 || Width("e\u0301") != 1 {
		t.Errorf("code-point widths: %d %d %d", Width("👩\u200d👩\u200d👧\u200d👦"), Width("🇳🇴"), Width("e\u0301"))
	}
	SetMethod(ansi.GraphemeWidth)
	if Width("👩\u200d👩\u200d👧\u200d👦") != 2 {
		t.Errorf("grapheme width %d", Width("👩\u200d👩\u200d👧\u200d👦"))
	}
}
