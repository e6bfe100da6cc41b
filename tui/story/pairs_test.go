package story_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/tui/story"
)

type docSource []gencorpus.Doc

func (s docSource) Load(i int) (*model.Article, error) {
	if i < 0 || i >= len(s) {
		return nil, fmt.Errorf("no item %d", i)
	}
	return &model.Article{ID: s[i].ID, Text: s[i].Text, Raw: s[i].Text}, nil
}

// Without a store the grouping read signs the articles itself, keeping
// only their sketches and reading the candidates' texts again to score
// them: the pairs are the ones whole signatures give.
func TestReadPairsMatchWholeSignatures(t *testing.T) {
	cc := gencorpus.ZipfCopies(600, 18)
	docs := docSource(cc.Docs)
	got, err := story.ReadPairs(docs, len(docs), 2)
	if err != nil {
		t.Fatal(err)
	}
	idx := dup.NewIndex(dup.Options{Workers: 2})
	for _, d := range docs {
		idx.Add(d.ID, dup.Sign(d.Text))
	}
	want, err := idx.Pairs(context.Background(), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	key := func(ps []dup.Pair) []string {
		var out []string
		for _, p := range ps {
			out = append(out, fmt.Sprintf("%s|%s|%.4f|%.4f|%s", p.A, p.B, p.Jaccard, p.AinB, p.Kind))
		}
		slices.Sort(out)
		return out
	}
	if len(want) < len(cc.Copies)/2 {
		t.Fatalf("whole signatures found only %d pairs of %d planted copies", len(want), len(cc.Copies))
	}
	if g, w := key(got), key(want); !slices.Equal(g, w) {
		t.Fatalf("sketch read found %d pairs, whole signatures %d", len(g), len(w))
	}
}
