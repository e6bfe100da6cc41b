package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storydesk/data/store/guard"
	"storydesk/model"
)

// Write faults said in words, and a damaged store that is never written
// into, whichever way the damage is found: by the check at open (before
// OpenSQLite returns, or in the background on a large store) or by any query
// that meets the damaged page later.

// damagedMidStore writes a closed store of 200 articles and flips the header
// of a B-tree page in the middle of the file (one of the articles table's):
// damage the header check cannot see and only reading that page finds. It
// returns the path and the damaged bytes.
func damagedMidStore(t *testing.T) (string, []byte) {
	t.Helper()
	path, b, _ := damagedMidStorePage(t)
	return path, b
}

// damagedMidStorePage is damagedMidStore, with the 0-based number of the
// page damaged.
func damagedMidStorePage(t *testing.T) (string, []byte, int) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "annotations.db")
	faultStore(t, path, 200)
	page := midArticlesPage(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := page * 4096; i < page*4096+12; i++ {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b, page
}

// midArticlesPage is the 0-based number of the middle leaf page of the
// articles table (the list's statuses read it): counted from the table,
// not the file, so that a migration adding tables does not move the damage
// onto a page no test reads.
func midArticlesPage(t *testing.T, path string) int {
	t.Helper()
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.Query(`SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pages []int
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		t.Fatal("the articles table has no leaf pages")
	}
	return pages[len(pages)/2] - 1
}

// setVar sets a package variable for one test.
func setVar[T any](t *testing.T, v *T, to T) {
	old := *v
	*v = to
	t.Cleanup(func() { *v = old })
}

// wantDamaged checks an error is the damaged-store refusal: it names the
// file, says damaged and points at README, Recovery.
func wantDamaged(t *testing.T, what string, err error, path string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: accepted by a damaged store", what)
	}
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("%s: not ErrStoreDamaged: %v", what, err)
	}
	for _, want := range []string{path, "damaged", "README, Recovery"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q lacks %q", what, err, want)
		}
	}
}

// tryWrites attempts every kind of write the store has; each must be refused.
func tryWrites(t *testing.T, s *SQLite, path string) {
	t.Helper()
	text := faultText(999)
	a := &model.Article{ID: "new.txt", Text: text}
	_, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON")))
	wantDamaged(t, "Do", err, path)
	_, _, err = s.Undo(ctx)
	wantDamaged(t, "Undo", err, path)
	wantDamaged(t, "SetState", s.SetState(ctx, "ui.x", "y"), path)
	wantDamaged(t, "PutSignatures", s.PutSignatures(ctx, 1, map[string][]byte{"h": {1}}), path)
	if s.Damaged() == nil {
		t.Error("Damaged() is nil on a store refusing writes")
	}
}

// checkUntouched closes s (when set) and checks the file still holds
// exactly the damaged bytes.
func checkUntouched(t *testing.T, s *SQLite, path string, want []byte) {
	t.Helper()
	if s != nil {
		s.Close()
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the damaged file was written to (%d bytes, was %d; %v)", len(got), len(want), err)
	}
}

// TestStoreDamagedPageRefusedAtOpen: a store small enough to be checked
// before OpenSQLite returns is refused at open.
func TestStoreDamagedPageRefusedAtOpen(t *testing.T) {
	path, bad := damagedMidStore(t)
	s, err := OpenSQLite(path, "tester")
	if err == nil {
		s.Close()
		t.Fatal("a store with a damaged page opened")
	}
	wantDamaged(t, "OpenSQLite", err, path)
	for _, want := range []string{"quick_check", "left untouched"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	t.Logf("refused: %v", err)
	checkUntouched(t, nil, path, bad)
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
		t.Errorf("the refused open left %d files in the folder", len(ents))
	}
}

// TestStoreDamagedPageFoundInBackground: a store too large to check before
// opening opens at once; a write made straight away waits for the
// background check, and is refused.
func TestStoreDamagedPageFoundInBackground(t *testing.T) {
	path, bad := damagedMidStore(t)
	setVar(t, &quickCheckSyncMax, 0)
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatalf("a large store is checked in the background, not refused at open: %v", err)
	}
	tryWrites(t, s, path)
	t.Logf("refused: %v", s.Damaged())
	// Reads go on where the pages are whole: the way out is an export.
	if _, err := s.State(ctx, "ui.tester.last"); err != nil {
		t.Errorf("reading a whole page of a damaged store: %v", err)
	}
	checkUntouched(t, s, path, bad)
}

// TestStoreDamageFoundByAQueryRefusesWrites: when the damage escapes the
// open-time check, the first query that meets it (here the list's statuses)
// fails naming the file, and from then on every write is refused.
func TestStoreDamageFoundByAQueryRefusesWrites(t *testing.T) {
	path, bad := damagedMidStore(t)
	setVar(t, &skipOpenCheck, true)
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if s.Damaged() != nil {
		t.Fatal("damaged before any query met the damage")
	}
	st, err := s.Hashes(ctx)
	if err == nil {
		t.Fatalf("read %d hashes across a damaged page without an error", len(st))
	}
	wantDamaged(t, "Hashes", err, path)
	tryWrites(t, s, path)
	checkUntouched(t, s, path, bad)
}

// TestStoreBackgroundCheckPassesOnASoundStore: the background check on a
// sound store lets writes through, and Close during a check returns.
func TestStoreBackgroundCheckPassesOnASoundStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, path, 50)
	setVar(t, &quickCheckSyncMax, 0)
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	text := faultText(500)
	if _, err := s.Do(ctx, tag(&model.Article{ID: "n.txt", Text: text}, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatalf("write after a passed check: %v", err)
	}
	if s.Damaged() != nil {
		t.Fatal(s.Damaged())
	}
	s.Close()
	s, err = OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // at once, the check maybe still running
		t.Fatal(err)
	}
}

// TestStoreDiskFullSaysSo fills the store to a page limit (SQLite's
// max_page_count: the same SQLITE_FULL a full disk gives). The refusal names
// the file and says "disk full"; nothing refused is stored; once there is
// room again the store takes writes (a full disk is not damage).
func TestStoreDiskFullSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, path, 5)
	s := openTestStore(t, path)
	s.db.SetMaxOpenConns(1) // the limit is per connection
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+4)); err != nil {
		t.Fatal(err)
	}
	var err error
	saved := 0
	for i := 0; i < 100; i++ {
		text := faultText(i) + strings.Repeat(" More words for the page.", 100)
		a := &model.Article{ID: fmt.Sprintf("full%03d.txt", i), Text: text}
		if _, err = s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
			break
		}
		saved++
	}
	if err == nil {
		t.Fatal("the store never filled")
	}
	t.Logf("%d saved, then: %v", saved, err)
	if !errors.Is(err, ErrFull) {
		t.Errorf("not ErrStoreFull: %v", err)
	}
	for _, want := range []string{"disk full", path} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, ok, _ := s.Doc(ctx, fmt.Sprintf("full%03d.txt", saved)); ok {
		t.Error("the refused action's article is in the store")
	}
	if s.Damaged() != nil {
		t.Fatalf("a full disk marked the store damaged: %v", s.Damaged())
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = 1000000"); err != nil {
		t.Fatal(err)
	}
	text := faultText(7)
	if _, err := s.Do(ctx, tag(&model.Article{ID: "after.txt", Text: text}, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatalf("with room again: %v", err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestStoreLockedSaysSo: another program holds the write lock longer than
// the busy timeout. The refusal names the file and says "locked"; once the
// lock is released the same action saves.
func TestStoreLockedSaysSo(t *testing.T) {
	setVar(t, &guard.BusyTimeout, 300*time.Millisecond)
	path := filepath.Join(t.TempDir(), "annotations.db")
	faultStore(t, path, 1)
	other := openTestStore(t, path) // as a second storydesk would
	s := openTestStore(t, path)
	tx, err := other.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	text := faultText(3)
	act := tag(&model.Article{ID: "l.txt", Text: text}, spanOf(t, text, "Ilse Varga", "PERSON"))
	t0 := time.Now()
	_, err = s.Do(ctx, act)
	waited := time.Since(t0)
	if err == nil {
		t.Fatal("saved while another program held the lock")
	}
	t.Logf("after %v: %v", waited.Round(time.Millisecond), err)
	if !errors.Is(err, ErrBusy) {
		t.Errorf("not ErrStoreBusy: %v", err)
	}
	for _, want := range []string{"locked", path, "another program"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if waited < 250*time.Millisecond {
		t.Errorf("gave up after %v, before the busy timeout", waited)
	}
	tx.Rollback()
	if _, err := s.Do(ctx, act); err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
}
