package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/tui/layout"
)

func TestTextWidthMatchesAnsi(t *testing.T) {
	pieces := []string{"a", "Z", " ", "…", "·", "─", "┃", "▌", "é", "ß", "↑", "中", "🎉", "\u0301", "\ufe0f", "↔", "\x1b[1m", "\x1b[38;2;1;2;3m", "\x1b[m", "\x1b]8;;x\x07", "\t", "—", "€", "\u00ad", "👍🏽", "ｶ"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.IntN(12); n >= 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := TextWidth(s), layout.Width(s); got != want {
			t.Fatalf("TextWidth(%q) = %d, layout.Width = %d", s, got, want)
		}
	}
}

func TestFitAndTruncateWideText(t *testing.T) {
	for _, s := range []string{"宽字符标题宽字符标题", "emoji 🎉🎉🎉 tail", "plain ascii title here", "e\u0301e\u0301e\u0301 combining"} {
		for w := 0; w < 16; w++ {
			f := Fit(s, w)
			if got := layout.Width(f); got != w {
				t.Fatalf("Fit(%q, %d) is %d cells: %q", s, w, got, f)
			}
			if tr := Truncate(s, w); layout.Width(tr) > w {
				t.Fatalf("Truncate(%q, %d) = %q", s, w, tr)
			}
		}
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := Commas(n); got != want {
			t.Errorf("Commas(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTruncLeft(t *testing.T) {
	if got := TruncLeft("/a/very/long/path/annotations.jsonl", 20); got != "…h/annotations.jsonl" || TextWidth(got) != 20 {
		t.Errorf("TruncLeft: %q", got)
	}
	if got := TruncLeft("/tmp/東京/注釈.jsonl", 10); TextWidth(got) > 10 || !strings.HasSuffix(got, ".jsonl") {
		t.Errorf("TruncLeft wide: %q", got)
	}
	if got := TruncLeft("short", 8); got != "short" {
		t.Errorf("TruncLeft of what fits: %q", got)
	}
	// Linear: a pasted path of 60,000 cells is cut at once.
	if got := TruncLeft(strings.Repeat("/東京", 20_000)+"/out.jsonl", 25); TextWidth(got) > 25 || TextWidth(got) < 24 || !strings.HasSuffix(got, "/out.jsonl") || !strings.HasPrefix(got, "…") {
		t.Fatalf("TruncLeft of a long path: %q (%d cells)", got, TextWidth(got))
	}
}

// DisplayText keeps one rune for every rune, so offsets into the text hold
// on screen.
func TestDisplayTextKeepsOffsets(t *testing.T) {
	in := []rune("a\tb\r\nc\x1b[31m\u202ed\u00e9")
	got := []rune(DisplayText(in))
	if len(got) != len(in) {
		t.Fatalf("%d runes from %d", len(got), len(in))
	}
	if want := "a b \nc\uFFFD[31m\uFFFDd\u00e9"; string(got) != want {
		t.Fatalf("got %q, want %q", string(got), want)
	}
}
