package ner

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Tag finds the names in text. Entities come in text order and do not
// overlap; none starts or ends with punctuation or a possessive.
func (m *Model) Tag(text string) []Entity { return m.tag(text, nil) }

// tag tags text cut into toks (nil: Tokenize).
func (m *Model) tag(text string, toks []tok) []Entity {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d := statePool.Get().(*docState)
	defer statePool.Put(d)
	d.prepare(text, toks)
	if len(d.toks) == 0 {
		return nil
	}
	d.resolveTable(&m.feats)
	d.emit(m)
	d.decode(m)
	return m.entities(d, nil)
}

// resolveTable maps the keys to the rows of a trained table.
func (d *docState) resolveTable(ft *featTable) {
	d.rows = growI32(d.rows, len(d.keys))
	for i, k := range d.keys {
		d.rows[i] = ft.get(k)
	}
}

// found is a name on its way out: tokens [f, l), label, score.
type found struct {
	f, l  int
	label string
	score float64
}

// entities reads the names out of d's tags, scores them, leaves titles out
// of people's names, gives places their GPE or LOC class from the
// gazetteer when it knows them, and repeats names the document already
// found (propagate).
func (m *Model) entities(d *docState, out []Entity) []Entity {
	gpe, loc, person := m.labelIndex(LabelGPE), m.labelIndex(LabelLoc), m.labelIndex(LabelPerson)
	var buf [16]uint64
	nt := d.nt
	d.found = d.found[:0]
	d.fb.setTrans(m.trans, m.temp)
	for s := range d.sends {
		a, b := d.sentence(s)
		d.names = names(d.tags[a:b], d.names[:0])
		if len(d.names) == 0 {
			continue
		}
		d.probs = m.ts.marginals(d.em[a*nt:b*nt], b-a, d.tags[a:b], d.names, &d.fb, d.probs[:0])
		for j, nm := range d.names {
			if m.hidden[nm.label] {
				continue
			}
			f, l, ok := trimTokens(d.toks, a+nm.a, a+nm.b)
			if !ok || (l-f == 1 && modifierTail(d.text[d.toks[f].bs:d.toks[f].be])) {
				continue
			}
			l = d.trimLower(m, nm.label, f, l)
			label := m.labels[nm.label]
			switch {
			case nm.label == person:
				f += titleLen(d.infos[f:l])
			case (nm.label == gpe || nm.label == loc) && l-f <= len(buf):
				hs := buf[:0]
				for i := f; i < l; i++ {
					hs = append(hs, d.infos[i].lower)
				}
				if c := placeLabel(hs); c != "" && m.labelIndex(c) >= 0 {
					label = c
				}
			}
			d.found = append(d.found, found{f, l, label, d.probs[j]})
		}
	}
	if len(d.found) > 0 {
		d.propagate()
	}
	out = slices.Grow(out, len(d.found))
	for _, fd := range d.found {
		out = append(out, Entity{
			Start: d.toks[fd.f].s,
			End:   d.toks[fd.l-1].e,
			Label: fd.label,
			Text:  d.text[d.toks[fd.f].bs:d.toks[fd.l-1].be],
			Score: fd.score,
		})
	}
	return out
}

// modifierTail is true for a word that ends in a lower-case hyphenated part
// (Oslo-based, Kremlin-backed): alone, the word is not a name but describes
// something by one, and the name cannot be cut out of its token. (In a
// longer name it may be one: Kim Dae-jung.)
func modifierTail(w string) bool {
	i := strings.LastIndexAny(w, "-‐‑")
	if i < 0 {
		return false
	}
	_, n := utf8.DecodeRuneInString(w[i:])
	r, _ := utf8.DecodeRuneInString(w[i+n:])
	return isLetter(r) && !isUpper(r)
}

// trimLower drops lower-case words from the end of a name of label that
// has a capital ("the Caribbean region" gives Caribbean): the tagger
// over-extends names into the common word after them. It stops at a word
// the model learned as the end of such names ("the Sinaloa cartel"; see
// tails.go).
func (d *docState) trimLower(m *Model, label, f, l int) int {
	anyCap := false
	for i := f; i < l; i++ {
		anyCap = anyCap || d.infos[i].capital
	}
	for anyCap && l-f > 1 && d.isTailWord(l-1) && !m.keepTail(label, d.infos[l-1].lower) {
		l--
	}
	return l
}

// plainLower is true for a word of lower-case letters only, not a name's
// hyphenated part (al-Assad).
func plainLower(w string) bool {
	for _, r := range w {
		if !isLetter(r) || isUpper(r) {
			return false
		}
	}
	return true
}
