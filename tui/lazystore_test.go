package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store/lazy"
	"storydesk/tui/internal/keytest"
)

// lazyCorpus is a corpus folder of two articles and the reader over it
// with the store the reader gets by default (created at the first write).
func lazyCorpus(t *testing.T) (dir string, m *Model, lz *lazy.Store) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	dir = t.TempDir()
	for i, text := range []string{
		"Harbour talks resume\n\nIlse Varga met the ferry operators on Monday.\n\nThe talks went on late into the night.\n",
		"Market report\n\nPrices of cod rose again at the Port Ellis market.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, []string{"a.txt", "b.txt"}[i]), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lz, err = lazy.Open(c, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lz.Close() })
	m = NewFromSource(FromCorpus(c), Options{NoColor: true, Workers: 1, Store: lz, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(t, m, m.Init())
	return dir, m, lz
}

// storeFiles lists every file under the corpus and the XDG data folder.
func storeFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, root := range []string{dir, os.Getenv("XDG_DATA_HOME")} {
		filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err == nil && p != root && !strings.HasSuffix(p, ".txt") {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// Opening a corpus, reading it and quitting writes nothing.
func TestReadingCreatesNoStore(t *testing.T) {
	dir, m, lz := lazyCorpus(t)
	press(t, m, "j", "enter", "j", "j", "esc", "k", "?", "esc", "D", "esc")
	_, cmd := m.Update(keytest.Key("q"))
	drive(t, m, cmd)
	if files := storeFiles(t, dir); len(files) != 0 || lz.Exists() {
		t.Fatalf("reading wrote %v", files)
	}
}

// The first tag creates the store in the corpus, and the status line says
// where, once.
func TestFirstTagCreatesStoreAndSaysWhere(t *testing.T) {
	dir, m, lz := lazyCorpus(t)
	enterAnnotate(t, m)
	apress(t, m, "1")
	want := filepath.Join(dir, ".storydesk", "annotations.db")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("the first tag created no store at %s: %v (message %q)", want, err, m.bar.message)
	}
	if !lz.Exists() || !strings.Contains(m.bar.message, "Annotations are saved in "+want) {
		t.Fatalf("the status should say where the store is: %q", m.bar.message)
	}
	apress(t, m, "w", "w", "2")
	if strings.Contains(m.bar.message, "saved in") {
		t.Errorf("the store's place is said once, not at every tag: %q", m.bar.message)
	}
}

// Where the corpus folder cannot take a store, the first tag creates it
// under the XDG data folder, and the status says so. A read-only folder
// does not stop root, so the test also blocks .storydesk with a file.
func TestFirstTagInReadOnlyCorpusFallsBackToXDG(t *testing.T) {
	dir, m, _ := lazyCorpus(t)
	if err := os.WriteFile(filepath.Join(dir, ".storydesk"), []byte("not a folder"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	enterAnnotate(t, m)
	apress(t, m, "1")
	xdg := os.Getenv("XDG_DATA_HOME")
	if !strings.Contains(m.bar.message, "Annotations are saved in "+xdg) {
		t.Fatalf("the status should name the store under %s: %q", xdg, m.bar.message)
	}
	if fi, err := os.Stat(filepath.Join(dir, ".storydesk")); err != nil || fi.IsDir() {
		t.Error("the corpus folder was changed")
	}
}
