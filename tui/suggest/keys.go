package suggest

import (
	"fmt"
	"sort"

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

// claims reports the suggestion keys annotate mode must take before the
// keys every screen shares.
func (f *Feature) claims(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, f.c.Keys.SuggestToggle, f.c.Keys.SuggestAcceptLabel)
}

// key handles a key on the suggestions (annotate mode offers it while it
// leads); handled false lets the review keys and annotate's own have it.
func (f *Feature) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.c.Keys
	a := f.ann.Pane()
	if key.Matches(msg, k.SuggestToggle) {
		f.on = !f.on
		if f.on {
			f.host.Report(ui.Info("Entity suggestions on"))
			return f.loadModel(), true
		}
		f.shown = f.shown[:0]
		f.host.Report(ui.Info("Entity suggestions off (" + ui.KeyName(k.SuggestToggle) + " turns them back on)"))
		return nil, true
	}
	if !f.on {
		if key.Matches(msg, k.SuggestAcceptLabel) {
			f.host.Report(ui.Info("Entity suggestions are off (" + ui.KeyName(k.SuggestToggle) + " turns them on)"))
			return nil, true
		}
		return nil, false
	}
	e, i, onSugg := f.atCursor()
	switch {
	case key.Matches(msg, k.ReviewAccept):
		if onSugg {
			return f.accept([]ner.Entity{e}, "", f.focusAfter(i)), true
		}
		if a.OnImported() || a.Unreviewed() > 0 || len(f.shown) == 0 || a.Selecting() {
			return nil, false
		}
		f.step()
		return nil, true
	case key.Matches(msg, k.ReviewAcceptAll):
		if a.Unreviewed() > 0 || len(f.shown) == 0 {
			return nil, false
		}
		return f.accept(append([]ner.Entity(nil), f.shown...), "", -1), true
	case key.Matches(msg, k.SuggestAcceptLabel):
		if !onSugg {
			f.host.Report(ui.Info("Not on a suggestion: " + ui.KeyName(k.SuggestAcceptLabel) + " accepts every suggestion of the label under the cursor"))
			return nil, true
		}
		var same []ner.Entity
		for _, s := range f.shown {
			if s.Label == e.Label {
				same = append(same, s)
			}
		}
		return f.accept(same, "", -1), true
	case key.Matches(msg, k.Delete) && onSugg:
		return f.reject(e, i), true
	case onSugg && key.Matches(msg, k.Labels[:]...):
		for li := range k.Labels {
			if key.Matches(msg, k.Labels[li]) && li < len(f.c.Labels) {
				return f.accept([]ner.Entity{e}, f.c.Labels[li], f.focusAfter(i)), true
			}
		}
	}
	return nil, false
}

// at is the suggestion covering code point off, and its index.
func (f *Feature) at(off int) (ner.Entity, int, bool) {
	s := f.shown
	i := sort.Search(len(s), func(i int) bool { return s[i].End > off })
	if i < len(s) && s[i].Start <= off {
		return s[i], i, true
	}
	return ner.Entity{}, -1, false
}

// atCursor is the suggestion the cursor is on, when nothing is selected.
func (f *Feature) atCursor() (ner.Entity, int, bool) {
	a := f.ann.Pane()
	if len(f.shown) == 0 || !a.HasWords() || a.Selecting() {
		return ner.Entity{}, -1, false
	}
	// No span overlaps a suggestion: on one, the cursor is on a word.
	cs, _ := a.CursorRange()
	return f.at(cs)
}

// focusAfter is where the cursor goes once suggestion i is decided: the
// next one, or -1 (stay) after the last.
func (f *Feature) focusAfter(i int) int {
	if i+1 < len(f.shown) {
		return f.shown[i+1].Start
	}
	return -1
}

// focusAfterRejecting is the next suggestion after i that rejecting e
// leaves (it hides every one of the same words and label).
func (f *Feature) focusAfterRejecting(i int, e ner.Entity) int {
	for k := i + 1; k < len(f.shown); k++ {
		if s := f.shown[k]; s.Text != e.Text || s.Label != e.Label {
			return s.Start
		}
	}
	return -1
}

// step moves the cursor to the next suggestion (wrapping).
func (f *Feature) step() {
	a := f.ann.Pane()
	cs, _ := a.CursorRange()
	k := 0
	for k < len(f.shown) && f.shown[k].Start <= cs {
		k++
	}
	wrapped := k == len(f.shown)
	if wrapped {
		k = 0
	}
	a.ClearSelection()
	a.JumpTo(f.shown[k].Start)
	if wrapped {
		f.host.Report(ui.Info("Wrapped to the first suggestion"))
	}
}

// accept stores ents as spans (with label, or each its own when label is
// ""), in one action; those that overlap a span stored meanwhile are left
// out. focus is where the cursor goes after (-1: it stays).
func (f *Feature) accept(ents []ner.Entity, label string, focus int) tea.Cmd {
	if len(ents) == 0 {
		return nil
	}
	k := f.c.Keys
	id := f.ann.Pane().ID()
	return f.ann.Capture(ents[0].Start, ents[0].End)(focus, func(j *session.Job, doc *store.Doc, spans []model.Span) ([]store.Op, string, bool) {
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
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: sp})
		}
		if len(ops) == 0 {
			f.host.Report(ui.Info("Nothing accepted: a span was tagged there meanwhile"))
			return nil, "", false
		}
		what := ui.DescribeSpan(added[0])
		if len(added) > 1 {
			what = fmt.Sprintf("%d suggestions", len(added))
		}
		done := "Accepted " + what
		if label != "" && label != ents[0].Label {
			// One span, relabelled: what would name the label twice.
			done = fmt.Sprintf("Accepted “%s” as %s", ui.Clip(added[0].Text, 40), label)
		}
		left := len(f.shown) - len(added)
		j.Done = fmt.Sprintf("%s; %d suggested left", done, max(0, left))
		if left > 0 && len(added) == 1 {
			j.Done += fmt.Sprintf(" (%s accepts, %s rejects)", ui.KeyName(k.ReviewAccept), ui.KeyName(k.Delete))
		}
		name := "accept suggested " + what
		if len(added) > 1 {
			name = "accept " + what
		}
		return ops, name, true
	})
}

// reject stores the rejection of e — and of every suggestion of the same
// words and label in the article, which it hides too — in one action, and
// moves on to the next suggestion.
func (f *Feature) reject(e ner.Entity, i int) tea.Cmd {
	var same []ner.Entity
	for _, s := range f.shown {
		if s.Label == e.Label && s.Text == e.Text {
			same = append(same, s)
		}
	}
	id := f.ann.Pane().ID()
	focus := f.focusAfterRejecting(i, e)
	return f.ann.Capture(e.Start, e.End)(focus, func(j *session.Job, doc *store.Doc, spans []model.Span) ([]store.Op, string, bool) {
		ops := make([]store.Op, 0, len(same)+1)
		for _, s := range same {
			ops = append(ops, store.Op{Kind: store.OpSetReject, Article: id, Flag: true,
				Span: model.Span{Start: s.Start, End: s.End, Label: s.Label, Text: s.Text}})
		}
		sp := model.Span{Label: e.Label, Text: e.Text}
		j.Done = "Rejected the suggestion " + ui.DescribeSpan(sp)
		if len(same) > 1 {
			j.Done += fmt.Sprintf(" (all %d in this article)", len(same))
		}
		j.Done += "; " + ui.KeyName(f.c.Keys.Undo) + " undoes"
		return ops, "reject suggested " + ui.DescribeSpan(sp), true
	})
}

// tagAll is tag-all on the suggestion under the cursor: across the corpus
// with its label, as on a span; in the article, every occurrence of its
// words except where a span or another suggestion is ("Bessent" inside
// the suggested "Scott Bessent" is left to that one).
func (f *Feature) tagAll(corpus bool) (tea.Cmd, bool) {
	e, _, ok := f.atCursor()
	if !ok {
		return nil, false
	}
	if corpus {
		return f.ann.TagAll(true, e.Text, e.Label, nil), true
	}
	var others []model.Span
	for _, s := range f.shown {
		if s.Text != e.Text || s.Label != e.Label {
			others = append(others, model.Span{Start: s.Start, End: s.End, Label: s.Label, Text: s.Text})
		}
	}
	return f.ann.TagAll(false, e.Text, e.Label, others), true
}

// shortHelp leads the help line while the article has suggestions and
// nothing imported to review; help is the help screen's group.
func (f *Feature) shortHelp() []key.Binding {
	if !f.on || len(f.shown) == 0 || f.ann.Pane().Unreviewed() > 0 {
		return nil
	}
	return f.bindings("accept suggestion", "reject", "accept all")[:4]
}

func (f *Feature) help() []key.Binding {
	return f.bindings("accept suggestion", "reject suggestion", "accept all suggested")
}

// bindings are the suggestion keys with their help: the review keys they
// share described for suggestions.
func (f *Feature) bindings(accept, reject, all string) []key.Binding {
	k := f.c.Keys
	a, r, y := k.ReviewAccept, k.Delete, k.ReviewAcceptAll
	a.SetHelp(a.Help().Key, accept)
	r.SetHelp(r.Help().Key, reject)
	y.SetHelp(y.Help().Key, all)
	return []key.Binding{a, r, y, k.SuggestAcceptLabel, k.SuggestToggle}
}
