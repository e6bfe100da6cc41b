// Package postgres is the PostgreSQL connection under the annotation
// store (data/store's OpenPostgres): reading and masking addresses, errors
// that name the server and never the password, pgx's connections behind a
// connector that rewrites SQLite's ? placeholders to $n (so the store's SQL
// serves both databases), and waiting for change notices (Listen). It
// imports nothing of the store's but its guard.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib" // PostgreSQL for teams: the driver every Go PostgreSQL user knows

	"storydesk/data/store/guard"
)

// ParseConfig reads dsn as pgx does (libpq's environment variables fill
// in what it leaves out); its error names the address without the
// password.
func ParseConfig(dsn string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		why := errors.Unwrap(err)
		if why == nil {
			why = errors.New("cannot be read")
		}
		return nil, &guard.Error{Path: MaskDSN(dsn), AtOpen: true, Err: fmt.Errorf("not a PostgreSQL address storydesk can use: %v", maskErr(why, cfg))}
	}
	return cfg, nil
}

// Connector opens pgx's connections for cfg, taking SQLite's ? placeholders.
func Connector(cfg pgx.ConnConfig) driver.Connector {
	return &rebindConnector{base: stdlib.GetConnector(cfg)}
}

// Channel is where the store notifies live readers of a commit
// (pg_notify) and where Listen waits.
const Channel = "storydesk_changes"

// Listen calls poke on every notice the server sends on Channel, and
// every 20 polls anyway (a notice may be lost while reconnecting), until
// ctx ends; a lost connection (the server restarted) is opened again. db's
// connections are a Connector's, watched by the store's guard.
func Listen(ctx context.Context, db *sql.DB, poll time.Duration, poke func()) {
	for ctx.Err() == nil {
		conn, err := db.Conn(ctx)
		if err == nil {
			err = conn.Raw(func(dc any) error {
				pc := Raw(guard.Unwrap(dc))
				if pc == nil {
					return sql.ErrConnDone
				}
				if _, err := pc.Exec(ctx, `LISTEN `+Channel); err != nil {
					return err
				}
				poke() // catch up on anything missed while away
				for {
					wctx, cancel := context.WithTimeout(ctx, 20*poll)
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

// Raw is the pgx connection under a Connector's (LISTEN needs it), or nil.
func Raw(dc any) *pgx.Conn {
	if r, ok := dc.(*rebindConn); ok {
		return r.Raw()
	}
	return nil
}

// IsServerDSN says whether --db names a PostgreSQL server rather than a file.
func IsServerDSN(db string) bool {
	l := strings.ToLower(db)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// MaskDSN hides the password in a PostgreSQL address, for messages and logs.
func MaskDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	// Not a URL Go can read: hide whatever could be a password.
	dsn = urlPassword.ReplaceAllString(dsn, "${1}xxxxx@")
	return kvPassword.ReplaceAllString(dsn, "password=xxxxx")
}

var (
	kvPassword  = regexp.MustCompile(`password=('[^']*'|[^ &]*)`)
	urlPassword = regexp.MustCompile(`(://[^:/@]*:)[^@]*@`)
)

// Name names the store in messages: postgres://user@host:port/db,
// without the password.
func Name(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if !strings.HasPrefix(host, "/") {
		host = net.JoinHostPort(host, fmt.Sprint(cfg.Port))
	} else {
		host = fmt.Sprintf("%s:%d", host, cfg.Port) // a Unix socket's folder
	}
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.User, host, cfg.Database)
}

// maskErr removes the password from a driver's message, should it hold it.
func maskErr(err error, cfg *pgx.ConnConfig) string {
	msg := err.Error()
	if cfg != nil && cfg.Password != "" {
		msg = strings.ReplaceAll(msg, cfg.Password, "xxxxx")
	}
	return msg
}

// OpenError says in words why the server could not be used.
func OpenError(where string, cfg *pgx.ConnConfig, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return &guard.Error{Path: where, AtOpen: true, Err: fmt.Errorf(
				"the server refused user %s (a wrong password, or no such user): give the password in PGPASSWORD or ~/.pgpass (%s)", cfg.User, pe.Code)}
		case "3D000": // invalid_catalog_name
			return &guard.Error{Path: where, AtOpen: true, Err: fmt.Errorf(
				"the server has no database %q: create it first (createdb -h %s -p %d -U %s %s)", cfg.Database, cfg.Host, cfg.Port, cfg.User, cfg.Database)}
		}
		return &guard.Error{Path: where, AtOpen: true, Err: fmt.Errorf("the server said: %s (%s)", maskErr(errors.New(pe.Message), cfg), pe.Code)}
	}
	return &guard.Error{Path: where, AtOpen: true, Err: fmt.Errorf("cannot reach the server (is it running, and is the address right?): %s", maskErr(err, cfg))}
}

// rebindConnector opens pgx's connections behind rebindConn.
type rebindConnector struct{ base driver.Connector }

func (c *rebindConnector) Driver() driver.Driver { return c.base.Driver() }

func (c *rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &rebindConn{base: conn.(baseConn)}, nil
}

// The interfaces pgx's connection implements and database/sql uses.
type baseConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

// rebindConn is a pgx connection taking SQLite's ? placeholders.
type rebindConn struct{ base baseConn }

var (
	_ driver.ConnBeginTx           = (*rebindConn)(nil)
	_ driver.ConnPrepareContext    = (*rebindConn)(nil)
	_ driver.ExecerContext         = (*rebindConn)(nil)
	_ driver.QueryerContext        = (*rebindConn)(nil)
	_ driver.NamedValueChecker     = (*rebindConn)(nil)
	_ driver.SessionResetter       = (*rebindConn)(nil)
	_ driver.Pinger                = (*rebindConn)(nil)
	_ interface{ Raw() *pgx.Conn } = (*rebindConn)(nil)
)

func (c *rebindConn) Prepare(q string) (driver.Stmt, error) {
	return c.base.PrepareContext(context.Background(), rebind(q))
}
func (c *rebindConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.base.PrepareContext(ctx, rebind(q))
}
func (c *rebindConn) Close() error { return c.base.Close() }
func (c *rebindConn) Begin() (driver.Tx, error) {
	return c.base.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *rebindConn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	return c.base.BeginTx(ctx, o)
}
func (c *rebindConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.base.ExecContext(ctx, rebind(q), args)
}
func (c *rebindConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.base.QueryContext(ctx, rebind(q), args)
}
func (c *rebindConn) CheckNamedValue(v *driver.NamedValue) error {
	if ch, ok := c.base.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(v)
	}
	return driver.ErrSkip
}
func (c *rebindConn) ResetSession(ctx context.Context) error {
	if r, ok := c.base.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}
func (c *rebindConn) Ping(ctx context.Context) error {
	if p, ok := c.base.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// Raw is the pgx connection underneath (LISTEN needs it).
func (c *rebindConn) Raw() *pgx.Conn { return c.base.(*stdlib.Conn).Conn() }

// rebind turns each ? outside quotes into $1, $2, … in order.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
