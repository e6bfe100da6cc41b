package lazy

import (
	"context"
	"errors"

	"storydesk/data/store"
	"storydesk/model"
)

// Team mode on the reader's default store (Store): the layers of a store
// that exists. Before the first write there is none, so no layer but the
// user's own (empty).

// Annotator names the layer the store reads and writes.
func (l *Store) Annotator() string { return l.who }

// Annotators lists every annotator with a layer (none before the store exists).
func (l *Store) Annotators(ctx context.Context) ([]string, error) {
	if s := l.get(); s != nil {
		return s.Annotators(ctx)
	}
	return nil, nil
}

// Layer is annotator's layer, read-only (see store.SQLite.Layer); before the
// store exists, the store itself, which holds nothing.
func (l *Store) Layer(annotator string) store.Store {
	if s := l.get(); s != nil {
		return s.Layer(annotator)
	}
	return l
}

var _ store.LayeredStore = (*Store)(nil)

// Assigned lists the annotator's assigned articles (none before the store
// exists).
func (l *Store) Assigned(ctx context.Context) (map[string]model.Status, error) {
	if s := l.get(); s != nil {
		return s.Assigned(ctx)
	}
	return nil, nil
}

// TeamProgress is every annotator's progress (none before the store
// exists).
func (l *Store) TeamProgress(ctx context.Context) ([]store.Progress, error) {
	if s := l.get(); s != nil {
		return s.TeamProgress(ctx)
	}
	return nil, nil
}

// errNoStoreYet: nothing to watch before the first write.
var errNoStoreYet = errors.New("no store yet")

// Watch follows other sessions' changes once the store exists: a second
// reader on the same default store sees the first one's tags.
func (l *Store) Watch(ctx context.Context) (<-chan []store.Change, error) {
	if s := l.get(); s != nil {
		return s.Watch(ctx)
	}
	return nil, errNoStoreYet
}

// SessionID, Announce and OtherSessions: the session as the store knows it
// (none before the store exists: then no other session can have written).
func (l *Store) SessionID() string {
	if s := l.get(); s != nil {
		return s.SessionID()
	}
	return ""
}

func (l *Store) Announce(ctx context.Context) error {
	if s := l.get(); s != nil {
		return s.Announce(ctx)
	}
	return nil
}

func (l *Store) OtherSessions(ctx context.Context) (int, error) {
	if s := l.get(); s != nil {
		return s.OtherSessions(ctx)
	}
	return 0, nil
}

var (
	_ store.Watcher      = (*Store)(nil)
	_ store.SessionStore = (*Store)(nil)
)
