package annotate_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/internal/celltest"
)

// matchedText is the runs of text drawn as search matches (underlined,
// without colour) outside the spans.
func (h *harness) matchedText() []string {
	p := h.pane()
	lay := p.Layout()
	var out []string
	for i := range lay.Lines {
		cells := celltest.Of(h.tb, p.RenderLine(i))
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
	h := newHarness(t, entityArticles(), "", 80, 30)
	h.enter(0)
	p := h.pane()
	h.press("/")
	if h.mode() != "SEARCH" {
		t.Fatalf("mode %s", h.mode())
	}
	h.typeText("VARG")
	varga := []int{runeIndex(t, storyA, "Varga", 0), runeIndex(t, storyA, "Varga", 1), runeIndex(t, storyA, "Varga", 2), runeIndex(t, storyA, "Vargas", 0)}
	if p.CursorOffset() != varga[0] {
		t.Fatalf("incremental: cursor on %q", h.cursorText())
	}
	if got := h.matchedText(); len(got) != 4 || got[0] != "Varg" {
		t.Fatalf("matches drawn: %q", got)
	}
	if v := ansi.Strip(h.view()); !strings.Contains(v, "/VARG") || !strings.Contains(v, "1/4") {
		t.Errorf("prompt without query and count:\n%s", v)
	}
	h.press("enter")
	if h.mode() != "ANNOTATE" || !strings.Contains(h.status().Span, "1/4") {
		t.Fatalf("kept: mode %s, status %q", h.mode(), h.status().Span)
	}
	for i := 1; i < 4; i++ {
		h.press("n")
		if p.CursorOffset() != varga[i] || !strings.Contains(h.status().Span, string(rune('1'+i))+"/4") {
			t.Fatalf("n #%d: cursor on %q at %d, status %q", i, h.cursorText(), p.CursorOffset(), h.status().Span)
		}
	}
	h.press("n")
	if p.CursorOffset() != varga[0] || !strings.Contains(h.host.msg, "wrapped") {
		t.Errorf("n past the last: %d, %q", p.CursorOffset(), h.host.msg)
	}
	h.press("N")
	if p.CursorOffset() != varga[3] {
		t.Errorf("N from the first: %q", h.cursorText())
	}
	h.press("N", "1") // every annotate key works on a match
	if _, spans := h.doc("a.txt"); len(spans) != 1 || spans[0].Text != "Varga" || spans[0].Start != varga[2] {
		t.Fatalf("tag on a match: %+v", spans)
	}
	h.press("esc")
	if len(h.matchedText()) != 0 || strings.Contains(h.status().Span, "/4") {
		t.Fatalf("esc left the matches: %q", h.matchedText())
	}
	h.press("g", "n") // the next entity again
	if p.CursorOffset() != varga[2] {
		t.Errorf("n after the search: %q", h.cursorText())
	}
	if !h.f.Active() {
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
	h.enter(0)
	p := h.pane()
	h.press("w", "w")
	start := p.CursorOffset()
	for _, c := range []struct {
		query string
		want  []string
	}{
		{`"ca va"`, []string{"“Ça va”"}},
		{"didn't", []string{"didn’t"}},
		{"cafe", []string{"Café", "cafe"}},
	} {
		h.press("/")
		h.typeText(c.query)
		if got := h.matchedText(); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q matched %q, want %q", c.query, got, c.want)
		}
		h.press("esc")
		if p.CursorOffset() != start || len(h.matchedText()) != 0 {
			t.Errorf("%q: esc in the prompt left the cursor at %d (was %d)", c.query, p.CursorOffset(), start)
		}
	}
	h.press("/")
	h.typeText("zebra")
	h.press("enter")
	if !strings.Contains(h.host.msg, "Not in this article") || h.mode() != "ANNOTATE" {
		t.Errorf("no match: %q, mode %s", h.host.msg, h.mode())
	}
}
