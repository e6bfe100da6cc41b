package entities

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// What the entities need from the rest of the reader, declared here and
// satisfied by the root (tui/wire_entities.go): annotate mode, whose pane
// the panel is drawn beside and whose write queue the edits go through
// (they plug into it through its hook, annotate.Entities, matched by
// Hook's methods: this package does not import annotate), and the
// session's documents and store.

// Pane is annotate mode's text as the entities read it (*annotate.Pane).
type Pane interface {
	ID() string
	// Spans are the article's entity spans as saved.
	Spans() []model.Span
	// CursorSpan is the span under the cursor, when nothing is selected.
	CursorSpan() (model.Span, bool)
	// PromptWidth is the width of a prompt's input in the legend row;
	// PromptCursor, where the terminal cursor goes x cells into that row.
	PromptWidth() int
	PromptCursor(x int) (col, row int, ok bool)
}

// Annotate is annotate mode as the entities extend it.
type Annotate interface {
	// Active reports that annotate mode is on; Pane is its text.
	Active() bool
	Pane() Pane
	// Queue adds a write whose action build makes when its turn comes;
	// build returns false (having said why) to refuse.
	Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd
	// EditOps are the ops for one span changed by hand: an imported one
	// counts as reviewed, and undo restores it exactly.
	EditOps(doc *store.Doc, id string, old, nw model.Span) []store.Op
}

// Docs is the session's documents and store (*session.Session).
type Docs interface {
	// Doc is an article's entry once it is read (nil before).
	Doc(id string) *session.DocEntry
	// Store is read by the corpus-wide renaming, off the update loop.
	Store() store.Store
}

// Deps is what New needs.
type Deps struct {
	Ctx      *ui.Context
	Host     ui.Host
	Docs     Docs
	Annotate Annotate
}
