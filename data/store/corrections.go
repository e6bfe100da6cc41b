package store

import (
	"context"
	"database/sql"
	"errors"

	"storydesk/model"
)

// Corrections returns an article's cleaner overrides, in raw order.
func (s *SQLite) Corrections(ctx context.Context, articleID string) ([]model.Correction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT raw_start, raw_end, keep FROM corrections WHERE annotator = ? AND article_id = ? ORDER BY raw_start`, s.annotator, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Correction
	for rows.Next() {
		var c model.Correction
		var keep int
		if err := rows.Scan(&c.Start, &c.End, &keep); err != nil {
			return nil, err
		}
		c.Keep = keep == 1
		out = append(out, c)
	}
	return out, rows.Err()
}

// AllCorrections reads every stored correction, by article id, each list in
// raw order.
func (s *SQLite) AllCorrections(ctx context.Context) (map[string][]model.Correction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, raw_start, raw_end, keep FROM corrections WHERE annotator = ? ORDER BY article_id, raw_start, raw_end`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]model.Correction{}
	for rows.Next() {
		var id string
		var c model.Correction
		var keep int
		if err := rows.Scan(&id, &c.Start, &c.End, &keep); err != nil {
			return nil, err
		}
		c.Keep = keep == 1
		out[id] = append(out[id], c)
	}
	return out, rows.Err()
}

// applyCorrect performs OpSetCorrect: keep 1 or 0 stores the override, -1
// removes it.
func (s *SQLite) applyCorrect(ctx context.Context, tx *opTx, op *Op, now string) error {
	var prev int
	err := tx.QueryRowContext(ctx, `SELECT keep FROM corrections WHERE annotator = ? AND article_id = ? AND raw_start = ? AND raw_end = ?`, s.annotator, op.Article, op.RawStart, op.RawEnd).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		prev, err = -1, nil
	}
	if err != nil {
		return err
	}
	op.PrevKeep = prev
	if op.Keep < 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM corrections WHERE annotator = ? AND article_id = ? AND raw_start = ? AND raw_end = ?`, s.annotator, op.Article, op.RawStart, op.RawEnd)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO corrections(article_id, raw_start, raw_end, keep, annotator, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(annotator, article_id, raw_start, raw_end) DO UPDATE SET keep = excluded.keep, created_at = excluded.created_at`,
		op.Article, op.RawStart, op.RawEnd, op.Keep, s.annotator, now)
	return err
}
