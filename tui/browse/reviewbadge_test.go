package browse_test

import (
	"testing"

	"storydesk/tui/browse"
	"storydesk/tui/ui"
)

// TestReviewBadge: the count after the mark, padded to the column's width,
// capped at 999; blank when there is nothing to review.
func TestReviewBadge(t *testing.T) {
	st := ui.NewStyles(true, true)
	for _, c := range []struct {
		n, w int
		want string
	}{
		{5, 4, "↓5  "},
		{0, 4, "    "},
		{-1, 3, "   "},
		{12345, 4, "↓999"},
		{7, 0, ""},
	} {
		if b := sgrRE.ReplaceAllString(browse.ReviewBadge(st, c.n, c.w), ""); b != c.want {
			t.Errorf("ReviewBadge(%d, %d) = %q, want %q", c.n, c.w, b, c.want)
		}
	}
}
