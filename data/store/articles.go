package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"storydesk/model"
)

// Doc implements Store: the shared snapshot with the store's annotator's
// layer on it (no span and status new when their layer does not hold it).
func (s *SQLite) Doc(ctx context.Context, id string) (*Doc, bool, error) {
	d, _, ok, err := docQ(ctx, s.db, id, s.annotator)
	return d, ok, err
}

// docQ reads article id with annotator's layer; inLayer says whether the
// layer holds the article (a status row: annotated, imported or assigned).
func docQ(ctx context.Context, q querier, id, annotator string) (d *Doc, inLayer, ok bool, err error) {
	d = &Doc{ArticleID: id, Annotator: annotator}
	var status sql.NullString
	err = q.QueryRowContext(ctx, `SELECT a.text, a.hash, a.title, a.path, a.source, a.url, a.date, st.status FROM articles a
		LEFT JOIN statuses st ON st.article_id = a.id AND st.annotator = ? WHERE a.id = ?`, annotator, id).
		Scan(&d.Text, &d.Hash, &d.Title, &d.Path, &d.Source, &d.URL, &d.Date, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, false, nil
	}
	if err != nil {
		return nil, false, false, err
	}
	d.Status = model.StatusNew
	if status.Valid {
		d.Status = model.Status(status.String)
	}
	if d.Spans, err = spansQ(ctx, q, id, annotator); err != nil {
		return nil, false, false, err
	}
	if d.Quotes, err = quotesQ(ctx, q, id, annotator); err != nil {
		return nil, false, false, err
	}
	if d.Rejected, err = rejectionsQ(ctx, q, id, annotator); err != nil {
		return nil, false, false, err
	}
	return d, status.Valid, true, nil
}

// insertArticle snapshots an article the first time anyone annotates (or
// imports) it, recording annotator; an article already stored is left as it
// is. The store's annotator's layer then holds it.
func (s *SQLite) insertArticle(ctx context.Context, tx execer, a *model.Article, annotator string) error {
	if err := s.insertSnapshot(ctx, tx, a, annotator); err != nil {
		return err
	}
	return s.joinLayer(ctx, tx, a.ID)
}

// insertSnapshot stores an article's snapshot unless it is stored already.
func (s *SQLite) insertSnapshot(ctx context.Context, tx execer, a *model.Article, annotator string) error {
	meta, _ := json.Marshal(a.Meta)
	now := s.stamp()
	_, err := tx.ExecContext(ctx, `INSERT INTO articles(id, text, hash, title, path, source, url, date, meta, annotator, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		a.ID, a.Text, model.HashText(a.Text), a.Title, a.Path, a.Source, a.URL, a.Date, string(meta), annotator, now, now)
	return err
}

// joinLayer puts a stored article into the store's annotator's layer
// (status new) unless it is there already; an article the store does not
// hold is left alone.
func (s *SQLite) joinLayer(ctx context.Context, tx execer, id string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO statuses(annotator, article_id, status, updated_at)
		SELECT ?, id, 'new', ? FROM articles WHERE id = ? ON CONFLICT DO NOTHING`, s.annotator, s.stamp(), id)
	return err
}

// applyText performs OpSetText: the article's snapshot is replaced.
func (s *SQLite) applyText(ctx context.Context, tx *opTx, op *Op, now string) error {
	// The snapshot is shared: moving it under other annotators' spans
	// would leave them pointing at the wrong words.
	var others string
	err := tx.QueryRowContext(ctx, `SELECT annotator FROM spans WHERE article_id = ? AND annotator != ?
		UNION ALL SELECT annotator FROM quotes WHERE article_id = ? AND annotator != ? LIMIT 1`, op.Article, s.annotator, op.Article, s.annotator).Scan(&others)
	if err == nil {
		return fmt.Errorf("%w: %s's layer (and perhaps others') annotates the stored text of %s; it cannot be re-anchored in one layer", ErrConflict, others, op.Article)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, op.Article).Scan(&op.PrevText); err != nil {
		return fmt.Errorf("article %s is not in the store: %w", op.Article, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET text=?, hash=?, updated_at=? WHERE id=?`, op.Text, model.HashText(op.Text), now, op.Article); err != nil {
		return err
	}
	delete(tx.texts, op.Article) // read (and indexed) again when a span needs it
	return nil
}

// Hashes implements Store, for the articles in the annotator's layer.
func (s *SQLite) Hashes(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.hash FROM articles a JOIN statuses st ON st.article_id = a.id AND st.annotator = ?`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}

// ArticleBrief is what the cluster export needs of an article.
type ArticleBrief struct {
	Source string
	Date   string
	Length int // code points of the snapshot
}

// Brief implements Store. A pair may be labelled before either side is
// annotated, so ok false is common.
func (s *SQLite) Brief(ctx context.Context, id string) (ArticleBrief, bool, error) {
	var b ArticleBrief
	// length() of TEXT counts characters (code points), not bytes.
	err := s.db.QueryRowContext(ctx, `SELECT source, date, length(text) FROM articles WHERE id = ?`, id).Scan(&b.Source, &b.Date, &b.Length)
	if errors.Is(err, sql.ErrNoRows) {
		return b, false, nil
	}
	return b, err == nil, err
}

const snapshotCols = `id, text, title, path, source, url, date, meta`

// scanSnapshot reads a snapshot row as written (see Store.Snapshot).
func scanSnapshot(row interface{ Scan(...any) error }) (*model.Article, error) {
	a := &model.Article{}
	var meta string
	if err := row.Scan(&a.ID, &a.Text, &a.Title, &a.Path, &a.Source, &a.URL, &a.Date, &meta); err != nil {
		return nil, err
	}
	if json.Unmarshal([]byte(meta), &a.Meta) != nil {
		a.Meta = nil // unreadable metadata is no metadata
	}
	return a, nil
}

// ArticleIDs implements Store. It reads the primary key's index only.
func (s *SQLite) ArticleIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Snapshot implements Store.
func (s *SQLite) Snapshot(ctx context.Context, id string) (*model.Article, bool, error) {
	a, err := scanSnapshot(s.db.QueryRowContext(ctx, `SELECT `+snapshotCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return a, err == nil, err
}

// EachSnapshot implements Store, from one read transaction (a consistent
// snapshot that does not block writers) with a single cursor.
func (s *SQLite) EachSnapshot(ctx context.Context, fn func(*model.Article) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+snapshotCols+` FROM articles ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanSnapshot(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}
