package store

import (
	"context"

	"storydesk/model"
)

// sqliteImport is the SQLite store's ImportTx: one write transaction whose
// statements are prepared once each (opTx), so that SQLite does not parse
// every statement anew for every record.
type sqliteImport struct {
	s  *SQLite
	tx *opTx
}

// BeginImport implements Store.
func (s *SQLite) BeginImport(ctx context.Context) (ImportTx, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	otx := newOpTx(tx)
	otx.direct = s.pg
	return &sqliteImport{s: s, tx: otx}, nil
}

func (t *sqliteImport) Doc(ctx context.Context, id string) (*Doc, bool, error) {
	d, _, ok, err := docQ(ctx, t.tx, id, t.s.annotator)
	return d, ok, err
}

func (t *sqliteImport) AddArticle(ctx context.Context, a *model.Article, annotator string) error {
	if annotator == "" {
		annotator = t.s.annotator
	}
	return t.s.insertArticle(ctx, t.tx, a, annotator)
}

func (t *sqliteImport) AddSpan(ctx context.Context, id string, sp model.Span) (int64, error) {
	now := t.s.stamp()
	// The same insert as Do's add-span op.
	if err := t.s.joinLayer(ctx, t.tx, id); err != nil {
		return 0, err
	}
	sid, err := t.s.newID(ctx, t.tx, "spans")
	if err != nil {
		return 0, err
	}
	q, args := withID(`INSERT INTO spans(article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		sid, id, sp.Start, sp.End, sp.Label, sp.Text, sp.Canonical, sp.Source, t.s.annotator, now, now)
	err = t.tx.QueryRowContext(ctx, q, args...).Scan(&sid)
	return sid, err
}

func (t *sqliteImport) AddQuote(ctx context.Context, id string, q model.QuoteAnn) (int64, error) {
	var speakerSpan any // NULL when the speaker is not a tagged span
	if q.SpeakerSpan != 0 {
		speakerSpan = q.SpeakerSpan
	}
	now := t.s.stamp()
	// The same insert as Do's add-quote op.
	if err := t.s.joinLayer(ctx, t.tx, id); err != nil {
		return 0, err
	}
	qid, err := t.s.newID(ctx, t.tx, "quotes")
	if err != nil {
		return 0, err
	}
	ins, args := withID(`INSERT INTO quotes(article_id, start, "end", text, speaker, speaker_span, mention_start, mention_end, kind, status, source, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		qid, id, q.Start, q.End, q.Text, q.Speaker, speakerSpan, q.MentionStart, q.MentionEnd, string(q.Kind), q.Status, q.Source, t.s.annotator, now, now)
	err = t.tx.QueryRowContext(ctx, ins, args...).Scan(&qid)
	return qid, err
}

func (t *sqliteImport) Apply(ctx context.Context, op *Op) error {
	return t.s.applyOp(ctx, t.tx, op)
}

func (t *sqliteImport) Savepoint(ctx context.Context) error {
	_, err := t.tx.ExecContext(ctx, `SAVEPOINT import_line`)
	return err
}

func (t *sqliteImport) Release(ctx context.Context) error {
	_, err := t.tx.ExecContext(ctx, `RELEASE import_line`)
	return err
}

func (t *sqliteImport) RollbackTo(ctx context.Context) error {
	// Texts read since the mark may be of articles it takes back.
	clear(t.tx.texts)
	_, err := t.tx.ExecContext(ctx, `ROLLBACK TO import_line`)
	return err
}

// Commit tells live readers that anything may have changed.
func (t *sqliteImport) Commit() error {
	if err := t.s.logChanges(context.Background(), t.tx, []string{AllArticles}); err != nil {
		t.tx.Rollback()
		return err
	}
	return t.tx.Commit()
}

func (t *sqliteImport) Rollback() error { return t.tx.Rollback() }
