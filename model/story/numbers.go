package story

import (
	"strconv"
	"strings"
)

// Figures in an article: each number with what it counts and the words
// around it, so that "killing at least 42 people" in one outlet lines up
// with "killing at least 47 people" in another, and "at least 42 people
// died" in a third, while "214 passengers" stays apart.

// figure is one number mentioned in an article.
type figure struct {
	doc        int
	start, end int // as written, currency and scale included ("€12 million")
	sent       span
	value      float64
	unit       string // a currency sign, "%", or the key of the word it counts ("people")
	kind       string // one of the Kind* discrepancy kinds for figures
	ctx        []string
	word       int // its word's index in the sentence
	sentence   *sentence
}

// Kinds of figure (and Discrepancy.Kind).
const (
	KindCasualties = "casualties"
	KindMoney      = "money"
	KindCount      = "count"
	KindAge        = "age"
	KindDate       = "date"
	KindPercent    = "percent"
	KindName       = "name"
	KindTitle      = "title"
)

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

var scales = map[string]float64{"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}

var currencies = map[string]string{
	"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "euro": "EUR", "dollar": "USD", "pound": "GBP",
	"kronor": "SEK", "krona": "SEK", "kroner": "NOK", "krone": "NOK", "franc": "CHF", "yen": "JPY", "rupee": "INR",
}

// harm marks a sentence about people killed or hurt.
var harm = []string{"kill", "dead", "die", "death", "fatal", "injur", "wound", "victim", "casualt", "missing", "bod"}

// ctxWords is how many words either side of a figure count as its
// context.
const ctxWords = 8

// figures finds the numbers in a doc's sentences.
func figures(di int, d *doc) []figure {
	var out []figure
	for si := range d.sents {
		s := &d.sents[si]
		ws := s.words
		for i := 0; i < len(ws); i++ {
			f, ok := readFigure(ws, i)
			if !ok {
				continue
			}
			f.doc, f.sent, f.word, f.sentence = di, s.span, i, s
			f.kind = figureKind(ws, i, &f)
			// Words, not punctuation, count towards the reach.
			for dir := -1; dir <= 1; dir += 2 {
				for j, n := i+dir, 0; j >= 0 && j < len(ws) && n < ctxWords; j += dir {
					if ws[j].key == "" {
						continue
					}
					n++
					if isContent(ws[j].key) && !isNumeric(ws[j].key) && ws[j].key != f.unit {
						f.ctx = append(f.ctx, ws[j].key)
					}
				}
			}
			out = append(out, f)
		}
	}
	return out
}

// readFigure reads the figure whose number is word i, if it is one.
func readFigure(ws []word, i int) (figure, bool) {
	w := ws[i]
	raw := strings.ToLower(w.raw)
	var f figure
	switch {
	case isNumeric(w.key):
		num := raw
		if k := strings.Index(num, "-"); k > 0 {
			num = num[:k] // 31-year-old
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			return f, false
		}
		f.value = v
	case numberWords[raw] > 0 && raw != "hundred":
		f.value = numberWords[raw]
		// "one" is too often a pronoun ("one of the strikes") to count.
		if raw == "one" {
			return f, false
		}
	default:
		return f, false
	}
	f.start, f.end = w.s, w.e
	if i > 0 {
		if c, ok := currencies[ws[i-1].raw]; ok {
			f.unit, f.start = c, ws[i-1].s
		}
	}
	j := i + 1
	if j < len(ws) {
		if m, ok := scales[strings.ToLower(ws[j].raw)]; ok {
			f.value *= m
			f.end = ws[j].e
			j++
		}
	}
	if j < len(ws) {
		next := strings.ToLower(ws[j].raw)
		switch {
		case next == "%" || next == "percent":
			f.unit, f.end = "%", ws[j].e
		case f.unit == "" && currencies[strings.TrimSuffix(next, "s")] != "":
			f.unit, f.end = currencies[strings.TrimSuffix(next, "s")], ws[j].e
		case f.unit == "":
			// The thing counted: the next word that means something
			// ("42 people", "19 crew members", "six metres").
			for k := j; k < min(len(ws), j+3); k++ {
				if ws[k].key == "" {
					break
				}
				if isContent(ws[k].key) && !isNumeric(ws[k].key) {
					f.unit = ws[k].key
					break
				}
			}
		}
	}
	return f, true
}

// figureKind classifies a figure by its unit and its sentence.
func figureKind(ws []word, i int, f *figure) string {
	raw := strings.ToLower(ws[i].raw)
	switch {
	case f.unit == "%":
		return KindPercent
	case len(f.unit) == 3 && strings.ToUpper(f.unit) == f.unit:
		return KindMoney
	case strings.Contains(raw, "-year-old") || i+1 < len(ws) && strings.HasPrefix(strings.ToLower(ws[i+1].raw), "year-old"):
		return KindAge
	case i >= 2 && ws[i-1].raw == "," && isCapitalised(ws[i-2].raw) && i+1 < len(ws) && ws[i+1].raw == ",":
		// "Marta Kovel, 52, who escaped": an age after a name.
		f.unit = "age"
		return KindAge
	case i > 0 && months[strings.TrimSuffix(strings.ToLower(ws[i-1].raw), ".")] != 0,
		i+1 < len(ws) && months[strings.TrimSuffix(strings.ToLower(ws[i+1].raw), ".")] != 0:
		f.unit = "date"
		return KindDate
	case f.value >= 1800 && f.value <= 2200 && f.value == float64(int(f.value)) && !strings.Contains(ws[i].raw, ","):
		f.unit = "year"
		return KindDate
	}
	for _, w := range ws {
		for _, h := range harm {
			if strings.HasPrefix(w.key, h) {
				return KindCasualties
			}
		}
	}
	return KindCount
}

// isNumeric reports whether a word key is a number ("42", "4000",
// "31-year-old").
func isNumeric(key string) bool { return key != "" && key[0] >= '0' && key[0] <= '9' }

// alignScore says how surely two figures from different articles state
// the same fact: the context words they share, and two more for counting
// the same thing. 0 when they cannot be one fact.
func alignScore(a, b *figure) int {
	if a.kind != b.kind {
		// A casualty count may be written without the word that made it
		// one ("at least 42 people died" beside "killing at least 42").
		if !(a.kind == KindCasualties && b.kind == KindCount || a.kind == KindCount && b.kind == KindCasualties) {
			return 0
		}
	}
	if a.unit != "" && b.unit != "" && a.unit != b.unit {
		return 0
	}
	n := 0
	for _, x := range a.ctx {
		for _, y := range b.ctx {
			if x == y {
				n++
				break
			}
		}
	}
	if a.unit != "" && a.unit == b.unit {
		n += 2
	}
	return n
}

// minAlign is the least alignScore for two figures to be one fact: the
// same unit and one shared word, or three shared words.
const minAlign = 3

// display writes a figure as the article does.
func (f *figure) display(d *doc) string { return d.slice(f.start, f.end) }

// context writes the words around a figure with the figure as N: "killing
// at least N people and leaving dozens missing".
func (f *figure) context(d *doc) string {
	ws := f.sentence.words
	lo, hi := max(0, f.word-5), min(len(ws)-1, f.word+5)
	for lo < f.word && ws[lo].key == "" {
		lo++
	}
	for hi > f.word && ws[hi].key == "" {
		hi--
	}
	// The figure may reach past its word (a scale, a currency after it):
	// only words wholly outside it are context.
	before, after := "", ""
	if ws[lo].s < f.start {
		before = d.slice(ws[lo].s, f.start)
	}
	if ws[hi].e > f.end {
		after = d.slice(f.end, ws[hi].e)
	}
	return strings.Join(strings.Fields(before+"N"+after), " ")
}
