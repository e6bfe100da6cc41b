// Package snapshots reads the article snapshots an annotation store holds
// as a corpus (what `storydesk --db X.db` opens when no PATH is given),
// through the store.Store interface only.
package snapshots

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// Corpus is a corpus made of the article snapshots an annotation store
// holds: what `storydesk --db X.db` opens when no PATH is given. It serves
// articles that match no file on disk, such as Prodigy records imported with
// only a text and an _input_hash, and every article annotated from corpora
// that have since moved.
//
// Each article is its snapshot exactly — the text its spans and quotations
// point into, with the title, path, outlet, URL, date and metadata stored
// with it — so nothing is re-cleaned and every stored offset still fits. It
// has the methods the reader's Source needs (tui.NewFromSource).
//
// It scales like the file corpora: opening reads only the ids (from the
// primary key's index, never the texts), Stream walks the snapshots in one
// read transaction with a single cursor and drops the bodies it emits, and
// Load reads one snapshot by id. It reads the store through the Store
// interface only.
type Corpus struct {
	s     store.Store
	label string
	ids   []string // in id order, as every export walks them
}

// Format is the Item.Format of a Corpus item.
const Format = "store"

// Open lists the articles s holds. It fails when the ids cannot
// be read; an empty store gives an empty corpus.
func Open(ctx context.Context, s store.Store) (*Corpus, error) {
	ids, err := s.ArticleIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("annotation store %s: %w", s.Path(), err)
	}
	return &Corpus{s: s, label: model.SanitizeLine(filepath.Base(s.Path())), ids: ids}, nil
}

// Label names the corpus after the store's file.
func (c *Corpus) Label() string { return c.label }

// Len is the number of articles the store held when it was opened.
func (c *Corpus) Len() int { return len(c.ids) }

// Item is article i as listed: its id (also its provisional path, until
// Stream or Load reads the snapshot's own).
func (c *Corpus) Item(i int) corpus.Item {
	id := model.SanitizeLine(c.ids[i])
	return corpus.Item{ID: c.ids[i], Path: id, Format: Format}
}

// Problems is empty: listing either works or fails as a whole.
func (c *Corpus) Problems() []corpus.Problem { return nil }

// Load reads article i's snapshot in full. Its error is a *ProblemError.
func (c *Corpus) Load(i int) (*model.Article, error) {
	if i < 0 || i >= len(c.ids) {
		return nil, &corpus.ProblemError{Problem: corpus.Problem{Path: c.label, Reason: fmt.Sprintf("no item %d (the store lists %d)", i, len(c.ids))}}
	}
	id := c.ids[i]
	a, ok, err := c.s.Snapshot(context.Background(), id)
	if err == nil && !ok {
		err = errors.New("no longer in the annotation store")
	}
	if err != nil {
		return nil, &corpus.ProblemError{Problem: corpus.Problem{Path: model.SanitizeLine(id), Reason: err.Error()}}
	}
	return fromSnapshot(a), nil
}

// fromSnapshot makes the article a stored snapshot describes, in place. The
// store's texts were sanitised when they were first read from their files;
// they are passed through model.Sanitize again (a no-op then) because the
// database is a file like any other and may have been edited by other
// tools.
func fromSnapshot(a *model.Article) *model.Article {
	text := model.Sanitize(a.Text)
	// The snapshot is already the cleaned text: the raw view shows it as
	// it is, with nothing removed.
	a.Format, a.Raw, a.Text, a.Words = "txt", text, text, model.WordCount(text)
	a.Path = model.SanitizeLine(a.Path)
	a.Title = model.SanitizeLine(a.Title)
	a.Source = model.SanitizeLine(a.Source)
	a.URL = model.SanitizeLine(a.URL)
	a.Date = model.SanitizeLine(a.Date)
	if a.Path == "" {
		a.Path = model.SanitizeLine(a.ID)
	}
	if meta := a.Meta; len(meta) > 0 {
		a.Meta = make(map[string]string, len(meta))
		for k, v := range meta {
			if k = model.SanitizeLine(k); k != "" {
				a.Meta[k] = model.SanitizeLine(v)
			}
		}
	} else {
		a.Meta = nil
	}
	if a.Title == "" {
		a.Title = corpus.Headline(text)
	}
	if a.Title == "" {
		a.Title = model.SanitizeLine(a.ID)
	}
	return a
}

// Stream reads every listed snapshot and calls emit with batches of results
// (bodies dropped), in id order, until all are read or ctx is cancelled. One
// cursor over the articles table serves it, so memory holds one batch
// whatever the size of the store; workers is ignored (reading is the work,
// and SQLite reads one row at a time anyway). An article that has vanished
// since the listing, or a read that fails, comes back as a Problem.
func (c *Corpus) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	if len(c.ids) == 0 {
		return
	}
	batch := make([]corpus.Result, 0, corpus.StreamBatch)
	flush := func() {
		if len(batch) > 0 && ctx.Err() == nil {
			emit(batch)
			batch = make([]corpus.Result, 0, corpus.StreamBatch)
		}
	}
	add := func(r corpus.Result) {
		batch = append(batch, r)
		if len(batch) >= corpus.StreamBatch {
			flush()
		}
	}
	gone := func(i int, why string) {
		add(corpus.Result{Index: i, Problem: &corpus.Problem{Path: model.SanitizeLine(c.ids[i]), Reason: why}})
	}
	next := 0 // the first listed id not yet emitted
	err := c.s.EachSnapshot(ctx, func(a *model.Article) error {
		fromSnapshot(a)
		// Both sides are in id order (SQLite's BINARY collation is Go's
		// string order): a merge pairs rows with listed items, skipping
		// articles added since the listing.
		for next < len(c.ids) && c.ids[next] < a.ID {
			gone(next, "no longer in the annotation store")
			next++
		}
		if next < len(c.ids) && c.ids[next] == a.ID {
			a.DropBody()
			add(corpus.Result{Index: next, Article: a})
			next++
		}
		return nil
	})
	if ctx.Err() != nil {
		return
	}
	why := "no longer in the annotation store"
	if err != nil {
		why = "could not be read from the annotation store: " + err.Error()
	}
	for ; next < len(c.ids); next++ {
		gone(next, why)
	}
	flush()
}
