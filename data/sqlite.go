package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // pure-Go SQLite: no cgo, builds anywhere Go does

	"storydesk/model"
)

// migrations bring a database from version i to i+1. Only ever append: a
// released migration never changes. PRAGMA user_version holds the version.
var migrations = []string{
	// 1: articles (snapshot), spans, the action log for undo, UI state.
	`CREATE TABLE articles (
		id         TEXT PRIMARY KEY,
		text       TEXT NOT NULL,
		hash       TEXT NOT NULL,
		title      TEXT NOT NULL DEFAULT '',
		path       TEXT NOT NULL DEFAULT '',
		source     TEXT NOT NULL DEFAULT '',
		url        TEXT NOT NULL DEFAULT '',
		date       TEXT NOT NULL DEFAULT '',
		meta       TEXT NOT NULL DEFAULT '{}',
		status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','in-progress','done')),
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE TABLE spans (
		id         INTEGER PRIMARY KEY,
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start      INTEGER NOT NULL CHECK (start >= 0),
		"end"      INTEGER NOT NULL CHECK ("end" > start),
		label      TEXT NOT NULL,
		text       TEXT NOT NULL,
		canonical  TEXT NOT NULL DEFAULT '',
		source     TEXT NOT NULL DEFAULT '',
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX spans_by_article ON spans(article_id, start);
	CREATE TABLE actions (
		id         INTEGER PRIMARY KEY,
		annotator  TEXT NOT NULL,
		name       TEXT NOT NULL,
		ops        TEXT NOT NULL,
		undone     INTEGER NOT NULL DEFAULT 0,
		created_at TEXT NOT NULL
	);
	CREATE INDEX actions_by_annotator ON actions(annotator, undone, id);
	CREATE TABLE state (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`,
	// 2: quotations, duplicate labels and clusters, the duplicate-signature
	// cache, and cleaner corrections.
	`CREATE TABLE quotes (
		id           INTEGER PRIMARY KEY,
		article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		start        INTEGER NOT NULL CHECK (start >= 0),
		"end"        INTEGER NOT NULL CHECK ("end" > start),
		text         TEXT NOT NULL,
		speaker      TEXT NOT NULL DEFAULT '',
		speaker_span INTEGER REFERENCES spans(id) ON DELETE SET NULL,
		kind         TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct','partial','paraphrase','scare')),
		status       TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted','rejected')),
		source       TEXT NOT NULL DEFAULT '',
		annotator    TEXT NOT NULL DEFAULT '',
		created_at   TEXT NOT NULL,
		updated_at   TEXT NOT NULL
	);
	CREATE INDEX quotes_by_article ON quotes(article_id, start);
	CREATE TABLE dup_labels (
		a          TEXT NOT NULL,
		b          TEXT NOT NULL,
		label      TEXT NOT NULL CHECK (label IN ('duplicate','near-duplicate','same-story','not-duplicate')),
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		PRIMARY KEY (a, b),
		CHECK (a < b)
	);
	CREATE TABLE dup_canonical (
		article_id TEXT PRIMARY KEY
	);
	CREATE TABLE dup_signatures (
		hash    TEXT PRIMARY KEY,
		version INTEGER NOT NULL,
		sig     BLOB NOT NULL
	);
	CREATE TABLE corrections (
		article_id TEXT NOT NULL,
		raw_start  INTEGER NOT NULL,
		raw_end    INTEGER NOT NULL CHECK (raw_end > raw_start),
		keep       INTEGER NOT NULL,
		annotator  TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL,
		PRIMARY KEY (article_id, raw_start, raw_end)
	);`,
}

// SchemaVersion is the newest schema this binary knows.
var SchemaVersion = len(migrations)

// SQLiteStore is the embedded Store: one SQLite file in WAL mode.
type SQLiteStore struct {
	db        *sql.DB
	path      string
	annotator string
	now       func() time.Time

	guard     *storeGuard
	stopCheck context.CancelFunc // ends a background quick_check
	checkDone chan struct{}      // closed when it has ended
}

var _ Store = (*SQLiteStore)(nil)

// storeBusyTimeout is how long a write waits for a lock another program
// (another storydesk) holds before it fails as "locked". Tests shorten it.
var storeBusyTimeout = 10 * time.Second

// quickCheckSyncMax is the largest store OpenStore checks (PRAGMA
// quick_check) before returning, refusing it when damaged: 0.08–0.2 s at
// this size here (BenchmarkStoreQuickCheck: 250–600 ms per 100 MB). Larger
// stores are checked in the background while the user reads (1.9 s for a
// 311 MB store of 100k articles); writes wait for that check, and a failed
// check refuses them (see storeGuard).
var quickCheckSyncMax int64 = 32 << 20

// skipOpenCheck lets tests open a damaged store the way a store whose
// damage the check missed opens, to see the guard catch it at run time.
var skipOpenCheck = false

// StoreOptions tune OpenStoreWith; the zero value is OpenStore's behaviour.
type StoreOptions struct {
	// CheckInBackgroundOver is the size in bytes above which an existing
	// store is checked (PRAGMA quick_check) in the background instead of
	// before opening returns: 0 means 32 MB, a negative value checks every
	// existing store in the background. WaitChecked reports the outcome.
	CheckInBackgroundOver int64
}

// OpenStore opens (creating if needed) the SQLite store at path, applying
// forward migrations. It refuses a database newer than this binary, and a
// file that is not a storydesk database or is damaged, without writing to
// it. A store that cannot be written (the file, its folder or the disk is
// read-only) opens read-only: it reads and exports, ReadOnly says why, and
// every write is refused with a read-only StoreError. Errors about the file
// are *StoreError.
func OpenStore(path, annotator string) (*SQLiteStore, error) {
	return OpenStoreWith(path, annotator, StoreOptions{})
}

// OpenStoreWith is OpenStore with options.
func OpenStoreWith(path, annotator string, o StoreOptions) (*SQLiteStore, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("annotation store %s: %w", path, err)
	}
	if err := checkHeader(path); err != nil {
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
	g := newStoreGuard(path)
	s := &SQLiteStore{path: path, annotator: annotator, now: time.Now, guard: g, checkDone: make(chan struct{})}
	fail := func(err error) (*SQLiteStore, error) {
		close(g.checked)
		close(s.checkDone)
		if s.db != nil {
			s.db.Close()
		}
		return nil, err
	}
	// Read-write first; when SQLite cannot write the file or create its
	// -wal/-shm beside it, read-only; when it cannot even create -shm
	// (a read-only folder), immutable: the file as it is, no locks.
	var rwErr *StoreError
	for mode := openRW; ; mode++ {
		db, err := openDB(path, mode, g)
		if err != nil {
			return fail(fmt.Errorf("annotation store %s: %w", path, err))
		}
		s.db = db
		err = s.readable()
		if err == nil {
			if mode == openRW {
				if ro, _ := s.fileReadOnly(); ro {
					g.setReadOnly(errors.New("opened read-only: the file cannot be written"))
				}
			} else {
				g.setReadOnly(readOnlyWhy(rwErr))
			}
			break
		}
		db.Close()
		s.db = nil
		var se *StoreError
		if !errors.As(err, &se) || (se.Fault != FaultReadOnly && se.Fault != FaultCantOpen) || size == 0 || mode == openImmutable {
			if rwErr != nil && !(se != nil && se.Fault == FaultDamaged) {
				err = rwErr // what writing met says more than the read-only retry's failure, unless that found damage
			}
			return fail(err)
		}
		if mode == openRW {
			rwErr = se
		}
		if mode == openRO && walHolds(path) {
			// Immutable would read the main file without the saves still
			// in the journal: an older store than the one on disk.
			return fail(&StoreError{Path: path, Fault: FaultCantOpen, AtOpen: true, Err: fmt.Errorf(
				"its journal %s-wal holds saves that cannot be read without creating %s-shm in a folder that cannot be written; make the folder writable, or copy the files to one that is (%v)",
				filepath.Base(path), filepath.Base(path), rwErr.Err)})
		}
	}
	switch {
	case size == 0 || skipOpenCheck: // new: nothing to check
		close(g.checked)
		close(s.checkDone)
	case syncMax >= 0 && size <= syncMax:
		err := s.quickCheck(context.Background())
		close(g.checked)
		close(s.checkDone)
		if err != nil {
			s.db.Close()
			return nil, &StoreError{Path: path, Fault: FaultDamaged, AtOpen: true, Err: err}
		}
	default:
		ctx, cancel := context.WithCancel(context.Background())
		s.stopCheck = cancel
		go func() {
			defer close(s.checkDone)
			defer close(g.checked)
			s.quickCheck(ctx)
		}()
	}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// How OpenStoreWith opens the file, in the order it tries.
type openMode int

const (
	openRW        openMode = iota
	openRO                 // mode=ro: reads, with the usual locks and -shm
	openImmutable          // mode=ro&immutable=1: no locks, no -shm, no -wal
)

// openDB opens a pool on path in mode, its connections watched by g.
func openDB(path string, mode openMode, g *storeGuard) (*sql.DB, error) {
	// busy_timeout lets a second instance wait for the first's short write
	// transactions instead of failing; _txlock=immediate takes the write lock
	// at BEGIN so two writers never deadlock upgrading read locks.
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", storeBusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	switch mode {
	case openRW:
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	case openRO:
		q.Set("mode", "ro")
	case openImmutable:
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	}
	base, err := sqlite.NewConnector(fileURI(path) + "?" + q.Encode())
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(&guardConnector{base: base, g: g}), nil
}

// fileURI makes path a SQLite file: URI. SQLite decodes %HH in it, and a
// '?' or '#' would end the name: those three are escaped.
func fileURI(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(filepath.ToSlash(path))
}

// fileReadOnly asks SQLite whether it opened the file read-only (it does,
// silently, when the file cannot be opened for writing).
func (s *SQLiteStore) fileReadOnly() (bool, error) {
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var ro bool
	err = conn.Raw(func(dc any) error {
		if gc, ok := dc.(*guardConn); ok {
			dc = gc.base
		}
		c, ok := dc.(interface{ IsReadOnly(string) (bool, error) })
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
func readOnlyWhy(rw *StoreError) error {
	if rw == nil {
		return errors.New("opened read-only")
	}
	switch sqliteCode(rw.Err) {
	case codeReadOnlyDirectory:
		return errors.New("opened read-only: its folder cannot be written")
	}
	return fmt.Errorf("opened read-only (%v)", rw.Err)
}

// walHolds says whether path's -wal journal holds anything.
func walHolds(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return err == nil && fi.Size() > 0
}

// readable reads the schema version: the first read of the file, which
// fails on most damage (a truncated file, a garbled schema page).
func (s *SQLiteStore) readable() error {
	var v int
	if err := s.db.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&v); err != nil {
		var se *StoreError
		if errors.As(err, &se) {
			if se.Fault != FaultDamaged {
				se.AtOpen = true
				return se // locked, unreadable folder: not damage
			}
			err = se.Err // the driver's words; the sentence is ours
		}
		return &StoreError{Path: s.path, Fault: FaultDamaged, AtOpen: true, Err: fmt.Errorf("cannot read it (%v)", err)}
	}
	return nil
}

// quickCheck runs PRAGMA quick_check (every page's structure, not index
// contents: integrity_check's reading without its slowest part). Damage
// found marks the store damaged, which refuses every write; the error
// returned says what the check found.
func (s *SQLiteStore) quickCheck(ctx context.Context) error {
	var found []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(3)")
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			if !strings.EqualFold(line, "ok") {
				found = append(found, strings.Join(strings.Fields(line), " "))
			}
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil // cancelled by Close: proves nothing
	case err != nil:
		// The check could not read through the file: not safe to write.
		var se *StoreError
		if errors.As(err, &se) {
			err = se.Err
		}
		found = append(found, err.Error())
	case len(found) == 0:
		return nil
	}
	problem := fmt.Errorf("quick_check: %s", strings.Join(found, "; "))
	s.guard.markDamaged(problem)
	return problem
}

// Damaged returns the error writes get once the store was found damaged
// (by the open-time check or by any query since), or nil.
func (s *SQLiteStore) Damaged() error {
	if b := s.guard.damaged(); b != nil {
		return b
	}
	return nil
}

// ReadOnly returns the read-only StoreError every write gets when the store
// was opened read-only (the file, its folder or the disk cannot be
// written), or nil.
func (s *SQLiteStore) ReadOnly() error {
	if ro := s.guard.readOnly(); ro != nil {
		return ro
	}
	return nil
}

// WaitChecked waits for the open-time check (it runs in the background on
// stores over StoreOptions.CheckInBackgroundOver) and returns what it found:
// nil for a sound store, the damaged StoreError, or ctx's error. A store
// closed meanwhile returns nil: an interrupted check proves nothing.
func (s *SQLiteStore) WaitChecked(ctx context.Context) error {
	select {
	case <-s.checkDone:
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.Damaged()
}

// checkHeader refuses an existing file that is not SQLite (a truncated or
// foreign file) before the driver could decide to write over it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("annotation store %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n == 0 {
		return nil // empty file: a fresh database
	}
	if string(head[:n]) != "SQLite format 3\x00" {
		return &StoreError{Path: path, Fault: FaultDamaged, AtOpen: true, Err: errors.New("not a SQLite database: damaged, or not a storydesk store")}
	}
	return nil
}

func (s *SQLiteStore) migrate() error {
	ctx := context.Background()
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("annotation store %s: cannot read it (%v); it was left untouched — see README, Recovery", s.path, err)
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; upgrade storydesk (it never downgrades a store)", ErrSchemaTooNew, s.path, v, SchemaVersion)
	}
	if ro := s.guard.readOnly(); ro != nil && v < SchemaVersion {
		return &StoreError{Path: s.path, Fault: FaultReadOnly, AtOpen: true, Err: fmt.Errorf(
			"an older storydesk wrote it (schema version %d), and upgrading it to %d means writing to it; %v", v, SchemaVersion, ro.Err)}
	}
	for ; v < SchemaVersion; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("annotation store %s: %w", s.path, err)
		}
		// Re-read inside the write lock: another instance may have migrated.
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return err
		}
		if cur > v {
			tx.Rollback()
			v = cur - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("annotation store %s: migration to version %d: %w", s.path, v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("annotation store %s: migration to version %d: %w", s.path, v+1, err)
		}
	}
	return nil
}

func (s *SQLiteStore) Path() string { return s.path }

// Close ends a background check, then closes the database.
func (s *SQLiteStore) Close() error {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	<-s.checkDone
	return s.db.Close()
}

func (s *SQLiteStore) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

// Doc implements Store.
func (s *SQLiteStore) Doc(ctx context.Context, id string) (*Doc, bool, error) {
	return docQ(ctx, s.db, id)
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func docQ(ctx context.Context, q querier, id string) (*Doc, bool, error) {
	d := &Doc{ArticleID: id}
	var status string
	err := q.QueryRowContext(ctx, `SELECT text, hash, title, path, source, url, date, status, annotator FROM articles WHERE id = ?`, id).
		Scan(&d.Text, &d.Hash, &d.Title, &d.Path, &d.Source, &d.URL, &d.Date, &status, &d.Annotator)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	d.Status = model.Status(status)
	if d.Spans, err = spansQ(ctx, q, id); err != nil {
		return nil, false, err
	}
	if d.Quotes, err = quotesQ(ctx, q, id); err != nil {
		return nil, false, err
	}
	return d, true, nil
}

func spansQ(ctx context.Context, q querier, id string) ([]model.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, start, "end", label, text, canonical, source FROM spans WHERE article_id = ? ORDER BY start, "end"`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Span
	for rows.Next() {
		var sp model.Span
		if err := rows.Scan(&sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// Do implements Store.
func (s *SQLiteStore) Do(ctx context.Context, act Action) (Action, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return act, err
	}
	defer tx.Rollback()
	for _, a := range append([]*model.Article{act.Article}, act.Articles...) {
		if a == nil {
			continue
		}
		if err := s.insertArticle(ctx, tx, a, s.annotator); err != nil {
			return act, err
		}
	}
	otx := newOpTx(tx)
	for i := range act.Ops {
		if err := s.applyOp(ctx, otx, &act.Ops[i]); err != nil {
			return act, err
		}
	}
	// A new action ends this annotator's redo history, as in any editor.
	if _, err := tx.ExecContext(ctx, `DELETE FROM actions WHERE annotator = ? AND undone = 1`, s.annotator); err != nil {
		return act, err
	}
	ops, _ := json.Marshal(act.Ops)
	res, err := tx.ExecContext(ctx, `INSERT INTO actions(annotator, name, ops, created_at) VALUES (?, ?, ?, ?)`, s.annotator, act.Name, string(ops), s.stamp())
	if err != nil {
		return act, err
	}
	act.ID, _ = res.LastInsertId()
	return act, tx.Commit()
}

// insertArticle snapshots an article the first time it is annotated (or
// imported), recording annotator; an article already stored is left as it is.
func (s *SQLiteStore) insertArticle(ctx context.Context, tx execer, a *model.Article, annotator string) error {
	meta, _ := json.Marshal(a.Meta)
	now := s.stamp()
	_, err := tx.ExecContext(ctx, `INSERT INTO articles(id, text, hash, title, path, source, url, date, meta, annotator, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		a.ID, a.Text, model.HashText(a.Text), a.Title, a.Path, a.Source, a.URL, a.Date, string(meta), annotator, now, now)
	return err
}

type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// opTx is a write transaction as the ops of one action share it: each
// article's text is read (and indexed by code point) once, not once per
// span checked against it — a correction on a long article moves hundreds.
type opTx struct {
	*sql.Tx
	texts map[string]*txText
	stmts map[string]*sql.Stmt // prepared once per transaction: parsing was a third of a large action
}

type txText struct {
	text string
	off  *model.Offsets
}

func newOpTx(tx *sql.Tx) *opTx {
	return &opTx{Tx: tx, texts: map[string]*txText{}, stmts: map[string]*sql.Stmt{}}
}

// stmt returns q prepared in this transaction (closed with it), or nil when
// it cannot be prepared: the caller then runs q directly and gets the error.
func (t *opTx) stmt(ctx context.Context, q string) *sql.Stmt {
	if st := t.stmts[q]; st != nil {
		return st
	}
	st, err := t.Tx.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	t.stmts[q] = st
	return st
}

func (t *opTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}

func (t *opTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

// text returns article id's text as this transaction sees it.
func (t *opTx) text(ctx context.Context, id string) (*txText, error) {
	if x := t.texts[id]; x != nil {
		return x, nil
	}
	var text string
	if err := t.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&text); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("article %s is not in the store", id)
		}
		return nil, err
	}
	x := &txText{text: text, off: model.NewOffsets(text)}
	t.texts[id] = x
	return x, nil
}

// slice returns code points [start, end) and whether they lie inside the text.
func (x *txText) slice(start, end int) (string, bool) {
	if start < 0 || end <= start || end > x.off.Len() {
		return "", false
	}
	return x.text[x.off.ByteAt(start):x.off.ByteAt(end)], true
}

// applyOp performs one op and records in it what undo needs. Each stored
// aggregate applies its own ops (spans.go, quotes.go, …).
func (s *SQLiteStore) applyOp(ctx context.Context, tx *opTx, op *Op) error {
	now := s.stamp()
	switch op.Kind {
	case OpAddSpan, OpDelSpan, OpSetSpan:
		return s.applySpan(ctx, tx, op, now)
	case OpSetStatus:
		return applyStatus(ctx, tx, op, now)
	case OpSetText:
		return applyText(ctx, tx, op, now)
	case OpAddQuote, OpDelQuote, OpSetQuote:
		return s.applyQuote(ctx, tx, op, now)
	case OpSetDupLabel:
		return s.applyDupLabel(ctx, tx, op, now)
	case OpSetCanonical:
		return applyCanonical(ctx, tx, op)
	case OpSetCorrect:
		return s.applyCorrect(ctx, tx, op, now)
	}
	return fmt.Errorf("unknown op %q", op.Kind)
}

// applySpan performs the span ops, checking the span against the snapshot.
func (s *SQLiteStore) applySpan(ctx context.Context, tx *opTx, op *Op, now string) error {
	switch op.Kind {
	case OpAddSpan:
		if err := s.checkSpan(ctx, tx, op.Article, op.Span); err != nil {
			return err
		}
		args := []any{op.Article, op.Span.Start, op.Span.End, op.Span.Label, op.Span.Text, op.Span.Canonical, op.Span.Source, s.annotator, now, now}
		q := `INSERT INTO spans(article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`
		if op.Span.ID != 0 { // redo: the span comes back under its old id
			q = `INSERT INTO spans(id, article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`
			args = append([]any{op.Span.ID}, args...)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		op.Span.ID, _ = res.LastInsertId()
		return nil
	case OpDelSpan:
		prev, err := s.span(ctx, tx, op.Span.ID)
		if err != nil {
			return err
		}
		op.Span = prev
		_, err = tx.ExecContext(ctx, `DELETE FROM spans WHERE id = ?`, op.Span.ID)
		return err
	default: // OpSetSpan
		prev, err := s.span(ctx, tx, op.Span.ID)
		if err != nil {
			return err
		}
		op.Prev = prev
		if err := s.checkSpan(ctx, tx, op.Article, op.Span); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE spans SET start=?, "end"=?, label=?, text=?, canonical=?, updated_at=? WHERE id=?`,
			op.Span.Start, op.Span.End, op.Span.Label, op.Span.Text, op.Span.Canonical, now, op.Span.ID)
		return err
	}
}

// applyStatus performs OpSetStatus.
func applyStatus(ctx context.Context, tx *opTx, op *Op, now string) error {
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = ?`, op.Article).Scan(&prev); err != nil {
		return fmt.Errorf("article %s is not in the store: %w", op.Article, err)
	}
	op.PrevStatus = model.Status(prev)
	_, err := tx.ExecContext(ctx, `UPDATE articles SET status=?, updated_at=? WHERE id=?`, string(op.Status), now, op.Article)
	return err
}

// applyText performs OpSetText: the article's snapshot is replaced.
func applyText(ctx context.Context, tx *opTx, op *Op, now string) error {
	if err := tx.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, op.Article).Scan(&op.PrevText); err != nil {
		return fmt.Errorf("article %s is not in the store: %w", op.Article, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET text=?, hash=?, updated_at=? WHERE id=?`, op.Text, model.HashText(op.Text), now, op.Article); err != nil {
		return err
	}
	delete(tx.texts, op.Article) // read (and indexed) again when a span needs it
	return nil
}

// applyDupLabel performs OpSetDupLabel; a pair is stored with a < b.
func (s *SQLiteStore) applyDupLabel(ctx context.Context, tx *opTx, op *Op, now string) error {
	a, b := op.A, op.B
	if a > b {
		a, b = b, a
	}
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT label FROM dup_labels WHERE a = ? AND b = ?`, a, b).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	op.PrevLabel = model.DupLabel(prev)
	if op.DupLabel == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM dup_labels WHERE a = ? AND b = ?`, a, b)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO dup_labels(a, b, label, annotator, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(a, b) DO UPDATE SET label = excluded.label, annotator = excluded.annotator, created_at = excluded.created_at`,
		a, b, string(op.DupLabel), s.annotator, now)
	return err
}

// applyCanonical performs OpSetCanonical.
func applyCanonical(ctx context.Context, tx *opTx, op *Op) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dup_canonical WHERE article_id = ?`, op.Article).Scan(&n); err != nil {
		return err
	}
	op.PrevFlag = n > 0
	q := `DELETE FROM dup_canonical WHERE article_id = ?`
	if op.Flag {
		q = `INSERT INTO dup_canonical(article_id) VALUES (?) ON CONFLICT DO NOTHING`
	}
	_, err := tx.ExecContext(ctx, q, op.Article)
	return err
}

// applyCorrect performs OpSetCorrect: keep 1 or 0 stores the override, -1
// removes it.
func (s *SQLiteStore) applyCorrect(ctx context.Context, tx *opTx, op *Op, now string) error {
	var prev int
	err := tx.QueryRowContext(ctx, `SELECT keep FROM corrections WHERE article_id = ? AND raw_start = ? AND raw_end = ?`, op.Article, op.RawStart, op.RawEnd).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		prev, err = -1, nil
	}
	if err != nil {
		return err
	}
	op.PrevKeep = prev
	if op.Keep < 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM corrections WHERE article_id = ? AND raw_start = ? AND raw_end = ?`, op.Article, op.RawStart, op.RawEnd)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO corrections(article_id, raw_start, raw_end, keep, annotator, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(article_id, raw_start, raw_end) DO UPDATE SET keep = excluded.keep, annotator = excluded.annotator, created_at = excluded.created_at`,
		op.Article, op.RawStart, op.RawEnd, op.Keep, s.annotator, now)
	return err
}

// applyQuote performs the quote ops, checking the quote against the snapshot.
func (s *SQLiteStore) applyQuote(ctx context.Context, tx *opTx, op *Op, now string) error {
	q := &op.Quote
	if op.Kind != OpDelQuote {
		art, err := tx.text(ctx, op.Article)
		if err != nil {
			return err
		}
		if got, ok := art.slice(q.Start, q.End); !ok || got != q.Text {
			return fmt.Errorf("quote %d–%d does not match the article text", q.Start, q.End)
		}
		if q.Status == "" {
			q.Status = model.QuoteAccepted
		}
		if q.Kind == "" {
			q.Kind = model.QuoteDirect
		}
	}
	var speakerSpan any
	if q.SpeakerSpan != 0 {
		speakerSpan = q.SpeakerSpan
	}
	switch op.Kind {
	case OpAddQuote:
		args := []any{op.Article, q.Start, q.End, q.Text, q.Speaker, speakerSpan, string(q.Kind), q.Status, q.Source, s.annotator, now, now}
		stmt := `INSERT INTO quotes(article_id, start, "end", text, speaker, speaker_span, kind, status, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`
		if q.ID != 0 {
			stmt = `INSERT INTO quotes(id, article_id, start, "end", text, speaker, speaker_span, kind, status, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`
			args = append([]any{q.ID}, args...)
		}
		res, err := tx.ExecContext(ctx, stmt, args...)
		if err != nil {
			return err
		}
		q.ID, _ = res.LastInsertId()
		return nil
	case OpDelQuote:
		prev, err := quoteByID(ctx, tx, q.ID)
		if err != nil {
			return err
		}
		op.Quote = prev
		_, err = tx.ExecContext(ctx, `DELETE FROM quotes WHERE id = ?`, prev.ID)
		return err
	default: // OpSetQuote
		prev, err := quoteByID(ctx, tx, q.ID)
		if err != nil {
			return err
		}
		op.PrevQuote = prev
		_, err = tx.ExecContext(ctx, `UPDATE quotes SET start=?, "end"=?, text=?, speaker=?, speaker_span=?, kind=?, status=?, updated_at=? WHERE id=?`,
			q.Start, q.End, q.Text, q.Speaker, speakerSpan, string(q.Kind), q.Status, now, q.ID)
		return err
	}
}

const quoteCols = `id, start, "end", text, speaker, coalesce(speaker_span, 0), kind, status, source`

func scanQuote(row interface{ Scan(...any) error }) (model.QuoteAnn, error) {
	var q model.QuoteAnn
	var kind string
	err := row.Scan(&q.ID, &q.Start, &q.End, &q.Text, &q.Speaker, &q.SpeakerSpan, &kind, &q.Status, &q.Source)
	q.Kind = model.QuoteKind(kind)
	return q, err
}

func quoteByID(ctx context.Context, tx querier, id int64) (model.QuoteAnn, error) {
	q, err := scanQuote(tx.QueryRowContext(ctx, `SELECT `+quoteCols+` FROM quotes WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("quote %d no longer exists", id)
	}
	return q, err
}

func quotesQ(ctx context.Context, q querier, id string) ([]model.QuoteAnn, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+quoteCols+` FROM quotes WHERE article_id = ? ORDER BY start, "end"`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.QuoteAnn
	for rows.Next() {
		qa, err := scanQuote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, qa)
	}
	return out, rows.Err()
}

func (s *SQLiteStore) span(ctx context.Context, tx querier, id int64) (model.Span, error) {
	var sp model.Span
	err := tx.QueryRowContext(ctx, `SELECT id, start, "end", label, text, canonical, source FROM spans WHERE id = ?`, id).
		Scan(&sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return sp, fmt.Errorf("span %d no longer exists", id)
	}
	return sp, err
}

// checkSpan enforces what the schema cannot: the span lies inside the
// snapshot, its text is what it covers, and it overlaps no other span.
func (s *SQLiteStore) checkSpan(ctx context.Context, tx *opTx, article string, sp model.Span) error {
	art, err := tx.text(ctx, article)
	if err != nil {
		return err
	}
	if got, ok := art.slice(sp.Start, sp.End); !ok || got != sp.Text {
		return fmt.Errorf("span %d–%d %q does not match the article text (%q)", sp.Start, sp.End, sp.Text, got)
	}
	// The stored spans never overlap (every one was checked here), so by
	// start they are also by end: the other span starting last before sp
	// ends overlaps sp if any does. One index step, where asking for any
	// span with start < End and end > Start walks every span before sp.
	var o model.Span
	err = tx.QueryRowContext(ctx, `SELECT id, start, "end", label, text FROM spans WHERE article_id = ? AND id != ? AND start < ? ORDER BY start DESC LIMIT 1`,
		article, sp.ID, sp.End).Scan(&o.ID, &o.Start, &o.End, &o.Label, &o.Text)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case o.End > sp.Start:
		return &OverlapError{With: o}
	}
	return nil
}

// inverse returns the ops that undo ops (applied in reverse order).
func inverse(ops []Op) []Op {
	out := make([]Op, 0, len(ops))
	for i := len(ops) - 1; i >= 0; i-- {
		op := ops[i]
		switch op.Kind {
		case OpAddSpan:
			out = append(out, Op{Kind: OpDelSpan, Article: op.Article, Span: op.Span})
		case OpDelSpan:
			out = append(out, Op{Kind: OpAddSpan, Article: op.Article, Span: op.Span})
		case OpSetSpan:
			out = append(out, Op{Kind: OpSetSpan, Article: op.Article, Span: op.Prev, Prev: op.Span})
		case OpSetStatus:
			out = append(out, Op{Kind: OpSetStatus, Article: op.Article, Status: op.PrevStatus, PrevStatus: op.Status})
		case OpSetText:
			out = append(out, Op{Kind: OpSetText, Article: op.Article, Text: op.PrevText, PrevText: op.Text})
		case OpAddQuote:
			out = append(out, Op{Kind: OpDelQuote, Article: op.Article, Quote: op.Quote})
		case OpDelQuote:
			out = append(out, Op{Kind: OpAddQuote, Article: op.Article, Quote: op.Quote})
		case OpSetQuote:
			out = append(out, Op{Kind: OpSetQuote, Article: op.Article, Quote: op.PrevQuote, PrevQuote: op.Quote})
		case OpSetDupLabel:
			out = append(out, Op{Kind: OpSetDupLabel, A: op.A, B: op.B, DupLabel: op.PrevLabel, PrevLabel: op.DupLabel})
		case OpSetCanonical:
			out = append(out, Op{Kind: OpSetCanonical, Article: op.Article, Flag: op.PrevFlag, PrevFlag: op.Flag})
		case OpSetCorrect:
			out = append(out, Op{Kind: OpSetCorrect, Article: op.Article, RawStart: op.RawStart, RawEnd: op.RawEnd, Keep: op.PrevKeep, PrevKeep: op.Keep})
		}
	}
	return out
}

// Undo implements Store.
func (s *SQLiteStore) Undo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 0 ORDER BY id DESC LIMIT 1`, true)
}

// Redo implements Store.
func (s *SQLiteStore) Redo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 1 ORDER BY id ASC LIMIT 1`, false)
}

func (s *SQLiteStore) step(ctx context.Context, pick string, undo bool) (Action, bool, error) {
	var act Action
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return act, false, err
	}
	defer tx.Rollback()
	var raw string
	err = tx.QueryRowContext(ctx, pick, s.annotator).Scan(&act.ID, &act.Name, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return act, false, nil
	}
	if err != nil {
		return act, false, err
	}
	if err := json.Unmarshal([]byte(raw), &act.Ops); err != nil {
		return act, false, fmt.Errorf("action %d in the log is damaged: %w", act.ID, err)
	}
	ops := act.Ops
	if undo {
		ops = inverse(act.Ops)
	}
	otx := newOpTx(tx)
	for i := range ops {
		if err := s.applyOp(ctx, otx, &ops[i]); err != nil {
			return act, false, fmt.Errorf("cannot %s %q: %w", map[bool]string{true: "undo", false: "redo"}[undo], act.Name, err)
		}
	}
	flag := 0
	if undo {
		flag = 1
	}
	if _, err := tx.ExecContext(ctx, `UPDATE actions SET undone = ? WHERE id = ?`, flag, act.ID); err != nil {
		return act, false, err
	}
	return act, true, tx.Commit()
}

// Statuses implements Store.
func (s *SQLiteStore) Statuses(ctx context.Context) (map[string]model.Status, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, status FROM articles`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Status{}
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = model.Status(st)
	}
	return out, rows.Err()
}

// State implements Store.
func (s *SQLiteStore) State(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM state WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetState implements Store.
func (s *SQLiteStore) SetState(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// IntegrityCheck runs SQLite's own full consistency check; a store that
// fails it is marked damaged (no more writes).
func (s *SQLiteStore) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if !strings.EqualFold(res, "ok") {
		err := fmt.Errorf("integrity check: %s", res)
		s.guard.markDamaged(err)
		return err
	}
	return nil
}
