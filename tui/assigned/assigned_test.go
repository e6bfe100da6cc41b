package assigned_test

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/assigned"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

type fakeStore map[string]model.Status

func (f fakeStore) Assigned(context.Context) (map[string]model.Status, error) { return f, nil }

type host struct{ ui.Host }

func (host) Report(ui.Status) {}

// The assigned, unfinished articles come first, each part in corpus
// order; done ones go with the rest; the bar counts done of assigned.
func TestOrderAndProgress(t *testing.T) {
	ids := []string{"a", "b", "c", "d"}
	status := map[string]model.Status{"c": model.StatusDone}
	reordered := 0
	f := assigned.New(assigned.Deps{
		Store:    fakeStore{"b": model.StatusNew, "c": model.StatusDone, "d": model.StatusInProgress},
		ItemID:   func(i int) string { return ids[i] },
		StatusOf: func(id string) (model.Status, bool) { s, ok := status[id]; return s, ok },
		Reorder:  func() { reordered++ },
		Host:     host{},
	})
	if got := f.Order([]int32{0, 1, 2, 3}); got != nil {
		t.Fatalf("before the assignments are read: %v", got)
	}
	var msg tea.Msg = f.Init()()
	f.Update(msg)
	if reordered != 1 {
		t.Fatal("the list was not reordered when the assignments arrived")
	}
	got := f.Order([]int32{0, 1, 2, 3})
	want := []int32{1, 3, 0, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	var info widgets.StatusInfo
	f.Status(&info)
	if info.Assigned != "assigned 1/3 done" {
		t.Errorf("bar: %q", info.Assigned)
	}
}
