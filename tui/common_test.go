package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
		if got, want := textWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("textWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func TestFitAndTruncateWideText(t *testing.T) {
	for _, s := range []string{"宽字符标题宽字符标题", "emoji 🎉🎉🎉 tail", "plain ascii title here", "e\u0301e\u0301e\u0301 combining"} {
		for w := 0; w < 16; w++ {
			f := fit(s, w)
			if got := ansi.StringWidth(f); got != w {
				t.Fatalf("fit(%q, %d) is %d cells: %q", s, w, got, f)
			}
			if tr := truncate(s, w); ansi.StringWidth(tr) > w {
				t.Fatalf("truncate(%q, %d) = %q", s, w, tr)
			}
		}
	}
}

func TestCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := commas(n); got != want {
			t.Errorf("commas(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLRU(t *testing.T) {
	c := newLRU[int, string](2)
	c.put(1, "a")
	c.put(2, "b")
	c.get(1) // 1 is now the most recent
	c.put(3, "c")
	if _, ok := c.get(2); ok {
		t.Fatal("least recently used entry not evicted")
	}
	if v, ok := c.get(1); !ok || v != "a" {
		t.Fatal("recent entry evicted")
	}
	c.put(1, "A")
	if v, _ := c.get(1); v != "A" || c.len() != 2 {
		t.Fatal("update failed")
	}
}
