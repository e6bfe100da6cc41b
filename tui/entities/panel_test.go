package entities_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/ui"
)

// c opens the canonical-name prompt on a span: a screen that takes every
// key as text, drawn in the legend row with completions from the
// article's names; enter saves, and the entities panel groups the
// variants under the name.
func TestCanonicalNamesGroupInTheEntitiesPanel(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 120, 38)
	h.Enter(0)
	h.Press("c")
	if h.Host.Msg != "Put the cursor on a tagged span to give it a canonical name" {
		t.Fatalf("c off a span: %q", h.Host.Msg)
	}
	h.MoveTo("Gustavo", 0)
	h.Press("shift+right", "1")
	h.MoveTo("Petro said", 0)
	h.Press("1", "c")
	te, ok := h.Host.Top().(ui.TextEntry)
	if !ok || !te.TextEntry() || h.Mode() != "ANNOTATE" {
		t.Fatalf("c on a span opens no prompt: %q", h.Host.Msg)
	}
	h.TypeText("gus")
	if v := celltest.Plain(h.View()); !strings.Contains(v, "Canonical name for “Petro” → gus") || !strings.Contains(v, "tab: Gustavo Petro") {
		t.Fatalf("no completion offered:\n%s", v)
	}
	if cur, ok := h.Host.Top().(ui.Cursorer); !ok || cur.Cursor() == nil || cur.Cursor().Y != 1 {
		t.Fatal("the terminal cursor is not in the prompt")
	}
	h.Press("tab", "enter")
	if h.Host.Top() != h.Host.Stack[0] {
		t.Fatal("enter should close the prompt")
	}
	_, spans := h.Doc("a.txt")
	var petro model.Span
	for _, sp := range spans {
		if sp.Text == "Petro" {
			petro = sp
		}
	}
	if petro.Canonical != "Gustavo Petro" || h.Last.Job.Done != "“Petro” is now Gustavo Petro" {
		t.Fatalf("canonical not stored: %+v %q", spans, h.Last.Job.Done)
	}
	h.Press("e")
	p := celltest.Plain(h.View())
	if !strings.Contains(p, "Entities") || !strings.Contains(p, "PERSON 2") || !strings.Contains(p, "Gustavo Petro ×2") || !strings.Contains(p, "    Petro") {
		t.Fatalf("entities panel does not join the variants:\n%s", p)
	}
	// esc cancels; the same name again changes nothing.
	h.Press("c", "esc")
	if h.Host.Msg != "Canonical name unchanged" {
		t.Fatalf("esc: %q", h.Host.Msg)
	}
	h.Press("c", "enter")
	if h.Host.Msg != "Canonical name unchanged" {
		t.Fatalf("enter on the same name: %q", h.Host.Msg)
	}
	// A name equal to the span's text clears it.
	h.Press("c", "ctrl+u")
	h.TypeText("Petro")
	h.Press("enter")
	if _, spans = h.Doc("a.txt"); spans[len(spans)-1].Canonical != "" || h.Last.Job.Done != "“Petro” has no canonical name now" {
		t.Fatalf("clearing: %+v %q", spans, h.Last.Job.Done)
	}
}

// The panel groups spans by label (in label-set order, unknown labels
// after) and, within a label, by canonical name, most mentioned first.
func TestEntitiesPanelGrouping(t *testing.T) {
	text := "U.S. and United States and Petro and Karvik and x."
	sp := func(word, label, canonical string) model.Span {
		s := annotest.RuneIndex(t, text, word, 0)
		return model.Span{ID: int64(s + 1), Start: s, End: s + model.RuneLen(word), Label: label, Text: word, Canonical: canonical}
	}
	arts := []*model.Article{{ID: "g.txt", Title: "G", Text: text, Raw: text}}
	h := newHarness(t, arts, "", 120, 20)
	h.Enter(0)
	h.Pane().SetSpans([]model.Span{
		sp("U.S.", "GPE", "United States"), sp("United States", "GPE", ""), sp("Petro", "PERSON", "Gustavo Petro"),
		sp("Karvik", "GPE", ""), sp("x", "CUSTOM", ""),
	})
	h.Press("e")
	var rows []string
	for _, l := range strings.Split(celltest.Plain(h.View()), "\n") {
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
	h := newHarness(t, annotest.Articles(), "", 200, 38)
	h.Enter(2)
	h.Press("e")
	if !strings.Contains(celltest.Plain(h.View()), "No entities yet: select and press 1–9.") {
		t.Fatalf("empty panel:\n%s", celltest.Plain(h.View()))
	}
}
