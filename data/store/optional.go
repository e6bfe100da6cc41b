package store

import (
	"context"

	"storydesk/data/corpus"
)

// Optional capabilities of a Store (see the package documentation).
type (
	// ReadOnlyStore reports a store opened read-only: the *Error every
	// write gets, or nil.
	ReadOnlyStore interface{ ReadOnly() error }
	// CheckedStore reports the check of the store's file made at open.
	CheckedStore interface {
		WaitChecked(ctx context.Context) error
		Damaged() error
	}
	// ReviewCounter counts, per article, the imported annotations nobody
	// has reviewed yet.
	ReviewCounter interface {
		Unreviewed(ctx context.Context) (map[string]int, error)
	}
)

// Capabilities of team mode (issue 15); both backends have them.
type (
	// LayeredStore reads other annotators' layers: Layer is one of them,
	// read-only; Annotators lists every layer's annotator.
	LayeredStore interface {
		Annotator() string
		Layer(annotator string) Store
		Annotators(ctx context.Context) ([]string, error)
	}
	// SessionStore says which session the store is (its actions carry the
	// id; undo and redo take back only the session's own), lists it as
	// open (Announce), and counts the annotator's other open sessions.
	SessionStore interface {
		SessionID() string
		Announce(ctx context.Context) error
		OtherSessions(ctx context.Context) (int, error)
	}
)

var (
	_ LayeredStore          = (*SQLite)(nil)
	_ SessionStore          = (*SQLite)(nil)
	_ ReadOnlyStore         = (*SQLite)(nil)
	_ CheckedStore          = (*SQLite)(nil)
	_ ReviewCounter         = (*SQLite)(nil)
	_ CorrectionSource      = (*SQLite)(nil)
	_ corpus.SignatureCache = (*SQLite)(nil)
)
