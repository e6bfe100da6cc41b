package annotate

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"

	"storydesk/model/ner"
	"storydesk/tui/ui"
)

// The pane's side of entity suggestions (suggest.go): where they are, and
// how they are drawn — in their label's colour with the imported
// annotations' dotted underline (faint without colour), so a name waiting
// for a decision looks like one waiting for review — and the legend line's
// hint on one.

// Suggestions are the suggestions on screen: in text order, none over a
// span, none rejected.
func (a *Pane) Suggestions() []ner.Entity { return a.sugg }

// suggestionAt is the suggestion covering code point off, and its index.
func (a *Pane) suggestionAt(off int) (ner.Entity, int, bool) {
	i := sort.Search(len(a.sugg), func(i int) bool { return a.sugg[i].End > off })
	if i < len(a.sugg) && a.sugg[i].Start <= off {
		return a.sugg[i], i, true
	}
	return ner.Entity{}, -1, false
}

// cursorSuggestion is the suggestion the cursor is on, when nothing is
// selected.
func (a *Pane) cursorSuggestion() (ner.Entity, int, bool) {
	if len(a.sugg) == 0 || len(a.stops) == 0 || a.anchor >= 0 {
		return ner.Entity{}, -1, false
	}
	return a.suggestionAt(a.tok(a.cur).Start)
}

// suggFocusAfter is where the cursor goes once suggestion i is decided:
// the next one (n further), or -1 (stay) after the last.
func (a *Pane) suggFocusAfter(i, n int) int {
	if i+n < len(a.sugg) {
		return a.sugg[i+n].Start
	}
	return -1
}

// suggFocusAfterRejecting is the next suggestion after i that rejecting e
// leaves (it hides every one of the same words and label).
func (a *Pane) suggFocusAfterRejecting(i int, e ner.Entity) int {
	for k := i + 1; k < len(a.sugg); k++ {
		if s := a.sugg[k]; s.Text != e.Text || s.Label != e.Label {
			return s.Start
		}
	}
	return -1
}

// suggestCuts adds the suggestions' bounds inside a line.
func (a *Pane) suggestCuts(start, end int, add func(int)) {
	i := sort.Search(len(a.sugg), func(i int) bool { return a.sugg[i].End > start })
	for ; i < len(a.sugg) && a.sugg[i].Start < end; i++ {
		add(a.sugg[i].Start)
		add(a.sugg[i].End)
	}
}

// suggestStyle is the label style of a suggestion at off (no span is
// there), 0 for none; the caller adds the imported layer.
func (a *Pane) suggestStyle(off int) int {
	if len(a.sugg) == 0 {
		return 0
	}
	e, _, ok := a.suggestionAt(off)
	if !ok {
		return 0
	}
	if li := a.labelIndex(e.Label); li >= 0 {
		return 1 + li
	}
	return len(a.c.Labels) + 1
}

// hint is the legend line's hint: on an imported annotation its review,
// on a suggestion its decision.
func (a *Pane) hint() string {
	if h := a.reviewHint(); h != "" {
		return h
	}
	return a.suggestHint()
}

// suggestHint is the legend line's part when the cursor is on a
// suggestion: what it is, how sure, and the keys that decide it.
func (a *Pane) suggestHint() string {
	e, _, ok := a.cursorSuggestion()
	if !ok {
		return ""
	}
	st, k := a.c.Styles, a.c.Keys
	var parts []string
	add := func(b key.Binding, desc string) {
		if b.Enabled() && len(b.Keys()) > 0 {
			parts = append(parts, st.P.RowDim.Render(ui.KeyName(b))+" "+desc)
		}
	}
	add(k.ReviewAccept, "accept")
	add(k.Delete, "reject")
	if n := len(a.sugg); n > 1 {
		same := 0
		for _, s := range a.sugg {
			if s.Label == e.Label {
				same++
			}
		}
		if same > 1 {
			add(k.SuggestAcceptLabel, fmt.Sprintf("all %d %s", same, ui.CleanLine(e.Label)))
		}
		if a.unreviewed() == 0 {
			add(k.ReviewAcceptAll, fmt.Sprintf("all %d", n))
		}
	}
	what := fmt.Sprintf("suggested %s %.0f%%:", ui.CleanLine(e.Label), 100*e.Score)
	return st.Review.MarkPaint.Render(st.Review.MarkCh+" "+what) + " " + strings.Join(parts, " · ")
}
