package ner

import (
	"strings"
	"unicode/utf8"
)

// Sentences cuts text into sentences, each a run of its tokens. A sentence
// ends at . ! ? (with the closing quotes or brackets after them) before a
// word that does not start in lower case, at a blank line, and at a line
// break unless a lower-case word continues the line (hard-wrapped text).
// An abbreviation's dot ends a sentence only when the abbreviation may
// close one (Inc., U.S.) and a usual sentence opener follows (The, He).
func Sentences(text string) [][]Token {
	ts := tokenize(text, nil)
	ends := splitSentences(text, ts, nil)
	out := make([][]Token, 0, len(ends))
	a := 0
	for _, b := range ends {
		sent := make([]Token, 0, b-a)
		for _, t := range ts[a:b] {
			sent = append(sent, Token{Text: text[t.bs:t.be], Start: t.s, End: t.e})
		}
		out = append(out, sent)
		a = b
	}
	return out
}

// splitSentences appends to dst the index after each sentence's last token.
func splitSentences(text string, ts []tok, dst []int) []int {
	for k := 0; k < len(ts); k++ {
		if k+1 == len(ts) {
			dst = append(dst, k+1)
			break
		}
		next := ts[k+1]
		switch {
		case next.nl >= 2:
			dst = append(dst, k+1)
		case next.nl == 1:
			if !(ts[k].kind == kWord || isText(text, ts[k], ",;:-")) || !startsLower(text, next) {
				dst = append(dst, k+1)
			}
		case isTerminal(text, ts[k]):
			// Closing quotes and brackets right after the mark stay with it.
			j := k
			for j+1 < len(ts) && ts[j+1].bs == ts[j].be && ts[j+1].nl == 0 && isText(text, ts[j+1], "”’\"')]»") {
				j++
			}
			if j+1 == len(ts) {
				continue // the last sentence ends at the end
			}
			if ts[j+1].nl > 0 || !startsLower(text, ts[j+1]) {
				k = j
				dst = append(dst, k+1)
			}
		case ts[k].kind == kWord && text[ts[k].be-1] == '.' && mayEndSentence(text[ts[k].bs:ts[k].be-1]):
			if isOpener(text[next.bs:next.be]) {
				dst = append(dst, k+1)
			}
		}
	}
	return dst
}

// isTerminal is true for a token of sentence-final marks: . ! ? … and runs.
func isTerminal(text string, t tok) bool {
	if t.kind != kPunct {
		return false
	}
	for _, r := range text[t.bs:t.be] {
		if !strings.ContainsRune(".!?…‼⁇", r) {
			return false
		}
	}
	return true
}

// isText is true for a one-rune token that is one of set.
func isText(text string, t tok, set string) bool {
	r, w := utf8.DecodeRuneInString(text[t.bs:])
	return t.bs+w == t.be && strings.ContainsRune(set, r)
}

func startsLower(text string, t tok) bool {
	r, _ := utf8.DecodeRuneInString(text[t.bs:])
	return isLetter(r) && !isUpper(r) && t.kind == kWord
}

// mayEndSentence is true for an abbreviation (without its last dot) that is
// often the last word of a sentence: dotted acronyms and company suffixes.
func mayEndSentence(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	end, ok := abbrevs[strings.ToLower(w)]
	return ok && end
}

// openers are words that start sentences far more often than they follow an
// abbreviation inside one.
var openers = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "in": true, "but": true, "and": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "their": true, "its": true,
	"there": true, "on": true, "at": true, "for": true, "as": true, "after": true,
	"before": true, "when": true, "while": true, "if": true, "some": true, "many": true,
	"most": true, "no": true, "yet": true, "still": true, "meanwhile": true, "however": true,
	"last": true, "earlier": true, "officials": true, "our": true, "you": true, "what": true,
}

func isOpener(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isUpper(r) && openers[strings.ToLower(w)]
}
