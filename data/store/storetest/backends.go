package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"storydesk/data/store"
)

// Backends for tests outside data/store that touch a store: SQLite always,
// PostgreSQL when STORYDESK_TEST_PG names a server (each test then gets a
// schema of its own, dropped when it ends). Each opener is another session
// on one new, empty store, as annotator.
func Backends(t *testing.T) map[string]func(annotator string) *store.SQLite {
	out := map[string]func(string) *store.SQLite{}
	path := filepath.Join(t.TempDir(), "team.db")
	out["sqlite"] = func(who string) *store.SQLite {
		s, err := store.OpenSQLite(path, who)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	dsn := os.Getenv("STORYDESK_TEST_PG")
	if dsn == "" {
		pgSkip.Do(func() {
			fmt.Fprintln(os.Stderr, "storydesk: PostgreSQL halves skipped: set STORYDESK_TEST_PG to a server's DSN (dsn=$(.ci/pg start DIR) gives one)")
		})
		return out
	}
	var once sync.Once
	var schemaDSN string
	out["postgres"] = func(who string) *store.SQLite {
		once.Do(func() { schemaDSN = pgSchema(t, dsn) })
		s, err := store.OpenPostgres(schemaDSN, who)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return out
}

var (
	pgSkip    sync.Once
	pgSchemas atomic.Int64
)

// PGSchemaDSN is a DSN on the test server (STORYDESK_TEST_PG) whose
// search_path is a new schema of the test's own, or "" without a server.
func PGSchemaDSN(t *testing.T) string {
	dsn := os.Getenv("STORYDESK_TEST_PG")
	if dsn == "" {
		return ""
	}
	return pgSchema(t, dsn)
}

func pgSchema(t *testing.T, dsn string) string {
	schema := fmt.Sprintf("st_%d_%d", os.Getpid(), pgSchemas.Add(1))
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}
