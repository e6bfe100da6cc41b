package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/data/store"
	"storydesk/model"
)

// Helpers of the black-box tests (package store_test), which import the
// importer to fill stores as a user does.

var ctx = context.Background()

// spanOf builds a span over the first occurrence of word in text.
func spanOf(t *testing.T, text, word, label string) model.Span {
	t.Helper()
	return exSpan(t, text, word, label, 0)
}

// exSpan builds a span over occurrence nth (from 0) of word in text.
func exSpan(t testing.TB, text, word, label string, nth int) model.Span {
	t.Helper()
	b := 0
	for k := 0; ; k++ {
		i := strings.Index(text[b:], word)
		if i < 0 {
			t.Fatalf("%q (#%d) not in text", word, nth)
		}
		if k == nth {
			b += i
			break
		}
		b += i + len(word)
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

// exImport imports JSON lines into s in batches of batch lines.
func exImport(t *testing.T, s store.Store, input string, batch int) (importer.Stats, []corpus.Problem) {
	t.Helper()
	var probs []corpus.Problem
	st, err := importer.JSONL(ctx, s, strings.NewReader(input), importer.Options{Name: "in.jsonl", Batch: batch, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return st, probs
}

// faultText is article i's text: long enough that a few hundred articles
// fill many pages of every table.
func faultText(i int) string {
	return fmt.Sprintf("Story %d: ", i) + strings.Repeat("Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. ", 20)
}

const storyText = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. “Ça va,” said Zoë Ng 😀 in Kyōto."
