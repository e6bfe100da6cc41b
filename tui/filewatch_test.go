package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// Real files changed and deleted under an open reader.

const (
	watchA  = "Harbour board meets\n\nMayor Ilse Varga of Port Ellis met the Harbour Board on Monday.\n"
	watchA2 = "Harbour board meets\n\nMayor Ilse Varga of Port Ellis cancelled the meeting with the Harbour Board, citing the storm warnings.\n"
	watchB  = "Ferry timetable\n\nThe island ferry will run twice a day from November.\n"
)

// watchCorpus writes a.txt and b.txt in a temporary folder, annotates a.txt
// in a store (so it has a snapshot), and opens the reader over the folder
// with the files looked at on every key. It returns the reader, the folder
// and the store.
func watchCorpus(t *testing.T) (*Model, string, *store.SQLite) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"a.txt": watchA, "b.txt": watchB} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, tempDB(t))
	var a *model.Article
	for i, it := range c.Items {
		if it.ID == "a.txt" {
			if a, err = c.Load(i); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := strings.Index(a.Text, "Ilse Varga")
	act := store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID,
		Span: model.Span{Start: len([]rune(a.Text[:start])), End: len([]rune(a.Text[:start])) + 10, Label: "PERSON", Text: "Ilse Varga"}}}}
	if _, err := st.Do(context.Background(), act); err != nil {
		t.Fatal(err)
	}
	m := New(c, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	m.br.LookEvery(0)
	send(t, m, teaSize(120, 30))
	drive(t, m, m.Init())
	return m, dir, st
}

// openItem selects the article id and puts the focus on it.
func openItem(t *testing.T, m *Model, id string) {
	t.Helper()
	press(t, m, "esc")
	i := m.itemIndex(id)
	if i < 0 || !m.br.Select(i) {
		t.Fatalf("no %s in the list", id)
	}
	send(t, m, teaSize(120, 30))
	press(t, m, "enter")
	if m.shownArticle() == nil || m.shownArticle().ID != id {
		t.Fatalf("%s not on screen", id)
	}
}

// TestFileChangedWhileOpen: the file of an annotated article on screen is
// rewritten. At the next key it is read again and shown as it is now, the
// article is marked changed on disk (list and bar), and annotate mode shows
// the annotations on the stored snapshot, which is untouched.
func TestFileChangedWhileOpen(t *testing.T) {
	m, dir, st := watchCorpus(t)
	openItem(t, m, "a.txt")
	if m.sess.Changed("a.txt") {
		t.Fatal("marked changed before any change")
	}
	// Shown from the cache after a trip to b.txt: no reload to notice it.
	openItem(t, m, "b.txt")
	openItem(t, m, "a.txt")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(watchA2), 0o644); err != nil {
		t.Fatal(err)
	}
	press(t, m, "j")
	if !m.sess.Changed("a.txt") {
		t.Fatalf("not marked changed; message %q", m.bar.message)
	}
	if _, changed := m.badge(m.itemIndex("a.txt")); !changed {
		t.Error("the list's badge does not mark it")
	}
	p := plain(m)
	if !strings.Contains(p, "changed on disk") || !strings.Contains(p, "storm warnings") {
		t.Errorf("the bar should mark it and the pane show the new text:\n%s", p)
	}
	if !strings.Contains(m.bar.message, "The file changed on disk") || !strings.Contains(m.bar.message, "R re-anchors") {
		t.Errorf("message %q", m.bar.message)
	}
	press(t, m, "enter")
	if !m.annotating() || !strings.Contains(m.pane().Text(), "met the Harbour Board") || len(m.pane().Spans()) != 1 {
		t.Errorf("annotate mode should show the snapshot with its span: annotating %v, spans %+v", m.annotating(), m.pane().Spans())
	}
	// Changed again while annotating: the snapshot stays under the cursor.
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(watchA2+"\nA third version.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	apress(t, m, "w")
	if !strings.Contains(m.bar.message, "annotating the text as it was annotated") || !strings.Contains(m.pane().Text(), "met the Harbour Board") {
		t.Errorf("while annotating: %q", m.bar.message)
	}
	doc, ok, err := st.Doc(context.Background(), "a.txt")
	if err != nil || !ok || !strings.Contains(doc.Text, "met the Harbour Board") {
		t.Errorf("the snapshot changed: %+v %v", doc, err)
	}
	checkFrame(t, m, 120, 30)
}

// TestFileDeletedWhileOpen: the file of the article on screen is deleted,
// while reading and while annotating. Nothing crashes, the text read before
// stays, the bar says the file is gone; a file put back is read again.
func TestFileDeletedWhileOpen(t *testing.T) {
	m, dir, _ := watchCorpus(t)
	openItem(t, m, "b.txt")
	os.Remove(filepath.Join(dir, "b.txt"))
	press(t, m, "j")
	p := plain(m)
	if !m.br.FileGone() || !strings.Contains(p, "gone from disk") || !strings.Contains(p, "twice a day") {
		t.Fatalf("gone %v; the bar should say so and the text stay:\n%s", m.br.FileGone(), p)
	}
	if _, marked := m.badge(m.itemIndex("b.txt")); !marked {
		t.Error("the list's badge does not mark it")
	}
	press(t, m, "r", "r", "k", "!")
	if got := overlayText(m); strings.Count(got, "gone from disk") != 1 || !strings.Contains(got, "b.txt") {
		t.Errorf("the problems screen should have it once, with the file:\n%s", got)
	}
	press(t, m, "esc")
	// Back again: read again, the mark goes.
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte(watchB+"\nA line added later.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	openItem(t, m, "b.txt")
	press(t, m, "j")
	if m.br.FileGone() || !strings.Contains(plain(m), "added later") {
		t.Errorf("a file put back: gone %v\n%s", m.br.FileGone(), plain(m))
	}
	// Annotating: the annotated article's file goes; the snapshot stays.
	openItem(t, m, "a.txt")
	press(t, m, "enter")
	if !m.annotating() {
		t.Fatalf("not annotating: %q", m.bar.message)
	}
	os.Remove(filepath.Join(dir, "a.txt"))
	apress(t, m, "w", "w")
	if !m.br.FileGone() || !strings.Contains(plain(m), "gone from disk") || len(m.pane().Spans()) != 1 {
		t.Errorf("while annotating: gone %v, spans %+v\n%s", m.br.FileGone(), m.pane().Spans(), plain(m))
	}
	for _, sz := range [][2]int{{40, 12}, {20, 6}, {80, 24}} {
		send(t, m, teaSize(sz[0], sz[1]))
		checkFrame(t, m, sz[0], sz[1])
	}
}
