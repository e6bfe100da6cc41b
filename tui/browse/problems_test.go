package browse_test

import (
	"strings"
	"testing"
)

// TestProblemLines: each input that could not be read, whole and wrapped
// within the width, its continuation indented; a corpus read in full says
// so.
func TestProblemLines(t *testing.T) {
	h := start(t, fixtureSource(4, -1), 120, 28)
	h.b.Problems()[0].Reason = "invalid JSON: " + strings.Repeat("a long reason ", 6)
	lines := h.b.ProblemLines(30)
	var text []string
	for i, l := range lines {
		p := sgrRE.ReplaceAllString(l, "")
		if len([]rune(p)) > 30 || i > 0 && !strings.HasPrefix(p, "  ") {
			t.Errorf("line %d %q", i, p)
		}
		text = append(text, strings.TrimSpace(p))
	}
	if got := strings.Join(text, " "); !strings.Contains(got, "news/empty.jsonl") || !strings.Contains(got, strings.TrimSpace(strings.Repeat("a long reason ", 6))) {
		t.Fatalf("the problem is not whole:\n%s", strings.Join(lines, "\n"))
	}
	src := fixtureSource(2, -1)
	src.problems = nil
	h = start(t, src, 120, 28)
	if got := h.b.ProblemLines(80); len(got) != 1 || sgrRE.ReplaceAllString(got[0], "") != "No problems: every input was read." {
		t.Fatalf("no problems: %q", got)
	}
}
