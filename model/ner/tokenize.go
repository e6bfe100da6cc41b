package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word, number, URL, handle or punctuation mark of a text.
// Start and End are Unicode code points into the text, [Start, End), like
// every offset in storydesk; Text is the text's own substring.
type Token struct {
	Text       string
	Start, End int
}

// Token kinds, kept internally: snapping and sentence splitting need them.
const (
	kWord  uint8 = iota // letters and digits, with their joiners (U.S., well-known, 1,000)
	kPunct              // punctuation, one mark or a run of the same mark (...)
	kPoss               // the possessive 's / ’s
	kSym                // emoji and other symbols, with their modifiers
	kURL                // URLs, e-mail addresses, @handles, #hashtags
)

// tok is a token with byte offsets and its kind.
type tok struct {
	bs, be int // bytes
	s, e   int // code points
	kind   uint8
	nl     uint8 // newlines in the gap before the token (capped at 2)
}

// Tokenize cuts text into tokens in order. Possessive 's is a token of its
// own and the apostrophe of s' too; punctuation is split off; hyphenated
// words, abbreviations (U.S., Jr., e.g.), numbers with separators (1,000.5),
// URLs, e-mail addresses, @handles and #hashtags stay whole.
func Tokenize(text string) []Token {
	ts := tokenize(text, nil)
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Text: text[t.bs:t.be], Start: t.s, End: t.e}
	}
	return out
}

// tokenize appends text's tokens to dst.
func tokenize(text string, dst []tok) []tok {
	cp := 0 // code points before byte i
	i := 0
	nl := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if r == '\n' && nl < 2 {
				nl++
			}
			i += w
			cp++
			continue
		}
		j, kind := scanToken(text, i)
		n := utf8.RuneCountInString(text[i:j])
		dst = append(dst, tok{bs: i, be: j, s: cp, e: cp + n, kind: kind, nl: uint8(nl)})
		cp += n
		i = j
		nl = 0
	}
	return dst
}

// isSpace counts zero-width and byte-order marks as space: they separate
// nothing visible and must not start a token.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) }

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isDigit(r rune) bool { return unicode.IsDigit(r) }

func isAlnum(r rune) bool { return isLetter(r) || isDigit(r) }

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// isCJK is true for scripts written without spaces, where each character is
// a token of its own.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// at decodes the rune at byte i, or 0 past the end.
func at(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scanToken returns the end of the token starting at byte i and its kind.
func scanToken(s string, i int) (int, uint8) {
	r, w := at(s, i)
	if j := scanURL(s, i); j > i {
		return j, kURL
	}
	switch {
	case (r == '@' || r == '#') && i+w < len(s):
		if j := scanHandle(s, i+w); j > i+w {
			return j, kURL
		}
	case isApos(r):
		// 's after a word: the possessive (or "it's"), a token of its own.
		if i > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:i])
			n, nw := at(s, i+w)
			if isAlnum(p) && (n == 's' || n == 'S') {
				if a, _ := at(s, i+w+nw); !isAlnum(a) {
					return i + w + nw, kPoss
				}
			}
		}
	case isCJK(r):
		return skipMarks(s, i+w), kWord
	case isAlnum(r) || isMark(r):
		return scanWord(s, i), kWord
	case unicode.In(r, unicode.So, unicode.Sk, unicode.Co) || r >= 0x1f000:
		return scanSymbol(s, i+w), kSym
	case r == '.' || isHyphen(r) || r == '*' || r == '=' || r == '_':
		// A run of the same mark (..., --, ***) is one token.
		j := i + w
		for {
			n, nw := at(s, j)
			if n != r {
				break
			}
			j += nw
		}
		return skipMarks(s, j), kPunct
	}
	return skipMarks(s, i+w), kPunct
}

// skipMarks steps over combining marks, so a mark stays with what it modifies.
func skipMarks(s string, j int) int {
	for {
		r, w := at(s, j)
		if w == 0 || !(isMark(r) || r == '\u200d' || r == '\u200c') {
			return j
		}
		j += w
	}
}

// scanSymbol extends an emoji over its modifiers: variation selectors, skin
// tones, tags, a second regional indicator, and whatever a ZWJ joins.
func scanSymbol(s string, j int) int {
	for {
		r, w := at(s, j)
		switch {
		case w == 0:
			return j
		case r == '\u200d':
			j += w
			if _, nw := at(s, j); nw > 0 {
				j += nw
			}
		case isMark(r) || r == '\ufe0e' || r == '\ufe0f' || (r >= 0x1f3fb && r <= 0x1f3ff) ||
			(r >= 0xe0020 && r <= 0xe007f) || (r >= 0x1f1e6 && r <= 0x1f1ff):
			j += w
		default:
			return j
		}
	}
}

// scanURL returns the end of a URL or e-mail address at byte i, or i.
func scanURL(s string, i int) int {
	rest := s[i:]
	if hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.") {
		j := i
		for j < len(s) {
			r, w := at(s, j)
			if isSpace(r) || r == '<' || r == '>' || r == '"' || r == '“' || r == '”' {
				break
			}
			j += w
		}
		return trimURLTail(s, i, j)
	}
	// name@host.tld
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf && (isASCIIAlnum(c) || c == '.' || c == '_' || c == '+' || c == '-') {
			j++
			continue
		}
		break
	}
	if j == i || j >= len(s) || s[j] != '@' || !isASCIIAlnum(s[i]) {
		return i
	}
	k := j + 1
	dots := 0
	for k < len(s) && (isASCIIAlnum(s[k]) || s[k] == '-' || (s[k] == '.' && k+1 < len(s) && isASCIIAlnum(s[k+1]))) {
		if s[k] == '.' {
			dots++
		}
		k++
	}
	if dots == 0 {
		return i
	}
	return k
}

func trimURLTail(s string, i, j int) int {
	for j > i {
		r, w := utf8.DecodeLastRuneInString(s[i:j])
		if !strings.ContainsRune(".,;:!?'’)]}", r) {
			break
		}
		// Keep a closing parenthesis the URL opened (Wikipedia links).
		if r == ')' && strings.Count(s[i:j], "(") >= strings.Count(s[i:j], ")") {
			break
		}
		j -= w
	}
	return j
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// scanHandle reads the name of an @handle or #hashtag starting at byte j.
func scanHandle(s string, j int) int {
	k := j
	for k < len(s) {
		r, w := at(s, k)
		if !(isAlnum(r) || r == '_' || isMark(r)) {
			break
		}
		k += w
	}
	return k
}

// scanWord reads a word from byte i: letters, digits and marks, joined by a
// hyphen, an apostrophe, a dot, an ampersand or a number separator when a
// letter or digit follows. The possessive 's and n't are left for the next
// token; an abbreviation keeps its final dot.
func scanWord(s string, i int) int {
	j := i
	dots := false
	for {
		r, w := at(s, j)
		if w == 0 {
			break
		}
		if isAlnum(r) || isMark(r) || r == '\u00ad' {
			j += w
			continue
		}
		p, _ := utf8.DecodeLastRuneInString(s[i:j])
		n, nw := at(s, j+w)
		joins := false
		switch {
		case r == '\u200d' || r == '\u200c':
			joins = isLetter(n)
		case isHyphen(r):
			joins = isAlnum(p) && isAlnum(n)
		case isApos(r):
			// O'Brien and don't join; 's is the possessive.
			if isLetter(p) && isLetter(n) {
				joins = true
				if n == 's' || n == 'S' {
					a, _ := at(s, j+w+nw)
					joins = isAlnum(a)
				}
			}
		case r == '.':
			joins = isAlnum(p) && isAlnum(n)
			dots = dots || joins
		case r == '&':
			joins = isUpper(p) && isUpper(n)
		case r == ',' || r == ':' || r == '/':
			joins = isDigit(p) && isDigit(n) && !(r == ',' && afterDecimal(s[i:j]))
		}
		if !joins {
			break
		}
		j += w
	}
	j = splitNot(s, i, j)
	if r, w := at(s, j); r == '.' && isAbbrev(s[i:j], dots) {
		j += w
	}
	return j
}

// afterDecimal is true for "3.5": a comma after it is punctuation.
func afterDecimal(w string) bool {
	d := strings.LastIndexByte(w, '.')
	return d >= 0 && !strings.ContainsAny(w[d:], ",")
}

// splitNot leaves n't to a token of its own (do|n't), as the training data does.
func splitNot(s string, i, j int) int {
	w := s[i:j]
	for _, suf := range [...]string{"n't", "n’t", "N'T", "N’T"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return j - len(suf)
		}
	}
	return j
}

func isUpper(r rune) bool { return unicode.IsUpper(r) }

// isAbbrev reports whether word w takes the dot after it: dotted
// abbreviations (U.S, e.g, Ph.D), single-letter initials, and known short
// forms (Mr, Jr, Sen, Inc, Jan).
func isAbbrev(w string, dotted bool) bool {
	if dotted {
		// Only short dotted parts: U.S, e.g, a.m, Ph.D; not Amazon.com or 3.5.
		for _, part := range strings.Split(w, ".") {
			n := utf8.RuneCountInString(part)
			if n == 0 || n > 2 || !isLetter(firstRune(part)) {
				return false
			}
		}
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		return isUpper(firstRune(w))
	}
	if len(w) > 5 {
		return false
	}
	lw := strings.ToLower(w)
	_, ok := abbrevs[lw]
	// Most short forms are also words (Miss, Ill., no): only capitalised,
	// except the few never written otherwise.
	return ok && (isUpper(firstRune(w)) || lw == "etc" || lw == "vs" || lw == "al" || lw == "approx")
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// abbrevs are short forms written with a dot in English news; the value
// says whether the abbreviation may end a sentence (Inc. may; Mr. may not).
var abbrevs = map[string]bool{
	"mr": false, "mrs": false, "ms": false, "dr": false, "prof": false, "sen": false,
	"rep": false, "reps": false, "sens": false, "gov": false, "gen": false, "lt": false,
	"col": false, "sgt": false, "capt": false, "cpt": false, "cmdr": false, "adm": false,
	"maj": false, "cpl": false, "pvt": false, "pres": false, "rev": false, "hon": false,
	"st": false, "mt": false, "ft": false, "fr": false, "gov't": false, "supt": false,
	"atty": false, "insp": false, "det": false, "messrs": false, "mme": false, "mlle": false,
	"vs": false, "v": false, "no": false, "nos": false, "vol": false, "fig": false,
	"approx": false, "est": false, "dept": false, "univ": false, "assn": false,
	"ave": true, "blvd": true, "rd": true, "jr": true, "sr": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true,
	"bros": true, "etc": true, "al": true,
	"jan": false, "feb": false, "mar": false, "apr": false, "jun": false, "jul": false,
	"aug": false, "sep": false, "sept": false, "oct": false, "nov": false, "dec": false,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true,
	"del": true, "fla": true, "ga": true, "ill": true, "ind": true, "kan": true, "ky": true,
	"la": true, "md": true, "mass": true, "mich": true, "minn": true, "miss": true,
	"mo": true, "mont": true, "neb": true, "nev": true, "okla": true, "ore": true,
	"pa": true, "tenn": true, "tex": true, "va": true, "vt": true, "wash": true,
	"wis": true, "wyo": true,
}
