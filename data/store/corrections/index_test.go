package corrections_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/data/store/corrections"
	"storydesk/model"
	"storydesk/model/clean"
)

const correctStory = "Ferry service returns to the northern islands\n\n" +
	"By Lena Holm\n\n" +
	"Photo: The new ferry leaves Karvik harbour. (Lena Holm/Harbour Gazette)\n\n" +
	"The ferry between Karvik and the northern islands ran again on Monday after a winter without service, to the relief of islanders.\n\n" +
	"Two crossings a day are planned until June, when a third will be added for the summer visitors.\n\n" +
	"The operator said tickets would cost the same as last year.\n\n" +
	"Sign up for our morning newsletter"

// paraStarting is the raw paragraph of a that starts with prefix.
func paraStarting(t *testing.T, a *model.Article, prefix string) clean.ParaRange {
	t.Helper()
	rs := []rune(a.Raw)
	for _, p := range clean.Paragraphs(a.Raw) {
		if strings.HasPrefix(string(rs[p.Start:p.End]), prefix) {
			return p
		}
	}
	t.Fatalf("no paragraph of %s starts with %q", a.ID, prefix)
	return clean.ParaRange{}
}

func setCorrect(t *testing.T, s *store.SQLite, id string, p clean.ParaRange, keep int) store.Action {
	t.Helper()
	act, err := s.Do(ctx, store.Action{Name: "correct", Ops: []store.Op{{Kind: store.OpSetCorrect, Article: id, RawStart: p.Start, RawEnd: p.End, Keep: keep}}})
	if err != nil {
		t.Fatal(err)
	}
	return act
}

func TestCorpusLoadsWithStoredCorrections(t *testing.T) {
	dir := write(t, t.TempDir(), map[string]string{"a.txt": correctStory, "b.txt": correctStory})
	c := mustOpen(t, dir)
	plain, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	capt := paraStarting(t, plain, "Photo:")
	if r, ok := model.RemovedPara(plain.Removed, capt.Start, capt.End); !ok || r.Reason != model.ReasonCaption {
		t.Fatalf("fixture: caption not removed: %+v", plain.Removed)
	}
	body := paraStarting(t, plain, "Two crossings")

	s := openTestStore(t, filepath.Join(t.TempDir(), "s.db"))
	setCorrect(t, s, "a.txt", capt, 1)
	setCorrect(t, s, "a.txt", body, 0)
	idx, err := corrections.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	c.Corrections = idx.For

	check := func(a *model.Article) {
		t.Helper()
		if !strings.HasPrefix(a.Text, "Photo: The new ferry") {
			t.Fatalf("kept caption not at the top of the body:\n%s", a.Text)
		}
		if strings.Contains(a.Text, "Two crossings") {
			t.Fatalf("removed paragraph still in the body:\n%s", a.Text)
		}
		if r, ok := model.RemovedPara(a.Removed, body.Start, body.End); !ok || r.Reason != model.ReasonUser {
			t.Fatalf("paragraph not removed by the user: %+v", a.Removed)
		}
		if a.Words != model.WordCount(a.Text) {
			t.Fatalf("word count %d is not the corrected text's", a.Words)
		}
		// What the reader computes before committing is what loading gives.
		if got := corpus.Reclean(plain, idx.For("a.txt")).Text; got != a.Text {
			t.Fatalf("Reclean differs from Load:\n%s\n---\n%s", got, a.Text)
		}
	}
	a, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	check(a)
	if b, _ := c.Load(1); b.Text != plain.Text {
		t.Fatal("another article's text changed")
	}

	// ForEach (storydesk clean) and Stream (the reader's list) apply them too.
	err = c.ForEach(2, func(i int, a *model.Article, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == "a.txt" {
			check(a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	words := map[string]int{}
	c.Stream(context.Background(), 2, func(rs []corpus.Result) {
		mu.Lock()
		defer mu.Unlock()
		for _, r := range rs {
			words[r.Article.ID] = r.Article.Words
		}
	})
	if words["a.txt"] != a.Words || words["b.txt"] != plain.Words || a.Words == plain.Words {
		t.Fatalf("streamed word counts %v, want a %d and b %d", words, a.Words, plain.Words)
	}
}

func TestCorrectionIndexFollowsUndoRedo(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "s.db"))
	idx, err := corrections.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	same := func(when string) {
		t.Helper()
		all, err := s.AllCorrections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"a", "b"} {
			if got, want := idx.For(id), all[id]; !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: index %v, store %v for %s", when, got, want, id)
			}
		}
		if idx.Len() != len(all) {
			t.Fatalf("%s: index has %d articles, store %d", when, idx.Len(), len(all))
		}
	}
	p := func(s, e int) clean.ParaRange { return clean.ParaRange{Start: s, End: e} }
	steps := []struct {
		id   string
		r    clean.ParaRange
		keep int
	}{
		{"a", p(10, 20), 1}, {"a", p(0, 5), 0}, {"b", p(3, 9), 0}, {"a", p(10, 20), 0}, {"a", p(0, 5), -1}, {"a", p(30, 40), 1}, {"a", p(10, 20), -1},
	}
	var acts []store.Action
	for i, st := range steps {
		act := setCorrect(t, s, st.id, st.r, st.keep)
		if ids := idx.Applied(act, false); len(ids) != 1 || ids[0] != st.id {
			t.Fatalf("step %d: touched %v", i, ids)
		}
		acts = append(acts, act)
		same("do")
	}
	for range steps {
		act, ok, err := s.Undo(ctx)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		idx.Applied(act, true)
		same("undo")
	}
	if idx.Len() != 0 {
		t.Fatal("everything undone but the index is not empty")
	}
	for range steps {
		act, ok, err := s.Redo(ctx)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		idx.Applied(act, false)
		same("redo")
	}
	// A reopened index reads the same.
	again, _ := corrections.Load(ctx, s)
	if !reflect.DeepEqual(again.For("a"), idx.For("a")) || len(again.For("a")) != 1 {
		t.Fatalf("reloaded %v, kept %v", again.For("a"), idx.For("a"))
	}
	// Actions without corrections touch nothing.
	if ids := idx.Applied(store.Action{Ops: []store.Op{{Kind: store.OpSetStatus, Article: "a", Status: model.StatusDone}}}, false); ids != nil {
		t.Fatalf("touched %v", ids)
	}
}

// The index is read from Stream's workers while the reader updates it.
func TestCorrectionIndexConcurrent(t *testing.T) {
	idx := &corrections.Index{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				for _, c := range idx.For("a") {
					if c.End <= c.Start {
						t.Error("torn correction")
						return
					}
				}
			}
		}()
	}
	for i := 0; i < 500; i++ {
		idx.Applied(store.Action{Ops: []store.Op{{Kind: store.OpSetCorrect, Article: "a", RawStart: i % 7, RawEnd: 10 + i%5, Keep: i%3 - 1}}}, false)
	}
	wg.Wait()
}

var ctx = context.Background()

func openTestStore(t *testing.T, path string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustOpen(t *testing.T, args ...string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Open(args, nil)
	if err != nil {
		t.Fatalf("Open(%q): %v", args, err)
	}
	return c
}
