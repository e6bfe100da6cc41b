package browse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/widgets"
)

// Real files changed and deleted under an open reader.

const (
	watchA  = "Harbour board meets\n\nMayor Ilse Varga of Port Ellis met the Harbour Board on Monday.\n"
	watchA2 = "Harbour board meets\n\nMayor Ilse Varga of Port Ellis cancelled the meeting with the Harbour Board, citing the storm warnings.\n"
	watchB  = "Ferry timetable\n\nThe island ferry will run twice a day from November.\n"
)

// watchHost opens a Browser over a.txt and b.txt in a temporary folder,
// looking at the files at every key; changed records FileChanged's calls.
func watchHost(t *testing.T) (h *host, dir string, changed *[]string) {
	t.Helper()
	dir = t.TempDir()
	for name, body := range map[string]string{"a.txt": watchA, "b.txt": watchB} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	h = newHost(t, browse.FromCorpus(c), 120, 28, browse.Hooks{
		FileChanged: func(a *model.Article, text string) string {
			calls = append(calls, a.ID)
			return text + " — noted"
		},
	})
	if browse.CorpusOf(h.b.Source()) != c {
		t.Fatal("CorpusOf")
	}
	h.b.LookEvery(0)
	h.drive(h.b.Init())
	return h, dir, &calls
}

// open selects the article id and puts the focus on it.
func (h *host) open(id string) {
	h.tb.Helper()
	h.press("esc")
	if i := h.b.IndexOf(id); i < 0 || !h.b.Select(i) {
		h.tb.Fatalf("no %s in the list", id)
	}
	h.press("enter")
	if a, _, _ := h.b.Article(); a == nil || a.ID != id {
		h.tb.Fatalf("%s not on screen", id)
	}
}

func TestFileChangedWhileOpen(t *testing.T) {
	h, dir, changed := watchHost(t)
	h.open("a.txt")
	// Shown from the cache after a trip to b.txt: no reload to notice it.
	h.open("b.txt")
	h.open("a.txt")
	if len(*changed) != 0 {
		t.Fatalf("changed before any change: %v", *changed)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(watchA2), 0o644); err != nil {
		t.Fatal(err)
	}
	h.press("j")
	if len(*changed) != 1 || (*changed)[0] != "a.txt" || !strings.Contains(h.plain(), "storm warnings") {
		t.Fatalf("FileChanged %v; the pane should show the new text:\n%s", *changed, h.plain())
	}
	if r := h.reports[len(h.reports)-1]; r.Text != "The file changed on disk: showing it as it is now — noted" || !r.Keep || !strings.Contains(r.Detail, "a.txt") {
		t.Fatalf("report %+v", r)
	}
	// Touched but not changed: nothing to say.
	n := len(h.reports)
	now := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(now, []byte(watchA2), 0o644); err != nil {
		t.Fatal(err)
	}
	h.press("j")
	if len(h.reports) != n || len(*changed) != 1 {
		t.Fatalf("a rewrite with the same text reported: %+v", h.reports[n:])
	}
}

func TestFileDeletedWhileOpen(t *testing.T) {
	h, dir, _ := watchHost(t)
	h.open("b.txt")
	i := h.b.IndexOf("b.txt")
	os.Remove(filepath.Join(dir, "b.txt"))
	h.press("j")
	var s widgets.StatusInfo
	h.b.Status(&s)
	if !h.b.FileGone() || !h.b.Gone(i) || !s.Gone || !strings.Contains(h.said(), "gone from disk") || !strings.Contains(h.plain(), "twice a day") {
		t.Fatalf("gone %v %q; the text should stay:\n%s", h.b.FileGone(), h.said(), h.plain())
	}
	if r := h.reports[len(h.reports)-1]; !r.Keep || !strings.Contains(r.Detail, "b.txt") {
		t.Fatalf("report %+v", r)
	}
	n := len(h.reports)
	h.press("r", "r", "k")
	if len(h.reports) != n {
		t.Fatal("said twice")
	}
	// Back again: read again, the mark goes.
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte(watchB+"\nA line added later.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.open("b.txt")
	h.press("j")
	if h.b.FileGone() || h.b.Gone(i) || !strings.Contains(h.plain(), "added later") {
		t.Errorf("a file put back: gone %v\n%s", h.b.FileGone(), h.plain())
	}
	// Another article's file going is marked, but said only on screen.
	a := h.b.IndexOf("a.txt")
	h.open("a.txt")
	os.Remove(filepath.Join(dir, "a.txt"))
	h.open("b.txt")
	h.open("a.txt")
	if !h.b.Gone(a) || !strings.Contains(h.said(), "gone from disk") {
		t.Fatalf("a.txt gone %v, %q", h.b.Gone(a), h.said())
	}
}
