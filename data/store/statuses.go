package store

import (
	"context"
	"fmt"

	"storydesk/model"
)

// Statuses implements Store.
func (s *SQLite) Statuses(ctx context.Context) (map[string]model.Status, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, status FROM articles`)
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

// applyStatus performs OpSetStatus.
func applyStatus(ctx context.Context, tx *opTx, op *Op, now string) error {
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = ?`, op.Article).Scan(&prev); err != nil {
		return fmt.Errorf("article %s is not in the store: %w", op.Article, err)
	}
	op.PrevStatus = model.Status(prev)
	_, err := tx.ExecContext(ctx, `UPDATE articles SET status=?, updated_at=? WHERE id=?`, string(op.Status), now, op.Article)
	return err
}
