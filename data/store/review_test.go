package store_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// Unreviewed counts what an import brought that no one has looked at:
// spans with a source and accepted quotations with one, per article; what
// was tagged by hand does not count, and clearing a source (as the reader's
// accept does: the span deleted and added back under its id without one)
// takes it off, undo puts it back.
func TestUnreviewedCountsImportedAnnotations(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "r.db"))
	text := "Ilse Varga met Zoë Ng in Port Ellis. “We agreed,” Varga said."
	var spans []string
	for _, w := range []string{"Ilse Varga", "Zoë Ng", "Port Ellis"} {
		sp := exSpan(t, text, w, "PERSON", 0)
		spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d,"label":"PERSON","text":%q}`, sp.Start, sp.End, w))
	}
	q := exSpan(t, text, "We agreed,", "", 0)
	lines := fmt.Sprintf(`{"id":"a","text":%q,"spans":[%s,%s,%s],"quotes":[{"start":%d,"end":%d,"text":"We agreed,","speaker":"Ilse Varga","speaker_span":0}]}`,
		text, spans[0], spans[1], spans[2], q.Start, q.End) + "\n" +
		fmt.Sprintf(`{"id":"b","text":%q,"spans":[%s]}`, text, spans[1]) + "\n" +
		fmt.Sprintf(`{"id":"c","text":%q}`, text) + "\n"
	if st, probs := exImport(t, s, lines, 10); st.Articles != 3 || len(probs) != 0 {
		t.Fatalf("import %+v %v", st, probs)
	}
	want := func(exp map[string]int) {
		t.Helper()
		got, err := s.Unreviewed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			t.Fatalf("unreviewed %v, want %v", got, exp)
		}
	}
	want(map[string]int{"a": 4, "b": 1})

	// A span tagged by hand is not counted.
	varga := exSpan(t, text, "Varga", "PERSON", 1)
	if _, err := s.Do(ctx, store.Action{Name: "tag", Ops: []store.Op{{Kind: store.OpAddSpan, Article: "c", Span: varga}}}); err != nil {
		t.Fatal(err)
	}
	want(map[string]int{"a": 4, "b": 1})

	// Accepting Ilse Varga: her quotation's link is cleared around the
	// delete and re-add and restored after, in one action.
	doc, _, _ := s.Doc(ctx, "a")
	ilse := doc.Spans[0]
	quote := doc.Quotes[0]
	if ilse.Source != "import:in.jsonl" || quote.SpeakerSpan != ilse.ID {
		t.Fatalf("imported %+v %+v", ilse, quote)
	}
	unlinked := quote
	unlinked.SpeakerSpan = 0
	accepted := ilse
	accepted.Source = ""
	if _, err := s.Do(ctx, store.Action{Name: "accept", Ops: []store.Op{
		{Kind: store.OpSetQuote, Article: "a", Quote: unlinked},
		{Kind: store.OpDelSpan, Article: "a", Span: ilse},
		{Kind: store.OpAddSpan, Article: "a", Span: accepted},
		{Kind: store.OpSetQuote, Article: "a", Quote: quote},
	}}); err != nil {
		t.Fatal(err)
	}
	want(map[string]int{"a": 3, "b": 1})
	doc, _, _ = s.Doc(ctx, "a")
	if doc.Spans[0] != accepted || doc.Quotes[0].SpeakerSpan != ilse.ID {
		t.Fatalf("after accept %+v %+v", doc.Spans[0], doc.Quotes[0])
	}
	if _, ok, err := s.Undo(ctx); !ok || err != nil {
		t.Fatal(ok, err)
	}
	want(map[string]int{"a": 4, "b": 1})
	doc, _, _ = s.Doc(ctx, "a")
	if doc.Spans[0] != ilse || doc.Quotes[0] != quote {
		t.Fatalf("after undo %+v %+v", doc.Spans[0], doc.Quotes[0])
	}

	// A rejected imported quotation is a decision already: not counted.
	rejected := quote
	rejected.Status = model.QuoteRejected
	if _, err := s.Do(ctx, store.Action{Name: "reject", Ops: []store.Op{{Kind: store.OpSetQuote, Article: "a", Quote: rejected}}}); err != nil {
		t.Fatal(err)
	}
	want(map[string]int{"a": 3, "b": 1})
}
