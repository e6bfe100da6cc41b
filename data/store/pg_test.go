package store_test

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// A server that is not there, a database that is not there and a refused
// password: each said in words that name the server, never the password.
func TestPostgresOpenErrors(t *testing.T) {
	dsn := pgDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	// A role with a password the test server checks (it trusts loopback
	// otherwise, so a password only matters where pg_hba asks for one).
	missingDB := *u
	missingDB.Path = "/no_such_db_here"
	missingDB.User = url.UserPassword(u.User.Username(), "pa55word-secret")
	_, err = store.OpenPostgres(missingDB.String(), "alice")
	if err == nil || !strings.Contains(err.Error(), `no database "no_such_db_here"`) || !strings.Contains(err.Error(), u.Host) ||
		strings.Contains(err.Error(), "pa55word-secret") {
		t.Errorf("missing database: %v", err)
	}
	closed := *u
	closed.Host = "127.0.0.1:1" // nothing listens on port 1
	closed.User = url.UserPassword("bob", "pa55word-secret")
	_, err = store.OpenPostgres(closed.String(), "alice")
	if err == nil || !strings.Contains(err.Error(), "cannot reach the server") || !strings.Contains(err.Error(), "127.0.0.1:1") ||
		strings.Contains(err.Error(), "pa55word-secret") {
		t.Errorf("no server: %v", err)
	}
	var se *store.Error
	if !errors.As(err, &se) {
		t.Errorf("not a *store.Error: %T", err)
	}
	_, err = store.OpenPostgres("postgres://bob:pa55word-secret@[::1/x", "alice")
	if err == nil || strings.Contains(err.Error(), "pa55word-secret") {
		t.Errorf("bad DSN: %v", err)
	}
}

// The libpq environment variables fill in what the DSN leaves out.
func TestPostgresEnvironment(t *testing.T) {
	dsn := pgSchemaDSN(t)
	u, _ := url.Parse(dsn)
	host, port, _ := strings.Cut(u.Host, ":")
	t.Setenv("PGHOST", host)
	t.Setenv("PGPORT", port)
	t.Setenv("PGUSER", u.User.Username())
	t.Setenv("PGSSLMODE", "disable")
	s, err := store.OpenPostgres("postgres:///"+strings.TrimPrefix(u.Path, "/")+"?"+u.RawQuery, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.Contains(s.Path(), u.Host) || !strings.Contains(s.Path(), u.User.Username()) {
		t.Errorf("Path %q should name the server from PGHOST/PGPORT/PGUSER", s.Path())
	}
}

func TestPostgresRefusesNewerSchema(t *testing.T) {
	dsn := pgSchemaDSN(t)
	s, err := store.OpenPostgres(dsn, "alice")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE storydesk_schema SET version = version + 1`); err != nil {
		t.Fatal(err)
	}
	_, err = store.OpenPostgres(dsn, "alice")
	if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "postgres://") {
		t.Fatalf("a newer schema: %v", err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM storydesk_schema`).Scan(&n)
	if n != 1 {
		t.Fatalf("the schema table was changed: %d rows", n)
	}
}

// Concurrent writers of one layer on a server: the advisory lock makes the
// overlap check hold (one of two overlapping tags wins, never both).
func TestPostgresOverlapUnderConcurrency(t *testing.T) {
	open := pgBackend(t)
	a := storetest.StoryArticle("x.txt")
	one, two := open("alice"), open("alice")
	for i := 0; i < 10; i++ {
		errs := make(chan error, 2)
		sp := storetest.SpanOf(t, storetest.Story, "Ilse Varga", "PERSON")
		sp2 := storetest.SpanOf(t, storetest.Story, "Mayor Ilse", "PERSON")
		go func() { _, err := one.Do(context.Background(), storetest.Tag(a, sp)); errs <- err }()
		go func() { _, err := two.Do(context.Background(), storetest.Tag(a, sp2)); errs <- err }()
		e1, e2 := <-errs, <-errs
		if (e1 == nil) == (e2 == nil) {
			t.Fatalf("round %d: both or neither stored: %v / %v", i, e1, e2)
		}
		d, _, _ := one.Doc(context.Background(), a.ID)
		if len(d.Spans) != 1 {
			t.Fatalf("round %d: %d spans", i, len(d.Spans))
		}
		if _, ok, err := one.Undo(context.Background()); !ok || err != nil {
			if _, ok, err = two.Undo(context.Background()); !ok || err != nil {
				t.Fatalf("round %d: neither session could undo: %v", i, err)
			}
		}
	}
}
