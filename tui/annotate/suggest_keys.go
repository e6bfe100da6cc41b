package annotate

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// The suggestion keys. They share the review keys' meaning, so an
// annotator learns one set: y accepts the suggestion under the cursor and
// moves to the next (off one, it goes to the next without accepting: a
// name is accepted only once seen), x rejects it and moves on, a label key
// accepts it with that label, Y accepts all of the article's, L all of the
// label under the cursor. Imported annotations keep y and Y while the
// article has some to review: they are a person's work, reviewed first.
// Every accept and reject is one undoable action, shown once stored.

// suggestMatches reports the suggestion keys annotate mode must take
// before the keys every screen shares.
func (f *Feature) suggestMatches(msg tea.KeyPressMsg) bool {
	return f.sg != nil && key.Matches(msg, f.c.Keys.SuggestToggle, f.c.Keys.SuggestAcceptLabel)
}

// suggestKey handles a key on the suggestions; handled false lets the
// review keys and annotate's own have it.
func (f *Feature) suggestKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	sg := f.sg
	if sg == nil || f.ext != nil && f.ext.Mode() != "" {
		return nil, false
	}
	k := f.c.Keys
	a := f.pane
	if key.Matches(msg, k.SuggestToggle) {
		sg.on = !sg.on
		if sg.on {
			f.host.Report(ui.Info("Entity suggestions on"))
			return f.loadModel(), true
		}
		a.sugg = a.sugg[:0]
		f.host.Report(ui.Info("Entity suggestions off (" + ui.KeyName(k.SuggestToggle) + " turns them back on)"))
		return nil, true
	}
	if !sg.on {
		if key.Matches(msg, k.SuggestAcceptLabel) {
			f.host.Report(ui.Info("Entity suggestions are off (" + ui.KeyName(k.SuggestToggle) + " turns them on)"))
			return nil, true
		}
		return nil, false
	}
	e, i, onSugg := a.cursorSuggestion()
	switch {
	case key.Matches(msg, k.ReviewAccept):
		if onSugg {
			return f.acceptSuggestions([]ner.Entity{e}, "", a.suggFocusAfter(i, 1)), true
		}
		if _, onImported := a.reviewAtCursor(); onImported || a.unreviewed() > 0 || len(a.sugg) == 0 || a.Selecting() {
			return nil, false
		}
		f.stepSuggestion()
		return nil, true
	case key.Matches(msg, k.ReviewAcceptAll):
		if a.unreviewed() > 0 || len(a.sugg) == 0 {
			return nil, false
		}
		return f.acceptSuggestions(append([]ner.Entity(nil), a.sugg...), "", -1), true
	case key.Matches(msg, k.SuggestAcceptLabel):
		if !onSugg {
			f.host.Report(ui.Info("Not on a suggestion: " + ui.KeyName(k.SuggestAcceptLabel) + " accepts every suggestion of the label under the cursor"))
			return nil, true
		}
		var same []ner.Entity
		for _, s := range a.sugg {
			if s.Label == e.Label {
				same = append(same, s)
			}
		}
		return f.acceptSuggestions(same, "", -1), true
	case key.Matches(msg, k.Delete) && onSugg:
		return f.rejectSuggestion(e, i), true
	case onSugg && key.Matches(msg, k.Labels[:]...):
		for li := range k.Labels {
			if key.Matches(msg, k.Labels[li]) && li < len(f.c.Labels) {
				return f.acceptSuggestions([]ner.Entity{e}, f.c.Labels[li], a.suggFocusAfter(i, 1)), true
			}
		}
	}
	return nil, false
}

// stepSuggestion moves the cursor to the next suggestion (wrapping) and
// says what it is and which keys decide it.
func (f *Feature) stepSuggestion() {
	a := f.pane
	cs, _ := a.CursorRange()
	k := 0
	for k < len(a.sugg) && a.sugg[k].Start <= cs {
		k++
	}
	wrapped := k == len(a.sugg)
	if wrapped {
		k = 0
	}
	a.ClearSelection()
	a.JumpTo(a.sugg[k].Start)
	if wrapped {
		f.host.Report(ui.Info("Wrapped to the first suggestion"))
	}
}

// acceptSuggestions stores ents as spans (with label, or each its own when
// label is ""), in one action; those that overlap a span stored meanwhile
// are left out. focus is where the cursor goes after (-1: it stays).
func (f *Feature) acceptSuggestions(ents []ner.Entity, label string, focus int) tea.Cmd {
	if len(ents) == 0 {
		return nil
	}
	t := f.Capture(ents[0].Start, ents[0].End)
	k := f.c.Keys
	return f.sess.Enqueue(&session.Job{Kind: session.Do, Sel: f.pane.SelKey(), Focus: focus, Build: func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		var ops []store.Op
		var added []model.Span
		for _, e := range ents {
			sp := model.Span{Start: e.Start, End: e.End, Label: e.Label, Text: e.Text}
			if label != "" {
				sp.Label = label
			}
			if _, clash := model.FindOverlap(spans, sp.Start, sp.End, 0); clash {
				continue
			}
			if _, clash := model.FindOverlap(added, sp.Start, sp.End, 0); clash {
				continue
			}
			added = append(added, sp)
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: t.ID, Span: sp})
		}
		if len(ops) == 0 {
			f.host.Report(ui.Info("Nothing accepted: a span was tagged there meanwhile"))
			return store.Action{}, false
		}
		what := ui.DescribeSpan(added[0])
		if len(added) > 1 {
			what = fmt.Sprintf("%d suggestions", len(added))
		}
		verb := "Accepted"
		if label != "" && label != ents[0].Label {
			verb = "Accepted as " + label
		}
		left := len(f.pane.sugg) - len(added)
		j.Done = fmt.Sprintf("%s %s; %d suggested left", verb, what, max(0, left))
		if left > 0 && len(added) == 1 {
			j.Done += fmt.Sprintf(" (%s accepts, %s rejects)", ui.KeyName(k.ReviewAccept), ui.KeyName(k.Delete))
		}
		name := "accept suggested " + what
		if len(added) > 1 {
			name = "accept " + what
		}
		return store.Action{Name: name, Article: t.snapshot(doc), Ops: FirstTouch(ops, t.ID, doc)}, true
	}})
}

// rejectSuggestion stores the rejection of e — and of every suggestion of
// the same words and label in the article, which it hides too — in one
// action, and moves on to the next suggestion.
func (f *Feature) rejectSuggestion(e ner.Entity, i int) tea.Cmd {
	a := f.pane
	var same []ner.Entity
	for _, s := range a.sugg {
		if s.Label == e.Label && s.Text == e.Text {
			same = append(same, s)
		}
	}
	t := f.Capture(e.Start, e.End)
	focus := a.suggFocusAfterRejecting(i, e)
	return f.sess.Enqueue(&session.Job{Kind: session.Do, Sel: a.SelKey(), Focus: focus, Build: func(j *session.Job) (store.Action, bool) {
		doc, _, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		ops := make([]store.Op, 0, len(same)+1)
		for _, s := range same {
			ops = append(ops, store.Op{Kind: store.OpSetReject, Article: t.ID, Flag: true,
				Span: model.Span{Start: s.Start, End: s.End, Label: s.Label, Text: s.Text}})
		}
		sp := model.Span{Label: e.Label, Text: e.Text}
		j.Done = "Rejected the suggestion " + ui.DescribeSpan(sp)
		if len(same) > 1 {
			j.Done += fmt.Sprintf(" (all %d in this article)", len(same))
		}
		j.Done += "; " + ui.KeyName(f.c.Keys.Undo) + " undoes"
		return store.Action{Name: "reject suggested " + ui.DescribeSpan(sp), Article: t.snapshot(doc), Ops: FirstTouch(ops, t.ID, doc)}, true
	}})
}

// suggestShortHelp leads the help line while the article has suggestions
// and nothing imported to review; suggestHelp is the help screen's group.
func (f *Feature) suggestShortHelp() []key.Binding {
	if f.sg == nil || !f.sg.on || len(f.pane.sugg) == 0 || f.pane.unreviewed() > 0 {
		return nil
	}
	return f.suggestBindings("accept suggestion", "reject", "accept all")[:4]
}

func (f *Feature) suggestHelp() []key.Binding {
	if f.sg == nil {
		return nil
	}
	return f.suggestBindings("accept suggestion", "reject suggestion", "accept all suggested")
}

// suggestBindings are the suggestion keys with their help: the review
// keys they share described for suggestions.
func (f *Feature) suggestBindings(accept, reject, all string) []key.Binding {
	k := f.c.Keys
	a, r, y := k.ReviewAccept, k.Delete, k.ReviewAcceptAll
	a.SetHelp(a.Help().Key, accept)
	r.SetHelp(r.Help().Key, reject)
	y.SetHelp(y.Help().Key, all)
	return []key.Binding{a, r, y, k.SuggestAcceptLabel, k.SuggestToggle}
}

// tagAllSuggested is tag-all (a) on a suggestion: every occurrence of its
// words in the article gets its label, in one action, except where a span
// or another suggestion is ("Bessent" inside the suggested "Scott
// Bessent" is left to that one).
func (f *Feature) tagAllSuggested(e ner.Entity) tea.Cmd {
	t := f.Capture(e.Start, e.End)
	var others []model.Span
	for _, s := range f.pane.sugg {
		if s.Text != e.Text || s.Label != e.Label {
			others = append(others, model.Span{Start: s.Start, End: s.End, Label: s.Label, Text: s.Text})
		}
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		avoid := append(append([]model.Span(nil), spans...), others...)
		model.SortSpans(avoid)
		found, skipped, clash, already := occurrences(t.runes, e.Text, e.Label, avoid)
		what := fmt.Sprintf("“%s”", ui.Clip(e.Text, 30))
		if len(found) == 0 {
			f.host.Report(ui.Info(fmt.Sprintf("No %s to tag as %s", what, e.Label) + skipNote(skipped, clash, already)))
			return store.Action{}, false
		}
		ops := make([]store.Op, 0, len(found)+1)
		for _, fd := range found {
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: t.ID,
				Span: model.Span{Start: fd[0], End: fd[1], Label: e.Label, Text: e.Text}})
		}
		j.Done = fmt.Sprintf("Tagged %d × %s as %s", len(found), what, e.Label) + skipNote(skipped, clash, already)
		return store.Action{Name: fmt.Sprintf("tag all %s %s (%d)", what, e.Label, len(found)),
			Ops: FirstTouch(ops, t.ID, doc), Article: t.snapshot(doc)}, true
	})
}
