package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"storydesk/model"
)

// applyQuote performs the quote ops, checking the quote against the snapshot.
func (s *SQLite) applyQuote(ctx context.Context, tx *opTx, op *Op, now string) error {
	q := &op.Quote
	if op.Kind != OpDelQuote {
		art, err := tx.text(ctx, op.Article)
		if err != nil {
			return err
		}
		if got, ok := art.slice(q.Start, q.End); !ok || got != q.Text {
			return fmt.Errorf("quote %d–%d does not match the article text", q.Start, q.End)
		}
		if q.MentionStart != 0 || q.MentionEnd != 0 {
			if _, ok := art.slice(q.MentionStart, q.MentionEnd); !ok || !q.HasMention() {
				return fmt.Errorf("quote %d–%d: its speaker's mention %d–%d is not in the article text", q.Start, q.End, q.MentionStart, q.MentionEnd)
			}
		}
		if q.Status == "" {
			q.Status = model.QuoteAccepted
		}
		if q.Kind == "" {
			q.Kind = model.QuoteDirect
		}
	}
	var speakerSpan any
	if q.SpeakerSpan != 0 {
		speakerSpan = q.SpeakerSpan
	}
	switch op.Kind {
	case OpAddQuote:
		args := []any{op.Article, q.Start, q.End, q.Text, q.Speaker, speakerSpan, q.MentionStart, q.MentionEnd, string(q.Kind), q.Status, q.Source, s.annotator, now, now}
		stmt := `INSERT INTO quotes(article_id, start, "end", text, speaker, speaker_span, mention_start, mention_end, kind, status, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`
		if q.ID == 0 {
			id, err := s.newID(ctx, tx, "quotes")
			if err != nil {
				return err
			}
			q.ID = id
		}
		if q.ID != 0 {
			stmt = `INSERT INTO quotes(id, article_id, start, "end", text, speaker, speaker_span, mention_start, mention_end, kind, status, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`
			args = append([]any{q.ID}, args...)
		}
		return tx.QueryRowContext(ctx, stmt, args...).Scan(&q.ID)
	case OpDelQuote:
		prev, err := quoteByID(ctx, tx, q.ID, s.annotator)
		if err != nil {
			return err
		}
		op.Quote = prev
		_, err = tx.ExecContext(ctx, `DELETE FROM quotes WHERE id = ?`, prev.ID)
		return err
	default: // OpSetQuote
		prev, err := quoteByID(ctx, tx, q.ID, s.annotator)
		if err != nil {
			return err
		}
		op.PrevQuote = prev
		_, err = tx.ExecContext(ctx, `UPDATE quotes SET start=?, "end"=?, text=?, speaker=?, speaker_span=?, mention_start=?, mention_end=?, kind=?, status=?, updated_at=? WHERE id=?`,
			q.Start, q.End, q.Text, q.Speaker, speakerSpan, q.MentionStart, q.MentionEnd, string(q.Kind), q.Status, now, q.ID)
		return err
	}
}

const quoteCols = `id, start, "end", text, speaker, coalesce(speaker_span, 0), mention_start, mention_end, kind, status, source`

func scanQuote(row interface{ Scan(...any) error }) (model.QuoteAnn, error) {
	var q model.QuoteAnn
	var kind string
	err := row.Scan(&q.ID, &q.Start, &q.End, &q.Text, &q.Speaker, &q.SpeakerSpan, &q.MentionStart, &q.MentionEnd, &kind, &q.Status, &q.Source)
	q.Kind = model.QuoteKind(kind)
	return q, err
}

func quoteByID(ctx context.Context, tx querier, id int64, annotator string) (model.QuoteAnn, error) {
	q, err := scanQuote(tx.QueryRowContext(ctx, `SELECT `+quoteCols+` FROM quotes WHERE id = ? AND annotator = ?`, id, annotator))
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("%w: quote %d no longer exists (deleted in another session?)", ErrConflict, id)
	}
	return q, err
}

func quotesQ(ctx context.Context, q querier, id, annotator string) ([]model.QuoteAnn, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+quoteCols+` FROM quotes WHERE annotator = ? AND article_id = ? ORDER BY start, "end"`, annotator, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.QuoteAnn
	for rows.Next() {
		qa, err := scanQuote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, qa)
	}
	return out, rows.Err()
}
