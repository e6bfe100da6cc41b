package entities_test

import (
	"strings"
	"testing"

	"storydesk/tui/internal/celltest"
	"storydesk/tui/widgets"
)

// pickerRows are the picker's rows as drawn, top to bottom (its box is
// at the right of the screen, over the annotate box).
func pickerRows(t *testing.T, h *harness) []string {
	t.Helper()
	p, ok := h.Host.Top().(*widgets.Picker)
	if !ok {
		t.Fatalf("no picker on top: %q", h.Host.Msg)
	}
	var rows []string
	for _, l := range strings.Split(celltest.Plain(p.View()), "\n") {
		// A row of the box: the annotate box's text, then the picker's.
		parts := strings.Split(l, "┃")
		if len(parts) != 4 {
			continue
		}
		row := strings.TrimSpace(strings.TrimPrefix(parts[2], "▌"))
		if row != "" && !strings.HasPrefix(row, "›") {
			rows = append(rows, row)
		}
	}
	return rows
}

// m on a span opens a picker of the article's other entities, its own
// label first; enter gives every span of the entity the target's name in
// one action, which one undo takes back.
func TestMergeEntityIntoAnother(t *testing.T) {
	h := petroHarness(t)
	h.MoveTo("Petrobras", 0)
	h.Press("2") // a second ORG
	h.MoveTo("Petro said", 0)
	h.Press("m")
	if h.Mode() != "MERGE" {
		t.Fatalf("mode %q after m", h.Mode())
	}
	rows := pickerRows(t, h)
	want := []string{"PERSON Gustavo Petro", "ORG Harbour Board", "ORG Petrobras"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("picker rows %q, want %q", rows, want)
	}
	h.Press("enter")
	got := canonicals(t, h, "a.txt")
	if got["PERSON Petro → Gustavo Petro"] != 3 || got["PERSON Gustavo Petro → "] != 1 || got["ORG Harbour Board → "] != 1 {
		t.Fatalf("after the merge: %v", got)
	}
	if h.Last.Job.Done != "Merged 3 × PERSON “Petro” into PERSON “Gustavo Petro”; u undoes" {
		t.Errorf("message %q", h.Last.Job.Done)
	}
	if b := canonicals(t, h, "b.txt"); b["PERSON Petro → "] != 1 {
		t.Errorf("another article changed: %v", b)
	}
	h.Press("e")
	if p := celltest.Plain(h.View()); !strings.Contains(p, "Gustavo Petro ×4") || strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel shows two entities after the merge:\n%s", p)
	}
	h.Press("u")
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → "] != 3 {
		t.Fatalf("one undo: %v", got)
	}
	if p := celltest.Plain(h.View()); !strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel after undo:\n%s", p)
	}
}

// The picker of an ORG lists the ORGs first, before more mentioned
// PERSONs; typing filters it; merging into another label relabels the
// spans (they are that entity now).
func TestMergeOffersTheSameLabelFirstAndRelabels(t *testing.T) {
	h := petroHarness(t)
	h.MoveTo("Petrobras", 0)
	h.Press("2")
	h.MoveTo("Harbour", 0)
	h.Press("m")
	rows := pickerRows(t, h)
	if len(rows) != 3 || rows[0] != "ORG Petrobras" || !strings.HasPrefix(rows[1], "PERSON ") {
		t.Fatalf("picker rows %q: the other ORG should come first", rows)
	}
	h.TypeText("gus")
	if rows := pickerRows(t, h); len(rows) != 1 || rows[0] != "PERSON Gustavo Petro" {
		t.Fatalf("filtered rows %q", rows)
	}
	h.Press("enter")
	if got := canonicals(t, h, "a.txt"); got["PERSON Harbour Board → Gustavo Petro"] != 1 || got["ORG Harbour Board → "] != 0 {
		t.Fatalf("after merging into a PERSON: %v", got)
	}
}

// m off a span says how to use it; esc in the picker changes nothing; an
// article with one entity has nothing to merge into.
func TestMergeRefusals(t *testing.T) {
	h := petroHarness(t)
	h.MoveTo("spoke", 0)
	h.Press("m")
	if h.Host.Msg != "Put the cursor on a tagged span to merge its entity into another" {
		t.Fatalf("m off a span: %q", h.Host.Msg)
	}
	h.MoveTo("Petro said", 0)
	h.Press("m", "esc")
	if h.Mode() != "ANNOTATE" {
		t.Fatalf("esc left mode %q", h.Mode())
	}
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → "] != 3 {
		t.Fatalf("esc changed the spans: %v", got)
	}
	h.Enter(1) // b.txt: one PERSON "Petro"
	h.MoveTo("Petro", 0)
	h.Press("m")
	if h.Host.Msg != "No other entity in this article to merge PERSON “Petro” into" {
		t.Fatalf("one entity: %q", h.Host.Msg)
	}
}
