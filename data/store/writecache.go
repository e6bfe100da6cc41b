package store

import (
	"context"
	"database/sql"
	"sync"

	"storydesk/model"
)

// writeCache keeps the last few articles' texts, indexed by code point,
// across write transactions: every tag checks its span against the text,
// and reading and indexing a long article again for each one cost more
// than the commit. An entry is keyed by the text's hash, read in the
// transaction, so a text changed by anyone (re-anchoring, another
// program on the same file) is read again.
type writeCache struct {
	mu      sync.Mutex
	entries []textEntry // most recent last

	// The write statements, prepared on the pool once (each connection
	// parses one the first time it runs it): a tag's few statements were
	// parsed anew in each transaction.
	db    *sql.DB
	stmts map[string]*sql.Stmt
	want  map[string]bool // used in a transaction, to prepare after it
}

// prepared is q prepared on the pool, or nil when it is not yet: the
// caller prepares it in its transaction, and warm prepares it on the pool
// once the transaction is over (never during one: a pool of one
// connection would wait for itself).
func (c *writeCache) prepared(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[q]; st != nil {
		return st
	}
	if c.db != nil && len(c.stmts)+len(c.want) < 64 {
		if c.want == nil {
			c.want = map[string]bool{}
		}
		c.want[q] = true
	}
	return nil
}

// warm prepares on the pool the statements the last transactions wanted;
// it runs after a write, outside its transaction.
func (c *writeCache) warm(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q := range c.want {
		delete(c.want, q)
		if c.db == nil {
			continue
		}
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		if c.stmts == nil {
			c.stmts = map[string]*sql.Stmt{}
		}
		c.stmts[q] = st
	}
}

// close closes the prepared statements (the store is closing).
func (c *writeCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts, c.db = nil, nil
}

type textEntry struct {
	id, hash string
	x        *txText
}

const writeCacheN = 4

func (c *writeCache) get(id, hash string) *txText {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.id == id && e.hash == hash {
			return e.x
		}
	}
	return nil
}

func (c *writeCache) put(id, hash string, x *txText) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.id == id {
			c.entries = append(c.entries[:i], c.entries[i+1:]...)
			break
		}
	}
	if len(c.entries) >= writeCacheN {
		c.entries = c.entries[1:]
	}
	c.entries = append(c.entries, textEntry{id, hash, x})
}

// cachedText is article id's text through the cache: its hash is read in
// the transaction, the text only when the cache does not hold that hash.
func (t *opTx) cachedText(ctx context.Context, id string) (*txText, bool, error) {
	var hash string
	if err := t.QueryRowContext(ctx, `SELECT hash FROM articles WHERE id = ?`, id).Scan(&hash); err != nil {
		return nil, false, err
	}
	if x := t.cache.get(id, hash); x != nil {
		return x, true, nil
	}
	var text string
	if err := t.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ?`, id).Scan(&text); err != nil {
		return nil, false, err
	}
	x := &txText{text: text, off: model.NewOffsets(text)}
	if model.HashText(text) == hash {
		t.cache.put(id, hash, x)
	}
	return x, true, nil
}
