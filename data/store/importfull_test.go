package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/data/store"
)

// An import into a store that fills up stops with the store's own words
// ("disk full", the file) and the count of what was committed before, not
// with SQLite's "no such savepoint" or a bad line per record.
func TestImportIntoFullStoreSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	s := openTestStore(t, path)
	store.DB(s).SetMaxOpenConns(1) // the limit is per connection
	var pages int
	if err := store.DB(s).QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := store.DB(s).Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+30)); err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := range 400 {
		text := faultText(i) + strings.Repeat(" More words for the page.", 100)
		fmt.Fprintf(&in, "{\"id\":\"imp%03d\",\"text\":%q,\"spans\":[]}\n", i, text)
	}
	var probs []corpus.Problem
	st, err := importer.JSONL(ctx, s, strings.NewReader(in.String()), importer.Options{Name: "big.jsonl", Batch: 5, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err == nil {
		t.Fatalf("the import never filled the store: %+v", st)
	}
	if !errors.Is(err, store.ErrFull) || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), path) {
		t.Fatalf("import into a full store: %v", err)
	}
	if len(probs) != 0 {
		t.Fatalf("the store's fault was reported as bad lines: %v", probs)
	}
	if st.Committed == 0 || st.Committed%5 != 0 {
		t.Fatalf("%d committed before the store filled, want whole batches", st.Committed)
	}
}
