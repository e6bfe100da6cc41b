package entities_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/ui"
)

// c opens the canonical-name prompt on a span: a screen that takes every
// key as text, drawn in the legend row with completions from the
// article's names; enter saves, and the entities panel groups the
// variants under the name.
func TestCanonicalNamesGroupInTheEntitiesPanel(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 120, 38)
	h.enter(0)
	h.press("c")
	if h.host.msg != "Put the cursor on a tagged span to give it a canonical name" {
		t.Fatalf("c off a span: %q", h.host.msg)
	}
	h.moveTo("Gustavo", 0)
	h.press("shift+right", "1")
	h.moveTo("Petro said", 0)
	h.press("1", "c")
	te, ok := h.host.Top().(ui.TextEntry)
	if !ok || !te.TextEntry() || h.mode() != "ANNOTATE" {
		t.Fatalf("c on a span opens no prompt: %q", h.host.msg)
	}
	h.typeText("gus")
	if v := celltest.Plain(h.view()); !strings.Contains(v, "Canonical name for “Petro” → gus") || !strings.Contains(v, "tab: Gustavo Petro") {
		t.Fatalf("no completion offered:\n%s", v)
	}
	if cur, ok := h.host.Top().(ui.Cursorer); !ok || cur.Cursor() == nil || cur.Cursor().Y != 1 {
		t.Fatal("the terminal cursor is not in the prompt")
	}
	h.press("tab", "enter")
	if h.host.Top() != h.host.stack[0] {
		t.Fatal("enter should close the prompt")
	}
	_, spans := h.doc("a.txt")
	var petro model.Span
	for _, sp := range spans {
		if sp.Text == "Petro" {
			petro = sp
		}
	}
	if petro.Canonical != "Gustavo Petro" || h.last.Job.Done != "“Petro” is now Gustavo Petro" {
		t.Fatalf("canonical not stored: %+v %q", spans, h.last.Job.Done)
	}
	h.press("e")
	p := celltest.Plain(h.view())
	if !strings.Contains(p, "Entities") || !strings.Contains(p, "PERSON 2") || !strings.Contains(p, "Gustavo Petro ×2") || !strings.Contains(p, "    Petro") {
		t.Fatalf("entities panel does not join the variants:\n%s", p)
	}
	// esc cancels; the same name again changes nothing.
	h.press("c", "esc")
	if h.host.msg != "Canonical name unchanged" {
		t.Fatalf("esc: %q", h.host.msg)
	}
	h.press("c", "enter")
	if h.host.msg != "Canonical name unchanged" {
		t.Fatalf("enter on the same name: %q", h.host.msg)
	}
	// A name equal to the span's text clears it.
	h.press("c", "ctrl+u")
	h.typeText("Petro")
	h.press("enter")
	if _, spans = h.doc("a.txt"); spans[len(spans)-1].Canonical != "" || h.last.Job.Done != "“Petro” has no canonical name now" {
		t.Fatalf("clearing: %+v %q", spans, h.last.Job.Done)
	}
}

// The panel groups spans by label (in label-set order, unknown labels
// after) and, within a label, by canonical name, most mentioned first.
func TestEntitiesPanelGrouping(t *testing.T) {
	text := "U.S. and United States and Petro and Karvik and x."
	sp := func(word, label, canonical string) model.Span {
		s := runeIndex(t, text, word, 0)
		return model.Span{ID: int64(s + 1), Start: s, End: s + model.RuneLen(word), Label: label, Text: word, Canonical: canonical}
	}
	arts := []*model.Article{{ID: "g.txt", Title: "G", Text: text, Raw: text}}
	h := newHarness(t, arts, "", 120, 20)
	h.enter(0)
	h.pane().SetSpans([]model.Span{
		sp("U.S.", "GPE", "United States"), sp("United States", "GPE", ""), sp("Petro", "PERSON", "Gustavo Petro"),
		sp("Karvik", "GPE", ""), sp("x", "CUSTOM", ""),
	})
	h.press("e")
	var rows []string
	for _, l := range strings.Split(celltest.Plain(h.view()), "\n") {
		// The panel is right of the text box's border.
		if i := strings.LastIndex(l, "┃"); i >= 0 {
			if row := strings.TrimSpace(strings.Trim(l[i+len("┃"):], "│")); row != "" {
				rows = append(rows, row)
			}
		}
	}
	got := strings.Join(rows, "|")
	want := "PERSON 1|Gustavo Petro|Petro|GPE 3|> United States ×2|U.S.|Karvik|CUSTOM 1|x" // the cursor is on U.S.
	if !strings.Contains(got, want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
}

// An article with no entities says how to tag one, with the keys as bound.
func TestEntitiesPanelEmpty(t *testing.T) {
	h := newHarness(t, entityArticles(), "", 200, 38)
	h.enter(2)
	h.press("e")
	if !strings.Contains(celltest.Plain(h.view()), "No entities yet: select and press 1–9.") {
		t.Fatalf("empty panel:\n%s", celltest.Plain(h.view()))
	}
}
