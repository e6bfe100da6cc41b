package gencorpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Corpora with planted copies, for duplicate detection: originals, each with
// one copy edited as wire copy is (cut short, a paragraph added, figures
// changed, paragraphs reordered, lightly edited, retyped), groups of
// same-event write-ups that share only a quote and a few phrases (which
// must not be reported), and unrelated articles, in a seeded random order.

// Kinds of planted copy.
const (
	CopyTruncate = "truncate" // the first 30–70% of the words
	CopyInsert   = "insert"   // a paragraph added somewhere
	CopyFigures  = "figures"  // two to four numbers changed
	CopyReorder  = "reorder"  // paragraphs shuffled
	CopyLight    = "light"    // ~2% of words replaced, dropped or added
	CopyRetype   = "retype"   // quotes, case and spacing changed: an exact copy
	CopyDigits   = "digits"   // U.S.→US, 4,000→4000: same words, different text
)

// CopyKinds lists the kinds in the order they are planted.
var CopyKinds = []string{CopyTruncate, CopyInsert, CopyFigures, CopyReorder, CopyLight, CopyRetype, CopyDigits}

// Doc is one generated article.
type Doc struct {
	ID, Text string
}

// Copy is a planted pair: Docs[Orig] and its edited copy Docs[Copy].
type Copy struct {
	Orig, Copy int
	Kind       string
}

// CopyCorpus is a corpus with planted copies.
type CopyCorpus struct {
	Docs    []Doc
	Copies  []Copy
	Stories [][]int // same-event write-ups (indexes into Docs), in fours
}

// copyStyle is the text a corpus is made of.
type copyStyle interface {
	rng() *rand.Rand
	Word() string
	Number() string
	Paragraph() []Word
	Quote(words int) []Word
	original() Story // an original or unrelated article, about 600 words
	story() Story    // a same-event write-up's own text, 300 to 700 words
}

func (g *Zipf) rng() *rand.Rand { return g.R }
func (g *Zipf) original() Story { return g.Article(6 + g.R.IntN(5)) }
func (g *Zipf) story() Story    { return g.Article(3 + g.R.IntN(7)) }

// ZipfCopies is n Zipf-worded articles of about 590 words (see NewZipf):
// about 10% planted copies (each of a different original, kinds in turn), 4%
// same-event write-ups in groups of four, the rest unrelated. IDs are
// doc000000, doc000001, ... in order.
func ZipfCopies(n int, seed uint64) *CopyCorpus { return plant(n, NewZipf(seed)) }

// TemplateCopies is the same with Article's templated text (450 to 750
// words), where nearly every five-word run recurs across the corpus.
func TemplateCopies(n int, seed uint64) *CopyCorpus {
	t := &templated{r: rand.New(rand.NewPCG(seed, seed^0x7e3a))}
	seen := map[string]bool{}
	for _, list := range [][]string{places, subjects, verbs, objects, modifiers, clauses, units, quotes, roles} {
		for _, s := range list {
			for _, w := range strings.Fields(strings.ToLower(s)) {
				if !seen[w] {
					seen[w] = true
					t.vocab = append(t.vocab, w)
				}
			}
		}
	}
	return plant(n, t)
}

// templated is Article's text as a copyStyle.
type templated struct {
	r     *rand.Rand
	vocab []string
}

func (t *templated) rng() *rand.Rand { return t.r }
func (t *templated) Word() string    { return pick(t.r, t.vocab) }
func (t *templated) Number() string  { return number(t.r) }

func (t *templated) Paragraph() []Word {
	var b strings.Builder
	for s := 1 + t.r.IntN(3); s > 0; s-- {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		sentence(t.r, &b)
	}
	return storyOf(b.String())[0]
}

// Quote is words of the templates' vocabulary in random order: unlike
// their sentences, a run no other article has.
func (t *templated) Quote(words int) []Word {
	var p []Word
	for i := range words {
		w := t.Word()
		if i == 0 {
			w = "“" + capital(w)
		}
		if i == words-1 {
			w += ",”"
		}
		p = append(p, Word{w, false})
	}
	return append(p, Word{"said", false}, Word{person(t.r) + ".", false})
}

func (t *templated) original() Story {
	_, body := Article(t.r, 450+t.r.IntN(300))
	return storyOf(body)
}

func (t *templated) story() Story {
	_, body := Article(t.r, 250+t.r.IntN(400))
	return storyOf(body)
}

// storyOf splits text made by Article or Story.Render back into words.
func storyOf(text string) Story {
	var s Story
	for _, para := range strings.Split(text, "\n\n") {
		var p []Word
		for _, w := range strings.Split(para, " ") {
			p = append(p, Word{w, strings.ContainsAny(w, "0123456789")})
		}
		s = append(s, p)
	}
	return s
}

func plant(n int, g copyStyle) *CopyCorpus {
	r := g.rng()
	texts := make([]string, 0, n)
	var copies []Copy
	var stories [][]int
	nCopies := n / 10
	nStories := n / 25 / 4
	for k := 0; k < nCopies && len(texts)+2 <= n; k++ {
		a := g.original()
		texts = append(texts, a.Render())
		kind := CopyKinds[k%len(CopyKinds)]
		texts = append(texts, derive(g, a, kind))
		copies = append(copies, Copy{len(texts) - 2, len(texts) - 1, kind})
	}
	for k := 0; k < nStories && len(texts)+4 <= n; k++ {
		quote := g.Quote(25 + r.IntN(16))
		var phrases [][]Word
		for range 3 {
			var p []Word
			for range 4 + r.IntN(3) {
				p = append(p, Word{g.Word(), false})
			}
			phrases = append(phrases, p)
		}
		var group []int
		for range 4 {
			a := g.story()
			at := r.IntN(len(a) + 1)
			a = append(a[:at], append(Story{quote}, a[at:]...)...)
			for _, ph := range phrases {
				pi := r.IntN(len(a))
				j := r.IntN(len(a[pi]))
				a[pi] = append(a[pi][:j:j], append(append([]Word(nil), ph...), a[pi][j:]...)...)
			}
			texts = append(texts, a.Render())
			group = append(group, len(texts)-1)
		}
		stories = append(stories, group)
	}
	for len(texts) < n {
		texts = append(texts, g.original().Render())
	}
	// Shuffle positions; IDs follow positions.
	perm := r.Perm(n)
	c := &CopyCorpus{Docs: make([]Doc, n)}
	for i, t := range texts {
		c.Docs[perm[i]] = Doc{ID: fmt.Sprintf("doc%06d", perm[i]), Text: t}
	}
	for _, p := range copies {
		c.Copies = append(c.Copies, Copy{perm[p.Orig], perm[p.Copy], p.Kind})
	}
	for _, grp := range stories {
		var s []int
		for _, i := range grp {
			s = append(s, perm[i])
		}
		c.Stories = append(c.Stories, s)
	}
	return c
}

// derive makes a copy of a of the given kind.
func derive(g copyStyle, a Story, kind string) string {
	r := g.rng()
	c := a.Clone()
	switch kind {
	case CopyTruncate:
		total := 0
		for _, p := range c {
			total += len(p)
		}
		keep := int(float64(total) * (0.3 + 0.4*r.Float64()))
		for i, p := range c {
			if keep <= len(p) {
				c = c[:i+1]
				c[i] = p[:keep]
				break
			}
			keep -= len(p)
		}
	case CopyInsert:
		at := r.IntN(len(c) + 1)
		c = append(c[:at], append(Story{g.Paragraph()}, c[at:]...)...)
	case CopyFigures:
		var nums []*Word
		for _, p := range c {
			for j := range p {
				if p[j].Num {
					nums = append(nums, &p[j])
				}
			}
		}
		r.Shuffle(len(nums), func(i, j int) { nums[i], nums[j] = nums[j], nums[i] })
		for _, it := range nums[:min(len(nums), 2+r.IntN(3))] {
			old := it.S
			for it.S == old {
				it.S = g.Number()
			}
			if strings.HasSuffix(old, ".") {
				it.S += "."
			}
		}
	case CopyReorder:
		for {
			r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
			if c[0][0].S != a[0][0].S || len(c) < 2 {
				break
			}
		}
	case CopyLight:
		for i, p := range c {
			var q []Word
			for _, w := range p {
				switch x := r.IntN(100); {
				case x == 0:
					q = append(q, Word{g.Word(), false})
				case x == 1:
				case x == 2:
					q = append(q, w, Word{g.Word(), false})
				default:
					q = append(q, w)
				}
			}
			if len(q) == 0 {
				q = p
			}
			c[i] = q
		}
	case CopyRetype:
		s := c.Render()
		s = strings.NewReplacer("“", "\"", "”", "\"", "\n\n", "\r\n \r\n").Replace(s)
		words := strings.Split(s, " ")
		for i := range words {
			switch r.IntN(20) {
			case 0:
				words[i] = strings.ToUpper(words[i])
			case 1:
				words[i] += " "
			}
		}
		return strings.Join(words, " ")
	case CopyDigits:
		s := c.Render()
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
	return c.Render()
}

// WriteJSONL writes the corpus as JSON lines (id, title, source, text) to
// path, in document order.
func (c *CopyCorpus) WriteJSONL(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, d := range c.Docs {
		title := d.Text[:min(len(d.Text), 60)]
		if i := strings.IndexAny(title, "\r\n"); i >= 0 {
			title = title[:i]
		}
		rec := Record{ID: d.ID, Title: strings.ToValidUTF8(title, ""), Source: "Generated", Text: d.Text}
		b, merr := json.Marshal(rec)
		if merr != nil {
			err = merr
			break
		}
		if _, err = w.Write(append(b, '\n')); err != nil {
			break
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Copy corpus styles for CachedCopies.
const (
	StyleZipf     = "zipf"
	StyleTemplate = "template"
)

// CachedCopies generates the corpus of the given style (ZipfCopies or
// TemplateCopies) and returns it with the path of its JSONL form, written
// under os.TempDir the first time and reused afterwards, as Cached does.
func CachedCopies(style string, n int, seed uint64) (jsonl string, c *CopyCorpus, err error) {
	switch style {
	case StyleZipf:
		c = ZipfCopies(n, seed)
	case StyleTemplate:
		c = TemplateCopies(n, seed)
	default:
		return "", nil, fmt.Errorf("no corpus style %q", style)
	}
	root := filepath.Join(os.TempDir(), fmt.Sprintf("storydesk-copies-v2-%s-%d-seed%d", style, n, seed))
	jsonl, marker := filepath.Join(root, "all.jsonl"), filepath.Join(root, "complete")
	if _, err := os.Stat(marker); err == nil {
		return jsonl, c, nil
	}
	os.RemoveAll(root)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", nil, err
	}
	if err := c.WriteJSONL(jsonl); err != nil {
		return "", nil, err
	}
	return jsonl, c, os.WriteFile(marker, nil, 0o644)
}
