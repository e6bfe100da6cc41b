package store

import (
	"context"
	"time"

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
			postgres.Listen(ctx, s.db, watchPoll, poke)
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
