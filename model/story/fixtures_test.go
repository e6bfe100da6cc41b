package story_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/story"
)

// The fixtures are invented news stories (testdata/fixtures), each file a
// few "key: value" header lines (outlet, byline, date, title), a blank
// line and the cleaned text:
//
//   - landslide-*: one event told four ways: a wire story (wire), a copy
//     cut after four paragraphs with no date (cut), a full copy with a
//     casualty figure, an age and an aid figure changed (changed), and
//     another outlet's own write-up a day later (rewrite) that carries
//     the key quotation, rewords another, adds a passage of its own, gives
//     the governor another title, spells the geologist's name with an
//     accent and counts the rescuers differently;
//   - korva-*: a mudslide the day before in another country with the same
//     death toll, and a cut copy of it: the same kind of event, not the
//     same story;
//   - tollen-flood-*: two outlets on a flood in the same valley seven
//     months earlier, quoting the same governor and geologist.

// fixture reads one fixture article.
func fixture(t testing.TB, name string) *model.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
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
	names, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.txt"))
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
func groupArticles(t testing.TB, arts []*model.Article, ov story.Overrides, opts story.Options) story.Grouping {
	t.Helper()
	items := make([]story.Item, len(arts))
	for i, a := range arts {
		items[i] = story.ItemOf(a)
	}
	return story.Group(items, pairsOf(t, arts), ov, opts)
}

// storiesOf lists the grouping's stories of two or more articles as
// sorted member lists, sorted.
func storiesOf(g story.Grouping) [][]string {
	var out [][]string
	for _, c := range g.Clusters {
		if len(c.Members) > 1 {
			out = append(out, c.Members)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}
