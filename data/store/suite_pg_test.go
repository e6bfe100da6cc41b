package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// A SQLite store copied into PostgreSQL and back: every layer, status and
// undo step, byte for byte in what the store gives back.
func TestCopySQLiteToPostgresAndBack(t *testing.T) {
	dsn := pgSchemaDSN(t)
	dir := t.TempDir()
	src, err := store.OpenSQLite(filepath.Join(dir, "a.db"), "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	bob, _ := store.OpenSQLite(filepath.Join(dir, "a.db"), "bob")
	defer bob.Close()
	fillTwoLayers(t, src, bob)
	// What suggestions and stories keep goes across too.
	a := storetest.StoryArticle("a.txt")
	for _, act := range []store.Action{
		{Name: "reject", Article: a, Ops: []store.Op{{Kind: store.OpSetReject, Article: a.ID, Span: storetest.SpanOf(t, storetest.Story, "Harbour Board", "ORG"), Flag: true}}},
		{Name: "pin", Ops: []store.Op{{Kind: store.OpSetStoryLink, A: "a.txt", B: "b.txt", Link: store.StoryPin}}},
	} {
		if _, err := bob.Do(ctx, act); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.SaveModel(ctx, "ner", []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	pg, err := store.OpenPostgres(dsn, "alice")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.CopyStore(ctx, src, pg)
	if err != nil {
		t.Fatal(err)
	}
	if st["articles"] != 2 || st["actions"] != 7 || st["rejections"] != 1 || st["story_links"] != 1 || st["models"] != 1 {
		t.Fatalf("copied %v", st)
	}
	if _, err := store.CopyStore(ctx, src, pg); !errors.Is(err, store.ErrNotEmpty) {
		t.Fatalf("a second copy into the same store: %v", err)
	}
	back, err := store.OpenSQLite(filepath.Join(dir, "back.db"), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CopyStore(ctx, pg, back); err != nil {
		t.Fatal(err)
	}
	if blob, ok, err := back.LoadModel(ctx, "ner"); err != nil || !ok || string(blob) != "\x01\x02\x03" {
		t.Fatalf("the model back in SQLite: %v %v %v", blob, ok, err)
	}
	if d, ok, err := back.Layer("bob").Doc(ctx, "a.txt"); err != nil || !ok || len(d.Rejected) != 1 {
		t.Fatalf("bob's rejection back in SQLite: %+v %v", d, err)
	}
	for _, who := range []string{"alice", "bob"} {
		want := dumpLayer(t, src.Layer(who))
		if got := dumpLayer(t, pg.Layer(who)); got != want {
			t.Errorf("%s's layer in PostgreSQL:\n%s\nwant\n%s", who, got, want)
		}
		if got := dumpLayer(t, back.Layer(who)); got != want {
			t.Errorf("%s's layer back in SQLite:\n%s\nwant\n%s", who, got, want)
		}
	}
	// The undo history came across: alice's next session undoes her last
	// action there, and new spans get new ids.
	for _, s := range []*store.SQLite{pg, back} {
		act, ok, err := s.Undo(ctx)
		if err != nil || !ok || act.Name != "mark done" {
			t.Fatalf("undo after the copy: %q %v %v", act.Name, ok, err)
		}
		a := storetest.StoryArticle("a.txt")
		if _, err := s.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storetest.Story, "Kyōto", "GPE"))); err != nil {
			t.Fatalf("a new span after the copy: %v", err)
		}
	}
	pg.Close()
	back.Close()
}

func fillTwoLayers(t *testing.T, alice, bob store.Store) {
	t.Helper()
	a, b := storetest.StoryArticle("a.txt"), storetest.StoryArticle("b.txt")
	for _, act := range []store.Action{
		storetest.Tag(a, storetest.SpanOf(t, storetest.Story, "Ilse Varga", "PERSON")),
		storetest.Tag(b, storetest.SpanOf(t, storetest.Story, "Port Ellis", "GPE")),
		{Name: "label pair", Ops: []store.Op{{Kind: store.OpSetDupLabel, A: "a.txt", B: "b.txt", DupLabel: "duplicate"}}},
		{Name: "mark done", Ops: []store.Op{{Kind: store.OpSetStatus, Article: "a.txt", Status: "done"}}},
	} {
		if _, err := alice.Do(ctx, act); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := bob.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storetest.Story, "Mayor Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
}

// dumpLayer writes what a layer gives back, for comparing stores.
func dumpLayer(t *testing.T, s store.Store) string {
	t.Helper()
	var b strings.Builder
	err := s.EachDoc(ctx, store.DocFilter{}, func(d *store.ExportDoc) error {
		fmt.Fprintf(&b, "%s %s %s %v %v %v %v\n", d.ArticleID, d.Status, d.Hash, d.Spans, d.Quotes, d.Pairs, d.Canonical)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Statuses(ctx)
	fmt.Fprintln(&b, st)
	return b.String()
}
