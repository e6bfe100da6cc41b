package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"storydesk/data/store/guard"
	"storydesk/model"
)

// Opening: the background check's outcome waited for, and store paths
// that are not plain URI text.

// TestStoreWaitCheckedReportsBackgroundDamage: a store checked in the
// background opens at once; WaitChecked returns the damage when the check
// has read the damaged page, naming the file, before any write was tried.
func TestStoreWaitCheckedReportsBackgroundDamage(t *testing.T) {
	path, bad := damagedMidStore(t)
	s, err := OpenSQLiteWith(path, "tester", SQLiteOptions{CheckInBackgroundOver: -1})
	if err != nil {
		t.Fatalf("a store checked in the background is not refused at open: %v", err)
	}
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	err = s.WaitChecked(wctx)
	wantDamaged(t, "WaitChecked", err, path)
	if s.Damaged() == nil || s.Damaged().Error() != err.Error() {
		t.Errorf("Damaged() %v differs from WaitChecked's %v", s.Damaged(), err)
	}
	tryWrites(t, s, path)
	checkUntouched(t, s, path, bad)
}

// TestStoreWaitCheckedSound: a sound store's background check ends in nil,
// a small store's check happened before open returned, and a context that
// ends first is reported as such.
func TestStoreWaitCheckedSound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, path, 20)
	for _, over := range []int64{-1, 0} {
		s, err := OpenSQLiteWith(path, "tester", SQLiteOptions{CheckInBackgroundOver: over})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WaitChecked(ctx); err != nil {
			t.Errorf("over %d: a sound store: %v", over, err)
		}
		s.Close()
	}
	// A check held up: the waiter's context ends it, not the check.
	s := &SQLite{guard: guard.New(path), checkDone: make(chan struct{})}
	c, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.WaitChecked(c); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait returned %v", err)
	}
}

// TestStorePathWithURICharacters: '?', '#' and '%' in a folder name are
// part of the file's name, not a URI's query, fragment or escape: the
// store is created at exactly that path and found there again.
func TestStorePathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a?b#c%20d e")
	path := filepath.Join(dir, "annotations.db")
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	text := faultText(1)
	if _, err := s.Do(ctx, tag(&model.Article{ID: "x.txt", Text: text}, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("the store is not at %s: %v", path, err)
	}
	ents, _ := os.ReadDir(filepath.Dir(dir))
	if len(ents) != 1 {
		t.Errorf("%d entries beside the store's folder (another file was made elsewhere)", len(ents))
	}
	s, err = OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, err := s.Statuses(ctx); err != nil || len(st) != 1 {
		t.Errorf("reopened: %d statuses, %v", len(st), err)
	}
}
