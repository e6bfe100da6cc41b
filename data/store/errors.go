package store

import "storydesk/data/store/guard"

// The store's failures are said in words by its guard (data/store/guard,
// which sits between database/sql and the driver); they keep their names
// here, where callers meet them.

// Fault says in one word what went wrong with the store's file.
type Fault = guard.Fault

// Error is a failure of the store's file said in words: what happened,
// which file, what to do. Err is the driver's error.
type Error = guard.Error

const (
	FaultOther    = guard.FaultOther    // not the file's fault (a constraint, a bad query)
	FaultDamaged  = guard.FaultDamaged  // the file is corrupted or truncated
	FaultFull     = guard.FaultFull     // the disk (or the file's size limit) is full
	FaultWrite    = guard.FaultWrite    // a write failed: full disk, size limit or failing disk
	FaultReadOnly = guard.FaultReadOnly // the file, its folder or the disk cannot be written
	FaultCantOpen = guard.FaultCantOpen // the file or its -wal/-shm cannot be opened or created
	FaultBusy     = guard.FaultBusy     // another program held the lock past the timeout
	FaultIO       = guard.FaultIO       // another disk error
)

// Errors an *Error matches with errors.Is, by fault; ErrNotStore is a path
// that is not a storydesk store (another program's database, a folder, a
// pipe, a device), refused untouched.
var (
	ErrDamaged  = guard.ErrDamaged
	ErrFull     = guard.ErrFull
	ErrReadOnly = guard.ErrReadOnly
	ErrBusy     = guard.ErrBusy
	ErrNotStore = guard.ErrNotStore
)

// ApplicationID marks a SQLite file as a storydesk store ("SDsk").
const ApplicationID = guard.ApplicationID
