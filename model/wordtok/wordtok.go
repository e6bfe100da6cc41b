package wordtok

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Every hash here is a fixed function of the text (no per-process seed), so
// duplicate signatures can be cached on disk and compared across runs.
// Changing any of it must bump dup.SignatureVersion.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Mix is the murmur3 64-bit finaliser: FNV alone leaves short inputs
// badly spread in the high bits, which duplicate search's sample threshold
// relies on. Callers combining token hashes (paragraph keys, set hashes)
// finish with it too.
func Mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// hashBytes hashes b eight bytes at a time (tokens and whole texts alike).
func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset) ^ uint64(len(b))*fnvPrime
	for len(b) >= 8 {
		h = bits.RotateLeft64((h^binary.LittleEndian.Uint64(b))*0x9e3779b97f4a7c15, 29)
		b = b[8:]
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * i)
	}
	return Mix((h ^ w) * 0x9e3779b97f4a7c15)
}

// hashLower is hashBytes of a run of ASCII letters and digits, lower
// cased. Setting bit 0x20 lower-cases a letter and leaves a digit as it is, so
// this needs no test per byte and no copy.
func hashLower(b string) uint64 {
	const lower = 0x2020202020202020
	h := uint64(fnvOffset) ^ uint64(len(b))*fnvPrime
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
	return Mix((h ^ w) * 0x9e3779b97f4a7c15)
}

// lowerAlnum lower-cases ASCII letters and digits in place (see
// hashLower).
func lowerAlnum(b []byte) {
	for i := range b {
		b[i] |= 0x20
	}
}

// isWordRune matches model.WordCount's idea of a word character.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// ignorable reports invisible format characters (soft hyphen, zero-width
// space and joiners, BOM) that scrapers leave inside words.
func ignorable(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.Cf, r)
}

// Prepended reports the format characters of Unicode's grapheme break
// property Prepend (the others are letters, so start words anyway): each is
// one grapheme with the character after it, whatever that is (but a line
// break), so no offset may fall right after one.
func Prepended(r rune) bool { return prepended(r) }

func prepended(r rune) bool {
	switch {
	case r >= 0x0600 && r <= 0x0605, r == 0x06DD, r == 0x070F, r == 0x0890, r == 0x0891,
		r == 0x08E2, r == 0x110BD, r == 0x110CD:
		return true
	}
	return false
}

// attached reports the characters that are not word characters but are one
// grapheme with the character before them (grapheme break property Extend
// or ZWJ, beyond marks): the joiners, emoji skin tones and tag characters.
// "0\u200d" is one grapheme: a word ends after its joiner, not before.
func attached(r rune) bool {
	return r == 0x200C || r == 0x200D || 0x1F3FB <= r && r <= 0x1F3FF || 0xE0020 <= r && r <= 0xE007F
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`', '´', '′':
		return true
	}
	return false
}

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}

// Token is one word: its normalised form's hash and where it is.
type Token struct {
	Hash       uint64
	Start, End int  // byte offsets into the text
	RuneStart  int  // code point offset of Start
	RuneEnd    int  // code point offset of End
	Para       bool // a line break came between this token and the previous one
}

// Scanner splits text into normalised word tokens.
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
// With exact set, the scanner also builds the text's exact-duplicate form
// (Norm, see ExactHash) in the same pass.
type Scanner struct {
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

// Reset starts scanning s, keeping the scanner's buffers; with exact, it
// also builds s's exact-duplicate form.
func (sc *Scanner) Reset(s string, exact bool) {
	sc.s, sc.pos, sc.rpos, sc.brk, sc.started = s, 0, 0, false, false
	sc.exact, sc.norm, sc.space = exact, sc.norm[:0], false
}

// Norm is the exact-duplicate form of what has been scanned, when Reset was
// given exact. It is the scanner's buffer: valid until the next Reset.
func (sc *Scanner) Norm() []byte { return sc.norm }

// Tokens returns the tokens of s and its length in code points.
func Tokens(s string) ([]Token, int) {
	var sc Scanner
	sc.Reset(s, false)
	toks := make([]Token, 0, len(s)/6+1)
	var t Token
	for sc.Next(&t) {
		toks = append(toks, t)
	}
	return toks, utf8.RuneCountInString(s)
}

// Keys returns the tokens' hashes, in order: what comparing word sequences
// needs.
func Keys(toks []Token) []uint64 {
	k := make([]uint64, len(toks))
	for i, t := range toks {
		k[i] = t.Hash
	}
	return k
}

// put adds a folded rune to norm, after a space if whitespace came before.
func (sc *Scanner) put(r rune) {
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
func (sc *Scanner) putGap(r rune) {
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' ||
		r >= utf8.RuneSelf && (unicode.IsSpace(r) || r == '\u2028' || r == '\u2029'):
		sc.space = true
	case ignorable(r):
	case r == '`':
		sc.put('\'')
	case r < utf8.RuneSelf:
		sc.put(r)
	default:
		sc.put(foldPunct(unicode.ToLower(r)))
	}
}

// peek decodes the rune at byte offset i.
func (sc *Scanner) peek(i int) (rune, int) {
	if i >= len(sc.s) {
		return -1, 0
	}
	if c := sc.s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(sc.s[i:])
}

// Byte classes for the scanners' fast paths. Bytes from 0x80 up are
// cOther: the slow paths decode them.
const (
	cOther   = iota
	cSpace   // ASCII whitespace other than line breaks
	cNewline // \n, \r
	cJoiner  // ' , . ` : may continue a word, see next
	cLower
	cUpper
	cDigit
)

var byteClass = func() (t [256]uint8) {
	for c := range 128 {
		switch {
		case c == '\n' || c == '\r':
			t[c] = cNewline
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c == '\'' || c == ',' || c == '.' || c == '`':
			t[c] = cJoiner
		case 'a' <= c && c <= 'z':
			t[c] = cLower
		case 'A' <= c && c <= 'Z':
			t[c] = cUpper
		case '0' <= c && c <= '9':
			t[c] = cDigit
		}
	}
	return t
}()

// Next reads the next token into t and reports whether there was one.
func (sc *Scanner) Next(t *Token) bool {
	s := sc.s
	// Gap: everything up to the next word character.
	preB, preR := -1, 0 // where a run of prepended signs right before it starts
	for sc.pos < len(s) {
		c := s[sc.pos]
		if c < utf8.RuneSelf {
			k := byteClass[c]
			if k >= cLower {
				break
			}
			preB = -1
			if k == cNewline {
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
		if isWordRune(r) {
			break
		}
		switch {
		case !prepended(r):
			preB = -1
		case preB < 0:
			preB, preR = sc.pos, sc.rpos
		}
		if isLineBreak(r) {
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
	t.Start, t.RuneStart = sc.pos, sc.rpos
	if preB >= 0 {
		// A sign that prefixes what follows (U+0600 ARABIC NUMBER SIGN
		// before digits) is one grapheme with the word's first character:
		// the word starts with it, so no offset falls between them.
		t.Start, t.RuneStart = preB, preR
	}
	t.Para = sc.brk && sc.started
	sc.brk, sc.started = false, true

	// Fast path: a run of ASCII letters and digits.
	i := sc.pos
	for i < len(s) && byteClass[s[i]] >= cLower {
		i++
	}
	run := s[sc.pos:i]
	sc.rpos += i - sc.pos
	sc.pos = i
	t.End, t.RuneEnd = sc.pos, sc.rpos
	more := i < len(s) && (s[i] >= utf8.RuneSelf || byteClass[s[i]] == cJoiner)
	if sc.exact {
		if sc.space && len(sc.norm) > 0 {
			sc.norm = append(sc.norm, ' ')
		}
		sc.space = false
		n := len(sc.norm)
		sc.norm = append(sc.norm, run...)
		lowerAlnum(sc.norm[n:])
	}
	if !more {
		t.Hash = hashLower(run)
		return true
	}
	buf := append(sc.buf[:0], run...)
	lowerAlnum(buf)
	// What slow needs to know about the run for initialisms: only a
	// single letter can start one.
	var prev rune // none when the word starts with a non-ASCII letter
	segLetters, onlySingles := len(run), true
	if len(run) > 0 {
		prev = rune(run[len(run)-1])
		if len(run) == 1 && byteClass[run[0]] == cDigit {
			segLetters, onlySingles = 0, false
		}
	}
	buf = sc.slow(t, buf, prev, segLetters, onlySingles)
	sc.buf = buf
	t.Hash = hashBytes(buf)
	return true
}

// slow continues a word past what the fast path reads: non-ASCII letters,
// joiners and format characters. prev is the last word character read;
// segLetters counts letters since the word start or the last joined '.', and
// onlySingles says every segment so far was a single letter (for initialisms).
func (sc *Scanner) slow(t *Token, buf []byte, prev rune, segLetters int, onlySingles bool) []byte {
	ascii := true
	for sc.pos < len(sc.s) {
		r, size := sc.peek(sc.pos)
		switch {
		case isWordRune(r):
			if r >= utf8.RuneSelf {
				ascii = false
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, byte(unicode.ToLower(r)))
			}
			if sc.exact {
				sc.put(foldPunct(unicode.ToLower(r)))
			}
			if isLetter(r) {
				segLetters++
			} else {
				onlySingles = false
			}
			prev = r
			sc.pos += size
			sc.rpos++
			t.End, t.RuneEnd = sc.pos, sc.rpos
			continue
		case ignorable(r):
			if n, _ := sc.peek(sc.pos + size); isWordRune(n) {
				// dropped from norm as well
				sc.pos += size
				sc.rpos++
				continue
			}
		case isApostrophe(r) && isLetter(prev):
			if n, _ := sc.peek(sc.pos + size); isLetter(n) {
				if sc.exact {
					sc.putGap(r)
				}
				sc.pos += size
				sc.rpos++
				onlySingles = false
				continue
			}
		case (r == ',' || r == '.') && isDigit(prev):
			if n, _ := sc.peek(sc.pos + size); isDigit(n) {
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
			if isLetter(n) {
				if after, _ := sc.peek(sc.pos + 1 + nsize); !isWordRune(after) {
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
	// Joiners and modifiers that belong to the word's last character stay
	// with it (kept out of its key, as ignorable characters are).
	for sc.pos < len(sc.s) {
		r, size := sc.peek(sc.pos)
		if !attached(r) {
			break
		}
		sc.pos += size
		sc.rpos++
		t.End, t.RuneEnd = sc.pos, sc.rpos
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

// ExactHash hashes the exact-duplicate form of a text, which a scanner with
// exact set builds: case folded, quote and dash variants mapped to ASCII,
// invisible format characters dropped and every run of whitespace (line
// breaks included) collapsed to one space. 0 is kept for texts with no words.
func ExactHash(norm []byte) uint64 {
	if h := hashBytes(norm); h != 0 {
		return h
	}
	return 1
}

// foldPunct maps typographic quote and dash variants to their ASCII form.
func foldPunct(r rune) rune {
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
