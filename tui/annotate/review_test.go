package annotate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
)

// Reviewing imported annotations: a Prodigy-style jsonl imported into the
// store with importer.JSONL, opened in annotate mode.

// startImported is annotate mode on a.txt, imported as `storydesk import`
// does.
func startImported(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, annotest.Articles(), "", w, h)
	hs.Import()
	return hs
}

func (h *harness) unreviewed() map[string]int {
	h.TB.Helper()
	n, err := annotest.OpenStore(h.TB, h.Path).Unreviewed(context.Background())
	if err != nil {
		h.TB.Fatal(err)
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
	h.MoveTo("Gustavo", 0)
	h.Press("shift+right", "1", "g") // tagged by hand
	v := h.View()
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
	h.MoveTo("Ilse", 0)
	if s := h.Status(); s.Span != "PERSON “Ilse Varga” · imported from "+annotest.ImportName || !strings.Contains(celltest.Plain(h.View()), "y accept") {
		t.Fatalf("the status bar or legend does not say where the span came from: %q\n%s", s.Span, celltest.Plain(h.View()))
	}
	h.Press("y")
	_, spans := h.Doc("a.txt")
	if sp := spanNamed(t, spans, "Ilse Varga"); sp.Source != "" {
		t.Fatalf("y did not accept: %+v", sp)
	}
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Source != "import:"+annotest.ImportName {
		t.Fatalf("y accepted more than the span under the cursor: %+v", sp)
	}
	if d := h.Last.Job.Done; d != "Accepted PERSON “Ilse Varga”; 4 imported left to review (i next)" {
		t.Fatalf("message %q", d)
	}
	h.Press("w") // off the span, so it is drawn without the cursor
	for _, c := range celltest.Find(t, h.View(), "Ilse Varga") {
		if !c.Bold || c.Faint || c.Reverse {
			t.Fatalf("accepted span still drawn as imported: %q %+v", c.Text, c.State)
		}
	}
	h.Press("u", "w")
	if _, spans = h.Doc("a.txt"); spanNamed(t, spans, "Ilse Varga").Source != "import:"+annotest.ImportName {
		t.Fatal("undo did not restore the source")
	}
	for _, c := range celltest.Find(t, h.View(), "Ilse Varga") {
		if !c.Faint || c.Bold {
			t.Fatalf("after undo the span is not drawn as imported: %q %+v", c.Text, c.State)
		}
	}
	h.Press("ctrl+r")
	if _, spans = h.Doc("a.txt"); spanNamed(t, spans, "Ilse Varga").Source != "" {
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
	if p := celltest.Plain(h.View()); !strings.Contains(p, "↓5 to review") {
		t.Fatalf("the annotate box does not count what is to review:\n%s", p)
	}
	if help := fmt.Sprint(h.Host.Top().ShortHelp()[0].Help()); !strings.Contains(help, "next imported") {
		t.Fatalf("the help line does not lead with the review keys: %s", help)
	}
	h.Press("g")
	var seen []string
	for i := 0; i < 5; i++ {
		h.Press("i")
		seen = append(seen, h.CursorText())
	}
	want := []string{"Ilse Varga", "Port Ellis", "Tomas Berg", "Ça", "Zoë Ng"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("i visits %q, want %q", seen, want)
	}
	h.Press("i")
	if h.CursorText() != "Ilse Varga" || h.Host.Msg != "Wrapped to the first of 5 imported to review" {
		t.Fatalf("i did not wrap: %q %q", h.CursorText(), h.Host.Msg)
	}
	h.Press("I")
	if h.CursorText() != "Zoë Ng" || h.Host.Msg != "Wrapped to the last of 5 imported to review" {
		t.Fatalf("I from the first goes to %q", h.CursorText())
	}
	h.Press("I")
	if h.CursorText() != "Ça" {
		t.Fatalf("I goes to %q, want the quotation", h.CursorText())
	}
	if p := celltest.Plain(h.View()); !strings.Contains(p, "quotation imported from "+annotest.ImportName) {
		t.Fatalf("the legend does not name the quotation's source:\n%s", p)
	}

	h.Press("Y")
	if got := h.unreviewed(); len(got) != 0 {
		t.Fatalf("Y left %v to review", got)
	}
	doc, spans := h.Doc("a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	if len(doc.Quotes) != 1 || doc.Quotes[0].Source != "" || doc.Quotes[0].SpeakerSpan != zoe.ID {
		t.Fatalf("quotation after Y: %+v (Zoë %d)", doc.Quotes, zoe.ID)
	}
	h.Press("i")
	if h.Host.Msg != "Nothing imported to review in this article" || strings.Contains(celltest.Plain(h.View()), "to review ·") {
		t.Fatalf("after Y: %q\n%s", h.Host.Msg, celltest.Plain(h.View()))
	}
	h.Press("Y")
	if h.Host.Msg != "Nothing imported to review in this article" {
		t.Fatalf("Y with nothing left: %q", h.Host.Msg)
	}
	h.Press("u")
	if got := h.unreviewed(); got["a.txt"] != 5 {
		t.Fatalf("one undo should restore all 5: %v", got)
	}
	doc, spans = h.Doc("a.txt")
	if zoe2 := spanNamed(t, spans, "Zoë Ng"); zoe2.ID != zoe.ID || doc.Quotes[0].SpeakerSpan != zoe.ID || doc.Quotes[0].Source == "" {
		t.Fatalf("undo lost an id or the link: %+v %+v", zoe2, doc.Quotes)
	}
}

// Accepting the speaker's span keeps the quotation linked to it through
// accept, undo and redo; relabelling, or pressing the label it already
// has, reviews an imported span; x rejects (deletes) one.
func TestReviewByHandKeepsLinks(t *testing.T) {
	h := startImported(t, 120, 38)
	_, spans := h.Doc("a.txt")
	zoe := spanNamed(t, spans, "Zoë Ng")
	linked := func(when string) {
		t.Helper()
		doc, _ := h.Doc("a.txt")
		if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerSpan != zoe.ID {
			t.Fatalf("%s: the quotation lost its speaker link: %+v", when, doc.Quotes)
		}
	}
	h.MoveTo("Zoë", 0)
	h.Press("y")
	linked("accept")
	h.Press("u")
	linked("undo")
	h.Press("ctrl+r")
	linked("redo")

	// Relabel an imported span: reviewed.
	h.MoveTo("Port", 0)
	h.Press("4") // LOC
	_, spans = h.Doc("a.txt")
	if sp := spanNamed(t, spans, "Port Ellis"); sp.Label != "LOC" || sp.Source != "" {
		t.Fatalf("relabel: %+v", sp)
	}
	if !strings.HasSuffix(h.Last.Job.Done, "(imported from "+annotest.ImportName+": reviewed)") {
		t.Fatalf("relabel message %q", h.Last.Job.Done)
	}
	// Its own label again: accepted.
	h.MoveTo("Tomas", 0)
	h.Press("1")
	_, spans = h.Doc("a.txt")
	if sp := spanNamed(t, spans, "Tomas Berg"); sp.Label != "PERSON" || sp.Source != "" {
		t.Fatalf("same label: %+v", sp)
	}
	// y on a span tagged here says so and saves nothing.
	before := h.unreviewed()
	h.Press("y")
	if h.Host.Msg != "PERSON “Tomas Berg” was not imported: nothing to accept (i goes to the next imported one)" || fmt.Sprint(h.unreviewed()) != fmt.Sprint(before) {
		t.Fatalf("y on a reviewed span: %q", h.Host.Msg)
	}
	h.MoveTo("Harbour", 0)
	h.Press("y")
	if h.Host.Msg != "Nothing imported here: i goes to the next imported annotation" {
		t.Fatalf("y on a plain word: %q", h.Host.Msg)
	}
	// x rejects the last imported span.
	h.MoveTo("Ilse", 0)
	h.Press("x")
	if got := h.unreviewed(); got["a.txt"] != 1 { // the quotation
		t.Fatalf("after x: %v", got)
	}
	// The quotation: y with the cursor in it.
	h.MoveTo("Ça", 0)
	h.Press("y")
	if got := h.unreviewed(); len(got) != 0 {
		t.Fatalf("y in the quotation left %v", got)
	}
	linked("quotation accepted")
}
