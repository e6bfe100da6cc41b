package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"storydesk/model/ner"
)

// Text helpers the analysis shares: sentences, words folded for
// comparison, and a crude stemmer. They work on one story's articles, so
// they favour clarity over speed.

// span is [s, e) in code points.
type span struct{ s, e int }

// word is one token of a text: its code point range, the text as written
// and its comparison key (folded, stemmed; "" for punctuation).
type word struct {
	s, e int
	raw  string
	key  string
}

// sentence is a sentence of an article, with its words.
type sentence struct {
	span
	para  int // paragraph number
	words []word
}

// splitSentences cuts text into sentences (ner's rules: abbreviations,
// closing quotes, hard-wrapped lines) with their words and paragraphs.
func splitSentences(text string) []sentence {
	paras := paragraphStarts(text)
	var out []sentence
	p := 0
	for _, toks := range ner.Sentences(text) {
		if len(toks) == 0 {
			continue
		}
		st := sentence{span: span{toks[0].Start, toks[len(toks)-1].End}}
		for p+1 < len(paras) && paras[p+1] <= st.s {
			p++
		}
		st.para = p
		for _, t := range toks {
			st.words = append(st.words, word{s: t.Start, e: t.End, raw: t.Text, key: wordKey(t.Text)})
		}
		out = append(out, st)
	}
	return out
}

// paragraphStarts returns the code point offset where each paragraph
// starts: paragraphs are separated by blank lines, or by single line breaks
// in a text that has no blank line (some scrapes keep one per paragraph).
func paragraphStarts(text string) []int {
	sep := "\n"
	if strings.Contains(text, "\n\n") {
		sep = "\n\n"
	}
	starts := []int{0}
	r := 0
	for i := 0; i < len(text); {
		if strings.HasPrefix(text[i:], sep) {
			for i < len(text) && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t') {
				i++
				r++
			}
			starts = append(starts, r)
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		r++
	}
	return starts
}

// fold lower-cases s and strips its diacritics ("López" → "lopez"), so
// names spelled with and without accents compare equal.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// wordKey is a token's comparison key: folded, possessive and plural
// endings dropped, stemmed; "" for punctuation and symbols.
func wordKey(tok string) string {
	r, _ := utf8.DecodeRuneInString(tok)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return ""
	}
	w := keyMarks.Replace(fold(tok))
	if unicode.IsDigit(r) {
		return strings.ReplaceAll(w, ",", "")
	}
	return stem(w)
}

// keyMarks drops what does not change a word: apostrophes, dots.
var keyMarks = strings.NewReplacer("’", "", "'", "", ".", "")

// stem cuts common English endings so "killed", "killing" and "kills"
// meet. It is deliberately crude: it only has to make the same word in two
// outlets' sentences compare equal.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "es") && strings.ContainsAny(w[n-3:n-2], "sxzh"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:n-1]
	}
	// "stopped" → "stopp" → "stop"; "killed" → "kill" keeps its double l.
	if m := len(w); m > 3 && w[m-1] == w[m-2] && !strings.ContainsRune("lsz", rune(w[m-1])) {
		w = w[:m-1]
	}
	return w
}

// stopwords are words too common to tell two sentences apart.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for from by with without into onto
		about over under after before since until while during as than then that this these those there here
		is are was were be been being am has have had do does did will would shall should can could may might must
		it its it's he him his she her hers they them their theirs we us our ours you your yours i me my mine
		who whom whose which what when where why how not no yes so if also too very more most much many some any
		all each every both either neither other another such only own same just still even yet already again
		said says say told tell added according one two three up down out off per via mr mrs ms dr
		monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month year`) {
		m[w] = true
		m[stem(w)] = true
	}
	return m
}()

// isContent reports whether a word key carries meaning of its own.
func isContent(key string) bool {
	return key != "" && !stopwords[key] && (len(key) > 1 || key[0] >= '0' && key[0] <= '9')
}

// isCapitalised reports whether a token starts with an upper-case letter.
func isCapitalised(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}
