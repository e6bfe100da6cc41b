package annotate_test

import (
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/ui"
)

// The harness is tui/internal/annotest's: annotate mode with a screen
// stack and status line, a reader with a list of articles and a real store
// with its session, driven as the root drives it.
type harness struct{ *annotest.Harness }

// newHarness builds annotate mode over arts (the first selected) with a
// store at path ("" for a new one), w×h, without colour.
func newHarness(tb testing.TB, arts []*model.Article, path string, w, h int) *harness {
	tb.Helper()
	return newHarnessCtx(tb, arts, path, w, h, nil)
}

func newHarnessCtx(tb testing.TB, arts []*model.Article, path string, w, h int, c *ui.Context) *harness {
	tb.Helper()
	return &harness{annotest.New(tb, arts, path, w, h, c)}
}
