package store

import (
	"database/sql"
	"path/filepath"
	"testing"

	"storydesk/data/store/schema"
	"storydesk/model"
)

func TestStoreQuotesUndoRedo(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	text := "“We will rebuild,” said Zoë Ng. Later she left."
	a := testArticle("q.txt", text)
	name := spanOf(t, text, "Zoë Ng", "PERSON")
	tagged, err := s.Do(ctx, tag(a, name))
	if err != nil {
		t.Fatal(err)
	}
	q := model.QuoteAnn{Start: 1, End: 16, Text: "We will rebuild", Speaker: "Zoë Ng", SpeakerSpan: tagged.Ops[0].Span.ID, Kind: model.QuoteDirect}
	done, err := s.Do(ctx, Action{Name: "accept quote", Ops: []Op{{Kind: OpAddQuote, Article: a.ID, Quote: q}}})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := s.Doc(ctx, a.ID)
	if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerSpan != tagged.Ops[0].Span.ID || doc.Quotes[0].Status != model.QuoteAccepted {
		t.Fatalf("quotes %+v", doc.Quotes)
	}
	// Change kind, undo it; delete the speaker's span: the link goes, the quote stays.
	q2 := done.Ops[0].Quote
	q2.Kind = model.QuotePartial
	if _, err := s.Do(ctx, Action{Name: "kind", Ops: []Op{{Kind: OpSetQuote, Article: a.ID, Quote: q2}}}); err != nil {
		t.Fatal(err)
	}
	s.Undo(ctx)
	if _, err := s.Do(ctx, Action{Name: "delete span", Ops: []Op{{Kind: OpDelSpan, Article: a.ID, Span: model.Span{ID: tagged.Ops[0].Span.ID}}}}); err != nil {
		t.Fatal(err)
	}
	doc, _, _ = s.Doc(ctx, a.ID)
	if len(doc.Quotes) != 1 || doc.Quotes[0].Kind != model.QuoteDirect || doc.Quotes[0].SpeakerSpan != 0 {
		t.Fatalf("after undo and span delete: %+v", doc.Quotes)
	}
	bad := q
	bad.Text = "We will not"
	if _, err := s.Do(ctx, Action{Name: "bad", Ops: []Op{{Kind: OpAddQuote, Article: a.ID, Quote: bad}}}); err == nil {
		t.Fatal("a quote that does not match the text must be refused")
	}
}

func TestStoreDupLabelsCanonicalCorrectionsSignatures(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	label := func(a, b string, l model.DupLabel) {
		t.Helper()
		if _, err := s.Do(ctx, Action{Name: "label pair", Ops: []Op{{Kind: OpSetDupLabel, A: a, B: b, DupLabel: l}}}); err != nil {
			t.Fatal(err)
		}
	}
	label("z.txt", "a.txt", model.LabelNearDup) // stored as (a, z)
	label("a.txt", "z.txt", model.LabelDuplicate)
	got, _ := s.DupLabels(ctx)
	if len(got) != 1 || got[0].A != "a.txt" || got[0].Label != model.LabelDuplicate {
		t.Fatalf("labels %+v", got)
	}
	s.Undo(ctx)
	if got, _ := s.DupLabels(ctx); got[0].Label != model.LabelNearDup {
		t.Fatalf("undo relabel: %+v", got)
	}
	s.Undo(ctx)
	if got, _ := s.DupLabels(ctx); len(got) != 0 {
		t.Fatalf("undo first label: %+v", got)
	}
	if _, err := s.Do(ctx, Action{Name: "canonical", Ops: []Op{{Kind: OpSetCanonical, Article: "a.txt", Flag: true}}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Canonicals(ctx); !c["a.txt"] {
		t.Fatal("canonical not stored")
	}
	if _, err := s.Do(ctx, Action{Name: "keep line", Ops: []Op{{Kind: OpSetCorrect, Article: "a.txt", RawStart: 0, RawEnd: 5, Keep: 1}}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Corrections(ctx, "a.txt"); len(c) != 1 || !c[0].Keep {
		t.Fatalf("corrections %+v", c)
	}
	s.Undo(ctx)
	if c, _ := s.Corrections(ctx, "a.txt"); len(c) != 0 {
		t.Fatalf("undo correction: %+v", c)
	}
	if err := s.PutSignatures(ctx, 1, map[string][]byte{"h1": {1, 2}, "h2": {3}}); err != nil {
		t.Fatal(err)
	}
	sigs, err := s.Signatures(ctx, 1, []string{"h1", "h3"})
	if err != nil || len(sigs) != 1 || sigs["h1"][1] != 2 {
		t.Fatalf("signatures %v %v", sigs, err)
	}
	if sigs, _ := s.Signatures(ctx, 2, []string{"h1"}); len(sigs) != 0 {
		t.Fatal("a signature of another version was returned")
	}
}

func TestStoreMigratesOldSchemaForward(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{schema.Migrations[0], "PRAGMA user_version = 1",
		`INSERT INTO articles(id, text, hash, status, annotator, created_at, updated_at) VALUES ('x.txt', 'Ilse Varga spoke.', 'h', 'done', 'tester', 'now', 'now')`,
		`INSERT INTO spans(article_id, start, "end", label, text, annotator, created_at, updated_at) VALUES ('x.txt', 0, 10, 'PERSON', 'Ilse Varga', 'tester', 'now', 'now')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := openTestStore(t, path)
	var v int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion {
		t.Fatalf("schema %d after open, want %d", v, SchemaVersion)
	}
	doc, ok, err := s.Doc(ctx, "x.txt")
	if err != nil || !ok || len(doc.Spans) != 1 || doc.Spans[0].Text != "Ilse Varga" || doc.Status != model.StatusDone {
		t.Fatalf("data lost in migration: %+v %v", doc, err)
	}
}
