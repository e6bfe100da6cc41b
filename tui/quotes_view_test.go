package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/annotate"
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
		s := runeIndex(t, quoteMixed, name, 0)
		return model.Span{ID: id, Start: s, End: s + model.RuneLen(name), Label: label, Text: name}
	}
	spans := []model.Span{span("Zoë Ng", "PERSON", 1), span("Ilse Varga", "PERSON", 2), span("京都", "GPE", 3), span("Ünal", "PERSON", 4)}
	quoteAt := func(text string) (int, int) {
		s := runeIndex(t, quoteMixed, text, 0)
		return s, s + model.RuneLen(text)
	}
	as, ae := quoteAt("Kyōto 京都 is where Ilse Varga met the 👩‍👩‍👧‍👦 for Cafe\u0301 talks")
	ps, pe := quoteAt("A second paragraph opens here.\n\n“And goes on")
	ss, se := quoteAt("élite theatre")
	items := []quoteItem{
		{start: as, end: ae, ann: &model.QuoteAnn{Status: model.QuoteAccepted}},
		{start: ps, end: pe, det: &quote.Quote{}},
		{start: ss, end: se, ann: &model.QuoteAnn{Status: model.QuoteRejected}},
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
			hook := &quotesHook{m: &Model{c: c}}
			hook.m.quotes.setMarks(items, suggest)
			a := annotate.NewPane(c)
			a.SetOverlay(hook)
			a.SetSize(w, 200)
			a.Open("x", "t", quoteMixed, spans, false, runeIndex(t, quoteMixed, "left", 0))
			lay := a.Layout()
			for i := range lay.Lines {
				line := a.RenderLine(i)
				italic, faint, under := cellStyle(t, line)
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

// quotesModel is the sample's wire story in quotes mode with an accepted
// quotation (its speaker tagged), a rejected one, and the cursor on a
// suggestion.
func quotesModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m, _ := startStore(t, sampleSource(t), tempDB(t), w, h)
	openQuotes(t, m, "wire-ferry-ap.txt")
	apress(t, m, "Q")
	tagName(t, m, "Ilse Varga", 0, "1")
	apress(t, m, "Q", "g")
	stepTo(t, m, qCity)
	apress(t, m, "enter")
	stepTo(t, m, qFamilies)
	apress(t, m, "x", "g")
	stepTo(t, m, qLooking)
	m.message = ""
	return m
}

func TestQuotesGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := quotesModel(t, size.w, size.h)
			golden.RequireEqual(t, content(m))
			apress(t, m, "s")
			t.Run("speaker", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
			apress(t, m, "esc", "C")
			m.message = ""
			t.Run("carriers", func(t *testing.T) { golden.RequireEqual(t, content(m)) })
		})
	}
}

func TestQuotesNeverOverflow(t *testing.T) {
	m := quotesModel(t, 120, 40)
	for w := 20; w <= 250; w += 23 {
		for h := 6; h <= 70; h += 8 {
			send(t, m, teaSize(w, h))
			checkFrame(t, m, w, h)
			apress(t, m, "n", "s")
			checkFrame(t, m, w, h)
			apress(t, m, "esc", "C")
			checkFrame(t, m, w, h)
			apress(t, m, "j")
			checkFrame(t, m, w, h)
			apress(t, m, "esc")
		}
	}
	for _, s := range [][2]int{{20, 6}, {250, 70}, {21, 7}, {69, 11}, {70, 12}} {
		send(t, m, teaSize(s[0], s[1]))
		checkFrame(t, m, s[0], s[1])
		apress(t, m, "s")
		checkFrame(t, m, s[0], s[1])
		if c := m.View().Cursor; c != nil && (c.X >= s[0] || c.Y >= s[1]) {
			t.Fatalf("%dx%d: prompt cursor outside the screen at %d,%d", s[0], s[1], c.X, c.Y)
		}
		apress(t, m, "esc")
	}
}
