// storydesk patch: the re2c-generated matcher (1,825 lines of one state
// machine, generated from utils-extractor.re) is replaced by this
// hand-written scanner with the same result; see STORYDESK.md.

package re2go

import "strings"

// textFilterWords are the alternatives of RE_FILTER, lower-case; "e-mail"
// stands for E-?Mail and "mehr zum thema" takes an optional ':'.
var textFilterWords = []string{
	"drucken", "e-mail", "email", "facebook", "flipboard", "google", "instagram", "linkedin", "mail",
	"pdf", "pinterest", "pocket", "print", "qq", "reddit", "twitter", "wechat", "weibo", "whatsapp",
	"xing", "mehr zum thema", "more on this",
}

// PYTHON NAME: RE_FILTER
// Original pattern: (?i)\W*(Drucken|E-?Mail|Facebook|Flipboard|Google|Instagram|Linkedin|Mail|PDF|Pinterest|Pocket|Print|QQ|Reddit|Twitter|WeChat|WeiBo|Whatsapp|Xing|Mehr zum Thema:?|More on this.{,8})$
//
// As the generated lexer did: input is cut into tokens from the left, at
// each byte the longest of the words above (ASCII case-insensitive, an
// optional non-word byte before it changing nothing) or else one byte;
// the result is whether the last token was a word.
func IsTextFilter(input string) bool {
	found := false
	for i := 0; i < len(input); {
		n := textFilterAt(input[i:])
		if n > 0 {
			i += n
			found = true
			continue
		}
		i++
		found = false
	}
	return found
}

// textFilterAt is the length of the longest word of RE_FILTER at the start
// of s, or 0.
func textFilterAt(s string) int {
	best := 0
	for _, w := range textFilterWords {
		if len(w) <= best || len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) || !asciiFold(s[:len(w)]) {
			continue
		}
		n := len(w)
		switch w {
		case "mehr zum thema":
			if n < len(s) && s[n] == ':' {
				n++
			}
		case "more on this":
			for k := 0; k < 8 && n < len(s) && s[n] == '.'; k++ {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

// asciiFold: the generated lexer folds ASCII letters only (EqualFold would
// also take the Kelvin sign for a k).
func asciiFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
