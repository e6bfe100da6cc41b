package quotes

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
)

// What quotes mode needs from the rest of the reader, declared here and
// satisfied by the root (tui/wire_quotes.go): annotate mode, which it
// extends, the reader's list and corpus, and the session's documents.

// Pane is annotate mode's text as quotes mode reads and moves it
// (*annotate.Pane).
type Pane interface {
	// Ready: a text is laid out; HasWords: it has words to stop on.
	Ready() bool
	HasWords() bool
	ID() string
	Text() string
	Runes() []rune
	// Spans are the article's entity spans as saved.
	Spans() []model.Span
	// CursorRange is the word or span under the cursor.
	CursorRange() (start, end int)
	Selection() (start, end int, ok bool)
	Selecting() bool
	ClearSelection()
	// JumpTo moves the cursor to off and scrolls it into view;
	// SelectRange selects [start, end) with the cursor at its start.
	JumpTo(off int)
	SelectRange(start, end int)
	// Panel is whether a side panel is shown and whether it is the
	// extension's (quotes') rather than the entities; SetPanel sets both.
	Panel() (shown, ext bool)
	SetPanel(shown, ext bool)
	// PanelRect is where the panel is drawn, in body coordinates.
	PanelRect() (x, y, w, h int)
}

// Change builds a quotation edit when its turn in the write queue comes,
// against the document as saved by then (nil: never annotated) and its
// spans: the ops and the action's name, or false (having said why) to
// refuse.
type Change func(j *session.Job, doc *store.Doc, spans []model.Span) (ops []store.Op, name string, ok bool)

// Annotate is annotate mode as quotes mode extends it.
type Annotate interface {
	// Active reports that annotate mode is on; Pane is its text.
	Active() bool
	Pane() Pane
	// Enter opens item idx in annotate mode, now or once it is loaded.
	Enter(idx int) tea.Cmd
	// Capture takes [start, end) of the article on screen as it is now
	// and returns how to queue a change to it (annotate mode snapshots
	// the article with its first annotation and marks it in progress).
	Capture(start, end int) func(Change) tea.Cmd
	// EditOps are the ops for a stored quotation changed by hand: an
	// imported one counts as reviewed, and undo restores it exactly.
	EditOps(doc *store.Doc, id string, old, nw model.QuoteAnn) []store.Op
}

// Reader is the reader's list and corpus.
type Reader interface {
	// Selected is the list's selected item (-1 for none): Q opens it.
	Selected() int
	// LiveItems are the corpus's readable items (the carriers search's).
	LiveItems() []int32
	// Load reads item i in full; it is called off the update loop.
	Load(i int) (*model.Article, error)
	// Open selects item idx in the list (clearing a filter that hides it)
	// and opens it in annotate mode, leaving the article annotate mode is
	// on; false when the item is no longer in the list.
	Open(idx int) (tea.Cmd, bool)
}

// Docs is the session's documents (*session.Session).
type Docs interface {
	// Doc is an article's entry once it is read (nil before).
	Doc(id string) *session.DocEntry
	// Hashes has an entry for every annotated article.
	Hashes() map[string]string
	// Store is read by the carriers search, off the update loop.
	Store() store.Store
}
