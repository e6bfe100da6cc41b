package ner

import "math"

// Tags are BILOU: 0 is O (outside); label k has B (begin), I (inside),
// L (last) and U (a one-token name) at 1+4k … 4+4k. BILOU rather than BIO
// gives the model separate weights for a name's last word (Inc., River)
// and for one-word names, which helps a linear tagger.
const (
	posB = iota
	posI
	posL
	posU
)

// maxLabels keeps a tag set within a 64-bit mask (1 + 4·15 = 61 tags).
const maxLabels = 15

func tagOf(label, pos int) int { return 1 + 4*label + pos }
func tagLabel(t int) int       { return (t - 1) / 4 }
func tagPos(t int) int         { return (t - 1) % 4 }

// closes is true for tags after which a new name (or O) may start.
func closes(t int) bool { return t == 0 || tagPos(t) >= posL }

// opens is true for tags that start a name or are O.
func opens(t int) bool { return t == 0 || tagPos(t) == posB || tagPos(t) == posU }

// canFollow reports whether tag t may follow tag p: no I or L without its
// B, no B or U before the previous name has ended.
func canFollow(p, t int) bool {
	if opens(t) {
		return closes(p)
	}
	return p != 0 && !closes(p) && tagLabel(p) == tagLabel(t)
}

// tagset is the transition structure of nt tags. The transition weights
// are an (nt+1)×(nt+1) matrix: row nt is the sentence start, column nt its
// end.
type tagset struct {
	nt    int
	preds [][]int // valid previous tags of each tag
}

func newTagset(labels int) *tagset {
	nt := 1 + 4*labels
	ts := &tagset{nt: nt, preds: make([][]int, nt)}
	for t := range nt {
		for p := range nt {
			if canFollow(p, t) {
				ts.preds[t] = append(ts.preds[t], p)
			}
		}
	}
	return ts
}

var negInf = float32(math.Inf(-1))

// viterbi writes the best valid tag sequence of n tokens with emission
// scores em (n×nt) into out. allow, when not nil, limits each token to a
// set of tags (bit t); ok is false when no valid sequence fits it. delta
// and back are scratch of n×nt.
func (ts *tagset) viterbi(em, trans []float32, n int, allow []uint64, out []uint8, delta []float32, back []uint8) (score float32, ok bool) {
	nt := ts.nt
	st := nt + 1
	allowed := func(i, t int) bool { return allow == nil || allow[i]&(1<<uint(t)) != 0 }
	for t := range nt {
		delta[t] = negInf
		if opens(t) && allowed(0, t) {
			delta[t] = trans[nt*st+t] + em[t]
		}
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*nt : i*nt]
		cur := delta[i*nt : (i+1)*nt]
		e := em[i*nt : (i+1)*nt]
		bk := back[i*nt : (i+1)*nt]
		for t := range nt {
			best, arg := negInf, 0
			if allowed(i, t) {
				for _, p := range ts.preds[t] {
					if s := prev[p] + trans[p*st+t]; s > best {
						best, arg = s, p
					}
				}
			}
			cur[t] = best + e[t]
			if best == negInf {
				cur[t] = negInf
			}
			bk[t] = uint8(arg)
		}
	}
	best, arg := negInf, -1
	last := delta[(n-1)*nt : n*nt]
	for t := range nt {
		if closes(t) && last[t] != negInf {
			if s := last[t] + trans[t*st+nt]; arg < 0 || s > best {
				best, arg = s, t
			}
		}
	}
	if arg < 0 {
		return 0, false
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = uint8(arg)
		arg = int(back[i*nt+arg])
	}
	return best, true
}

// marginals runs forward–backward over the scores divided by the
// temperature, as if they were a linear-chain CRF's log-potentials, and
// appends to probs the probability of each name (exactly that stretch of
// tags). fb holds the scratch and the transitions' potentials (setTrans).
func (ts *tagset) marginals(em []float32, n int, tags []uint8, names []span, fb *fbScratch, probs []float64) []float64 {
	nt := ts.nt
	st := nt + 1
	inv := 1 / fb.temp
	fb.grow(n*nt, n)
	et, tr, alpha, beta, scale := fb.e, fb.t, fb.alpha, fb.beta, fb.scale
	// Emissions relative to each token's best, so exp never overflows.
	for i := range n {
		row := em[i*nt : (i+1)*nt]
		m := rowMax(row)
		for t, v := range row {
			et[i*nt+t] = math.Exp(float64(v-m) * inv)
		}
	}
	// Forward, each row scaled to sum to 1.
	for i := range n {
		sum := 0.0
		for t := range nt {
			a := 0.0
			if i == 0 {
				if opens(t) {
					a = tr[nt*st+t]
				}
			} else {
				for _, p := range ts.preds[t] {
					a += alpha[(i-1)*nt+p] * tr[p*st+t]
				}
			}
			a *= et[i*nt+t]
			alpha[i*nt+t] = a
			sum += a
		}
		if sum == 0 {
			sum = 1
		}
		scale[i] = sum
		for t := range nt {
			alpha[i*nt+t] /= sum
		}
	}
	// Backward with the forward's scales, so alpha·beta is a marginal.
	z := 0.0
	for t := range nt {
		b := 0.0
		if closes(t) {
			b = tr[t*st+nt]
		}
		beta[(n-1)*nt+t] = b
		z += alpha[(n-1)*nt+t] * b
	}
	if z == 0 {
		z = 1
	}
	for t := range nt {
		beta[(n-1)*nt+t] /= z
	}
	for i := n - 2; i >= 0; i-- {
		for p := range nt {
			beta[i*nt+p] = 0
		}
		for t := range nt {
			bt := beta[(i+1)*nt+t] * et[(i+1)*nt+t] / scale[i+1]
			if bt == 0 {
				continue
			}
			for _, p := range ts.preds[t] {
				beta[i*nt+p] += bt * tr[p*st+t]
			}
		}
	}
	for _, nm := range names {
		a, b := nm.a, nm.b
		p := alpha[a*nt+int(tags[a])]
		for i := a + 1; i < b; i++ {
			p *= tr[int(tags[i-1])*st+int(tags[i])] * et[i*nt+int(tags[i])] / scale[i]
		}
		p *= beta[(b-1)*nt+int(tags[b-1])]
		probs = append(probs, min(1, max(0, p)))
	}
	return probs
}

// fbScratch is forward–backward's working memory, kept between calls.
type fbScratch struct {
	e, alpha, beta, scale []float64
	t                     []float64 // exp(transition / temp)
	temp                  float64
}

// setTrans computes the transitions' potentials at temperature temp, once
// for all the sentences of a document.
func (fb *fbScratch) setTrans(trans []float32, temp float64) {
	fb.t = growF64(fb.t, len(trans))
	fb.temp = temp
	for i, w := range trans {
		fb.t[i] = math.Exp(float64(w) / temp)
	}
}

func (fb *fbScratch) grow(cells, n int) {
	fb.e = growF64(fb.e, cells)
	fb.alpha = growF64(fb.alpha, cells)
	fb.beta = growF64(fb.beta, cells)
	fb.scale = growF64(fb.scale, n)
}

func growF64(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n, n+n/4)
	}
	return b[:n]
}

func rowMax(r []float32) float32 {
	m := r[0]
	for _, v := range r[1:] {
		m = max(m, v)
	}
	return m
}

// span is a name over tokens [a, b) with a label index.
type span struct{ a, b, label int }

// names reads the names out of a valid tag sequence.
func names(tags []uint8, dst []span) []span {
	start := -1
	for i, tg := range tags {
		t := int(tg)
		if t == 0 {
			continue
		}
		switch tagPos(t) {
		case posU:
			dst = append(dst, span{i, i + 1, tagLabel(t)})
		case posB:
			start = i
		case posL:
			if start >= 0 {
				dst = append(dst, span{start, i + 1, tagLabel(t)})
			}
			start = -1
		}
	}
	return dst
}
