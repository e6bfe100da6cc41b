package session

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
)

// CountUnreviewed counts a stored document's imported annotations not
// reviewed yet.
func CountUnreviewed(doc *store.Doc) int {
	if doc == nil {
		return 0
	}
	n := 0
	for _, sp := range doc.Spans {
		if sp.Source != "" {
			n++
		}
	}
	for _, q := range doc.Quotes {
		if q.Unreviewed() {
			n++
		}
	}
	return n
}

// reviewCountStore is the store side of the list's review counts.
type reviewCountStore interface {
	Unreviewed(ctx context.Context) (map[string]int, error)
}

// ReviewCountsMsg brings the per-article counts of imported annotations
// not reviewed yet.
type ReviewCountsMsg struct {
	Counts map[string]int
	Err    error
}

// LoadReviewCounts reads the per-article counts (nil when the store cannot
// count them).
func (s *Session) LoadReviewCounts() tea.Cmd {
	rs, ok := s.st.(reviewCountStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		counts, err := rs.Unreviewed(ctx)
		return ReviewCountsMsg{Counts: counts, Err: err}
	}
}

// setUnreviewed keeps the count of article id from its re-read document.
func (s *Session) setUnreviewed(id string, doc *store.Doc) {
	s.SetUnreviewedN(id, CountUnreviewed(doc))
}

func (s *Session) SetUnreviewedN(id string, n int) {
	if n == s.unreviewed[id] {
		return
	}
	if n > 0 {
		s.unreviewed[id] = n
	} else {
		delete(s.unreviewed, id)
	}
	s.reviewDirty = true
}

// ReviewWidth is the list's review badge width: "↓" and the largest
// count's digits, 0 when no article has anything to review (a corpus
// without imports keeps its columns). Worked out again only after a
// count changed, not for every row.
func (s *Session) ReviewWidth() int {
	if s.reviewDirty {
		most := 0
		for _, n := range s.unreviewed {
			most = max(most, n)
		}
		s.reviewW, s.reviewDirty = 0, false
		if most > 0 {
			s.reviewW = 1 + len(fmt.Sprint(min(most, 999)))
		}
	}
	return s.reviewW
}

// Unreviewed is article id's count of imported annotations not reviewed yet.
func (s *Session) Unreviewed(id string) int { return s.unreviewed[id] }
