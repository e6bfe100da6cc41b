package clean

import (
	"fmt"
	"strings"
	"unicode"
)

// Measuring a cleaner against hand-made article bodies. Pure: the tests that
// read the benchmark from disk live beside the cleaner and the loaders.

// shingleTokens splits s into the scorer's tokens: runs of Python's \w
// (letters, numbers, underscore; combining marks split words there).
func shingleTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_') })
}

// shingles counts the 4-grams of tokens of s (a text of fewer than four
// tokens is one shorter shingle).
func shingles(s string) map[string]int {
	toks := shingleTokens(s)
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-3); i++ {
		if i >= len(toks) {
			break
		}
		out[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return out
}

// ShingleScore is the article-extraction benchmark's measure (as in
// shared/tools/score-clean): multiset 4-gram shingles of word tokens. It returns true positives, false positives and false negatives
// of pred against truth, normalised to sum 1.
func ShingleScore(truth, pred string) (tp, fp, fn float64) {
	t, p := shingles(truth), shingles(pred)
	for k, a := range t {
		b := p[k]
		tp += float64(min(a, b))
		fn += float64(max(0, a-b))
	}
	for k, b := range p {
		fp += float64(max(0, b-t[k]))
	}
	if s := tp + fp + fn; s > 0 {
		return tp / s, fp / s, fn / s
	}
	return 0, 0, 0
}

// ExtractionScore accumulates per-article scores: precision and recall are
// averaged over articles, and F1 is taken from the two means.
type ExtractionScore struct {
	n, np, nr int
	p, r      float64 // sums of per-article precision and recall
}

func (s *ExtractionScore) Add(tp, fp, fn float64) {
	s.n++
	if tp+fp > 0 {
		s.np++
		if fn == 0 && fp == 0 {
			s.p++
		} else {
			s.p += tp / (tp + fp)
		}
	}
	if tp+fn > 0 {
		s.nr++
		if fn == 0 && fp == 0 {
			s.r++
		} else {
			s.r += tp / (tp + fn)
		}
	}
}

// PRF returns mean precision, mean recall and the F1 of the two means.
func (s *ExtractionScore) PRF() (p, r, f float64) {
	if s.np > 0 {
		p = s.p / float64(s.np)
	}
	if s.nr > 0 {
		r = s.r / float64(s.nr)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (s *ExtractionScore) String() string {
	p, r, f := s.PRF()
	return fmt.Sprintf("articles %d  precision %.3f  recall %.3f  F1 %.3f", s.n, p, r, f)
}
