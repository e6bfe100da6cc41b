package export

import (
	"context"
	"path/filepath"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

func TestNERDocsCompleteness(t *testing.T) {
	ctx := context.Background()
	s, err := store.OpenSQLite(filepath.Join(t.TempDir(), "a.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	art := func(id, text string) *model.Article { return &model.Article{ID: id, Path: id, Text: text} }
	do := func(a *model.Article, ops ...store.Op) {
		t.Helper()
		if _, err := s.Do(ctx, store.Action{Name: "t", Article: a, Ops: ops}); err != nil {
			t.Fatal(err)
		}
	}
	// tagged: a span, in progress; rejected: only a rejection; done: marked
	// done without spans; plain: a status change and nothing else.
	do(art("tagged", "Petro spoke."), store.Op{Kind: store.OpAddSpan, Article: "tagged", Span: model.Span{Start: 0, End: 5, Label: "PERSON", Text: "Petro"}})
	do(art("rejected", "Apple fell."), store.Op{Kind: store.OpSetReject, Article: "rejected", Flag: true, Span: model.Span{Start: 0, End: 5, Label: "ORG", Text: "Apple"}})
	do(art("done", "Nothing here."), store.Op{Kind: store.OpSetStatus, Article: "done", Status: model.StatusDone})
	do(art("plain", "Nor here."), store.Op{Kind: store.OpSetStatus, Article: "plain", Status: model.StatusInProgress})

	docs, st, err := NERDocs(ctx, s, false)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, d := range docs {
		got[d.Text] = d.Complete
	}
	if len(docs) != 2 || got["Petro spoke."] != true || got["Apple fell."] != false || st.Complete != 1 || st.Rejected != 1 || st.Spans != 1 {
		t.Fatalf("default: %+v %+v", got, st)
	}
	docs, st, err = NERDocs(ctx, s, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Text != "Nothing here." || !docs[0].Complete || st.Articles != 1 {
		t.Fatalf("only done: %+v %+v", docs, st)
	}
}
