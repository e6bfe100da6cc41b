package suggest

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// What the suggestions need from the rest of the reader, declared here and
// satisfied by the root (tui/wire_suggest.go): annotate mode, whose text
// they are drawn over (through its hook, annotate.Suggestions, matched by
// Hook's methods: this package does not import annotate), the session's
// documents, and a keeper for the trained model.

// Pane is annotate mode's text as the suggestions read and move it
// (*annotate.Pane).
type Pane interface {
	// Ready: a text is laid out; HasWords: it has words to stop on.
	Ready() bool
	HasWords() bool
	ID() string
	Text() string
	// Spans are the article's entity spans as saved.
	Spans() []model.Span
	// CursorRange is the word or span under the cursor.
	CursorRange() (start, end int)
	Selecting() bool
	ClearSelection()
	// JumpTo moves the cursor to off and scrolls it into view.
	JumpTo(off int)
	// Unreviewed is how many imported annotations wait for review;
	// OnImported, that the cursor is on one. They keep the review keys.
	Unreviewed() int
	OnImported() bool
}

// Change builds an edit when its turn in the write queue comes, against
// the document as saved by then (nil: never annotated) and its spans: the
// ops and the action's name, or false (having said why) to refuse.
type Change func(j *session.Job, doc *store.Doc, spans []model.Span) (ops []store.Op, name string, ok bool)

// Annotate is annotate mode as the suggestions extend it.
type Annotate interface {
	// Active reports that annotate mode is on; Leading, that it leads
	// (no extension's mode, such as quotes, is on: they step aside then).
	Active() bool
	Leading() bool
	Pane() Pane
	// Capture takes [start, end) of the article on screen as it is now
	// and returns how to queue a change to it, the cursor going to focus
	// after (-1: it stays); annotate mode snapshots the article with its
	// first annotation and marks it in progress.
	Capture(start, end int) func(focus int, change Change) tea.Cmd
	// TagAll tags every occurrence of text in the article as label (with
	// corpus, across the corpus) except where a span or one of avoid is.
	TagAll(corpus bool, text, label string, avoid []model.Span) tea.Cmd
}

// Docs is the session's documents (*session.Session).
type Docs interface {
	// Doc is an article's entry once it is read (nil before).
	Doc(id string) *session.DocEntry
}

// ModelKeeper keeps the trained model between runs (store.ModelStore).
type ModelKeeper interface {
	SaveModel(ctx context.Context, name string, blob []byte) error
	LoadModel(ctx context.Context, name string) (blob []byte, ok bool, err error)
}

// Deps is what New needs.
type Deps struct {
	Ctx      *ui.Context
	Host     ui.Host
	Docs     Docs
	Annotate Annotate
	// Keeper loads and saves the trained model (nil: always the shipped
	// one, never saved).
	Keeper ModelKeeper
	// On shows the suggestions at start (the toggle key flips them).
	On bool
}
