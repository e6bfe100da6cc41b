package story_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
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

// landslide is the story of one event the fixtures tell four ways.
var landslide = []string{"landslide-changed.txt", "landslide-cut.txt", "landslide-rewrite.txt", "landslide-wire.txt"}
