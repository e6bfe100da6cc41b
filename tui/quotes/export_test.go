package quotes

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/ui"
)

// Internals the black-box tests reach (this file is compiled only with
// them).

// NewOverlay is quotes mode's hook drawing fixed quotations (Status
// Suggested for a detection), with suggestions shown or not.
func NewOverlay(c *ui.Context, qs []Quotation, suggest bool) *Hook {
	f := New(Deps{Ctx: c})
	items := make([]item, len(qs))
	for i, q := range qs {
		items[i] = item{start: q.Start, end: q.End, text: q.Text}
		if q.Status == Suggested {
			items[i].det = &quote.Quote{}
		} else {
			items[i].ann = &model.QuoteAnn{Status: q.Status}
		}
	}
	f.setMarks(items, suggest)
	return f.Hook()
}

// DiffLines is how a carrier's wording is drawn.
func DiffLines(st ui.Styles, text string, mt quote.Match, w, n int) []string {
	return diffLines(st, text, mt, w, n)
}

// ScanCarriers runs the carriers search for text over items, without a
// store (no article annotated), and returns what it found.
func ScanCarriers(load func(i int) (*model.Article, error), items []int32, text string) (int, error) {
	s := &scan{quote: text, from: "none", ch: make(chan tea.Msg, 1)}
	err := scanCarriers(context.Background(), load, nil, items, nil, quote.NewMatcher(text), s)
	return len(s.found), err
}
