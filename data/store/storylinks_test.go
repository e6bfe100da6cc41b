package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

func TestStoryLinksUndoRedoPerAnnotator(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := OpenSQLite(path, "ana")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	links := func(st *SQLite) []StoryLink {
		t.Helper()
		ls, err := st.StoryLinks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ls
	}
	// Given as (b, a): stored with a < b.
	if _, err := s.Do(ctx, Action{Name: "merge stories", Ops: []Op{
		{Kind: OpSetStoryLink, A: "y.txt", B: "x.txt", Link: StoryPin},
		{Kind: OpSetStoryLink, A: "x.txt", B: "z.txt", Link: StoryApart},
	}}); err != nil {
		t.Fatal(err)
	}
	want := []StoryLink{{"x.txt", "y.txt", StoryPin}, {"x.txt", "z.txt", StoryApart}}
	if got := links(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("links = %v, want %v", got, want)
	}
	// A pin turned into apart, then undone: the pin is back.
	if _, err := s.Do(ctx, Action{Name: "split", Ops: []Op{{Kind: OpSetStoryLink, A: "x.txt", B: "y.txt", Link: StoryApart}}}); err != nil {
		t.Fatal(err)
	}
	if got := links(s)[0].Link; got != StoryApart {
		t.Errorf("after split: %q", got)
	}
	if _, ok, err := s.Undo(ctx); err != nil || !ok {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if got := links(s); !reflect.DeepEqual(got, want) {
		t.Errorf("after undo: %v, want %v", got, want)
	}
	if _, ok, err := s.Undo(ctx); err != nil || !ok {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if got := links(s); len(got) != 0 {
		t.Errorf("after undoing the merge: %v", got)
	}
	if _, ok, err := s.Redo(ctx); err != nil || !ok {
		t.Fatalf("redo: %v %v", ok, err)
	}
	if got := links(s); !reflect.DeepEqual(got, want) {
		t.Errorf("after redo: %v, want %v", got, want)
	}
	// Bad ops are refused whole.
	for _, op := range []Op{
		{Kind: OpSetStoryLink, A: "x.txt", B: "x.txt", Link: StoryPin},
		{Kind: OpSetStoryLink, A: "x.txt", B: "q.txt", Link: "maybe"},
	} {
		if _, err := s.Do(ctx, Action{Name: "bad", Ops: []Op{op}}); err == nil {
			t.Errorf("%+v was accepted", op)
		}
	}
	s.Close()

	// Another annotator on the same file has none of them; the first
	// finds hers after reopening.
	o, err := OpenSQLite(path, "ben")
	if err != nil {
		t.Fatal(err)
	}
	if got := links(o); len(got) != 0 {
		t.Errorf("ben sees ana's links: %v", got)
	}
	if _, ok, _ := o.Undo(ctx); ok {
		t.Error("ben could undo ana's story edit")
	}
	o.Close()
	s, err = OpenSQLite(path, "ana")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := links(s); !reflect.DeepEqual(got, want) {
		t.Errorf("reopened: %v, want %v", got, want)
	}
}

func TestStoryFeatureCache(t *testing.T) {
	s, err := OpenSQLite(filepath.Join(t.TempDir(), "store.db"), "ana")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	a := StoryFeature{ID: "a.txt", Hash: "h1", Date: "2026-03-03", Keys: []byte{1, 0, 0, 0}}
	b := StoryFeature{ID: "b.txt", Hash: "h2", Keys: []byte{}}
	if err := s.PutStoryFeatures(ctx, 1, []StoryFeature{a, b}); err != nil {
		t.Fatal(err)
	}
	got, err := s.StoryFeatures(ctx, 1, []string{"a.txt", "b.txt", "c.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got["a.txt"], a) || got["b.txt"].Hash != "h2" {
		t.Errorf("got %+v", got)
	}
	// Another version is not returned; a new entry replaces the old.
	if got, _ := s.StoryFeatures(ctx, 2, []string{"a.txt"}); len(got) != 0 {
		t.Errorf("version 2: %+v", got)
	}
	a2 := StoryFeature{ID: "a.txt", Hash: "h3", Date: "", Keys: []byte{2, 0, 0, 0}}
	if err := s.PutStoryFeatures(ctx, 1, []StoryFeature{a2}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StoryFeatures(ctx, 1, []string{"a.txt"}); !reflect.DeepEqual(got["a.txt"], a2) {
		t.Errorf("replaced: %+v", got["a.txt"])
	}
}
