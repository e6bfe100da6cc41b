package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"storydesk/model"
)

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// opTx is a write transaction as the ops of one action share it: each
// article's text is read (and indexed by code point) once, not once per
// span checked against it — a correction on a long article moves hundreds.
type opTx struct {
	*sql.Tx
	texts map[string]*txText
	stmts map[string]*sql.Stmt // prepared once per transaction: parsing was a third of a large action
	cache *writeCache          // texts kept across transactions (writecache.go); nil for none
	// strict: undo and redo, whose ops say what they expect to find
	strict bool
	// direct: no statements prepared (a server: each prepare is a round
	// trip, and pgx caches what it learns of a statement per connection)
	direct bool
}

type txText struct {
	text string
	off  *model.Offsets
}

func newOpTx(tx *sql.Tx) *opTx {
	return &opTx{Tx: tx, texts: map[string]*txText{}, stmts: map[string]*sql.Stmt{}}
}

// stmt returns q prepared in this transaction (closed with it), or nil when
// it cannot be prepared: the caller then runs q directly and gets the error.
func (t *opTx) stmt(ctx context.Context, q string) *sql.Stmt {
	if t.direct {
		return nil
	}
	if st := t.stmts[q]; st != nil {
		return st
	}
	if t.cache != nil {
		// A write's few statements, parsed once per connection and kept
		// (writecache.go): parsing them was a third of a tag's time.
		if ps := t.cache.prepared(q); ps != nil {
			st := t.Tx.StmtContext(ctx, ps)
			t.stmts[q] = st
			return st
		}
	}
	st, err := t.Tx.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	t.stmts[q] = st
	return st
}

func (t *opTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}

func (t *opTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

// text returns article id's text as this transaction sees it.
func (t *opTx) text(ctx context.Context, id string) (*txText, error) {
	if x := t.texts[id]; x != nil {
		return x, nil
	}
	if t.cache != nil {
		x, _, err := t.cachedText(ctx, id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("article %s is not in the store", id)
		}
		if err != nil {
			return nil, err
		}
		t.texts[id] = x
		return x, nil
	}
	var text string
	if err := t.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&text); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("article %s is not in the store", id)
		}
		return nil, err
	}
	x := &txText{text: text, off: model.NewOffsets(text)}
	t.texts[id] = x
	return x, nil
}

// slice returns code points [start, end) and whether they lie inside the text.
func (x *txText) slice(start, end int) (string, bool) {
	if start < 0 || end <= start || end > x.off.Len() {
		return "", false
	}
	return x.text[x.off.ByteAt(start):x.off.ByteAt(end)], true
}

// applyOp performs one op and records in it what undo needs. Each stored
// aggregate applies its own ops (spans.go, quotes.go, …).
func (s *SQLite) applyOp(ctx context.Context, tx *opTx, op *Op) error {
	now := s.stamp()
	switch op.Kind {
	case OpAddSpan, OpDelSpan, OpSetSpan:
		return s.applySpan(ctx, tx, op, now)
	case OpSetStatus:
		return s.applyStatus(ctx, tx, op, now)
	case OpSetText:
		return s.applyText(ctx, tx, op, now)
	case OpAddQuote, OpDelQuote, OpSetQuote:
		return s.applyQuote(ctx, tx, op, now)
	case OpSetDupLabel:
		return s.applyDupLabel(ctx, tx, op, now)
	case OpSetCanonical:
		return s.applyCanonical(ctx, tx, op)
	case OpSetCorrect:
		return s.applyCorrect(ctx, tx, op, now)
	case OpSetReject:
		return s.applyReject(ctx, tx, op, now)
	case OpSetStoryLink:
		return s.applyStoryLink(ctx, tx, op, now)
	}
	return fmt.Errorf("unknown op %q", op.Kind)
}
