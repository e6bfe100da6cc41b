package annotate

import "storydesk/model"

// Spans of an action the store could not take yet (the server gone
// mid-session: tui/session/retry.go keeps it and tries again). They are
// drawn in their label's colour with the provisional mark imported spans
// have (a dotted underline), under the saved spans, until the action is
// saved or given up; the status bar says UNSAVED meanwhile.

// SetUnsaved sets the unsaved spans of the article on screen (nil: none).
func (a *Pane) SetUnsaved(spans []model.Span) { a.unsaved = spans }

// unsavedAt is the unsaved span covering code point i.
func (a *Pane) unsavedAt(i int) (model.Span, bool) {
	for _, sp := range a.unsaved {
		if i >= sp.Start && i < sp.End {
			return sp, true
		}
	}
	return model.Span{}, false
}

// unsavedCuts adds the unsaved spans' edges within [start, end).
func (a *Pane) unsavedCuts(start, end int, add func(int)) {
	for _, sp := range a.unsaved {
		if sp.End > start && sp.Start < end {
			add(sp.Start)
			add(sp.End)
		}
	}
}
