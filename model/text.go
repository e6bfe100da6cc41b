package model

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// RuneLen is the length of s in Unicode code points, the unit of every offset
// users and files see.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// RuneSlice returns the code points [start, end) of s. Out-of-range bounds are
// clamped, and an empty range gives "", so callers holding stale offsets never
// panic.
func RuneSlice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	bs := -1
	r := 0
	for i := range s {
		if r == start {
			bs = i
		}
		if r == end {
			return s[bs:i]
		}
		r++
	}
	if bs < 0 {
		return ""
	}
	return s[bs:]
}

// offsetStride is how many runes lie between two stored checkpoints of an
// Offsets: a lookup decodes at most this many runes, and the table costs one
// int per stride instead of one per rune.
const offsetStride = 32

// Offsets converts between code point and byte offsets of one string. Build it
// once (O(n)); ByteAt is then O(1) and RuneAt O(log n). Plain ASCII needs no
// table at all.
type Offsets struct {
	s     string
	runes int
	ascii bool
	marks []int // marks[k] is the byte offset of rune k*offsetStride
}

// NewOffsets indexes s.
func NewOffsets(s string) *Offsets {
	o := &Offsets{s: s, ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			o.ascii = false
			break
		}
	}
	if o.ascii {
		o.runes = len(s)
		return o
	}
	o.marks = make([]int, 0, len(s)/offsetStride+1)
	n := 0
	for i := range s {
		if n%offsetStride == 0 {
			o.marks = append(o.marks, i)
		}
		n++
	}
	o.runes = n
	return o
}

// Len is the number of code points in the string.
func (o *Offsets) Len() int { return o.runes }

// ByteAt returns the byte offset of code point r, clamped to [0, len(s)].
func (o *Offsets) ByteAt(r int) int {
	if r <= 0 {
		return 0
	}
	if r >= o.runes {
		return len(o.s)
	}
	if o.ascii {
		return r
	}
	b := o.marks[r/offsetStride]
	for k := r % offsetStride; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(o.s[b:])
		b += size
	}
	return b
}

// RuneAt returns the index of the code point that starts at, or contains,
// byte offset b, clamped to [0, Len()].
func (o *Offsets) RuneAt(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(o.s) {
		return o.runes
	}
	if o.ascii {
		return b
	}
	k := sort.SearchInts(o.marks, b+1) - 1 // last checkpoint at or before b
	r, i := k*offsetStride, o.marks[k]
	for i < len(o.s) {
		_, size := utf8.DecodeRuneInString(o.s[i:])
		if i+size > b {
			return r
		}
		i += size
		r++
	}
	return r
}

// WordCount counts words: runs of letters, digits and combining marks. An
// apostrophe (straight or curly) between letters keeps a word whole ("don't",
// "Petro’s"), as does a '.' or ',' between digits ("4,000", "3.5"); hyphens and
// other punctuation separate words.
func WordCount(s string) int {
	n := 0
	in := false
	var prev rune
	for i, r := range s {
		switch {
		case IsWordRune(r):
			if !in {
				n++
				in = true
			}
		case in && JoinsWord(s, i, r, prev):
			// stays inside the word
		default:
			in = false
		}
		prev = r
	}
	return n
}

// IsWordRune reports whether r is a word character by WordCount's rule: a
// letter, a digit or a combining mark.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// JoinsWord reports whether r, a rune that is not a word character, at
// byte offset i of s and after prev, keeps a word whole by WordCount's rule:
// an apostrophe between letters ("don't"), a '.' or ',' between digits
// ("4,000", "3.5").
func JoinsWord(s string, i int, r, prev rune) bool {
	return isInnerJoiner(r, prev) && nextIsWordRune(s[i+utf8.RuneLen(r):], prev)
}

func isInnerJoiner(r, prev rune) bool {
	switch r {
	case '\'', '’', 'ʼ':
		return unicode.IsLetter(prev) || unicode.IsMark(prev)
	case '.', ',':
		return unicode.IsDigit(prev)
	}
	return false
}

// nextIsWordRune reports whether the joiner is followed by the same kind of
// character as the one before it.
func nextIsWordRune(rest string, prev rune) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsDigit(prev) {
		return unicode.IsDigit(r)
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}
