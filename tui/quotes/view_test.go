package quotes_test

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/annotate"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
	"storydesk/tui/quotes"
	"storydesk/tui/ui"
)

const quoteMixed = "Zoë Ng said: “Kyōto 京都 is where Ilse Varga met the 👩‍👩‍👧‍👦 for Cafe\u0301 talks,” and left.\n\n" +
	"“A second paragraph opens here.\n\n“And goes on,” Ünal wrote, calling it “élite theatre” for Ni\u0301ke."

// Every italic cell is exactly a quotation's code point (accepted or
// suggested); suggestions alone are faint; entity underlines are
// untouched; widths never change; and the margin bar marks exactly the
// lines that show part of a quotation.
func TestQuoteHighlightCellsAreExactlyTheQuotes(t *testing.T) {
	c := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	span := func(name, label string, id int64) model.Span {
		s := annotest.RuneIndex(t, quoteMixed, name, 0)
		return model.Span{ID: id, Start: s, End: s + model.RuneLen(name), Label: label, Text: name}
	}
	spans := []model.Span{span("Zoë Ng", "PERSON", 1), span("Ilse Varga", "PERSON", 2), span("京都", "GPE", 3), span("Ünal", "PERSON", 4)}
	quoteAt := func(text string) (int, int) {
		s := annotest.RuneIndex(t, quoteMixed, text, 0)
		return s, s + model.RuneLen(text)
	}
	as, ae := quoteAt("Kyōto 京都 is where Ilse Varga met the 👩‍👩‍👧‍👦 for Cafe\u0301 talks")
	ps, pe := quoteAt("A second paragraph opens here.\n\n“And goes on")
	ss, se := quoteAt("élite theatre")
	qs := []quotes.Quotation{
		{Start: as, End: ae, Status: model.QuoteAccepted},
		{Start: ps, End: pe, Status: quotes.Suggested},
		{Start: ss, End: se, Status: model.QuoteRejected},
	}
	inQuote := func(off int, suggest bool) (bool, bool) {
		switch {
		case off >= as && off < ae:
			return true, false
		case suggest && off >= ps && off < pe:
			return true, true
		}
		return false, false
	}
	for _, suggest := range []bool{false, true} {
		for _, w := range []int{6, 9, 13, 20, 31, 47, 80, 133} {
			a := annotate.NewPane(c)
			a.SetOverlay(quotes.NewOverlay(c, qs, suggest))
			a.SetSize(w, 200)
			a.Open("x", "t", quoteMixed, spans, false, annotest.RuneIndex(t, quoteMixed, "left", 0))
			lay := a.Layout()
			for i := range lay.Lines {
				line := a.RenderLine(i)
				italic, faint, under := celltest.Style(t, line)
				if len(italic) != lay.LineWidth(i) {
					t.Fatalf("w=%d line %d: styling changed the width (%d cells, laid out %d)", w, i, len(italic), lay.LineWidth(i))
				}
				for col := range italic {
					off := lay.OffsetAt(i, col)
					if off < 0 {
						continue
					}
					q, sug := inQuote(off, suggest)
					_, inSpan := model.FindOverlap(spans, off, off+1, 0)
					if italic[col] != q || under[col] != inSpan || faint[col] != (sug && !inSpan) {
						t.Fatalf("w=%d suggest=%v line %d col %d (code point %d %q): italic %v faint %v underline %v; in a quotation %v (suggested %v), in a span %v\n%q",
							w, suggest, i, col, off, string([]rune(quoteMixed)[off]), italic[col], faint[col], under[col], q, sug, inSpan, line)
					}
				}
			}
			// The margin bar: on every line showing a highlighted quotation,
			// and on the blank line inside the one that spans paragraphs.
			lines := a.TextLines()
			if ui.TextWidth(lines[0]) == lay.LineWidth(0) {
				continue // no margin at this width
			}
			for i, l := range lay.Lines {
				if i >= len(lines) {
					break
				}
				want := false
				for off := l.Start; off < l.End; off++ {
					if q, _ := inQuote(off, suggest); q {
						want = true
					}
				}
				if l.End <= l.Start {
					want = suggest && l.Start > ps && l.Start < pe
				}
				bar := !strings.HasPrefix(lines[i], " ")
				if bar != want {
					t.Fatalf("w=%d suggest=%v line %d (%q): bar %v, want %v", w, suggest, i, lay.Text(l.Start, l.End), bar, want)
				}
				if ui.TextWidth(lines[i]) != lay.LineWidth(i)+1 {
					t.Fatalf("w=%d line %d: the bar changed the width", w, i)
				}
			}
		}
	}
}

func TestDiffLinesShowEveryChange(t *testing.T) {
	c := &ui.Context{NoColor: true, Keys: ui.DefaultKeyMap(), Labels: model.DefaultLabels}
	c.Restyle(true)
	qtext := "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo"
	other := strings.Replace(strings.Replace(qtext, "two ", "deux ", 1), "twentyone", "vingtetun", 1)
	mt := quote.FindCarriers(qtext, other)
	if len(mt) != 1 || mt[0].Edits != 2 {
		t.Fatalf("match %+v", mt)
	}
	lines := quotes.DiffLines(c.Styles, qtext, mt[0], 40, 3)
	joined := celltest.Plain(strings.Join(lines, " "))
	for _, w := range []string{"deux", "two", "vingtetun", "twentyone", "…"} {
		if !strings.Contains(joined, w) {
			t.Fatalf("diff lines lack %q: %q", w, joined)
		}
	}
	if strings.Contains(joined, "eleven") {
		t.Fatalf("the long unchanged middle should be shortened: %q", joined)
	}
	for _, l := range lines {
		if ui.TextWidth(l) > 40 {
			t.Fatalf("line wider than 40: %q", l)
		}
	}
}
