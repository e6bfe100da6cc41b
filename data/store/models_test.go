package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"storydesk/model"
)

func TestModelStoreSavesReplacesAndSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s := openTestStore(t, path)
	var ms ModelStore = s
	if _, ok, err := ms.LoadModel(ctx, "ner"); ok || err != nil {
		t.Fatalf("empty store: ok %v err %v", ok, err)
	}
	if err := ms.SaveModel(ctx, "ner", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := ms.SaveModel(ctx, "ner", []byte("two\x00bytes")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTestStore(t, path)
	b, ok, err := s.LoadModel(ctx, "ner")
	if err != nil || !ok || !bytes.Equal(b, []byte("two\x00bytes")) {
		t.Fatalf("after reopen: %q %v %v", b, ok, err)
	}
	if _, ok, _ := s.LoadModel(ctx, "other"); ok {
		t.Fatal("a name never saved loads")
	}
}

func TestRejectionIsOneUndoableActionInTheDoc(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	s := openTestStore(t, path)
	text := "Petro met Bessent in Bogotá."
	a := testArticle("a1", text)
	rej := spanOf(t, text, "Bessent", "ORG")
	act := Action{Name: "reject", Article: a, Ops: []Op{{Kind: OpSetReject, Article: "a1", Span: rej, Flag: true}}}
	if _, err := s.Do(ctx, act); err != nil {
		t.Fatal(err)
	}
	doc, _, err := s.Doc(ctx, "a1")
	if err != nil || len(doc.Rejected) != 1 || doc.Rejected[0].Text != "Bessent" || doc.Rejected[0].Label != "ORG" {
		t.Fatalf("rejected after Do: %+v %v", doc.Rejected, err)
	}
	if len(doc.Spans) != 0 {
		t.Fatalf("a rejection made a span: %+v", doc.Spans)
	}
	if _, ok, err := s.Undo(ctx); !ok || err != nil {
		t.Fatal("undo", ok, err)
	}
	if doc, _, _ = s.Doc(ctx, "a1"); len(doc.Rejected) != 0 {
		t.Fatalf("undo left %+v", doc.Rejected)
	}
	if _, ok, err := s.Redo(ctx); !ok || err != nil {
		t.Fatal("redo", ok, err)
	}
	s.Close()
	s = openTestStore(t, path)
	if doc, _, _ = s.Doc(ctx, "a1"); len(doc.Rejected) != 1 {
		t.Fatalf("redo then reopen: %+v", doc.Rejected)
	}
	// A rejection whose text is not the article's is refused.
	bad := model.Span{Start: 0, End: 5, Label: "ORG", Text: "Bogus"}
	if _, err := s.Do(ctx, Action{Name: "reject", Ops: []Op{{Kind: OpSetReject, Article: "a1", Span: bad, Flag: true}}}); err == nil {
		t.Fatal("a mismatched rejection was stored")
	}
}
