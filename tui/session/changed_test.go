package session_test

import (
	"errors"
	"maps"
	"testing"

	"storydesk/model"
	"storydesk/tui/session"
)

// TestScanChanged: an article the list hashed already is compared at once,
// one it has not is read and hashed, one not among the items or that
// cannot be read is left out; no snapshots, nothing to do.
func TestScanChanged(t *testing.T) {
	s := session.New(nil, "tester")
	if s.ScanChanged(func(string) (int, string) { return 0, "" }, nil) != nil {
		t.Fatal("a scan with no snapshots")
	}
	same, edited := "The mayor spoke.", "The mayor spoke on Monday."
	s.SetHashes(map[string]string{
		"listed-same.txt": model.HashText(same), "listed-edited.txt": model.HashText(same),
		"read-same.txt": model.HashText(same), "read-edited.txt": model.HashText(same),
		"gone.txt": model.HashText(same), "broken.txt": model.HashText(same),
	})
	rows := map[string]struct {
		i    int
		hash string
	}{
		"listed-same.txt": {0, model.HashText(same)}, "listed-edited.txt": {1, model.HashText(edited)},
		"read-same.txt": {2, ""}, "read-edited.txt": {3, ""}, "gone.txt": {-1, ""}, "broken.txt": {4, ""},
	}
	texts := map[int]*model.Article{2: {ID: "read-same.txt", Text: same}, 3: {ID: "read-edited.txt", Text: edited}}
	var loaded []int
	cmd := s.ScanChanged(func(id string) (int, string) {
		r, ok := rows[id]
		if !ok {
			t.Fatalf("asked for %q", id)
		}
		return r.i, r.hash
	}, func(i int) (*model.Article, error) {
		loaded = append(loaded, i)
		if a := texts[i]; a != nil {
			return a, nil
		}
		return nil, errors.New("unreadable")
	})
	if cmd == nil {
		t.Fatal("no scan")
	}
	got := cmd().(session.ChangedMsg).Changed
	want := map[string]bool{"listed-same.txt": false, "listed-edited.txt": true, "read-same.txt": false, "read-edited.txt": true}
	if !maps.Equal(got, want) {
		t.Fatalf("changed %v, want %v", got, want)
	}
	if len(loaded) != 3 {
		t.Errorf("read items %v, want 2, 3 and 4 only", loaded)
	}
}
