package annotate_test

import (
	"reflect"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
)

// After every write the spans on screen are the store's, although nothing
// is read back (the session applies the committed action to its copy):
// tags, relabels, names, tag-all, deletions, undo and redo, checked
// against a separate handle on the same file after each key.
func TestSpansOnScreenAreTheStoresAfterEveryWrite(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 100, 30)
	h.Enter(0)
	check := func(step string) {
		t.Helper()
		_, stored := h.Doc("a.txt")
		shown := h.Pane().Spans()
		if len(stored) == 0 && len(shown) == 0 {
			return
		}
		if !reflect.DeepEqual(append([]model.Span(nil), shown...), stored) {
			t.Fatalf("%s:\nscreen %+v\nstore  %+v", step, shown, stored)
		}
	}
	h.MoveTo("Ilse", 0)
	for _, keys := range [][]string{
		{"shift+right", "1"}, {"2"}, {"1"}, {"c", "I", "V", "enter"},
		{"g"}, {"w"}, {"w"}, {"w"}, {"w"}, {"shift+right", "3"},
	} {
		h.Press(keys...)
		check(keys[0])
	}
	h.MoveTo("Varga said", 0)
	h.Press("a", "1")
	check("a 1")
	if _, stored := h.Doc("a.txt"); len(stored) < 4 {
		t.Fatalf("the fixture made only %d spans: %+v", len(stored), stored)
	}
	h.Press("n", "x")
	check("x")
	for _, k := range []string{"u", "u", "u", "ctrl+r", "u", "u", "ctrl+r", "ctrl+r", "ctrl+r"} {
		h.Press(k)
		check(k)
	}
}
