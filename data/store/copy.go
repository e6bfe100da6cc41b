package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Copying a whole store into another, empty one: SQLite into PostgreSQL
// when a team starts sharing, and back (storydesk copy). Every layer goes
// across with its statuses and its undo history: ids are kept, so the
// actions' recorded ops still name their spans and quotations, and the
// sessions that made them, absent from the new store, count as ended (the
// annotator's next session may undo them).

// copyTables lists every stored table, parents first, with its columns.
// A table added by a migration is added here too.
var copyTables = []struct{ name, cols string }{
	{"articles", `id, text, hash, title, path, source, url, date, meta, status, annotator, created_at, updated_at`},
	{"statuses", `annotator, article_id, status, assigned, updated_at`},
	{"spans", `id, article_id, start, "end", label, text, canonical, source, annotator, created_at, updated_at`},
	{"quotes", `id, article_id, start, "end", text, speaker, speaker_span, mention_start, mention_end, kind, status, source, annotator, created_at, updated_at`},
	{"dup_labels", `annotator, a, b, label, created_at`},
	{"dup_canonical", `annotator, article_id`},
	{"corrections", `annotator, article_id, raw_start, raw_end, keep, created_at`},
	{"actions", `id, annotator, name, ops, undone, created_at, session`},
	{"state", `key, value`},
	{"dup_signatures", `hash, version, sig`},
	{"models", `name, blob, updated_at`},
	{"rejections", `annotator, article_id, start, "end", label, text, created_at`},
	{"story_links", `annotator, a, b, link, created_at`},
	{"story_features", `article_id, hash, version, date, keys`},
}

// identityTables number their rows themselves: after rows come across with
// their ids, a server's sequence must move past them.
var identityTables = []string{"spans", "quotes", "actions", "changes"}

// CopyStats counts the rows copied, by table.
type CopyStats map[string]int

// String sums the stats up for a message.
func (c CopyStats) String() string {
	return fmt.Sprintf("%d articles, %d layer statuses, %d entities, %d quotations, %d pair labels, %d corrections, %d rejected suggestions, %d story edits, %d undo steps",
		c["articles"], c["statuses"], c["spans"], c["quotes"], c["dup_labels"], c["corrections"], c["rejections"], c["story_links"], c["actions"])
}

// ErrNotEmpty refuses a copy into a store that holds anything.
var ErrNotEmpty = errors.New("the store to copy into is not empty")

// CopyStore copies everything from into to, in one transaction of to's:
// a copy that fails leaves to as it was. to must hold no article and no
// action.
func CopyStore(ctx context.Context, from, to *SQLite) (CopyStats, error) {
	var n int
	if err := to.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM actions) + (SELECT count(*) FROM dup_labels)`).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, fmt.Errorf("%w: %s holds annotations already; copy into a new file or an empty database", ErrNotEmpty, to.path)
	}
	tx, err := to.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stats := CopyStats{}
	for _, t := range copyTables {
		ncols := len(strings.Split(t.cols, ","))
		ins, err := tx.PrepareContext(ctx, `INSERT INTO `+t.name+`(`+t.cols+`) VALUES (`+strings.TrimSuffix(strings.Repeat("?,", ncols), ",")+`)`)
		if err != nil {
			return nil, err
		}
		rows, err := from.db.QueryContext(ctx, `SELECT `+t.cols+` FROM `+t.name)
		if err != nil {
			ins.Close()
			return nil, fmt.Errorf("reading %s from %s: %w", t.name, from.path, err)
		}
		vals := make([]any, ncols)
		ptrs := make([]any, ncols)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				ins.Close()
				return nil, err
			}
			if _, err := ins.ExecContext(ctx, vals...); err != nil {
				rows.Close()
				ins.Close()
				return nil, fmt.Errorf("writing %s into %s: %w", t.name, to.path, err)
			}
			stats[t.name]++
		}
		rows.Close()
		ins.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if to.pg {
		for _, t := range identityTables {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', '`+map[bool]string{true: "seq", false: "id"}[t == "changes"]+`'),
				(SELECT coalesce(max(`+map[bool]string{true: "seq", false: "id"}[t == "changes"]+`), 0) + 1 FROM `+t+`), false)`); err != nil {
				return nil, err
			}
		}
	}
	return stats, tx.Commit()
}
