package quote

import (
	"testing"
	"unicode"

	"github.com/rivo/uniseg"
)

// graphemeBounds are the code-point offsets where s's grapheme clusters
// start, and its end; and, inside a defective cluster (a combining mark
// or a joiner after a space, punctuation or a symbol, which no letter carries: the mark is read
// as a word of its own), the mark's offset: a span that starts or ends anywhere else cuts a
// character a reader sees as one (an accent from its letter, an emoji
// from its skin tone) in two.
func graphemeBounds(s string) map[int]bool {
	b := map[int]bool{0: true}
	n, state := 0, -1
	for s != "" {
		var c string
		c, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		first := true
		defective := false
		for _, r := range c {
			if first {
				defective = !unicode.IsLetter(r) && !unicode.IsNumber(r)
			} else if defective && (unicode.Is(unicode.M, r) || unicode.Is(unicode.Cf, r)) {
				b[n] = true
			}
			first = false
			n++
		}
		b[n] = true
	}
	return b
}

// checkQuoteGraphemes: every offset a quotation gives lies on a grapheme
// boundary.
func checkQuoteGraphemes(t *testing.T, text string, qs []Quote) {
	t.Helper()
	b := graphemeBounds(text)
	for _, q := range qs {
		for _, o := range []int{q.Start, q.End} {
			if !b[o] {
				t.Fatalf("quotation %q at %d–%d: %d is inside a grapheme of %q", q.Text, q.Start, q.End, o, text)
			}
		}
	}
}
