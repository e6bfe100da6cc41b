package layout

import (
	"strings"
	"testing"
	"unicode"
)

const sample = "Colombian President Gustavo Petro said the U.S. strikes must end.\n\n" +
	"“The workers' union won’t wait,” said Zoë Ng, a well-known organiser — in Kyōto 京都市 with 😀👍🏽 emoji.\n\n" +
	"Cafe\u0301 owners (e\u0301lite) said: https://example.com/a/very/long/path/that/cannot/fit/on/one/line/at/all"

func checkInvariants(t *testing.T, text string, width int) *Layout {
	t.Helper()
	l := Wrap(text, width)
	var joined strings.Builder
	prevEnd := 0
	for i, tk := range l.Tokens {
		s := l.Text(tk.Start, tk.End)
		if tk.Start < prevEnd || tk.End <= tk.Start {
			t.Fatalf("w=%d token %d out of order: %+v", width, i, tk)
		}
		prevEnd = tk.End
		if strings.TrimFunc(s, unicode.IsSpace) == "" {
			t.Fatalf("w=%d token %q is only space", width, s)
		}
		// zero-width tokens (a lone combining mark, ZWSP) own no cell
		if got := l.OffsetAt(tk.Line, tk.Col); tk.Width > 0 && (got < tk.Start || got >= tk.End) {
			t.Fatalf("w=%d token %q at line %d col %d: cell maps to %d, want %d", width, s, tk.Line, tk.Col, got, tk.Start)
		}
		if tk.Width != Width(s) {
			t.Fatalf("w=%d token %q width %d, terminal width %d", width, s, tk.Width, Width(s))
		}
		// the text before the token on its line is exactly Col cells wide
		hide := []func(string) string{nil, func(string) string { return "" }}
		pre := l.RenderLine(tk.Line, []Mark{{Start: tk.Start, End: l.Len(), Style: 1}}, hide)
		if Width(pre) != tk.Col {
			t.Fatalf("w=%d col mismatch for %q", width, s)
		}
		joined.WriteString(noSpace(s))
	}
	want := noSpace(text)
	if joined.String() != want {
		t.Fatalf("w=%d tokens lose or invent text:\n got %q\nwant %q", width, joined.String(), want)
	}
	for i := range l.Lines {
		line := l.RenderLine(i, nil, nil)
		// One grapheme wider than the line (an emoji ZWJ sequence counted
		// code point by code point) cannot be split: it has a line to
		// itself, but for clusters that take no cell (a joiner on its own
		// before it, found by FuzzWrap: "\u200d👩\u200d👧").
		if w := Width(line); w > width {
			wide := 0
			for rest := line; rest != ""; {
				g, gw := FirstCluster(rest)
				if gw > 0 {
					wide++
				}
				rest = rest[len(g):]
			}
			if wide != 1 {
				t.Fatalf("w=%d line %d is %d wide: %q", width, i, w, line)
			}
		}
		if w := Width(line); w != l.LineWidth(i) {
			t.Fatalf("LineWidth disagrees with the terminal: %d vs %d", l.LineWidth(i), w)
		}
	}
	return l
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestWrapInvariantsAtManyWidths(t *testing.T) {
	for _, w := range []int{2, 3, 5, 8, 13, 20, 37, 60, 80, 119, 250} {
		checkInvariants(t, sample, w)
	}
}

func TestTokensSnapToWords(t *testing.T) {
	l := Wrap(sample, 80)
	var words []string
	for _, tk := range l.Tokens {
		words = append(words, l.Text(tk.Start, tk.End))
	}
	for _, want := range []string{"U.S.", "workers", "won’t", "well-known", "Zoë", "Kyōto", "京都市", "Cafe\u0301", "e\u0301lite", "Gustavo", "Petro"} {
		found := false
		for _, w := range words {
			if w == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no token %q in %q", want, words)
		}
	}
	// the quote mark and the final full stop are tokens of their own
	if words[len(words)-1] == "end." {
		t.Error("sentence full stop glued to the word")
	}
}

func TestParagraphsAreSeparatedByBlankLines(t *testing.T) {
	l := Wrap("One two.\n\nThree four.", 40)
	if len(l.Lines) != 3 || !l.Lines[1].Blank || l.RenderLine(0, nil, nil) != "One two." || l.RenderLine(2, nil, nil) != "Three four." {
		var got []string
		for i := range l.Lines {
			got = append(got, l.RenderLine(i, nil, nil))
		}
		t.Fatalf("lines %q", got)
	}
}

func TestRenderLineMarksExactRanges(t *testing.T) {
	text := "Mayor Zoë Ng met 京都 officials."
	l := Wrap(text, 80)
	start := strings.Index(text, "Zoë")
	startCP := len([]rune(text[:start]))
	marks := []Mark{{Start: startCP, End: startCP + len([]rune("Zoë Ng")), Style: 1}}
	got := l.RenderLine(0, marks, []func(string) string{nil, func(s string) string { return "[" + s + "]" }})
	if got != "Mayor [Zoë Ng] met 京都 officials." {
		t.Fatalf("got %q", got)
	}
}

func TestLongTokenIsHardBrokenAndStillMapped(t *testing.T) {
	l := checkInvariants(t, "see https://example.com/abcdefghijklmnopqrstuvwxyz now", 10)
	if len(l.Lines) < 4 {
		t.Fatalf("long URL not broken: %d lines", len(l.Lines))
	}
	if l.TokenAt(l.Len()-1) != len(l.Tokens)-1 {
		t.Fatal("TokenAt of the last code point")
	}
	if got := l.LineOf(l.Tokens[len(l.Tokens)-1].Start); got != len(l.Lines)-1 {
		t.Fatalf("LineOf last token %d of %d", got, len(l.Lines))
	}
}

func FuzzWrap(f *testing.F) {
	f.Add(sample, 7)
	f.Add("a\n\n\n\nb  c\t d", 3)
	f.Add("👩‍👩‍👧‍👦 family 🇨🇴 flag", 2)
	f.Fuzz(func(t *testing.T, s string, w int) {
		if w < 2 || w > 300 {
			return
		}
		s = strings.ToValidUTF8(s, "")
		s = strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 {
				return -1
			}
			return r
		}, s)
		checkInvariants(t, s, w)
	})
}

func TestPunctuationIsNotWrappedAwayFromItsWord(t *testing.T) {
	text := "the hardest month of their lives,” she said (Reuters) today."
	for w := 10; w <= 40; w++ { // from the widest glued run, "(Reuters)", up
		l := checkInvariants(t, text, w)
		for i := range l.Lines {
			line := l.RenderLine(i, nil, nil)
			if line == "" {
				continue
			}
			if r := []rune(line)[0]; strings.ContainsRune(",”.)", r) {
				t.Fatalf("w=%d line %d starts with %q: %q", w, i, r, line)
			}
		}
	}
}
