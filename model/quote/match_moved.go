package quote

import (
	"strings"

	"storydesk/model/wordtok"
)

// Words moved: an editor's "the Caribbean people's human rights" for "the
// human rights of the Caribbean people" is the same quotation with two
// words dropped, which an alignment in order counts as many more edits. So
// passages are also compared as multisets of words, possessives folded
// ("people's" is "people"): the words dropped plus the words added must be
// within the same budget, a moved word costing nothing and a replaced one
// two, and most of the words must still come in order.

// qmMinOrder is the least share of the longer one's words a moved passage
// keeps in order: a reordering, not a scramble.
const qmMinOrder = 0.6

// qmBag is a sequence of folded word keys and its multiset.
type qmBag struct {
	norm  []uint64
	count map[uint64]int
}

func newQmBag(norm []uint64) qmBag {
	b := qmBag{norm: norm, count: make(map[uint64]int, len(norm))}
	for _, k := range norm {
		b.count[k]++
	}
	return b
}

// qmFold returns keys with possessives folded to their word: the key of
// "people" for "people's" or "people’s".
func qmFold(text string, toks []wordtok.Token, keys []uint64) []uint64 {
	out := make([]uint64, len(keys))
	copy(out, keys)
	for i, t := range toks {
		w := text[t.Start:t.End]
		stem := ""
		for _, suf := range []string{"'s", "’s", "'S", "’S"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf) {
				stem = w[:len(w)-len(suf)]
			}
		}
		if stem == "" {
			continue
		}
		if st, _ := wordtok.Tokens(stem); len(st) == 1 {
			out[i] = st[0].Hash
		}
	}
	return out
}

// windows appends the stretches of norm[r0:r1] of n-k to n+k words whose
// words dropped and added number at most k, in order enough.
func (b qmBag) windows(norm []uint64, r0, r1, k int, out []quoteCand) []quoteCand {
	n := len(b.norm)
	win := map[uint64]int{}
	for m := max(1, n-k); m <= n+k; m++ {
		if r1-r0 < m {
			break
		}
		clear(win)
		common := 0
		add := func(key uint64, d int) {
			c := win[key]
			if d > 0 && c < b.count[key] {
				common++
			}
			if d < 0 && c <= b.count[key] {
				common--
			}
			win[key] = c + d
		}
		for j := r0; j < r1; j++ {
			add(norm[j], 1)
			if j-r0 >= m {
				add(norm[j-m], -1)
			}
			if j-r0+1 < m {
				continue
			}
			d := (n - common) + (m - common)
			if d > k || d > qmBudget(max(n, m)) {
				continue
			}
			s := j + 1 - m
			if float64(qmLCS(b.norm, norm[s:j+1])) < qmMinOrder*float64(max(n, m)) {
				continue
			}
			out = append(out, quoteCand{s: s, e: j + 1, d: d, moved: true, extra: m - common})
		}
	}
	return out
}

// qmCommon is the size of the multiset intersection of a and b.
func qmCommon(a, b []uint64) int {
	c := map[uint64]int{}
	for _, k := range a {
		c[k]++
	}
	n := 0
	for _, k := range b {
		if c[k] > 0 {
			c[k]--
			n++
		}
	}
	return n
}
