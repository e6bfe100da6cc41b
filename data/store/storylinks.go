package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Story links: an annotator's hand edits to how articles are grouped into
// stories (model/story/group's Overrides). A pair is pinned (one story,
// whatever the links say) or kept apart (never one story). Each annotator
// has their own, as each has their own undo history: one editor's split
// does not regroup another's reader.

// Story link kinds (StoryLink.Link, Op.Link).
const (
	StoryPin   = "pin"
	StoryApart = "apart"
)

// StoryLink is one pair of articles (A < B) pinned together or kept apart.
type StoryLink struct {
	A, B string
	Link string // StoryPin or StoryApart
}

// StoryLinks implements StoryLinker: this annotator's links, by (A, B).
func (s *SQLite) StoryLinks(ctx context.Context) ([]StoryLink, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b, link FROM story_links WHERE annotator = ? ORDER BY a, b`, s.annotator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoryLink
	for rows.Next() {
		var l StoryLink
		if err := rows.Scan(&l.A, &l.B, &l.Link); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// applyStoryLink performs OpSetStoryLink for this annotator; a pair is
// stored with a < b.
func (s *SQLite) applyStoryLink(ctx context.Context, tx *opTx, op *Op, now string) error {
	a, b := op.A, op.B
	if a > b {
		a, b = b, a
	}
	if a == b || a == "" {
		return fmt.Errorf("a story link needs two articles, got %q and %q", op.A, op.B)
	}
	switch op.Link {
	case "", StoryPin, StoryApart:
	default:
		return fmt.Errorf("unknown story link %q", op.Link)
	}
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT link FROM story_links WHERE annotator = ? AND a = ? AND b = ?`, s.annotator, a, b).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	op.PrevLink = prev
	if op.Link == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM story_links WHERE annotator = ? AND a = ? AND b = ?`, s.annotator, a, b)
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO story_links(annotator, a, b, link, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(annotator, a, b) DO UPDATE SET link = excluded.link, created_at = excluded.created_at`,
		s.annotator, a, b, op.Link, now)
	return err
}
