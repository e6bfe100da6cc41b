package annotate

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"storydesk/model"
	"storydesk/tui/ui"
)

// The pane's side of reviewing imported annotations (review.go): which of
// the article's spans and quotations are still as imported, stepping
// through them, and the legend line's hint on one.

// impQuote is an imported quotation not reviewed yet, as the pane
// highlights it.
type impQuote struct {
	start, end int
	source     string
}

// setImportedQuotes records the stored quotations still to review.
func (a *Pane) setImportedQuotes(qs []model.QuoteAnn) {
	out := a.impQ[:0]
	for _, q := range qs {
		if q.Unreviewed() && q.End > q.Start {
			out = append(out, impQuote{q.Start, q.End, q.Source})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	a.impQ = out
}

// importedQuoteAt is the imported quotation covering code point off.
func (a *Pane) importedQuoteAt(off int) (impQuote, bool) {
	for _, q := range a.impQ { // few per article; they may nest
		if q.start <= off && off < q.end {
			return q, true
		}
		if q.start > off {
			break
		}
	}
	return impQuote{}, false
}

// importedCuts adds the imported quotations' bounds inside a line.
func (a *Pane) importedCuts(start, end int, add func(int)) {
	for _, q := range a.impQ {
		if q.start >= end {
			break
		}
		if q.end > start {
			add(q.start)
			add(q.end)
		}
	}
}

// reviewItem is one imported annotation to review, for i/I.
type reviewItem struct {
	start, end int
	source     string
	quote      bool
}

// reviewItems lists the article's imported annotations not reviewed yet,
// by position.
func (a *Pane) reviewItems() []reviewItem {
	var out []reviewItem
	for _, sp := range a.spans {
		if sp.Source != "" {
			out = append(out, reviewItem{sp.Start, sp.End, sp.Source, false})
		}
	}
	for _, q := range a.impQ {
		out = append(out, reviewItem{q.start, q.end, q.source, true})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// unreviewed counts the article's imported annotations not reviewed yet.
func (a *Pane) unreviewed() int {
	n := len(a.impQ)
	for _, sp := range a.spans {
		if sp.Source != "" {
			n++
		}
	}
	return n
}

// Unreviewed is how many imported annotations wait for review; OnImported
// reports that the cursor is on one (suggestions leave them their keys).
func (a *Pane) Unreviewed() int { return a.unreviewed() }

func (a *Pane) OnImported() bool {
	_, ok := a.reviewAtCursor()
	return ok
}

// reviewStep moves the cursor to the next (dir 1) or previous imported
// annotation not reviewed yet, wrapping around the article.
func (a *Pane) reviewStep(dir int) (moved, wrapped bool) {
	items := a.reviewItems()
	if len(items) == 0 || len(a.stops) == 0 {
		return false, false
	}
	cs, _ := a.CursorRange()
	k := -1
	if dir > 0 {
		for i, it := range items {
			if it.start > cs {
				k = i
				break
			}
		}
		if k < 0 {
			k, wrapped = 0, true
		}
	} else {
		for i := len(items) - 1; i >= 0; i-- {
			if items[i].start < cs {
				k = i
				break
			}
		}
		if k < 0 {
			k, wrapped = len(items)-1, true
		}
	}
	a.ClearSelection()
	a.MoveTo(items[k].start)
	a.goal = -1
	a.scrollIntoView()
	return true, wrapped
}

// reviewAtCursor is the imported annotation the cursor is on: its span
// when that is imported, else an imported quotation around it.
func (a *Pane) reviewAtCursor() (reviewItem, bool) {
	if len(a.stops) == 0 || a.anchor >= 0 {
		return reviewItem{}, false
	}
	if sp, ok := a.CursorSpan(); ok && sp.Source != "" {
		return reviewItem{sp.Start, sp.End, sp.Source, false}, true
	}
	cs, _ := a.CursorRange()
	if q, ok := a.importedQuoteAt(cs); ok {
		return reviewItem{q.start, q.end, q.source, true}, true
	}
	return reviewItem{}, false
}

// reviewHint is the legend line's review part when the cursor is on an
// imported annotation: where it came from and the keys that review it.
func (a *Pane) reviewHint() string {
	it, ok := a.reviewAtCursor()
	if !ok {
		return ""
	}
	st, k := a.c.Styles, a.c.Keys
	what := ui.DescribeSource(it.source)
	if it.quote {
		what = "quotation " + what
	}
	var parts []string
	add := func(b key.Binding, desc string) {
		if b.Enabled() && len(b.Keys()) > 0 {
			parts = append(parts, st.P.RowDim.Render(ui.KeyName(b))+" "+desc)
		}
	}
	add(k.ReviewAccept, "accept")
	// Reject is the mode's own delete: x on a span in annotate mode, on a
	// quotation in quotes mode (where x on a span means nothing).
	switch {
	case it.quote && a.extPanel:
		add(k.QuoteReject, "reject")
	case !it.quote && !a.extPanel:
		add(k.Delete, "reject")
	}
	if n := a.unreviewed(); n > 1 {
		add(k.ReviewNext, "next")
		add(k.ReviewAcceptAll, fmt.Sprintf("accept all %d", n))
	}
	return st.Review.MarkPaint.Render(st.Review.MarkCh+" "+ui.CleanLine(what)+":") + " " + strings.Join(parts, " · ")
}
