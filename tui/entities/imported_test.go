package entities_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/model"
	"storydesk/tui/internal/celltest"
)

// The entities panel over imported annotations: a Prodigy-style jsonl
// imported into the store with importer.JSONL, opened in annotate mode.

// importedWords are the spans the fixture import brings for storyA, and
// the quotation “Ça va,” said by Zoë Ng (linked to her span).
var importedWords = []struct{ word, label string }{
	{"Ilse Varga", "PERSON"}, {"Port Ellis", "GPE"}, {"Tomas Berg", "PERSON"}, {"Zoë Ng", "PERSON"},
}

const importName = "prodigy.jsonl"

// startImported is annotate mode on a.txt, imported as `storydesk import`
// does.
func startImported(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, entityArticles(), "", w, h)
	var spans []string
	for _, iw := range importedWords {
		s := runeIndex(t, storyA, iw.word, 0)
		spans = append(spans, fmt.Sprintf(`{"start":%d,"end":%d,"label":%q,"text":%q}`, s, s+model.RuneLen(iw.word), strings.ToLower(iw.label), iw.word))
	}
	q := runeIndex(t, storyA, "Ça va,", 0)
	line := fmt.Sprintf(`{"id":"a.txt","text":%q,"meta":{"title":"Story A"},"spans":[%s],"quotes":[{"start":%d,"end":%d,"text":"Ça va,","speaker":"Zoë Ng","speaker_span":3}],"answer":"accept"}`,
		storyA, strings.Join(spans, ","), q, q+model.RuneLen("Ça va,"))
	var probs []corpus.Problem
	stats, err := importer.JSONL(context.Background(), hs.st, strings.NewReader(line+"\n"), importer.Options{Name: importName, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil || len(probs) > 0 || stats.Spans != 4 || stats.Quotes != 1 {
		t.Fatalf("import: %+v %v %v", stats, err, probs)
	}
	hs.enter(0)
	if hs.pane().Text() != storyA || len(hs.pane().Spans()) != 4 {
		t.Fatalf("annotate mode does not show the import: %d spans", len(hs.pane().Spans()))
	}
	return hs
}

// The entities panel counts and marks what is still imported.
func TestEntitiesPanelMarksImported(t *testing.T) {
	h := startImported(t, 120, 38)
	h.press("e")
	p := celltest.Plain(h.view())
	if !strings.Contains(p, "4 · ↓4") || !strings.Contains(p, "PERSON 3 ↓3") || !strings.Contains(p, "Port Ellis ↓1") {
		t.Fatalf("entities panel:\n%s", p)
	}
	h.moveTo("Port", 0)
	h.press("y")
	if p := celltest.Plain(h.view()); !strings.Contains(p, "4 · ↓3") || strings.Contains(p, "Port Ellis ↓") {
		t.Fatalf("entities panel after accepting Port Ellis:\n%s", p)
	}
	for _, c := range celltest.Find(t, h.view(), "Tomas Berg ↓1") {
		if c.Text == "T" && !c.Under {
			t.Fatalf("imported name not drawn as imported: %+v", c.State)
		}
	}
}
