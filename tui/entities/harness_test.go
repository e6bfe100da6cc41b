package entities_test

import (
	"testing"

	"storydesk/model"
	"storydesk/tui/entities"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/ui"
)

// The harness is tui/internal/annotest's (annotate mode with a screen
// stack and status line, a reader with a list of articles and a real store
// with its session, driven as the root drives it) with the entities
// plugged in as tui/wire_entities.go wires them: each message goes to
// annotate mode, then to the entities.
type harness struct {
	*annotest.Harness
	e *entities.Feature
}

// newHarness builds annotate mode with the entities over arts (the first
// selected) with a store at path ("" for a new one), w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, path string, w, h int) *harness {
	tb.Helper()
	return newHarnessCtx(tb, arts, path, w, h, nil)
}

func newHarnessCtx(tb testing.TB, arts []*model.Article, path string, w, h int, c *ui.Context) *harness {
	tb.Helper()
	hs := &harness{Harness: annotest.New(tb, arts, path, w, h, c)}
	hs.e = hs.AddEntities()
	return hs
}
