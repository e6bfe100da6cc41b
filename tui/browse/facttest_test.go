package browse_test

import (
	"testing"

	"storydesk/model"
	"storydesk/model/fuzzy"
	"storydesk/tui/browse"
)

// TestFactTest: status: (an article with nothing stored is new), label:
// and has: over the facts given; any other field is not answered.
func TestFactTest(t *testing.T) {
	facts := map[string]browse.DocFacts{
		"done.txt":   {Status: model.StatusDone, Labels: []string{"PERSON", "ORG"}, Quotes: true},
		"nostat.txt": {Labels: []string{"GPE"}},
	}
	get := func(id string) (browse.DocFacts, bool) { a, ok := facts[id]; return a, ok }
	ids := []string{"done.txt", "nostat.txt", "none.txt"}
	for _, c := range []struct {
		key, value string
		want       [3]bool
	}{
		{"status", "done", [3]bool{true, false, false}},
		{"status", "new", [3]bool{false, true, true}},
		{"label", "ORG", [3]bool{true, false, false}},
		{"label", "GPE", [3]bool{false, true, false}},
		{"has", "quotes", [3]bool{true, false, false}},
		{"has", "labels", [3]bool{true, true, false}},
	} {
		test, ok := browse.FactTest(fuzzy.Field{Key: c.key, Value: c.value}, get)
		if !ok {
			t.Fatalf("%s:%s not answered", c.key, c.value)
		}
		for i, id := range ids {
			if got := test(id, i); got != c.want[i] {
				t.Errorf("%s:%s on %s = %v", c.key, c.value, id, got)
			}
		}
	}
	if _, ok := browse.FactTest(fuzzy.Field{Key: "dup", Value: "yes"}, get); ok {
		t.Error("dup: answered from the store's facts")
	}
}
