package guard

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// BusyTimeout is how long a write waits for a lock another program
// (another storydesk) holds before it fails as "locked". Tests shorten it.
var BusyTimeout = 10 * time.Second

// ErrSchemaTooNew: the database was written by a newer storydesk.
var ErrSchemaTooNew = errors.New("the annotation store was written by a newer storydesk")

// Fault says in one word what went wrong with the store's file.
type Fault int

const (
	FaultOther    Fault = iota // not the file's fault (a constraint, a bad query)
	FaultDamaged               // the file is corrupted or truncated
	FaultFull                  // the disk (or the file's size limit) is full
	FaultWrite                 // a write failed: full disk, size limit or failing disk
	FaultReadOnly              // the file, its folder or the disk cannot be written
	FaultCantOpen              // the file or its -wal/-shm cannot be opened or created
	FaultBusy                  // another program held the lock past the timeout
	FaultIO                    // another disk error
)

// Errors an *Error matches with errors.Is, by fault.
var (
	ErrDamaged  = errors.New("the annotation store is damaged")
	ErrFull     = errors.New("the disk is full")
	ErrReadOnly = errors.New("the annotation store cannot be written")
	ErrBusy     = errors.New("the annotation store is locked by another program")
)

// Error is a failure of the store's file said in words: what happened,
// which file, what to do. Err is the driver's error.
type Error struct {
	Path   string
	Fault  Fault
	AtOpen bool // opening refused the file
	Err    error
}

// Error puts the fault first and the driver's words last, so a status bar
// cut to the terminal's width keeps what matters.
func (e *Error) Error() string {
	p, why := e.Path, e.reason()
	if e.Fault == FaultDamaged && e.AtOpen {
		return fmt.Sprintf("damaged: annotation store %s: %s; it was left untouched — see README, Recovery", p, why)
	}
	switch e.Fault {
	case FaultDamaged:
		return fmt.Sprintf("damaged: annotation store %s; nothing more will be written to it — quit, copy %s* somewhere safe and see README, Recovery (%s)", p, filepath.Base(p), why)
	case FaultFull:
		return fmt.Sprintf("disk full: annotation store %s cannot grow; free some space, then try again (%s)", p, why)
	case FaultWrite:
		return fmt.Sprintf("cannot write: annotation store %s (a full disk, a file size limit or a failing disk); free some space, then try again (%s)", p, why)
	case FaultReadOnly:
		return fmt.Sprintf("read-only: annotation store %s cannot be written (the file, its folder or the disk); fix the permissions or choose another store with --db (%s)", p, why)
	case FaultCantOpen:
		return fmt.Sprintf("cannot open: annotation store %s or its -wal/-shm files beside it; check that its folder exists and is writable (%s)", p, why)
	case FaultBusy:
		return fmt.Sprintf("locked: annotation store %s is held by another program (another storydesk?) for over %v; try again when it has finished (%s)", p, BusyTimeout, why)
	case FaultIO:
		return fmt.Sprintf("disk error: annotation store %s; check the disk, then try again (%s)", p, why)
	}
	return fmt.Sprintf("annotation store %s: %s", p, why)
}

func (e *Error) reason() string {
	if e.Err == nil {
		return "unknown error"
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Is(target error) bool {
	switch target {
	case ErrDamaged:
		return e.Fault == FaultDamaged
	case ErrFull:
		return e.Fault == FaultFull
	case ErrReadOnly:
		return e.Fault == FaultReadOnly || e.Fault == FaultCantOpen
	case ErrBusy:
		return e.Fault == FaultBusy
	}
	return false
}
