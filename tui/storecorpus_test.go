package tui

import (
	"testing"
	"time"

	"storydesk/data/store/snapshots"

	tea "charm.land/bubbletea/v2"
)

// A reader over a store's own snapshots has no files to compare them with:
// the changed-on-disk scan must not read every annotated article back.
func TestStoreCorpusSkipsChangedOnDiskScan(t *testing.T) {
	path := tempDB(t)
	importFixture(t, path)

	// Control: the same store under a file-like source does scan.
	m, _ := startStore(t, entitySource(), path, 100, 30)
	m.life.changedDone = false
	if m.scanChanged() == nil {
		t.Fatal("control: a corpus with an annotated article schedules no changed-on-disk scan")
	}

	st := openStore(t, path)
	sc, err := snapshots.Open(ctx(), st)
	if err != nil || sc.Len() != 1 {
		t.Fatalf("store corpus: %v, %d articles", err, sc.Len())
	}
	m2 := NewFromSource(sc, Options{NoColor: true, Workers: 1, Store: st, Annotator: "tester", saveDelay: time.Millisecond})
	send(t, m2, tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(t, m2, m2.Init())
	if m2.sess == nil || m2.sess.Hashes() == nil || m2.br.Loading() {
		t.Fatal("the store-backed reader did not finish loading")
	}
	m2.life.changedDone = false
	if m2.scanChanged() != nil {
		t.Fatal("a reader over the store's snapshots schedules a changed-on-disk scan")
	}
}
