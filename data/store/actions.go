package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"storydesk/model"
)

// Do implements Store.
func (s *SQLite) Do(ctx context.Context, act Action) (Action, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return act, err
	}
	defer tx.Rollback()
	for _, a := range append([]*model.Article{act.Article}, act.Articles...) {
		if a == nil {
			continue
		}
		if err := s.insertArticle(ctx, tx, a, s.annotator); err != nil {
			return act, err
		}
	}
	otx := newOpTx(tx)
	otx.cache = &s.wcache
	for i := range act.Ops {
		if err := s.applyOp(ctx, otx, &act.Ops[i]); err != nil {
			return act, err
		}
	}
	// A new action ends this annotator's redo history, as in any editor.
	if _, err := otx.ExecContext(ctx, `DELETE FROM actions WHERE annotator = ? AND undone = 1`, s.annotator); err != nil {
		return act, err
	}
	ops, _ := json.Marshal(act.Ops)
	res, err := otx.ExecContext(ctx, `INSERT INTO actions(annotator, name, ops, created_at) VALUES (?, ?, ?, ?)`, s.annotator, act.Name, string(ops), s.stamp())
	if err != nil {
		return act, err
	}
	act.ID, _ = res.LastInsertId()
	if err := tx.Commit(); err != nil {
		return act, err
	}
	s.wcache.warm(ctx)
	return act, nil
}

// Undo implements Store.
func (s *SQLite) Undo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 0 ORDER BY id DESC LIMIT 1`, true)
}

// Redo implements Store.
func (s *SQLite) Redo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 1 ORDER BY id ASC LIMIT 1`, false)
}

func (s *SQLite) step(ctx context.Context, pick string, undo bool) (Action, bool, error) {
	var act Action
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return act, false, err
	}
	defer tx.Rollback()
	var raw string
	err = tx.QueryRowContext(ctx, pick, s.annotator).Scan(&act.ID, &act.Name, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return act, false, nil
	}
	if err != nil {
		return act, false, err
	}
	if err := json.Unmarshal([]byte(raw), &act.Ops); err != nil {
		return act, false, fmt.Errorf("action %d in the log is damaged: %w", act.ID, err)
	}
	ops := act.Ops
	if undo {
		ops = inverse(act.Ops)
	}
	otx := newOpTx(tx)
	otx.cache = &s.wcache
	for i := range ops {
		if err := s.applyOp(ctx, otx, &ops[i]); err != nil {
			return act, false, fmt.Errorf("cannot %s %q: %w", map[bool]string{true: "undo", false: "redo"}[undo], act.Name, err)
		}
	}
	flag := 0
	if undo {
		flag = 1
	}
	if _, err := tx.ExecContext(ctx, `UPDATE actions SET undone = ? WHERE id = ?`, flag, act.ID); err != nil {
		return act, false, err
	}
	if err := tx.Commit(); err != nil {
		return act, false, err
	}
	s.wcache.warm(ctx)
	return act, true, nil
}
