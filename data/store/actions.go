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
	if err := s.viewOnly(); err != nil {
		return act, err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return act, err
	}
	defer tx.Rollback()
	if err := s.register(ctx, tx); err != nil {
		return act, err
	}
	for _, a := range append([]*model.Article{act.Article}, act.Articles...) {
		if a == nil {
			continue
		}
		if err := s.insertArticle(ctx, tx, a, s.annotator); err != nil {
			return act, err
		}
	}
	otx := newOpTx(tx)
	otx.cache = s.wcache
	otx.direct = s.pg
	for i := range act.Ops {
		if err := s.applyOp(ctx, otx, &act.Ops[i]); err != nil {
			return act, err
		}
	}
	// A new action ends this session's redo history, as in any editor
	// (and that of the annotator's sessions that have ended).
	if _, err := otx.ExecContext(ctx, `DELETE FROM actions WHERE annotator = ? AND undone = 1 AND `+ownAction, s.annotator, s.session, s.liveSince()); err != nil {
		return act, err
	}
	ops, _ := json.Marshal(act.Ops)
	err = otx.QueryRowContext(ctx, `INSERT INTO actions(annotator, name, ops, created_at, session) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		s.annotator, act.Name, string(ops), s.stamp(), s.session).Scan(&act.ID)
	if err != nil {
		return act, err
	}
	if err := s.logChanges(ctx, tx, touched(act.Ops)); err != nil {
		return act, err
	}
	if err := tx.Commit(); err != nil {
		return act, err
	}
	s.wcache.warm(ctx)
	return act, nil
}

// ownAction selects the actions a session may undo and redo: its own, and
// those of the annotator's sessions that have ended (closed, or silent for
// longer than sessionTTL: killed), so undo still works across restarts.
// Its arguments are the session and liveSince().
const ownAction = `(session = ? OR NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.id = actions.session AND sessions.seen > ?))`

// Undo implements Store.
func (s *SQLite) Undo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 0 AND `+ownAction+` ORDER BY id DESC LIMIT 1`, true)
}

// Redo implements Store.
func (s *SQLite) Redo(ctx context.Context) (Action, bool, error) {
	return s.step(ctx, `SELECT id, name, ops FROM actions WHERE annotator = ? AND undone = 1 AND `+ownAction+` ORDER BY id ASC LIMIT 1`, false)
}

func (s *SQLite) step(ctx context.Context, pick string, undo bool) (Action, bool, error) {
	var act Action
	if err := s.viewOnly(); err != nil {
		return act, false, err
	}
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return act, false, err
	}
	defer tx.Rollback()
	if err := s.register(ctx, tx); err != nil {
		return act, false, err
	}
	var raw string
	err = tx.QueryRowContext(ctx, pick, s.annotator, s.session, s.liveSince()).Scan(&act.ID, &act.Name, &raw)
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
	otx.cache = s.wcache
	otx.strict, otx.direct = true, s.pg
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
	if err := s.logChanges(ctx, tx, touched(act.Ops)); err != nil {
		return act, false, err
	}
	if err := tx.Commit(); err != nil {
		return act, false, err
	}
	s.wcache.warm(ctx)
	return act, true, nil
}
