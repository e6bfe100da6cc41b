package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Reviewing imported annotations. `storydesk import` stores spaCy/Prodigy
// spans, brat entities and our own jsonl's quotations with the source they
// came from ("import:FILE"); until a person has looked at one it keeps that
// source, and annotate mode shows it apart: a dotted underline over its
// label colour (without colour: faint instead of bold, dotted underline),
// "imported from FILE" in the status bar, and the keys to review it on the
// legend line. y accepts the span under the cursor (or every imported one
// in the selection), Y every imported annotation of the article, i/I step
// through those not reviewed yet; x (delete) rejects, and relabelling,
// naming or re-kinding one counts as reviewing it. Each is one undoable
// action, shown as done only once the store has it.
//
// The store has no op that changes only a span's source (set-span keeps
// it), so accepting deletes the span and adds it back under the same id
// without one, in one action; quotations whose speaker is that span have
// the link cleared before and restored after, so undo and redo put every
// link back (see editOps).

// impQuote is an imported quotation not reviewed yet, as the annotate pane
// highlights it.
type impQuote struct {
	start, end int
	source     string
}

// setImportedQuotes records the stored quotations still to review.
func (a *annotatePane) setImportedQuotes(qs []model.QuoteAnn) {
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
func (a *annotatePane) importedQuoteAt(off int) (impQuote, bool) {
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
func (a *annotatePane) importedCuts(start, end int, add func(int)) {
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
func (a *annotatePane) reviewItems() []reviewItem {
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
func (a *annotatePane) unreviewed() int {
	n := len(a.impQ)
	for _, sp := range a.spans {
		if sp.Source != "" {
			n++
		}
	}
	return n
}

// reviewStep moves the cursor to the next (dir 1) or previous imported
// annotation not reviewed yet, wrapping around the article.
func (a *annotatePane) reviewStep(dir int) (moved, wrapped bool) {
	items := a.reviewItems()
	if len(items) == 0 || len(a.stops) == 0 {
		return false, false
	}
	cs, _ := a.cursorRange()
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
	a.clearSelection()
	a.moveToOffset(items[k].start)
	a.goal = -1
	a.scrollIntoView()
	return true, wrapped
}

// reviewAtCursor is the imported annotation the cursor is on: its span
// when that is imported, else an imported quotation around it.
func (a *annotatePane) reviewAtCursor() (reviewItem, bool) {
	if len(a.stops) == 0 || a.anchor >= 0 {
		return reviewItem{}, false
	}
	if sp, ok := a.cursorSpan(); ok && sp.Source != "" {
		return reviewItem{sp.Start, sp.End, sp.Source, false}, true
	}
	cs, _ := a.cursorRange()
	if q, ok := a.importedQuoteAt(cs); ok {
		return reviewItem{q.start, q.end, q.source, true}, true
	}
	return reviewItem{}, false
}

// reviewHint is the legend line's review part when the cursor is on an
// imported annotation: where it came from and the keys that review it.
func (a *annotatePane) reviewHint() string {
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
	case it.quote && a.quotesPanel:
		add(k.QuoteReject, "reject")
	case !it.quote && !a.quotesPanel:
		add(k.Delete, "reject")
	}
	if n := a.unreviewed(); n > 1 {
		add(k.ReviewNext, "next")
		add(k.ReviewAcceptAll, fmt.Sprintf("accept all %d", n))
	}
	return st.Review.MarkPaint.Render(st.Review.MarkCh+" "+ui.CleanLine(what)+":") + " " + strings.Join(parts, " · ")
}

// reviewKey handles the review keys in annotate mode; it reports whether
// it used the key.
func (m *Model) reviewKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	a := m.ann
	switch {
	case key.Matches(msg, k.ReviewAccept):
		return m.acceptImported(false), true
	case key.Matches(msg, k.ReviewAcceptAll):
		return m.acceptImported(true), true
	case key.Matches(msg, k.ReviewNext, k.ReviewPrev):
		dir := 1
		if key.Matches(msg, k.ReviewPrev) {
			dir = -1
		}
		moved, wrapped := a.reviewStep(dir)
		n := a.unreviewed()
		switch {
		case !moved:
			m.message = "Nothing imported to review in this article"
		case wrapped && dir > 0:
			m.message = fmt.Sprintf("Wrapped to the first of %d imported to review", n)
		case wrapped:
			m.message = fmt.Sprintf("Wrapped to the last of %d imported to review", n)
		}
		return nil, true
	}
	return nil, false
}

// reviewMatches reports whether msg is a review key.
func (m *Model) reviewMatches(msg tea.KeyPressMsg) bool {
	k := m.c.Keys
	return key.Matches(msg, k.ReviewAccept, k.ReviewAcceptAll, k.ReviewNext, k.ReviewPrev)
}

// acceptImported accepts (clears the source of) the imported span under
// the cursor, or the imported quotation around it, or every imported one
// the selection touches; with all, every imported annotation of the
// article. One action, built when its turn comes against the document as
// saved then.
func (m *Model) acceptImported(all bool) tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a := m.ann
	t, ok := m.captureTarget()
	if !ok {
		return nil
	}
	var spanIDs map[int64]bool // which spans; nil with all
	var quoteAt *reviewItem
	if !all {
		spanIDs = map[int64]bool{}
		it, onImported := a.reviewAtCursor()
		switch {
		case t.sel:
			for _, sp := range a.spans {
				if sp.Source != "" && sp.Overlaps(t.start, t.end) {
					spanIDs[sp.ID] = true
				}
			}
		case onImported && it.quote:
			quoteAt = &it
		case onImported:
			sp, _ := a.cursorSpan()
			spanIDs[sp.ID] = true
		}
		if !t.sel && !onImported {
			if sp, ok := a.cursorSpan(); ok {
				m.message = ui.DescribeSpan(sp) + " was not imported: nothing to accept (" + ui.KeyName(m.c.Keys.ReviewNext) + " goes to the next imported one)"
			} else if a.unreviewed() > 0 {
				m.message = "Nothing imported here: " + ui.KeyName(m.c.Keys.ReviewNext) + " goes to the next imported annotation"
			} else {
				m.message = "Nothing imported to review in this article"
			}
			return nil
		}
	}
	return m.queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := m.current(t)
		if !ok {
			return store.Action{}, false
		}
		var se []spanEdit
		for _, sp := range spans {
			if sp.Source != "" && (all || spanIDs[sp.ID]) {
				nw := sp
				nw.Source = ""
				se = append(se, spanEdit{sp, nw})
			}
		}
		var qe []quoteEdit
		if doc != nil {
			for _, q := range doc.Quotes {
				in := all || quoteAt != nil && q.Start == quoteAt.start && q.End == quoteAt.end ||
					t.sel && q.Start < t.end && t.start < q.End
				if q.Unreviewed() && in {
					nw := q
					nw.Source = ""
					qe = append(qe, quoteEdit{q, nw})
				}
			}
		}
		n := len(se) + len(qe)
		if n == 0 {
			if all {
				m.message = "Nothing imported to review in this article"
			} else {
				m.message = "Nothing imported left to accept here"
			}
			return store.Action{}, false
		}
		var what string
		switch {
		case n > 1:
			what = fmt.Sprintf("%d imported annotations", n)
		case len(se) == 1:
			what = ui.DescribeSpan(se[0].new)
		default:
			what = "the quotation " + describeQuote(qe[0].new.Text, qe[0].new.Speaker)
		}
		j.Done = "Accepted " + what
		if left := session.CountUnreviewed(doc) - n; left > 0 {
			j.Done += fmt.Sprintf("; %d imported left to review (%s next)", left, ui.KeyName(m.c.Keys.ReviewNext))
		} else {
			j.Done += "; nothing imported left to review here"
		}
		switch {
		case n > 1:
		case len(se) == 1:
			j.Focus = se[0].old.Start
		default:
			j.Focus = qe[0].old.Start
		}
		return store.Action{Name: "accept " + what, Ops: firstTouch(editOps(doc, t.id, se, qe), t.id, doc)}, true
	})
}

// spanEdit is a stored span and what it becomes (the same id); quoteEdit
// the same for a quotation.
type (
	spanEdit  struct{ old, new model.Span }
	quoteEdit struct{ old, new model.QuoteAnn }
)

// editOps returns the ops that turn each old into its new, in an order
// that undo (which replays the inverse ops backwards) and redo restore
// exactly. set-span and set-quote leave a source as it is, so an edit that
// changes one deletes the annotation and adds it back under its id:
// quotations to re-add go first and come back last, and the speaker link
// of any other quotation pointing at a span that goes is cleared before
// and set after (the store would clear it on the delete, and undo would
// not bring it back).
func editOps(doc *store.Doc, id string, spans []spanEdit, quotes []quoteEdit) []store.Op {
	gone := map[int64]bool{}
	for _, e := range spans {
		if e.old.Source != e.new.Source {
			gone[e.old.ID] = true
		}
	}
	readdQ := map[int64]bool{}
	editQ := map[int64]model.QuoteAnn{}
	for _, e := range quotes {
		editQ[e.old.ID] = e.new
		if e.old.Source != e.new.Source {
			readdQ[e.old.ID] = true
		}
	}
	var ops []store.Op
	for _, e := range quotes {
		if readdQ[e.old.ID] {
			ops = append(ops, store.Op{Kind: store.OpDelQuote, Article: id, Quote: e.old})
		}
	}
	var relink []store.Op
	relinked := map[int64]bool{}
	if doc != nil && len(gone) > 0 {
		for _, q := range doc.Quotes {
			if readdQ[q.ID] || q.SpeakerSpan == 0 || !gone[q.SpeakerSpan] {
				continue
			}
			u := q
			u.SpeakerSpan = 0
			ops = append(ops, setQuoteOp(id, u))
			final := q
			if nw, ok := editQ[q.ID]; ok {
				final = nw
			}
			relink = append(relink, setQuoteOp(id, final))
			relinked[q.ID] = true
		}
	}
	for _, e := range spans {
		if gone[e.old.ID] {
			ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: id, Span: e.old})
		}
	}
	for _, e := range spans {
		switch {
		case gone[e.old.ID]:
			nw := e.new
			nw.ID = e.old.ID
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: nw})
		case e.new != e.old:
			ops = append(ops, store.Op{Kind: store.OpSetSpan, Article: id, Span: e.new})
		}
	}
	ops = append(ops, relink...)
	for _, e := range quotes {
		if !readdQ[e.old.ID] && !relinked[e.old.ID] && e.new != e.old {
			ops = append(ops, setQuoteOp(id, e.new))
		}
	}
	for _, e := range quotes {
		if readdQ[e.old.ID] {
			nw := e.new
			nw.ID = e.old.ID
			ops = append(ops, addQuoteOp(id, nw))
		}
	}
	return ops
}

// spanEditOps is the ops for one span edit by hand (relabel, canonical
// name): a person has looked at the span, so an imported one counts as
// reviewed and loses its source.
func spanEditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op {
	nw.Source = ""
	return editOps(doc, id, []spanEdit{{old, nw}}, nil)
}

// quoteEditOps is the same for a quotation changed by hand.
func quoteEditOps(doc *store.Doc, id string, old, nw model.QuoteAnn) []store.Op {
	nw.Source = ""
	return editOps(doc, id, nil, []quoteEdit{{old, nw}})
}

// reviewedNote is what a hand edit's message adds when it reviewed an
// imported annotation.
func reviewedNote(src string) string {
	if src == "" {
		return ""
	}
	return " (" + ui.DescribeSource(src) + ": reviewed)"
}

// Counts across the corpus, for the list (see reviewCounts).

// reviewBadge is the list's review column for an article with n imported
// annotations to review: "↓12" in w cells ("" and 0 when n is 0 — the
// column then takes no room).
func reviewBadge(st ui.Styles, n, w int) string {
	if n <= 0 || w <= 0 {
		return strings.Repeat(" ", max(0, w))
	}
	s := st.Review.MarkCh + fmt.Sprint(min(n, 999))
	return st.Review.MarkPaint.Render(ui.Fit(s, w))
}

// reviewBadgeOf is item i's review badge for the list, and the width every
// badge has (see reviewWidth).
func (m *Model) reviewBadgeOf(i int) (string, int) {
	w := m.sess.ReviewWidth()
	if w == 0 {
		return "", 0
	}
	return reviewBadge(m.c.Styles, m.sess.Unreviewed(m.src.Item(i).ID), w), w
}

// reviewShortHelp and reviewHelp are the review keys for the help: the
// short help shows them while the article has something to review.
func (m *Model) reviewShortHelp() []key.Binding {
	if m.ann.unreviewed() == 0 {
		return nil
	}
	k := m.c.Keys
	return []key.Binding{k.ReviewNext, k.ReviewAccept, k.ReviewAcceptAll}
}

func (m *Model) reviewHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.ReviewNext, k.ReviewPrev, k.ReviewAccept, k.ReviewAcceptAll} // reject is Delete, listed with the entity keys
}
