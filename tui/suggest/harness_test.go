package suggest_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/annotate"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/suggest"
	"storydesk/tui/ui"
)

// The harness is tui/internal/annotest's (annotate mode with a screen
// stack and status line, a reader with a list of articles and a real store
// with its session, driven as the root drives it); suggest plugs the
// suggestions in as tui/wire_suggest.go wires them, after annotate mode in
// the root's order.
type harness struct {
	*annotest.Harness
	s *suggest.Feature // nil until suggest builds it
}

// newHarness builds annotate mode over arts (the first selected) with a
// store at path ("" for a new one), w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, path string, w, h int) *harness {
	tb.Helper()
	return newHarnessCtx(tb, arts, path, w, h, nil)
}

func newHarnessCtx(tb testing.TB, arts []*model.Article, path string, w, h int, c *ui.Context) *harness {
	tb.Helper()
	return &harness{Harness: annotest.New(tb, arts, path, w, h, c)}
}

// suggest builds the suggestions (on: shown at start) with keeper, plugs
// them into annotate mode as the root does, and runs their Init.
func (h *harness) suggest(keeper suggest.ModelKeeper, on bool) {
	h.s = suggest.New(suggest.Deps{Ctx: h.Ctx, Host: h.Host, Docs: h.Sess, Annotate: annotateHook{h.Ann}, Keeper: keeper, On: on})
	h.Ann.SetSuggestions(h.s.Hook())
	h.Add(h.s)
	h.Run(h.s.Init())
}

// annotateHook is annotate mode as the suggestions see it, as the root's
// suggestAnnotate (tui/wire_suggest.go) has it.
type annotateHook struct{ f *annotate.Feature }

func (a annotateHook) Active() bool       { return a.f.Active() }
func (a annotateHook) Leading() bool      { return !a.f.ExtensionLeads() }
func (a annotateHook) Pane() suggest.Pane { return a.f.Pane() }

func (a annotateHook) Capture(start, end int) func(int, suggest.Change) tea.Cmd {
	t := a.f.Capture(start, end)
	return func(focus int, change suggest.Change) tea.Cmd { return a.f.QueueEditAt(t, focus, change) }
}

func (a annotateHook) TagAll(corpus bool, text, label string, avoid []model.Span) tea.Cmd {
	return a.f.TagAll(corpus, text, label, avoid)
}
