package browse

import (
	"context"
	"sync"

	"storydesk/data/corpus"
	"storydesk/model"
)

// Source is what the reader needs from a corpus. *corpus.Corpus provides it
// through FromCorpus; tests and other readers (a store opened on its own)
// supply their own.
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

// Stamper is a Source that can stamp an item's file without reading it
// (a corpus through FromCorpus): the reader notices a file changing or
// going under it (filewatch.go).
type Stamper interface {
	Stamp(i int) (corpus.FileStamp, error)
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

// CorpusOf is the corpus behind a Source made by FromCorpus, nil for any
// other (what reads files directly: export's all articles, duplicate
// detection's signature cache, the cleaner's corrections).
func CorpusOf(src Source) *corpus.Corpus {
	if cs, ok := src.(*corpusSource); ok {
		return cs.c
	}
	return nil
}

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

// Stamp implements Stamper. It needs no lock: it only stats the file.
func (s *corpusSource) Stamp(i int) (corpus.FileStamp, error) { return s.c.Stamp(i) }

// stampOf stamps item i, ok false when the file cannot be stat'ed (the
// next look says why).
func stampOf(sp Stamper, i int) (corpus.FileStamp, bool) {
	st, err := sp.Stamp(i)
	return st, err == nil
}
