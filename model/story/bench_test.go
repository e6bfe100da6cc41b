package story_test

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/story"
)

// Analysing one story, with the entity recogniser:
//
//	go test ./model/story -run '^$' -bench Analyze -benchmem
//
// landslide-4 is the four landslide fixtures (~1,500 words); landslide-48
// the same twelve times over, each copy with its own casualty figure, as a
// story many outlets carried.
func BenchmarkAnalyze(b *testing.B) {
	base := make([]*model.Article, len(landslide))
	for i, n := range landslide {
		base[i] = fixture(b, n)
	}
	m := tagger(b)
	for _, times := range []int{1, 12} {
		var arts []*model.Article
		for k := range times {
			for _, a := range base {
				c := *a
				c.ID = fmt.Sprintf("%d-%s", k, a.ID)
				if k > 0 {
					c.Text = strings.Replace(c.Text, "at least 23", fmt.Sprintf("at least %d", 23+k), 1)
				}
				arts = append(arts, &c)
			}
		}
		b.Run(fmt.Sprintf("landslide-%d", len(arts)), func(b *testing.B) {
			for range b.N {
				story.Analyze("s", arts, story.AnalyzeOptions{NER: m})
			}
		})
	}
}
