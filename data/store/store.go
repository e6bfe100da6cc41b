package store

import (
	"context"
	"errors"
	"fmt"

	"storydesk/data/store/guard"
	"storydesk/model"
)

// Store keeps annotations. It is an interface so a shared server backend
// (PostgreSQL, for teams) can follow the embedded SQLite one; the reader,
// the exporters and the importers use only this: nothing in it names SQLite,
// a transaction or a cursor (walks are callbacks).
//
// Every method that changes anything is one transaction, committed before
// it returns: when Do returns nil, the action is on disk.
type Store interface {
	// Doc returns what the store holds for an article: its snapshot, status
	// and spans. ok is false when the article has never been annotated.
	Doc(ctx context.Context, articleID string) (doc *Doc, ok bool, err error)
	// Do applies one user action atomically and logs it for undo. It returns
	// the action as applied (new spans carry their ids).
	Do(ctx context.Context, act Action) (Action, error)
	// Undo reverts this annotator's latest action; Redo re-applies the latest
	// undone one. ok is false when there is nothing to undo or redo.
	Undo(ctx context.Context) (act Action, ok bool, err error)
	Redo(ctx context.Context) (act Action, ok bool, err error)
	// Statuses returns every annotated article's status, for list badges and progress.
	Statuses(ctx context.Context) (map[string]model.Status, error)
	// Hashes returns every annotated article's snapshot hash, so the list can
	// mark articles whose text changed on disk since they were annotated.
	Hashes(ctx context.Context) (map[string]string, error)
	// State and SetState keep small UI state (last article, position) across runs.
	State(ctx context.Context, key string) (string, error)
	SetState(ctx context.Context, key, value string) error

	// DupLabels returns every labelled pair of articles, by (A, B).
	DupLabels(ctx context.Context) ([]PairLabel, error)
	// Canonicals returns the articles chosen as the canonical copy of their cluster.
	Canonicals(ctx context.Context) (map[string]bool, error)

	// EachDoc calls fn for every stored article that f accepts, in id
	// order, with its spans, accepted quotations, canonical flag and
	// labelled pairs. It streams: memory holds one article at a time, and
	// the ExportDoc passed to fn is reused (fn must not keep it). An error
	// from fn stops the walk and is returned.
	EachDoc(ctx context.Context, f DocFilter, fn func(*ExportDoc) error) error
	// ExportDocByID returns what EachDoc would give for one article; ok is
	// false when the store has never seen it.
	ExportDocByID(ctx context.Context, id string) (d *ExportDoc, ok bool, err error)
	// Brief returns an article's outlet, date and length; ok is false when
	// the store has never seen it.
	Brief(ctx context.Context, id string) (b ArticleBrief, ok bool, err error)

	// ArticleIDs lists the stored articles' ids in id order (byte order, as
	// Go compares strings), reading no text.
	ArticleIDs(ctx context.Context) ([]string, error)
	// Snapshot returns an article's stored snapshot: its id, text, title,
	// path, outlet, URL, date and metadata as they were written (see
	// snapshots.Corpus, which reads them as a corpus); ok is false when the
	// store does not hold it.
	Snapshot(ctx context.Context, id string) (a *model.Article, ok bool, err error)
	// EachSnapshot calls fn with every stored snapshot in id order,
	// streaming (memory holds one at a time). An error from fn stops the
	// walk and is returned.
	EachSnapshot(ctx context.Context, fn func(*model.Article) error) error

	// BeginImport starts a bulk write for the importers: see ImportTx.
	BeginImport(ctx context.Context) (ImportTx, error)

	// Path names the store for messages ("/x/.storydesk/annotations.db").
	Path() string
	Close() error
}

// ImportTx is a bulk write, as an import makes one: many records in one
// transaction, each record's writes a unit of their own (Savepoint, then
// Release or RollbackTo), none of it in the undo log. Nothing is visible to
// others before Commit; Rollback (or a failed Commit) leaves nothing.
type ImportTx interface {
	// Doc is an article as this transaction sees it (see Store.Doc).
	Doc(ctx context.Context, articleID string) (doc *Doc, ok bool, err error)
	// AddArticle snapshots an article the store does not hold; annotator ""
	// records the store's own.
	AddArticle(ctx context.Context, a *model.Article, annotator string) error
	// AddSpan stores a span the caller has checked as Do checks one (inside
	// the snapshot, its Text what it covers, overlapping no other span) and
	// returns its id; its ID field is ignored.
	AddSpan(ctx context.Context, articleID string, sp model.Span) (int64, error)
	// AddQuote stores a quotation the caller has checked against the
	// snapshot and returns its id; its ID field is ignored, a SpeakerSpan
	// of 0 is none.
	AddQuote(ctx context.Context, articleID string, q model.QuoteAnn) (int64, error)
	// Apply performs one op as Do would (checked, its Prev fields filled
	// in), without logging it for undo.
	Apply(ctx context.Context, op *Op) error
	// Savepoint marks the start of one record; Release keeps what was
	// written since, RollbackTo undoes it (and ends the mark). Marks do not
	// nest.
	Savepoint(ctx context.Context) error
	Release(ctx context.Context) error
	RollbackTo(ctx context.Context) error
	// Commit saves the transaction; Rollback drops it.
	Commit() error
	Rollback() error
}

// Doc is an annotated article as stored: the snapshot of the cleaned text
// the spans point into, and the annotations.
type Doc struct {
	ArticleID string
	Text      string // snapshot of the cleaned text when first annotated
	Hash      string // model.HashText(Text)
	Title     string
	Path      string
	Source    string
	URL       string
	Date      string
	Status    model.Status
	Annotator string
	Spans     []model.Span     // by position
	Quotes    []model.QuoteAnn // by position, accepted and rejected
	Rejected  []model.Span     // entity suggestions rejected, by position (not spans: never exported)
}

// ErrOverlap is returned (wrapped in *OverlapError) when a span would overlap
// another: entity spans in one article do not overlap, as in NER data.
var ErrOverlap = errors.New("spans would overlap")

// OverlapError names the span in the way.
type OverlapError struct{ With model.Span }

func (e *OverlapError) Error() string {
	return fmt.Sprintf("overlaps %s %q at %d–%d", e.With.Label, e.With.Text, e.With.Start, e.With.End)
}

func (e *OverlapError) Unwrap() error { return ErrOverlap }

// ErrConflict is returned when an action rests on annotations that have
// changed since it was made (another session of the same annotator changed
// or deleted them): it is refused, never applied over them.
var ErrConflict = errors.New("conflict")

// ErrSchemaTooNew: the database was written by a newer storydesk.
var ErrSchemaTooNew = guard.ErrSchemaTooNew
