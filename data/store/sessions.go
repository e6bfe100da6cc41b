package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"storydesk/data/store/postgres"
)

// Sessions: every store opened is one session with a random id. Its
// actions carry that id, so undo and redo in one reader never take back
// another reader's action, even of the same annotator. A session that
// writes (or Announces itself) is listed in the sessions table and renews
// its row while open; one closed, or silent for longer than sessionTTL
// (killed), has ended, and its actions pass to the annotator's next
// session: undo still reaches back across restarts.

// sessionTTL is how long a session's row stays live without renewal;
// heartbeatEvery is how often an open session renews it.
var (
	sessionTTL     = 45 * time.Second
	heartbeatEvery = 10 * time.Second
)

// AllArticles in a change notice means anything may have changed (an import).
const AllArticles = "*"

// sessionState is what a store keeps about its own session.
type sessionState struct {
	mu      sync.Mutex
	joined  bool
	stop    chan struct{}
	stopped chan struct{}

	watchers []context.CancelFunc // Watch's, ended by Close
	watching sync.WaitGroup
}

func newSessionID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// SessionID names this store's session (on its actions and change notices).
func (s *SQLite) SessionID() string { return s.session }

// Annotator names the layer this store reads and writes.
func (s *SQLite) Annotator() string { return s.annotator }

func (s *SQLite) nowMS() int64 { return s.now().UnixMilli() }

// liveSince is the oldest renewal of a session still open.
func (s *SQLite) liveSince() int64 { return s.nowMS() - sessionTTL.Milliseconds() }

// Announce lists this session as open (the reader calls it at start, so
// another reader of the same annotator can say so before either writes),
// and keeps it listed until Close.
func (s *SQLite) Announce(ctx context.Context) error {
	if err := s.viewOnly(); err != nil {
		return err
	}
	if ro := s.guard.ReadOnly(); ro != nil {
		return nil // a read-only store writes no action to own
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.register(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// register lists the session in tx (renewing its row) and, the first time,
// starts renewing it in the background.
func (s *SQLite) register(ctx context.Context, tx execer) error {
	st := s.sess
	st.mu.Lock()
	joined := st.joined
	st.mu.Unlock()
	if joined {
		return nil // listed, and renewed by the heartbeat
	}
	now := s.nowMS()
	if _, err := tx.ExecContext(ctx, `INSERT INTO sessions(id, annotator, started, seen) VALUES (?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET seen = excluded.seen`, s.session, s.annotator, now, now); err != nil {
		return err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.joined {
		st.joined = true
		st.stop, st.stopped = make(chan struct{}), make(chan struct{})
		go s.heartbeat(st.stop, st.stopped)
	}
	return nil
}

func (s *SQLite) heartbeat(stop, stopped chan struct{}) {
	defer close(stopped)
	t := time.NewTicker(heartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), heartbeatEvery)
			// An upsert: the row registering wrote may have been rolled
			// back with a refused action.
			now := s.nowMS()
			s.db.ExecContext(ctx, `INSERT INTO sessions(id, annotator, started, seen) VALUES (?, ?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET seen = excluded.seen`, s.session, s.annotator, now, now)
			cancel()
		}
	}
}

// leave ends the session: its row goes, so its actions pass to the
// annotator's next session at once.
func (s *SQLite) leave() {
	st := s.sess
	st.mu.Lock()
	joined := st.joined
	st.joined = false
	st.mu.Unlock()
	if !joined {
		return
	}
	close(st.stop)
	<-st.stopped
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, s.session)
	// Rows of sessions killed long ago, and change notices every open
	// reader has long read, are of no use to anyone.
	s.db.ExecContext(ctx, `DELETE FROM sessions WHERE seen < ?`, s.nowMS()-24*time.Hour.Milliseconds())
	s.db.ExecContext(ctx, `DELETE FROM changes WHERE at < ?`, s.nowMS()-time.Hour.Milliseconds())
}

// OtherSessions counts the other open sessions of this store's annotator
// (another reader open as the same annotator: its actions are not this
// one's to undo).
func (s *SQLite) OtherSessions(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE annotator = ? AND id != ? AND seen > ?`,
		s.annotator, s.session, s.liveSince()).Scan(&n)
	return n, err
}

// touched lists the articles ops change, each once.
func touched(ops []Op) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, op := range ops {
		add(op.Article)
		add(op.A)
		add(op.B)
	}
	return out
}

// logChanges records in tx that articles changed in this session's layer,
// for live readers (Watch), and wakes them where the server can.
func (s *SQLite) logChanges(ctx context.Context, tx execer, articles []string) error {
	now := s.nowMS()
	for _, id := range articles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO changes(article_id, annotator, session, at) VALUES (?, ?, ?, ?)`, id, s.annotator, s.session, now); err != nil {
			return err
		}
	}
	if s.pg && len(articles) > 0 {
		// Delivered at commit, to every LISTENing session.
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify('`+postgres.Channel+`', ?)`, s.session); err != nil {
			return err
		}
	}
	return nil
}

// beginWrite starts a write transaction. On a server, writes of one
// annotator are serialised (an advisory lock held until the transaction
// ends): two sessions of one layer check overlaps and pick undo steps
// against each other's committed work, as SQLite's single writer gives.
func (s *SQLite) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil || !s.pg {
		return tx, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext(?))`, "storydesk layer "+s.annotator); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// ErrViewOnly is returned by every write to another annotator's layer
// opened with Layer.
var ErrViewOnly = errors.New("another annotator's layer is read-only")

func (s *SQLite) viewOnly() error {
	if s.view {
		return fmt.Errorf("%w (%s's)", ErrViewOnly, s.annotator)
	}
	return nil
}

// Layer returns annotator's layer of the same store, read-only: the reader
// shows it beside the user's own, agreement and adjudication read it.
// Closing it does not close s.
func (s *SQLite) Layer(annotator string) Store {
	v := *s
	v.annotator = annotator
	v.view = true
	v.sess = &sessionState{}
	v.wcache = &writeCache{} // its own: a view writes nothing
	return &v
}

// Annotators lists every annotator with a layer in the store, sorted.
func (s *SQLite) Annotators(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT annotator FROM statuses
		UNION SELECT DISTINCT annotator FROM dup_labels ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// newID is the id a new span or quotation (table) gets on SQLite, where a
// rowid freed by a deletion (an undo) would be handed out again: another
// session could take it while the undone action waits to be redone under
// it. seqs remembers the highest id ever given. On a server the identity
// column never reuses one: 0, and the column numbers the row.
func (s *SQLite) newID(ctx context.Context, tx querier, table string) (int64, error) {
	if s.pg {
		return 0, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO seqs(name, last) VALUES (?, (SELECT coalesce(max(id), 0) FROM `+table+`) + 1)
		ON CONFLICT(name) DO UPDATE SET last = max(seqs.last, (SELECT coalesce(max(id), 0) FROM `+table+`)) + 1 RETURNING last`, table).Scan(&id)
	return id, err
}

// withID adds an id column to an insert of the form INSERT INTO t(cols)
// VALUES (?, …): with id 0, the insert as it is (the database numbers the
// row); else id first.
func withID(insert string, id int64, args ...any) (string, []any) {
	if id == 0 {
		return insert, args
	}
	insert = strings.Replace(insert, "(", "(id, ", 1)
	insert = strings.Replace(insert, "VALUES (", "VALUES (?,", 1)
	return insert, append([]any{id}, args...)
}
