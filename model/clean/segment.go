package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Paragraph segmentation.
//
// Rules (documented for users of Cleaned.Text):
//   - Blank lines (only whitespace) always separate paragraphs.
//   - Inside a block of consecutive non-blank lines, each line is its own
//     paragraph, as scrapers usually write one paragraph per line. The
//     exception is a hard-wrapped document (most lines that continue into a
//     next line are of similar width, at most wrapMaxWidth code points, and
//     end mid-sentence): there a line break is a soft wrap, and the lines are
//     joined with a space, when the next line's first word would not have fit
//     on the line (what a greedy wrapper does).
//   - Within a paragraph, every run of whitespace (spaces, tabs, NBSP and the
//     other Unicode spaces, soft-wrap newlines) becomes one space and the ends
//     are trimmed. Nothing else about the text changes.

// wrapMaxWidth is the widest line a hard-wrapped document is assumed to have.
const wrapMaxWidth = 120

// span is a trimmed range of raw text, in bytes and in code points.
type span struct {
	bs, be int
	rs, re int
}

type rawLine struct {
	span
	blank bool
}

// splitLines cuts raw at '\n' and records each line's trimmed extent.
func splitLines(raw string) []rawLine {
	lines := make([]rawLine, 0, strings.Count(raw, "\n")+1)
	r := 0
	cur := rawLine{blank: true}
	for i, ch := range raw {
		if ch == '\n' {
			lines = append(lines, cur)
			cur = rawLine{blank: true}
			r++
			continue
		}
		if !isSpace(ch) {
			if cur.blank {
				cur.blank = false
				cur.bs, cur.rs = i, r
			}
			cur.be, cur.re = i+utf8.RuneLen(ch), r+1
		}
		r++
	}
	return append(lines, cur)
}

// paragraphs groups lines into paragraphs (see the rules above). Each
// returned paragraph lists the lines it is made of.
func paragraphs(raw string, lines []rawLine) [][]span {
	wrapped, width := detectWrap(raw, lines)
	var out [][]span
	var cur []span
	for i, l := range lines {
		if l.blank {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if cur != nil {
			prev := cur[len(cur)-1]
			if !(wrapped && softBreak(raw, prev, l.span, width)) {
				out = append(out, cur)
				cur = nil
			}
		}
		cur = append(cur, lines[i].span)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// detectWrap decides whether the text is hard-wrapped and at what width.
func detectWrap(raw string, lines []rawLine) (bool, int) {
	var cont []span // lines followed by another line of the same block
	casedNext, lowerNext := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		if !lines[i].blank && !lines[i+1].blank {
			cont = append(cont, lines[i].span)
			r, _ := utf8.DecodeRuneInString(raw[lines[i+1].bs:])
			if unicode.IsLower(r) {
				lowerNext++
			}
			if unicode.IsLower(r) || unicode.IsUpper(r) {
				casedNext++
			}
		}
	}
	if len(cont) < 3 {
		return false, 0
	}
	width, long := 0, 0
	for _, s := range cont {
		n := s.re - s.rs
		if n > wrapMaxWidth {
			long++
		} else if n > width {
			width = n
		}
	}
	if long*10 > len(cont) || width < 30 {
		return false, 0
	}
	near, open := 0, 0
	for _, s := range cont {
		n := s.re - s.rs
		if n*4 >= width*3 && n <= width {
			near++
		}
		if !endsSentence(raw[s.bs:s.be]) {
			open++
		}
	}
	// Wrapped text has its continued lines near the width and mostly ending
	// mid-sentence; one-paragraph-per-line text ends nearly every line with a
	// full stop. And a wrap mostly falls mid-sentence, before a lower-case
	// word, where a list of headlines starts each line with a capital.
	return near*4 >= len(cont)*3 && open*10 >= len(cont)*6 && lowerNext*10 >= casedNext*4, width
}

// softBreak reports whether the break between prev and next is a wrap.
func softBreak(raw string, prev, next span, width int) bool {
	n := prev.re - prev.rs
	if n > width {
		return false
	}
	w := 0
	for _, ch := range raw[next.bs:next.be] {
		if isSpace(ch) {
			break
		}
		w++
	}
	return n+1+w > width
}

// endsSentence reports whether s ends with terminal punctuation, ignoring
// closing quotes and brackets.
func endsSentence(s string) bool {
	_, term := lastPunct(s)
	return term
}

// lastPunct returns the last rune of s that is not a closing quote or
// bracket (or space), and whether it ends a sentence.
func lastPunct(s string) (rune, bool) {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		switch r {
		case '"', '\'', '”', '’', '»', '›', ')', ']', '」', '』', '）':
			continue
		}
		if unicode.IsSpace(r) {
			continue
		}
		switch r {
		case '.', '!', '?', '…', '。', '！', '？', '।', '؟', '։':
			return r, true
		}
		return r, false
	}
	return 0, false
}

// isNormal reports whether s has no whitespace but single ASCII spaces. It
// reads bytes, decoding only lead bytes of the multi-byte spaces (U+0085,
// U+00A0, U+1680, U+2000–U+205F, U+3000).
func isNormal(s string) bool {
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return false
			}
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3:
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
		prevSpace = false
	}
	return true
}

// isSpace is unicode.IsSpace with a fast path for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\v': true, '\f': true}

// lower is strings.ToLower without its per-rune mapping cost on text that is
// mostly ASCII with a few curly quotes.
func lower(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s)+8)
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); l != r {
			b = utf8.AppendRune(b, l)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// normSpace collapses every run of whitespace in s to one ASCII space and
// trims the ends. Text without such runs is returned as is (no copy).
func normSpace(s string) string {
	s = strings.TrimFunc(s, isSpace)
	if isNormal(s) {
		return s
	}
	prevSpace := false
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isSpace(r) {
			if !prevSpace {
				b.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		b.WriteRune(r)
	}
	return b.String()
}
