package store

import (
	"context"

	"storydesk/data/corpus"
	"storydesk/model"
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
	// ModelStore keeps trained models (the entity recogniser's weights)
	// by name; ok is false when none was saved under name.
	ModelStore interface {
		SaveModel(ctx context.Context, name string, blob []byte) error
		LoadModel(ctx context.Context, name string) (blob []byte, ok bool, err error)
	}
	// StoryLinker lists this annotator's hand edits to story grouping:
	// pairs of articles pinned to one story or kept apart (OpSetStoryLink
	// writes them, undoably).
	StoryLinker interface {
		StoryLinks(ctx context.Context) ([]StoryLink, error)
	}
	// StoryFeatureCache keeps story grouping features by article ID and
	// content hash, so reopening a corpus does not read every article
	// again to group it.
	StoryFeatureCache interface {
		StoryFeatures(ctx context.Context, version int, ids []string) (map[string]StoryFeature, error)
		PutStoryFeatures(ctx context.Context, version int, fs []StoryFeature) error
	}
	// CorrectionSource lists every article's cleaner corrections (for a
	// corrections.Index).
	CorrectionSource interface {
		AllCorrections(ctx context.Context) (map[string][]model.Correction, error)
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
	_ ModelStore            = (*SQLite)(nil)
	_ StoryLinker           = (*SQLite)(nil)
	_ StoryFeatureCache     = (*SQLite)(nil)
	_ CorrectionSource      = (*SQLite)(nil)
	_ corpus.SignatureCache = (*SQLite)(nil)
)
