package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/dup"
)

func TestExistingStorePathCreatesNothing(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := write(t, t.TempDir(), map[string]string{"a.txt": "A short article for a corpus with a store."})
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := ExistingPath(c)
	if ok || p != filepath.Join(dir, ".storydesk", "annotations.db") {
		t.Errorf("no store yet: got %q, %v", p, ok)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".storydesk")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("asking created the .storydesk folder (%v)", err)
	}
	s, err := OpenSQLite(DefaultPath(c), "tester")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if p2, ok := ExistingPath(c); !ok || p2 != p {
		t.Errorf("after the store was made: %q, %v", p2, ok)
	}

	// A corpus whose folder cannot hold .storydesk (here a file is in the
	// way) keeps its store in the data directory: the same one.
	dir2 := write(t, t.TempDir(), map[string]string{"a.txt": "A short article for a corpus with a store."})
	os.WriteFile(filepath.Join(dir2, ".storydesk"), nil, 0o644)
	c2, _ := corpus.Open([]string{dir2}, nil)
	if p, ok := ExistingPath(c2); ok || p != DefaultPath(c2) {
		t.Errorf("fallback: %q, %v; DefaultPath says %q", p, ok, DefaultPath(c2))
	}
	sample, _ := corpus.OpenSample()
	if p, ok := ExistingPath(sample); ok || p != DefaultPath(sample) {
		t.Errorf("sample: %q, %v", p, ok)
	}
}

func TestDupClustersFromStore(t *testing.T) {
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	do := func(ops ...Op) {
		t.Helper()
		if _, err := s.Do(ctx, Action{Name: "label", Ops: ops}); err != nil {
			t.Fatal(err)
		}
	}
	do(Op{Kind: OpSetDupLabel, A: "ap", B: "cut", DupLabel: model.LabelNearDup})
	do(Op{Kind: OpSetDupLabel, A: "ap", B: "changed", DupLabel: model.LabelNearDup})
	do(Op{Kind: OpSetDupLabel, A: "ap", B: "rewrite", DupLabel: model.LabelSameStory})
	do(Op{Kind: OpSetCanonical, Article: "cut", Flag: true})
	g, err := s.DupClusters(ctx, nil, func(id string) int { return len(id) })
	if err != nil {
		t.Fatal(err)
	}
	want := []dup.Cluster{{Canonical: "cut", Marked: []string{"cut"}, Members: []string{"ap", "changed", "cut"}}}
	if !reflect.DeepEqual(g.Copies, want) {
		t.Errorf("copies = %+v", g.Copies)
	}
	if len(g.Stories) != 1 || !reflect.DeepEqual(g.Stories[0].Versions, []string{"cut", "rewrite"}) {
		t.Errorf("stories = %+v", g.Stories)
	}
	// Unmarking falls back to the longest.
	do(Op{Kind: OpSetCanonical, Article: "cut", Flag: false, PrevFlag: true})
	g, _ = s.DupClusters(ctx, nil, func(id string) int { return len(id) })
	if g.Copies[0].Canonical != "changed" || g.Copies[0].Chosen() {
		t.Errorf("after unmarking: %+v", g.Copies[0])
	}
}
