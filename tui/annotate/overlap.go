package annotate

import (
	"sort"

	"storydesk/model"
)

// overlapping is the span of spans (by position, never overlapping one
// another, as the store keeps them) that overlaps [start, end): a binary
// search, where model.FindOverlap walks every span (a tag on an article
// with thousands of them).
func overlapping(spans []model.Span, start, end int) (model.Span, bool) {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > start })
	if i < len(spans) && spans[i].Start < end {
		return spans[i], true
	}
	return model.Span{}, false
}
