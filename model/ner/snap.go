package ner

import "unicode/utf8"

// Snap fits a selection [start, end) of text (code points) to whole tokens
// for an entity span: a token the selection touches is taken whole, and
// punctuation, quotes, symbols and a possessive 's at either end are left
// out, so selecting "Colombia's" gives "Colombia" and `“Petro,”` gives
// "Petro". An empty selection takes the word at start. ok is false (and the
// selection comes back clamped) when no word is left.
func Snap(text string, start, end int) (s, e int, ok bool) {
	n := utf8.RuneCountInString(text)
	start = max(0, min(start, n))
	end = max(start, min(end, n))
	// Tokens never cross white space, so the words around the selection
	// tokenize the same on their own as in the whole text.
	bs, be := byteRange(text, start, end)
	a, b := bs, be
	for a > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:a])
		if isSpace(r) {
			break
		}
		a -= w
	}
	for b < len(text) {
		r, w := utf8.DecodeRuneInString(text[b:])
		if isSpace(r) {
			break
		}
		b += w
	}
	base := start - utf8.RuneCountInString(text[a:bs])
	ts := tokenize(text[a:b], nil)
	first, last := -1, -1
	for i, t := range ts {
		ta, tb := t.s+base, t.e+base
		touches := ta < end && start < tb
		if start == end {
			touches = ta <= start && start < tb
		}
		if touches {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return start, end, false
	}
	f, l, ok := trimTokens(ts, first, last+1)
	if !ok {
		return start, end, false
	}
	return ts[f].s + base, ts[l-1].e + base, true
}

// trimTokens drops punctuation, symbols and possessives from both ends of
// tokens [a, b); ok is false when nothing is left.
func trimTokens(ts []tok, a, b int) (int, int, bool) {
	for a < b && !isNameKind(ts[a].kind) {
		a++
	}
	for b > a && !isNameKind(ts[b-1].kind) {
		b--
	}
	return a, b, a < b
}

func isNameKind(k uint8) bool { return k == kWord || k == kURL }

// byteRange converts code points [start, end) of s to bytes; both are
// already clamped to s.
func byteRange(s string, start, end int) (int, int) {
	bs, be := len(s), len(s)
	cp := 0
	for i := range s {
		if cp == start {
			bs = i
		}
		if cp == end {
			be = i
			break
		}
		cp++
	}
	return bs, be
}
