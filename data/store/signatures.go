package store

import (
	"context"
	"fmt"
	"strings"
)

// Signatures returns the cached duplicate signatures for the given content
// hashes (those of version and present only), so reopening a corpus hashes
// only new or changed articles.
func (s *SQLite) Signatures(ctx context.Context, version int, hashes []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	const chunk = 500 // stay under SQLite's variable limit
	for i := 0; i < len(hashes); i += chunk {
		part := hashes[i:min(i+chunk, len(hashes))]
		args := []any{version}
		for _, h := range part {
			args = append(args, h)
		}
		q := fmt.Sprintf(`SELECT hash, sig FROM dup_signatures WHERE version = ? AND hash IN (%s)`, strings.TrimSuffix(strings.Repeat("?,", len(part)), ","))
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h string
			var sig []byte
			if err := rows.Scan(&h, &sig); err != nil {
				rows.Close()
				return nil, err
			}
			out[h] = sig
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PutSignatures caches signatures by content hash in one transaction. The
// cache is derived data: it is not in the undo log.
func (s *SQLite) PutSignatures(ctx context.Context, version int, sigs map[string][]byte) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO dup_signatures(hash, version, sig) VALUES (?, ?, ?)
		ON CONFLICT(hash) DO UPDATE SET version = excluded.version, sig = excluded.sig`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for h, sig := range sigs {
		if _, err := stmt.ExecContext(ctx, h, version, sig); err != nil {
			return err
		}
	}
	return tx.Commit()
}
