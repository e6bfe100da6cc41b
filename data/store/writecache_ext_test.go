package store_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// A tag is checked against the article's text as the store holds it, even
// when this session's write cache holds an older text: another session
// re-anchored the article (its text changed) between two tags.
func TestTagAgainstATextChangedElsewhere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	a := openTestStore(t, path)
	b := openTestStore(t, path)
	art := &model.Article{ID: "a1", Title: "T", Text: "Ilse Varga met Tom Reyes in Oslo."}
	if _, err := a.Do(ctx, tag(art, spanOf(t, art.Text, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	// Session a's cache now holds the text. Session b (the same
	// annotator, so the re-anchoring is allowed) moves the words.
	newText := "Yesterday, Tom Reyes met Ilse Varga in Bergen."
	if _, err := b.Do(ctx, store.Action{Name: "re-anchor", Ops: []store.Op{{Kind: store.OpSetText, Article: "a1", Text: newText}}}); err != nil {
		t.Fatal(err)
	}
	// "Oslo" at its old offsets is not what the text holds any more.
	old := spanOf(t, art.Text, "Oslo", "GPE")
	if _, err := a.Do(ctx, store.Action{Name: "tag", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a1", Span: old}}}); err == nil || !strings.Contains(err.Error(), "does not match the article text") {
		t.Fatalf("a span of the old text was stored: err %v", err)
	}
	// A span of the new text is taken, at its offsets.
	got, err := a.Do(ctx, store.Action{Name: "tag", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a1", Span: spanOf(t, newText, "Bergen", "GPE")}}})
	if err != nil {
		t.Fatalf("a span of the new text was refused: %v", err)
	}
	if got.Ops[0].Span.ID == 0 {
		t.Error("no id for the new span")
	}
	// And an overlap is still refused, naming the span.
	var oe *store.OverlapError
	_, err = a.Do(ctx, store.Action{Name: "tag", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "a1", Span: spanOf(t, newText, "Berg", "ORG")}}})
	if !errors.As(err, &oe) || oe.With.Text != "Bergen" {
		t.Fatalf("overlap with Bergen: err %v", err)
	}
}
