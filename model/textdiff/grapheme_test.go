package textdiff_test

import (
	"testing"
	"unicode"

	"github.com/rivo/uniseg"

	"storydesk/model/textdiff"
)

// graphemeBounds are the code-point offsets where s's grapheme clusters
// start, and its end; and, inside a defective cluster (a combining mark
// or a joiner after a space, punctuation or a symbol, which no letter carries: the mark is read
// as a word of its own), the mark's offset.
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

// checkOpGraphemes: every diff offset lies on a grapheme boundary of its
// text (a changed word is highlighted whole, accents and all).
func checkOpGraphemes(t *testing.T, ops []textdiff.Op, a, b string) {
	t.Helper()
	ba, bb := graphemeBounds(a), graphemeBounds(b)
	for i, op := range ops {
		if !ba[op.A0] || !ba[op.A1] || !bb[op.B0] || !bb[op.B1] {
			t.Fatalf("op %d %+v cuts a grapheme of %q / %q", i, op, a, b)
		}
	}
}
