package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"storydesk/model"
)

// Datelines ("BOGOTA, Colombia — "): cut off the first body paragraph and
// kept as metadata. The patterns are in lexicon.go.

// dateline cuts a dateline prefix off the first kept body paragraph.
func (c *Cleaner) dateline(raw string, ps []cpara, start int, out *Cleaned) {
	if start < 0 {
		start = 0
	}
	for i := start; i < len(ps); i++ {
		p := &ps[i]
		if p.reason != "" {
			continue
		}
		if p.forced || p.k&kProse == 0 {
			return
		}
		line := firstLine(raw[p.bs:p.be])
		n, label := matchDateline(line)
		if n == 0 {
			return
		}
		pre := strings.TrimRightFunc(line[:n], unicode.IsSpace)
		p.cut = span{bs: p.bs, be: p.bs + len(pre), rs: p.rs, re: p.rs + utf8.RuneCountInString(pre)}
		out.Dateline = label
		return
	}
}

// matchDateline returns the byte length of a dateline prefix at the start of
// line (separator and following space included) and its label, or 0.
func matchDateline(line string) (int, string) {
	// A dateline is short: matching only the head of the line keeps the
	// regexp's cost independent of the paragraph's length.
	if len(line) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	if !strings.ContainsAny(line, ":—–-") {
		return 0, "" // every dateline ends in a dash or a colon
	}
	for _, re := range []*regexp.Regexp{reDatelineAgency, reDatelineCaps, reDatelineTitle} {
		m := re.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		n := m[1]
		pre := line[:n]
		rest := line[n:]
		r, _ := utf8.DecodeRuneInString(rest)
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenQuote(r)) {
			continue
		}
		// The prefix is a place (and date, and agency): capitalised words,
		// numbers and month names only, and short.
		if model.WordCount(pre) > 8 || !datelineWords(line[:m[3]]) {
			continue
		}
		if first, _, _ := strings.Cut(line[:m[3]], " "); re == reDatelineTitle && leadWords[strings.ToLower(first)] {
			continue // "In Bogota, Colombia — …" is a sentence
		}
		if re == reDatelineCaps && len(strings.TrimFunc(line[m[2]:m[3]], func(r rune) bool { return !unicode.IsLetter(r) })) < 3 {
			continue // "US: …", "UN — …" are labels or sentences, not places
		}
		label := strings.TrimRightFunc(pre, func(r rune) bool {
			return unicode.IsSpace(r) || r == '-' || r == '–' || r == '—' || r == ':'
		})
		if re == reDatelineCaps && m[4] >= 0 && !datelineWords(line[m[4]:m[5]]) {
			continue
		}
		return n, label
	}
	return 0, ""
}

// datelineWords: every word is capitalised, a number or a month name.
func datelineWords(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !model.IsWordRune(r) && r != '.' && r != '\'' && r != '’' }) {
		w = strings.Trim(w, ".'’")
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || placeJoiners[w] {
			continue
		}
		return false
	}
	return true
}

// leadWords open sentences, not place names.
var leadWords = map[string]bool{
	"in": true, "on": true, "at": true, "by": true, "for": true, "from": true, "after": true, "before": true,
	"with": true, "as": true, "when": true, "while": true, "during": true, "since": true, "until": true,
	"under": true, "over": true, "across": true, "near": true, "inside": true, "outside": true, "despite": true,
	"like": true, "unlike": true, "but": true, "and": true, "so": true, "if": true, "yet": true,
}

// placeJoiners may appear lower-case inside a place name.
var placeJoiners = map[string]bool{
	"de": true, "del": true, "la": true, "le": true, "les": true, "el": true, "do": true, "da": true, "dos": true,
	"das": true, "di": true, "al": true, "an": true, "der": true, "of": true, "upon": true, "am": true, "sur": true,
	"on": true, "y": true,
}
