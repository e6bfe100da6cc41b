package store

import (
	"context"
	"fmt"
	"strings"
)

// The story grouping features cache: what grouping needs of each article
// (model/story/group.Features and the article's date), kept by article ID
// with the content hash it was computed from, so reopening a corpus groups
// its stories without reading every article again. Derived data: not in
// the undo log, and a stale entry (another hash or version) is ignored.

// StoryFeature is one article's cached grouping features.
type StoryFeature struct {
	ID, Hash string
	Date     string // the article's metadata date, as read
	Keys     []byte // the features' keys, little-endian uint32s
}

// StoryFeatures returns the cached features of version for the given
// article IDs (those present only; the caller checks the hash).
func (s *SQLite) StoryFeatures(ctx context.Context, version int, ids []string) (map[string]StoryFeature, error) {
	out := map[string]StoryFeature{}
	const chunk = 500 // stay under SQLite's variable limit
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		args := []any{version}
		for _, id := range part {
			args = append(args, id)
		}
		q := fmt.Sprintf(`SELECT article_id, hash, date, keys FROM story_features WHERE version = ? AND article_id IN (%s)`, strings.TrimSuffix(strings.Repeat("?,", len(part)), ","))
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var f StoryFeature
			if err := rows.Scan(&f.ID, &f.Hash, &f.Date, &f.Keys); err != nil {
				rows.Close()
				return nil, err
			}
			out[f.ID] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PutStoryFeatures caches features in one transaction, replacing what
// was kept for those articles.
func (s *SQLite) PutStoryFeatures(ctx context.Context, version int, fs []StoryFeature) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO story_features(article_id, hash, version, date, keys) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(article_id) DO UPDATE SET hash = excluded.hash, version = excluded.version, date = excluded.date, keys = excluded.keys`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, f := range fs {
		if _, err := stmt.ExecContext(ctx, f.ID, f.Hash, version, f.Date, f.Keys); err != nil {
			return err
		}
	}
	return tx.Commit()
}
