package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// A server that goes away mid-session (restarted, or the network gone):
// the reader keeps the action it could not save and tries it again once
// the server answers. The answer to a commit can be lost with the
// connection after the server has committed, so before trying again the
// reader asks whether the action is already there (CommittedSince):
// nothing is saved twice.

// Unreachable reports an error that says the server could not be reached
// or dropped the connection (as opposed to refusing the action): trying
// again later may succeed.
func Unreachable(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe):
		// admin_shutdown, crash_shutdown, cannot_connect_now; the
		// connection exception class.
		return pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" || strings.HasPrefix(pe.Code, "08")
	case errors.As(err, &ce), errors.As(err, &ne):
		return true
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection refused") || strings.Contains(msg, "unexpected EOF")
}

// CommittedSince returns this session's first action logged at or after
// t (by this store's clock, which stamps its actions): the action a write
// whose answer was lost had committed. ok is false when there is none.
func (s *SQLite) CommittedSince(ctx context.Context, t time.Time) (act Action, ok bool, err error) {
	// The stamps are RFC 3339 with trimmed fractions, whose text order is
	// not quite time order: the query takes a second more, Go compares.
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, ops, created_at FROM actions WHERE annotator = ? AND session = ? AND created_at >= ? ORDER BY id`,
		s.annotator, s.session, t.Add(-time.Second).UTC().Format(time.RFC3339Nano))
	if err != nil {
		return Action{}, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var ops, at string
		var a Action
		if err := rows.Scan(&a.ID, &a.Name, &ops, &at); err != nil {
			return Action{}, false, err
		}
		when, err := time.Parse(time.RFC3339Nano, at)
		if err != nil || when.Before(t) {
			continue
		}
		if err := json.Unmarshal([]byte(ops), &a.Ops); err != nil {
			return Action{}, false, err
		}
		return a, true, nil
	}
	return Action{}, false, rows.Err()
}

// Clock is the time by the store's clock (what CommittedSince compares).
func (s *SQLite) Clock() time.Time { return s.now() }

// Reconnect drops the idle connections, so the next query dials the server
// afresh: after a restart every pooled connection is dead, and each would
// fail one query before the pool let it go.
func (s *SQLite) Reconnect() {
	if s.pg {
		s.db.SetMaxIdleConns(0)
		s.db.SetMaxIdleConns(2) // database/sql's default
	}
}
