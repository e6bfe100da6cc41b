package annotate_test

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

// Reviewing imported annotations: a Prodigy-style jsonl imported into the
// store with importer.JSONL, opened in annotate mode.

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

func (h *harness) unreviewed() map[string]int {
	h.tb.Helper()
	n, err := openStore(h.tb, h.path).Unreviewed(context.Background())
	if err != nil {
		h.tb.Fatal(err)
	}
	return n
}

func spanNamed(t *testing.T, spans []model.Span, text string) model.Span {
	t.Helper()
	for _, sp := range spans {
		if sp.Text == text {
			return sp
		}
	}
	t.Fatalf("no span %q in %+v", text, spans)
	return model.Span{}
}

// Without colour an imported span is faint with an underline, a reviewed
// or hand-tagged one bold and underlined; accepting one (y) redraws it as
// reviewed, undo as imported again.
func TestImportedSpansLookDifferentWithoutColour(t *testing.T) {
	h := startImported(t, 120, 38)
	h.moveTo("Gustavo", 0)
	h.press("shift+right", "1", "g") // tagged by hand
	v := h.view()
	for _, w := range []string{"Ilse Varga", "Port Ellis"} {
		for _, c := range celltest.Find(t, v, w) {
			if !c.Under || !c.Faint || c.Bold || c.Reverse {
				t.Fatalf("imported %q: cell %q %+v, want faint and underlined", w, c.Text, c.State)
			}
		}
	}
	for _, c := range celltest.Find(t, v, "Gustavo Petro") {
		if !c.Under || !c.Bold || c.Faint {
			t.Fatalf("hand-tagged cell %q %+v, want bold and underlined", c.Text, c.State)
		}
	}
	for _, c := range celltest.Find(t, v, "Harbour Board") {
		if c.Under || c.Faint || c.Bold {
			t.Fatalf("plain cell %q %+v", c.Text, c.State)
		}
	}
	h.moveTo("Ilse", 0)
	if s := h.status(); s.Span != "PERSON “Ilse Varga” · imported from "+importName || !strings.Contains(celltest.Plain(h.view()), "y accept") {
		t.Fatalf("the status bar or legend does not say where the span came from: %q\n%s", s.Span, celltest.Plain(h.view()))
	}
	h.press("y")
	_, spans := h.doc("a.txt")
	if sp := spanNamed(t, spans, "Ilse Varga"); sp.Source != "" {
		t.Fatalf("y did not accept: %+v", sp)
	}
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Source != "import:"+importName {
		t.Fatalf("y accepted more than the span under the cursor: %+v", sp)
	}
	if d := h.last.Job.Done; d != "Accepted PERSON “Ilse Varga”; 4 imported left to review (i next)" {
		t.Fatalf("message %q", d)
	}
	h.press("w") // off the span, so it is drawn without the cursor
	for _, c := range celltest.Find(t, h.view(), "Ilse Varga") {
		if !c.Bold || c.Faint || c.Reverse {
			t.Fatalf("accepted span still drawn as imported: %q %+v", c.Text, c.State)
		}
	}
	h.press("u", "w")
	if _, spans = h.doc("a.txt"); spanNamed(t, spans, "Ilse Varga").Source != "import:"+importName {
		t.Fatal("undo did not restore the source")
	}
	for _, c := range celltest.Find(t, h.view(), "Ilse Varga") {
		if !c.Faint || c.Bold {
			t.Fatalf("after undo the span is not drawn as imported: %q %+v", c.Text, c.State)
		}
	}
	h.press("ctrl+r")
	if _, spans = h.doc("a.txt"); spanNamed(t, spans, "Ilse Varga").Source != "" {
		t.Fatal("redo did not accept again")
	}
}

// i and I step through what is still to review (spans and the
// quotation, in text order, wrapping); Y accepts it all in one action,
// which one undo takes back.
func TestReviewNavigationAndAcceptAll(t *testing.T) {
	h := startImported(t, 120, 38)
	if got := h.unreviewed(); got["a.txt"] != 5 {
		t.Fatalf("unreviewed before: %v", got)
	}
	if p := celltest.Plain(h.view()); !strings.Contains(p, "↓5 to review") {
		t.Fatalf("the annotate box does not count what is to review:\n%s", p)
	}
	if help := fmt.Sprint(h.host.Top().ShortHelp()[0].Help()); !strings.Contains(help, "next imported") {
		t.Fatalf("the help line does not lead with the review keys: %s", help)
	}
	h.press("g")
	var seen []string
	for i := 0; i < 5; i++ {
		h.press("i")
		seen = append(seen, h.cursorText())
	}
	want := []string{"Ilse Varga", "Port Ellis", "Tomas Berg", "Ça", "Zoë Ng"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("i visits %q, want %q", seen, want)
	}
	h.press("i")
	if h.cursorText() != "Ilse Varga" || h.host.msg != "Wrapped to the first of 5 imported to review" {
		t.Fatalf("i did not wrap: %q %q", h.cursorText(), h.host.msg)
	}
	h.press("I")
	if h.cursorText() != "Zoë Ng" || h.host.msg != "Wrapped to the last of 5 imported to review" {
		t.Fatalf("I from the first goes to %q", h.cursorText())
	}
	h.press("I")
	if h.cursorText() != "Ça" {
		t.Fatalf("I goes to %q, want the quotation", h.cursorText())
	}
	if p := celltest.Plain(h.view()); !strings.Contains(p, "quotation imported from "+importName) {
		t.Fatalf("the legend does not name the quotation's source:\n%s", p)
	}

	h.press("Y")
	if got := h.unreviewed(); len(got) != 0 {
		t.Fatalf("Y left %v to review", got)
	}
	doc, spans := h.doc("a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	if len(doc.Quotes) != 1 || doc.Quotes[0].Source != "" || doc.Quotes[0].SpeakerSpan != zoe.ID {
		t.Fatalf("quotation after Y: %+v (Zoë %d)", doc.Quotes, zoe.ID)
	}
	h.press("i")
	if h.host.msg != "Nothing imported to review in this article" || strings.Contains(celltest.Plain(h.view()), "to review ·") {
		t.Fatalf("after Y: %q\n%s", h.host.msg, celltest.Plain(h.view()))
	}
	h.press("Y")
	if h.host.msg != "Nothing imported to review in this article" {
		t.Fatalf("Y with nothing left: %q", h.host.msg)
	}
	h.press("u")
	if got := h.unreviewed(); got["a.txt"] != 5 {
		t.Fatalf("one undo should restore all 5: %v", got)
	}
	doc, spans = h.doc("a.txt")
	if zoe2 := spanNamed(t, spans, "Zoë Ng"); zoe2.ID != zoe.ID || doc.Quotes[0].SpeakerSpan != zoe.ID || doc.Quotes[0].Source == "" {
		t.Fatalf("undo lost an id or the link: %+v %+v", zoe2, doc.Quotes)
	}
}

// Accepting the speaker's span keeps the quotation linked to it through
// accept, undo and redo; relabelling, or pressing the label it already
// has, reviews an imported span; x rejects (deletes) one.
func TestReviewByHandKeepsLinks(t *testing.T) {
	h := startImported(t, 120, 38)
	_, spans := h.doc("a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	linked := func(when string) {
		t.Helper()
		doc, _ := h.doc("a.txt")
		if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerSpan != zoe.ID {
			t.Fatalf("%s: the quotation lost its speaker link: %+v", when, doc.Quotes)
		}
	}
	h.moveTo("Zoë", 0)
	h.press("y")
	linked("accept")
	h.press("u")
	linked("undo")
	h.press("ctrl+r")
	linked("redo")

	// Relabel an imported span: reviewed.
	h.moveTo("Port", 0)
	h.press("4") // LOC
	_, spans = h.doc("a.txt")
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Label != "LOC" || sp.Source != "" {
		t.Fatalf("relabel: %+v", sp)
	}
	if !strings.HasSuffix(h.last.Job.Done, "(imported from "+importName+": reviewed)") {
		t.Fatalf("relabel message %q", h.last.Job.Done)
	}
	// Its own label again: accepted.
	h.moveTo("Tomas", 0)
	h.press("1")
	_, spans = h.doc("a.txt")
	if sp := spanNamed(t, spans, "Tomas Berg"); sp.Label != "PERSON" || sp.Source != "" {
		t.Fatalf("same label: %+v", sp)
	}
	// y on a span tagged here says so and saves nothing.
	before := h.unreviewed()
	h.press("y")
	if h.host.msg != "PERSON “Tomas Berg” was not imported: nothing to accept (i goes to the next imported one)" || fmt.Sprint(h.unreviewed()) != fmt.Sprint(before) {
		t.Fatalf("y on a reviewed span: %q", h.host.msg)
	}
	h.moveTo("Harbour", 0)
	h.press("y")
	if h.host.msg != "Nothing imported here: i goes to the next imported annotation" {
		t.Fatalf("y on a plain word: %q", h.host.msg)
	}
	// x rejects the last imported span.
	h.moveTo("Ilse", 0)
	h.press("x")
	if got := h.unreviewed(); got["a.txt"] != 1 { // the quotation
		t.Fatalf("after x: %v", got)
	}
	// The quotation: y with the cursor in it.
	h.moveTo("Ça", 0)
	h.press("y")
	if got := h.unreviewed(); len(got) != 0 {
		t.Fatalf("y in the quotation left %v", got)
	}
	linked("quotation accepted")
}
