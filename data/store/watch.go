package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"

	"github.com/jackc/pgx/v5"

	"storydesk/data/store/guard"
	"storydesk/data/store/postgres"
)

// Live updates: a reader learns within about a second what other sessions
// changed, so two readers on one store (two annotators, or one annotator
// twice) see each other's work. Every action logs the articles it changed
// in the changes table (logChanges); a watcher wakes when the database
// changes — PRAGMA data_version on SQLite, LISTEN/NOTIFY on PostgreSQL —
// and reads the rows logged since by other sessions.

// Change is one article changed by another session (Article is
// AllArticles after an import or an assignment of many).
type Change struct {
	Seq       int64
	Article   string
	Annotator string
	Session   string
}

// Watcher delivers other sessions' changes until ctx ends or the store is
// closed; the channel is then closed. Both backends offer it.
type Watcher interface {
	Watch(ctx context.Context) (<-chan []Change, error)
}

var _ Watcher = (*SQLite)(nil)

// watchPoll is how often SQLite's data_version is read, and how often a
// server watcher checks anyway (a notice may be lost while reconnecting).
var watchPoll = 250 * time.Millisecond

// Watch implements Watcher.
func (s *SQLite) Watch(ctx context.Context) (<-chan []Change, error) {
	var last int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&last); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	st := s.sess
	st.mu.Lock()
	st.watchers = append(st.watchers, cancel)
	st.watching.Add(2)
	st.mu.Unlock()
	out := make(chan []Change, 1)
	wake := make(chan struct{}, 1)
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	go func() {
		defer st.watching.Done()
		if s.pg {
			s.listenPG(ctx, poke)
		} else {
			s.pollDataVersion(ctx, poke)
		}
	}()
	go func() {
		defer st.watching.Done()
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			}
			cs, err := s.changesSince(ctx, last)
			if err != nil || len(cs) == 0 {
				continue
			}
			last = cs[len(cs)-1].Seq
			var theirs []Change
			for _, c := range cs {
				if c.Session != s.session {
					theirs = append(theirs, c)
				}
			}
			if len(theirs) == 0 {
				continue
			}
			select {
			case out <- theirs:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

func (s *SQLite) changesSince(ctx context.Context, seq int64) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, article_id, annotator, session FROM changes WHERE seq > ? ORDER BY seq LIMIT 10000`, seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Seq, &c.Article, &c.Annotator, &c.Session); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// pollDataVersion wakes the watcher when another connection has committed
// to the file: data_version changes then, on this connection, at no cost
// but the call.
func (s *SQLite) pollDataVersion(ctx context.Context, poke func()) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var was int64 = -1
	t := time.NewTicker(watchPoll)
	defer t.Stop()
	for {
		var v int64
		if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err == nil && v != was {
			if was >= 0 {
				poke()
			}
			was = v
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// listenPG wakes the watcher on every notice the server sends, and every
// few seconds anyway; a lost connection (the server restarted) is opened
// again.
func (s *SQLite) listenPG(ctx context.Context, poke func()) {
	for ctx.Err() == nil {
		conn, err := s.db.Conn(ctx)
		if err == nil {
			err = conn.Raw(func(dc any) error {
				pc := rawPG(dc)
				if pc == nil {
					return sql.ErrConnDone
				}
				if _, err := pc.Exec(ctx, `LISTEN storydesk_changes`); err != nil {
					return err
				}
				poke() // catch up on anything missed while away
				for {
					wctx, cancel := context.WithTimeout(ctx, 20*watchPoll)
					_, err := pc.WaitForNotification(wctx)
					cancel()
					if ctx.Err() != nil {
						return ctx.Err()
					}
					if err != nil && wctx.Err() == nil {
						return err // the connection is gone
					}
					poke()
				}
			})
			if err != nil {
				conn.Raw(func(any) error { return driver.ErrBadConn }) // never reuse it
			}
			conn.Close()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// rawPG is the pgx connection under database/sql's (guard, rebind).
func rawPG(dc any) *pgx.Conn {
	return postgres.Raw(guard.Unwrap(dc))
}

// stopWatching ends every watcher (Close).
func (s *SQLite) stopWatching() {
	st := s.sess
	st.mu.Lock()
	ws := st.watchers
	st.watchers = nil
	st.mu.Unlock()
	for _, cancel := range ws {
		cancel()
	}
	st.watching.Wait()
}
