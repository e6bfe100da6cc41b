package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
)

var ctx = context.Background()

func testArticle(id, text string) *model.Article {
	return &model.Article{ID: id, Path: id, Title: "T " + id, Text: text}
}

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

func tag(a *model.Article, sp model.Span) Action {
	return Action{Name: "tag " + sp.Label, Article: a, Ops: []Op{{Kind: OpAddSpan, Article: a.ID, Span: sp}}}
}

func openTestStore(t *testing.T, path string) *SQLite {
	t.Helper()
	s, err := OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

const storyText = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. “Ça va,” said Zoë Ng 😀 in Kyōto."

func TestStoreTagUndoRedoSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s := openTestStore(t, path)
	a := testArticle("x.txt", storyText)
	person := spanOf(t, storyText, "Ilse Varga", "PERSON")
	done, err := s.Do(ctx, tag(a, person))
	if err != nil {
		t.Fatal(err)
	}
	if done.Ops[0].Span.ID == 0 {
		t.Fatal("new span did not get an id")
	}
	// Spans after wide characters: offsets are code points, not bytes.
	zoe := spanOf(t, storyText, "Kyōto", "GPE")
	if _, err := s.Do(ctx, tag(a, zoe)); err != nil {
		t.Fatal(err)
	}
	// Relabel the person span, then delete the place.
	relabel := done.Ops[0].Span
	relabel.Label = "ORG"
	if _, err := s.Do(ctx, Action{Name: "label ORG", Ops: []Op{{Kind: OpSetSpan, Article: a.ID, Span: relabel}}}); err != nil {
		t.Fatal(err)
	}
	doc, ok, err := s.Doc(ctx, a.ID)
	if err != nil || !ok {
		t.Fatalf("doc: %v %v", ok, err)
	}
	if len(doc.Spans) != 2 || doc.Spans[0].Label != "ORG" || doc.Spans[1].Text != "Kyōto" {
		t.Fatalf("spans after relabel: %+v", doc.Spans)
	}
	if model.RuneSlice(doc.Text, doc.Spans[1].Start, doc.Spans[1].End) != "Kyōto" {
		t.Fatal("span does not slice the snapshot to its text")
	}
	// Undo the relabel, then quit (close) and reopen: redo must still work.
	if act, ok, err := s.Undo(ctx); err != nil || !ok || act.Name != "label ORG" {
		t.Fatalf("undo: %v %v %v", act.Name, ok, err)
	}
	s.Close()
	s2 := openTestStore(t, path)
	doc, _, _ = s2.Doc(ctx, a.ID)
	if doc.Spans[0].Label != "PERSON" {
		t.Fatalf("undo did not persist: %+v", doc.Spans[0])
	}
	if _, ok, err := s2.Redo(ctx); err != nil || !ok {
		t.Fatalf("redo after reopen: %v %v", ok, err)
	}
	doc, _, _ = s2.Doc(ctx, a.ID)
	if doc.Spans[0].Label != "ORG" {
		t.Fatalf("redo did not reapply: %+v", doc.Spans[0])
	}
	// Undo everything, back to no spans; one more undo says nothing to do.
	for i := 0; i < 3; i++ {
		if _, ok, err := s2.Undo(ctx); err != nil || !ok {
			t.Fatalf("undo %d: %v %v", i, ok, err)
		}
	}
	if _, ok, _ := s2.Undo(ctx); ok {
		t.Fatal("undo past the start of history")
	}
	doc, _, _ = s2.Doc(ctx, a.ID)
	if len(doc.Spans) != 0 {
		t.Fatalf("spans left after undoing all: %+v", doc.Spans)
	}
	// Redo the first tag: the span comes back with its old id.
	act, ok, err := s2.Redo(ctx)
	if err != nil || !ok || act.Ops[0].Span.ID != done.Ops[0].Span.ID {
		t.Fatalf("redo tag: %+v %v %v", act, ok, err)
	}
	// A new action clears the redo history.
	del := Action{Name: "delete", Ops: []Op{{Kind: OpDelSpan, Article: a.ID, Span: model.Span{ID: done.Ops[0].Span.ID}}}}
	if _, err := s2.Do(ctx, del); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s2.Redo(ctx); ok {
		t.Fatal("redo history should be gone after a new action")
	}
	if _, ok, _ := s2.Undo(ctx); !ok {
		t.Fatal("undo delete")
	}
	doc, _, _ = s2.Doc(ctx, a.ID)
	if len(doc.Spans) != 1 || doc.Spans[0].Text != "Ilse Varga" {
		t.Fatalf("undo delete restored %+v", doc.Spans)
	}
}

func TestStoreRefusesOverlapAndMismatch(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	a := testArticle("x.txt", storyText)
	if _, err := s.Do(ctx, tag(a, spanOf(t, storyText, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	_, err := s.Do(ctx, tag(a, spanOf(t, storyText, "Varga of Port", "GPE")))
	var oe *OverlapError
	if !errors.As(err, &oe) || !errors.Is(err, ErrOverlap) || oe.With.Text != "Ilse Varga" {
		t.Fatalf("want overlap with Ilse Varga, got %v", err)
	}
	bad := spanOf(t, storyText, "Monday", "DATE")
	bad.Text = "Tuesday"
	if _, err := s.Do(ctx, tag(a, bad)); err == nil {
		t.Fatal("a span whose text does not match the snapshot must be refused")
	}
	// A refused action leaves nothing behind, not even in the undo log.
	doc, _, _ := s.Doc(ctx, a.ID)
	if len(doc.Spans) != 1 {
		t.Fatalf("refused actions changed the store: %+v", doc.Spans)
	}
	if act, _, _ := s.Undo(ctx); act.Name != "tag PERSON" {
		t.Fatalf("undo log holds a refused action: %q", act.Name)
	}
}

func TestStoreStatusAndState(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "a.db"))
	a := testArticle("x.txt", storyText)
	if _, err := s.Do(ctx, Action{Name: "mark done", Article: a, Ops: []Op{{Kind: OpSetStatus, Article: a.ID, Status: model.StatusDone}}}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Statuses(ctx)
	if err != nil || st["x.txt"] != model.StatusDone {
		t.Fatalf("statuses %v %v", st, err)
	}
	if _, _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Statuses(ctx); st["x.txt"] != model.StatusNew {
		t.Fatalf("undo status: %v", st)
	}
	if err := s.SetState(ctx, "last", "x.txt"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.State(ctx, "last"); v != "x.txt" {
		t.Fatalf("state %q", v)
	}
}

func TestStoreRefusesNewerSchemaAndForeignFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	s := openTestStore(t, path)
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenSQLite(path, "x"); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("want ErrSchemaTooNew, got %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	content := []byte("this is not a database, but someone's notes")
	os.WriteFile(junk, content, 0o644)
	_, err := OpenSQLite(junk, "x")
	if err == nil || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Fatalf("want a clear refusal, got %v", err)
	}
	if got, _ := os.ReadFile(junk); string(got) != string(content) {
		t.Fatal("a foreign file was modified")
	}
}

func TestStoreTwoInstancesLoseNoWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	words := strings.Fields(strings.Repeat("alpha beta gamma delta ", 50))
	text := strings.Join(words, " ")
	a := testArticle("x.txt", text)
	s1, s2 := openTestStore(t, path), openTestStore(t, path)
	var wg sync.WaitGroup
	errs := make(chan error, len(words))
	pos := 0
	var spans []model.Span
	for _, w := range words {
		spans = append(spans, model.Span{Start: pos, End: pos + len(w), Label: "ORG", Text: w})
		pos += len(w) + 1
	}
	for k, st := range []*SQLite{s1, s2} {
		wg.Add(1)
		go func(k int, st *SQLite) {
			defer wg.Done()
			for i := k; i < len(spans); i += 2 {
				if _, err := st.Do(ctx, tag(a, spans[i])); err != nil {
					errs <- err
				}
			}
		}(k, st)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	doc, _, _ := s1.Doc(ctx, a.ID)
	if len(doc.Spans) != len(spans) {
		t.Fatalf("lost writes: %d of %d spans", len(doc.Spans), len(spans))
	}
	if err := s1.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestDefaultStorePath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	root := t.TempDir()
	if got := DefaultPath(&corpus.Corpus{Root: root}); got != filepath.Join(root, ".storydesk", "annotations.db") {
		t.Errorf("writable root: %s", got)
	}
	if got := DefaultPath(&corpus.Corpus{Sample: true}); !strings.HasPrefix(got, os.Getenv("XDG_DATA_HOME")) {
		t.Errorf("sample corpus store should be under XDG_DATA_HOME: %s", got)
	}
	if os.Geteuid() != 0 { // root can write anywhere
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if got := DefaultPath(&corpus.Corpus{Root: ro}); !strings.HasPrefix(got, os.Getenv("XDG_DATA_HOME")) {
			t.Errorf("read-only root should fall back to XDG: %s", got)
		}
	}
}

var _ = sql.ErrNoRows
