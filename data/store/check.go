package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// quickCheck runs PRAGMA quick_check (every page's structure, not index
// contents: integrity_check's reading without its slowest part). Damage
// found marks the store damaged, which refuses every write; the error
// returned says what the check found.
func (s *SQLite) quickCheck(ctx context.Context) error {
	var found []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(3)")
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			if !strings.EqualFold(line, "ok") {
				found = append(found, strings.Join(strings.Fields(line), " "))
			}
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil // cancelled by Close: proves nothing
	case err != nil:
		// The check could not read through the file: not safe to write.
		var se *Error
		if errors.As(err, &se) {
			err = se.Err
		}
		found = append(found, err.Error())
	case len(found) == 0:
		return nil
	}
	problem := fmt.Errorf("quick_check: %s", strings.Join(found, "; "))
	s.guard.MarkDamaged(problem)
	return problem
}

// Damaged returns the error writes get once the store was found damaged
// (by the open-time check or by any query since), or nil.
func (s *SQLite) Damaged() error {
	if b := s.guard.Damaged(); b != nil {
		return b
	}
	return nil
}

// ReadOnly returns the read-only *Error every write gets when the store
// was opened read-only (the file, its folder or the disk cannot be
// written), or nil.
func (s *SQLite) ReadOnly() error {
	if ro := s.guard.ReadOnly(); ro != nil {
		return ro
	}
	return nil
}

// WaitChecked waits for the open-time check (it runs in the background on
// stores over SQLiteOptions.CheckInBackgroundOver) and returns what it found:
// nil for a sound store, the damaged *Error, or ctx's error. A store
// closed meanwhile returns nil: an interrupted check proves nothing.
func (s *SQLite) WaitChecked(ctx context.Context) error {
	select {
	case <-s.checkDone:
	case <-ctx.Done():
		return ctx.Err()
	}
	return s.Damaged()
}

// IntegrityCheck runs SQLite's own full consistency check; a store that
// fails it is marked damaged (no more writes).
func (s *SQLite) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return err
	}
	if !strings.EqualFold(res, "ok") {
		err := fmt.Errorf("integrity check: %s", res)
		s.guard.MarkDamaged(err)
		return err
	}
	return nil
}
