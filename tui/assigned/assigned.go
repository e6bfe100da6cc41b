// Package assigned puts an annotator's assigned, unfinished articles at
// the top of the list (storydesk assign gives each article to k
// annotators, issue 15), and shows their progress on them in the status
// bar ("assigned 2/5 done"). Without assignments the list keeps the
// corpus's order and the bar says nothing.
package assigned

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Store lists the store's annotator's assigned articles with their status.
type Store interface {
	Assigned(ctx context.Context) (map[string]model.Status, error)
}

// Deps are what the feature needs from the root.
type Deps struct {
	Store Store
	// ItemID is the article id of list item i.
	ItemID func(i int) string
	// Status is an article's status as the session holds it now.
	StatusOf func(id string) (model.Status, bool)
	// Reorder shows the list again in Order's order.
	Reorder func()
	Host    ui.Host
}

// Feature keeps the assignments.
type Feature struct {
	Deps
	assigned map[string]bool
}

// New builds the feature.
func New(d Deps) *Feature { return &Feature{Deps: d} }

// loadedMsg carries the assignments read.
type loadedMsg struct {
	ids map[string]model.Status
	err error
}

// Init reads the assignments.
func (f *Feature) Init() tea.Cmd { return f.Load() }

// Load reads the assignments again (after the corpus is read, the rows
// it orders are all there).
func (f *Feature) Load() tea.Cmd {
	st := f.Store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		ids, err := st.Assigned(ctx)
		return loadedMsg{ids: ids, err: err}
	}
}

// Update takes the assignments read.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	m, ok := msg.(loadedMsg)
	if !ok {
		return nil
	}
	if m.err != nil {
		f.Host.Report(ui.Fail("Cannot read your assignments: "+m.err.Error(), m.err))
		return nil
	}
	f.assigned = map[string]bool{}
	for id := range m.ids {
		f.assigned[id] = true
	}
	f.Reorder()
	return nil
}

// unfinished: assigned and not done yet.
func (f *Feature) unfinished(id string) bool {
	if !f.assigned[id] {
		return false
	}
	st, _ := f.StatusOf(id)
	return st != model.StatusDone
}

// Order is the list's order: assigned, unfinished articles first, each
// part in the corpus's order; nil (keep it) without assignments.
func (f *Feature) Order(vis []int32) []int32 {
	if len(f.assigned) == 0 {
		return nil
	}
	out := make([]int32, 0, len(vis))
	for _, i := range vis {
		if f.unfinished(f.ItemID(int(i))) {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return nil
	}
	for _, i := range vis {
		if !f.unfinished(f.ItemID(int(i))) {
			out = append(out, i)
		}
	}
	return out
}

// Status adds the annotator's progress on their assignments.
func (f *Feature) Status(s *widgets.StatusInfo) {
	if len(f.assigned) == 0 {
		return
	}
	done := 0
	for id := range f.assigned {
		if st, _ := f.StatusOf(id); st == model.StatusDone {
			done++
		}
	}
	s.Assigned = fmt.Sprintf("assigned %d/%d done", done, len(f.assigned))
}
