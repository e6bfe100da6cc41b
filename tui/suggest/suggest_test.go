package suggest_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/suggest"
)

// Entity suggestions in annotate mode, black-box through the harness
// (annotate mode with the suggestions plugged in): the suggestions come
// from the shipped model, decisions go to a real store.

func suggestArticles() []*model.Article {
	texts := []string{suggestText, annotest.StoryB, suggestText2}
	var out []*model.Article
	for i, text := range texts {
		id := string(rune('s'+i)) + ".txt"
		out = append(out, &model.Article{ID: id, Path: id, Title: "Story " + id, Text: text, Raw: text})
	}
	return out
}

// newSuggestHarness is annotate mode with suggestions on, the model
// loaded, on article 0.
func newSuggestHarness(t *testing.T, path string) *harness {
	t.Helper()
	if _, err := ner.Load(); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, suggestArticles(), path, 120, 30)
	h.suggest(h.Store, true)
	h.Enter(0)
	if len(h.s.Shown()) == 0 {
		t.Fatalf("no suggestions on entering: %q", h.Host.Msg)
	}
	return h
}

func suggestedTexts(h *harness) []string {
	var out []string
	for _, e := range h.s.Shown() {
		out = append(out, e.Label+" "+e.Text)
	}
	return out
}

func hasSuggestion(h *harness, label, text string) bool {
	for _, e := range h.s.Shown() {
		if e.Label == label && e.Text == text {
			return true
		}
	}
	return false
}

func TestSuggestionsAreShownAndNothingIsStored(t *testing.T) {
	h := newSuggestHarness(t, "")
	for _, want := range []string{"PERSON Gustavo Petro", "PERSON Scott Bessent", "ORG Associated Press", "PERSON Nicolas Maduro"} {
		if !strings.Contains(strings.Join(suggestedTexts(h), "|"), want) {
			t.Errorf("no suggestion %q in %q", want, suggestedTexts(h))
		}
	}
	if doc, _ := h.Doc("s.txt"); doc != nil {
		t.Fatalf("suggesting stored the article: %+v", doc.Spans)
	}
	n := len(h.s.Shown())
	if st := h.Status(); st.Suggest != strconv.Itoa(n)+" suggested" {
		t.Fatalf("status %q, want %d suggested", st.Suggest, n)
	}
	// y off a suggestion goes to the next one without accepting it.
	h.MoveTo("met", 0)
	h.Press("y")
	if h.CursorText() != "US" {
		t.Fatalf("y off a suggestion went to %q, want the next suggestion, US", h.CursorText())
	}
	if doc, _ := h.Doc("s.txt"); doc != nil {
		t.Fatal("y off a suggestion stored something")
	}
	if v := h.View(); !strings.Contains(v, "suggested GPE") || !strings.Contains(v, "y accept") {
		t.Fatalf("the legend does not describe the suggestion:\n%s", v)
	}
}

func TestAcceptMovesToTheNextAndUndoBringsItBack(t *testing.T) {
	h := newSuggestHarness(t, "")
	h.MoveTo("Gustavo", 0)
	before := len(h.s.Shown())
	h.Press("y")
	_, spans := h.Doc("s.txt")
	if len(spans) != 1 || spans[0].Text != "Gustavo Petro" || spans[0].Label != "PERSON" || spans[0].Source != "" {
		t.Fatalf("stored %+v", spans)
	}
	if h.CursorText() != "US" {
		t.Fatalf("cursor on %q after accepting, want the next suggestion (US)", h.CursorText())
	}
	if got := len(h.s.Shown()); got != before-1 {
		t.Fatalf("%d suggestions after accepting one of %d", got, before)
	}
	h.Press("u")
	if _, spans := h.Doc("s.txt"); len(spans) != 0 {
		t.Fatalf("undo left %+v", spans)
	}
	if !hasSuggestion(h, "PERSON", "Gustavo Petro") {
		t.Fatal("undoing the accept did not bring the suggestion back")
	}
}

func TestRejectIsStoredRememberedAndUndoable(t *testing.T) {
	path := t.TempDir() + "/a.db"
	h := newSuggestHarness(t, path)
	h.MoveTo("Petro", 1) // "Petro said": PERSON, as are the other lone Petros
	h.Press("x")
	doc, spans := h.Doc("s.txt")
	if len(spans) != 0 || len(doc.Rejected) != 2 {
		t.Fatalf("after x: spans %+v rejected %+v", spans, doc.Rejected)
	}
	if hasSuggestion(h, "PERSON", "Petro") {
		t.Fatal("a rejected suggestion is still offered")
	}
	if !hasSuggestion(h, "PERSON", "Gustavo Petro") {
		t.Fatal("rejecting “Petro” hid “Gustavo Petro”")
	}
	if e, ok := cursorSuggestion(h); !ok || e.Text != "Colombia" {
		t.Fatalf("cursor on %q after rejecting, want the next suggestion (Colombia)", h.CursorText())
	}
	h.Press("u")
	if doc, _ := h.Doc("s.txt"); len(doc.Rejected) != 0 || !hasSuggestion(h, "PERSON", "Petro") {
		t.Fatalf("undo: rejected %+v", doc.Rejected)
	}
	h.Press("ctrl+r")
	// Remembered across runs: a new reader on the same store.
	h2 := newSuggestHarness(t, path)
	if hasSuggestion(h2, "PERSON", "Petro") {
		t.Fatal("the rejection was forgotten on reopening")
	}
}

func TestLabelKeyAcceptsWithThatLabel(t *testing.T) {
	h := newSuggestHarness(t, "")
	h.MoveTo("White", 0)
	if e, ok := cursorSuggestion(h); !ok || e.Label != "ORG" {
		t.Fatalf("not on the ORG suggestion: %+v", e)
	}
	h.Press("6") // EVENT, to be unmistakable
	_, spans := h.Doc("s.txt")
	if len(spans) != 1 || spans[0].Text != "White House" || spans[0].Label != "EVENT" {
		t.Fatalf("relabel stored %+v", spans)
	}
	if h.Last.Job == nil || !strings.HasPrefix(h.Last.Job.Done, "Accepted “White House” as EVENT; ") {
		t.Fatalf("the write's message: %+v", h.Last.Job)
	}
}

func TestAcceptAllAndAllOfOneLabelAreOneActionEach(t *testing.T) {
	h := newSuggestHarness(t, "")
	h.MoveTo("Gustavo", 0)
	persons := 0
	for _, e := range h.s.Shown() {
		if e.Label == "PERSON" {
			persons++
		}
	}
	h.Press("L")
	_, spans := h.Doc("s.txt")
	if len(spans) != persons {
		t.Fatalf("L stored %d spans, want the %d PERSON suggestions", len(spans), persons)
	}
	for _, sp := range spans {
		if sp.Label != "PERSON" {
			t.Fatalf("L stored %+v", sp)
		}
	}
	left := len(h.s.Shown())
	h.Press("Y")
	if _, spans = h.Doc("s.txt"); len(spans) != persons+left {
		t.Fatalf("Y stored %d spans in all, want %d", len(spans), persons+left)
	}
	if n := len(h.s.Shown()); n != 0 {
		t.Fatalf("%d suggestions left after Y", n)
	}
	if st := h.Status(); st.Suggest != "0 suggested" {
		t.Fatalf("status %q", st.Suggest)
	}
	h.Press("u")
	if _, spans = h.Doc("s.txt"); len(spans) != persons {
		t.Fatalf("undoing Y left %d spans, want %d", len(spans), persons)
	}
}

func TestToggleHidesSuggestionsAndTheKeysFallBack(t *testing.T) {
	h := newSuggestHarness(t, "")
	h.Press("S")
	if n := len(h.s.Shown()); n != 0 {
		t.Fatalf("%d suggestions after turning them off", n)
	}
	if st := h.Status(); !strings.Contains(st.Suggest, "off") {
		t.Fatalf("status %q", st.Suggest)
	}
	h.MoveTo("Gustavo", 0)
	h.Press("y")
	if doc, _ := h.Doc("s.txt"); doc != nil {
		t.Fatal("y accepted a hidden suggestion")
	}
	h.Press("S")
	if !hasSuggestion(h, "PERSON", "Gustavo Petro") {
		t.Fatal("turning suggestions back on did not show them")
	}
}

func TestSuggestionsLearnFromDecisionsAndKeepTheModel(t *testing.T) {
	h := newSuggestHarness(t, "")
	if hasSuggestion(h, "EVENT", "Harvest Fair") {
		t.Skip("the shipped model already knows the fair")
	}
	// Decisions: every suggestion accepted (Y) in three articles, the
	// fair tagged by hand: more than learnEvery (25).
	h.Press("Y")
	h.Enter(1)
	h.Press("Y")
	h.Enter(2)
	h.Press("Y")
	for n := 0; n < 3; n++ {
		h.MoveTo("Harvest", n)
		h.Press("v", "w", "6")
	}
	m, learned := h.s.Model()
	if learned == 0 {
		t.Fatalf("no learning after the decisions: %q", h.Host.Msg)
	}
	if _, ok, err := h.Store.LoadModel(context.Background(), suggest.ModelName); !ok || err != nil {
		t.Fatalf("the learned model was not saved: %v", err)
	}
	found := false
	for _, e := range m.Tag("Crowds came to the Harvest Fair in York on Saturday.") {
		found = found || e.Label == "EVENT" && e.Text == "Harvest Fair"
	}
	if !found {
		t.Fatalf("the learned model does not suggest the fair as an EVENT: %+v", m.Tag("Crowds came to the Harvest Fair in York on Saturday."))
	}
}

func cursorSuggestion(h *harness) (ner.Entity, bool) {
	off := h.Pane().CursorOffset()
	for _, e := range h.s.Shown() {
		if e.Start <= off && off < e.End {
			return e, true
		}
	}
	return ner.Entity{}, false
}

func TestHiddenAtStartLoadsTheModelOnlyWhenShown(t *testing.T) {
	h := newHarness(t, suggestArticles(), "", 120, 30)
	h.suggest(h.Store, false)
	h.Enter(0)
	if m, _ := h.s.Model(); m != nil || len(h.s.Shown()) != 0 {
		t.Fatal("suggestions hidden at start, yet the model was loaded or suggests")
	}
	if st := h.Status(); !strings.Contains(st.Suggest, "off") {
		t.Fatalf("status %q", st.Suggest)
	}
	h.Press("S")
	if m, _ := h.s.Model(); m == nil || !hasSuggestion(h, "PERSON", "Gustavo Petro") {
		t.Fatalf("S did not load the model and suggest: %q", suggestedTexts(h))
	}
}

func TestTagAllOnASuggestionUsesItsLabel(t *testing.T) {
	h := newSuggestHarness(t, "")
	h.MoveTo("Bessent", 1) // "Bessent later flew": a lone surname, PERSON
	h.Press("a")
	_, spans := h.Doc("s.txt")
	n := 0
	for _, sp := range spans {
		if sp.Text == "Bessent" && sp.Label == "PERSON" {
			n++
		}
	}
	// "Scott Bessent" is a suggestion of its own: tag-all leaves its
	// Bessent to it.
	if n != 1 || len(spans) != 1 || spans[0].Start != annotest.RuneIndex(t, suggestText, "Bessent", 1) {
		t.Fatalf("a on the suggestion stored %+v", spans)
	}
	if !hasSuggestion(h, "PERSON", "Scott Bessent") {
		t.Fatal("tag-all on “Bessent” took the longer suggestion's word")
	}
}
