package store_test

import (
	"path/filepath"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// TestSuiteSQLite runs the behaviour every backend shares on SQLite (the
// PostgreSQL run is in pgstore).
func TestSuiteSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) func(string) store.Store {
		path := filepath.Join(t.TempDir(), "suite.db")
		return func(annotator string) store.Store {
			s, err := store.OpenSQLiteWith(path, annotator, store.SQLiteOptions{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}
