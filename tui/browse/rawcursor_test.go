package browse_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/clean"
	"storydesk/tui/browse"
)

// markedRows are the rows of the article pane the cursor's gutter marks,
// counted from the pane's first line of text.
func markedRows(h *host) []int {
	var out []int
	lines := strings.Split(h.plain(), "\n")
	for i, l := range lines[1 : len(lines)-1] {
		if strings.HasPrefix(strings.TrimLeft(l, "│┃"), "▌") {
			out = append(out, i)
		}
	}
	return out
}

func TestRawCursorMotion(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("The harbour master said the new timetable would be posted at every pier before the season. ", 8))
	raw := "Short opening line of the story here.\n\n" + long + "\n\nA closing paragraph that is short.\n\nAnd one more to end it."
	src := &fakeSource{label: "raw"}
	src.add("a.txt", &model.Article{Title: "Raw", Raw: raw, Text: raw})
	h := newHost(t, src, 50, 12, browse.Hooks{})
	var asked []string
	h.b.SetCorrections(func(id string) []model.Correction { asked = append(asked, id); return nil })
	h.drive(h.b.Init())
	h.b.SetFocus(browse.FocusArticle)
	if _, ok := h.b.CursorPara(); ok {
		t.Fatal("a cursor in the read view")
	}
	h.press("r")
	p, ok := h.b.CursorPara()
	if !ok || p.N != 1 || p.Of != 4 || model.RuneSlice(raw, p.Start, p.End) != "Short opening line of the story here." || len(asked) == 0 || asked[0] != "a.txt" {
		t.Fatalf("cursor %+v %v, corrections asked for %v:\n%s", p, ok, asked, h.plain())
	}
	if !strings.Contains(h.plain(), "▌") {
		t.Fatal("no gutter mark")
	}
	// The layout the pane shows (the box takes two columns and two rows).
	innerH := 12 - 2
	_, paras := browse.RawParas(&model.Article{Raw: raw, Text: raw}, 50-2)
	tall := paras[1].Last - paras[1].First + 1
	if tall <= innerH {
		t.Fatalf("fixture: want a paragraph taller than the screen (%d lines): %+v", innerH, paras)
	}
	h.press("j")
	if p, _ := h.b.CursorPara(); p.N != 2 || !strings.HasPrefix(strings.TrimLeft(strings.Split(h.plain(), "\n")[1], "│┃▌ "), "The harbour master") {
		t.Fatalf("onto the tall paragraph: ¶%d, its start not at the top:\n%s", p.N, h.plain())
	}
	// j reads through it a line at a time before moving on.
	steps := 0
	for p, _ := h.b.CursorPara(); p.N == 2; p, _ = h.b.CursorPara() {
		before := h.plain()
		h.press("j")
		if p, _ := h.b.CursorPara(); p.N == 2 && h.plain() == before {
			t.Fatal("stuck")
		}
		steps++
	}
	if want := tall - innerH + 1; steps != want {
		t.Fatalf("%d presses through the paragraph, want %d", steps, want)
	}
	if !strings.Contains(h.plain(), "A closing paragraph that is short.") {
		t.Fatalf("the next paragraph is not on screen:\n%s", h.plain())
	}
	// k comes back onto it showing its end, then reads up.
	h.press("k")
	rows, lines := markedRows(h), strings.Split(h.plain(), "\n")
	if p, _ := h.b.CursorPara(); p.N != 2 || len(rows) == 0 || !strings.HasSuffix(strings.TrimRight(lines[1+rows[len(rows)-1]], "│┃ "), "season.") {
		t.Fatalf("k onto the tall paragraph: ¶%d\n%s", p.N, h.plain())
	}
	h.press("G")
	if p, _ := h.b.CursorPara(); p.N != 4 || h.b.Percent() != 100 {
		t.Fatalf("G: ¶%d at %d%%", p.N, h.b.Percent())
	}
	h.press("g")
	if p, _ := h.b.CursorPara(); p.N != 1 || h.b.Percent() != 0 {
		t.Fatalf("g: ¶%d at %d%%", p.N, h.b.Percent())
	}
	// A page down leaves the cursor on a paragraph on screen.
	h.press("pgdown")
	if p, _ := h.b.CursorPara(); len(markedRows(h)) == 0 || h.b.Percent() == 0 {
		t.Fatalf("pgdown: ¶%d not on screen:\n%s", p.N, h.plain())
	}
	// A narrower window keeps the cursor's paragraph and shows it.
	cur, _ := h.b.CursorPara()
	h.resize(40, 8)
	if p, _ := h.b.CursorPara(); p.N != cur.N || len(markedRows(h)) == 0 {
		t.Fatalf("after resize: ¶%d, was ¶%d\n%s", p.N, cur.N, h.plain())
	}
	// The gutter marks exactly the cursor's lines: a short paragraph's
	// lines, all on screen.
	h.press("G")
	_, paras = browse.RawParas(&model.Article{Raw: raw, Text: raw}, 40-2)
	last := paras[len(paras)-1]
	if rows := markedRows(h); len(rows) != last.Last-last.First+1 {
		t.Fatalf("marked rows %v, the paragraph has lines %d–%d\n%s", rows, last.First, last.Last, h.plain())
	}
	// Without corrections the raw view scrolls, with no cursor.
	h.b.SetCorrections(nil)
	if _, ok := h.b.CursorPara(); ok {
		t.Fatal("a cursor without corrections")
	}
}

func TestLayoutRawParagraphLines(t *testing.T) {
	raw := "Head line\n\n  Indented paragraph that is long enough to wrap over a few lines at this width.\nNext line paragraph.\n\nEnd."
	a := &model.Article{Raw: raw}
	cl := clean.Clean(raw)
	a.Text, a.Removed = cl.Text, cl.Removed
	for _, w := range []int{12, 20, 40, 200} {
		flat, paras := browse.RawParas(a, w)
		ps := clean.Paragraphs(raw)
		if len(paras) != len(ps) {
			t.Fatalf("width %d: %d paragraphs laid out, %d in the text", w, len(paras), len(ps))
		}
		for i, p := range paras {
			if p.First > p.Last || p.Last >= len(flat) || i > 0 && p.First <= paras[i-1].Last {
				t.Fatalf("width %d: paragraph %d lines %d–%d", w, i, p.First, p.Last)
			}
			// Its lines hold its words, first to last.
			words := strings.Fields(model.RuneSlice(raw, p.Start, p.End))
			got := strings.Fields(strings.Join(flat[p.First:p.Last+1], " "))
			if strings.Join(got, " ") != strings.Join(words, " ") {
				t.Fatalf("width %d: paragraph %d lines hold %q, want %q", w, i, got, words)
			}
		}
		_, widths, _ := browse.RawLayout(a, nil, w, true)
		for i, n := range widths {
			if n > max(1, w-browse.RawGutter) {
				t.Fatalf("width %d: line %d is %d cells", w, i, n)
			}
		}
	}
}
