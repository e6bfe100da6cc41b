package ner

import (
	"math"
	"slices"
)

// Scores. A linear tagger's scores are not probabilities, but read as the
// log-potentials of a linear-chain CRF, divided by a temperature T, they
// give each name a probability by forward–backward: the probability that
// the tokens carry exactly this name's tags. T is fitted so these
// probabilities match how often names were right on held-out docs
// (minimum log loss), which is what makes 0.9 mean "right about 9 times in
// 10". The Viterbi tags do not depend on T.

// calibItem is one sentence's scores and names, for the temperature fit.
type calibItem struct {
	em    []float32
	tags  []uint8
	names []span
	right []bool
}

// maxCalibTokens bounds the tokens the fit reads; more says little more.
const maxCalibTokens = 200_000

// fitTemperature returns the temperature that best calibrates the scores of
// the names m finds in docs against their spans.
func (m *Model) fitTemperature(docs []Doc) float64 {
	d := &docState{lower: map[uint64]struct{}{}, groups: map[uint64]int32{}}
	var items []calibItem
	tokens := 0
	stride := 1
	if total := countTokens(docs); total > maxCalibTokens {
		stride = (total + maxCalibTokens - 1) / maxCalibTokens
	}
	for i := 0; i < len(docs); i += stride {
		doc := &docs[i]
		d.prepare(doc.Text, docToks(doc))
		tokens += len(d.toks)
		if len(d.toks) == 0 {
			continue
		}
		d.resolveTable(&m.feats)
		d.emit(m)
		d.decode(m)
		gold := (&sample{toks: d.toks, sends: slices.Clone(d.sends)}).tokenSpans(m, doc.Spans)
		nt := d.nt
		for k := range d.sends {
			a, b := d.sentence(k)
			ns := names(d.tags[a:b], nil)
			if len(ns) == 0 {
				continue
			}
			it := calibItem{em: slices.Clone(d.em[a*nt : b*nt]), tags: slices.Clone(d.tags[a:b])}
			for _, nm := range ns {
				if m.hidden[nm.label] {
					continue
				}
				f, l, _ := trimTokens(d.toks, a+nm.a, a+nm.b)
				it.names = append(it.names, nm)
				it.right = append(it.right, slices.Contains(gold, span{f, l, nm.label}))
			}
			if len(it.names) > 0 {
				items = append(items, it)
			}
		}
	}
	if len(items) == 0 {
		return 1
	}
	var fb fbScratch
	var probs []float64
	loss := func(logT float64) float64 {
		fb.setTrans(m.trans, math.Exp(logT))
		sum := 0.0
		for _, it := range items {
			probs = m.ts.marginals(it.em, len(it.tags), it.tags, it.names, &fb, probs[:0])
			for j, p := range probs {
				p = min(max(p, 1e-6), 1-1e-6)
				if it.right[j] {
					sum -= math.Log(p)
				} else {
					sum -= math.Log(1 - p)
				}
			}
		}
		return sum
	}
	// Golden-section search over log T; the loss is unimodal in practice.
	lo, hi := math.Log(0.05), math.Log(200.0)
	g := (math.Sqrt(5) - 1) / 2
	x1, x2 := hi-g*(hi-lo), lo+g*(hi-lo)
	f1, f2 := loss(x1), loss(x2)
	for range 40 {
		if f1 < f2 {
			hi, x2, f2 = x2, x1, f1
			x1 = hi - g*(hi-lo)
			f1 = loss(x1)
		} else {
			lo, x1, f1 = x1, x2, f2
			x2 = lo + g*(hi-lo)
			f2 = loss(x2)
		}
	}
	return math.Exp((lo + hi) / 2)
}

func countTokens(docs []Doc) int {
	n := 0
	for i := range docs {
		if docs[i].Tokens != nil {
			n += len(docs[i].Tokens)
		} else {
			n += len(docs[i].Text) / 5 // about a token per five bytes
		}
	}
	return n
}
