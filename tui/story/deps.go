package story

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// What the story feature needs from the rest of the reader, declared here
// and satisfied by the root (tui/wire_story.go).

// Articles is the reader's list, read on the update loop.
type Articles interface {
	// Live are the items that could be read, in corpus order.
	Live() []int32
	// Loading reports whether the corpus is still being read.
	Loading() bool
	// IndexOf is the item of article id, -1 when the corpus has none.
	IndexOf(id string) int
	// Row is what the list knows of item i.
	Row(i int) Row
	// Selected is the list's selected item, -1 for none.
	Selected() int
	// KnownTexts are the live items whose cleaned-text hash the list's
	// read took: grouping takes their features from the store's cache.
	KnownTexts() []corpus.KnownText
}

// Row is an article as the list shows it.
type Row struct {
	ID, Title, Outlet string
	Words             int
}

// Source is the corpus: each article read in full, off the update loop.
type Source interface {
	Load(i int) (*model.Article, error)
}

// Dups is duplicate detection (tui/dups): grouping takes its pairs rather
// than signing every article again.
type Dups interface {
	DetectedPairs() (pairs []dup.Pair, finished, running bool)
}

// Pane is annotate mode's text, where a row of the story screen selects
// its passage.
type Pane interface {
	ID() string
	HasWords() bool
	Runes() []rune
	SelectRange(start, end int)
}

// Reader opens articles.
type Reader interface {
	// Open selects item idx in the list (clearing a filter that hides it)
	// and shows it in the article pane, scrolled to frac (0–1) of its
	// length; false when it is not in the list.
	Open(idx int, frac float64) (tea.Cmd, bool)
	// Annotate opens item idx in annotate mode, where a passage can be
	// selected; false without a store.
	Annotate(idx int) (tea.Cmd, bool)
	// Pane is annotate mode's text while annotate mode is on, else nil.
	Pane() Pane
	// Reading reports whether the list and article panes have the keys
	// (no other screen or mode over them).
	Reading() bool
}

// Writes is the write queue to the store.
type Writes interface {
	// NeedStore reports whether there is a store; without one it says so.
	NeedStore() bool
	Enqueue(j *session.Job) tea.Cmd
}

// Deps is what the feature is built with.
type Deps struct {
	Ctx      *ui.Context
	Host     ui.Host
	Articles Articles
	Source   Source
	Reader   Reader
	Writes   Writes
	Dups     Dups // nil: grouping signs the articles itself
	// Store is the annotation store (nil without one); its story links
	// (store.StoryLinker) are the annotator's splits and merges.
	Store   store.Store
	Workers int
	// ReportDir is where story reports are written.
	ReportDir func() string
}

// ReportDir is where story reports go by default: the corpus root's
// .storydesk/reports, else beside the store (a SQLite file), else the
// working directory; absolute, to say which folder.
func ReportDir(c *corpus.Corpus, st store.Store) string {
	if c != nil && c.Root != "" && !c.Sample {
		return filepath.Join(c.Root, ".storydesk", "reports")
	}
	dir := "."
	if sq, ok := st.(*store.SQLite); ok {
		dir = filepath.Join(filepath.Dir(sq.Path()), "reports")
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return dir
}
