package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"storydesk/model"
)

func spansQ(ctx context.Context, q querier, id, annotator string) ([]model.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, start, "end", label, text, canonical, source FROM spans WHERE annotator = ? AND article_id = ? ORDER BY start, "end"`, annotator, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Span
	for rows.Next() {
		var sp model.Span
		if err := rows.Scan(&sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// applySpan performs the span ops, checking the span against the snapshot.
func (s *SQLite) applySpan(ctx context.Context, tx *opTx, op *Op, now string) error {
	switch op.Kind {
	case OpAddSpan:
		if err := s.checkSpan(ctx, tx, op.Article, op.Span); err != nil {
			return err
		}
		args := []any{op.Article, op.Span.Start, op.Span.End, op.Span.Label, op.Span.Text, op.Span.Canonical, op.Span.Source, s.annotator, now, now}
		q := `INSERT INTO spans(article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`
		if op.Span.ID == 0 {
			id, err := s.newID(ctx, tx, "spans")
			if err != nil {
				return err
			}
			op.Span.ID = id
		}
		if op.Span.ID != 0 { // redo: the span comes back under its old id
			q = `INSERT INTO spans(id, article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id`
			args = append([]any{op.Span.ID}, args...)
		}
		return tx.QueryRowContext(ctx, q, args...).Scan(&op.Span.ID)
	case OpDelSpan:
		prev, err := s.span(ctx, tx, op.Span.ID)
		if err != nil {
			return err
		}
		if err := tx.sameSpan(op.Span, prev); err != nil {
			return err
		}
		op.Span = prev
		_, err = tx.ExecContext(ctx, `DELETE FROM spans WHERE id = ?`, op.Span.ID)
		return err
	default: // OpSetSpan
		prev, err := s.span(ctx, tx, op.Span.ID)
		if err != nil {
			return err
		}
		if err := tx.sameSpan(op.Prev, prev); err != nil {
			return err
		}
		op.Prev = prev
		if err := s.checkSpan(ctx, tx, op.Article, op.Span); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE spans SET start=?, "end"=?, label=?, text=?, canonical=?, updated_at=? WHERE id=?`,
			op.Span.Start, op.Span.End, op.Span.Label, op.Span.Text, op.Span.Canonical, now, op.Span.ID)
		return err
	}
}

// sameSpan refuses to undo or redo a change to a span that has changed
// since (in another session of the same annotator): want is the span as
// the action left it (undo) or found it (redo).
func (tx *opTx) sameSpan(want, got model.Span) error {
	if !tx.strict || want.Label == "" || want.Start == got.Start && want.End == got.End && want.Label == got.Label {
		return nil
	}
	return fmt.Errorf("%w: %s %q at %d–%d is now %s %q at %d–%d (changed in another session)", ErrConflict,
		want.Label, want.Text, want.Start, want.End, got.Label, got.Text, got.Start, got.End)
}

func (s *SQLite) span(ctx context.Context, tx querier, id int64) (model.Span, error) {
	var sp model.Span
	err := tx.QueryRowContext(ctx, `SELECT id, start, "end", label, text, canonical, source FROM spans WHERE id = ? AND annotator = ?`, id, s.annotator).
		Scan(&sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return sp, fmt.Errorf("%w: span %d no longer exists (deleted in another session?)", ErrConflict, id)
	}
	return sp, err
}

// checkSpan enforces what the schema cannot: the span lies inside the
// snapshot, its text is what it covers, and it overlaps no other span.
func (s *SQLite) checkSpan(ctx context.Context, tx *opTx, article string, sp model.Span) error {
	art, err := tx.text(ctx, article)
	if err != nil {
		return err
	}
	if got, ok := art.slice(sp.Start, sp.End); !ok || got != sp.Text {
		return fmt.Errorf("span %d–%d %q does not match the article text (%q)", sp.Start, sp.End, sp.Text, got)
	}
	// The stored spans never overlap (every one was checked here), so by
	// start they are also by end: the other span starting last before sp
	// ends overlaps sp if any does. One index step, where asking for any
	// span with start < End and end > Start walks every span before sp.
	var o model.Span
	err = tx.QueryRowContext(ctx, `SELECT id, start, "end", label, text FROM spans WHERE annotator = ? AND article_id = ? AND id != ? AND start < ? ORDER BY start DESC LIMIT 1`,
		s.annotator, article, sp.ID, sp.End).Scan(&o.ID, &o.Start, &o.End, &o.Label, &o.Text)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case o.End > sp.Start:
		return &OverlapError{With: o}
	}
	return nil
}
