package lazy

import (
	"context"

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
