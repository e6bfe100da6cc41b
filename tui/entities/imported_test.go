package entities_test

import (
	"strings"
	"testing"

	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/celltest"
)

// The entities panel over imported annotations: a Prodigy-style jsonl
// imported into the store with importer.JSONL, opened in annotate mode.

// startImported is annotate mode on a.txt, imported as `storydesk import`
// does.
func startImported(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, annotest.Articles(), "", w, h)
	hs.Import()
	return hs
}

// The entities panel counts and marks what is still imported.
func TestEntitiesPanelMarksImported(t *testing.T) {
	h := startImported(t, 120, 38)
	h.Press("e")
	p := celltest.Plain(h.View())
	if !strings.Contains(p, "4 · ↓4") || !strings.Contains(p, "PERSON 3 ↓3") || !strings.Contains(p, "Port Ellis ↓1") {
		t.Fatalf("entities panel:\n%s", p)
	}
	h.MoveTo("Port", 0)
	h.Press("y")
	if p := celltest.Plain(h.View()); !strings.Contains(p, "4 · ↓3") || strings.Contains(p, "Port Ellis ↓") {
		t.Fatalf("entities panel after accepting Port Ellis:\n%s", p)
	}
	for _, c := range celltest.Find(t, h.View(), "Tomas Berg ↓1") {
		if c.Text == "T" && !c.Under {
			t.Fatalf("imported name not drawn as imported: %+v", c.State)
		}
	}
}
