package story_test

import (
	"context"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/story/group"
)

// countingSource counts the articles read through it.
type countingSource struct {
	c *corpus.Corpus
	n atomic.Int64
}

func (s *countingSource) Load(i int) (*model.Article, error) {
	s.n.Add(1)
	return s.c.Load(i)
}

// With a store, grouping keeps each article's features (and date) by ID
// and text hash: reopening the corpus groups it without reading the
// articles, and an article whose text changed is read again.
func TestReopenGroupsFromTheFeatureCache(t *testing.T) {
	c, err := corpus.OpenSample()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := corpus.FindDuplicates(context.Background(), c, corpus.DupJobOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dups := finishedDups{rep.Pairs}
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	first := &countingSource{c: c}
	h := newHarnessStore(t, c, st, 80, 24, dups, first)
	want := h.f.Stories()
	if len(want) != 1 || len(want[0]) != 4 || first.n.Load() != int64(len(c.Items)) {
		t.Fatalf("first open: stories %v, %d articles read of %d", want, first.n.Load(), len(c.Items))
	}

	again := &countingSource{c: c}
	h = newHarnessStore(t, c, st, 80, 24, dups, again)
	if got := h.f.Stories(); !reflect.DeepEqual(got, want) {
		t.Errorf("reopened: stories %v, want %v", got, want)
	}
	if n := again.n.Load(); n != 0 {
		t.Errorf("reopened: %d articles read for grouping, want none", n)
	}

	// A cached entry for another text of the article is not used.
	if err := st.PutStoryFeatures(context.Background(), group.FeaturesVersion, []store.StoryFeature{{ID: ap, Hash: "another text", Keys: []byte{}}}); err != nil {
		t.Fatal(err)
	}
	third := &countingSource{c: c}
	h = newHarnessStore(t, c, st, 80, 24, dups, third)
	if got := h.f.Stories(); !reflect.DeepEqual(got, want) || third.n.Load() != 1 {
		t.Errorf("one changed text: stories %v, %d articles read (want 1)", got, third.n.Load())
	}
}
