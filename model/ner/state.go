package ner

import (
	"sync"
	"unicode/utf8"
)

// docState is one document on its way through the tagger: tokens,
// sentences, features, scores and tags. It is reused (statePool), so a
// tagging call allocates little beyond its result.
type docState struct {
	text  string
	toks  []tok
	sends []int // index after each sentence's last token
	infos []tinfo
	lower map[uint64]struct{} // lower-case words of the document

	keys  []uint64 // static feature keys, all tokens
	kends []int32  // end of each token's keys
	rows  []int32  // keys as rows (-1: unknown feature)

	docRow []int32 // per token: row of its document-majority feature, or -1
	groups map[uint64]int32
	counts []int32 // per group × (labels+1)

	nt    int
	em    []float32 // tokens × nt
	tags  []uint8
	delta []float32
	back  []uint8
	names []span
	probs []float64
	fb    fbScratch

	found   []found
	keyHead map[uint64]int32 // names found, by first word: index in nkeys
	nkeys   []nameKey
	wbuf    []uint64
	covered []bool
}

var statePool = sync.Pool{New: func() any {
	return &docState{lower: map[uint64]struct{}{}, groups: map[uint64]int32{}, keyHead: map[uint64]int32{}}
}}

// prepare tokenizes text (or takes toks, already cut) and extracts every
// static feature key.
func (d *docState) prepare(text string, toks []tok) {
	d.text = text
	if toks == nil {
		d.toks = tokenize(text, d.toks[:0])
	} else {
		d.toks = append(d.toks[:0], toks...)
	}
	d.sends = splitSentences(text, d.toks, d.sends[:0])
	d.infos = d.infos[:0]
	clear(d.lower)
	for _, t := range d.toks {
		ti := info(text[t.bs:t.be], t.kind)
		if ti.lowerWord {
			d.lower[ti.lower] = struct{}{}
		}
		d.infos = append(d.infos, ti)
	}
	g := theGazetteer()
	d.keys, d.kends = d.keys[:0], d.kends[:0]
	var docLower [256]bool
	a := 0
	for _, b := range d.sends {
		sent := d.infos[a:b]
		g.match(sent)
		// A capitalised word also written in lower case in the document
		// is probably not a name (The/the, Bank/bank).
		var dl []bool
		if b-a <= len(docLower) {
			dl = docLower[:b-a]
		} else {
			dl = make([]bool, b-a)
		}
		for i, t := range sent {
			_, seen := d.lower[t.lower]
			dl[i] = t.capital && seen
		}
		d.keys, d.kends = featurize(sent, dl, d.keys, d.kends)
		a = b
	}
}

// resolve maps the keys to rows with row (-1 drops a feature).
func (d *docState) resolve(row func(uint64) int32) {
	d.rows = d.rows[:0]
	for _, k := range d.keys {
		d.rows = append(d.rows, row(k))
	}
}

// tokenRows returns token i's feature rows.
func (d *docState) tokenRows(i int) []int32 {
	a := int32(0)
	if i > 0 {
		a = d.kends[i-1]
	}
	return d.rows[a:d.kends[i]]
}

// emit computes every token's score for every tag from the static features.
func (d *docState) emit(m *Model) {
	nt := m.nt()
	d.nt = nt
	n := len(d.toks)
	d.em = growF32(d.em, n*nt)
	clear(d.em)
	for i := range n {
		e := d.em[i*nt : (i+1)*nt]
		for _, r := range d.tokenRows(i) {
			if r < 0 {
				continue
			}
			w := m.w[int(r)*nt : int(r+1)*nt]
			for t := range e {
				e[t] += w[t]
			}
		}
	}
	d.tags = growU8(d.tags, n)
	d.delta = growF32(d.delta, n*nt)
	d.back = growU8(d.back, n*nt)
}

// decode tags every sentence, then, when some capitalised word occurs more
// than once, adds each such word's document-majority feature (the label
// most of its other occurrences got) and tags again.
func (d *docState) decode(m *Model) {
	for s := range d.sends {
		d.decodeSentence(m, s, nil)
	}
	if !d.groupWords(len(m.labels)) {
		return
	}
	d.majority(m, m.row)
	nt := d.nt
	a := 0
	for s, b := range d.sends {
		again := false
		for i := a; i < b; i++ {
			if r := d.docRow[i]; r >= 0 {
				e := d.em[i*nt : (i+1)*nt]
				for t, w := range m.w[int(r)*nt : int(r+1)*nt] {
					e[t] += w
				}
				again = true
			}
		}
		if again {
			d.decodeSentence(m, s, nil)
		}
		a = b
	}
}

// sentence returns sentence s's token range.
func (d *docState) sentence(s int) (int, int) {
	a := 0
	if s > 0 {
		a = d.sends[s-1]
	}
	return a, d.sends[s]
}

func (d *docState) decodeSentence(m *Model, s int, allow []uint64) bool {
	a, b := d.sentence(s)
	nt := d.nt
	_, ok := m.ts.viterbi(d.em[a*nt:b*nt], m.trans, b-a, allow, d.tags[a:b], d.delta, d.back)
	return ok
}

// groupWords groups the capitalised tokens by their lower-case form and
// reports whether any group has two or more.
func (d *docState) groupWords(labels int) bool {
	clear(d.groups)
	d.docRow = growI32(d.docRow, len(d.toks))
	repeated := false
	for i := range d.infos {
		d.docRow[i] = -1
		if !d.infos[i].capital {
			continue
		}
		if _, ok := d.groups[d.infos[i].lower]; ok {
			repeated = true
			continue
		}
		d.groups[d.infos[i].lower] = int32(len(d.groups))
	}
	d.counts = growI32(d.counts, len(d.groups)*(labels+1))
	clear(d.counts)
	return repeated
}

// majority counts the labels the current tags give each group's tokens and
// sets docRow to the feature of the majority among a token's other
// occurrences (ties go to a name over O). row resolves the feature key.
func (d *docState) majority(m *Model, row func(uint64) int32) {
	k := len(m.labels) + 1
	lab := func(i int) int { // 0 for O, else 1 + label
		if t := int(d.tags[i]); t != 0 {
			return 1 + tagLabel(t)
		}
		return 0
	}
	for i := range d.infos {
		if d.infos[i].capital {
			d.counts[int(d.groups[d.infos[i].lower])*k+lab(i)]++
		}
	}
	for i := range d.infos {
		d.docRow[i] = -1
		if !d.infos[i].capital {
			continue
		}
		c := d.counts[int(d.groups[d.infos[i].lower])*k:][:k]
		own := lab(i)
		best, arg := int32(0), -1
		for l := k - 1; l >= 0; l-- { // names before O on ties
			n := c[l]
			if l == own {
				n--
			}
			if n > best {
				best, arg = n, l
			}
		}
		if arg >= 0 {
			d.docRow[i] = row(majorityKey(m, arg))
		}
	}
}

// majorityKey is the document-majority feature's key for label l (0 is O),
// by the label's name, so it survives a label added later.
func majorityKey(m *Model, l int) uint64 {
	if l == 0 {
		return mix(fDocMajority, hashLower("O"))
	}
	return mix(fDocMajority, hashLower(m.labels[l-1]))
}

func growF32(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n, n+n/4)
	}
	return b[:n]
}

func growU8(b []uint8, n int) []uint8 {
	if cap(b) < n {
		return make([]uint8, n, n+n/4)
	}
	return b[:n]
}

func growI32(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n, n+n/4)
	}
	return b[:n]
}

// byteOffsets converts tokens in code points of text to internal tokens.
func byteOffsets(text string, ts []Token) []tok {
	out := make([]tok, len(ts))
	cp, bi := 0, 0
	for i, t := range ts {
		for cp < t.Start && bi < len(text) {
			_, w := utf8.DecodeRuneInString(text[bi:])
			bi += w
			cp++
		}
		bs := bi
		for cp < t.End && bi < len(text) {
			_, w := utf8.DecodeRuneInString(text[bi:])
			bi += w
			cp++
		}
		out[i] = tok{bs: bs, be: bi, s: t.Start, e: t.End, kind: kindOf(text[bs:bi])}
	}
	return out
}

// kindOf classifies a token cut elsewhere (CoNLL data).
func kindOf(s string) uint8 {
	if s == "" {
		return kPunct
	}
	r, w := utf8.DecodeRuneInString(s)
	if isApos(r) && (s[w:] == "s" || s[w:] == "S") {
		return kPoss
	}
	_, k := scanToken(s, 0)
	return k
}
