package layout_test

import (
	"testing"

	"storydesk/tui/layout"
)

// A replacement keeps every other cell where the wrap put it: a label over
// a wide character is padded to its cells, one wider than its word runs
// into the next cells (a wide one cut in half becomes a space), one past
// the width is cut; a repainted match keeps its text, in one run.
func TestRenderLineOver(t *testing.T) {
	l := layout.Wrap("京都 a bc Zoë 日本", 30)
	br := func(s string) string { return "[" + s + "]" }
	for _, c := range []struct {
		overs []layout.Over
		want  string
	}{
		{nil, "京都 a bc Zoë 日本"},
		{[]layout.Over{{Start: 0, Text: "x", Paint: br}}, "[x] 都 a bc Zoë 日本"},
		{[]layout.Over{{Start: 0, Text: "xyz", Paint: br}}, "[xyz]  a bc Zoë 日本"},
		{[]layout.Over{{Start: 3, Text: "xy", Paint: br}}, "京都 [xy]bc Zoë 日本"},
		{[]layout.Over{{Start: 8, Text: "pq", Paint: br}}, "京都 a bc [pq]ë 日本"},
		{[]layout.Over{{Start: 5, End: 7, Paint: br}}, "京都 a [bc] Zoë 日本"},
		{[]layout.Over{{Start: 0, Text: "s", Paint: br}, {Start: 5, End: 6, Paint: br}}, "[s] 都 a [b]c Zoë 日本"},
	} {
		if got := l.RenderLineOver(0, nil, nil, c.overs); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.overs, got, c.want)
		}
	}
	// A label over a short word before a wide character halves it.
	l = layout.Wrap("a日本", 30)
	if got := l.RenderLineOver(0, nil, nil, []layout.Over{{Start: 0, Text: "xy"}}); got != "xy 本" {
		t.Errorf("over half a wide character: %q", got)
	}
	// Cut at the layout's width.
	l = layout.Wrap("ab cd e", 7)
	if got := l.RenderLineOver(0, nil, nil, []layout.Over{{Start: 6, Text: "xyz"}}); got != "ab cd x" {
		t.Errorf("past the width: %q", got)
	}
}
