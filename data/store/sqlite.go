package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite" // pure-Go SQLite: no cgo, builds anywhere Go does

	"storydesk/data/store/guard"
)

// SQLite is the embedded Store: one SQLite file in WAL mode.
type SQLite struct {
	db        *sql.DB
	path      string
	annotator string
	now       func() time.Time

	session string        // this session's id (sessions.go)
	sess    *sessionState // shared by nothing: a Layer view has its own
	pg      bool          // a PostgreSQL server behind database/sql (postgres.go)
	view    bool          // another annotator's layer, read-only (Layer)

	guard     *guard.Guard
	stopCheck context.CancelFunc // ends a background quick_check
	checkDone chan struct{}      // closed when it has ended

	wcache *writeCache // texts and statements kept across writes (writecache.go)
}

var _ Store = (*SQLite)(nil)

// quickCheckSyncMax is the largest store OpenSQLite checks (PRAGMA
// quick_check) before returning, refusing it when damaged: 0.08–0.2 s at
// this size here (BenchmarkStoreQuickCheck: 250–600 ms per 100 MB). Larger
// stores are checked in the background while the user reads (1.9 s for a
// 311 MB store of 100k articles); writes wait for that check, and a failed
// check refuses them (see guard.Guard).
var quickCheckSyncMax int64 = 32 << 20

// skipOpenCheck lets tests open a damaged store the way a store whose
// damage the check missed opens, to see the guard catch it at run time.
var skipOpenCheck = false

// SQLiteOptions tune OpenSQLiteWith; the zero value is OpenSQLite's behaviour.
type SQLiteOptions struct {
	// CheckInBackgroundOver is the size in bytes above which an existing
	// store is checked (PRAGMA quick_check) in the background instead of
	// before opening returns: 0 means 32 MB, a negative value checks every
	// existing store in the background. WaitChecked reports the outcome.
	CheckInBackgroundOver int64
	// NoSync commits without waiting for the disk (PRAGMA synchronous=OFF):
	// a crash of the machine may then lose or damage the store. For tests
	// and throw-away stores only.
	NoSync bool
}

// OpenSQLite opens (creating if needed) the SQLite store at path, applying
// forward migrations. It refuses a database newer than this binary, and a
// file that is not a storydesk database or is damaged, without writing to
// it. A store that cannot be written (the file, its folder or the disk is
// read-only) opens read-only: it reads and exports, ReadOnly says why, and
// every write is refused with a read-only *Error. Errors about the file
// are *Error.
func OpenSQLite(path, annotator string) (*SQLite, error) {
	return OpenSQLiteWith(path, annotator, SQLiteOptions{})
}

// OpenSQLiteWith is OpenSQLite with options.
func OpenSQLiteWith(path, annotator string, o SQLiteOptions) (*SQLite, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("annotation store %s: %w", path, err)
	}
	if err := guard.CheckFile(path); err != nil {
		return nil, err
	}
	var size int64 // what the check reads: the file and its journal
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			size += fi.Size()
		}
	}
	syncMax := quickCheckSyncMax
	if o.CheckInBackgroundOver != 0 {
		syncMax = o.CheckInBackgroundOver
	}
	g := guard.New(path)
	s := &SQLite{path: path, annotator: annotator, now: time.Now, guard: g, checkDone: make(chan struct{}),
		session: newSessionID(), sess: &sessionState{}}
	fail := func(err error) (*SQLite, error) {
		g.CheckDone()
		close(s.checkDone)
		if s.db != nil {
			s.db.Close()
		}
		return nil, err
	}
	// Read-write first; when SQLite cannot write the file or create its
	// -wal/-shm beside it, read-only; when it cannot even create -shm
	// (a read-only folder), immutable: the file as it is, no locks.
	var rwErr *Error
	for mode := openRW; ; mode++ {
		db, err := openDB(path, mode, o.NoSync, g)
		if err != nil {
			return fail(fmt.Errorf("annotation store %s: %w", path, err))
		}
		s.db = db
		err = s.readable()
		if err == nil {
			if mode == openRW {
				if ro, _ := s.fileReadOnly(); ro {
					g.SetReadOnly(errors.New("opened read-only: the file cannot be written"))
				}
			} else {
				g.SetReadOnly(readOnlyWhy(rwErr))
			}
			break
		}
		db.Close()
		s.db = nil
		var se *Error
		if !errors.As(err, &se) || (se.Fault != FaultReadOnly && se.Fault != FaultCantOpen) || size == 0 || mode == openImmutable {
			if rwErr != nil && !(se != nil && se.Fault == FaultDamaged) {
				err = rwErr // what writing met says more than the read-only retry's failure, unless that found damage
			}
			return fail(err)
		}
		if mode == openRW {
			rwErr = se
		}
		if mode == openRO && guard.WALHolds(path) {
			// Immutable would read the main file without the saves still
			// in the journal: an older store than the one on disk.
			return fail(&Error{Path: path, Fault: FaultCantOpen, AtOpen: true, Err: fmt.Errorf(
				"its journal %s-wal holds saves that cannot be read without creating %s-shm in a folder that cannot be written; make the folder writable, or copy the files to one that is (%v)",
				filepath.Base(path), filepath.Base(path), rwErr.Err)})
		}
	}
	switch {
	case size == 0 || skipOpenCheck: // new: nothing to check
		g.CheckDone()
		close(s.checkDone)
	case syncMax >= 0 && size <= syncMax:
		err := s.quickCheck(context.Background())
		g.CheckDone()
		close(s.checkDone)
		if err != nil {
			s.db.Close()
			return nil, &Error{Path: path, Fault: FaultDamaged, AtOpen: true, Err: err}
		}
	default:
		ctx, cancel := context.WithCancel(context.Background())
		s.stopCheck = cancel
		go func() {
			defer close(s.checkDone)
			defer g.CheckDone()
			s.quickCheck(ctx)
		}()
	}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, err
	}
	s.wcache = &writeCache{db: s.db}
	if err := s.stampApplicationID(); err != nil {
		s.Close()
		return nil, fmt.Errorf("annotation store %s: marking it as storydesk's: %w", path, err)
	}
	return s, nil
}

// How OpenSQLiteWith opens the file, in the order it tries.
type openMode int

const (
	openRW        openMode = iota
	openRO                 // mode=ro: reads, with the usual locks and -shm
	openImmutable          // mode=ro&immutable=1: no locks, no -shm, no -wal
)

// openDB opens a pool on path in mode, its connections watched by g;
// noSync turns off waiting for the disk (SQLiteOptions.NoSync).
func openDB(path string, mode openMode, noSync bool, g *guard.Guard) (*sql.DB, error) {
	// busy_timeout lets a second instance wait for the first's short write
	// transactions instead of failing; _txlock=immediate takes the write lock
	// at BEGIN so two writers never deadlock upgrading read locks.
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", guard.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	switch mode {
	case openRW:
		q.Add("_pragma", "journal_mode(WAL)")
		if noSync {
			q.Add("_pragma", "synchronous(OFF)")
		} else {
			q.Add("_pragma", "synchronous(FULL)")
		}
		q.Set("_txlock", "immediate")
	case openRO:
		q.Set("mode", "ro")
	case openImmutable:
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	}
	base, err := sqlite.NewConnector(guard.FileURI(path) + "?" + q.Encode())
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(g.Connector(base)), nil
}

// fileReadOnly asks SQLite whether it opened the file read-only (it does,
// silently, when the file cannot be opened for writing).
func (s *SQLite) fileReadOnly() (bool, error) {
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var ro bool
	err = conn.Raw(func(dc any) error {
		c, ok := guard.Unwrap(dc).(interface{ IsReadOnly(string) (bool, error) })
		if !ok {
			return nil
		}
		var err error
		ro, err = c.IsReadOnly("main")
		return err
	})
	return ro, err
}

// readOnlyWhy says why a store was opened read-only, from what the
// read-write open met.
func readOnlyWhy(rw *Error) error {
	if rw == nil {
		return errors.New("opened read-only")
	}
	if guard.ReadOnlyDirectory(rw.Err) {
		return errors.New("opened read-only: its folder cannot be written")
	}
	return fmt.Errorf("opened read-only (%v)", rw.Err)
}

// readable reads the schema version: the first read of the file, which
// fails on most damage (a truncated file, a garbled schema page).
func (s *SQLite) readable() error {
	var v int
	if err := s.db.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&v); err != nil {
		var se *Error
		if errors.As(err, &se) {
			if se.Fault != FaultDamaged {
				se.AtOpen = true
				return se // locked, unreadable folder: not damage
			}
			err = se.Err // the driver's words; the sentence is ours
		}
		return &Error{Path: s.path, Fault: FaultDamaged, AtOpen: true, Err: fmt.Errorf("cannot read it (%v)", err)}
	}
	return nil
}

func (s *SQLite) Path() string { return s.path }

// Close ends a background check and the session, then closes the
// database. A Layer view closes nothing.
func (s *SQLite) Close() error {
	if s.view {
		return nil
	}
	s.stopWatching()
	s.leave()
	if s.stopCheck != nil {
		s.stopCheck()
	}
	<-s.checkDone
	s.wcache.close()
	return s.db.Close()
}

func (s *SQLite) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }
