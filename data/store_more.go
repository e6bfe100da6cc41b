package data

import (
	"context"
	"fmt"
	"strings"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/dup"
)

// PairLabel is a reviewer's label on a pair of articles (A < B).
type PairLabel struct {
	A, B  string
	Label model.DupLabel
}

// DupLabels implements Store.
func (s *SQLiteStore) DupLabels(ctx context.Context) ([]PairLabel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b, label FROM dup_labels ORDER BY a, b`)
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
func (s *SQLiteStore) Canonicals(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id FROM dup_canonical`)
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

// Corrections returns an article's cleaner overrides, in raw order.
func (s *SQLiteStore) Corrections(ctx context.Context, articleID string) ([]model.Correction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT raw_start, raw_end, keep FROM corrections WHERE article_id = ? ORDER BY raw_start`, articleID)
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

// Signatures returns the cached duplicate signatures for the given content
// hashes (those of version and present only), so reopening a corpus hashes
// only new or changed articles.
func (s *SQLiteStore) Signatures(ctx context.Context, version int, hashes []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	const chunk = 500 // stay under SQLite's variable limit
	for i := 0; i < len(hashes); i += chunk {
		part := hashes[i:min(i+chunk, len(hashes))]
		args := []any{version}
		for _, h := range part {
			args = append(args, h)
		}
		q := fmt.Sprintf(`SELECT hash, sig FROM dup_signatures WHERE version = ? AND hash IN (%s)`, strings.TrimSuffix(strings.Repeat("?,", len(part)), ","))
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h string
			var sig []byte
			if err := rows.Scan(&h, &sig); err != nil {
				rows.Close()
				return nil, err
			}
			out[h] = sig
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PutSignatures caches signatures by content hash in one transaction. The
// cache is derived data: it is not in the undo log.
func (s *SQLiteStore) PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO dup_signatures(hash, version, sig) VALUES (?, ?, ?)
		ON CONFLICT(hash) DO UPDATE SET version = excluded.version, sig = excluded.sig`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for h, sig := range sigs {
		if _, err := stmt.ExecContext(ctx, h, version, sig); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// DupClusters groups the articles ids (nil: every labelled article) by the
// reviewers' pair labels and canonical marks in s; see dup.Clusters.
// length gives an article's length for the default canonical choice (nil:
// the smallest ID).
func (s *SQLiteStore) DupClusters(ctx context.Context, ids []string, length func(id string) int) (dup.Groups, error) {
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

var _ corpus.SignatureCache = (*SQLiteStore)(nil)
