package model

import "sort"

// Reviewer corrections to the cleaner.
//
// A reviewer who sees, in the raw view, that the cleaner removed a line of
// the article (a caption that was really prose) or kept a line that is not
// (an advert in the body) records a Correction on that paragraph's raw
// range. Cleaner.CleanWith applies them after its own rules, one paragraph
// at a time: a correction decides the paragraphs it covers and nothing else,
// so the cleaned text changes exactly where the reviewer said and the other
// paragraphs keep the cleaner's verdict (and annotations on them can be
// moved across the change).

// Correction overrides the cleaner on a range of raw text: every paragraph
// lying wholly inside [Start, End) is kept as body (Keep) or removed with
// ReasonUser. Offsets are code points of the raw (sanitised) text, as in
// Removed; a correction usually names exactly one paragraph (ParaRange). A
// correction that covers no paragraph (the raw text changed since it was
// made) has no effect; UnusedCorrections lists those.
type Correction struct {
	Start int  `json:"start"`
	End   int  `json:"end"`
	Keep  bool `json:"keep"`
}

// ParaRange is one paragraph of raw text as the cleaner cuts it (see
// clean_segment.go): its trimmed range in code points, End exclusive.
type ParaRange struct {
	Start, End int
}

// Paragraphs returns raw's paragraphs in order, exactly as Clean cuts them:
// the units a Correction applies to.
func Paragraphs(raw string) []ParaRange {
	groups := paragraphs(raw, splitLines(raw))
	out := make([]ParaRange, len(groups))
	for i, g := range groups {
		out[i] = ParaRange{Start: g[0].rs, End: g[len(g)-1].re}
	}
	return out
}

// CorrectionFor returns the correction deciding the paragraph [start, end):
// the narrowest one covering it, the later one in corr on a tie (so a
// correction appended to a list overrides an equal one before it).
func CorrectionFor(corr []Correction, start, end int) (Correction, bool) {
	best, found := Correction{}, false
	for _, c := range corr {
		if c.Start > start || c.End < end || c.End <= c.Start {
			continue
		}
		if !found || c.End-c.Start <= best.End-best.Start {
			best, found = c, true
		}
	}
	return best, found
}

// UnusedCorrections returns the corrections that cover no paragraph of raw,
// in the order given: left over from an earlier version of the text.
func UnusedCorrections(raw string, corr []Correction) []Correction {
	if len(corr) == 0 {
		return nil
	}
	ps := Paragraphs(raw)
	var out []Correction
	for _, c := range corr {
		// Paragraphs are in order: the first starting at or after c.Start is
		// the only candidate to test first; any covered one will do.
		i := sort.Search(len(ps), func(i int) bool { return ps[i].Start >= c.Start })
		if i >= len(ps) || ps[i].End > c.End || c.End <= c.Start {
			out = append(out, c)
		}
	}
	return out
}

// RemovedPara returns the removed range that takes out the whole paragraph
// [start, end), if any. removed is in raw order (as in Cleaned and Article);
// a range inside the paragraph (a dateline cut off a kept one) does not
// count: that paragraph is kept.
func RemovedPara(removed []Removed, start, end int) (Removed, bool) {
	i := sort.Search(len(removed), func(i int) bool { return removed[i].End > start })
	if i < len(removed) && removed[i].Start <= start && removed[i].End >= end {
		return removed[i], true
	}
	return Removed{}, false
}

// applyCorrections gives each paragraph a correction covers the verdict it
// says. Keeping a paragraph keeps it whole (a dateline cut off it goes back
// into the body, and out of the metadata).
func applyCorrections(ps []cpara, corr []Correction, out *Cleaned) {
	for i := range ps {
		p := &ps[i]
		c, ok := CorrectionFor(corr, p.rs, p.re)
		if !ok {
			continue
		}
		if !c.Keep {
			p.reason = ReasonUser
			continue
		}
		p.reason = ""
		if p.cut.be > p.cut.bs {
			p.cut = span{}
			out.Dateline = ""
		}
	}
}
