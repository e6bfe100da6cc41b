package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
)

// A generated news-like corpus with planted copies, for duplicate-detection
// tests and benchmarks. Words are drawn from a Zipfian vocabulary and
// sentences carry stock phrases ("said in a statement on ..."), so unrelated
// articles share some shingles, as real news does.

// Kinds of planted copy.
const (
	dgTruncate = "truncate" // the first 30–70% of the words
	dgInsert   = "insert"   // a paragraph added somewhere
	dgFigures  = "figures"  // two to four numbers changed
	dgReorder  = "reorder"  // paragraphs shuffled
	dgLight    = "light"    // ~2% of words replaced, dropped or added
	dgRetype   = "retype"   // quotes, case and spacing changed: an exact copy
	dgDigits   = "digits"   // U.S.→US, 4,000→4000: same words, different text
)

var dgKinds = []string{dgTruncate, dgInsert, dgFigures, dgReorder, dgLight, dgRetype, dgDigits}

type dgPlanted struct {
	a, b int // doc indexes: original, copy
	kind string
}

type dgCorpus struct {
	docs    []DupDoc
	planted []dgPlanted
	stories [][]int // same-event write-ups sharing only a quote and phrases
}

// dgItem is one word as printed (with its punctuation); num marks figures.
type dgItem struct {
	s   string
	num bool
}

type dgArticle [][]dgItem // paragraphs of words

type dgGenerator struct {
	r       *rand.Rand
	vocab   []string
	zipf    []uint32 // inverse CDF table: a uniform index gives a word rank
	phrases [][]string
	pzipf   []uint32
}

// dgZipfBits sizes the inverse-CDF table: small enough to stay in cache;
// between two entries ranks are drawn uniformly, which keeps the long tail.
const dgZipfBits = 16

func newDGGenerator(seed uint64) *dgGenerator {
	g := &dgGenerator{r: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	syl := []string{"ka", "lo", "mi", "ter", "san", "vo", "ri", "den", "pa", "stu",
		"gel", "mon", "ar", "bi", "cor", "fa", "nel", "ush", "ply", "tra", "qu", "ez",
		"ho", "win", "dra", "sel", "om", "pre", "ti", "zan"}
	seen := map[string]bool{}
	for len(g.vocab) < 40000 {
		n := 1 + g.r.IntN(3)
		if len(g.vocab) > 200 {
			n++
		}
		var b strings.Builder
		for range n {
			b.WriteString(syl[g.r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	g.zipf = dgZipfTable(len(g.vocab), 1.1)
	for range 500 {
		p := make([]string, 3+g.r.IntN(4))
		for i := range p {
			p[i] = g.vocab[g.r.IntN(300)]
		}
		g.phrases = append(g.phrases, p)
	}
	g.pzipf = dgZipfTable(len(g.phrases), 1.2)
	return g
}

func dgZipfTable(n int, s float64) []uint32 {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range n {
		sum += 1 / math.Pow(float64(i+1), s)
		cdf[i] = sum
	}
	t := make([]uint32, 1<<dgZipfBits+1)
	t[len(t)-1] = uint32(n - 1)
	j := 0
	for i := range t[:len(t)-1] {
		u := float64(i) / float64(len(t)-1) * sum
		for j < n-1 && cdf[j] < u {
			j++
		}
		t[i] = uint32(j)
	}
	return t
}

func dgDraw(t []uint32, u uint32) uint32 {
	i := u >> (32 - dgZipfBits)
	lo, hi := t[i], t[i+1]
	return lo + uint32(uint64(u<<dgZipfBits>>dgZipfBits)*uint64(hi-lo+1)>>(32-dgZipfBits))
}

func (g *dgGenerator) word() string {
	return g.vocab[dgDraw(g.zipf, g.r.Uint32())]
}

func (g *dgGenerator) number() string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprint(2 + g.r.IntN(98))
	case 1:
		return fmt.Sprintf("%d,%03d", 1+g.r.IntN(99), g.r.IntN(1000))
	case 2:
		return fmt.Sprintf("%d.%d", 1+g.r.IntN(20), g.r.IntN(10))
	case 3:
		return fmt.Sprintf("%d,%03d,%03d", 1+g.r.IntN(9), g.r.IntN(1000), g.r.IntN(1000))
	case 4:
		return fmt.Sprint(1990 + g.r.IntN(36))
	}
	return fmt.Sprintf("%d%%", 1+g.r.IntN(99))
}

func dgCap(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func (g *dgGenerator) name() string {
	return dgCap(g.vocab[200+g.r.IntN(20000)])
}

// sentence appends one sentence; withNum forces a figure into it.
func (g *dgGenerator) sentence(p []dgItem, withNum bool) []dgItem {
	n := 12 + g.r.IntN(23)
	numAt := -1
	if withNum {
		numAt = g.r.IntN(n)
	}
	phraseAt := -1
	if g.r.IntN(5) == 0 {
		phraseAt = g.r.IntN(n)
	}
	start := len(p)
	for i := range n {
		switch {
		case i == numAt || g.r.IntN(40) == 0:
			p = append(p, dgItem{g.number(), true})
		case i == phraseAt:
			for _, w := range g.phrases[dgDraw(g.pzipf, g.r.Uint32())] {
				p = append(p, dgItem{w, false})
			}
		case g.r.IntN(100) == 0:
			p = append(p, dgItem{[]string{"U.S.", "U.K.", "E.U."}[g.r.IntN(3)], false})
		case g.r.IntN(25) == 0:
			p = append(p, dgItem{g.name(), false})
		default:
			w := g.word()
			if g.r.IntN(12) == 0 {
				w += ","
			}
			p = append(p, dgItem{w, false})
		}
	}
	p[start].s = dgCap(p[start].s)
	last := &p[len(p)-1]
	last.s = strings.TrimSuffix(last.s, ",") + "."
	return p
}

func (g *dgGenerator) quote(words int) []dgItem {
	var p []dgItem
	for i := range words {
		w := g.word()
		if i == 0 {
			w = "“" + dgCap(w)
		}
		if i == words-1 {
			w += ",”"
		}
		p = append(p, dgItem{w, false})
	}
	return append(p, dgItem{"said", false}, dgItem{g.name(), false}, dgItem{g.name() + ".", false})
}

func (g *dgGenerator) paragraph() []dgItem {
	var p []dgItem
	if g.r.IntN(7) == 0 {
		p = g.quote(8 + g.r.IntN(15))
	}
	for s := range 2 + g.r.IntN(3) {
		p = g.sentence(p, s == 0)
	}
	return p
}

func (g *dgGenerator) article(paras int) dgArticle {
	a := make(dgArticle, paras)
	for i := range a {
		a[i] = g.paragraph()
	}
	return a
}

func (a dgArticle) render() string {
	var b strings.Builder
	for i, p := range a {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j, w := range p {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.s)
		}
	}
	return b.String()
}

func (a dgArticle) clone() dgArticle {
	c := make(dgArticle, len(a))
	for i, p := range a {
		c[i] = append([]dgItem(nil), p...)
	}
	return c
}

func (g *dgGenerator) derive(a dgArticle, kind string) string {
	c := a.clone()
	switch kind {
	case dgTruncate:
		total := 0
		for _, p := range c {
			total += len(p)
		}
		keep := int(float64(total) * (0.3 + 0.4*g.r.Float64()))
		for i, p := range c {
			if keep <= len(p) {
				c = c[:i+1]
				c[i] = p[:keep]
				break
			}
			keep -= len(p)
		}
	case dgInsert:
		at := g.r.IntN(len(c) + 1)
		c = append(c[:at], append(dgArticle{g.paragraph()}, c[at:]...)...)
	case dgFigures:
		var nums []*dgItem
		for _, p := range c {
			for j := range p {
				if p[j].num {
					nums = append(nums, &p[j])
				}
			}
		}
		g.r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		for _, it := range nums[:min(len(nums), 2+g.r.IntN(3))] {
			old := it.s
			for it.s == old {
				it.s = g.number()
			}
			if strings.HasSuffix(old, ".") {
				it.s += "."
			}
		}
	case dgReorder:
		for {
			g.r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
			if c[0][0].s != a[0][0].s || len(c) < 2 {
				break
			}
		}
	case dgLight:
		for i, p := range c {
			var q []dgItem
			for _, w := range p {
				switch x := g.r.IntN(100); {
				case x == 0:
					q = append(q, dgItem{g.word(), false})
				case x == 1:
				case x == 2:
					q = append(q, w, dgItem{g.word(), false})
				default:
					q = append(q, w)
				}
			}
			if len(q) == 0 {
				q = p
			}
			c[i] = q
		}
	case dgRetype:
		s := c.render()
		s = strings.NewReplacer("“", "\"", "”", "\"", "\n\n", "\r\n \r\n").Replace(s)
		words := strings.Split(s, " ")
		for i := range words {
			switch g.r.IntN(20) {
			case 0:
				words[i] = strings.ToUpper(words[i])
			case 1:
				words[i] += " "
			}
		}
		return strings.Join(words, " ")
	case dgDigits:
		s := c.render()
		s = strings.NewReplacer("U.S.", "US", "U.K.", "UK", "E.U.", "EU").Replace(s)
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == ',' && i > 0 && i+1 < len(s) && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
				continue
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	return c.render()
}

// dgGenerate makes n documents: about 10% planted copies (each of a different
// original, kinds in turn), 4% same-event write-ups in groups of four, and the
// rest unrelated originals, in a seeded random order.
func dgGenerate(n int, seed uint64) *dgCorpus {
	g := newDGGenerator(seed)
	texts := make([]string, 0, n)
	var planted []dgPlanted
	var stories [][]int
	nCopies := n / 10
	nStories := n / 25 / 4
	for k := 0; k < nCopies && len(texts)+2 <= n; k++ {
		a := g.article(6 + g.r.IntN(5))
		texts = append(texts, a.render())
		kind := dgKinds[k%len(dgKinds)]
		texts = append(texts, g.derive(a, kind))
		planted = append(planted, dgPlanted{len(texts) - 2, len(texts) - 1, kind})
	}
	for k := 0; k < nStories && len(texts)+4 <= n; k++ {
		quote := g.quote(25 + g.r.IntN(16))
		var phrases [][]dgItem
		for range 3 {
			var p []dgItem
			for range 4 + g.r.IntN(3) {
				p = append(p, dgItem{g.word(), false})
			}
			phrases = append(phrases, p)
		}
		var group []int
		for range 4 {
			a := g.article(3 + g.r.IntN(7)) // 300 to 700 words
			at := g.r.IntN(len(a) + 1)
			a = append(a[:at], append(dgArticle{quote}, a[at:]...)...)
			for _, ph := range phrases {
				pi := g.r.IntN(len(a))
				j := g.r.IntN(len(a[pi]))
				a[pi] = append(a[pi][:j], append(append([]dgItem(nil), ph...), a[pi][j:]...)...)
			}
			texts = append(texts, a.render())
			group = append(group, len(texts)-1)
		}
		stories = append(stories, group)
	}
	for len(texts) < n {
		texts = append(texts, g.article(6+g.r.IntN(5)).render())
	}
	// Shuffle positions; IDs follow positions.
	perm := g.r.Perm(n)
	c := &dgCorpus{docs: make([]DupDoc, n)}
	for i, t := range texts {
		c.docs[perm[i]] = DupDoc{ID: fmt.Sprintf("doc%06d", perm[i]), Text: t}
	}
	for _, p := range planted {
		c.planted = append(c.planted, dgPlanted{perm[p.a], perm[p.b], p.kind})
	}
	for _, grp := range stories {
		var s []int
		for _, i := range grp {
			s = append(s, perm[i])
		}
		c.stories = append(c.stories, s)
	}
	return c
}

// dgKey identifies an unordered pair of IDs.
func dgKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// dgTruth is the exact containment of each planted pair, from signatures.
func dgTruth(c *dgCorpus, sigs []DupSignature) []float64 {
	out := make([]float64, len(c.planted))
	for i, p := range c.planted {
		a, b := sigs[p.a].Shingles, sigs[p.b].Shingles
		inter := float64(dupIntersect(a, b))
		out[i] = max(inter/float64(len(a)), inter/float64(len(b)))
	}
	return out
}

// dgRecall is the share of planted pairs with true containment ≥ 0.8 that
// found reports, per kind and overall.
func dgRecall(c *dgCorpus, truth []float64, found func(a, b string) bool) (float64, map[string][2]int) {
	per := map[string][2]int{}
	hit, all := 0, 0
	for i, p := range c.planted {
		if truth[i] < 0.8 {
			continue
		}
		k := per[p.kind]
		k[1]++
		all++
		if found(c.docs[p.a].ID, c.docs[p.b].ID) {
			k[0]++
			hit++
		}
		per[p.kind] = k
	}
	if all == 0 {
		return 0, per
	}
	return float64(hit) / float64(all), per
}

var (
	dg100kOnce sync.Once
	dg100k     *dgCorpus
)

func dgCorpus100k() *dgCorpus {
	dg100kOnce.Do(func() { dg100k = dgGenerate(100_000, 1) })
	return dg100k
}
