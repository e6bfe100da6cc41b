package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"storydesk/model"
)

// Trained models (ModelStore) and rejected entity suggestions (OpSetReject).

// SaveModel implements ModelStore: blob replaces what name held, in one
// transaction. It is not an annotation, so it is not in the undo log.
func (s *SQLite) SaveModel(ctx context.Context, name string, blob []byte) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO models(name, blob, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET blob = excluded.blob, updated_at = excluded.updated_at`, name, blob, s.stamp())
	return err
}

// LoadModel implements ModelStore.
func (s *SQLite) LoadModel(ctx context.Context, name string) ([]byte, bool, error) {
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT blob FROM models WHERE name = ?`, name).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return blob, true, nil
}

// rejectionsQ reads an article's rejected suggestions, by position.
func rejectionsQ(ctx context.Context, q querier, id, annotator string) ([]model.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT start, "end", label, text FROM rejections WHERE annotator = ? AND article_id = ? ORDER BY start, "end", label`, annotator, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Span
	for rows.Next() {
		var sp model.Span
		if err := rows.Scan(&sp.Start, &sp.End, &sp.Label, &sp.Text); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// applyReject performs OpSetReject: Flag stores the rejection of Span (its
// text checked against the snapshot, as a span's is), no Flag removes it.
// PrevFlag records whether it was there, for undo.
func (s *SQLite) applyReject(ctx context.Context, tx *opTx, op *Op, now string) error {
	sp := op.Span
	if sp.Label == "" {
		return errors.New("a rejected suggestion needs a label")
	}
	art, err := tx.text(ctx, op.Article)
	if err != nil {
		return err
	}
	if got, ok := art.slice(sp.Start, sp.End); !ok || got != sp.Text {
		return fmt.Errorf("suggestion %d–%d %q does not match the article text (%q)", sp.Start, sp.End, sp.Text, got)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rejections WHERE annotator = ? AND article_id = ? AND start = ? AND "end" = ? AND label = ?`,
		s.annotator, op.Article, sp.Start, sp.End, sp.Label).Scan(&n); err != nil {
		return err
	}
	op.PrevFlag = n > 0
	if !op.Flag {
		_, err = tx.ExecContext(ctx, `DELETE FROM rejections WHERE annotator = ? AND article_id = ? AND start = ? AND "end" = ? AND label = ?`,
			s.annotator, op.Article, sp.Start, sp.End, sp.Label)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO rejections(article_id, start, "end", label, text, annotator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(annotator, article_id, start, "end", label) DO UPDATE SET created_at = excluded.created_at`,
		op.Article, sp.Start, sp.End, sp.Label, sp.Text, s.annotator, now)
	return err
}
