package export

import (
	"fmt"
	"path/filepath"
	"testing"

	"storydesk/data/store"
	"storydesk/model"
)

// TestExportProgress: Progress is called every ProgressEvery articles, in
// increasing order, and once at the end with the total, so a bar reaches
// 100% even when the count is not a multiple.
func TestExportProgress(t *testing.T) {
	s, err := store.OpenSQLite(filepath.Join(t.TempDir(), "p.db"), "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	n := 2*ProgressEvery + 3
	for i := range n {
		a := &model.Article{ID: fmt.Sprintf("a%04d.txt", i), Title: "T", Text: "Some text here."}
		exDo(t, s, store.Action{Name: "status", Article: a, Ops: []store.Op{{Kind: store.OpSetStatus, Article: a.ID, Status: model.StatusDone}}})
	}
	var calls []int
	st, _ := exExport(t, s, Options{Format: FormatJSONL, Progress: func(done int) { calls = append(calls, done) }})
	want := []int{ProgressEvery, 2 * ProgressEvery, n}
	if st.Articles != n || fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Fatalf("exported %d, progress calls %v, want %v", st.Articles, calls, want)
	}
}
