package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// sqliteFile makes a SQLite database the way another program would, with
// the statements given, in rollback-journal mode (sqlite3's default).
func sqliteFile(t *testing.T, path string, stmts ...string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// untouched fails unless path holds want and nothing was made beside it.
func untouched(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s was written to (%d bytes, was %d; %v)", filepath.Base(path), len(got), len(want), err)
	}
	for _, suf := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suf); err == nil {
			t.Errorf("%s%s was left beside it", filepath.Base(path), suf)
		}
	}
}

// TestStoreRefusesOtherProgramsDatabase: `--db notes.db` naming another
// program's SQLite file is refused with what it is, its bytes unchanged,
// with or without an application_id of its own.
func TestStoreRefusesOtherProgramsDatabase(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"notes.db", []string{"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('buy milk')"},
			"another program's SQLite database (its tables: notes)"},
		{"map.gpkg", []string{"PRAGMA application_id = 1196444487", "CREATE TABLE gpkg_contents (table_name TEXT)"},
			"a GeoPackage (application_id 0x47504b47)"},
		{"other.db", []string{"PRAGMA application_id = 305419896", "CREATE TABLE t (x)"},
			"another program's SQLite database (application_id 0x12345678)"},
		{"versioned.db", []string{"PRAGMA user_version = 7"},
			"an empty SQLite database with a schema version of its own"},
		// Named like a store and holding a table of the same name: still not ours.
		{"annotations.db", []string{"CREATE TABLE articles (url TEXT)", "PRAGMA user_version = 1"},
			"another program's SQLite database (its tables: articles)"},
	} {
		path := filepath.Join(dir, c.name)
		before := sqliteFile(t, path, c.stmts...)
		s, err := OpenSQLite(path, "x")
		if err == nil {
			s.Close()
			t.Errorf("%s: opened as a store", c.name)
		} else if !errors.Is(err, ErrNotStore) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "left untouched") {
			t.Errorf("%s: %v\nwant %q", c.name, err, c.want)
		}
		untouched(t, path, before)
	}
}

// TestStoreRefusesNewerStoreUntouched: a store from a newer storydesk is
// refused before a byte of it is written (its header, its journal mode).
func TestStoreRefusesNewerStoreUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s := openTestStore(t, path)
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// As a newer storydesk might leave it: in rollback-journal mode.
	db, _ := sql.Open("sqlite", path)
	db.Exec("PRAGMA journal_mode = DELETE")
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := OpenSQLite(path, "x"); !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), "left untouched") {
		t.Fatalf("want ErrSchemaTooNew, got %v", err)
	}
	untouched(t, path, before)
}

// TestStoreStampsOlderStores: a store made before the application_id
// existed opens, keeps its annotations and is stamped; a fresh store and
// an empty database get the stamp too.
func TestStoreStampsOlderStores(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	faultStore(t, path, 3)
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec("PRAGMA application_id = 0"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	empty := filepath.Join(dir, "empty.db")
	sqliteFile(t, empty, "PRAGMA page_size = 4096", "VACUUM")
	zero := filepath.Join(dir, "zero.db")
	os.WriteFile(zero, nil, 0o644)
	for _, p := range []string{path, empty, zero, filepath.Join(dir, "new.db")} {
		s, err := OpenSQLite(p, "tester") // faultStore's annotator: their layer
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		var app int64
		s.db.QueryRow("PRAGMA application_id").Scan(&app)
		st, _ := s.Statuses(ctx)
		s.Close()
		if uint32(app) != ApplicationID {
			t.Errorf("%s: application_id %#x", filepath.Base(p), app)
		}
		if p == path && len(st) != 3 {
			t.Errorf("the older store lost articles: %v", st)
		}
	}
}

// TestStoreRefusesNonFiles: --db naming a folder, a named pipe or a device
// is refused at once (a pipe used to hang), leaving nothing beside it.
func TestStoreRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	paths := map[string]string{filepath.Join(dir, "folder"): "a folder"}
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.db"), 0o600); err == nil {
		paths[filepath.Join(dir, "fifo.db")] = "a named pipe"
	}
	dev := filepath.Join(dir, "null.db")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		paths[dev] = "a device"
	} else if _, err := os.Stat("/dev/null-journal"); err != nil {
		// Without mknod (not root): /dev/null itself; checked below that
		// no -journal appears beside it.
		paths["/dev/null"] = "a device"
	}
	for p, what := range paths {
		done := make(chan error, 1)
		go func() {
			s, err := OpenSQLite(p, "x")
			if err == nil {
				s.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotStore) || !strings.Contains(err.Error(), "it is "+what+", not a file") {
				t.Errorf("%s: %v", p, err)
			}
		case <-time.After(time.Minute): // a hang, not a slow machine
			t.Fatalf("%s: OpenSQLite did not return", p)
		}
		for _, suf := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(p + suf); err == nil {
				t.Errorf("%s%s was left behind", p, suf)
			}
		}
	}
}
