package store

import (
	"context"
	"database/sql"

	"storydesk/model"
)

// eachDocBatchSize is how many articles eachDocBatched reads at a time.
const eachDocBatchSize = 200

// eachDocBatched is EachDoc for a server connection, which streams one
// result at a time and so cannot merge five open cursors: articles are read
// a batch at a time (by id, in one repeatable-read snapshot), then each
// batch's spans, quotations, pairs and canonical marks with one query
// each. Memory holds one batch.
func (s *SQLite) eachDocBatched(ctx context.Context, f DocFilter, fn func(*ExportDoc) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	who := s.annotator
	done := ""
	if f.OnlyDone {
		done = ` AND st.status = 'done'`
	}
	after, first := "", true
	for {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.text, a.hash, a.title, a.path, a.source, a.url, a.date, st.status FROM statuses st
			JOIN articles a ON a.id = st.article_id WHERE st.annotator = ? AND (? OR st.article_id > ?)`+done+` ORDER BY st.article_id LIMIT ?`,
			who, first, after, eachDocBatchSize)
		if err != nil {
			return err
		}
		var batch []*ExportDoc
		for rows.Next() {
			d := &ExportDoc{}
			var status string
			if err := rows.Scan(&d.ArticleID, &d.Text, &d.Hash, &d.Title, &d.Path, &d.Source, &d.URL, &d.Date, &status); err != nil {
				rows.Close()
				return err
			}
			d.Status, d.Annotator = model.Status(status), who
			batch = append(batch, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		lo, hi := batch[0].ArticleID, batch[len(batch)-1].ArticleID
		byID := make(map[string]*ExportDoc, len(batch))
		for _, d := range batch {
			byID[d.ArticleID] = d
		}
		if err := s.batchRows(ctx, tx, `SELECT article_id, id, start, "end", label, text, canonical, source FROM spans
			WHERE annotator = ? AND article_id >= ? AND article_id <= ? ORDER BY article_id, start, id`, []any{who, lo, hi}, func(r *sql.Rows) (string, error) {
			var id string
			var sp model.Span
			err := r.Scan(&id, &sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source)
			if d := byID[id]; d != nil && err == nil {
				d.Spans = append(d.Spans, sp)
			}
			return id, err
		}); err != nil {
			return err
		}
		if err := s.batchRows(ctx, tx, `SELECT article_id, `+quoteCols+` FROM quotes
			WHERE annotator = ? AND status = 'accepted' AND article_id >= ? AND article_id <= ? ORDER BY article_id, start, id`, []any{who, lo, hi}, func(r *sql.Rows) (string, error) {
			var id, kind string
			var q model.QuoteAnn
			err := r.Scan(&id, &q.ID, &q.Start, &q.End, &q.Text, &q.Speaker, &q.SpeakerSpan, &q.MentionStart, &q.MentionEnd, &kind, &q.Status, &q.Source)
			q.Kind = model.QuoteKind(kind)
			if d := byID[id]; d != nil && err == nil {
				d.Quotes = append(d.Quotes, q)
			}
			return id, err
		}); err != nil {
			return err
		}
		if err := s.batchRows(ctx, tx, `SELECT a, b, label FROM dup_labels WHERE annotator = ? AND a >= ? AND a <= ?
			UNION ALL SELECT b, a, label FROM dup_labels WHERE annotator = ? AND b >= ? AND b <= ? ORDER BY 1, 2`, []any{who, lo, hi, who, lo, hi}, func(r *sql.Rows) (string, error) {
			var id, l string
			var p PairRef
			err := r.Scan(&id, &p.Other, &l)
			p.Label = model.DupLabel(l)
			if d := byID[id]; d != nil && err == nil {
				d.Pairs = append(d.Pairs, p)
			}
			return id, err
		}); err != nil {
			return err
		}
		if err := s.batchRows(ctx, tx, `SELECT article_id FROM dup_canonical WHERE annotator = ? AND article_id >= ? AND article_id <= ?`, []any{who, lo, hi}, func(r *sql.Rows) (string, error) {
			var id string
			err := r.Scan(&id)
			if d := byID[id]; d != nil && err == nil {
				d.Canonical = true
			}
			return id, err
		}); err != nil {
			return err
		}
		if f.Rejected {
			if err := s.batchRows(ctx, tx, `SELECT article_id, start, "end", label, text FROM rejections
				WHERE annotator = ? AND article_id >= ? AND article_id <= ? ORDER BY article_id, start, "end", label`, []any{who, lo, hi}, func(r *sql.Rows) (string, error) {
				var id string
				var sp model.Span
				err := r.Scan(&id, &sp.Start, &sp.End, &sp.Label, &sp.Text)
				if d := byID[id]; d != nil && err == nil {
					d.Rejected = append(d.Rejected, sp)
				}
				return id, err
			}); err != nil {
				return err
			}
		}
		for _, d := range batch {
			if f.Keep != nil && !f.Keep(d.ArticleID) {
				continue
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		after, first = hi, false
	}
}

// batchRows runs q and calls scan for every row.
func (s *SQLite) batchRows(ctx context.Context, tx *sql.Tx, q string, args []any, scan func(*sql.Rows) (string, error)) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if _, err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
