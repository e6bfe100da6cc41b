package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/model"
)

// write creates files under dir (names may hold slashes) and returns dir.
func write(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var ctx = context.Background()

// spanOf builds a span over the first occurrence of word in text.
func spanOf(t *testing.T, text, word, label string) model.Span {
	t.Helper()
	b := strings.Index(text, word)
	if b < 0 {
		t.Fatalf("%q not in text", word)
	}
	start := model.RuneLen(text[:b])
	return model.Span{Start: start, End: start + model.RuneLen(word), Label: label, Text: word}
}

func tag(a *model.Article, sp model.Span) store.Action {
	return store.Action{Name: "tag " + sp.Label, Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}
}

func openTestStore(t *testing.T, path string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// faultText is article i's text: long enough that a few hundred articles
// fill many pages of every table.
func faultText(i int) string {
	return fmt.Sprintf("Story %d: ", i) + strings.Repeat("Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. ", 20)
}

// faultStore writes a closed store at path with n annotated articles (one
// PERSON span each).
func faultStore(t *testing.T, path string, n int) {
	t.Helper()
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		text := faultText(i)
		a := &model.Article{ID: fmt.Sprintf("a%04d.txt", i), Path: "p", Title: "T", Text: text}
		if _, err := s.Do(ctx, tag(a, spanOf(t, text, "Ilse Varga", "PERSON"))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// The export and import tests' fixture (storetest.Fixture), under the
// names the tests use.
const (
	exTextA = storetest.TextA
)

var (
	exIDs     = storetest.IDs
	exSpan    = storetest.Span
	exFixture = storetest.Fixture
)

func exDo(t testing.TB, s *store.SQLite, act store.Action) store.Action {
	t.Helper()
	done, err := s.Do(ctx, act)
	if err != nil {
		t.Fatalf("%s: %v", act.Name, err)
	}
	return done
}
