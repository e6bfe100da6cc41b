package tui

import (
	"strings"
	"testing"
	"time"

	"storydesk/data/corpus"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/quotes"
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
	if idx < 0 || !m.br.Select(idx) {
		tb.Fatalf("no article %s in the list", id)
	}
	drive(tb, m, m.br.Sync())
	press(tb, m, "Q")
	if !m.annotating() || !m.quotes.On() || m.pane().ID() != id {
		tb.Fatalf("Q did not open quotes mode on %s (annotating %v, on %v, id %q): %q", id, m.annotating(), m.quotes.On(), m.pane().ID(), m.bar.message)
	}
	if m.quotes.Detecting() || len(m.quotes.Quotations()) == 0 {
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
func curQuote(tb testing.TB, m *Model) quotes.Quotation {
	tb.Helper()
	q, ok := m.quotes.Current()
	if !ok {
		tb.Fatalf("no quotation under the cursor (on %q)", cursorText(m))
	}
	return q
}

// stepTo presses n until the quotation starting with prefix is current.
func stepTo(tb testing.TB, m *Model, prefix string) quotes.Quotation {
	tb.Helper()
	for i := 0; i <= len(m.quotes.Quotations()); i++ {
		apress(tb, m, "n")
		if it := curQuote(tb, m); strings.HasPrefix(it.Text, prefix) {
			return it
		}
	}
	tb.Fatalf("n never reaches the quotation %q", prefix)
	return quotes.Quotation{}
}

// tagName tags the n-th occurrence of name with label key lk.
func tagName(tb testing.TB, m *Model, name string, n int, lk string) model.Span {
	tb.Helper()
	moveTo(tb, m, name, n)
	for i := 1; i < len(strings.Fields(name)); i++ {
		apress(tb, m, "shift+right")
	}
	apress(tb, m, lk)
	sp, ok := m.pane().SpanAt(runeIndex(tb, m.pane().Text(), name, n))
	if !ok || sp.Text != name {
		tb.Fatalf("%q not tagged: %q", name, m.bar.message)
	}
	return sp
}

const (
	qCity     = "This city has lost its mothers"
	qLooking  = "We will not stop looking"
	qRace     = "a race against the sea"
	qFamilies = "The families deserve nothing less."
)

// Quotation decisions survive the program: accepted (with a linked
// speaker), rejected and hand-tagged quotations are there after a restart,
// highlighted in annotate mode, the rejection remembered. (The keys
// themselves are tested in tui/quotes.)
func TestQuotesReopen(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openQuotes(t, m, "wire-ferry-ap.txt")
	apress(t, m, "Q")
	annika := tagName(t, m, "Annika Sjöberg", 0, "1")
	apress(t, m, "Q", "g")
	stepTo(t, m, qRace)
	// The prompt shows the suggestion selected: typing replaces it.
	apress(t, m, "s")
	typeText(t, m, "ann")
	if got := promptInput(m); got != "ann" {
		t.Fatalf("typing over the suggestion gives %q", got)
	}
	apress(t, m, "tab", "enter")
	if q := findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "Annika Sjöberg" || q.SpeakerSpan != annika.ID {
		t.Fatalf("speaker through the prompt: %+v", q)
	}
	famStart := stepTo(t, m, qFamilies).Start
	apress(t, m, "x")
	apress(t, m, "Q")
	moveTo(t, m, "Survivors described", 0)
	apress(t, m, "shift+right", `"`)
	if !prompting(m) || !strings.Contains(plain(m), "New paraphrase quotation “Survivors") {
		t.Fatalf("\" opens no prompt: %q\n%s", m.bar.message, plain(m))
	}
	apress(t, m, "enter")
	findQuote(t, path, "wire-ferry-ap.txt", "Survivors described")
	want := quotesOf(t, path, "wire-ferry-ap.txt")
	quits(m, "q")

	m2, _ := startStore(t, sampleSource(t), path, 120, 40)
	if !m2.annotating() || m2.pane().ID() != "wire-ferry-ap.txt" {
		t.Fatalf("not back in annotate mode on the article")
	}
	if m2.quotes.Hook().LayerAt(findQuote(t, path, "wire-ferry-ap.txt", qRace).Start) != ui.QLayerAccepted {
		t.Fatal("accepted quotation not highlighted after reopening")
	}
	apress(t, m2, "Q")
	if got := quotesOf(t, path, "wire-ferry-ap.txt"); len(got) != len(want) || len(got) != 3 {
		t.Fatalf("reopened with %d quotations, had %d", len(got), len(want))
	}
	rejected := 0
	for _, it := range m2.quotes.Quotations() {
		if it.Start == famStart {
			if it.Status != model.QuoteRejected {
				t.Fatalf("rejected quotation suggested again: %s", it.Status)
			}
			rejected++
		}
	}
	if rejected != 1 || m2.quotes.Hook().LayerAt(famStart) != ui.QLayerNone {
		t.Fatalf("rejected quotation listed %d times / highlighted", rejected)
	}
	if !strings.Contains(plain(m2), "✗ “The families deserve nothing less.”") {
		t.Fatalf("panel does not show the rejection:\n%s", plain(m2))
	}
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
	if m.annotating() || !strings.Contains(m.bar.message, "needs an annotation store") {
		t.Fatalf("Q without a store: %q", m.bar.message)
	}
	m2, _ := startStore(t, entitySource(), tempDB(t), 120, 40)
	idx := m2.itemIndex("c.txt")
	m2.br.Select(idx)
	drive(t, m2, m2.br.Sync())
	press(t, m2, "Q")
	if !m2.quotes.On() || len(m2.quotes.Quotations()) != 0 {
		t.Fatalf("quotes mode on c.txt: %+v", m2.quotes.Quotations())
	}
	if !strings.Contains(plain(m2), "No quotations found") {
		t.Fatalf("empty panel:\n%s", plain(m2))
	}
	apress(t, m2, "esc")
	if m2.quotes.On() || !m2.annotating() || quotesPanelShown(m2) {
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
	if !strings.Contains(m2.bar.message, "and 1 quotation") || !strings.Contains(m2.bar.message, "deleted 1") {
		t.Fatalf("message %q", m2.bar.message)
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
	// One key per quotation: enter accepts the first and moves on, x
	// rejects the second, typed before the first save is back.
	for _, k := range []string{"n", "enter", "x"} {
		tm.Send(keytest.Key(k))
	}
	waitFor(t, tm, "Rejected “Nobody has asked")
	tm.Type("C")
	waitFor(t, tm, "No other article carries it.")
	tm.Send(keytest.Key("esc"))
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

// A speaker named in part links to the tagged entity, end to end: "Varga"
// typed for a quotation is Ilse Varga, linked, in the store and the panel.
func TestQuoteSpeakerLinksByName(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, sampleSource(t), path, 120, 40)
	openQuotes(t, m, "wire-ferry-ap.txt")
	apress(t, m, "Q")
	varga := tagName(t, m, "Ilse Varga", 0, "1")
	apress(t, m, "Q", "g")
	stepTo(t, m, qRace)
	apress(t, m, "s")
	typeText(t, m, "Mayor Varga")
	apress(t, m, "enter")
	if q := findQuote(t, path, "wire-ferry-ap.txt", qRace); q.Speaker != "Ilse Varga" || q.SpeakerSpan != varga.ID {
		t.Fatalf("speaker “Mayor Varga”: %+v", q)
	}
	if !strings.Contains(m.bar.message, "linked to PERSON “Ilse Varga”") || !strings.Contains(plain(m), "“a race against the sea” — Ilse Varga") {
		t.Fatalf("message %q\n%s", m.bar.message, plain(m))
	}
}
