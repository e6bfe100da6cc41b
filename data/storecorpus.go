package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"storydesk/model"
)

// StoreCorpus is a corpus made of the article snapshots an annotation store
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
// Load reads one snapshot by id.
type StoreCorpus struct {
	s     *SQLiteStore
	label string
	ids   []string // in id order, as every export walks them
}

// FormatStore is the Item.Format of a StoreCorpus item.
const FormatStore = "store"

// OpenStoreCorpus lists the articles s holds. It fails when the ids cannot
// be read; an empty store gives an empty corpus.
func OpenStoreCorpus(ctx context.Context, s *SQLiteStore) (*StoreCorpus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("annotation store %s: %w", s.path, err)
	}
	defer rows.Close()
	c := &StoreCorpus{s: s, label: model.SanitizeLine(filepath.Base(s.path))}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("annotation store %s: %w", s.path, err)
		}
		c.ids = append(c.ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("annotation store %s: %w", s.path, err)
	}
	return c, nil
}

// Label names the corpus after the store's file.
func (c *StoreCorpus) Label() string { return c.label }

// Len is the number of articles the store held when it was opened.
func (c *StoreCorpus) Len() int { return len(c.ids) }

// Item is article i as listed: its id (also its provisional path, until
// Stream or Load reads the snapshot's own).
func (c *StoreCorpus) Item(i int) Item {
	id := model.SanitizeLine(c.ids[i])
	return Item{ID: c.ids[i], Path: id, Format: FormatStore}
}

// Problems is empty: listing either works or fails as a whole.
func (c *StoreCorpus) Problems() []Problem { return nil }

const storeCorpusCols = `id, text, title, path, source, url, date, meta`

// Load reads article i's snapshot in full. Its error is a *ProblemError.
func (c *StoreCorpus) Load(i int) (*model.Article, error) {
	if i < 0 || i >= len(c.ids) {
		return nil, &ProblemError{Problem{Path: c.label, Reason: fmt.Sprintf("no item %d (the store lists %d)", i, len(c.ids))}}
	}
	id := c.ids[i]
	a, err := scanSnapshot(c.s.db.QueryRowContext(context.Background(), `SELECT `+storeCorpusCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = errors.New("no longer in the annotation store")
	}
	if err != nil {
		return nil, &ProblemError{Problem{Path: model.SanitizeLine(id), Reason: err.Error()}}
	}
	return a, nil
}

// scanSnapshot builds the article a stored snapshot describes. The store's
// texts were sanitised when they were first read from their files; they are
// passed through model.Sanitize again (a no-op then) because the database
// is a file like any other and may have been edited by other tools.
func scanSnapshot(row interface{ Scan(...any) error }) (*model.Article, error) {
	var id, text, title, path, source, url, date, meta string
	if err := row.Scan(&id, &text, &title, &path, &source, &url, &date, &meta); err != nil {
		return nil, err
	}
	text = model.Sanitize(text)
	a := &model.Article{
		ID: id, Format: "txt",
		Path:   model.SanitizeLine(path),
		Title:  model.SanitizeLine(title),
		Source: model.SanitizeLine(source),
		URL:    model.SanitizeLine(url),
		Date:   model.SanitizeLine(date),
		// The snapshot is already the cleaned text: the raw view shows it
		// as it is, with nothing removed.
		Raw: text, Text: text,
		Words: model.WordCount(text),
	}
	if a.Path == "" {
		a.Path = model.SanitizeLine(id)
	}
	var m map[string]string
	if json.Unmarshal([]byte(meta), &m) == nil && len(m) > 0 {
		a.Meta = make(map[string]string, len(m))
		for k, v := range m {
			if k = model.SanitizeLine(k); k != "" {
				a.Meta[k] = model.SanitizeLine(v)
			}
		}
	}
	if a.Title == "" {
		a.Title = headline(text)
	}
	if a.Title == "" {
		a.Title = model.SanitizeLine(id)
	}
	return a, nil
}

// Stream reads every listed snapshot and calls emit with batches of results
// (bodies dropped), in id order, until all are read or ctx is cancelled. One
// cursor over the articles table serves it, so memory holds one batch
// whatever the size of the store; workers is ignored (reading is the work,
// and SQLite reads one row at a time anyway). An article that has vanished
// since the listing, or a read that fails, comes back as a Problem.
func (c *StoreCorpus) Stream(ctx context.Context, workers int, emit func([]Result)) {
	if len(c.ids) == 0 {
		return
	}
	batch := make([]Result, 0, batchSize)
	flush := func() {
		if len(batch) > 0 && ctx.Err() == nil {
			emit(batch)
			batch = make([]Result, 0, batchSize)
		}
	}
	add := func(r Result) {
		batch = append(batch, r)
		if len(batch) >= batchSize {
			flush()
		}
	}
	gone := func(i int, why string) {
		add(Result{Index: i, Problem: &Problem{Path: model.SanitizeLine(c.ids[i]), Reason: why}})
	}
	next := 0 // the first listed id not yet emitted
	err := c.walk(ctx, func(a *model.Article) {
		// Both sides are in id order (SQLite's BINARY collation is Go's
		// string order): a merge pairs rows with listed items, skipping
		// articles added since the listing.
		for next < len(c.ids) && c.ids[next] < a.ID {
			gone(next, "no longer in the annotation store")
			next++
		}
		if next < len(c.ids) && c.ids[next] == a.ID {
			a.DropBody()
			add(Result{Index: next, Article: a})
			next++
		}
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

// walk calls fn for every snapshot in id order, from one read transaction.
func (c *StoreCorpus) walk(ctx context.Context, fn func(*model.Article)) error {
	tx, err := c.s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+storeCorpusCols+` FROM articles ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanSnapshot(rows)
		if err != nil {
			return err
		}
		fn(a)
	}
	return rows.Err()
}
