package clean

import (
	"strings"
	"unicode"
)

// RepeatsLede reports whether a standfirst taken from a page's metadata
// (its description) only repeats the start of the body: many sites
// describe a page by its first paragraph, or its first words cut short
// with "…", or the first paragraph and the start of the next. The lede is
// the first paragraph, or the second under a short heading line, and may
// open with a dateline the description lacks. Whitespace, case, quote
// marks and punctuation do not count; a description of fewer than three
// words never repeats the lede.
func RepeatsLede(summary, body string) bool {
	s := ledeKey(strings.TrimRight(strings.TrimSpace(summary), ".…"))
	if strings.Count(s, " ") < 2 {
		return false
	}
	paras := strings.SplitN(body, "\n\n", 3)
	for i, p := range paras[:min(2, len(paras))] {
		k := ledeKey(p)
		switch {
		case strings.HasPrefix(k, s):
			return true
		case strings.Count(k, " ") >= 4 && strings.HasPrefix(s, k+" "):
			return true // the lede and more
		}
		if at := strings.Index(k, s); at >= 0 && at <= ledeDateline {
			return true
		}
		if i == 0 && strings.Count(k, " ") >= 12 {
			break // a paragraph, not a heading above the lede
		}
	}
	return false
}

// ledeDateline is how far into the lede (in bytes of its key) a repeated
// description may start: past a dateline ("Hong Kong (CNN Business)").
const ledeDateline = 48

// ledeKey is s in lower case, its words (letters and digits) separated by
// single spaces.
func ledeKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘':
			// "don't" and "don’t" are one word
		default:
			space = true
		}
	}
	return b.String()
}
