package store

import (
	"context"
	"fmt"

	"storydesk/data/store/schema"
)

// SchemaVersion is the newest schema this binary knows (schema.Version).
var SchemaVersion = schema.Version

// migrate brings a SQLite store to SchemaVersion, one migration per
// transaction; PRAGMA user_version holds the version.
func (s *SQLite) migrate() error {
	ctx := context.Background()
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("annotation store %s: cannot read it (%v); it was left untouched — see README, Recovery", s.path, err)
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; upgrade storydesk (it never downgrades a store)", ErrSchemaTooNew, s.path, v, SchemaVersion)
	}
	if ro := s.guard.ReadOnly(); ro != nil && v < SchemaVersion {
		return &Error{Path: s.path, Fault: FaultReadOnly, AtOpen: true, Err: fmt.Errorf(
			"an older storydesk wrote it (schema version %d), and upgrading it to %d means writing to it; %v", v, SchemaVersion, ro.Err)}
	}
	for ; v < SchemaVersion; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("annotation store %s: %w", s.path, err)
		}
		// Re-read inside the write lock: another instance may have migrated.
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return err
		}
		if cur > v {
			tx.Rollback()
			v = cur - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, schema.Migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("annotation store %s: migration to version %d: %w", s.path, v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("annotation store %s: migration to version %d: %w", s.path, v+1, err)
		}
	}
	return nil
}

// stampApplicationID marks a store opened for writing as storydesk's, once
// (stores made before the mark existed).
func (s *SQLite) stampApplicationID() error {
	if s.guard.ReadOnly() != nil {
		return nil
	}
	var app int64
	if err := s.db.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&app); err != nil {
		return err
	}
	if uint32(app) == ApplicationID {
		return nil
	}
	_, err := s.db.ExecContext(context.Background(), fmt.Sprintf("PRAGMA application_id = %d", int32(ApplicationID)))
	return err
}
