package tui

import (
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/tui/internal/keytest"
)

// The acceptance flow of issue #3: tag a two-word name in at most four
// keys, relabel, delete, undo, redo, quit, reopen and find it again.
func TestAnnotateAcceptanceFlow(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	if got := cursorText(m); got != "Mayor" {
		t.Fatalf("cursor starts on %q, want the first word", got)
	}

	// Mayor → Ilse (w), extend to Varga (shift+right), PERSON (1).
	keys := apress(t, m, "w", "shift+right", "1")
	if keys > 4 {
		t.Fatalf("%d keys to tag a two-word name", keys)
	}
	start := runeIndex(t, storyA, "Ilse Varga", 0)
	_, spans := spansOf(t, path, "a.txt")
	if len(spans) != 1 || spans[0].Start != start || spans[0].End != start+10 || spans[0].Text != "Ilse Varga" || spans[0].Label != "PERSON" {
		t.Fatalf("stored spans %+v, want PERSON “Ilse Varga” at %d–%d", spans, start, start+10)
	}
	if !strings.Contains(m.bar.message, "Tagged “Ilse Varga” PERSON") || m.pane().Selecting() {
		t.Fatalf("after tagging: message %q, selection %v", m.bar.message, m.pane().Selecting())
	}
	if !strings.Contains(plain(m), "PERSON “Ilse Varga”") {
		t.Fatalf("status line does not name the span under the cursor:\n%s", plain(m))
	}
	if doc, _ := spansOf(t, path, "a.txt"); doc.Status != model.StatusInProgress {
		t.Fatalf("first annotation should set in-progress, got %q", doc.Status)
	}

	// Another number on the span changes its label.
	apress(t, m, "2")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 1 || spans[0].Label != "ORG" || spans[0].Start != start {
		t.Fatalf("relabel: %+v", spans)
	}
	// x deletes it.
	apress(t, m, "x")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 0 {
		t.Fatalf("delete: %+v", spans)
	}
	if len(m.pane().Spans()) != 0 {
		t.Fatal("the deleted span is still on screen")
	}
	// u brings it back (as ORG), naming what was undone; ctrl+r deletes it again.
	apress(t, m, "u")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 1 || spans[0].Label != "ORG" {
		t.Fatalf("undo delete: %+v", spans)
	}
	if !strings.HasPrefix(m.bar.message, "Undid: delete ORG “Ilse Varga”") {
		t.Fatalf("undo message %q", m.bar.message)
	}
	apress(t, m, "ctrl+r")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 0 || !strings.HasPrefix(m.bar.message, "Redid: delete") {
		t.Fatalf("redo: %+v %q", spans, m.bar.message)
	}
	apress(t, m, "u", "u")
	if _, spans = spansOf(t, path, "a.txt"); len(spans) != 1 || spans[0].Label != "PERSON" {
		t.Fatalf("undo twice (delete, relabel): %+v", spans)
	}
	// Move on a few words, then quit.
	apress(t, m, "w", "w")
	wantCursor := m.pane().CursorOffset()
	if !quits(m, "q") {
		t.Fatal("q did not quit")
	}

	// A new program on the same store: same article, annotate mode, cursor
	// where it was, the span highlighted, the list badge.
	m2, _ := startStore(t, entitySource(), path, 120, 40)
	if !m2.annotating() || m2.pane().ID() != "a.txt" {
		t.Fatalf("not restored to annotating a.txt: annotating %v id %q", m2.annotating(), m2.pane().ID())
	}
	if m2.pane().CursorOffset() != wantCursor {
		t.Fatalf("cursor restored at %d, want %d", m2.pane().CursorOffset(), wantCursor)
	}
	if len(m2.pane().Spans()) != 1 || m2.pane().Spans()[0].Text != "Ilse Varga" {
		t.Fatalf("span not shown after reopening: %+v", m2.pane().Spans())
	}
	apress(t, m2, "esc")
	press(t, m2, "esc") // to the list
	if !strings.Contains(plain(m2), "◐") {
		t.Fatalf("no in-progress badge in the list:\n%s", plain(m2))
	}
}

// Without a store every key that annotates says so, once, in one place:
// enter on the article, Q, u, ctrl+r, d and R; nothing else happens.
func TestWithoutAStore(t *testing.T) {
	m := start(t, entitySource(), 120, 40)
	const want = "Annotating needs an annotation store (this reader was started without one)"
	for _, keys := range [][]string{{"d"}, {"u"}, {"ctrl+r"}, {"R"}, {"Q"}, {"tab", "enter"}} {
		for _, k := range keys {
			send(t, m, keytest.Key(k))
		}
		if m.bar.message != want || m.annotating() || screenName(m) != "" {
			t.Fatalf("%v without a store: %q (annotating %v, screen %q)", keys, m.bar.message, m.annotating(), screenName(m))
		}
		press(t, m, "esc")
	}
	if p := plain(m); strings.Contains(p, "done") {
		t.Fatalf("no store, no progress in the status bar:\n%s", p)
	}
}

// The duplicates screen opened over annotate mode has the keys and the
// body until it is closed (d is not done there, u still undoes), and
// annotate mode is back as it was.
func TestDuplicatesOverAnnotateMode(t *testing.T) {
	path := tempDB(t)
	m, _ := startStore(t, entitySource(), path, 120, 40)
	enterAnnotate(t, m)
	apress(t, m, "w", "shift+right", "1")
	press(t, m, "D")
	if m.mode() != "DUPS" || strings.Contains(plain(m), "1 PERSON 2 ORG") {
		t.Fatalf("D in annotate mode: mode %q\n%s", m.mode(), plain(m))
	}
	press(t, m, "d")
	if doc, _ := spansOf(t, path, "a.txt"); doc.Status == model.StatusDone {
		t.Fatal("d on the duplicates screen marked the article done")
	}
	press(t, m, "u")
	if _, spans := spansOf(t, path, "a.txt"); len(spans) != 0 || !strings.HasPrefix(m.bar.message, "Undid: tag PERSON") {
		t.Fatalf("u on the duplicates screen: %q", m.bar.message)
	}
	press(t, m, "esc")
	if m.mode() != "ANNOTATE" || !strings.Contains(plain(m), "1 PERSON 2 ORG") || cursorText(m) != "Ilse" {
		t.Fatalf("esc from the duplicates screen: mode %q, cursor on %q", m.mode(), cursorText(m))
	}
}
