package tui

import (
	"context"
	"sync"

	"storydesk/data/corpus"
	"storydesk/model"
)

// Source is what the reader needs from a corpus. *corpus.Corpus provides it
// through New; tests and later features (a store-backed view) can supply
// their own.
type Source interface {
	// Label is a short name for the corpus, shown in the list title.
	Label() string
	// Len is the number of items found before any body was read.
	Len() int
	// Item is item i as found (display path, provisional id).
	Item(i int) corpus.Item
	// Problems are the inputs that could not even be listed.
	Problems() []corpus.Problem
	// Load reads item i in full. It is called from a tea.Cmd goroutine.
	Load(i int) (*model.Article, error)
	// Stream reads every item in the background; see corpus.Corpus.Stream.
	Stream(ctx context.Context, workers int, emit func([]corpus.Result))
}

// corpusSource adapts *corpus.Corpus. Loads are serialised: the reader asks for
// at most one article at a time anyway, and this keeps Load free of any
// concurrency demands beyond running alongside Stream.
type corpusSource struct {
	c  *corpus.Corpus
	mu sync.Mutex
}

// FromCorpus wraps a corpus as a Source.
func FromCorpus(c *corpus.Corpus) Source { return &corpusSource{c: c} }

func (s *corpusSource) Label() string              { return s.c.Label }
func (s *corpusSource) Len() int                   { return len(s.c.Items) }
func (s *corpusSource) Item(i int) corpus.Item     { return s.c.Items[i] }
func (s *corpusSource) Problems() []corpus.Problem { return s.c.Problems }

func (s *corpusSource) Load(i int) (*model.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c.Load(i)
}

func (s *corpusSource) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	s.c.Stream(ctx, workers, emit)
}
