package annotate

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
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

// reviewKey handles the review keys in annotate mode (quotes mode too); it
// reports whether it used the key.
func (f *Feature) reviewKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.c.Keys
	a := f.pane
	switch {
	case key.Matches(msg, k.ReviewAccept):
		return f.acceptImported(false), true
	case key.Matches(msg, k.ReviewAcceptAll):
		return f.acceptImported(true), true
	case key.Matches(msg, k.ReviewNext, k.ReviewPrev):
		dir := 1
		if key.Matches(msg, k.ReviewPrev) {
			dir = -1
		}
		moved, wrapped := a.reviewStep(dir)
		n := a.unreviewed()
		switch {
		case !moved:
			f.host.Report(ui.Info("Nothing imported to review in this article"))
		case wrapped && dir > 0:
			f.host.Report(ui.Info(fmt.Sprintf("Wrapped to the first of %d imported to review", n)))
		case wrapped:
			f.host.Report(ui.Info(fmt.Sprintf("Wrapped to the last of %d imported to review", n)))
		}
		return nil, true
	}
	return nil, false
}

// reviewMatches reports whether msg is a review key.
func (f *Feature) reviewMatches(msg tea.KeyPressMsg) bool {
	k := f.c.Keys
	return key.Matches(msg, k.ReviewAccept, k.ReviewAcceptAll, k.ReviewNext, k.ReviewPrev)
}

// acceptImported accepts (clears the source of) the imported span under
// the cursor, or the imported quotation around it, or every imported one
// the selection touches; with all, every imported annotation of the
// article. One action, built when its turn comes against the document as
// saved then.
func (f *Feature) acceptImported(all bool) tea.Cmd {
	a := f.pane
	k := f.c.Keys
	t, ok := f.captureTarget()
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
				if sp.Source != "" && sp.Overlaps(t.Start, t.End) {
					spanIDs[sp.ID] = true
				}
			}
		case onImported && it.quote:
			quoteAt = &it
		case onImported:
			sp, _ := a.CursorSpan()
			spanIDs[sp.ID] = true
		}
		if !t.sel && !onImported {
			if sp, ok := a.CursorSpan(); ok {
				f.host.Report(ui.Info(ui.DescribeSpan(sp) + " was not imported: nothing to accept (" + ui.KeyName(k.ReviewNext) + " goes to the next imported one)"))
			} else if a.unreviewed() > 0 {
				f.host.Report(ui.Info("Nothing imported here: " + ui.KeyName(k.ReviewNext) + " goes to the next imported annotation"))
			} else {
				f.host.Report(ui.Info("Nothing imported to review in this article"))
			}
			return nil
		}
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
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
					t.sel && q.Start < t.End && t.Start < q.End
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
				f.host.Report(ui.Info("Nothing imported to review in this article"))
			} else {
				f.host.Report(ui.Info("Nothing imported left to accept here"))
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
			what = "the quotation " + ui.DescribeQuote(qe[0].new.Text, qe[0].new.Speaker)
		}
		j.Done = "Accepted " + what
		if left := session.CountUnreviewed(doc) - n; left > 0 {
			j.Done += fmt.Sprintf("; %d imported left to review (%s next)", left, ui.KeyName(k.ReviewNext))
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
		return store.Action{Name: "accept " + what, Ops: FirstTouch(editOps(doc, t.ID, se, qe), t.ID, doc)}, true
	})
}

// reviewShortHelp and reviewHelp are the review keys for the help: the
// short help shows them while the article has something to review.
func (f *Feature) reviewShortHelp() []key.Binding {
	if f.pane.unreviewed() == 0 {
		return nil
	}
	k := f.c.Keys
	return []key.Binding{k.ReviewNext, k.ReviewAccept, k.ReviewAcceptAll}
}

func (f *Feature) reviewHelp() []key.Binding {
	k := f.c.Keys
	return []key.Binding{k.ReviewNext, k.ReviewPrev, k.ReviewAccept, k.ReviewAcceptAll} // reject is Delete, listed with the entity keys
}
