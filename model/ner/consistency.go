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
	off, n int32 // words: wbuf[off : off+n]
	next   int32 // next key with the same first word, or -1
	label  string
	count  int
	score  float64
}

func (d *docState) propagate() {
	clear(d.keyHead)
	d.nkeys, d.wbuf = d.nkeys[:0], d.wbuf[:0]
	words := func(k *nameKey) []uint64 { return d.wbuf[k.off : k.off+k.n] }
	add := func(ws []uint64, label string, score float64) {
		head, ok := d.keyHead[ws[0]]
		if !ok {
			head = -1
		}
		for i := head; i >= 0; i = d.nkeys[i].next {
			k := &d.nkeys[i]
			if !slices.Equal(words(k), ws) {
				continue
			}
			switch {
			case k.label == label:
				k.count++
				k.score = max(k.score, score)
			case k.count > 1:
				k.count--
			default: // the majority changes
				k.label, k.count, k.score = label, 1, score
			}
			return
		}
		off := int32(len(d.wbuf))
		d.wbuf = append(d.wbuf, ws...)
		d.nkeys = append(d.nkeys, nameKey{off: off, n: int32(len(ws)), next: head, label: label, count: 1, score: score})
		d.keyHead[ws[0]] = int32(len(d.nkeys) - 1)
	}
	d.covered = growBool(d.covered, len(d.toks))
	clear(d.covered)
	var ws []uint64
	for _, fd := range d.found {
		for i := fd.f; i < fd.l; i++ {
			d.covered[i] = true
		}
		if !d.infos[fd.f].capital {
			continue
		}
		ws = ws[:0]
		for i := fd.f; i < fd.l; i++ {
			ws = append(ws, d.infos[i].lower)
		}
		add(ws, fd.label, fd.score)
		if last := fd.l - 1; fd.label == LabelPerson && fd.l-fd.f >= 2 && d.surname(last) {
			add(ws[len(ws)-1:], fd.label, fd.score)
		}
	}
	n := len(d.found)
	for i := 0; i < len(d.toks); i++ {
		if d.covered[i] || !d.infos[i].capital || calendar[d.infos[i].lower] {
			continue
		}
		head, ok := d.keyHead[d.infos[i].lower]
		if !ok {
			continue
		}
		best := -1
		for k := head; k >= 0; k = d.nkeys[k].next {
			if w := words(&d.nkeys[k]); (best < 0 || len(w) > int(d.nkeys[best].n)) && d.matches(i, w) {
				best = int(k)
			}
		}
		if best >= 0 {
			k := d.nkeys[best]
			d.found = append(d.found, found{i, i + int(k.n), k.label, k.score})
			i += int(k.n) - 1
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
