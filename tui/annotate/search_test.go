package annotate_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
)

// matchedText is the runs of text drawn as search matches (underlined,
// without colour) outside the spans.
func (h *harness) matchedText() []string {
	p := h.Pane()
	lay := p.Layout()
	var out []string
	for i := range lay.Lines {
		cells := celltest.Of(h.TB, p.RenderLine(i))
		var cur strings.Builder
		for col, c := range cells {
			off := lay.OffsetAt(i, col)
			if c.Under && !c.Bold && off >= 0 && c.Text != "" { // spans are bold and underlined
				cur.WriteString(c.Text)
				continue
			}
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
		if cur.Len() > 0 {
			out = append(out, cur.String())
		}
	}
	return out
}

// Search is incremental and ignores case, accents and typographic quotes;
// enter keeps it, n and N step through the matches (round the article)
// with the count in the status bar, a label key tags the match, and esc
// drops it, giving n back to the entities.
func TestSearchFindsAndSteps(t *testing.T) {
	h := newHarness(t, annotest.Articles(), "", 80, 30)
	h.Enter(0)
	p := h.Pane()
	h.Press("/")
	if h.Mode() != "SEARCH" {
		t.Fatalf("mode %s", h.Mode())
	}
	h.TypeText("VARG")
	varga := []int{annotest.RuneIndex(t, annotest.StoryA, "Varga", 0), annotest.RuneIndex(t, annotest.StoryA, "Varga", 1), annotest.RuneIndex(t, annotest.StoryA, "Varga", 2), annotest.RuneIndex(t, annotest.StoryA, "Vargas", 0)}
	if p.CursorOffset() != varga[0] {
		t.Fatalf("incremental: cursor on %q", h.CursorText())
	}
	if got := h.matchedText(); len(got) != 4 || got[0] != "Varg" {
		t.Fatalf("matches drawn: %q", got)
	}
	if v := ansi.Strip(h.View()); !strings.Contains(v, "/VARG") || !strings.Contains(v, "1/4") {
		t.Errorf("prompt without query and count:\n%s", v)
	}
	h.Press("enter")
	if h.Mode() != "ANNOTATE" || !strings.Contains(h.Status().Span, "1/4") {
		t.Fatalf("kept: mode %s, status %q", h.Mode(), h.Status().Span)
	}
	for i := 1; i < 4; i++ {
		h.Press("n")
		if p.CursorOffset() != varga[i] || !strings.Contains(h.Status().Span, string(rune('1'+i))+"/4") {
			t.Fatalf("n #%d: cursor on %q at %d, status %q", i, h.CursorText(), p.CursorOffset(), h.Status().Span)
		}
	}
	h.Press("n")
	if p.CursorOffset() != varga[0] || !strings.Contains(h.Host.Msg, "wrapped") {
		t.Errorf("n past the last: %d, %q", p.CursorOffset(), h.Host.Msg)
	}
	h.Press("N")
	if p.CursorOffset() != varga[3] {
		t.Errorf("N from the first: %q", h.CursorText())
	}
	h.Press("N", "1") // every annotate key works on a match
	if _, spans := h.Doc("a.txt"); len(spans) != 1 || spans[0].Text != "Varga" || spans[0].Start != varga[2] {
		t.Fatalf("tag on a match: %+v", spans)
	}
	h.Press("esc")
	if len(h.matchedText()) != 0 || strings.Contains(h.Status().Span, "/4") {
		t.Fatalf("esc left the matches: %q", h.matchedText())
	}
	h.Press("g", "n") // the next entity again
	if p.CursorOffset() != varga[2] {
		t.Errorf("n after the search: %q", h.CursorText())
	}
	if !h.Ann.Active() {
		t.Fatal("esc with a search left annotate mode")
	}
}

// Quotes, apostrophes and accents in the text answer to plain ones typed;
// esc in the prompt puts the cursor back; a query not in the article says
// so.
func TestSearchFoldsTypography(t *testing.T) {
	text := "He said “Ça va” and didn’t stay at the Café Noir; the cafe next door was shut."
	art := &model.Article{ID: "q.txt", Path: "q.txt", Title: "Q", Text: text, Raw: text}
	h := newHarness(t, []*model.Article{art}, "", 80, 20)
	h.Enter(0)
	p := h.Pane()
	h.Press("w", "w")
	start := p.CursorOffset()
	for _, c := range []struct {
		query string
		want  []string
	}{
		{`"ca va"`, []string{"“Ça va”"}},
		{"didn't", []string{"didn’t"}},
		{"cafe", []string{"Café", "cafe"}},
	} {
		h.Press("/")
		h.TypeText(c.query)
		if got := h.matchedText(); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q matched %q, want %q", c.query, got, c.want)
		}
		h.Press("esc")
		if p.CursorOffset() != start || len(h.matchedText()) != 0 {
			t.Errorf("%q: esc in the prompt left the cursor at %d (was %d)", c.query, p.CursorOffset(), start)
		}
	}
	h.Press("/")
	h.TypeText("zebra")
	h.Press("enter")
	if !strings.Contains(h.Host.Msg, "Not in this article") || h.Mode() != "ANNOTATE" {
		t.Errorf("no match: %q, mode %s", h.Host.Msg, h.Mode())
	}
}
