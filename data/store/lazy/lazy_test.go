package lazy_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/data/store/lazy"
	"storydesk/model"
)

// lazyCorpus is a one-article corpus folder and its Lazy store.
func lazyCorpus(t *testing.T) (string, *corpus.Corpus, *lazy.Store) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Harbour talks\n\nIlse Varga met the ferry operators.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lazy.Open(c, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return dir, c, l
}

// Before the first write a Lazy store reads as an empty one and creates
// nothing, the reading position included; the first Do creates it where
// DefaultPath says, and TakeCreated says so once; reopened, the store is
// opened at once.
func TestLazyCreatesAtFirstWrite(t *testing.T) {
	ctx := context.Background()
	dir, c, l := lazyCorpus(t)
	want := filepath.Join(dir, ".storydesk", "annotations.db")
	if l.Path() != want || l.Exists() {
		t.Fatalf("path %s exists %v", l.Path(), l.Exists())
	}
	st, err := l.Statuses(ctx)
	if err != nil || len(st) != 0 {
		t.Fatalf("statuses %v %v", st, err)
	}
	if _, ok, err := l.Undo(ctx); ok || err != nil {
		t.Fatalf("undo before any write: %v %v", ok, err)
	}
	if err := l.SetState(ctx, "ui.tester.last", "a.txt"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".storydesk")); err == nil {
		t.Fatal("reading (and the reading position) created .storydesk")
	}
	if _, ok := l.TakeCreated(); ok {
		t.Fatal("TakeCreated before any write")
	}
	a, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	start := model.RuneLen(a.Text[:len(a.Text)-len("Ilse Varga met the ferry operators.")])
	sp := model.Span{Start: start, End: start + 10, Label: "PERSON", Text: "Ilse Varga"}
	if _, err := l.Do(ctx, store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}); err != nil {
		t.Fatal(err)
	}
	if p, ok := l.TakeCreated(); !ok || p != want {
		t.Fatalf("TakeCreated %q %v", p, ok)
	}
	if _, ok := l.TakeCreated(); ok {
		t.Fatal("TakeCreated says it twice")
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	doc, ok, err := l.Doc(ctx, a.ID)
	if err != nil || !ok || len(doc.Spans) != 1 {
		t.Fatalf("doc %+v %v %v", doc, ok, err)
	}
	l.Close()
	again, err := lazy.Open(c, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if !again.Exists() {
		t.Fatal("an existing store should be opened at once")
	}
	if _, ok := again.TakeCreated(); ok {
		t.Fatal("a store that existed was not created by this session")
	}
}

// The optional capabilities the reader's features use — the trained model
// (suggestions), story links and the story feature cache — reach the store
// once it exists, and read as empty before: a reader on the default store
// keeps its learned model and its story splits across runs.
func TestLazyForwardsModelsAndStories(t *testing.T) {
	ctx := context.Background()
	dir, c, l := lazyCorpus(t)
	if _, ok, err := l.LoadModel(ctx, "ner"); ok || err != nil {
		t.Fatalf("a model before the store exists: %v %v", ok, err)
	}
	if links, err := l.StoryLinks(ctx); len(links) != 0 || err != nil {
		t.Fatalf("links before the store exists: %v %v", links, err)
	}
	if err := l.PutStoryFeatures(ctx, 1, []store.StoryFeature{{ID: "a.txt"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".storydesk")); err == nil {
		t.Fatal("a feature cache created the store")
	}
	if err := l.SaveModel(ctx, "ner", []byte("weights")); err != nil {
		t.Fatal(err)
	}
	if !l.Exists() {
		t.Fatal("saving a model did not create the store")
	}
	if _, err := l.Do(ctx, store.Action{Name: "split", Ops: []store.Op{{Kind: store.OpSetStoryLink, A: "a.txt", B: "b.txt", Link: store.StoryApart}}}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	again, err := lazy.Open(c, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if blob, ok, err := again.LoadModel(ctx, "ner"); !ok || err != nil || string(blob) != "weights" {
		t.Fatalf("the model after reopening: %q %v %v", blob, ok, err)
	}
	if links, err := again.StoryLinks(ctx); err != nil || len(links) != 1 || links[0].Link != store.StoryApart {
		t.Fatalf("the links after reopening: %+v %v", links, err)
	}
}

// TestLazyForwardsTeamAndLive: the team screen, live updates and the
// session count work on the default store once it exists (a second reader
// on the same default store hears the first one's writes).
func TestLazyForwardsTeamAndLive(t *testing.T) {
	ctx := context.Background()
	_, c, l := lazyCorpus(t)
	if _, err := l.Watch(ctx); err == nil {
		t.Fatal("a watcher before the store exists")
	}
	if p, err := l.TeamProgress(ctx); err != nil || len(p) != 0 {
		t.Fatalf("progress before the store exists: %v %v", p, err)
	}
	a := &model.Article{ID: "a.txt", Path: "a.txt", Text: "Ilse Varga met the ferry operators."}
	sp := model.Span{Start: 0, End: 10, Label: "PERSON", Text: "Ilse Varga"}
	if _, err := l.Do(ctx, store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}); err != nil {
		t.Fatal(err)
	}
	if p, err := l.TeamProgress(ctx); err != nil || len(p) != 1 || p[0].Annotator != "tester" {
		t.Fatalf("progress: %+v %v", p, err)
	}
	other, err := lazy.Open(c, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, err := other.Watch(wctx)
	if err != nil {
		t.Fatalf("watching the existing store: %v", err)
	}
	if l.SessionID() == "" || l.SessionID() == other.SessionID() {
		t.Fatalf("session ids %q and %q", l.SessionID(), other.SessionID())
	}
	if err := l.Announce(ctx); err != nil {
		t.Fatal(err)
	}
	if err := other.Announce(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := other.OtherSessions(ctx); err != nil || n != 1 {
		t.Fatalf("other sessions: %d %v", n, err)
	}
	sp2 := model.Span{Start: 19, End: 24, Label: "ORG", Text: "ferry"}
	if _, err := l.Do(ctx, store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp2}}}); err != nil {
		t.Fatal(err)
	}
	// No timing: the watcher must deliver this change eventually; the
	// test's own deadline is the only clock.
	for cs := range ch {
		for _, ch := range cs {
			if ch.Article == "a.txt" {
				return
			}
		}
	}
	t.Fatal("the watcher closed without the change")
}
