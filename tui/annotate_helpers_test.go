package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/internal/annotest"
	"storydesk/tui/internal/keytest"
)

// Fixture texts with names to tag (annotest's, which the feature
// packages' tests share). Offsets in tests are computed from these with
// runeIndex, never written by hand.
const (
	storyA = annotest.StoryA
	storyB = annotest.StoryB
	storyC = annotest.StoryC
)

// entitySource is three articles with entities, ids a.txt, b.txt, c.txt.
func entitySource() *fakeSource {
	f := &fakeSource{label: "entities", batch: 2}
	for i, text := range []string{storyA, storyB, storyC} {
		name := string(rune('a'+i)) + ".txt"
		f.add(name, &model.Article{Title: "Story " + strings.ToUpper(name[:1]), Source: "Harbour Gazette", Text: text, Raw: text, Words: len(strings.Fields(text))})
	}
	return f
}

// openStore opens a store on path, closed when the test ends.
func openStore(tb testing.TB, path string) *store.SQLite {
	tb.Helper()
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// startStore builds a reader with a store at path over src, w×h, NoColor.
func startStore(tb testing.TB, src Source, path string, w, h int) (*Model, *store.SQLite) {
	tb.Helper()
	st := openStore(tb, path)
	m := NewFromSource(src, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	drive(tb, m, m.Init())
	return m, st
}

func tempDB(tb testing.TB) string { return filepath.Join(tb.TempDir(), "annotations.db") }

// apress sends keys as press does and returns how many were sent.
func apress(tb testing.TB, m *Model, keys ...string) int {
	tb.Helper()
	for _, k := range keys {
		send(tb, m, keytest.Key(k))
	}
	return len(keys)
}

// runeIndex is the code point offset of the n-th (0-based) occurrence of
// sub in s.
func runeIndex(tb testing.TB, s, sub string, n int) int {
	tb.Helper()
	return annotest.RuneIndex(tb, s, sub, n)
}

// spansOf reads an article's spans from the store through a handle of its
// own (what is on disk, not what the UI holds).
func spansOf(tb testing.TB, path, id string) (*store.Doc, []model.Span) {
	tb.Helper()
	st := openStore(tb, path)
	doc, ok, err := st.Doc(ctx(), id)
	if err != nil {
		tb.Fatal(err)
	}
	if !ok {
		return nil, nil
	}
	return doc, doc.Spans
}

// enterAnnotate opens the selected article in annotate mode from the list.
func enterAnnotate(tb testing.TB, m *Model) {
	tb.Helper()
	press(tb, m, "enter", "enter")
	if !m.annotating() {
		tb.Fatalf("not in annotate mode; message %q", m.bar.message)
	}
}

// cursorText is the text under the annotate cursor.
func cursorText(m *Model) string {
	s, e := m.pane().CursorRange()
	return string(m.pane().Runes()[s:e])
}

// moveTo puts the annotate cursor on the n-th occurrence of word with w
// presses from the start (the way a user would), returning the presses.
func moveTo(tb testing.TB, m *Model, word string, n int) int {
	tb.Helper()
	apress(tb, m, "g")
	want := runeIndex(tb, m.pane().Text(), word, n)
	keys := 1
	for m.pane().CursorOffset() < want {
		before := m.pane().CursorOffset()
		apress(tb, m, "w")
		keys++
		if m.pane().CursorOffset() == before {
			tb.Fatalf("cannot reach %q", word)
		}
	}
	if m.pane().CursorOffset() != want {
		tb.Fatalf("cursor on %q, want %q", cursorText(m), word)
	}
	return keys
}

func ctx() context.Context { return context.Background() }

// panelShown reports a side panel beside the annotate text; quotesPanelShown
// that it is the quotes panel.
func panelShown(m *Model) bool {
	shown, _ := m.pane().Panel()
	return shown
}

func quotesPanelShown(m *Model) bool {
	_, ext := m.pane().Panel()
	return ext
}
