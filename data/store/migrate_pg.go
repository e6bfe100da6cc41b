package store

import (
	"context"
	"fmt"

	"storydesk/data/store/schema"
)

// PostgreSQL runs the same migrations as SQLite, translated by
// schema.Postgres, and keeps its version in storydesk_schema (SQLite's is
// PRAGMA user_version). A migration appended for SQLite thus runs on a
// server too, provided it is written in the SQL both share (see schema).

// pgSchemaLock is the advisory lock two storydesks opening one new
// database at once take, so that one creates the tables.
const pgSchemaLock = 0x73746f7279 // "story"

func (s *SQLite) migratePG(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return pgOpenErrorFor(s, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgSchemaLock); err != nil {
		return pgOpenErrorFor(s, err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS storydesk_schema (version BIGINT NOT NULL)`); err != nil {
		return pgOpenErrorFor(s, err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM storydesk_schema`).Scan(&v); err != nil {
		return pgOpenErrorFor(s, err)
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; upgrade storydesk (it never downgrades a store)", ErrSchemaTooNew, s.path, v, SchemaVersion)
	}
	if v == SchemaVersion {
		return nil
	}
	for ; v < SchemaVersion; v++ {
		for _, st := range schema.Postgres(schema.Migrations[v]) {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return &Error{Path: s.path, AtOpen: true, Err: fmt.Errorf("migration to version %d: %w", v+1, err)}
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM storydesk_schema`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO storydesk_schema(version) VALUES (?)`, v); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return &Error{Path: s.path, AtOpen: true, Err: fmt.Errorf("migration to version %d: %w", v, err)}
	}
	return nil
}

func pgOpenErrorFor(s *SQLite, err error) error {
	return &Error{Path: s.path, AtOpen: true, Err: err}
}
