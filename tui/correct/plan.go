package correct

import (
	"fmt"
	"sort"
	"strings"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/clean"
)

// Target is what the correction key acts on, captured when it is pressed:
// an article and one paragraph of its raw text.
type Target struct {
	Art        *model.Article
	Start, End int // the paragraph's raw range, code points
}

// Text is the paragraph's raw text ("" when the range is not in it).
func (t Target) Text() string {
	rs := []rune(t.Art.Raw)
	if t.Start < 0 || t.End > len(rs) || t.Start >= t.End {
		return ""
	}
	return string(rs[t.Start:t.End])
}

// Plan is a correction worked out against the stored corrections and
// annotations.
type Plan struct {
	Keep   int    // OpSetCorrect's Keep: 1, 0, or -1 back to the cleaner
	Kept   bool   // the paragraph's verdict after it
	Text   string // the article's cleaned text after it
	Ops    []store.Op
	Placed int // annotations whose offsets change
	Lost   []model.Span
	QLost  []model.QuoteAnn
}

// PlanCorrection flips paragraph t given the stored corrections corr and
// the stored document (nil: never annotated).
func PlanCorrection(t Target, corr []model.Correction, doc *store.Doc) Plan {
	a := t.Art
	now := corpus.Reclean(a, corr)
	_, removed := model.RemovedPara(now.Removed, t.Start, t.End)
	pl := Plan{Kept: removed}
	// A correction on exactly this paragraph is taken away when that alone
	// flips it: the cleaner's own verdict is then the one wanted, and the
	// store keeps no correction that says what the cleaner says anyway.
	var rest []model.Correction
	for _, c := range corr {
		if c.Start != t.Start || c.End != t.End {
			rest = append(rest, c)
		}
	}
	var next clean.Cleaned
	done := false
	if len(rest) < len(corr) {
		next = corpus.Reclean(a, rest)
		if _, r := model.RemovedPara(next.Removed, t.Start, t.End); r != removed {
			pl.Keep, done = -1, true
		}
	}
	if !done {
		pl.Keep = 0
		if removed {
			pl.Keep = 1
		}
		next = corpus.Reclean(a, append(rest, model.Correction{Start: t.Start, End: t.End, Keep: removed}))
	}
	pl.Text = next.Text
	pl.Ops = []store.Op{{Kind: store.OpSetCorrect, Article: a.ID, RawStart: t.Start, RawEnd: t.End, Keep: pl.Keep}}
	if doc == nil || doc.Text == pl.Text {
		return pl
	}
	mv, ok := MoveAnnotations(a.Raw, now, next, doc)
	if !ok {
		mv = ReanchorAll(doc.Text, pl.Text, doc)
	}
	pl.Ops = append(pl.Ops, mv.Remove...)
	pl.Ops = append(pl.Ops, store.Op{Kind: store.OpSetText, Article: a.ID, Text: pl.Text})
	pl.Ops = append(pl.Ops, mv.Add...)
	pl.Placed, pl.Lost, pl.QLost = mv.Moved, mv.Lost, mv.QLost
	return pl
}

// lostKey names a plan's lost annotations, to check that what the user
// agreed to delete is still what would be deleted.
func (p Plan) lostKey() string {
	var ids []string
	for _, sp := range p.Lost {
		ids = append(ids, fmt.Sprintf("s%d", sp.ID))
	}
	for _, q := range p.QLost {
		ids = append(ids, fmt.Sprintf("q%d", q.ID))
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}
