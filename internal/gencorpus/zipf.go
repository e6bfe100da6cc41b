package gencorpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// A second kind of generated text, for duplicate detection: words drawn from
// a Zipfian vocabulary of 40,000 invented words, with stock phrases ("said in
// a statement on ...") recurring across articles, so that unrelated articles
// share some shingles as real news does, but most of an article's five-word
// runs are its own. Article's templated text is the opposite extreme: built
// from a few short word lists, nearly every five-word run recurs in hundreds
// of articles.

// Word is one word as printed, with its punctuation; Num marks figures.
type Word struct {
	S   string
	Num bool
}

// Story is an article as paragraphs of words.
type Story [][]Word

// Render prints the story: words joined by spaces, paragraphs by blank lines.
func (s Story) Render() string {
	var b strings.Builder
	for i, p := range s {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j, w := range p {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.S)
		}
	}
	return b.String()
}

// Clone copies the story deeply enough to edit its words.
func (s Story) Clone() Story {
	c := make(Story, len(s))
	for i, p := range s {
		c[i] = append([]Word(nil), p...)
	}
	return c
}

// Zipf generates Zipf-worded news-like text. R is its random source, for
// callers that want to make further seeded choices in the same sequence.
type Zipf struct {
	R       *rand.Rand
	vocab   []string
	zipf    []uint32 // inverse CDF table: a uniform index gives a word rank
	phrases [][]string
	pzipf   []uint32
}

// zipfBits sizes the inverse-CDF table: small enough to stay in cache;
// between two entries ranks are drawn uniformly, which keeps the long tail.
const zipfBits = 16

// NewZipf returns a generator fully determined by seed.
func NewZipf(seed uint64) *Zipf {
	g := &Zipf{R: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	syl := []string{"ka", "lo", "mi", "ter", "san", "vo", "ri", "den", "pa", "stu",
		"gel", "mon", "ar", "bi", "cor", "fa", "nel", "ush", "ply", "tra", "qu", "ez",
		"ho", "win", "dra", "sel", "om", "pre", "ti", "zan"}
	seen := map[string]bool{}
	for len(g.vocab) < 40000 {
		n := 1 + g.R.IntN(3)
		if len(g.vocab) > 200 {
			n++
		}
		var b strings.Builder
		for range n {
			b.WriteString(syl[g.R.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	g.zipf = zipfTable(len(g.vocab), 1.1)
	for range 500 {
		p := make([]string, 3+g.R.IntN(4))
		for i := range p {
			p[i] = g.vocab[g.R.IntN(300)]
		}
		g.phrases = append(g.phrases, p)
	}
	g.pzipf = zipfTable(len(g.phrases), 1.2)
	return g
}

func zipfTable(n int, s float64) []uint32 {
	cdf := make([]float64, n)
	sum := 0.0
	for i := range n {
		sum += 1 / math.Pow(float64(i+1), s)
		cdf[i] = sum
	}
	t := make([]uint32, 1<<zipfBits+1)
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

func zipfDraw(t []uint32, u uint32) uint32 {
	i := u >> (32 - zipfBits)
	lo, hi := t[i], t[i+1]
	return lo + uint32(uint64(u<<zipfBits>>zipfBits)*uint64(hi-lo+1)>>(32-zipfBits))
}

// Word draws a word by its Zipfian frequency.
func (g *Zipf) Word() string {
	return g.vocab[zipfDraw(g.zipf, g.R.Uint32())]
}

// Number draws a figure as news prints them: 42, 3,500, 2.5, 1,200,000,
// 2019, 37%.
func (g *Zipf) Number() string { return number(g.R) }

func number(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return fmt.Sprint(2 + r.IntN(98))
	case 1:
		return fmt.Sprintf("%d,%03d", 1+r.IntN(99), r.IntN(1000))
	case 2:
		return fmt.Sprintf("%d.%d", 1+r.IntN(20), r.IntN(10))
	case 3:
		return fmt.Sprintf("%d,%03d,%03d", 1+r.IntN(9), r.IntN(1000), r.IntN(1000))
	case 4:
		return fmt.Sprint(1990 + r.IntN(36))
	}
	return fmt.Sprintf("%d%%", 1+r.IntN(99))
}

func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Name draws a proper name.
func (g *Zipf) Name() string {
	return capital(g.vocab[200+g.R.IntN(20000)])
}

// sentence appends one sentence; withNum forces a figure into it.
func (g *Zipf) sentence(p []Word, withNum bool) []Word {
	n := 12 + g.R.IntN(23)
	numAt := -1
	if withNum {
		numAt = g.R.IntN(n)
	}
	phraseAt := -1
	if g.R.IntN(5) == 0 {
		phraseAt = g.R.IntN(n)
	}
	start := len(p)
	for i := range n {
		switch {
		case i == numAt || g.R.IntN(40) == 0:
			p = append(p, Word{g.Number(), true})
		case i == phraseAt:
			for _, w := range g.phrases[zipfDraw(g.pzipf, g.R.Uint32())] {
				p = append(p, Word{w, false})
			}
		case g.R.IntN(100) == 0:
			p = append(p, Word{[]string{"U.S.", "U.K.", "E.U."}[g.R.IntN(3)], false})
		case g.R.IntN(25) == 0:
			p = append(p, Word{g.Name(), false})
		default:
			w := g.Word()
			if g.R.IntN(12) == 0 {
				w += ","
			}
			p = append(p, Word{w, false})
		}
	}
	p[start].S = capital(p[start].S)
	last := &p[len(p)-1]
	last.S = strings.TrimSuffix(last.S, ",") + "."
	return p
}

// Quote is a quotation of the given length with its attribution.
func (g *Zipf) Quote(words int) []Word {
	var p []Word
	for i := range words {
		w := g.Word()
		if i == 0 {
			w = "“" + capital(w)
		}
		if i == words-1 {
			w += ",”"
		}
		p = append(p, Word{w, false})
	}
	return append(p, Word{"said", false}, Word{g.Name(), false}, Word{g.Name() + ".", false})
}

// Paragraph is two to four sentences, the first with a figure, now and then
// after a quote.
func (g *Zipf) Paragraph() []Word {
	var p []Word
	if g.R.IntN(7) == 0 {
		p = g.Quote(8 + g.R.IntN(15))
	}
	for s := range 2 + g.R.IntN(3) {
		p = g.sentence(p, s == 0)
	}
	return p
}

// Article is paras paragraphs (about 75 words each).
func (g *Zipf) Article(paras int) Story {
	a := make(Story, paras)
	for i := range a {
		a[i] = g.Paragraph()
	}
	return a
}
