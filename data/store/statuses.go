package store

import (
	"context"
	"fmt"

	"storydesk/model"
)

// Statuses implements Store: the annotator's layer.
func (s *SQLite) Statuses(ctx context.Context) (map[string]model.Status, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, status FROM statuses WHERE annotator = ?`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Status{}
	for rows.Next() {
		var id, st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = model.Status(st)
	}
	return out, rows.Err()
}

// applyStatus performs OpSetStatus in the annotator's layer.
func (s *SQLite) applyStatus(ctx context.Context, tx *opTx, op *Op, now string) error {
	if _, err := tx.text(ctx, op.Article); err != nil {
		return err
	}
	if err := s.joinLayer(ctx, tx, op.Article); err != nil {
		return err
	}
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM statuses WHERE annotator = ? AND article_id = ?`, s.annotator, op.Article).Scan(&prev); err != nil {
		return fmt.Errorf("article %s is not in the store: %w", op.Article, err)
	}
	op.PrevStatus = model.Status(prev)
	_, err := tx.ExecContext(ctx, `UPDATE statuses SET status=?, updated_at=? WHERE annotator=? AND article_id=?`, string(op.Status), now, s.annotator, op.Article)
	return err
}
