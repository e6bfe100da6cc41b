package clean

import (
	"strings"
	"unicode/utf8"
)

// Cleaning is idempotent: the body it returns, cleaned again, comes back
// unchanged. A verdict depends on its neighbours (a headline is the first
// headline-shaped line, a date line counts as furniture only above the
// body, a post's text is the paragraph above its attribution), so once
// paragraphs are removed the kept ones can read differently: the second
// line of a two-line header becomes the first line of the text. settle
// therefore cleans the kept body again, as a caller cleaning the output
// would, and applies what that pass removes (or cuts) to the paragraphs of
// raw, until a pass changes nothing. Most texts settle after one check.

// maxSettle bounds the passes; every pass that does not settle removes or
// shortens at least one paragraph, so it is only a guard.
const maxSettle = 8

// settle re-decides the kept paragraphs of ps (see above) and fills the
// metadata out does not have yet from the later passes. Paragraphs the
// Classify hook decided are left as it decided them; the later passes
// run without the hook (its Para offsets are into raw).
func (c *Cleaner) settle(raw string, ps []cpara, out *Cleaned) {
	inner := Cleaner{Repeated: c.Repeated, HeaderParas: c.HeaderParas, Extracted: c.Extracted}
	for range maxSettle {
		// The kept body as Clean would return it, and its paragraphs as
		// Clean would cut it (single lines between blank lines), measured
		// already unless a dateline cut changed the text.
		var kept []int
		var qs []cpara
		var b strings.Builder
		runes := 0
		for i := range ps {
			p := &ps[i]
			if p.reason != "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("\n\n")
				runes += 2
			}
			q := cpara{text: p.keptText(raw)}
			n := utf8.RuneCountInString(q.text)
			q.span = span{bs: b.Len(), be: b.Len() + len(q.text), rs: runes, re: runes + n}
			if p.cut.be > p.cut.bs {
				q.measure()
			} else {
				q.low, q.f, q.k, q.k0 = p.low, p.f, p.k0, p.k0
			}
			b.WriteString(q.text)
			runes += n
			kept = append(kept, i)
			qs = append(qs, q)
		}
		if len(kept) == 0 {
			return
		}
		text := b.String()
		qs, again := inner.decide(text, qs)
		changed := false
		for j := range qs {
			q, p := &qs[j], &ps[kept[j]]
			if p.forced {
				continue
			}
			switch {
			case q.reason != "":
				p.reason, p.cut = q.reason, span{}
				changed = true
			case q.cut.be > q.cut.bs:
				p.extendCut(raw, text[q.bs:q.cut.be])
				changed = true
			}
		}
		fill(&out.Title, again.Title)
		fill(&out.Summary, again.Summary)
		fill(&out.Byline, again.Byline)
		fill(&out.Dateline, again.Dateline)
		if !changed {
			return
		}
	}
}

func fill(dst *string, s string) {
	if *dst == "" {
		*dst = s
	}
}

// extendCut widens p's dateline cut (or makes one) to also hold prefix, a
// prefix of p's kept text (whitespace normalised): the raw characters
// covered are those up to prefix's last non-space character.
func (p *cpara) extendCut(raw, prefix string) {
	from := p.bs
	if p.cut.be > p.cut.bs {
		from = p.cut.be
	}
	need := 0
	for _, r := range prefix {
		if !isSpace(r) {
			need++
		}
	}
	end := from
	for end < p.be && need > 0 {
		r, size := utf8.DecodeRuneInString(raw[end:])
		if !isSpace(r) {
			need--
		}
		end += size
	}
	p.cut = span{bs: p.bs, be: end, rs: p.rs, re: p.rs + utf8.RuneCountInString(raw[p.bs:end])}
}
