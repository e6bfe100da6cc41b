package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// pgDSN is the PostgreSQL server the tests use: STORYDESK_TEST_PG, which
// .ci/run sets after starting a throw-away cluster (.ci/pg). Without it
// the PostgreSQL tests skip, saying so once.
func pgDSN(t testing.TB) string {
	dsn := os.Getenv("STORYDESK_TEST_PG")
	if dsn == "" {
		pgSkipOnce.Do(func() {
			fmt.Fprintln(os.Stderr, "storydesk: PostgreSQL tests skipped: set STORYDESK_TEST_PG to a server's DSN (dsn=$(.ci/pg start /tmp/pg) gives one; .ci/run does this)")
		})
		t.Skip("STORYDESK_TEST_PG is not set")
	}
	return dsn
}

var (
	pgSkipOnce sync.Once
	pgSchemas  atomic.Int64
)

// pgSchemaDSN makes a schema of its own on the server for one test
// (dropped when it ends) and returns a DSN whose search_path is it.
func pgSchemaDSN(t testing.TB) string {
	dsn := pgDSN(t)
	schema := fmt.Sprintf("t_%d_%d", os.Getpid(), pgSchemas.Add(1))
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

// pgBackend opens sessions on a new schema.
func pgBackend(t *testing.T) func(string) store.Store {
	dsn := pgSchemaDSN(t)
	return func(annotator string) store.Store {
		s, err := store.OpenPostgres(dsn, annotator)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() }) // before the schema is dropped
		return s
	}
}

// TestSuitePostgres runs the behaviour every backend shares on PostgreSQL.
func TestSuitePostgres(t *testing.T) {
	pgDSN(t)
	storetest.Run(t, pgBackend)
}
