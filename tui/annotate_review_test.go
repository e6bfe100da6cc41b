package tui

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/model"
	"storydesk/tui/session"
)

// Reviewing imported annotations (tui/annotate): a Prodigy-style jsonl
// imported into the store with importer.JSONL, opened in annotate mode.

// importedWords are the spans the fixture import brings for storyA, and
// the quotation “Ça va,” said by Zoë Ng (linked to her span).
var importedWords = []struct{ word, label string }{
	{"Ilse Varga", "PERSON"}, {"Port Ellis", "GPE"}, {"Tomas Berg", "PERSON"}, {"Zoë Ng", "PERSON"},
}

const importName = "prodigy.jsonl"

// importFixture imports a.txt (storyA) with importedWords and the
// quotation into the store at path, as `storydesk import` does.
func importFixture(tb testing.TB, path string) {
	tb.Helper()
	var spans []string
	for _, w := range importedWords {
		s := runeIndex(tb, storyA, w.word, 0)
		spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d,"label":%q,"text":%q}`, s, s+model.RuneLen(w.word), strings.ToLower(w.label), w.word))
	}
	q := runeIndex(tb, storyA, "Ça va,", 0)
	line := fmt.Sprintf(`{"id":"a.txt","text":%q,"meta":{"title":"Story A"},"spans":[%s],"quotes":[{"start":%d,"end":%d,"text":"Ça va,","speaker":"Zoë Ng","speaker_span":3}],"answer":"accept"}`,
		storyA, strings.Join(spans, ","), q, q+model.RuneLen("Ça va,"))
	st := openStore(tb, path)
	var probs []corpus.Problem
	stats, err := importer.JSONL(ctx(), st, strings.NewReader(line+"\n"), importer.Options{Name: importName, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil || len(probs) > 0 || stats.Spans != 4 || stats.Quotes != 1 {
		tb.Fatalf("import: %+v %v %v", stats, err, probs)
	}
}

// startImported is a reader in annotate mode on the imported a.txt.
func startImported(tb testing.TB, w, h int) (*Model, string) {
	tb.Helper()
	path := tempDB(tb)
	importFixture(tb, path)
	m, _ := startStore(tb, entitySource(), path, w, h)
	enterAnnotate(tb, m)
	if m.pane().Text() != storyA || len(m.pane().Spans()) != 4 {
		tb.Fatalf("annotate mode does not show the import: %d spans", len(m.pane().Spans()))
	}
	return m, path
}

// In quotes mode, enter on an imported quotation accepts it (clears its
// source) rather than saying it is accepted already.
func TestQuotesModeAcceptsImportedQuotation(t *testing.T) {
	m, path := startImported(t, 120, 40)
	moveTo(t, m, "Ça", 0)
	apress(t, m, "Q", "enter")
	doc, _ := spansOf(t, path, "a.txt")
	if doc.Quotes[0].Source != "" || !strings.Contains(m.bar.message, "reviewed") {
		t.Fatalf("enter on the imported quotation: %+v %q", doc.Quotes[0], m.bar.message)
	}
	apress(t, m, "enter")
	if !strings.Contains(m.bar.message, "Already accepted") {
		t.Fatalf("second enter: %q", m.bar.message)
	}
}

// The store's counts for the list's review badge (browse.ReviewBadge).
func TestReviewCounts(t *testing.T) {
	path := tempDB(t)
	importFixture(t, path)
	msg := session.New(openStore(t, path), "tester").LoadReviewCounts()().(session.ReviewCountsMsg)
	if msg.Err != nil || msg.Counts["a.txt"] != 5 || len(msg.Counts) != 1 {
		t.Fatalf("counts %+v", msg)
	}
}
