package store

import (
	"context"
	"database/sql"
	"errors"

	"storydesk/model"
	"storydesk/model/dup"
)

// PairLabel is a reviewer's label on a pair of articles (A < B).
type PairLabel struct {
	A, B  string
	Label model.DupLabel
}

// DupLabels implements Store.
func (s *SQLite) DupLabels(ctx context.Context) ([]PairLabel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b, label FROM dup_labels WHERE annotator = ? ORDER BY a, b`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PairLabel
	for rows.Next() {
		var p PairLabel
		var l string
		if err := rows.Scan(&p.A, &p.B, &l); err != nil {
			return nil, err
		}
		p.Label = model.DupLabel(l)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Canonicals implements Store.
func (s *SQLite) Canonicals(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id FROM dup_canonical WHERE annotator = ?`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// applyDupLabel performs OpSetDupLabel; a pair is stored with a < b.
func (s *SQLite) applyDupLabel(ctx context.Context, tx *opTx, op *Op, now string) error {
	a, b := op.A, op.B
	if a > b {
		a, b = b, a
	}
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT label FROM dup_labels WHERE annotator = ? AND a = ? AND b = ?`, s.annotator, a, b).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	op.PrevLabel = model.DupLabel(prev)
	if op.DupLabel == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM dup_labels WHERE annotator = ? AND a = ? AND b = ?`, s.annotator, a, b)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO dup_labels(a, b, label, annotator, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(annotator, a, b) DO UPDATE SET label = excluded.label, created_at = excluded.created_at`,
		a, b, string(op.DupLabel), s.annotator, now)
	return err
}

// applyCanonical performs OpSetCanonical.
func (s *SQLite) applyCanonical(ctx context.Context, tx *opTx, op *Op) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dup_canonical WHERE annotator = ? AND article_id = ?`, s.annotator, op.Article).Scan(&n); err != nil {
		return err
	}
	op.PrevFlag = n > 0
	q := `DELETE FROM dup_canonical WHERE annotator = ? AND article_id = ?`
	if op.Flag {
		q = `INSERT INTO dup_canonical(annotator, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`
	}
	_, err := tx.ExecContext(ctx, q, s.annotator, op.Article)
	return err
}

// DupClusters groups the articles ids (nil: every labelled article) by the
// reviewers' pair labels and canonical marks in s; see dup.Clusters.
// length gives an article's length for the default canonical choice (nil:
// the smallest ID).
func (s *SQLite) DupClusters(ctx context.Context, ids []string, length func(id string) int) (dup.Groups, error) {
	labels, err := s.DupLabels(ctx)
	if err != nil {
		return dup.Groups{}, err
	}
	canon, err := s.Canonicals(ctx)
	if err != nil {
		return dup.Groups{}, err
	}
	pairs := make([]dup.LabeledPair, len(labels))
	for i, l := range labels {
		pairs[i] = dup.LabeledPair{A: l.A, B: l.B, Label: l.Label}
	}
	return dup.Clusters(ids, pairs, canon, length), nil
}
