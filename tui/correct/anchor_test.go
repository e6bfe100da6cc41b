package correct_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
	"storydesk/model/clean"
	"storydesk/tui/correct"
)

// flip is the article's cleaning now and after paragraph k's verdict flips.
func flip(raw string, k int) (now, next clean.Cleaned) {
	p := clean.Paragraphs(raw)[k]
	now = clean.Clean(raw)
	_, removed := model.RemovedPara(now.Removed, p.Start, p.End)
	var c clean.Cleaner
	next = c.CleanWith(raw, []model.Correction{{Start: p.Start, End: p.End, Keep: removed}})
	return now, next
}

// spanAt tags the n-th occurrence of word in text.
func spanAt(t *testing.T, text, word string, n int, id int64) model.Span {
	t.Helper()
	sp := storetest.Span(t, text, word, "PERSON", n)
	sp.ID = id
	return sp
}

// runeIndex is the code point offset of the n-th occurrence of sub in s.
func runeIndex(t *testing.T, s, sub string, n int) int {
	t.Helper()
	return storetest.Span(t, s, sub, "", n).Start
}

// applyMoves plays the ops on the document as the store would.
func applyMoves(t *testing.T, doc *store.Doc, next string, mv correct.Moves) ([]model.Span, []model.QuoteAnn) {
	t.Helper()
	spans := map[int64]model.Span{}
	quotes := map[int64]model.QuoteAnn{}
	for _, sp := range doc.Spans {
		spans[sp.ID] = sp
	}
	for _, q := range doc.Quotes {
		quotes[q.ID] = q
	}
	for _, op := range mv.Remove {
		switch op.Kind {
		case store.OpDelSpan:
			delete(spans, op.Span.ID)
		case store.OpDelQuote:
			delete(quotes, op.Quote.ID)
		default:
			t.Fatalf("unexpected op before the text: %s", op.Kind)
		}
	}
	for _, op := range mv.Add {
		switch op.Kind {
		case store.OpAddSpan:
			spans[op.Span.ID] = op.Span
		case store.OpAddQuote:
			quotes[op.Quote.ID] = op.Quote
		default:
			t.Fatalf("unexpected op after the text: %s", op.Kind)
		}
	}
	var outS []model.Span
	for _, sp := range spans {
		if model.RuneSlice(next, sp.Start, sp.End) != sp.Text {
			t.Fatalf("span %+v does not match the new text", sp)
		}
		outS = append(outS, sp)
	}
	model.SortSpans(outS)
	var outQ []model.QuoteAnn
	for _, q := range quotes {
		if model.RuneSlice(next, q.Start, q.End) != q.Text {
			t.Fatalf("quotation %+v does not match the new text", q)
		}
		outQ = append(outQ, q)
	}
	return outS, outQ
}

func TestMoveAnnotationsExactByParagraph(t *testing.T) {
	raw := "Harbour news\n\n" +
		"Photo: Tomas Berg at the pier. (Harbour Gazette)\n\n" +
		"Tomas Berg opened the new pier on Monday, watched by a crowd of fishermen and their families.\n\n" +
		"Ads by the sea: Tomas Berg sells boats. Call now for a quote.\n\n" +
		"“It took ten years,” said Tomas Berg, who chairs the harbour board.\n\n" +
		"The pier will open to the public next week, officials said, after a last inspection."
	ps := clean.Paragraphs(raw)
	ads := -1
	for i, p := range ps {
		if strings.HasPrefix(model.RuneSlice(raw, p.Start, p.End), "Ads by") {
			ads = i
		}
	}
	now, next := flip(raw, ads)
	if _, r := model.RemovedPara(now.Removed, ps[ads].Start, ps[ads].End); r {
		t.Fatal("fixture: the ads paragraph should be kept by the cleaner")
	}
	// Tags: Tomas Berg in every kept paragraph; the quotation's speaker is
	// the last one, the one in the ads paragraph is the one to lose.
	text := now.Text
	doc := &store.Doc{ArticleID: "a", Text: text}
	for n := 0; n < 3; n++ {
		doc.Spans = append(doc.Spans, spanAt(t, text, "Tomas Berg", n, int64(n+1)))
	}
	qt := "“It took ten years,”"
	qs := runeIndex(t, text, qt, 0)
	doc.Quotes = []model.QuoteAnn{{ID: 9, Start: qs, End: qs + model.RuneLen(qt), Text: qt, Speaker: "Tomas Berg", SpeakerSpan: 3}}
	mv, ok := correct.MoveAnnotations(raw, now, next, doc)
	if !ok {
		t.Fatal("paragraphs did not line up")
	}
	if len(mv.Lost) != 1 || mv.Lost[0].ID != 2 || len(mv.QLost) != 0 {
		t.Fatalf("lost %+v / %+v, want only the tag in the ads", mv.Lost, mv.QLost)
	}
	spans, quotes := applyMoves(t, doc, next.Text, mv)
	if len(spans) != 2 || spans[0].ID != 1 || spans[0].Start != doc.Spans[0].Start || spans[1].ID != 3 || spans[1].Start != runeIndex(t, next.Text, "Tomas Berg", 1) {
		t.Fatalf("spans after %+v", spans)
	}
	// The unmoved first tag is not rewritten; the quotation moved with its
	// speaker link.
	for _, op := range append(mv.Remove, mv.Add...) {
		if op.Span.ID == 1 {
			t.Fatalf("an unmoved span is rewritten: %+v", op)
		}
	}
	if len(quotes) != 1 || quotes[0].SpeakerSpan != 3 || quotes[0].Start != runeIndex(t, next.Text, qt, 0) {
		t.Fatalf("quotation %+v", quotes)
	}
	// Keeping the paragraph again moves the others back by as much (the
	// lost tag comes back only by undo).
	back, _ := flip(raw, ads) // the cleaner's text
	mv2, ok := correct.MoveAnnotations(raw, next, back, &store.Doc{ArticleID: "a", Text: next.Text, Spans: spans, Quotes: quotes})
	if !ok || len(mv2.Lost) != 0 {
		t.Fatalf("inserting a paragraph lost %+v", mv2.Lost)
	}
	s2, _ := applyMoves(t, &store.Doc{Spans: spans, Quotes: quotes}, back.Text, mv2)
	if s2[1].Start != doc.Spans[2].Start {
		t.Fatalf("the tag did not move back: %d, was %d", s2[1].Start, doc.Spans[2].Start)
	}
}

func TestMoveAnnotationsSpeakerLinkLostAndMultiParagraphQuote(t *testing.T) {
	raw := "The mayor spoke first.\n\n" +
		"“We will build it,” she said. “And we will pay for it ourselves.\n\n" +
		"Sign up for our newsletter\n\n" +
		"It is our harbour,” said Ilse Varga.\n\n" +
		"Ilse Varga is in her second term."
	ps := clean.Paragraphs(raw)
	cta := 2
	now := clean.Clean(raw)
	if _, r := model.RemovedPara(now.Removed, ps[cta].Start, ps[cta].End); !r {
		t.Fatalf("fixture: the call to action is kept:\n%s", now.Text)
	}
	_, next := flip(raw, cta) // keep it: it lands inside the quotation
	text := now.Text
	qt := "“And we will pay for it ourselves.\n\nIt is our harbour,”"
	qs := runeIndex(t, text, qt, 0)
	doc := &store.Doc{ArticleID: "a", Text: text,
		Spans: []model.Span{spanAt(t, text, "Ilse Varga", 0, 1), spanAt(t, text, "Ilse Varga", 1, 2)},
		Quotes: []model.QuoteAnn{
			{ID: 7, Start: qs, End: qs + model.RuneLen(qt), Text: qt, Speaker: "Ilse Varga", SpeakerSpan: 1},
			{ID: 8, Start: 0, End: model.RuneLen("The mayor"), Text: "The mayor", SpeakerSpan: 2},
		}}
	mv, ok := correct.MoveAnnotations(raw, now, next, doc)
	if !ok {
		t.Fatal("not lined up")
	}
	if len(mv.QLost) != 1 || mv.QLost[0].ID != 7 || len(mv.Lost) != 0 {
		t.Fatalf("the quotation split by the kept paragraph should be lost: %+v %+v", mv.QLost, mv.Lost)
	}
	// Quotation 8 does not move, but its speaker's span does: it is taken
	// out and put back so the link survives.
	_, quotes := applyMoves(t, doc, next.Text, mv)
	if len(quotes) != 1 || quotes[0].ID != 8 || quotes[0].SpeakerSpan != 2 || quotes[0].Start != 0 {
		t.Fatalf("quotes %+v", quotes)
	}

	// Removing the paragraph holding a speaker's tag clears that link.
	last := len(ps) - 1
	now2, next2 := flip(raw, last)
	doc2 := &store.Doc{ArticleID: "a", Text: now2.Text,
		Spans:  []model.Span{spanAt(t, now2.Text, "Ilse Varga", 1, 2)},
		Quotes: []model.QuoteAnn{{ID: 8, Start: 0, End: model.RuneLen("The mayor"), Text: "The mayor", Speaker: "Ilse Varga", SpeakerSpan: 2}}}
	mv2, _ := correct.MoveAnnotations(raw, now2, next2, doc2)
	if len(mv2.Lost) != 1 {
		t.Fatalf("lost %+v", mv2.Lost)
	}
	if _, q := applyMoves(t, doc2, next2.Text, mv2); len(q) != 1 || q[0].SpeakerSpan != 0 || q[0].Speaker != "Ilse Varga" {
		t.Fatalf("link not cleared: %+v", q)
	}
}

func TestMoveAnnotationsDatelineBack(t *testing.T) {
	raw := "Storm closes the harbour\n\nBy Ana Ruiz\n\n" +
		"KARVIK, Norland — Ilse Varga closed the harbour on Sunday as the storm reached the coast.\n\n" +
		"Boats stayed in port, Ilse Varga said."
	now := clean.Clean(raw)
	if now.Dateline == "" {
		t.Fatalf("fixture: no dateline:\n%s", now.Text)
	}
	k := 2
	p := clean.Paragraphs(raw)[k]
	var c clean.Cleaner
	next := c.CleanWith(raw, []model.Correction{{Start: p.Start, End: p.End, Keep: true}})
	doc := &store.Doc{ArticleID: "a", Text: now.Text, Spans: []model.Span{spanAt(t, now.Text, "Ilse Varga", 0, 1), spanAt(t, now.Text, "Ilse Varga", 1, 2)}}
	mv, ok := correct.MoveAnnotations(raw, now, next, doc)
	if !ok || len(mv.Lost) != 0 {
		t.Fatalf("%v lost %+v", ok, mv.Lost)
	}
	spans, _ := applyMoves(t, doc, next.Text, mv)
	if spans[0].Start != runeIndex(t, next.Text, "Ilse Varga", 0) || spans[1].Start != runeIndex(t, next.Text, "Ilse Varga", 1) {
		t.Fatalf("spans %+v in\n%s", spans, next.Text)
	}
}

// On generated articles, a tag on a word that occurs once goes where
// model.Reanchor (search by text and context) puts it, or is lost with it.
func TestMoveAnnotationsAgreesWithReanchorOnUniqueWords(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	checked := 0
	for i := 0; i < 150; i++ {
		raw := genCorrectArticle(r)
		ps := clean.Paragraphs(raw)
		k := r.IntN(len(ps))
		now, next := flip(raw, k)
		words := strings.Fields(now.Text)
		var spans []model.Span
		for j := 0; j < 6 && len(words) > 0; j++ {
			w := strings.Trim(words[r.IntN(len(words))], ".,“”")
			if len(w) < 4 || strings.Count(now.Text, w) != 1 || strings.Count(next.Text, w) > 1 {
				continue
			}
			s := runeIndex(t, now.Text, w, 0)
			sp := model.Span{ID: int64(len(spans) + 1), Start: s, End: s + model.RuneLen(w), Text: w, Label: "MISC"}
			if _, clash := model.FindOverlap(spans, sp.Start, sp.End, 0); clash {
				continue
			}
			spans = append(spans, sp)
		}
		doc := &store.Doc{ArticleID: "a", Text: now.Text, Spans: spans}
		mv, ok := correct.MoveAnnotations(raw, now, next, doc)
		if !ok {
			t.Fatalf("article %d: paragraphs did not line up", i)
		}
		got, _ := applyMoves(t, doc, next.Text, mv)
		placed, lost := model.Reanchor(now.Text, next.Text, spans)
		model.SortSpans(placed)
		if fmt.Sprint(got) != fmt.Sprint(placed) || len(lost) != len(mv.Lost) {
			t.Fatalf("article %d, paragraph %d: moved %v lost %v; Reanchor %v lost %v", i, k, got, mv.Lost, placed, lost)
		}
		checked += len(spans)
	}
	if checked < 200 {
		t.Fatalf("only %d spans checked", checked)
	}
}

// genCorrectArticle writes an article with furniture between prose
// paragraphs, each word numbered so many occur once.
func genCorrectArticle(r *rand.Rand) string {
	furniture := []string{"Photo: The harbour at dawn. (Harbour Gazette)", "Sign up for our morning newsletter", "Advertisement", "Read more: Ferry fares rise again"}
	var parts []string
	n := 3 + r.IntN(6)
	for p := 0; p < n; p++ {
		if r.IntN(3) == 0 {
			parts = append(parts, furniture[r.IntN(len(furniture))])
		}
		var w []string
		for k := 0; k < 12+r.IntN(20); k++ {
			w = append(w, fmt.Sprintf("%s%d", []string{"harbour", "council", "ferry", "pier", "storm", "island"}[r.IntN(6)], r.IntN(500)))
		}
		parts = append(parts, "The "+strings.Join(w, " ")+" said the officials.")
	}
	return strings.Join(parts, "\n\n")
}
