package annotate_test

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

const mixedText = "Zoë Ng met 京都市 officials and Cafe\u0301 Ünal in Kyōto 🇨🇴 with 👩‍👩‍👧‍👦 and Ilse Varga.\n\n" +
	"東京 の 会議 に 山田 太郎 が 出席 した。Then e\u0301lite José García spoke for Ni\u0301ke."

func noColor() *ui.Context {
	c := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	return c
}

// Every highlighted cell is exactly a span's code point, at many widths,
// with wide characters, emoji sequences and combining accents.
func TestHighlightCellsAreExactlyTheSpans(t *testing.T) {
	c := noColor()
	var spans []model.Span
	for i, name := range []string{"Zoë Ng", "京都市", "Cafe\u0301 Ünal", "🇨🇴", "👩‍👩‍👧‍👦", "山田 太郎", "e\u0301lite José", "Ni\u0301ke"} {
		s := annotest.RuneIndex(t, mixedText, name, 0)
		spans = append(spans, model.Span{ID: int64(i + 1), Start: s, End: s + model.RuneLen(name), Label: model.DefaultLabels[i%4], Text: name})
	}
	for _, w := range []int{6, 9, 13, 20, 31, 47, 80, 133} {
		p := annotate.NewPane(c)
		p.SetSize(w, 200)
		p.Open("x", "t", mixedText, spans, false, annotest.RuneIndex(t, mixedText, "officials", 0))
		cs, ce := p.CursorRange()
		lay := p.Layout()
		for i := range lay.Lines {
			line := p.RenderLine(i)
			cells := celltest.Of(t, line)
			if len(cells) != lay.LineWidth(i) {
				t.Fatalf("w=%d line %d: styling changed the width (%d cells, laid out %d)", w, i, len(cells), lay.LineWidth(i))
			}
			for col, cl := range cells {
				off := lay.OffsetAt(i, col)
				if off < 0 {
					continue
				}
				_, inSpan := model.FindOverlap(spans, off, off+1, 0)
				if cl.Under != inSpan {
					t.Fatalf("w=%d line %d col %d (code point %d %q): underlined %v, in a span %v\n%q",
						w, i, col, off, string([]rune(mixedText)[off]), cl.Under, inSpan, line)
				}
				if inCursor := off >= cs && off < ce; cl.Reverse != inCursor {
					t.Fatalf("w=%d line %d col %d: reversed %v, under the cursor %v", w, i, col, cl.Reverse, inCursor)
				}
			}
		}
	}
}

// Each span is drawn in its label's style, an unknown label in the style
// for labels not in the set; the selection's style wins over a span's and
// the cursor (on the whole span) adds to both.
func TestSpansUseLabelStyles(t *testing.T) {
	c := &ui.Context{Keys: ui.DefaultKeyMap(), Labels: []string{"PERSON", "ORG"}}
	c.Restyle(false)
	text := "Ana Ruiz joined Acme Corp and Bob left."
	spans := []model.Span{
		{ID: 1, Start: 0, End: 8, Label: "PERSON", Text: "Ana Ruiz"},
		{ID: 2, Start: 16, End: 25, Label: "ORG", Text: "Acme Corp"},
		{ID: 3, Start: 30, End: 33, Label: "GONE", Text: "Bob"},
	}
	p := annotate.NewPane(c)
	p.SetSize(80, 10)
	p.Open("x", "t", text, spans, false, 34) // cursor on “left”
	base := ui.AnnBase(2)
	painters := c.Styles.AnnPainters()
	check := func(what string, want [][3]int) {
		t.Helper()
		cells := celltest.Of(t, p.RenderLine(0))
		for off := range []rune(text) {
			style := 0
			for _, w := range want {
				if off >= w[0] && off < w[1] {
					style = w[2]
				}
			}
			var exp celltest.State
			if style > 0 {
				exp = celltest.Of(t, painters[style]("x"))[0].State
			}
			if fmt.Sprint(cells[off].State) != fmt.Sprint(exp) {
				t.Fatalf("%s: code point %d (%q) drawn %+v, want style %d %+v", what, off, string([]rune(text)[off]), cells[off].State, style, exp)
			}
		}
	}
	check("spans", [][3]int{{0, 8, 1}, {16, 25, 2}, {30, 33, 3}, {34, 38, base}})
	// A selection from “joined” onto the span.
	p.MoveTo(8)
	p.Motion(annotest.Key("shift+right"))
	sel := 2 + 2
	check("selection", [][3]int{{0, 8, 1}, {9, 16, sel}, {16, 20, sel + base}, {20, 25, 2 + base}, {30, 33, 3}})
}

// With colour the label colour stays and a dotted underline in its own
// colour marks an imported span; the hand-tagged one has none.
func TestImportedSpansLookDifferentInColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		c := &ui.Context{Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
		c.Restyle(dark)
		text := "Ana Ruiz met Bob Lee in Lima."
		spans := []model.Span{
			{ID: 1, Start: 0, End: 8, Label: "PERSON", Text: "Ana Ruiz", Source: "import:x.jsonl"},
			{ID: 2, Start: 13, End: 20, Label: "PERSON", Text: "Bob Lee"},
		}
		p := annotate.NewPane(c)
		p.SetSize(80, 10)
		p.Open("x", "t", text, spans, false, 24) // cursor on Lima
		line := p.RenderLine(0)
		cs := celltest.Of(t, line)
		for i := 0; i < 8; i++ {
			imp, hand := cs[i], cs[13+min(i, 6)]
			if !imp.Under || hand.Under {
				t.Fatalf("dark=%v: imported underlined %v, hand-tagged %v", dark, imp.Under, hand.Under)
			}
			if imp.BG == nil || fmt.Sprint(imp.BG) != fmt.Sprint(hand.BG) {
				t.Fatalf("dark=%v: the imported span lost its label colour: %v vs %v", dark, imp.BG, hand.BG)
			}
		}
		if !strings.Contains(line, "4:4") || !strings.Contains(line, ";58") && !strings.Contains(line, "[58") {
			t.Fatalf("dark=%v: no coloured dotted underline: %q", dark, line)
		}
		// The cursor on it is still the cursor.
		p.MoveTo(0)
		cs = celltest.Of(t, p.RenderLine(0))
		if !cs[0].Reverse || !cs[0].Under {
			t.Fatalf("dark=%v: cursor on the imported span %+v", dark, cs[0].State)
		}
	}
}

// openPane is annotest.StoryA in a pane of w×h, the cursor on its first word.
func openPane(t *testing.T, w, h int, spans ...model.Span) *annotate.Pane {
	t.Helper()
	p := annotate.NewPane(noColor())
	p.SetSize(w, h)
	p.Open("a.txt", "Story A", annotest.StoryA, spans, false, -1)
	return p
}

func cursorOf(p *annotate.Pane) string {
	s, e := p.CursorRange()
	return string(p.Runes()[s:e])
}

func move(t *testing.T, p *annotate.Pane, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if !p.Motion(annotest.Key(k)) {
			t.Fatalf("%q is not a motion", k)
		}
	}
}

func TestMotions(t *testing.T) {
	p := openPane(t, 60, 30)
	if cursorOf(p) != "Mayor" {
		t.Fatalf("cursor starts on %q, want the first word", cursorOf(p))
	}
	move(t, p, ")")
	if cursorOf(p) != "Varga" {
		t.Fatalf(") to the second sentence: %q", cursorOf(p))
	}
	move(t, p, ")") // “Mr. Berg” does not end the sentence
	if cursorOf(p) != "The" {
		t.Fatalf(") past “Mr.”: %q", cursorOf(p))
	}
	move(t, p, "}")
	if cursorOf(p) != "Gustavo" {
		t.Fatalf("} to the last paragraph: %q", cursorOf(p))
	}
	move(t, p, "{")
	if cursorOf(p) != "The" {
		t.Fatalf("{ back a paragraph: %q", cursorOf(p))
	}
	move(t, p, "(")
	if cursorOf(p) != "Varga" {
		t.Fatalf("( back a sentence: %q", cursorOf(p))
	}
	move(t, p, "G")
	if cursorOf(p) != "reopen" {
		t.Fatalf("G: %q", cursorOf(p))
	}
	// j/k keep the column: down then up comes back to the same word.
	move(t, p, "g", "w", "w", "w")
	startWord, startLine := cursorOf(p), p.CursorLine()
	move(t, p, "j")
	if p.CursorLine() != startLine+1 {
		t.Fatalf("j: line %d, want %d", p.CursorLine(), startLine+1)
	}
	move(t, p, "k")
	if cursorOf(p) != startWord {
		t.Fatalf("j k: %q, want %q", cursorOf(p), startWord)
	}
	// shift+down selects to the same column a line down, whole tokens; a
	// plain motion drops it.
	move(t, p, "shift+down")
	s, e, ok := p.Selection()
	lay := p.Layout()
	if !ok || lay.Tokens[lay.TokenAt(s)].Start != s || lay.Tokens[lay.TokenAt(e-1)].End != e {
		t.Fatalf("selection %d–%d is not whole tokens", s, e)
	}
	move(t, p, "w")
	if p.Selecting() {
		t.Fatal("a plain motion should drop a shift selection")
	}
	// The cursor stays on screen while moving through the text.
	for i := 0; i < 40; i++ {
		move(t, p, "j")
		ln := p.CursorLine()
		if top, n := p.Visible(); ln < top || ln >= top+n {
			t.Fatalf("cursor line %d off screen (top %d, %d lines)", ln, top, n)
		}
	}
	if p.Motion(annotest.Key("x")) {
		t.Fatal("x is not a motion")
	}
}

// On a tagged span the cursor covers the whole span: w moves past it, b
// comes back to its start, j/k through a wrapped one still move a line.
func TestCursorCoversSpans(t *testing.T) {
	s := annotest.RuneIndex(t, annotest.StoryA, "Ilse Varga", 0)
	p := openPane(t, 120, 30, model.Span{ID: 1, Start: s, End: s + 10, Label: "PERSON", Text: "Ilse Varga"})
	move(t, p, "w")
	if cursorOf(p) != "Ilse Varga" {
		t.Fatalf("w onto the span: %q", cursorOf(p))
	}
	if sp, ok := p.CursorSpan(); !ok || sp.Text != "Ilse Varga" {
		t.Fatalf("span under the cursor: %+v", sp)
	}
	move(t, p, "w")
	if cursorOf(p) != "of" {
		t.Fatalf("w from a span: %q", cursorOf(p))
	}
	move(t, p, "b")
	if cursorOf(p) != "Ilse Varga" {
		t.Fatalf("b onto a span: %q", cursorOf(p))
	}
	// MoveTo inside the span lands on its start; JumpTo on the word.
	p.MoveTo(s + 6)
	if p.CursorOffset() != s {
		t.Fatalf("MoveTo into the span: %d", p.CursorOffset())
	}
	p.JumpTo(s + 6)
	if p.CursorOffset() != s+5 {
		t.Fatalf("JumpTo the second word: %d", p.CursorOffset())
	}
	// SelectRange selects whole words.
	p.SelectRange(annotest.RuneIndex(t, annotest.StoryA, "Port", 0), annotest.RuneIndex(t, annotest.StoryA, "Ellis", 0)+5)
	if st, en, ok := p.Selection(); !ok || string(p.Runes()[st:en]) != "Port Ellis" || cursorOf(p) != "Port" {
		t.Fatalf("SelectRange: %q", string(p.Runes()[st:en]))
	}
}

// The text is re-wrapped on a resize with the cursor and the selection on
// the same code points; the same text opened again keeps its layout.
func TestResizeKeepsThePlace(t *testing.T) {
	p := openPane(t, 120, 30)
	p.MoveTo(annotest.RuneIndex(t, annotest.StoryA, "Tomas", 0))
	move(t, p, "shift+right")
	for _, w := range []int{20, 47, 200, 9} {
		p.SetSize(w, 12)
		if cursorOf(p) != "Berg" {
			t.Fatalf("w=%d: cursor on %q", w, cursorOf(p))
		}
		if s, e, _ := p.Selection(); string(p.Runes()[s:e]) != "Tomas Berg" {
			t.Fatalf("w=%d: selection %q", w, string(p.Runes()[s:e]))
		}
		ln := p.CursorLine()
		if top, n := p.Visible(); n > 0 && (ln < top || ln >= top+n) {
			t.Fatalf("w=%d: cursor off screen", w)
		}
	}
	lay := p.Layout()
	p.Open("a.txt", "Story A", annotest.StoryA, nil, false, 0)
	if p.Layout() != lay || p.Selecting() {
		t.Fatal("reopening the same text should keep its layout and drop the selection")
	}
}

// An article without a word to rest on says so, and keys do not fail.
func TestNoWords(t *testing.T) {
	p := annotate.NewPane(noColor())
	p.SetSize(60, 12)
	p.Open("x", "t", "… — !", nil, false, -1)
	if p.HasWords() {
		t.Fatal("punctuation only: no stops")
	}
	for _, k := range []string{"w", "b", "j", "k", "G", ")", "shift+right"} {
		p.Motion(annotest.Key(k))
	}
	if v := celltest.Plain(p.View("", "", nil)); !strings.Contains(v, "This article has no words to annotate.") {
		t.Fatalf("view:\n%s", v)
	}
}

// fakeOverlay marks a range of the text in a layer of its own, draws a bar
// in the margin, and has a panel of a fixed width.
type fakeOverlay struct {
	start, end int
	panelW     int
	gutters    int
}

func (o *fakeOverlay) Cuts(start, end int, add func(int)) { add(o.start); add(o.end) }
func (o *fakeOverlay) LayerAt(off int) int {
	if off >= o.start && off < o.end {
		return ui.QLayerAccepted
	}
	return ui.QLayerNone
}
func (o *fakeOverlay) Gutter(l layout.Line, cs, ce int, pad string) string {
	o.gutters++
	if l.Start < o.end && o.start < l.End {
		return "|" + pad[1:]
	}
	return pad
}
func (o *fakeOverlay) PanelW(w int) int      { return o.panelW }
func (o *fakeOverlay) PanelBelowH(h int) int { return 5 }
func (o *fakeOverlay) PanelView(w, h int) string {
	return strings.TrimSuffix(strings.Repeat(strings.Repeat("#", w)+"\n", h), "\n")
}

// An overlay's marks are drawn in its layer, its gutter in the margin, and
// its panel beside the text when it fits, below it when not.
func TestOverlay(t *testing.T) {
	c := noColor()
	s := annotest.RuneIndex(t, annotest.StoryA, "Port Ellis", 0)
	o := &fakeOverlay{start: s, end: s + 10, panelW: 30}
	p := annotate.NewPane(c)
	p.SetOverlay(o)
	p.SetSize(100, 20)
	p.Open("a.txt", "Story A", annotest.StoryA, nil, false, -1)
	cells := celltest.Of(t, p.RenderLine(0))
	lay := p.Layout()
	for col, cl := range cells {
		off := lay.OffsetAt(0, col)
		if in := off >= s && off < s+10; off >= 0 && cl.Italic != in {
			t.Fatalf("code point %d: italic %v, in the overlay's range %v", off, cl.Italic, in)
		}
	}
	if lines := p.TextLines(); !strings.HasPrefix(lines[0], "|") || o.gutters == 0 {
		t.Fatalf("no bar in the margin: %q", lines[0])
	}
	p.SetPanel(true, true)
	if x, _, w, _ := p.PanelRect(); x != 70 || w != 30 {
		t.Fatalf("panel beside the text at %d, %d wide", x, w)
	}
	v := p.View("", "", o.PanelView)
	if !strings.HasSuffix(strings.Split(v, "\n")[0], strings.Repeat("#", 30)) {
		t.Fatalf("panel not drawn beside the text:\n%s", v)
	}
	o.panelW = 0
	p.SetSize(60, 20)
	if _, y, w, h := p.PanelRect(); y != 15 || w != 60 || h != 5 {
		t.Fatalf("panel below the text at %d, %d×%d", y, w, h)
	}
	lines := strings.Split(p.View("", "", o.PanelView), "\n")
	if len(lines) != 20 || lines[19] != strings.Repeat("#", 60) {
		t.Fatalf("panel not below the text:\n%s", strings.Join(lines, "\n"))
	}
	p.SetPanel(false, false)
	if shown, ext := p.Panel(); shown || ext {
		t.Fatal("panel still shown")
	}
}

// The legend names each label with its first key, as bound.
func TestLegendShowsTheBoundKeys(t *testing.T) {
	c := noColor()
	c.Labels = []string{"PERSON", "PLACE"}
	if err := c.Keys.Rebind(map[string][]string{"label1": {"!"}}); err != nil {
		t.Fatal(err)
	}
	p := annotate.NewPane(c)
	p.SetSize(80, 10)
	p.Open("x", "t", "Ana met Bob.", nil, false, -1)
	if v := celltest.Plain(p.View("", "", nil)); !strings.Contains(v, "! PERSON 2 PLACE") {
		t.Fatalf("legend:\n%s", v)
	}
}
