package tui

import (
	"storydesk/data/corpus"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/ui"
)

// The quotes tests run on the embedded sample corpus: its wire story
// (wire-ferry-ap.txt) has eight quotations of every cue style, and three
// other articles carry some of them.

func sampleSource(tb testing.TB) Source {
	tb.Helper()
	c, err := corpus.OpenSample()
	if err != nil {
		tb.Fatal(err)
	}
	return FromCorpus(c)
}

// openQuotes selects article id in the list and presses Q: annotate mode
// with quotes mode on, detection done.
func openQuotes(tb testing.TB, m *Model, id string) {
	tb.Helper()
	idx := m.itemIndex(id)
	if idx < 0 || !m.list.selectItem(idx) {
		tb.Fatalf("no article %s in the list", id)
	}
	drive(tb, m, m.syncDetail())
	press(tb, m, "Q")
	if !m.annotating || !m.quotes.on || m.ann.id != id {
		tb.Fatalf("Q did not open quotes mode on %s (annotating %v, on %v, id %q): %q", id, m.annotating, m.quotes.on, m.ann.id, m.message)
	}
	if m.quotes.detecting || len(m.quotes.items) == 0 {
		tb.Fatalf("no quotations detected in %s", id)
	}
}

// quotesOf reads an article's stored quotations through a handle of its own.
func quotesOf(tb testing.TB, path, id string) []model.QuoteAnn {
	tb.Helper()
	doc, _ := spansOf(tb, path, id)
	if doc == nil {
		return nil
	}
	return doc.Quotes
}

// curQuote is the quotation under the cursor.
func curQuote(tb testing.TB, m *Model) *quoteItem {
	tb.Helper()
	i := m.currentQuote()
	if i < 0 {
		tb.Fatalf("no quotation under the cursor (on %q)", cursorText(m))
	}
	return &m.quotes.items[i]
}

// stepTo presses n until the quotation starting with prefix is current.
func stepTo(tb testing.TB, m *Model, prefix string) *quoteItem {
	tb.Helper()
	for i := 0; i <= len(m.quotes.items); i++ {
		apress(tb, m, "n")
		if it := curQuote(tb, m); strings.HasPrefix(it.text, prefix) {
			return it
		}
	}
	tb.Fatalf("n never reaches the quotation %q", prefix)
	return nil
}

// tagName tags the n-th occurrence of name with label key lk.
func tagName(tb testing.TB, m *Model, name string, n int, lk string) model.Span {
	tb.Helper()
	moveTo(tb, m, name, n)
	for i := 1; i < len(strings.Fields(name)); i++ {
		apress(tb, m, "shift+right")
	}
	apress(tb, m, lk)
	sp, ok := m.ann.spanAt(runeIndex(tb, m.ann.text, name, n))
	if !ok || sp.Text != name {
		tb.Fatalf("%q not tagged: %q", name, m.message)
	}
	return sp
}

const (
	qCity     = "This city has lost its mothers"
	qLooking  = "We will not stop looking"
	qRace     = "a race against the sea"
	qFamilies = "The families deserve nothing less."
)

func TestQuotesStepAcceptLinkUndo(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openQuotes(t, m, "wire-ferry-ap.txt")
	text := m.ann.text
	// The attribution of the first quotation, tagged as a person first.
	varga := tagName(t, m, "Ilse Varga", 0, "1")
	if m.mode() != "QUOTES" {
		t.Fatalf("mode %q", m.mode())
	}

	// n/N step through the detections in text order, the cursor on each.
	apress(t, m, "g")
	var starts []int
	for i := 0; i < 8; i++ {
		apress(t, m, "n")
		it := curQuote(t, m)
		if cs, _ := m.ann.cursorRange(); cs != it.start {
			t.Fatalf("cursor at %d, quotation at %d", cs, it.start)
		}
		starts = append(starts, it.start)
	}
	for i := 1; i < len(starts); i++ {
		if starts[i] <= starts[i-1] {
			t.Fatalf("n does not go forward: %v", starts)
		}
	}
	if want := len(quote.Detect(text)); len(starts) != want || len(m.quotes.items) != want {
		t.Fatalf("stepped %d, listed %d, detector finds %d", len(starts), len(m.quotes.items), want)
	}
	apress(t, m, "n")
	if m.message != "Wrapped to the first quotation" || curQuote(t, m).start != starts[0] {
		t.Fatalf("n past the last: %q", m.message)
	}
	apress(t, m, "N")
	if curQuote(t, m).start != starts[7] {
		t.Fatal("N from the first does not wrap to the last")
	}

	// enter accepts with the suggested speaker, linked to the tagged mention.
	apress(t, m, "g")
	city := stepTo(t, m, qCity)
	if city.status() != quoteSuggested || city.speaker() != "Ilse Varga" {
		t.Fatalf("suggestion %+v", city)
	}
	apress(t, m, "enter")
	qs := quotesOf(t, path, "wire-ferry-ap.txt")
	if len(qs) != 1 {
		t.Fatalf("stored %+v", qs)
	}
	q := qs[0]
	if q.Status != model.QuoteAccepted || q.Speaker != "Ilse Varga" || q.SpeakerSpan != varga.ID || q.Kind != model.QuoteDirect ||
		q.Text != model.RuneSlice(text, q.Start, q.End) || !strings.HasPrefix(q.Text, qCity) {
		t.Fatalf("stored quotation %+v (Varga span %d)", q, varga.ID)
	}
	if it := curQuote(t, m); it.status() != model.QuoteAccepted || !strings.Contains(m.message, "linked to PERSON") {
		t.Fatalf("screen after accept: %s, %q", it.status(), m.message)
	}
	apress(t, m, "enter")
	if !strings.HasPrefix(m.message, "Already accepted") || len(quotesOf(t, path, "wire-ferry-ap.txt")) != 1 {
		t.Fatalf("second enter: %q", m.message)
	}
	// The next one inherits its speaker from the same attribution.
	stepTo(t, m, qLooking)
	apress(t, m, "enter")
	qs = quotesOf(t, path, "wire-ferry-ap.txt")
	if len(qs) != 2 || qs[1].Speaker != "Ilse Varga" || qs[1].SpeakerSpan != varga.ID {
		t.Fatalf("inherited speaker: %+v", qs)
	}

	// Undo and redo, through the same queue.
	apress(t, m, "u")
	if qs = quotesOf(t, path, "wire-ferry-ap.txt"); len(qs) != 1 || !strings.HasPrefix(m.message, "Undid: accept quotation") {
		t.Fatalf("undo: %+v %q", qs, m.message)
	}
	if it := curQuote(t, m); it.status() != quoteSuggested {
		t.Fatalf("undone quotation shows as %s", it.status())
	}
	apress(t, m, "ctrl+r")
	if qs = quotesOf(t, path, "wire-ferry-ap.txt"); len(qs) != 2 || qs[1].SpeakerSpan != varga.ID {
		t.Fatalf("redo: %+v", qs)
	}

	// Deleting the speaker's span unlinks the quotations; undo links them again.
	moveTo(t, m, "Ilse Varga", 0)
	apress(t, m, "Q", "x") // x deletes spans outside quotes mode
	for _, q := range quotesOf(t, path, "wire-ferry-ap.txt") {
		if q.SpeakerSpan != 0 || q.Speaker != "Ilse Varga" {
			t.Fatalf("deleted speaker span still linked: %+v", q)
		}
	}
	apress(t, m, "u")
	for _, q := range quotesOf(t, path, "wire-ferry-ap.txt") {
		if q.SpeakerSpan != varga.ID {
			t.Fatalf("undo did not restore the link: %+v", q)
		}
	}
}

func TestQuotesSpeakerKindRejectHandTagAndReopen(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openQuotes(t, m, "wire-ferry-ap.txt")
	apress(t, m, "Q") // quotes mode off: tag entities with 1–9 and move freely
	ekholm := tagName(t, m, "Jonas Ekholm", 0, "1")
	annika := tagName(t, m, "Annika Sjöberg", 0, "1")
	union := tagName(t, m, "Northern Seafarers' Union", 0, "2")
	apress(t, m, "Q", "g")

	// Pick another speaker: the prompt lists the tagged people and
	// organisations, the suggestion first; tab cycles through them.
	stepTo(t, m, qRace)
	apress(t, m, "s")
	p := m.quotes.prompt
	if p == nil || p.input.Value() != "Jonas Ekholm" || len(p.cands) < 3 || p.cands[0].name != "Jonas Ekholm" || !p.cands[0].suggested {
		t.Fatalf("speaker prompt %+v", p)
	}
	if v := plain(m); !strings.Contains(v, "Speaker of “a race against the sea”") || !strings.Contains(v, "Northern Seafarers' Union  ORG ×1") {
		t.Fatalf("prompt not drawn in the panel:\n%s", v)
	}
	apress(t, m, "ctrl+u")
	typeText(t, m, "ann")
	if len(p.matches) != 1 || p.cands[p.matches[0]].name != "Annika Sjöberg" {
		t.Fatalf("completion for “ann”: %v", p.matches)
	}
	apress(t, m, "tab", "enter")
	q := findQuote(t, path, "wire-ferry-ap.txt", qRace)
	if q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID || q.Status != model.QuoteAccepted || q.Kind != model.QuotePartial {
		t.Fatalf("picked speaker: %+v", q)
	}
	// An organisation picked with the arrows.
	apress(t, m, "s", "ctrl+u")
	typeText(t, m, "union")
	apress(t, m, "down", "enter")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "Northern Seafarers' Union" || q.SpeakerSpan != union.ID {
		t.Fatalf("organisation: %+v", q)
	}
	// A name typed that is no tagged entity: stored, not linked.
	apress(t, m, "s", "ctrl+u")
	typeText(t, m, "a coast guard spokesman")
	apress(t, m, "enter")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "a coast guard spokesman" || q.SpeakerSpan != 0 {
		t.Fatalf("typed speaker: %+v", q)
	}
	apress(t, m, "u")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "Northern Seafarers' Union" || q.SpeakerSpan != union.ID {
		t.Fatalf("undo speaker: %+v", q)
	}
	apress(t, m, "ctrl+r", "s", "esc")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "a coast guard spokesman" || m.message != "Speaker unchanged" {
		t.Fatalf("redo speaker / cancel: %+v %q", q, m.message)
	}
	_ = ekholm

	// Kind: t cycles direct → partial → paraphrase → scare.
	apress(t, m, "t")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("t from partial: %s", q.Kind)
	}
	apress(t, m, "t")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Kind != model.QuoteScare {
		t.Fatalf("t again: %s", q.Kind)
	}
	apress(t, m, "u")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("undo kind: %s", q.Kind)
	}
	apress(t, m, "ctrl+r", "u")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Kind != model.QuoteParaphrase {
		t.Fatalf("redo and undo kind: %s", q.Kind)
	}
	// t on a suggestion accepts it with the next kind.
	stepTo(t, m, "The lights went out")
	apress(t, m, "t")
	if q = findQuote(t, path, "wire-ferry-ap.txt", "The lights went out"); q.Kind != model.QuotePartial || q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID {
		t.Fatalf("t on a suggestion: %+v", q)
	}

	// Reject a detection: stored as rejected, skipped by n, not highlighted.
	fam := stepTo(t, m, qFamilies)
	famStart := fam.start
	apress(t, m, "x")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qFamilies); q.Status != model.QuoteRejected {
		t.Fatalf("reject: %+v", q)
	}
	if m.ann.quoteLayerAt(famStart) != ui.QLayerNone {
		t.Fatal("a rejected quotation is still highlighted")
	}
	apress(t, m, "u")
	if findQuoteOK(t, path, "wire-ferry-ap.txt", qFamilies) || curQuote(t, m).status() != quoteSuggested || m.ann.quoteLayerAt(famStart) != ui.QLayerSuggested {
		t.Fatal("undoing the rejection should make it a suggestion again")
	}
	apress(t, m, "ctrl+r")
	if q = findQuote(t, path, "wire-ferry-ap.txt", qFamilies); q.Status != model.QuoteRejected || curQuote(t, m).status() != model.QuoteRejected {
		t.Fatalf("redo reject: %+v", q)
	}
	apress(t, m, "x")
	if !strings.HasPrefix(m.message, "Already rejected") {
		t.Fatalf("x twice: %q", m.message)
	}
	for i := 0; i < 10; i++ {
		apress(t, m, "n")
		if curQuote(t, m).start == famStart {
			t.Fatal("n stops on a rejected quotation")
		}
	}

	// Tag a quotation by hand from a selection, then its speaker; " works
	// outside quotes mode too, opening it.
	apress(t, m, "Q")
	moveTo(t, m, "Survivors described", 0)
	for i := 0; i < 6; i++ {
		apress(t, m, "shift+right") // “Survivors described a sudden lurch to one”
	}
	sel := string(m.ann.runes[mustSel(t, m)[0]:mustSel(t, m)[1]])
	apress(t, m, `"`)
	if m.quotes.prompt == nil || !m.quotes.prompt.hand || !m.quotes.on {
		t.Fatalf("\" opens no prompt: %q", m.message)
	}
	if v := plain(m); !strings.Contains(v, "New paraphrase quotation “Survivors") {
		t.Fatalf("hand-tag prompt not on screen:\n%s", v)
	}
	typeText(t, m, "Annika")
	apress(t, m, "tab", "enter")
	q = findQuote(t, path, "wire-ferry-ap.txt", "Survivors described")
	if q.Text != sel || q.Kind != model.QuoteParaphrase || q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID || q.Status != model.QuoteAccepted {
		t.Fatalf("hand-tagged: %+v (selection %q)", q, sel)
	}
	if m.ann.anchor >= 0 || m.ann.quoteLayerAt(q.Start) != ui.QLayerAccepted {
		t.Fatal("the selection should be consumed and the new quotation highlighted")
	}
	apress(t, m, "u")
	if findQuoteOK(t, path, "wire-ferry-ap.txt", "Survivors described") || m.ann.quoteLayerAt(q.Start) != ui.QLayerNone {
		t.Fatal("undo did not remove the hand-tagged quotation")
	}
	apress(t, m, "ctrl+r")
	if got := findQuote(t, path, "wire-ferry-ap.txt", "Survivors described"); got != q {
		t.Fatalf("redo hand tag: %+v, want %+v", got, q)
	}
	// x on a quotation tagged by hand deletes it; u brings it back.
	apress(t, m, "x")
	if findQuoteOK(t, path, "wire-ferry-ap.txt", "Survivors described") {
		t.Fatal("x did not delete the hand-tagged quotation")
	}
	apress(t, m, "u")
	findQuote(t, path, "wire-ferry-ap.txt", "Survivors described")
	want := quotesOf(t, path, "wire-ferry-ap.txt")
	quits(m, "q")

	// Reopen the program on the same store: all of it is there, accepted
	// quotations highlighted in annotate mode, the rejection remembered.
	m2, _ := startStore(t, sampleSource(t), path, 120, 40)
	if !m2.annotating || m2.ann.id != "wire-ferry-ap.txt" {
		t.Fatalf("not back in annotate mode on the article")
	}
	if m2.ann.quoteLayerAt(findQuote(t, path, "wire-ferry-ap.txt", qRace).Start) != ui.QLayerAccepted {
		t.Fatal("accepted quotation not highlighted after reopening")
	}
	apress(t, m2, "Q")
	if got := quotesOf(t, path, "wire-ferry-ap.txt"); len(got) != len(want) {
		t.Fatalf("reopened with %d quotations, had %d", len(got), len(want))
	}
	rejected := 0
	for _, it := range m2.quotes.items {
		if it.start == famStart {
			if it.status() != model.QuoteRejected {
				t.Fatalf("rejected quotation suggested again: %s", it.status())
			}
			rejected++
		}
	}
	if rejected != 1 || m2.ann.quoteLayerAt(famStart) != ui.QLayerNone {
		t.Fatalf("rejected quotation listed %d times / highlighted", rejected)
	}
	if !strings.Contains(plain(m2), "✗ “The families deserve nothing less.”") {
		t.Fatalf("panel does not show the rejection:\n%s", plain(m2))
	}
}

func mustSel(tb testing.TB, m *Model) [2]int {
	tb.Helper()
	s, e, ok := m.ann.selection()
	if !ok {
		tb.Fatal("no selection")
	}
	return [2]int{s, e}
}

func findQuoteOK(tb testing.TB, path, id, prefix string) bool {
	tb.Helper()
	for _, q := range quotesOf(tb, path, id) {
		if strings.HasPrefix(q.Text, prefix) {
			return true
		}
	}
	return false
}

func findQuote(tb testing.TB, path, id, prefix string) model.QuoteAnn {
	tb.Helper()
	for _, q := range quotesOf(tb, path, id) {
		if strings.HasPrefix(q.Text, prefix) {
			return q
		}
	}
	tb.Fatalf("no stored quotation %q in %s", prefix, id)
	return model.QuoteAnn{}
}

func TestQuotesWithoutDetectionsOrStore(t *testing.T) {
	m := start(t, entitySource(), 120, 40)
	press(t, m, "Q")
	if m.annotating || !strings.Contains(m.message, "needs an annotation store") {
		t.Fatalf("Q without a store: %q", m.message)
	}
	m2, _ := startStore(t, entitySource(), tempDB(t), 120, 40)
	idx := m2.itemIndex("c.txt")
	m2.list.selectItem(idx)
	drive(t, m2, m2.syncDetail())
	press(t, m2, "Q")
	if !m2.quotes.on || len(m2.quotes.items) != 0 {
		t.Fatalf("quotes mode on c.txt: %+v", m2.quotes.items)
	}
	if !strings.Contains(plain(m2), "No quotations found") {
		t.Fatalf("empty panel:\n%s", plain(m2))
	}
	apress(t, m2, "n")
	if !strings.Contains(m2.message, "No quotations in this article") {
		t.Fatalf("n with none: %q", m2.message)
	}
	apress(t, m2, "enter")
	if !strings.Contains(m2.message, "Put the cursor in a quotation") {
		t.Fatalf("enter outside a quotation: %q", m2.message)
	}
	apress(t, m2, `"`)
	if !strings.Contains(m2.message, "Select the quoted words first") {
		t.Fatalf("\" without a selection: %q", m2.message)
	}
	apress(t, m2, "esc")
	if m2.quotes.on || !m2.annotating || m2.ann.quotesPanel {
		t.Fatal("esc should leave quotes mode, not annotate mode")
	}
}

const quoteStory = "Mayor Ilse Varga spoke on Monday. “The harbour will reopen before the summer season,” Varga said.\n\n" +
	"Tomas Berg disagreed. “Nobody has asked the fishermen what they want,” Berg said."

func quoteStorySource(text string) *fakeSource {
	f := &fakeSource{label: "quotes", batch: 1}
	f.add("q.txt", &model.Article{Title: "Harbour", Source: "Harbour Gazette", Text: text, Raw: text, Words: len(strings.Fields(text))})
	return f
}

// Re-anchoring moves quotations with the spans, keeps their speaker links,
// lists the ones whose words are gone, and one undo restores everything.
func TestReanchorMovesQuotations(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, quoteStorySource(quoteStory), path, 120, 40)
	openQuotes(t, m, "q.txt")
	apress(t, m, "Q")
	varga := tagName(t, m, "Ilse Varga", 0, "1")
	berg := tagName(t, m, "Tomas Berg", 0, "1")
	apress(t, m, "Q", "g")
	stepTo(t, m, "The harbour")
	apress(t, m, "enter")
	stepTo(t, m, "Nobody has asked")
	apress(t, m, "enter")
	before := quotesOf(t, path, "q.txt")
	if len(before) != 2 || before[0].SpeakerSpan != varga.ID || before[1].SpeakerSpan != berg.ID {
		t.Fatalf("stored %+v", before)
	}
	quits(m, "q")

	changed := "An editor's note comes first.\n\n" + strings.Replace(quoteStory, "Nobody has asked", "Nobody asked", 1)
	m2, _ := startStore(t, quoteStorySource(changed), path, 120, 40)
	press(t, m2, "R")
	if !isAsking(m2) || !strings.Contains(plain(m2), "quotation “Nobody has asked the fishermen") {
		t.Fatalf("the lost quotation is not listed:\n%s", plain(m2))
	}
	press(t, m2, "y")
	doc, spans := spansOf(t, path, "q.txt")
	if doc.Text != changed || len(spans) != 2 || len(doc.Quotes) != 1 {
		t.Fatalf("after re-anchoring: spans %+v quotes %+v", spans, doc.Quotes)
	}
	q := doc.Quotes[0]
	if q.ID != before[0].ID || q.Start != runeIndex(t, changed, "The harbour", 0) || model.RuneSlice(changed, q.Start, q.End) != q.Text || q.SpeakerSpan != varga.ID {
		t.Fatalf("moved quotation %+v", q)
	}
	if !strings.Contains(m2.message, "and 1 quotation") || !strings.Contains(m2.message, "deleted 1") {
		t.Fatalf("message %q", m2.message)
	}
	press(t, m2, "u")
	if got := quotesOf(t, path, "q.txt"); len(got) != 2 || got[0] != before[0] || got[1] != before[1] {
		t.Fatalf("undo: %+v, want %+v", got, before)
	}
}

// In the real program detection and saves run on their own goroutines:
// keys typed without waiting still act on the right quotations, in order.
func TestQuotesProgram(t *testing.T) {
	path := tempDB(t)
	st := openStore(t, path)
	m := NewFromSource(quoteStorySource(quoteStory), Options{NoColor: true, Store: st, Annotator: "tester"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "Read 1 article")
	tm.Type("Q")
	waitFor(t, tm, "? “Nobody has asked the fishermen")
	for _, k := range []string{"n", "enter", "n", "x"} {
		tm.Send(akey(k))
	}
	waitFor(t, tm, "Rejected “Nobody has asked")
	tm.Type("C")
	waitFor(t, tm, "No other article carries it.")
	tm.Send(akey("esc"))
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.sess.Pending() {
		t.Fatal("quit with writes pending")
	}
	qs := quotesOf(t, path, "q.txt")
	if len(qs) != 2 || qs[0].Status != model.QuoteAccepted || qs[0].Speaker != "Ilse Varga" || qs[1].Status != model.QuoteRejected {
		t.Fatalf("stored %+v", qs)
	}
}
