package tui

import (
	"os"
	"path/filepath"
	"testing"

	"storydesk/data/corpus"
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

// Reopened, duplicate detection reads no article a second time: the list's
// read hashed each one, and the store holds their signatures. An article
// read again since (opened in the reader) is read again by detection.
func TestDupsReopenReadsNothingTwice(t *testing.T) {
	dir, path := sampleDir(t), tempDB(t)
	m, _ := startStore(t, dirSource(t, dir), path, 120, 40)
	r := m.dups.rep
	if r == nil || r.Read != r.Articles || r.Computed == 0 || len(r.Pairs) != 3 {
		t.Fatalf("first run: %+v", r)
	}
	press(t, m, "q")

	m2, _ := startStore(t, dirSource(t, dir), path, 120, 40)
	r2 := m2.dups.rep
	if r2 == nil || r2.Articles != r.Articles || r2.Computed != 0 || len(r2.Pairs) != 3 {
		t.Fatalf("reopened: %+v", r2)
	}
	if r2.Read != 0 {
		t.Fatalf("reopened: detection read %d articles again, want none", r2.Read)
	}

	// An article loaded in full after the list read it (it may have changed
	// on disk, or by a correction) is no longer known: detection reads it.
	before := len(m2.store.knownTexts())
	i := m2.itemIndex("clean-lighthouse.txt")
	m2.list.selectItem(i)
	drive(t, m2, m2.syncDetail())
	if m2.detail.art == nil || m2.detail.art.ID != "clean-lighthouse.txt" {
		t.Fatalf("reader shows %v", m2.detail.art)
	}
	after := m2.store.knownTexts()
	if len(after) != before-1 {
		t.Fatalf("%d known texts after opening one, want %d", len(after), before-1)
	}
	for _, k := range after {
		if k.Index == i {
			t.Fatal("the article read again is still known by its streamed hash")
		}
	}
}
