package data

import (
	"context"
	"encoding/json"

	"storydesk/model"
)

// Additions the annotate UI needs beyond the Store interface. They are
// methods of *SQLiteStore only; the UI reaches them through small interfaces
// of its own and says so when a store lacks them.

// DoAcross is Do for an action whose ops touch several articles (tagging a
// name across the corpus): every article in articles is snapshotted, if the
// store has not seen it, in the same transaction as the ops, so a refused
// action leaves no snapshot behind. act.Article, if set, is snapshotted too.
func (s *SQLiteStore) DoAcross(ctx context.Context, act Action, articles []*model.Article) (Action, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return act, err
	}
	defer tx.Rollback()
	if act.Article != nil {
		articles = append([]*model.Article{act.Article}, articles...)
	}
	for _, a := range articles {
		if err := s.ensureArticle(ctx, tx, a); err != nil {
			return act, err
		}
	}
	for i := range act.Ops {
		if err := s.apply(ctx, tx, &act.Ops[i]); err != nil {
			return act, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM actions WHERE annotator = ? AND undone = 1`, s.annotator); err != nil {
		return act, err
	}
	ops, _ := json.Marshal(act.Ops)
	res, err := tx.ExecContext(ctx, `INSERT INTO actions(annotator, name, ops, created_at) VALUES (?, ?, ?, ?)`, s.annotator, act.Name, string(ops), s.stamp())
	if err != nil {
		return act, err
	}
	act.ID, _ = res.LastInsertId()
	return act, tx.Commit()
}

// Hashes returns the snapshot hash of every stored article, so the list can
// mark articles whose text changed on disk since they were annotated.
func (s *SQLiteStore) Hashes(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, hash FROM articles`)
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
