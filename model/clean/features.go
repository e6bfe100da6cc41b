package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
)

// Paragraph measurements (feats) and the word tests the shape tests use.
// Everything here looks at one paragraph at a time; resolve.go combines the
// results with position.

// feats are the measurements of one paragraph's normalised text.
type feats struct {
	words      int
	cased      int // words starting with a cased letter
	lower      int // … of which start lower-case
	digitWords int
	terminal   bool // ends a sentence (. ! ? …), closing quotes aside
	last       rune // last rune before closing quotes and brackets
	first      rune // first rune
	url        bool
	spaces     int // spaces between words (after normalisation)
}

func (f *feats) lowerRatio() float64 {
	if f.cased == 0 {
		return 1 // uncased scripts: no evidence either way
	}
	return float64(f.lower) / float64(f.cased)
}

// stopRatio is the share of text's words (measured as f) that are function
// words of several languages, jusText's sign of running text. It takes a
// pass over text, so it is only asked for when needed.
func (f *feats) stopRatio(text string) float64 {
	if f.words == 0 {
		return 0
	}
	return float64(countStops(text)) / float64(f.words)
}

// countStops counts the stop words of text, cutting words as measure does.
func countStops(text string) int {
	n, start := 0, -1
	var prev rune
	for i, r := range text {
		if model.IsWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 && !model.JoinsWord(text, i, r, prev) {
			n += isStopWord(text[start:i])
			start = -1
		}
		prev = r
	}
	if start >= 0 {
		n += isStopWord(text[start:])
	}
	return n
}

// measure computes feats for text (whitespace-normalised) and its lower-case
// form, in one pass over text.
func measure(text, low string) feats {
	var f feats
	f.first, _ = utf8.DecodeRuneInString(text)
	f.last, f.terminal = lastPunct(text)
	if f.terminal && (f.last == '…' || strings.HasSuffix(text, "...")) {
		// A line cut short ("Microsoft rolls out the update to more…") is a
		// truncated title, not a finished sentence.
		f.terminal = false
	}
	f.url = strings.Contains(low, "http") && (strings.Contains(low, "http://") || strings.Contains(low, "https://")) || strings.Contains(low, "www.")

	// Words follow model.WordCount's rule. A word's first letter gives its case.
	// Chinese
	// and Japanese are written without spaces, so there every two
	// characters count as a word more: a paragraph's length is what matters.
	start := -1
	var prev rune
	cjk := 0
	for i, r := range text {
		if r >= 0x3040 && isCJK(r) {
			cjk++
		}
		if model.IsWordRune(r) {
			if start < 0 {
				start = i
				f.words++
				switch {
				case r < utf8.RuneSelf && r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r):
					f.digitWords++
				case r < utf8.RuneSelf && r >= 'a' && r <= 'z' || r >= utf8.RuneSelf && unicode.IsLower(r):
					f.cased++
					f.lower++
				case r < utf8.RuneSelf && r >= 'A' && r <= 'Z' || r >= utf8.RuneSelf && (unicode.IsUpper(r) || unicode.IsTitle(r)):
					f.cased++
				}
			}
		} else {
			if r == ' ' {
				f.spaces++
			}
			if start >= 0 && !model.JoinsWord(text, i, r, prev) {
				start = -1
			}
		}
		prev = r
	}
	f.words += cjk / 2
	return f
}

// isCJK: a Chinese character or Japanese kana.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// isStopWord returns 1 if w, lower-cased, is a stop word.
func isStopWord(w string) int {
	if len(w) > 12 {
		return 0
	}
	var buf [12]byte
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	var ok bool
	if ascii {
		_, ok = stopWords[string(buf[:len(w)])]
	} else {
		_, ok = stopWords[strings.ToLower(w)]
	}
	if ok {
		return 1
	}
	return 0
}

// isProse: does the paragraph read like running text? Sentences end with a
// full stop and are mostly lower-case words; a long paragraph dense in
// function words is prose even when a scrape cut off its end.
func (f *feats) isProse(text string) bool {
	if f.url && (f.words < 12 || f.spaces == 0) {
		return false
	}
	if f.terminal && f.words >= 6 && f.lowerRatio() >= 0.3 {
		return true
	}
	return f.words >= 20 && f.lowerRatio() >= 0.45 && f.stopRatio(text) >= 0.15
}

// isHeadlineShape: a single title-like line: a few words, no full stop at the
// end (a question or exclamation is fine), not a list item, not a label.
func isHeadlineShape(text string, f *feats) bool {
	if f.words < 3 || f.words > 25 || f.url {
		return false
	}
	switch f.last {
	case '.', '…', ':', ',', ';', '-', '–', '—', '|', '/', '(':
		return false
	}
	if !(unicode.IsUpper(f.first) || unicode.IsDigit(f.first) || isOpenQuote(f.first) || (f.cased == 0 && unicode.IsLetter(f.first))) {
		return false
	}
	if startsListItem(text) {
		return false
	}
	return true
}

// isSectionShape: a one-to-three word label, every word capitalised.
func isSectionShape(text string, f *feats) bool {
	if f.words < 1 || f.words > 3 || utf8.RuneCountInString(text) > 32 || f.digitWords > 0 || f.url {
		return false
	}
	if f.terminal && f.last != '.' || f.last == '.' && !strings.HasSuffix(text, ".") || f.last == ':' {
		return false
	}
	return f.cased > 0 && f.lower == 0 && f.cased == f.words
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '„', '‚', '¿', '¡', '(':
		return true
	}
	return false
}

func startsListItem(text string) bool {
	r, size := utf8.DecodeRuneInString(text)
	switch r {
	case '-', '*', '•', '·', '–', '—', '▪', '►', '>':
		return true
	}
	if unicode.IsDigit(r) {
		rest := strings.TrimLeftFunc(text[size:], unicode.IsDigit)
		return strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ")")
	}
	return false
}

// stopWords are frequent function words of the languages a news corpus is
// most likely to mix (English first). They measure how much a paragraph reads
// like running text, jusText style.
var stopWords = func() map[string]struct{} {
	lists := []string{
		// English
		"a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself ago already said says told",
		// Spanish
		"el la los las un una unos unas y o de del al en con por para que se su sus es son fue como más pero sin sobre entre este esta estos estas lo le les ya muy también cuando donde",
		// French
		"le les un une des et ou de du au aux en dans par pour que qui ne pas se sa son ses est sont été avec sur comme mais plus cette ce il elle ils elles nous vous leur",
		// German
		"der die das den dem des ein eine einen einem und oder zu im mit von für auf ist sind war nicht sich auch es sie er wir ihr als bei nach aus wie",
		// Portuguese and Italian
		"os as um uma e da do das dos em no na nos nas com por para não é foi ao il lo gli di che non per una sono della",
		// Dutch
		"het een en van op te zijn met voor niet aan er ook maar om bij nog wel door naar dan uit hij zij wij werd wordt",
		// Indonesian and Malay
		"yang dan di ini itu dengan untuk dari tidak ke pada dalam akan ada juga atau karena kita mereka sudah telah oleh sebagai adalah bisa",
		// Russian
		"и в не на что с как по это он она они но из у к за же от то так все о был была было были его её их",
		// Polish
		"i w nie na że się z do jest to jak po o co ale od przez dla jego już tak",
		// Swedish, Danish and Norwegian
		"och att det som är på för med av inte den har till ett om var jeg og til ikke af",
	}
	m := make(map[string]struct{}, 512)
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[w] = struct{}{}
		}
	}
	return m
}()

// stripLead drops leading bullets, dashes, arrows and spaces from a lower-case
// line so a lexicon can match what the line says.
func stripLead(low string) string {
	return strings.TrimLeftFunc(low, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '©' && r != '@' && r != '#' || unicode.IsSymbol(r) && r != '©'
	})
}

// hasPrefixWord reports whether s starts with phrase followed by a word
// boundary.
func hasPrefixWord(s, phrase string) bool {
	if !strings.HasPrefix(s, phrase) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(phrase):])
	return r == utf8.RuneError || !model.IsWordRune(r)
}

func hasAnyPrefixWord(s string, phrases []string) bool {
	if s == "" {
		return false
	}
	for _, p := range phrases {
		// Comparing the first byte first skips most phrases without a call.
		if p[0] == s[0] && hasPrefixWord(s, p) {
			return true
		}
	}
	return false
}

// containsWord reports whether phrase occurs in s on word boundaries.
func containsWord(s, phrase string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(phrase):])
		if (i == 0 || !model.IsWordRune(before)) && (i+len(phrase) == len(s) || !model.IsWordRune(after)) {
			return true
		}
		off = i + 1
	}
}
