// Package fuzzy is the reader's filter: fuzzy matching ranked as fzf ranks
// (its v1 algorithm and scores: every pattern rune in order, contiguous
// runs and matches at word starts first) and the filter's query syntax
// (fuzzy terms, exact and negated terms, field filters). Pure: no I/O.
//
// Written here rather than taken from a library: sahilm/fuzzy (which
// bubbles' list uses) ranks by its own scheme and allocates per candidate
// (about 60 ms a keystroke on 100k titles, see the Charm notes), and
// junegunn/fzf's algo package is internal to a large module. The scorer
// below is fzf's v1 (forward scan, backward shrink, fzf's bonuses), plus
// a look at every contiguous occurrence so "vote" in "…voter… wind vote"
// scores the word, not the first stretch of letters.
package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fzf's scores (src/algo/algo.go).
const (
	scoreMatch        = 16
	scoreGapStart     = -3
	scoreGapExtension = -1

	bonusBoundary          = scoreMatch / 2
	bonusNonWord           = scoreMatch / 2
	bonusCamel123          = bonusBoundary + scoreGapExtension
	bonusConsecutive       = -(scoreGapStart + scoreGapExtension)
	bonusFirstCharMult     = 2
	bonusBoundaryWhite     = bonusBoundary + 2
	bonusBoundaryDelimiter = bonusBoundary + 1
)

type charClass uint8

const (
	charWhite charClass = iota
	charNonWord
	charDelimiter
	charLower
	charUpper
	charLetter
	charNumber
)

func classOf(r rune) charClass {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z':
			return charLower
		case r >= 'A' && r <= 'Z':
			return charUpper
		case r >= '0' && r <= '9':
			return charNumber
		case r == ' ' || r == '\t' || r == '\n' || r == 0:
			return charWhite
		case strings.ContainsRune("/,:;|", r):
			return charDelimiter
		}
		return charNonWord
	}
	switch {
	case unicode.IsLower(r):
		return charLower
	case unicode.IsUpper(r):
		return charUpper
	case unicode.IsNumber(r):
		return charNumber
	case unicode.IsLetter(r):
		return charLetter
	case unicode.IsSpace(r):
		return charWhite
	}
	return charNonWord
}

func bonusFor(prev, cur charClass) int {
	if cur > charNonWord {
		switch prev {
		case charWhite:
			return bonusBoundaryWhite
		case charDelimiter:
			return bonusBoundaryDelimiter
		case charNonWord:
			return bonusBoundary
		}
	}
	if prev == charLower && cur == charUpper || prev != charNumber && cur == charNumber {
		return bonusCamel123
	}
	switch cur {
	case charNonWord, charDelimiter:
		return bonusNonWord
	case charWhite:
		return bonusBoundaryWhite
	}
	return 0
}

// Score matches pattern in text, both already lower-cased: ok is false
// unless every rune of pattern occurs in text in order. Higher scores are
// better matches (fzf's scale: 16 a rune, bonuses for word starts and
// runs, penalties for gaps).
func Score(pattern, text string) (score int, ok bool) {
	if pattern == "" {
		return 0, true
	}
	start, end, ok := window(pattern, text)
	if !ok {
		return 0, false
	}
	best := windowScore(pattern, text, start, end)
	if end-start == len(pattern) && (start == 0 || text[start-1] == ' ') {
		return best, true // contiguous at a word start: nothing scores higher
	}
	// A contiguous occurrence may score better (at a word start, say).
	// None ends before the window does (its end is the earliest any match
	// has), so none starts before end-len(pattern): the search starts
	// there, and a contiguous window is the first found, scored already.
	contiguous := end-start == len(pattern)
	from := max(0, end-len(pattern))
	for k := 0; k < 8; k++ {
		i := strings.Index(text[from:], pattern)
		if i < 0 {
			break
		}
		i += from
		if contiguous && i == start {
			// best already holds its score
		} else if s := windowScore(pattern, text, i, i+len(pattern)); s > best {
			best = s
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		from = i + n
	}
	return best, true
}

// window finds where the whole pattern first fits (forward) and shrinks it
// to the shortest window ending there (backward), as fzf's v1 does. An
// ASCII pattern is found byte by byte (strings.IndexByte), which is exact
// in UTF-8 text: no byte of a multi-byte rune is below 0x80.
func window(pattern, text string) (start, end int, ok bool) {
	if ascii(pattern) {
		pos := 0
		for k := 0; k < len(pattern); k++ {
			j := strings.IndexByte(text[pos:], pattern[k])
			if j < 0 {
				return 0, 0, false
			}
			pos += j + 1
		}
		end = pos
		start = end
		for k := len(pattern) - 1; k >= 0; k-- {
			start = strings.LastIndexByte(text[:start], pattern[k])
		}
		return start, end, true
	}
	return windowRunes(pattern, text)
}

// windowRunes is window for any pattern, a rune at a time.
func windowRunes(pattern, text string) (start, end int, ok bool) {
	p := 0
	end = -1
	for i, r := range text {
		pr, n := utf8.DecodeRuneInString(pattern[p:])
		if r == pr {
			p += n
			if p == len(pattern) {
				end = i + utf8.RuneLen(r)
				break
			}
		}
	}
	if end < 0 {
		return 0, 0, false
	}
	p = len(pattern)
	start = end
	for start > 0 && p > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		pr, pn := utf8.DecodeLastRuneInString(pattern[:p])
		start -= n
		if r == pr {
			p -= pn
		}
	}
	return start, end, true
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// windowScore is fzf's calculateScore over text[start:end], which holds the
// pattern's runes in order (matched greedily from start). A gap between
// matched runes is skipped in one search (IndexByte) and scored by its
// length: a scattered match over a long title cost a step per byte.
func windowScore(pattern, text string, start, end int) int {
	prev := charWhite
	if start > 0 {
		prev = classBefore(text, start)
	}
	score, consecutive, firstBonus := 0, 0, 0
	inGap := false
	p := 0
	i := start
	for i < end && p < len(pattern) {
		pr, pn := rune(pattern[p]), 1
		if pr >= utf8.RuneSelf {
			pr, pn = utf8.DecodeRuneInString(pattern[p:])
		}
		// The gap before the next rune equal to pr.
		var j int
		if pn == 1 {
			j = strings.IndexByte(text[i:end], pattern[p])
		} else {
			j = strings.Index(text[i:end], pattern[p:p+pn])
		}
		if j < 0 {
			j = end - i // no more matches: the rest is gap
		}
		if j > 0 {
			gap := text[i : i+j]
			n := len(gap)
			if !ascii(gap) {
				n = utf8.RuneCountInString(gap)
			}
			if inGap {
				score += scoreGapExtension * n
			} else {
				score += scoreGapStart + scoreGapExtension*(n-1)
			}
			inGap = true
			consecutive, firstBonus = 0, 0
			prev = classBefore(text, i+j)
			i += j
			if i >= end {
				break
			}
		}
		// text[i:] starts with pr: a match.
		var class charClass
		if c := text[i]; c < utf8.RuneSelf {
			class = asciiClass[c]
		} else {
			class = classOf(pr)
		}
		i += pn
		score += scoreMatch
		bonus := bonusTable[prev][class]
		if consecutive == 0 {
			firstBonus = bonus
		} else {
			if bonus >= bonusBoundary && bonus > firstBonus {
				firstBonus = bonus
			}
			bonus = max(bonus, firstBonus, bonusConsecutive)
		}
		if p == 0 {
			score += bonus * bonusFirstCharMult
		} else {
			score += bonus
		}
		inGap = false
		consecutive++
		p += pn
		prev = class
	}
	// Anything after the last match is gap too.
	if i < end {
		n := utf8.RuneCountInString(text[i:end])
		if inGap {
			score += scoreGapExtension * n
		} else {
			score += scoreGapStart + scoreGapExtension*(n-1)
		}
	}
	return score
}

// classBefore is the class of the rune that ends at byte i of text.
func classBefore(text string, i int) charClass {
	if c := text[i-1]; c < utf8.RuneSelf {
		return asciiClass[c]
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return classOf(r)
}

// asciiClass and bonusTable are classOf and bonusFor looked up.
var (
	asciiClass [utf8.RuneSelf]charClass
	bonusTable [charNumber + 1][charNumber + 1]int
)

func init() {
	for c := range asciiClass {
		asciiClass[c] = classOf(rune(c))
	}
	for a := charWhite; a <= charNumber; a++ {
		for b := charWhite; b <= charNumber; b++ {
			bonusTable[a][b] = bonusFor(a, b)
		}
	}
}

// MaxScore is the highest score Score can give pattern in any text: every
// rune matched in one run at a word start after white space (the largest
// bonus, doubled on the first rune), no gap. A caller that already holds
// this score for a term (from the outlet, say) need not score the title.
func MaxScore(pattern string) int {
	n := utf8.RuneCountInString(pattern)
	if n == 0 {
		return 0
	}
	return scoreMatch*n + bonusBoundaryWhite*bonusFirstCharMult + bonusBoundaryWhite*(n-1)
}
