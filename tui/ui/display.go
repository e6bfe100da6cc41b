package ui

import "strings"

// DisplayText is rs with what must not reach the terminal (tabs, carriage
// returns, controls, bidi overrides) replaced one rune for one, so code
// point offsets into it are those of rs: for views that map screen cells
// to offsets (annotate mode, the duplicates comparison).
func DisplayText(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs))
	for _, r := range rs {
		switch {
		case r == '\t' || r == '\r':
			b.WriteRune(' ')
		case UnsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
