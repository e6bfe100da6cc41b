package ner

import (
	"unicode"
)

// News has headlines in title case and datelines and some headlines in
// capitals; the training data is nearly all sentence case. So a few of the
// prose sentences are added again in headline case and in capitals, with
// the same names: the model learns that in such sentences a capital says
// little (its sentence-mode features), and the words must say more.

// functionWords stay lower case in a headline.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"for": true, "on": true, "at": true, "to": true, "from": true, "by": true, "of": true,
	"in": true, "with": true, "as": true, "into": true, "over": true, "via": true,
}

// recased returns headline-case copies of one prose doc in every 12 and
// capitalised copies of another one in every 12, chosen by their text's
// hash (so the same docs each run). Only one-sentence docs are copied.
func recased(docs []Doc) []Doc {
	var out []Doc
	for _, d := range docs {
		if len(d.Tokens) == 0 || containsNewline(d.Text) {
			continue
		}
		switch textHash(d.Text+"\x00recase") % 12 {
		case 0:
			out = append(out, recase(d, false))
		case 1:
			out = append(out, recase(d, true))
		}
	}
	return out
}

func containsNewline(s string) bool {
	for _, r := range s {
		if r == '\n' {
			return true
		}
	}
	return false
}

// recase copies d with every word capitalised (upper) or in headline case.
// Case mapping is rune for rune, so code-point offsets hold.
func recase(d Doc, upper bool) Doc {
	rs := []rune(d.Text)
	for _, t := range d.Tokens {
		if upper {
			for i := t.Start; i < t.End; i++ {
				rs[i] = unicode.ToUpper(rs[i])
			}
		} else if !functionWords[t.Text] {
			rs[t.Start] = unicode.ToUpper(rs[t.Start])
		}
	}
	c := d
	c.Text = string(rs)
	c.Tokens = make([]Token, len(d.Tokens))
	for i, t := range d.Tokens {
		c.Tokens[i] = Token{Text: string(rs[t.Start:t.End]), Start: t.Start, End: t.End}
	}
	c.Spans = append(c.Spans[:0:0], d.Spans...)
	for i := range c.Spans {
		c.Spans[i].Text = string(rs[c.Spans[i].Start:c.Spans[i].End])
	}
	return c
}
