package store

import (
	"path/filepath"
	"testing"

	"storydesk/model"
)

func TestDoAcrossArticlesSnapshotsAtomicallyAndHashes(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	a, b := testArticle("a.txt", storyText), testArticle("b.txt", "Ilse Varga again.")
	ops := []Op{
		{Kind: OpAddSpan, Article: "a.txt", Span: spanOf(t, storyText, "Ilse Varga", "PERSON")},
		{Kind: OpAddSpan, Article: "b.txt", Span: spanOf(t, b.Text, "Ilse Varga", "PERSON")},
		{Kind: OpSetStatus, Article: "b.txt", Status: model.StatusInProgress},
	}
	// A refused op (text mismatch) rolls back the snapshots too.
	bad := append([]Op(nil), ops...)
	bad[1].Span.Text = "Someone Else"
	if _, err := s.Do(ctx, Action{Name: "tag all", Ops: bad, Articles: []*model.Article{a, b}}); err == nil {
		t.Fatal("a mismatched span must be refused")
	}
	if st, _ := s.Statuses(ctx); len(st) != 0 {
		t.Fatalf("a refused action left snapshots: %v", st)
	}
	done, err := s.Do(ctx, Action{Name: "tag all", Ops: ops, Articles: []*model.Article{a, b}})
	if err != nil || done.ID == 0 {
		t.Fatal(err)
	}
	h, err := s.Hashes(ctx)
	if err != nil || h["a.txt"] != model.HashText(a.Text) || h["b.txt"] != model.HashText(b.Text) {
		t.Fatalf("hashes %v %v", h, err)
	}
	// One undo takes back the ops in both articles.
	if _, ok, err := s.Undo(ctx); !ok || err != nil {
		t.Fatal(ok, err)
	}
	for _, id := range []string{"a.txt", "b.txt"} {
		if doc, _, _ := s.Doc(ctx, id); len(doc.Spans) != 0 {
			t.Fatalf("%s after undo: %+v", id, doc.Spans)
		}
	}
}
