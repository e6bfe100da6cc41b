package store

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
)

// The checks Do makes on every span and quotation (inside the text, the
// text it covers, no overlap), now made against the text read once per
// transaction and with one index step for overlaps.

// TestStoreOverlapCheckAgainstBruteForce places random spans, one action
// each, and compares every decision with a brute-force search of the
// spans stored so far.
func TestStoreOverlapCheckAgainstBruteForce(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	text := strings.Repeat("Ilse Varga met Zoë Ng 😀 in Kyōto on Monday. ", 12)
	rs := []rune(text)
	a := testArticle("x.txt", text)
	rng := rand.New(rand.NewPCG(1, 2))
	var stored []model.Span
	refused, saved := 0, 0
	for i := 0; i < 400; i++ {
		start := rng.IntN(len(rs) - 1)
		end := start + 1 + rng.IntN(min(12, len(rs)-start))
		sp := model.Span{Start: start, End: end, Label: "MISC", Text: string(rs[start:end])}
		var want *model.Span
		for k := range stored {
			if stored[k].Start < end && stored[k].End > start {
				want = &stored[k]
				break
			}
		}
		done, err := s.Do(ctx, tag(a, sp))
		switch {
		case want == nil && err != nil:
			t.Fatalf("%d–%d refused, but it overlaps nothing: %v", start, end, err)
		case want != nil && !errors.Is(err, ErrOverlap):
			t.Fatalf("%d–%d overlaps %d–%d, got %v", start, end, want.Start, want.End, err)
		case want != nil:
			var oe *OverlapError
			errors.As(err, &oe)
			if oe.With.Start >= end || oe.With.End <= start {
				t.Fatalf("%d–%d: the error names %d–%d, which does not overlap it", start, end, oe.With.Start, oe.With.End)
			}
			refused++
		default:
			sp.ID = done.Ops[0].Span.ID
			stored = append(stored, sp)
			saved++
		}
	}
	if saved < 20 || refused < 20 {
		t.Fatalf("too few of each to mean anything: %d saved, %d refused", saved, refused)
	}
	// Moving a span onto its own old place, or next to its neighbours, is
	// not an overlap with itself.
	sp := stored[0]
	if _, err := s.Do(ctx, Action{Name: "relabel", Ops: []Op{{Kind: OpSetSpan, Article: a.ID, Span: model.Span{ID: sp.ID, Start: sp.Start, End: sp.End, Label: "PERSON", Text: sp.Text}}}}); err != nil {
		t.Fatalf("relabelling in place: %v", err)
	}
}

// TestStoreSpanChecksFollowTheTextInOneAction: an action that changes the
// text checks the spans after it against the new text, undo against the
// old, and a span reaching past the end of the text is refused.
func TestStoreSpanChecksFollowTheTextInOneAction(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	old := "Zoë Ng met Ilse Varga."
	neu := "Photo: the harbour.\n\n" + old
	a := testArticle("x.txt", old)
	first, err := s.Do(ctx, tag(a, spanOf(t, old, "Ilse Varga", "PERSON")))
	if err != nil {
		t.Fatal(err)
	}
	// As the reader moves tags across a text change: delete, change the
	// text, add back under the old id (undo replays it in reverse).
	was := first.Ops[0].Span
	moved := spanOf(t, neu, "Ilse Varga", "PERSON")
	moved.ID = was.ID
	relabelled := was
	relabelled.Label = "ORG"
	correct := func(zoe model.Span) Action {
		return Action{Name: "correct", Ops: []Op{
			// Checked against the old text, which the transaction then holds.
			{Kind: OpSetSpan, Article: a.ID, Span: relabelled},
			{Kind: OpDelSpan, Article: a.ID, Span: was},
			{Kind: OpSetText, Article: a.ID, Text: neu},
			{Kind: OpAddSpan, Article: a.ID, Span: moved},
			{Kind: OpAddSpan, Article: a.ID, Span: zoe},
		}}
	}
	// The old place of Zoë Ng does not hold her name in the new text.
	if _, err := s.Do(ctx, correct(spanOf(t, old, "Zoë Ng", "PERSON"))); err == nil {
		t.Fatal("a span checked against the text before the action's change")
	}
	if doc, _, _ := s.Doc(ctx, a.ID); doc.Text != old || len(doc.Spans) != 1 || doc.Spans[0].Start != was.Start {
		t.Fatal("a refused action changed the store")
	}
	if _, err := s.Do(ctx, correct(spanOf(t, neu, "Zoë Ng", "PERSON"))); err != nil {
		t.Fatalf("spans against the new text: %v", err)
	}
	if doc, _, _ := s.Doc(ctx, a.ID); doc.Text != neu || len(doc.Spans) != 2 || doc.Spans[1] != moved {
		t.Fatalf("after the correction: %+v", doc)
	}
	// Undo takes the spans out of the new text, puts the old text back,
	// then the span in it: each check against the text of its moment.
	if _, ok, err := s.Undo(ctx); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if doc, _, _ := s.Doc(ctx, a.ID); doc.Text != old || len(doc.Spans) != 1 || doc.Spans[0] != was {
		t.Fatalf("after undo: %+v", doc)
	}
	if _, ok, err := s.Redo(ctx); !ok || err != nil {
		t.Fatalf("redo: %v %v", ok, err)
	}
	// Past the end: the last letters with an end beyond the text.
	n := model.RuneLen(neu)
	past := model.Span{Start: n - 6, End: n + 3, Label: "MISC", Text: model.RuneSlice(neu, n-6, n)}
	if _, err := s.Do(ctx, tag(a, past)); err == nil {
		t.Fatal("a span reaching past the end of the text was saved")
	}
	q := model.QuoteAnn{Start: n - 6, End: n + 1, Text: model.RuneSlice(neu, n-6, n)}
	if _, err := s.Do(ctx, Action{Name: "quote", Ops: []Op{{Kind: OpAddQuote, Article: a.ID, Quote: q}}}); err == nil {
		t.Fatal("a quotation reaching past the end of the text was saved")
	}
}
