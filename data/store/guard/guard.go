// Package guard stands between database/sql and the SQLite driver for one
// annotation store, and says the store's failures in words (Error, Fault).
// It also refuses, before a byte is written, a path that is not a
// storydesk store (CheckFile). It imports nothing of the store's: the
// store (data/store) wraps its connections with a Guard and re-exports
// Error, Fault and the sentinel errors under its own name.
package guard

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"

	"modernc.org/sqlite"
)

// The guard sits between database/sql and the SQLite driver for one
// store. It sees every result of every query, whichever file of the store
// ran it, and:
//   - turns the driver's codes into *Errors that name the file and say
//     what happened and what to do (disk full, read-only, locked, damaged);
//   - after the first sign of damage (SQLITE_CORRUPT, SQLITE_NOTADB, or a
//     failed quick_check) refuses every write for the rest of the session,
//     so a damaged file is never written into: reads (and exports) go on;
//   - holds writes until the open-time check has passed (it runs in the
//     background on large stores).
//
// A commit hook on every connection backs the refusal up inside SQLite
// itself, so even a statement that writes through a query cannot commit.

// Result codes of SQLite's C API (stable across versions).
const (
	codePerm              = 3
	codeBusy              = 5
	codeLocked            = 6
	codeReadOnly          = 8
	codeReadOnlyDirectory = codeReadOnly | 6<<8 // SQLITE_READONLY_DIRECTORY: the folder cannot be written
	codeIOErr             = 10
	codeCorrupt           = 11
	codeFull              = 13
	codeCantOpen          = 14
	codeConstraint        = 19
	codeAuth              = 23
	codeNotADB            = 26

	codeIOErrShortRead = codeIOErr | 2<<8
	codeIOErrWrite     = codeIOErr | 3<<8
	codeIOErrFsync     = codeIOErr | 4<<8
	codeIOErrDirFsync  = codeIOErr | 5<<8
	codeIOErrTruncate  = codeIOErr | 6<<8
	codeIOErrAccess    = codeIOErr | 13<<8
	codeIOErrShmOpen   = codeIOErr | 18<<8
	codeIOErrShmSize   = codeIOErr | 19<<8
	codeIOErrShmMap    = codeIOErr | 21<<8
	codeIOErrCorruptFS = codeIOErr | 33<<8
	codeConstraintHook = codeConstraint | 3<<8 // SQLITE_CONSTRAINT_COMMITHOOK
)

// ReadOnlyDirectory says whether err is SQLite's refusal to write in a
// folder that cannot be written (SQLITE_READONLY_DIRECTORY).
func ReadOnlyDirectory(err error) bool { return sqliteCode(err) == codeReadOnlyDirectory }

// sqliteCode returns the driver's extended result code, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// faultOf sorts a result code.
func faultOf(code int) Fault {
	switch code {
	case codeIOErrWrite, codeIOErrFsync, codeIOErrTruncate, codeIOErrDirFsync, codeIOErrShmSize, codeIOErrShmMap:
		return FaultWrite
	case codeIOErrShortRead, codeIOErrCorruptFS:
		return FaultDamaged // a read past the end of a truncated file
	case codeIOErrShmOpen, codeIOErrAccess:
		return FaultCantOpen
	}
	switch code & 0xff {
	case codeCorrupt, codeNotADB:
		return FaultDamaged
	case codeFull:
		return FaultFull
	case codeReadOnly, codePerm, codeAuth:
		return FaultReadOnly
	case codeCantOpen:
		return FaultCantOpen
	case codeBusy, codeLocked:
		return FaultBusy
	case codeIOErr:
		return FaultIO
	}
	return FaultOther
}

// Guard is one store's watch over its connections.
type Guard struct {
	path string

	mu     sync.Mutex
	broken *Error // set once: every write is refused from then on
	ro     *Error // opened read-only: every write is refused, said so

	// checked is closed when the open-time check has finished; writes wait
	// for it so that nothing is written into a file found damaged.
	checked chan struct{}
}

// New is the guard of the store at path (a file, or a server's name for
// messages). Writes wait until CheckDone.
func New(path string) *Guard {
	return &Guard{path: path, checked: make(chan struct{})}
}

// CheckDone says the open-time check has finished (or that there is none):
// writes may go on, unless it found damage (MarkDamaged). Call it once.
func (g *Guard) CheckDone() { close(g.checked) }

// Damaged returns the error every write gets once the store was found
// Damaged, or nil.
func (g *Guard) Damaged() *Error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.broken
}

// MarkDamaged records the first sign of damage.
func (g *Guard) MarkDamaged(cause error) *Error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken == nil {
		g.broken = &Error{Path: g.path, Fault: FaultDamaged, Err: cause}
	}
	return g.broken
}

// SetReadOnly records that the store was opened read-only, and why.
func (g *Guard) SetReadOnly(why error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.ro = &Error{Path: g.path, Fault: FaultReadOnly, Err: why}
}

// ReadOnly returns the error every write gets in a store opened read-only, or nil.
func (g *Guard) ReadOnly() *Error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ro
}

// See inspects a driver result: damage is recorded, and any file fault is
// returned as an *Error. database/sql's own signals (ErrBadConn, ErrSkip,
// io.EOF from Next) are not SQLite errors and pass through unchanged.
func (g *Guard) See(err error) error {
	code := sqliteCode(err)
	if code == 0 {
		return err
	}
	if code == codeConstraintHook {
		if b := g.Damaged(); b != nil {
			return b // our commit hook refused the commit
		}
	}
	f := faultOf(code)
	switch f {
	case FaultOther:
		return err
	case FaultDamaged:
		return g.MarkDamaged(err)
	}
	return &Error{Path: g.path, Fault: f, Err: err}
}

// Writable waits for the open-time check, then says whether writing is
// allowed: not into a damaged store, nor into one opened read-only (its
// driver would refuse too, in less helpful words).
func (g *Guard) Writable(ctx context.Context) error {
	select {
	case <-g.checked:
	case <-ctx.Done():
		return ctx.Err()
	}
	if b := g.Damaged(); b != nil {
		return b
	}
	if ro := g.ReadOnly(); ro != nil {
		return ro
	}
	return nil
}

// Connector is base with every connection it opens watched by g.
func (g *Guard) Connector(base driver.Connector) driver.Connector {
	return &guardConnector{base: base, g: g}
}

// Unwrap is the driver's connection under a watched one (for
// database/sql's Conn.Raw), or dc itself.
func Unwrap(dc any) any {
	if gc, ok := dc.(*guardConn); ok {
		return gc.base
	}
	return dc
}

// guardConnector opens the driver's connections and wraps them.
type guardConnector struct {
	base driver.Connector
	g    *Guard
}

func (c *guardConnector) Driver() driver.Driver { return c.base.Driver() }

func (c *guardConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, c.g.See(err)
	}
	if h, ok := conn.(interface{ RegisterCommitHook(sqlite.CommitHookFn) }); ok {
		g := c.g
		h.RegisterCommitHook(func() int32 {
			if g.Damaged() != nil {
				return 1 // turns the COMMIT into a rollback
			}
			return 0
		})
	}
	return &guardConn{base: conn, g: c.g}, nil
}

// The interfaces modernc's connection implements and database/sql uses.
type baseConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

type guardConn struct {
	base driver.Conn
	g    *Guard
}

var (
	_ driver.ConnBeginTx        = (*guardConn)(nil)
	_ driver.ConnPrepareContext = (*guardConn)(nil)
	_ driver.ExecerContext      = (*guardConn)(nil)
	_ driver.QueryerContext     = (*guardConn)(nil)
	_ driver.Pinger             = (*guardConn)(nil)
	_ driver.SessionResetter    = (*guardConn)(nil)
	_ driver.Validator          = (*guardConn)(nil)
)

func (c *guardConn) full() baseConn { return c.base.(baseConn) }

func (c *guardConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *guardConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.full().PrepareContext(ctx, query)
	if err != nil {
		return nil, c.g.See(err)
	}
	return &guardStmt{base: st, g: c.g}, nil
}

func (c *guardConn) Close() error { return c.base.Close() }

func (c *guardConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *guardConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if !opts.ReadOnly {
		if err := c.g.Writable(ctx); err != nil {
			return nil, err
		}
	}
	tx, err := c.full().BeginTx(ctx, opts)
	if err != nil {
		return nil, c.g.See(err)
	}
	return &guardTx{base: tx, g: c.g}, nil
}

func (c *guardConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.g.Writable(ctx); err != nil {
		return nil, err
	}
	r, err := c.full().ExecContext(ctx, query, args)
	return r, c.g.See(err)
}

func (c *guardConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.full().QueryContext(ctx, query, args)
	if err != nil {
		return nil, c.g.See(err)
	}
	return &guardRows{base: r, g: c.g}, nil
}

func (c *guardConn) Ping(ctx context.Context) error {
	if p, ok := c.base.(driver.Pinger); ok {
		return c.g.See(p.Ping(ctx))
	}
	return nil
}

func (c *guardConn) ResetSession(ctx context.Context) error {
	if r, ok := c.base.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *guardConn) IsValid() bool {
	if v, ok := c.base.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

type guardTx struct {
	base driver.Tx
	g    *Guard
}

// Commit refuses once the store is known damaged (the commit hook would
// refuse too; this says so in words and rolls back).
func (t *guardTx) Commit() error {
	if b := t.g.Damaged(); b != nil {
		t.base.Rollback()
		return b
	}
	return t.g.See(t.base.Commit())
}

func (t *guardTx) Rollback() error { return t.g.See(t.base.Rollback()) }

type baseStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

type guardStmt struct {
	base driver.Stmt
	g    *Guard
}

var (
	_ driver.StmtExecContext  = (*guardStmt)(nil)
	_ driver.StmtQueryContext = (*guardStmt)(nil)
)

func (s *guardStmt) full() baseStmt { return s.base.(baseStmt) }

func (s *guardStmt) Close() error { return s.base.Close() }

func (s *guardStmt) NumInput() int { return s.base.NumInput() }

// Exec and Query complete driver.Stmt; database/sql calls the Context forms.
func (s *guardStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *guardStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, v := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

func (s *guardStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := s.g.Writable(ctx); err != nil {
		return nil, err
	}
	r, err := s.full().ExecContext(ctx, args)
	return r, s.g.See(err)
}

func (s *guardStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	r, err := s.full().QueryContext(ctx, args)
	if err != nil {
		return nil, s.g.See(err)
	}
	return &guardRows{base: r, g: s.g}, nil
}

type guardRows struct {
	base driver.Rows
	g    *Guard
}

func (r *guardRows) Columns() []string { return r.base.Columns() }

func (r *guardRows) Close() error { return r.g.See(r.base.Close()) }

// Next passes io.EOF through (it is not a SQLite error) and inspects the rest:
// damage often shows only when a scan reaches the damaged page.
func (r *guardRows) Next(dest []driver.Value) error { return r.g.See(r.base.Next(dest)) }
