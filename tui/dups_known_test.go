package tui

import (
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"
)

// sampleDir copies the sample corpus into a folder, so it is read from files
// as a user's corpus is.
func sampleDir(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	src := filepath.Join("..", "data", "corpus", "sample")
	ents, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func dirSource(tb testing.TB, dir string) Source {
	tb.Helper()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return FromCorpus(c)
}

// startGone is startStore over dir whose files are all deleted once the
// list has read them, just before detection starts: what detection finds
// it found without reading any file. D is pressed then too, so detection
// says what it found.
func startGone(tb testing.TB, dir, path string) *Model {
	tb.Helper()
	m := NewFromSource(dirSource(tb, dir), Options{NoColor: true, Workers: 1, Store: openStore(tb, path), Annotator: "tester"})
	send(tb, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	queue := []tea.Cmd{m.Init()}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if _, ok := msg.(browse.StreamDoneMsg); ok {
				ents, err := os.ReadDir(dir)
				if err != nil {
					tb.Fatal(err)
				}
				for _, e := range ents {
					if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
						tb.Fatal(err)
					}
				}
				_, open := m.Update(keytest.Key("D"))
				queue = append(queue, open)
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m
}

// Reopened, duplicate detection reads no article a second time: the list's
// read hashed each one, and the store holds their signatures. An article
// read again since (opened in the reader) is read again by detection.
func TestDupsReopenReadsNothingTwice(t *testing.T) {
	dir, path := sampleDir(t), tempDB(t)
	m, _ := startStore(t, dirSource(t, dir), path, 120, 40)
	openDupsScreen(t, m)
	if got := pairListOrder(t, m); len(got) != 3 {
		t.Fatalf("first run: pairs %v", got)
	}
	press(t, m, "q")

	// The files are gone by the time detection runs: it still finds the
	// three pairs, so it read none of them.
	m2 := startGone(t, sampleDir(t), path)
	if m2.bar.message != "3 candidate pairs of copies among 12 articles" {
		t.Fatalf("reopened: detection read articles again: %q", m2.bar.message)
	}
	// On a first run the list's read took every article's sketch, so
	// detection compares all twelve without reading them; scoring its
	// candidates needs their texts, which are gone: no pairs (the report
	// names the files it could not read).
	m3 := startGone(t, sampleDir(t), tempDB(t))
	if m3.bar.message != "0 candidate pairs of copies among 12 articles" {
		t.Fatalf("first run with the files gone: %q", m3.bar.message)
	}

	// An article loaded in full after the list read it (it may have changed
	// on disk, or by a correction) is no longer known: detection reads it.
	m4, _ := startStore(t, dirSource(t, dir), path, 120, 40)
	before := len(m4.br.KnownTexts())
	i := m4.itemIndex("clean-lighthouse.txt")
	m4.br.Select(i)
	drive(t, m4, m4.br.Sync())
	if m4.shownArticle() == nil || m4.shownArticle().ID != "clean-lighthouse.txt" {
		t.Fatalf("reader shows %v", m4.shownArticle())
	}
	after := m4.br.KnownTexts()
	if len(after) != before-1 {
		t.Fatalf("%d known texts after opening one, want %d", len(after), before-1)
	}
	for _, k := range after {
		if k.Index == i {
			t.Fatal("the article read again is still known by its streamed hash")
		}
	}
}

// Once duplicate detection has taken the sketches the list's read took,
// the list holds none (at 100k articles they were over 50 MB held for
// nothing); the text hashes stay (the changed-on-disk check reads them).
func TestListLetsGoOfSketchesDetectionTook(t *testing.T) {
	m, _ := startStore(t, dirSource(t, sampleDir(t)), tempDB(t), 120, 40)
	openDupsScreen(t, m)
	press(t, m, "q")
	known := m.br.KnownTexts()
	if len(known) == 0 {
		t.Fatal("no known texts after the read")
	}
	for _, k := range known {
		if k.Hash == "" || k.Sketch.Current() {
			t.Fatalf("%s: hash %q, sketch kept %v", k.ID, k.Hash, k.Sketch.Current())
		}
	}
}
