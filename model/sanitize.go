package model

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to show in a terminal while keeping every
// printable character: it drops C0 and C1 controls (keeping \n and \t, turning
// CRLF and lone CR into \n), whole ESC/CSI/OSC/DCS/APC/PM/SOS sequences, bidi
// override and isolate marks, and a leading BOM; invalid UTF-8 becomes U+FFFD.
//
// It runs once, when text is loaded, so everything downstream (cleaner,
// offsets, store, exports) sees the same text the screen shows.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	s = strings.TrimPrefix(s, "\uFEFF")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			i++
			continue
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			// C1 introducers of CSI, OSC, DCS, SOS, PM, APC: drop the whole sequence.
			i += size + c1SequenceBody(s[i+size:], r)
			continue
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other controls: dropped
		case isBidiControl(r):
		case r == '\uFEFF':
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// SanitizeLine is Sanitize for one-line fields (titles, outlets, file names):
// line breaks and tabs become single spaces and the ends are trimmed.
func SanitizeLine(s string) string {
	s = Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}

// isClean is the fast path: plain printable text needs no copy.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			return cleanFrom(s[i:])
		}
	}
	return true
}

func cleanFrom(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return false
			}
		}
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) || r == '\uFEFF' {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeLen returns how many bytes the escape sequence at s[0]==ESC spans.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then one final byte 0x40–0x7e
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] > 0x7e {
				// A control or non-ASCII byte cannot be part of a CSI: the
				// sequence is broken, so keep what follows.
				return j
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST
		return 2 + stringTerminator(s[2:], s[1] == ']')
	default:
		if s[1] >= 0x20 && s[1] <= 0x7e {
			return 2 // two-byte sequence such as ESC c (reset)
		}
		return 1
	}
}

// c1SequenceBody returns the length of what follows an 8-bit C1 introducer.
func c1SequenceBody(s string, intro rune) int {
	if intro == 0x9b {
		for j := 0; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] >= 0x80 {
				return j
			}
		}
		return len(s)
	}
	return stringTerminator(s, intro == 0x9d)
}

// stringTerminator finds the end of an OSC/DCS payload: BEL (OSC only), ESC \,
// or 8-bit ST. An unterminated payload is cut at the end of its line so a
// stray ESC ] cannot swallow a whole article.
func stringTerminator(s string, bel bool) int {
	for j := 0; j < len(s); j++ {
		switch {
		case bel && s[j] == 0x07:
			return j + 1
		case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
			return j + 2
		case s[j] == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c:
			return j + 2
		case s[j] == '\n':
			return j
		}
	}
	return len(s)
}
