package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"

	"storydesk/data/store/guard"
	"storydesk/data/store/postgres"
)

// The PostgreSQL store is the SQLite store's code over another database/sql
// driver: pgx, behind a connector that rewrites SQLite's ? placeholders to
// PostgreSQL's $n. Every query in this package is written in the SQL both
// share (RETURNING, ON CONFLICT, quoted "end"), so a method added for
// SQLite works on a server too; what differs is here, in migrate_pg.go and
// in data/store/postgres: opening (with errors that name the server and
// never the password), the schema version, writes of one annotator
// serialised by an advisory lock (sessions.go's beginWrite), and change
// notices by LISTEN/NOTIFY.

// pgConnectTimeout bounds how long opening waits for a server that does
// not answer.
var pgConnectTimeout = 10 * time.Second

// OpenPostgres opens (creating its tables if needed) the store in the
// PostgreSQL database dsn names, as annotator. libpq's environment
// variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE …)
// fill in what dsn leaves out, as pgx reads them. Errors name the server
// and the database, never the password; a schema from a newer storydesk is
// refused untouched (ErrSchemaTooNew).
func OpenPostgres(dsn, annotator string) (*SQLite, error) {
	cfg, err := postgres.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	where := postgres.Name(cfg)
	cfg.ConnectTimeout = pgConnectTimeout
	// database/sql prepares and caches statements itself (opTx); pgx's own
	// statement cache would keep one per query text per connection.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	g := guard.New(where)
	g.CheckDone() // nothing to check on a server: it keeps its own pages
	db := sql.OpenDB(g.Connector(postgres.Connector(*cfg)))
	db.SetMaxOpenConns(8)
	s := &SQLite{db: db, wcache: &writeCache{}, path: where, annotator: annotator, now: time.Now, guard: g, checkDone: make(chan struct{}),
		session: newSessionID(), sess: &sessionState{}, pg: true}
	close(s.checkDone)
	ctx, cancel := context.WithTimeout(context.Background(), pgConnectTimeout+time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, postgres.OpenError(where, cfg, err)
	}
	if err := s.migratePG(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
