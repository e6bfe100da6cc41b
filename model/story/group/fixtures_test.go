package group_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/story/group"
)

// The fixtures are the parent package's (see its fixtures_test.go).

// fixture reads one fixture article.
func fixture(t testing.TB, name string) *model.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n\n")
	a := &model.Article{ID: name, Path: "fixtures/" + name, Text: strings.TrimSpace(body)}
	for _, line := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "outlet":
			a.Source = v
		case "byline":
			a.Byline = v
		case "date":
			a.Date = v
		case "title":
			a.Title = v
		}
	}
	a.Words = model.WordCount(a.Text)
	return a
}

// fixtures reads every fixture, in name order.
func fixtures(t testing.TB) []*model.Article {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "testdata", "fixtures", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*model.Article
	for _, n := range names {
		out = append(out, fixture(t, filepath.Base(n)))
	}
	return out
}

// pairsOf finds the duplicate pairs among articles, as the app does.
func pairsOf(t testing.TB, arts []*model.Article) []dup.Pair {
	t.Helper()
	docs := make([]dup.Doc, len(arts))
	for i, a := range arts {
		docs[i] = dup.Doc{ID: a.ID, Text: a.Text}
	}
	pairs, err := dup.Find(context.Background(), docs, dup.Options{Workers: 1}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

// groupArticles groups articles the way the command line does.
func groupArticles(t testing.TB, arts []*model.Article, ov group.Overrides, opts group.Options) group.Grouping {
	t.Helper()
	items := make([]group.Item, len(arts))
	for i, a := range arts {
		items[i] = group.ItemOf(a)
	}
	return group.Stories(items, pairsOf(t, arts), ov, opts)
}

// storiesOf lists the grouping's stories of two or more articles as
// sorted member lists, sorted.
func storiesOf(g group.Grouping) [][]string {
	var out [][]string
	for _, c := range g.Clusters {
		if len(c.Members) > 1 {
			out = append(out, c.Members)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}
