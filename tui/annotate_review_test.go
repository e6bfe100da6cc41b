package tui

import (
	"strings"
	"testing"

	"storydesk/tui/internal/annotest"
	"storydesk/tui/session"
)

// Reviewing imported annotations (tui/annotate): a Prodigy-style jsonl
// imported into the store with importer.JSONL, opened in annotate mode.

// importName is the file the fixture import says the annotations came
// from.
const importName = annotest.ImportName

// importFixture imports a.txt (storyA) with annotest.ImportedWords and
// the quotation into the store at path, as `storydesk import` does.
func importFixture(tb testing.TB, path string) {
	tb.Helper()
	annotest.ImportStoryA(tb, openStore(tb, path))
}

// startImported is a reader in annotate mode on the imported a.txt.
func startImported(tb testing.TB, w, h int) (*Model, string) {
	tb.Helper()
	path := tempDB(tb)
	importFixture(tb, path)
	m, _ := startStore(tb, entitySource(), path, w, h)
	enterAnnotate(tb, m)
	if m.pane().Text() != storyA || len(m.pane().Spans()) != 4 {
		tb.Fatalf("annotate mode does not show the import: %d spans", len(m.pane().Spans()))
	}
	return m, path
}

// In quotes mode, enter on an imported quotation accepts it (clears its
// source) rather than saying it is accepted already.
func TestQuotesModeAcceptsImportedQuotation(t *testing.T) {
	m, path := startImported(t, 120, 40)
	moveTo(t, m, "Ça", 0)
	apress(t, m, "Q", "enter")
	doc, _ := spansOf(t, path, "a.txt")
	if doc.Quotes[0].Source != "" || !strings.Contains(m.bar.message, "reviewed") {
		t.Fatalf("enter on the imported quotation: %+v %q", doc.Quotes[0], m.bar.message)
	}
	apress(t, m, "enter")
	if !strings.Contains(m.bar.message, "Already accepted") {
		t.Fatalf("second enter: %q", m.bar.message)
	}
}

// The store's counts for the list's review badge (browse.ReviewBadge).
func TestReviewCounts(t *testing.T) {
	path := tempDB(t)
	importFixture(t, path)
	msg := session.New(openStore(t, path), "tester").LoadReviewCounts()().(session.ReviewCountsMsg)
	if msg.Err != nil || msg.Counts["a.txt"] != 5 || len(msg.Counts) != 1 {
		t.Fatalf("counts %+v", msg)
	}
}
