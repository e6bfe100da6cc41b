package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/suggest"
)

// Wiring entity suggestions (tui/suggest) into the root: they plug into
// annotate mode through its hook (annotate.Suggestions) and follow it in
// the features, so their Sync sees the pane annotate's has just updated.

// enableSuggestions builds the suggestions when the options ask for them,
// with the store as the keeper of the trained model when it can be one.
func (m *Model) enableSuggestions(opts Options) {
	if !opts.Suggest {
		return
	}
	keeper, _ := opts.Store.(store.ModelStore)
	f := suggest.New(suggest.Deps{Ctx: m.c, Host: m, Docs: m.sess, Annotate: suggestAnnotate{m.annot}, Keeper: keeper, On: !opts.SuggestHidden})
	m.annot.SetSuggestions(f.Hook())
	m.features = append(m.features, f)
}

// suggestAnnotate is annotate mode as the suggestions extend it
// (suggest.Annotate).
type suggestAnnotate struct{ f *annotate.Feature }

func (a suggestAnnotate) Active() bool       { return a.f.Active() }
func (a suggestAnnotate) Leading() bool      { return !a.f.ExtensionLeads() }
func (a suggestAnnotate) Pane() suggest.Pane { return a.f.Pane() }

func (a suggestAnnotate) Capture(start, end int) func(int, suggest.Change) tea.Cmd {
	t := a.f.Capture(start, end)
	return func(focus int, change suggest.Change) tea.Cmd { return a.f.QueueEditAt(t, focus, change) }
}

func (a suggestAnnotate) TagAll(corpus bool, text, label string, avoid []model.Span) tea.Cmd {
	return a.f.TagAll(corpus, text, label, avoid)
}
