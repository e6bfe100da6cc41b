package annotate_test

import (
	"testing"

	"storydesk/model"
)

// Spans are fitted to the recogniser's tokens (snap.go), with suggestions
// or without: tagging "Colombia's" stores "Colombia".
func TestTaggingSnapsToTheName(t *testing.T) {
	text := "Petro said Colombia's army would keep working with the United States."
	arts := []*model.Article{{ID: "s.txt", Path: "s.txt", Title: "Story S", Text: text, Raw: text}}
	h := newHarness(t, arts, "", 120, 30)
	h.Enter(0)
	h.MoveTo("Colombia's", 0)
	h.Press("3")
	_, spans := h.Doc("s.txt")
	if len(spans) != 1 || spans[0].Text != "Colombia" {
		t.Fatalf("tagging Colombia's stored %+v", spans)
	}
}
