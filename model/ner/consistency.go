package ner

import (
	"slices"
	"strings"
)

// Document consistency. A news article names someone in full once
// ("Treasury Secretary Scott Bessent") and by surname after ("Bessent
// said"); the tagger, seeing one sentence at a time, misses some of the
// later mentions even with its document features. propagate tags every
// other capitalised occurrence of a name the document already found, and
// a person's surname alone, with the label the name got most often.
// Occurrences inside another name are left alone. The copy's score is the
// best score of the name it copies.

type nameKey struct {
	words []uint64
	label string
	n     int
	score float64
}

func (d *docState) propagate() {
	clear(d.keys2)
	add := func(words []uint64, label string, score float64) {
		ks := d.keys2[words[0]]
		for i := range ks {
			if slices.Equal(ks[i].words, words) {
				if ks[i].label == label {
					ks[i].n++
					ks[i].score = max(ks[i].score, score)
				} else if ks[i].n--; ks[i].n < 0 {
					ks[i] = nameKey{words, label, 1, score} // the majority changes
				}
				return
			}
		}
		d.keys2[words[0]] = append(ks, nameKey{words: words, label: label, n: 1, score: score})
	}
	d.covered = growBool(d.covered, len(d.toks))
	clear(d.covered)
	for _, fd := range d.found {
		for i := fd.f; i < fd.l; i++ {
			d.covered[i] = true
		}
		if !d.infos[fd.f].capital {
			continue
		}
		words := make([]uint64, fd.l-fd.f)
		for i := range words {
			words[i] = d.infos[fd.f+i].lower
		}
		add(words, fd.label, fd.score)
		if last := fd.l - 1; fd.label == LabelPerson && fd.l-fd.f >= 2 && d.surname(last) {
			add(words[len(words)-1:], fd.label, fd.score)
		}
	}
	n := len(d.found)
	for i := 0; i < len(d.toks); i++ {
		if d.covered[i] || !d.infos[i].capital || calendar[d.infos[i].lower] {
			continue
		}
		best := -1
		var bk nameKey
		for _, k := range d.keys2[d.infos[i].lower] {
			if k.n > 0 && len(k.words) > best && d.matches(i, k.words) {
				best, bk = len(k.words), k
			}
		}
		if best > 0 {
			d.found = append(d.found, found{i, i + best, bk.label, bk.score})
			i += best - 1
		}
	}
	if len(d.found) > n {
		slices.SortFunc(d.found, func(a, b found) int { return a.f - b.f })
	}
}

// matches reports whether the tokens from i are words, capitalised and
// not already in a name.
func (d *docState) matches(i int, words []uint64) bool {
	if i+len(words) > len(d.toks) {
		return false
	}
	for k, w := range words {
		t := d.infos[i+k]
		if d.covered[i+k] || t.lower != w || (k == 0 && !t.capital) {
			return false
		}
	}
	// Not the start of a longer capitalised run (Bessent Capital).
	if j := i + len(words); j < len(d.toks) && d.infos[j].capital && d.toks[j].kind == kWord && d.toks[j].bs == d.toks[j-1].be+1 {
		return false
	}
	return true
}

// surname reports whether token i can stand for a person on its own: a
// word of two or more letters, not an initial, a suffix (Jr.) or a word
// the document also writes in lower case.
func (d *docState) surname(i int) bool {
	t := d.infos[i]
	w := d.text[d.toks[i].bs:d.toks[i].be]
	if d.toks[i].kind != kWord || strings.HasSuffix(w, ".") || len(w) < 2 {
		return false
	}
	_, lower := d.lower[t.lower]
	return !lower && !calendar[t.lower]
}

// calendar words are capitalised but are not names in most texts.
var calendar = func() map[uint64]bool {
	m := map[uint64]bool{}
	for w := range strings.FieldsSeq("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday") {
		m[hashLower(w)] = true
	}
	return m
}()

func growBool(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n, n+n/4)
	}
	return b[:n]
}
