package model

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tokenising and hashing shared by duplicate detection and WordDiff.
//
// Every hash here is a fixed function of the text (no per-process seed), so
// signatures can be cached on disk and compared across runs. Changing any of
// it must bump DupSignatureVersion.

const (
	dupFNVOffset = 14695981039346656037
	dupFNVPrime  = 1099511628211
)

// dupMix is the murmur3 64-bit finaliser: FNV alone leaves short inputs
// badly spread in the high bits, which the sample threshold relies on.
func dupMix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// dupHashBytes hashes b eight bytes at a time (tokens and whole texts alike).
func dupHashBytes(b []byte) uint64 {
	h := uint64(dupFNVOffset) ^ uint64(len(b))*dupFNVPrime
	for len(b) >= 8 {
		h = bits.RotateLeft64((h^binary.LittleEndian.Uint64(b))*0x9e3779b97f4a7c15, 29)
		b = b[8:]
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * i)
	}
	return dupMix((h ^ w) * 0x9e3779b97f4a7c15)
}

// dupHashLower is dupHashBytes of a run of ASCII letters and digits, lower
// cased. Setting bit 0x20 lower-cases a letter and leaves a digit as it is, so
// this needs no test per byte and no copy.
func dupHashLower(b string) uint64 {
	const lower = 0x2020202020202020
	h := uint64(dupFNVOffset) ^ uint64(len(b))*dupFNVPrime
	for len(b) >= 8 {
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		h = bits.RotateLeft64((h^(w|lower))*0x9e3779b97f4a7c15, 29)
		b = b[8:]
	}
	var w uint64
	for i := 0; i < len(b); i++ {
		w |= uint64(b[i]|0x20) << (8 * i)
	}
	return dupMix((h ^ w) * 0x9e3779b97f4a7c15)
}

// dupLowerAlnum lower-cases ASCII letters and digits in place (see
// dupHashLower).
func dupLowerAlnum(b []byte) {
	for i := range b {
		b[i] |= 0x20
	}
}

// dupIsWordRune matches model.WordCount's idea of a word character.
func dupIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func dupIsDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func dupIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// dupIgnorable reports invisible format characters (soft hyphen, zero-width
// space and joiners, BOM) that scrapers leave inside words.
func dupIgnorable(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

func dupIsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`', '´', '′':
		return true
	}
	return false
}

func dupIsLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// dupToken is one word: its normalised form's hash and where it is.
type dupToken struct {
	hash       uint64
	start, end int  // byte offsets into the text
	rstart     int  // code point offset of start
	rend       int  // code point offset of end
	para       bool // a line break came between this token and the previous one
}

// dupScanner splits text into normalised word tokens.
//
// A word is a run of letters, digits and marks. Normalisation makes copies
// that only differ in typography tokenise the same: case is folded (after
// NFKC, so full-width letters and ligatures match), apostrophes inside words
// are dropped ("don’t" = "don't" = "dont"), thousands separators are dropped
// ("4,000" = "4000") while decimal points stay ("3.5"), dotted initialisms are
// joined ("U.S." = "US"), and invisible format characters are skipped.
// Hyphens and dashes separate words. Numbers stay tokens, so a changed figure
// changes the shingles around it.
//
// With exact set, the scanner also builds the text's exact-duplicate form in
// norm (see dupExactHash) in the same pass.
type dupScanner struct {
	s       string
	pos     int // byte position
	rpos    int // code point position
	buf     []byte
	tmp     []byte
	brk     bool
	started bool

	exact bool
	norm  []byte
	space bool // whitespace seen since the last byte added to norm
}

func (sc *dupScanner) reset(s string, exact bool) {
	sc.s, sc.pos, sc.rpos, sc.brk, sc.started = s, 0, 0, false, false
	sc.exact, sc.norm, sc.space = exact, sc.norm[:0], false
}

// put adds a folded rune to norm, after a space if whitespace came before.
func (sc *dupScanner) put(r rune) {
	if sc.space && len(sc.norm) > 0 {
		sc.norm = append(sc.norm, ' ')
	}
	sc.space = false
	if r < utf8.RuneSelf {
		sc.norm = append(sc.norm, byte(r))
	} else {
		sc.norm = utf8.AppendRune(sc.norm, r)
	}
}

// putGap adds a character between words to norm.
func (sc *dupScanner) putGap(r rune) {
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' ||
		r >= utf8.RuneSelf && (unicode.IsSpace(r) || r == '\u2028' || r == '\u2029'):
		sc.space = true
	case dupIgnorable(r):
	case r == '`':
		sc.put('\'')
	case r < utf8.RuneSelf:
		sc.put(r)
	default:
		sc.put(dupFoldPunct(unicode.ToLower(r)))
	}
}

// peek decodes the rune at byte offset i.
func (sc *dupScanner) peek(i int) (rune, int) {
	if i >= len(sc.s) {
		return -1, 0
	}
	if c := sc.s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(sc.s[i:])
}

// Byte classes for the scanners' fast paths. Bytes from 0x80 up are
// dupOther: the slow paths decode them.
const (
	dupOther   = iota
	dupSpace   // ASCII whitespace other than line breaks
	dupNewline // \n, \r
	dupJoiner  // ' , . ` : may continue a word, see next
	dupLower
	dupUpper
	dupDigit
)

var dupClass = func() (t [256]uint8) {
	for c := range 128 {
		switch {
		case c == '\n' || c == '\r':
			t[c] = dupNewline
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = dupSpace
		case c == '\'' || c == ',' || c == '.' || c == '`':
			t[c] = dupJoiner
		case 'a' <= c && c <= 'z':
			t[c] = dupLower
		case 'A' <= c && c <= 'Z':
			t[c] = dupUpper
		case '0' <= c && c <= '9':
			t[c] = dupDigit
		}
	}
	return t
}()

// next reads the next token into t and reports whether there was one.
func (sc *dupScanner) next(t *dupToken) bool {
	s := sc.s
	// Gap: everything up to the next word character.
	for sc.pos < len(s) {
		c := s[sc.pos]
		if c < utf8.RuneSelf {
			k := dupClass[c]
			if k >= dupLower {
				break
			}
			if k == dupNewline {
				sc.brk = true
			}
			if sc.exact {
				sc.putGap(rune(c))
			}
			sc.pos++
			sc.rpos++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[sc.pos:])
		if dupIsWordRune(r) {
			break
		}
		if dupIsLineBreak(r) {
			sc.brk = true
		}
		if sc.exact {
			sc.putGap(r)
		}
		sc.pos += size
		sc.rpos++
	}
	if sc.pos >= len(s) {
		return false
	}
	t.start, t.rstart = sc.pos, sc.rpos
	t.para = sc.brk && sc.started
	sc.brk, sc.started = false, true

	// Fast path: a run of ASCII letters and digits.
	i := sc.pos
	for i < len(s) && dupClass[s[i]] >= dupLower {
		i++
	}
	run := s[sc.pos:i]
	sc.rpos += i - sc.pos
	sc.pos = i
	t.end, t.rend = sc.pos, sc.rpos
	more := i < len(s) && (s[i] >= utf8.RuneSelf || dupClass[s[i]] == dupJoiner)
	if sc.exact {
		if sc.space && len(sc.norm) > 0 {
			sc.norm = append(sc.norm, ' ')
		}
		sc.space = false
		n := len(sc.norm)
		sc.norm = append(sc.norm, run...)
		dupLowerAlnum(sc.norm[n:])
	}
	if !more {
		t.hash = dupHashLower(run)
		return true
	}
	buf := append(sc.buf[:0], run...)
	dupLowerAlnum(buf)
	// What slow needs to know about the run for initialisms: only a
	// single letter can start one.
	var prev rune // none when the word starts with a non-ASCII letter
	segLetters, onlySingles := len(run), true
	if len(run) > 0 {
		prev = rune(run[len(run)-1])
		if len(run) == 1 && dupClass[run[0]] == dupDigit {
			segLetters, onlySingles = 0, false
		}
	}
	buf = sc.slow(t, buf, prev, segLetters, onlySingles)
	sc.buf = buf
	t.hash = dupHashBytes(buf)
	return true
}

// slow continues a word past what the fast path reads: non-ASCII letters,
// joiners and format characters. prev is the last word character read;
// segLetters counts letters since the word start or the last joined '.', and
// onlySingles says every segment so far was a single letter (for initialisms).
func (sc *dupScanner) slow(t *dupToken, buf []byte, prev rune, segLetters int, onlySingles bool) []byte {
	ascii := true
	for sc.pos < len(sc.s) {
		r, size := sc.peek(sc.pos)
		switch {
		case dupIsWordRune(r):
			if r >= utf8.RuneSelf {
				ascii = false
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, byte(unicode.ToLower(r)))
			}
			if sc.exact {
				sc.put(dupFoldPunct(unicode.ToLower(r)))
			}
			if dupIsLetter(r) {
				segLetters++
			} else {
				onlySingles = false
			}
			prev = r
			sc.pos += size
			sc.rpos++
			t.end, t.rend = sc.pos, sc.rpos
			continue
		case dupIgnorable(r):
			if n, _ := sc.peek(sc.pos + size); dupIsWordRune(n) {
				// dropped from norm as well
				sc.pos += size
				sc.rpos++
				continue
			}
		case dupIsApostrophe(r) && dupIsLetter(prev):
			if n, _ := sc.peek(sc.pos + size); dupIsLetter(n) {
				if sc.exact {
					sc.putGap(r)
				}
				sc.pos += size
				sc.rpos++
				onlySingles = false
				continue
			}
		case (r == ',' || r == '.') && dupIsDigit(prev):
			if n, _ := sc.peek(sc.pos + size); dupIsDigit(n) {
				if r == '.' {
					buf = append(buf, '.')
				}
				if sc.exact {
					sc.put(r)
				}
				sc.pos += size
				sc.rpos++
				continue
			}
		case r == '.' && onlySingles && segLetters == 1:
			// "U.S." and "U.S.A.": a single letter, a dot, a single letter.
			n, nsize := sc.peek(sc.pos + 1)
			if dupIsLetter(n) {
				if after, _ := sc.peek(sc.pos + 1 + nsize); !dupIsWordRune(after) {
					if sc.exact {
						sc.put('.')
					}
					sc.pos++
					sc.rpos++
					segLetters = 0
					continue
				}
			}
		}
		break
	}
	if !ascii {
		sc.tmp = norm.NFKC.Append(sc.tmp[:0], buf...)
		buf = buf[:0]
		for _, r := range string(sc.tmp) {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// dupExactHash hashes the exact-duplicate form of a text, which a scanner with
// exact set builds: case folded, quote and dash variants mapped to ASCII,
// invisible format characters dropped and every run of whitespace (line
// breaks included) collapsed to one space. 0 is kept for texts with no words.
func dupExactHash(norm []byte) uint64 {
	if h := dupHashBytes(norm); h != 0 {
		return h
	}
	return 1
}

// dupFoldPunct maps typographic quote and dash variants to their ASCII form.
func dupFoldPunct(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', 'ʼ', '′', '´':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹘', '﹣', '－':
		return '-'
	}
	return r
}
