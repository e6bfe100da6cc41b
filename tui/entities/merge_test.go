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
	p, ok := h.host.Top().(*widgets.Picker)
	if !ok {
		t.Fatalf("no picker on top: %q", h.host.msg)
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
	h.moveTo("Petrobras", 0)
	h.press("2") // a second ORG
	h.moveTo("Petro said", 0)
	h.press("m")
	if h.mode() != "MERGE" {
		t.Fatalf("mode %q after m", h.mode())
	}
	rows := pickerRows(t, h)
	want := []string{"PERSON Gustavo Petro", "ORG Harbour Board", "ORG Petrobras"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("picker rows %q, want %q", rows, want)
	}
	h.press("enter")
	got := canonicals(t, h, "a.txt")
	if got["PERSON Petro → Gustavo Petro"] != 3 || got["PERSON Gustavo Petro → "] != 1 || got["ORG Harbour Board → "] != 1 {
		t.Fatalf("after the merge: %v", got)
	}
	if h.last.Job.Done != "Merged 3 × PERSON “Petro” into PERSON “Gustavo Petro”; u undoes" {
		t.Errorf("message %q", h.last.Job.Done)
	}
	if b := canonicals(t, h, "b.txt"); b["PERSON Petro → "] != 1 {
		t.Errorf("another article changed: %v", b)
	}
	h.press("e")
	if p := celltest.Plain(h.view()); !strings.Contains(p, "Gustavo Petro ×4") || strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel shows two entities after the merge:\n%s", p)
	}
	h.press("u")
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → "] != 3 {
		t.Fatalf("one undo: %v", got)
	}
	if p := celltest.Plain(h.view()); !strings.Contains(p, "Petro ×3") {
		t.Fatalf("the panel after undo:\n%s", p)
	}
}

// The picker of an ORG lists the ORGs first, before more mentioned
// PERSONs; typing filters it; merging into another label relabels the
// spans (they are that entity now).
func TestMergeOffersTheSameLabelFirstAndRelabels(t *testing.T) {
	h := petroHarness(t)
	h.moveTo("Petrobras", 0)
	h.press("2")
	h.moveTo("Harbour", 0)
	h.press("m")
	rows := pickerRows(t, h)
	if len(rows) != 3 || rows[0] != "ORG Petrobras" || !strings.HasPrefix(rows[1], "PERSON ") {
		t.Fatalf("picker rows %q: the other ORG should come first", rows)
	}
	h.typeText("gus")
	if rows := pickerRows(t, h); len(rows) != 1 || rows[0] != "PERSON Gustavo Petro" {
		t.Fatalf("filtered rows %q", rows)
	}
	h.press("enter")
	if got := canonicals(t, h, "a.txt"); got["PERSON Harbour Board → Gustavo Petro"] != 1 || got["ORG Harbour Board → "] != 0 {
		t.Fatalf("after merging into a PERSON: %v", got)
	}
}

// m off a span says how to use it; esc in the picker changes nothing; an
// article with one entity has nothing to merge into.
func TestMergeRefusals(t *testing.T) {
	h := petroHarness(t)
	h.moveTo("spoke", 0)
	h.press("m")
	if h.host.msg != "Put the cursor on a tagged span to merge its entity into another" {
		t.Fatalf("m off a span: %q", h.host.msg)
	}
	h.moveTo("Petro said", 0)
	h.press("m", "esc")
	if h.mode() != "ANNOTATE" {
		t.Fatalf("esc left mode %q", h.mode())
	}
	if got := canonicals(t, h, "a.txt"); got["PERSON Petro → "] != 3 {
		t.Fatalf("esc changed the spans: %v", got)
	}
	h.enter(1) // b.txt: one PERSON "Petro"
	h.moveTo("Petro", 0)
	h.press("m")
	if h.host.msg != "No other entity in this article to merge PERSON “Petro” into" {
		t.Fatalf("one entity: %q", h.host.msg)
	}
}
