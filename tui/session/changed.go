package session

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
)

// ScanChanged compares each annotated article's text on disk with its
// snapshot's hash (Hashes), in the background, and reports which differ in
// a ChangedMsg, so the list can mark them. row finds an article among the
// reader's items: its index (-1 when it is not there or cannot be read)
// and the hash the list took when it read the article ("" when it has
// not); an article with that hash is compared at once, the others are
// read by load, off the update loop. nil when there is nothing to compare.
func (s *Session) ScanChanged(row func(id string) (i int, hash string), load func(i int) (*model.Article, error)) tea.Cmd {
	type job struct {
		idx  int
		hash string
	}
	var jobs []job
	known := map[string]bool{} // compared already, with the hash the list took
	for id, h := range s.hashes {
		i, rh := row(id)
		if i < 0 {
			continue
		}
		if rh != "" {
			known[id] = rh != h
			continue
		}
		jobs = append(jobs, job{i, h})
	}
	if len(jobs) == 0 {
		if len(known) == 0 {
			return nil
		}
		return func() tea.Msg { return ChangedMsg{Changed: known} }
	}
	return func() tea.Msg {
		out := known
		for _, j := range jobs {
			a, err := load(j.idx)
			if err != nil || a == nil {
				continue
			}
			out[a.ID] = model.HashText(a.Text) != j.hash
		}
		return ChangedMsg{Changed: out}
	}
}
