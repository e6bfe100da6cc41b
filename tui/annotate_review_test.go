package tui

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Reviewing imported annotations (review.go): a Prodigy-style jsonl
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
	if m.ann.text != storyA || len(m.ann.spans) != 4 {
		tb.Fatalf("annotate mode does not show the import: %d spans", len(m.ann.spans))
	}
	return m, path
}

// wordCells finds word on the frame and returns its cells and the raw line.
func wordCells(tb testing.TB, frame, word string) ([]cell, string) {
	tb.Helper()
	n := model.RuneLen(word)
	for _, line := range strings.Split(frame, "\n") {
		cs := cellsOf(tb, line)
		var text []string
		for _, c := range cs {
			text = append(text, c.text)
		}
		joined := strings.Join(text, "")
		i := strings.Index(joined, word)
		if i < 0 {
			continue
		}
		// Cell index of byte i: count the cells whose text comes before it.
		at, b := 0, 0
		for at < len(cs) && b < i {
			b += len(cs[at].text)
			at++
		}
		return cs[at : at+n], line
	}
	tb.Fatalf("%q not on screen:\n%s", word, frame)
	return nil, ""
}

func unreviewedIn(tb testing.TB, path string) map[string]int {
	tb.Helper()
	n, err := openStore(tb, path).Unreviewed(ctx())
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func spanNamed(tb testing.TB, spans []model.Span, text string) model.Span {
	tb.Helper()
	for _, sp := range spans {
		if sp.Text == text {
			return sp
		}
	}
	tb.Fatalf("no span %q in %+v", text, spans)
	return model.Span{}
}

// Without colour an imported span is faint with a dotted underline, a
// reviewed or hand-tagged one bold and underlined (plain underlines both); accepting one (y)
// redraws it as reviewed, undo as imported again.
func TestImportedSpansLookDifferentWithoutColour(t *testing.T) {
	m, path := startImported(t, 120, 40)
	moveTo(t, m, "Gustavo", 0)
	apress(t, m, "shift+right", "1") // tagged by hand
	apress(t, m, "g")
	frame := content(m)
	for _, w := range []string{"Ilse Varga", "Port Ellis"} {
		cs, line := wordCells(t, frame, w)
		for _, c := range cs {
			if !c.under || !c.faint || c.bold || c.reverse {
				t.Fatalf("imported %q: cell %q %+v, want faint and underlined", w, c.text, c.sgrState)
			}
		}
		// No underline styles without colour: a minimal terminal may
		// misread the dotted one's colon sub-parameter.
		if strings.Contains(line, "4:") {
			t.Fatalf("imported %q uses an underline style without colour: %q", w, line)
		}
	}
	for _, c := range mustCells(t, frame, "Gustavo Petro") {
		if !c.under || !c.bold || c.faint {
			t.Fatalf("hand-tagged cell %q %+v, want bold and underlined", c.text, c.sgrState)
		}
	}
	// Plain words are neither.
	for _, c := range mustCells(t, frame, "Harbour Board") {
		if c.under || c.faint || c.bold {
			t.Fatalf("plain cell %q %+v", c.text, c.sgrState)
		}
	}

	moveTo(t, m, "Ilse", 0)
	if p := plain(m); !strings.Contains(p, "PERSON “Ilse Varga” · imported from "+importName) || !strings.Contains(p, "y accept") {
		t.Fatalf("the status bar or legend does not say where the span came from:\n%s", p)
	}
	apress(t, m, "y")
	_, spans := spansOf(t, path, "a.txt")
	if sp := spanNamed(t, spans, "Ilse Varga"); sp.Source != "" {
		t.Fatalf("y did not accept: %+v", sp)
	}
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Source != "import:"+importName {
		t.Fatalf("y accepted more than the span under the cursor: %+v", sp)
	}
	if !strings.Contains(m.message, "Accepted PERSON “Ilse Varga”") || !strings.Contains(m.message, "4 imported left") {
		t.Fatalf("message %q", m.message)
	}
	apress(t, m, "w") // off the span, so it is drawn without the cursor
	for _, c := range mustCells(t, content(m), "Ilse Varga") {
		if !c.bold || c.faint || c.reverse {
			t.Fatalf("accepted span still drawn as imported: %q %+v", c.text, c.sgrState)
		}
	}
	apress(t, m, "u")
	_, spans = spansOf(t, path, "a.txt")
	if sp := spanNamed(t, spans, "Ilse Varga"); sp.Source != "import:"+importName {
		t.Fatalf("undo did not restore the source: %+v", sp)
	}
	apress(t, m, "w")
	for _, c := range mustCells(t, content(m), "Ilse Varga") {
		if !c.faint || c.bold {
			t.Fatalf("after undo the span is not drawn as imported: %q %+v", c.text, c.sgrState)
		}
	}
	apress(t, m, "ctrl+r")
	if _, spans = spansOf(t, path, "a.txt"); spanNamed(t, spans, "Ilse Varga").Source != "" {
		t.Fatal("redo did not accept again")
	}
}

func mustCells(tb testing.TB, frame, word string) []cell {
	tb.Helper()
	cs, _ := wordCells(tb, frame, word)
	return cs
}

// With colour the label colour stays and a dotted underline in its own
// colour marks the imported span; the hand-tagged one has none.
func TestImportedSpansLookDifferentInColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		c := &ui.Context{Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
		c.Restyle(dark)
		text := "Ana Ruiz met Bob Lee in Lima."
		spans := []model.Span{
			{ID: 1, Start: 0, End: 8, Label: "PERSON", Text: "Ana Ruiz", Source: "import:x.jsonl"},
			{ID: 2, Start: 13, End: 20, Label: "PERSON", Text: "Bob Lee"},
		}
		a := newAnnotatePane(c)
		a.SetSize(80, 10)
		a.open("x", "t", text, spans, false, 24) // cursor on Lima
		line := a.lay.RenderLine(0, a.lineMarks(0), c.Styles.AnnPainters())
		cs := cellsOf(t, line)
		for i := 0; i < 8; i++ {
			imp, hand := cs[i], cs[13+min(i, 6)]
			if !imp.under || hand.under {
				t.Fatalf("dark=%v: imported underlined %v, hand-tagged %v", dark, imp.under, hand.under)
			}
			if imp.bg == nil || fmt.Sprint(imp.bg) != fmt.Sprint(hand.bg) {
				t.Fatalf("dark=%v: the imported span lost its label colour: %v vs %v", dark, imp.bg, hand.bg)
			}
		}
		if !strings.Contains(line, "4:4") || !strings.Contains(line, ";58") && !strings.Contains(line, "[58") {
			t.Fatalf("dark=%v: no coloured dotted underline: %q", dark, line)
		}
		// The cursor on it is still the cursor.
		a.moveToOffset(0)
		cs = cellsOf(t, a.lay.RenderLine(0, a.lineMarks(0), c.Styles.AnnPainters()))
		if !cs[0].reverse || !cs[0].under {
			t.Fatalf("dark=%v: cursor on the imported span %+v", dark, cs[0].sgrState)
		}
	}
}

// i and I step through what is still to review (spans and the
// quotation, in text order, wrapping); Y accepts it all in one action,
// which one undo takes back.
func TestReviewNavigationAndAcceptAll(t *testing.T) {
	m, path := startImported(t, 120, 40)
	if got := unreviewedIn(t, path); got["a.txt"] != 5 {
		t.Fatalf("unreviewed before: %v", got)
	}
	if p := plain(m); !strings.Contains(p, "↓5 to review") {
		t.Fatalf("the annotate box does not count what is to review:\n%s", p)
	}
	apress(t, m, "g")
	var seen []string
	for i := 0; i < 5; i++ {
		apress(t, m, "i")
		seen = append(seen, cursorText(m))
	}
	want := []string{"Ilse Varga", "Port Ellis", "Tomas Berg", "Ça", "Zoë Ng"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("i visits %q, want %q", seen, want)
	}
	apress(t, m, "i")
	if cursorText(m) != "Ilse Varga" || !strings.Contains(m.message, "Wrapped to the first") {
		t.Fatalf("i did not wrap: %q %q", cursorText(m), m.message)
	}
	apress(t, m, "I")
	if cursorText(m) != "Zoë Ng" {
		t.Fatalf("I from the first goes to %q", cursorText(m))
	}
	apress(t, m, "I")
	if cursorText(m) != "Ça" {
		t.Fatalf("I goes to %q, want the quotation", cursorText(m))
	}
	if p := plain(m); !strings.Contains(p, "quotation imported from "+importName) {
		t.Fatalf("the legend does not name the quotation's source:\n%s", p)
	}

	apress(t, m, "Y")
	if got := unreviewedIn(t, path); len(got) != 0 {
		t.Fatalf("Y left %v to review", got)
	}
	doc, spans := spansOf(t, path, "a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	if len(doc.Quotes) != 1 || doc.Quotes[0].Source != "" || doc.Quotes[0].SpeakerSpan != zoe.ID {
		t.Fatalf("quotation after Y: %+v (Zoë %d)", doc.Quotes, zoe.ID)
	}
	apress(t, m, "i")
	if !strings.Contains(m.message, "Nothing imported to review") || strings.Contains(plain(m), "to review ·") {
		t.Fatalf("after Y: %q\n%s", m.message, plain(m))
	}
	apress(t, m, "u")
	if got := unreviewedIn(t, path); got["a.txt"] != 5 {
		t.Fatalf("one undo should restore all 5: %v", got)
	}
	doc, spans = spansOf(t, path, "a.txt")
	if zoe2 := spanNamed(t, spans, "Zoë Ng"); zoe2.ID != zoe.ID || doc.Quotes[0].SpeakerSpan != zoe.ID || doc.Quotes[0].Source == "" {
		t.Fatalf("undo lost an id or the link: %+v %+v", zoe2, doc.Quotes)
	}
}

// Accepting the speaker's span keeps the quotation linked to it through
// accept, undo and redo; relabelling, or pressing the label it already
// has, reviews an imported span; x rejects (deletes) one.
func TestReviewByHandKeepsLinks(t *testing.T) {
	m, path := startImported(t, 120, 40)
	_, spans := spansOf(t, path, "a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	linked := func(when string) {
		t.Helper()
		doc, _ := spansOf(t, path, "a.txt")
		if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerSpan != zoe.ID {
			t.Fatalf("%s: the quotation lost its speaker link: %+v", when, doc.Quotes)
		}
	}
	moveTo(t, m, "Zoë", 0)
	apress(t, m, "y")
	linked("accept")
	apress(t, m, "u")
	linked("undo")
	apress(t, m, "ctrl+r")
	linked("redo")

	// Relabel an imported span: reviewed.
	moveTo(t, m, "Port", 0)
	apress(t, m, "4") // LOC
	_, spans = spansOf(t, path, "a.txt")
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Label != "LOC" || sp.Source != "" {
		t.Fatalf("relabel: %+v", sp)
	}
	if !strings.Contains(m.message, "reviewed") {
		t.Fatalf("relabel message %q", m.message)
	}
	// Its own label again: accepted.
	moveTo(t, m, "Tomas", 0)
	apress(t, m, "1")
	_, spans = spansOf(t, path, "a.txt")
	if sp := spanNamed(t, spans, "Tomas Berg"); sp.Label != "PERSON" || sp.Source != "" {
		t.Fatalf("same label: %+v", sp)
	}
	// y on a span tagged here says so and saves nothing.
	before := unreviewedIn(t, path)
	apress(t, m, "y")
	if !strings.Contains(m.message, "was not imported") || fmt.Sprint(unreviewedIn(t, path)) != fmt.Sprint(before) {
		t.Fatalf("y on a reviewed span: %q", m.message)
	}
	// x rejects the last imported span.
	moveTo(t, m, "Ilse", 0)
	apress(t, m, "x")
	if got := unreviewedIn(t, path); got["a.txt"] != 1 { // the quotation
		t.Fatalf("after x: %v", got)
	}
	// The quotation: y with the cursor in it.
	moveTo(t, m, "Ça", 0)
	apress(t, m, "y")
	if got := unreviewedIn(t, path); len(got) != 0 {
		t.Fatalf("y in the quotation left %v", got)
	}
	linked("quotation accepted")
}

// The entities panel counts and marks what is still imported.
func TestEntitiesPanelMarksImported(t *testing.T) {
	m, _ := startImported(t, 120, 40)
	apress(t, m, "e")
	p := plain(m)
	if !strings.Contains(p, "4 · ↓4") || !strings.Contains(p, "PERSON 3 ↓3") || !strings.Contains(p, "Port Ellis ↓1") {
		t.Fatalf("entities panel:\n%s", p)
	}
	moveTo(t, m, "Port", 0)
	apress(t, m, "y")
	if p := plain(m); !strings.Contains(p, "4 · ↓3") || strings.Contains(p, "Port Ellis ↓") {
		t.Fatalf("entities panel after accepting Port Ellis:\n%s", p)
	}
	for _, c := range mustCells(t, content(m), "Tomas Berg ↓1") {
		if c.text == "T" && !c.under {
			t.Fatalf("imported name not drawn as imported: %+v", c.sgrState)
		}
	}
}

// In quotes mode, enter on an imported quotation accepts it (clears its
// source) rather than saying it is accepted already.
func TestQuotesModeAcceptsImportedQuotation(t *testing.T) {
	m, path := startImported(t, 120, 40)
	moveTo(t, m, "Ça", 0)
	apress(t, m, "Q", "enter")
	doc, _ := spansOf(t, path, "a.txt")
	if doc.Quotes[0].Source != "" || !strings.Contains(m.message, "reviewed") {
		t.Fatalf("enter on the imported quotation: %+v %q", doc.Quotes[0], m.message)
	}
	apress(t, m, "enter")
	if !strings.Contains(m.message, "Already accepted") {
		t.Fatalf("second enter: %q", m.message)
	}
}

// The list's badge and the store's counts for it.
func TestReviewCountsAndBadge(t *testing.T) {
	path := tempDB(t)
	importFixture(t, path)
	msg := session.New(openStore(t, path), "tester").LoadReviewCounts()().(session.ReviewCountsMsg)
	if msg.Err != nil || msg.Counts["a.txt"] != 5 || len(msg.Counts) != 1 {
		t.Fatalf("counts %+v", msg)
	}
	st := ui.NewStyles(true, true)
	if b := reviewBadge(st, 5, 4); sgrRE.ReplaceAllString(b, "") != "↓5  " {
		t.Fatalf("badge %q", b)
	}
	if b := reviewBadge(st, 0, 4); b != "    " {
		t.Fatalf("empty badge %q", b)
	}
	if b := reviewBadge(st, 12345, 4); sgrRE.ReplaceAllString(b, "") != "↓999" {
		t.Fatalf("large badge %q", b)
	}
}
