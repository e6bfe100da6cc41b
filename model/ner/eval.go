package ner

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Counts are exact-span matches: a name is right (TP) when its start, end
// and label all match a gold span; a wrong name is an FP and a gold span
// no name matched an FN.
type Counts struct{ TP, FP, FN int }

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Precision is TP / (TP + FP), 0 when nothing was found.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), 0 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report holds the counts of an evaluation: over all, per label, per
// source (Doc.Source) and per source and label.
type Report struct {
	All          Counts
	Labels       map[string]Counts
	Sources      map[string]Counts
	SourceLabels map[string]map[string]Counts
}

// Evaluate tags each doc (with its Tokens when it has them, so the data's
// own tokenization is scored as published figures are) and counts exact
// span matches against its Spans. Gold spans of labels the model hides
// (MISC) are left out.
func Evaluate(m *Model, docs []Doc) Report {
	r := Report{Labels: map[string]Counts{}, Sources: map[string]Counts{}, SourceLabels: map[string]map[string]Counts{}}
	hidden := map[string]bool{}
	m.mu.RLock()
	for i, l := range m.labels {
		hidden[l] = m.hidden[i]
	}
	m.mu.RUnlock()
	type key struct {
		s, e  int
		label string
	}
	for i := range docs {
		doc := &docs[i]
		got := m.tag(doc.Text, docToks(doc))
		gold := map[key]bool{}
		for _, sp := range doc.Spans {
			if !hidden[sp.Label] {
				gold[key{sp.Start, sp.End, sp.Label}] = true
			}
		}
		c := map[string]Counts{}
		for _, e := range got {
			k := key{e.Start, e.End, e.Label}
			x := c[k.label]
			if gold[k] {
				x.TP++
				delete(gold, k)
			} else {
				x.FP++
			}
			c[k.label] = x
		}
		for k := range gold {
			x := c[k.label]
			x.FN++
			c[k.label] = x
		}
		if r.SourceLabels[doc.Source] == nil {
			r.SourceLabels[doc.Source] = map[string]Counts{}
		}
		for l, x := range c {
			r.All.add(x)
			add(r.Labels, l, x)
			add(r.Sources, doc.Source, x)
			add(r.SourceLabels[doc.Source], l, x)
		}
	}
	return r
}

func add(m map[string]Counts, k string, c Counts) {
	x := m[k]
	x.add(c)
	m[k] = x
}

// String is the report as Markdown tables: per source, then per label.
func (r Report) String() string {
	var b strings.Builder
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "| %s | %.1f | %.1f | %.1f | %d | %d | %d |\n", name, 100*c.Precision(), 100*c.Recall(), 100*c.F1(), c.TP, c.FP, c.FN)
	}
	head := "| %s | P | R | F1 | TP | FP | FN |\n| --- | --- | --- | --- | --- | --- | --- |\n"
	if len(r.Sources) > 1 {
		fmt.Fprintf(&b, head, "source")
		for _, s := range slices.Sorted(maps.Keys(r.Sources)) {
			row(s, r.Sources[s])
		}
		row("**all**", r.All)
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, head, "label")
	for _, l := range slices.Sorted(maps.Keys(r.Labels)) {
		row(l, r.Labels[l])
	}
	row("**all**", r.All)
	return b.String()
}
