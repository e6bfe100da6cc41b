package annotate_test

import (
	"strings"
	"testing"
	"unicode"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
)

// hintAt reads the jump label drawn over the word at code point off, as a
// user reads it off the screen: the bold reversed cells where the word
// starts. It also checks that drawing the hints moved no other cell.
func (h *harness) hintAt(off int) string {
	h.TB.Helper()
	p := h.Pane()
	lay := p.Layout()
	t := lay.Tokens[lay.TokenAt(off)]
	cells := celltest.Of(h.TB, p.RenderLine(t.Line))
	if len(cells) < lay.LineWidth(t.Line) || len(cells) > lay.Width {
		h.TB.Fatalf("line %d is %d cells with hints, %d laid out (width %d)", t.Line, len(cells), lay.LineWidth(t.Line), lay.Width)
	}
	var label strings.Builder
	for c := t.Col; c < len(cells) && cells[c].Bold && cells[c].Reverse && cells[c].Text != " " && cells[c].Text != ""; c++ {
		label.WriteString(cells[c].Text)
	}
	return label.String()
}

// jumpTo reaches the word at off with the jump key, its first letter and
// the label drawn over it, and returns the keys pressed.
func (h *harness) jumpTo(off int) int {
	h.TB.Helper()
	return h.jumpWith(string(unicode.ToLower([]rune(h.Pane().Text())[off])), off)
}

// jumpWith is jumpTo typing letter for the word's first letter.
func (h *harness) jumpWith(letter string, off int) int {
	h.TB.Helper()
	h.Press("f", letter)
	keys := 2
	if h.Pane().CursorOffset() == off {
		return keys // the only word with that letter
	}
	label := h.hintAt(off)
	if label == "" {
		h.TB.Fatalf("no hint over %q", h.wordAt(off))
	}
	h.TypeText(label)
	return keys + len(label)
}

func (h *harness) wordAt(off int) string {
	lay := h.Pane().Layout()
	t := lay.Tokens[lay.TokenAt(off)]
	return string(h.Pane().Runes()[t.Start:t.End])
}

// Every word on screen is reached in at most three keys: the jump key, its
// first letter (case and accents aside), and the label over it; wide
// characters, emoji and combining accents keep every other cell in place.
func TestJumpReachesEveryWordInThreeKeys(t *testing.T) {
	for _, text := range []string{annotest.StoryA, mixedText} {
		art := &model.Article{ID: "a.txt", Path: "a.txt", Title: "A", Text: text, Raw: text}
		h := newHarness(t, []*model.Article{art}, "", 60, 40)
		h.Enter(0)
		p := h.Pane()
		lay := p.Layout()
		n := 0
		for _, tok := range lay.Tokens {
			r := []rune(text)[tok.Start]
			if !tok.Word || !unicode.IsLetter(r) || !unicode.In(r, unicode.Latin) {
				continue // words a keyboard types the first letter of
			}
			h.Press("g")
			if p.CursorOffset() == tok.Start {
				continue
			}
			keys := h.jumpTo(tok.Start)
			if got := p.CursorOffset(); got != tok.Start {
				t.Fatalf("jumping to %q (%d) put the cursor on %q (%d)", h.wordAt(tok.Start), tok.Start, h.CursorText(), got)
			}
			if keys > 3 {
				t.Errorf("%q took %d keys", h.wordAt(tok.Start), keys)
			}
			if h.Mode() != "ANNOTATE" || strings.Contains(h.View(), "\x1b[1;7m") {
				t.Fatalf("after the jump: mode %s", h.Mode())
			}
			n++
		}
		if n < 10 {
			t.Fatalf("only %d words tried", n)
		}
	}
}

// Words with accents answer to the plain letter; a letter no word on
// screen starts with says so and moves nothing; esc cancels with the hints
// gone.
func TestJumpLetterFoldingAndCancel(t *testing.T) {
	art := &model.Article{ID: "m.txt", Path: "m.txt", Title: "M", Text: mixedText, Raw: mixedText}
	h := newHarness(t, []*model.Article{art}, "", 60, 40)
	h.Enter(0)
	p := h.Pane()
	for _, c := range []struct{ word, letter string }{{"Ünal", "u"}, {"Ünal", "Ü"}, {"José", "j"}, {"e\u0301lite", "e"}, {"Zoë", "z"}} {
		off := annotest.RuneIndex(t, mixedText, c.word, 0)
		h.Press("G")
		h.jumpWith(c.letter, off)
		if p.CursorOffset() != off {
			t.Errorf("%q with %q: cursor on %q", c.word, c.letter, h.CursorText())
		}
	}
	start := p.CursorOffset()
	h.Press("f", "q")
	if p.CursorOffset() != start || !strings.Contains(h.Host.Msg, "No word on screen starts with “q”") || h.Mode() != "ANNOTATE" {
		t.Errorf("no q word: cursor %d→%d, %q, mode %s", start, p.CursorOffset(), h.Host.Msg, h.Mode())
	}
	h.Press("f")
	if h.Mode() != "JUMP" {
		t.Fatalf("mode %s after f", h.Mode())
	}
	h.Press("a") // "and" ×2, "Ilse"… : hints drawn
	if h.hintAt(annotest.RuneIndex(t, mixedText, "and", 1)) == "" {
		t.Fatal("no hints drawn")
	}
	h.Press("esc")
	if p.CursorOffset() != start || h.Mode() != "ANNOTATE" || h.hintAt(annotest.RuneIndex(t, mixedText, "and", 1)) != "" {
		t.Errorf("esc: cursor %d→%d, mode %s, hints still drawn", start, p.CursorOffset(), h.Mode())
	}
	// With a selection held by the select key, the jump extends it.
	h.Press("g", "v")
	h.jumpTo(annotest.RuneIndex(t, mixedText, "officials", 0))
	if s, e, ok := p.Selection(); !ok || string(p.Runes()[s:e]) != "Zoë Ng met 京都市 officials" {
		t.Errorf("selection after the jump: %v %q", ok, string(p.Runes()[s:e]))
	}
}

// With more words than letters, the nearest get one-letter labels and the
// farthest two; no label is the start of another, and each leads to its
// word.
func TestJumpManyCandidates(t *testing.T) {
	var words []string
	for i := 0; i < 60; i++ {
		words = append(words, "talk")
	}
	text := strings.Join(words, " ")
	art := &model.Article{ID: "t.txt", Path: "t.txt", Title: "T", Text: text, Raw: text}
	h := newHarness(t, []*model.Article{art}, "", 50, 40)
	h.Enter(0)
	h.Press("f", "t")
	labels := map[string]int{}
	short, long := 0, 0
	for i := 1; i < 60; i++ {
		off := i * 5
		l := h.hintAt(off)
		if l == "" {
			t.Fatalf("word %d has no label", i)
		}
		labels[l] = off
		if len(l) == 1 {
			short++
		} else {
			long++
		}
	}
	if len(labels) != 59 || short < 20 || long == 0 {
		t.Fatalf("%d distinct labels, %d short, %d long", len(labels), short, long)
	}
	for a := range labels {
		for b := range labels {
			if a != b && strings.HasPrefix(b, a) {
				t.Fatalf("label %q is the start of %q", a, b)
			}
		}
	}
	if l := h.hintAt(5); len(l) != 1 {
		t.Errorf("the next word's label is %q", l)
	}
	h.Press("esc")
	for l, off := range labels {
		h.Press("g", "f", "t")
		h.TypeText(l)
		if h.Pane().CursorOffset() != off {
			t.Fatalf("label %q: cursor at %d, want %d", l, h.Pane().CursorOffset(), off)
		}
	}
}
