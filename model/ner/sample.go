package ner

import (
	"slices"

	"storydesk/model"
)

// sample is a Doc ready to learn from: tokens, sentences, feature rows and
// the gold tags, or for an incomplete doc the tags each token may take.
type sample struct {
	text     string
	toks     []tok
	sends    []int
	rows     []int32
	kends    []int32
	capLower []uint64 // a capitalised token's lower-case hash, else 0
	repeated bool     // a capitalised word occurs twice: document features apply

	gold    []uint8  // complete docs: a tag per token
	allow   []uint64 // incomplete docs: the tags each token may take
	rejects []span   // incomplete docs: names that are not so
	known   []bool   // incomplete docs: per sentence, whether anything is known
	weight  float64
}

// newSample prepares doc with scratch d; row gives a feature key's row.
// The doc's names' lower-case tails are counted into tails.
func (m *Model) newSample(d *docState, doc *Doc, row func(uint64) int32, tails map[uint64]tailCount) (*sample, error) {
	d.prepare(doc.Text, docToks(doc))
	s := &sample{
		text:   doc.Text,
		toks:   slices.Clone(d.toks),
		sends:  slices.Clone(d.sends),
		kends:  slices.Clone(d.kends),
		rows:   make([]int32, len(d.keys)),
		weight: doc.Weight,
	}
	if s.weight == 0 {
		s.weight = 1
	}
	for i, k := range d.keys {
		s.rows[i] = row(k)
	}
	s.capLower = make([]uint64, len(d.infos))
	seen := map[uint64]bool{}
	for i, ti := range d.infos {
		if ti.capital {
			s.capLower[i] = ti.lower
			s.repeated = s.repeated || seen[ti.lower]
			seen[ti.lower] = true
		}
	}
	spans := s.tokenSpans(m, doc.Spans)
	countTails(d, spans, tails)
	nt := m.nt()
	if doc.Complete {
		s.gold = make([]uint8, len(s.toks))
		for _, sp := range spans {
			setTags(s.gold, sp)
		}
		return s, nil
	}
	all := uint64(1)<<uint(nt) - 1
	s.allow = make([]uint64, len(s.toks))
	for i := range s.allow {
		s.allow[i] = all
	}
	tags := make([]uint8, len(s.toks))
	for _, sp := range spans {
		setTags(tags, sp)
		for i := sp.a; i < sp.b; i++ {
			s.allow[i] = 1 << tags[i]
		}
	}
	for _, sp := range s.tokenSpans(m, doc.Rejected) {
		if !slices.Contains(spans, sp) {
			s.rejects = append(s.rejects, sp)
		}
	}
	s.known = make([]bool, len(s.sends))
	for k := range s.sends {
		a, b := sentenceRange(s.sends, k)
		for i := a; i < b; i++ {
			s.known[k] = s.known[k] || s.allow[i] != all
		}
		for _, r := range s.rejects {
			s.known[k] = s.known[k] || (r.a >= a && r.a < b)
		}
	}
	return s, nil
}

// setTags writes name sp's BILOU tags.
func setTags(tags []uint8, sp span) {
	if sp.b-sp.a == 1 {
		tags[sp.a] = uint8(tagOf(sp.label, posU))
		return
	}
	tags[sp.a] = uint8(tagOf(sp.label, posB))
	for i := sp.a + 1; i < sp.b-1; i++ {
		tags[i] = uint8(tagOf(sp.label, posI))
	}
	tags[sp.b-1] = uint8(tagOf(sp.label, posL))
}

func sentenceRange(sends []int, k int) (int, int) {
	a := 0
	if k > 0 {
		a = sends[k-1]
	}
	return a, sends[k]
}

// tokenSpans fits spans (code points) to whole tokens as Snap does, drops
// those that overlap an earlier one or whose label the model lacks, and
// joins sentences a span crosses.
func (s *sample) tokenSpans(m *Model, spans []model.Span) []span {
	spans = slices.Clone(spans)
	slices.SortStableFunc(spans, func(x, y model.Span) int { return x.Start - y.Start })
	var out []span
	next := 0 // first token the next span may use
	for _, sp := range spans {
		l := m.labelIndex(sp.Label)
		if l < 0 {
			continue
		}
		a, _ := slices.BinarySearchFunc(s.toks, sp.Start, func(t tok, cp int) int { return t.e - 1 - cp })
		b := a
		for b < len(s.toks) && s.toks[b].s < sp.End {
			b++
		}
		f, e, ok := trimTokens(s.toks, a, b)
		if !ok || f < next {
			continue
		}
		out = append(out, span{f, e, l})
		next = e
		// Join the sentences the name crosses.
		s.sends = slices.DeleteFunc(s.sends, func(end int) bool { return end > f && end < e })
	}
	return out
}

// load points d at the sample (d must be a trainer's own docState, which
// never prepares text: it shares the sample's slices).
func (s *sample) load(d *docState) {
	d.text, d.toks, d.sends, d.rows, d.kends = s.text, s.toks, s.sends, s.rows, s.kends
	if s.repeated {
		d.infos = d.infos[:0]
		for _, h := range s.capLower {
			d.infos = append(d.infos, tinfo{lower: h, capital: h != 0})
		}
	}
}

// goldFor returns sentence k's gold tags (tokens a…b), or nil when nothing
// is known of it. In an incomplete doc the gold is the best tagging the
// model finds that keeps the given names and avoids the rejected ones.
func (s *sample) goldFor(tr *trainer, k, a, b int) []uint8 {
	if s.gold != nil {
		return s.gold[a:b]
	}
	if !s.known[k] {
		return nil
	}
	m, d := tr.m, tr.d
	nt := m.nt()
	n := b - a
	tr.allow = append(tr.allow[:0], s.allow[a:b]...)
	tr.gold = growU8(tr.gold, 2*n)
	best, alt := tr.gold[:n], tr.gold[n:]
	em := d.em[a*nt : b*nt]
	for _, r := range s.rejects {
		if r.a < a || r.a >= b {
			continue
		}
		// Not exactly [r.a, r.b) as label X: the better of "does not
		// start there as X" and "does not end there as X".
		ra, rb := r.a-a, r.b-a
		if rb-ra == 1 {
			tr.allow[ra] &^= 1 << uint(tagOf(r.label, posU))
			continue
		}
		keepA, keepB := tr.allow[ra], tr.allow[rb-1]
		tr.allow[ra] &^= 1 << uint(tagOf(r.label, posB))
		sa, okA := m.ts.viterbi(em, m.trans, n, tr.allow, best, d.delta, d.back)
		tr.allow[ra] = keepA
		tr.allow[rb-1] &^= 1 << uint(tagOf(r.label, posL))
		sb, okB := m.ts.viterbi(em, m.trans, n, tr.allow, alt, d.delta, d.back)
		if okA && (!okB || sa >= sb) {
			tr.allow[rb-1] = keepB
			tr.allow[ra] &^= 1 << uint(tagOf(r.label, posB))
		}
	}
	if _, ok := m.ts.viterbi(em, m.trans, n, tr.allow, best, d.delta, d.back); !ok {
		return nil
	}
	return best
}
