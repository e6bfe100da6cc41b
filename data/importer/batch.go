package importer

import (
	"context"
	"errors"
	"fmt"

	"storydesk/data/store"
)

// importBatch groups imported records into transactions of up to size
// records: a batch that cannot be saved leaves nothing of itself, and the
// error names what it held.
type importBatch struct {
	s         store.Store
	size      int
	committed *int                      // the caller's count of committed records
	what      func(first, n int) string // the records first..first+n-1, for an error
	tx        store.ImportTx
	n         int // records in the open batch
}

// next returns the transaction the next record goes into.
func (b *importBatch) next(ctx context.Context) (store.ImportTx, error) {
	if b.tx == nil {
		tx, err := b.s.BeginImport(ctx)
		if err != nil {
			return nil, err
		}
		b.tx = tx
	}
	b.n++
	return b.tx, nil
}

// flushFull commits the open batch once it holds size records.
func (b *importBatch) flushFull() error {
	if b.n >= b.size {
		return b.commit()
	}
	return nil
}

func (b *importBatch) commit() error {
	if b.tx == nil {
		return nil
	}
	err := b.tx.Commit()
	b.tx = nil
	if err != nil {
		return fmt.Errorf("%s could not be saved (nothing of them was written): %w", b.what(*b.committed+1, b.n), err)
	}
	*b.committed += b.n
	b.n = 0
	return nil
}

// rollback drops the open batch (after an error or a cancel).
func (b *importBatch) rollback() {
	if b.tx != nil {
		b.tx.Rollback()
		b.tx = nil
	}
}

// importOne applies one record under a savepoint and counts it in st: a
// record that fails leaves nothing of itself and the batch goes on. bad is
// the record's own fault, to report; err a failure of the transaction (or
// ctx), which stops the import.
func importOne(ctx context.Context, tx store.ImportTx, rec *importRecord, reject bool, no int, source, name string, st *Stats) (bad, err error) {
	if err := tx.Savepoint(ctx); err != nil {
		return nil, err
	}
	added, bad := applyRecord(ctx, tx, rec, reject, no, source, name)
	if bad != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The store's own fault (disk full, read-only, locked, damaged) is
		// not the record's: it stops the import, in its own words (after a
		// full disk SQLite has already rolled the transaction back, and
		// undoing to the savepoint would only say it has gone).
		var se *store.Error
		if errors.As(bad, &se) {
			return nil, bad
		}
		if err := tx.RollbackTo(ctx); err != nil {
			return nil, fmt.Errorf("%w (then undoing the record failed: %v)", bad, err)
		}
		if err := tx.Release(ctx); err != nil {
			return nil, fmt.Errorf("%w (then undoing the record failed: %v)", bad, err)
		}
		return bad, nil
	}
	if err := tx.Release(ctx); err != nil {
		return nil, err
	}
	if !reject {
		st.Articles++
	}
	st.Rejections += added.Rejections
	st.Contradicted += added.Contradicted
	st.SkippedSpans += added.SkippedSpans
	st.Spans += added.Spans
	st.Quotes += added.Quotes
	st.Pairs += added.Pairs
	return nil, nil
}
