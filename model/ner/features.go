package ner

import (
	"unicode"
	"unicode/utf8"
)

// Features are hashed: a feature is a 64-bit key mixed from its template
// and its value's hash, so extracting them allocates nothing and the model
// stores keys, not strings. The hash is written here (not maphash) because
// the keys are saved in the weights file and must not change between runs.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashRune(h uint64, r rune) uint64 { return (h ^ uint64(r)) * fnvPrime }

// hashLower hashes s in lower case, with ’ read as '.
func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = hashRune(h, foldRune(r))
	}
	return h
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	if r == '’' {
		return '\''
	}
	return unicode.ToLower(r)
}

// mix combines a template (or an earlier key) with a value: splitmix64's
// finaliser over both, never 0 (0 marks an empty slot in the table).
func mix(a, b uint64) uint64 {
	h := a*0x9e3779b97f4a7c15 ^ b
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	if h == 0 {
		h = 1
	}
	return h
}

// Feature templates. Their numbers are part of the weights file's format.
const (
	fBias = iota + 1
	fWord
	fCased
	fShape
	fShortShape
	fPrefix // +1…4
	_
	_
	_
	fSuffix // +1…4
	_
	_
	_
	fPrev1
	fNext1
	fPrev2
	fNext2
	fShapePrevCur
	fShapeCurNext
	fWordPrevCur
	fWordCurNext
	fInitial
	fAfterOpen
	fMode
	fGaz
	fGazPrev
	fGazNext
	fDocLower
	fDocMajority
)

var (
	hashBOS = hashLower("<s>")
	hashEOS = hashLower("</s>")
)

// tinfo is what the features need of one token.
type tinfo struct {
	lower, cased   uint64
	shape, sshape  uint64
	pre, suf       [4]uint64 // lower-case prefixes and suffixes of 1…4 runes; 0 when shorter
	capital, upper bool      // starts with a capital; has 2+ letters, all capitals
	lowerWord      bool      // starts with a lower-case letter
	letters        bool
	open           bool // an opening quote, bracket, colon or dash: a capital after it says little
	kind           uint8
	gclass, gpos   uint8
}

// shapeClass maps a rune to its shape letter: X upper, x lower, d digit,
// common ASCII punctuation as itself, and a few classes for the rest.
func shapeClass(r rune) byte {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		switch {
		case 'A' <= c && c <= 'Z':
			return 'X'
		case 'a' <= c && c <= 'z':
			return 'x'
		case '0' <= c && c <= '9':
			return 'd'
		}
		return c
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsLetter(r):
		return 'c' // letters without case (CJK, Arabic)
	case unicode.IsDigit(r):
		return 'd'
	case isMark(r):
		return 0
	case unicode.IsPunct(r):
		return 'p'
	}
	return 's'
}

// info describes token s of kind k.
func info(s string, k uint8) tinfo {
	ti := tinfo{kind: k}
	h := uint64(fnvOffset)
	hc := uint64(fnvOffset)
	hs := uint64(fnvOffset) // shape, runs cut to 4
	hss := uint64(fnvOffset)
	var last byte
	run, n, letters, uppers := 0, 0, 0, 0
	var tail [4]rune
	first := true
	for _, r := range s {
		lr := foldRune(r)
		h = hashRune(h, lr)
		hc = hashRune(hc, r)
		if n < 4 {
			ti.pre[n] = h
		}
		tail[n%4] = lr
		n++
		c := shapeClass(r)
		if c == 0 {
			continue
		}
		if unicode.IsLetter(r) {
			letters++
			if c == 'X' {
				uppers++
			}
			if first {
				ti.capital = c == 'X'
				ti.lowerWord = c == 'x'
			}
			first = false
		}
		if c == last {
			run++
		} else {
			run = 1
			hss = hashRune(hss, rune(c))
		}
		if run <= 4 {
			hs = hashRune(hs, rune(c))
		}
		last = c
	}
	for k := 1; k <= 4 && k <= n; k++ {
		sh := uint64(fnvOffset)
		for j := n - k; j < n; j++ {
			sh = hashRune(sh, tail[j%4])
		}
		ti.suf[k-1] = sh
	}
	ti.lower, ti.cased, ti.shape, ti.sshape = h, hc, hs, hss
	ti.letters = letters > 0
	ti.upper = letters >= 2 && uppers == letters
	if k == kPunct {
		r, _ := utf8.DecodeRuneInString(s)
		ti.open = r == '“' || r == '"' || r == '‘' || r == '(' || r == '[' || r == ':' || r == '—' || r == '–' || r == '-' || r == '«'
	}
	return ti
}

// Sentence modes: whether capitals say anything in this sentence.
const (
	modeNormal = iota
	modeTitle  // headline case: most words capitalised
	modeUpper  // all capitals
	modeLower  // no capitals at all (much social media)
)

// sentenceMode tells headlines, shouting and lower-case posts apart from
// ordinary prose by the share of capitalised words.
func sentenceMode(ts []tinfo) int {
	words, caps, uppers, longCaps, long := 0, 0, 0, 0, 0
	anyCap := false
	for i, t := range ts {
		if !t.letters || t.kind != kWord {
			continue
		}
		anyCap = anyCap || t.capital
		if i == 0 {
			continue
		}
		words++
		if t.capital {
			caps++
		}
		if t.upper {
			uppers++
		}
		// Short words (of, the, in) stay lower case in headlines.
		if t.suf[3] != 0 {
			long++
			if t.capital {
				longCaps++
			}
		}
	}
	switch {
	case !anyCap && words >= 2:
		return modeLower
	case words >= 3 && uppers*10 >= words*8:
		return modeUpper
	case long >= 3 && longCaps*10 >= long*8 && caps*10 >= words*6:
		return modeTitle
	}
	return modeNormal
}

// featurize appends the static features of one sentence's tokens to keys,
// and each token's end index in keys to ends. docLower marks tokens that
// are capitalised here but written in lower case elsewhere in the document.
func featurize(ts []tinfo, docLower []bool, keys []uint64, ends []int32) ([]uint64, []int32) {
	mode := uint64(sentenceMode(ts))
	seenWord := false
	n := len(ts)
	lowerAt := func(i int) uint64 {
		switch {
		case i < 0:
			return hashBOS
		case i >= n:
			return hashEOS
		}
		return ts[i].lower
	}
	shapeAt := func(i int) uint64 {
		switch {
		case i < 0:
			return hashBOS
		case i >= n:
			return hashEOS
		}
		return ts[i].sshape
	}
	for i := range ts {
		t := &ts[i]
		keys = append(keys,
			mix(fBias, 0),
			mix(fWord, t.lower),
			mix(fCased, t.cased),
			mix(fShape, t.shape),
			mix(fShortShape, t.sshape),
			mix(fPrev1, lowerAt(i-1)),
			mix(fNext1, lowerAt(i+1)),
			mix(fPrev2, lowerAt(i-2)),
			mix(fNext2, lowerAt(i+2)),
			mix(mix(fShapePrevCur, shapeAt(i-1)), t.sshape),
			mix(mix(fShapeCurNext, t.sshape), shapeAt(i+1)),
			mix(mix(fWordPrevCur, lowerAt(i-1)), t.lower),
			mix(mix(fWordCurNext, t.lower), lowerAt(i+1)),
			mix(mix(fMode, mode), t.sshape),
		)
		for k := range 4 {
			if t.pre[k] != 0 {
				keys = append(keys, mix(fPrefix+uint64(k), t.pre[k]))
			}
			if t.suf[k] != 0 {
				keys = append(keys, mix(fSuffix+uint64(k), t.suf[k]))
			}
		}
		if !seenWord {
			keys = append(keys, mix(fInitial, t.sshape))
		} else if i > 0 && ts[i-1].open {
			keys = append(keys, mix(fAfterOpen, t.sshape))
		}
		seenWord = seenWord || t.kind == kWord
		keys = appendGaz(keys, fGaz, t.gclass, uint64(t.gpos)+1)
		if i > 0 {
			keys = appendGaz(keys, fGazPrev, ts[i-1].gclass, 0)
		}
		if i+1 < n {
			keys = appendGaz(keys, fGazNext, ts[i+1].gclass, 0)
		}
		if docLower != nil && docLower[i] {
			keys = append(keys, mix(fDocLower, 0))
		}
		ends = append(ends, int32(len(keys)))
	}
	return keys, ends
}

// appendGaz adds one feature per gazetteer class in bits, with pos (a
// token's place in the name, or 0 for a neighbour's).
func appendGaz(keys []uint64, tmpl uint64, bits uint8, pos uint64) []uint64 {
	for c := range nGazClasses {
		if bits&(1<<c) != 0 {
			keys = append(keys, mix(mix(tmpl, uint64(c)), pos))
		}
	}
	return keys
}
