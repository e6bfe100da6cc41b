package clean

import (
	"sort"

	"storydesk/model"
)

// Reviewer corrections to the cleaner.
//
// A reviewer who sees, in the raw view, that the cleaner removed a line of
// the article (a caption that was really prose) or kept a line that is not
// (an advert in the body) records a model.Correction on that paragraph's raw
// range. Cleaner.CleanWith applies them after its own rules, one paragraph
// at a time: a correction decides the paragraphs it covers and nothing else,
// so the cleaned text changes exactly where the reviewer said and the other
// paragraphs keep the cleaner's verdict (and annotations on them can be
// moved across the change).

// ParaRange is one paragraph of raw text as the cleaner cuts it (see
// segment.go): its trimmed range in code points, End exclusive.
type ParaRange struct {
	Start, End int
}

// Paragraphs returns raw's paragraphs in order, exactly as Clean cuts them:
// the units a model.Correction applies to.
func Paragraphs(raw string) []ParaRange {
	groups := paragraphs(raw, splitLines(raw))
	out := make([]ParaRange, len(groups))
	for i, g := range groups {
		out[i] = ParaRange{Start: g[0].rs, End: g[len(g)-1].re}
	}
	return out
}

// UnusedCorrections returns the corrections that cover no paragraph of raw,
// in the order given: left over from an earlier version of the text.
func UnusedCorrections(raw string, corr []model.Correction) []model.Correction {
	if len(corr) == 0 {
		return nil
	}
	ps := Paragraphs(raw)
	var out []model.Correction
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

// applyCorrections gives each paragraph a correction covers the verdict it
// says. Keeping a paragraph keeps it whole (a dateline cut off it goes back
// into the body, and out of the metadata).
func applyCorrections(ps []cpara, corr []model.Correction, out *Cleaned) {
	for i := range ps {
		p := &ps[i]
		c, ok := model.CorrectionFor(corr, p.rs, p.re)
		if !ok {
			continue
		}
		if !c.Keep {
			p.reason = model.ReasonUser
			continue
		}
		p.reason = ""
		if p.cut.be > p.cut.bs {
			p.cut = span{}
			out.Dateline = ""
		}
	}
}
