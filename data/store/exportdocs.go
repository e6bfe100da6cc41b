package store

import (
	"context"
	"database/sql"

	"storydesk/model"
)

// Read queries the exporters need: a streaming walk over every stored
// article with its annotations, and single-article lookups (see Store).

// ExportDoc is one article as the exporters see it: the stored snapshot and
// its annotations, whether it is the canonical copy of its duplicate
// cluster, and every labelled pair it belongs to.
type ExportDoc struct {
	Doc
	Canonical bool
	Pairs     []PairRef // by Other
}

// PairRef is one labelled pair seen from one of its articles.
type PairRef struct {
	Other string
	Label model.DupLabel
}

// DocFilter narrows EachDoc. The zero value walks everything.
type DocFilter struct {
	OnlyDone bool                 // only articles whose status is done
	Keep     func(id string) bool // when set, only articles it accepts
	Rejected bool                 // also read the rejected suggestions (Doc.Rejected)
}

// EachDoc implements Store.
//
// It streams: one read transaction (a consistent snapshot that does not block
// writers, the store being in WAL mode) holds five cursors — articles, spans,
// quotes, pairs and canonicals, each ordered by article id through an index
// — and merges them, so memory holds one article at a time whatever the size
// of the store. The ExportDoc passed to fn is reused: fn must not keep it.
func (s *SQLite) EachDoc(ctx context.Context, f DocFilter, fn func(*ExportDoc) error) error {
	if s.pg {
		return s.eachDocBatched(ctx, f, fn)
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	// The layer's articles: those its annotator annotated, imported or was
	// assigned (a status row), in id order.
	artQ := `SELECT a.id, a.text, a.hash, a.title, a.path, a.source, a.url, a.date, st.status FROM statuses st
		JOIN articles a ON a.id = st.article_id WHERE st.annotator = ? ORDER BY st.article_id`
	if f.OnlyDone {
		artQ = `SELECT a.id, a.text, a.hash, a.title, a.path, a.source, a.url, a.date, st.status FROM statuses st
		JOIN articles a ON a.id = st.article_id WHERE st.annotator = ? AND st.status = 'done' ORDER BY st.article_id`
	}
	who := s.annotator
	arts, err := tx.QueryContext(ctx, artQ, who)
	if err != nil {
		return err
	}
	defer arts.Close()
	// Ordering by (article_id, start, id) is exactly the index order (the
	// rowid ends every index entry): no sort, no temporary b-tree.
	spans, err := openCursor(ctx, tx, `SELECT article_id, id, start, "end", label, text, canonical, source FROM spans WHERE annotator = ? ORDER BY article_id, start, id`, who,
		func(r *sql.Rows, sp *model.Span) (key string, err error) {
			err = r.Scan(&key, &sp.ID, &sp.Start, &sp.End, &sp.Label, &sp.Text, &sp.Canonical, &sp.Source)
			return key, err
		})
	if err != nil {
		return err
	}
	defer spans.close()
	quotes, err := openCursor(ctx, tx, `SELECT article_id, `+quoteCols+` FROM quotes WHERE annotator = ? AND status = 'accepted' ORDER BY article_id, start, id`, who,
		func(r *sql.Rows, q *model.QuoteAnn) (key string, err error) {
			var kind string
			err = r.Scan(&key, &q.ID, &q.Start, &q.End, &q.Text, &q.Speaker, &q.SpeakerSpan, &q.MentionStart, &q.MentionEnd, &kind, &q.Status, &q.Source)
			q.Kind = model.QuoteKind(kind)
			return key, err
		})
	if err != nil {
		return err
	}
	defer quotes.close()
	// Each pair twice, once from each side; SQLite's sorter spills to disk
	// past its cache, so this too is bounded.
	pairs, err := openCursor(ctx, tx, `SELECT a, b, label FROM dup_labels WHERE annotator = ? UNION ALL SELECT b, a, label FROM dup_labels WHERE annotator = ? ORDER BY 1, 2`, []any{who, who},
		func(r *sql.Rows, p *PairRef) (key string, err error) {
			var l string
			err = r.Scan(&key, &p.Other, &l)
			p.Label = model.DupLabel(l)
			return key, err
		})
	if err != nil {
		return err
	}
	defer pairs.close()
	canon, err := openCursor(ctx, tx, `SELECT article_id FROM dup_canonical WHERE annotator = ? ORDER BY article_id`, who,
		func(r *sql.Rows, _ *struct{}) (key string, err error) {
			err = r.Scan(&key)
			return key, err
		})
	if err != nil {
		return err
	}
	defer canon.close()
	// The rejected suggestions, by their primary key's order.
	rejQ := `SELECT article_id, start, "end", label, text FROM rejections WHERE annotator = ? ORDER BY article_id, start, "end", label`
	if !f.Rejected {
		rejQ = `SELECT article_id, start, "end", label, text FROM rejections WHERE annotator = ? AND 1 = 0`
	}
	rejs, err := openCursor(ctx, tx, rejQ, who, func(r *sql.Rows, sp *model.Span) (key string, err error) {
		err = r.Scan(&key, &sp.Start, &sp.End, &sp.Label, &sp.Text)
		return key, err
	})
	if err != nil {
		return err
	}
	defer rejs.close()

	var d ExportDoc
	for arts.Next() {
		var status string
		d.Spans, d.Quotes, d.Pairs, d.Canonical, d.Rejected = d.Spans[:0], d.Quotes[:0], d.Pairs[:0], false, d.Rejected[:0]
		d.Annotator = who
		if err := arts.Scan(&d.ArticleID, &d.Text, &d.Hash, &d.Title, &d.Path, &d.Source, &d.URL, &d.Date, &status); err != nil {
			return err
		}
		d.Status = model.Status(status)
		id := d.ArticleID
		keep := f.Keep == nil || f.Keep(id)
		if err := spans.each(id, func(sp *model.Span) {
			if keep {
				d.Spans = append(d.Spans, *sp)
			}
		}); err != nil {
			return err
		}
		if err := quotes.each(id, func(q *model.QuoteAnn) {
			if keep {
				d.Quotes = append(d.Quotes, *q)
			}
		}); err != nil {
			return err
		}
		if err := pairs.each(id, func(p *PairRef) {
			if keep {
				d.Pairs = append(d.Pairs, *p)
			}
		}); err != nil {
			return err
		}
		if err := canon.each(id, func(*struct{}) { d.Canonical = true }); err != nil {
			return err
		}
		if err := rejs.each(id, func(sp *model.Span) {
			if keep {
				d.Rejected = append(d.Rejected, *sp)
			}
		}); err != nil {
			return err
		}
		if !keep {
			continue
		}
		if err := fn(&d); err != nil {
			return err
		}
	}
	return arts.Err()
}

// cursor is a result set ordered by its first column (an article id) that
// the merge in EachDoc advances in step with the articles. Each row is
// scanned once, into cur, when the cursor reaches it.
type cursor[T any] struct {
	rows *sql.Rows
	scan func(*sql.Rows, *T) (key string, err error)
	cur  T
	key  string // the current row's article id
	ok   bool   // a current row exists
	err  error
}

func openCursor[T any](ctx context.Context, tx *sql.Tx, q string, arg any, scan func(*sql.Rows, *T) (string, error)) (*cursor[T], error) {
	args := []any{arg}
	if many, ok := arg.([]any); ok {
		args = many
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	c.advance()
	if c.err != nil {
		rows.Close()
	}
	return c, c.err
}

func (c *cursor[T]) advance() {
	c.ok = c.rows.Next()
	if !c.ok {
		c.err = c.rows.Err()
		return
	}
	var zero T
	c.cur = zero
	if c.key, c.err = c.scan(c.rows, &c.cur); c.err != nil {
		c.ok = false
	}
}

// each skips rows whose key sorts before id (annotations of articles that
// are not in the walk, such as orphans) and calls fn for each row whose key
// is id.
func (c *cursor[T]) each(id string, fn func(*T)) error {
	for c.ok && c.key < id {
		c.advance()
	}
	for c.ok && c.key == id {
		fn(&c.cur)
		c.advance()
	}
	return c.err
}

func (c *cursor[T]) close() { c.rows.Close() }

// ExportDocByID implements Store.
func (s *SQLite) ExportDocByID(ctx context.Context, id string) (*ExportDoc, bool, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, false, err
	}
	defer tx.Rollback()
	doc, inLayer, _, err := docQ(ctx, tx, id, s.annotator)
	if err != nil || !inLayer {
		return nil, false, err
	}
	d := &ExportDoc{Doc: *doc}
	d.Quotes = d.Quotes[:0]
	for _, q := range doc.Quotes {
		if q.Status == model.QuoteAccepted {
			d.Quotes = append(d.Quotes, q)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT b, label FROM dup_labels WHERE annotator = ? AND a = ? UNION ALL SELECT a, label FROM dup_labels WHERE annotator = ? AND b = ? ORDER BY 1`, s.annotator, id, s.annotator, id)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var p PairRef
		var l string
		if err := rows.Scan(&p.Other, &l); err != nil {
			return nil, false, err
		}
		p.Label = model.DupLabel(l)
		d.Pairs = append(d.Pairs, p)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dup_canonical WHERE annotator = ? AND article_id = ?`, s.annotator, id).Scan(&n); err != nil {
		return nil, false, err
	}
	d.Canonical = n > 0
	return d, true, nil
}
