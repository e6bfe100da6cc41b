package dup

import "storydesk/internal/gencorpus"

// Generated news-like corpora with planted copies, for duplicate-detection
// tests and benchmarks (see gencorpus.ZipfCopies and TemplateCopies): copies
// of several kinds (truncated, a paragraph inserted, figures changed,
// paragraphs reordered, lightly edited, retyped), same-event write-ups that
// share only a quote and a few phrases, and unrelated articles.

// Kinds of planted copy.
const (
	dgTruncate = gencorpus.CopyTruncate
	dgRetype   = gencorpus.CopyRetype
)

type dgPlanted struct {
	a, b int // doc indexes: original, copy
	kind string
}

type dgCorpus struct {
	docs    []Doc
	planted []dgPlanted
	stories [][]int // same-event write-ups sharing only a quote and phrases
}

// dgArticle is an article as paragraphs of words.
type dgArticle = gencorpus.Story

func newDGGenerator(seed uint64) *gencorpus.Zipf { return gencorpus.NewZipf(seed) }

func dgFrom(g *gencorpus.CopyCorpus) *dgCorpus {
	c := &dgCorpus{docs: make([]Doc, len(g.Docs)), stories: g.Stories}
	for i, d := range g.Docs {
		c.docs[i] = Doc{ID: d.ID, Text: d.Text}
	}
	for _, p := range g.Copies {
		c.planted = append(c.planted, dgPlanted{p.Orig, p.Copy, p.Kind})
	}
	return c
}

// dgGenerate makes n Zipf-worded documents (gencorpus.ZipfCopies).
func dgGenerate(n int, seed uint64) *dgCorpus { return dgFrom(gencorpus.ZipfCopies(n, seed)) }

// dgTemplate makes n templated documents (gencorpus.TemplateCopies), where
// nearly every shingle recurs across the corpus.
func dgTemplate(n int, seed uint64) *dgCorpus { return dgFrom(gencorpus.TemplateCopies(n, seed)) }

// dgKey identifies an unordered pair of IDs.
func dgKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// dgTruth is the exact containment of each planted pair, from signatures.
func dgTruth(c *dgCorpus, sigs []Signature) []float64 {
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
