package session

import (
	"time"

	"storydesk/data/store"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
)

// Store is the annotation store the session writes to.
func (s *Session) Store() store.Store { return s.st }

// Annotator is whose undo history and saved position the session uses.
func (s *Session) Annotator() string { return s.annotator }

// SetSaveDelay sets how long after an article change its state is saved.
func (s *Session) SetSaveDelay(d time.Duration) { s.saveDelay = d }

// Status is article id's status as last read (StatusNew when unknown).
func (s *Session) Status(id string) (model.Status, bool) {
	st, ok := s.statuses[id]
	return st, ok
}

// SetStatuses records statuses read from the store.
func (s *Session) SetStatuses(m map[string]model.Status) {
	for id, st := range m {
		s.statuses[id] = st
	}
}

// Hashes are the annotated articles' snapshot hashes (nil until read).
func (s *Session) Hashes() map[string]string { return s.hashes }

// SetHashes records snapshot hashes read from the store.
func (s *Session) SetHashes(m map[string]string) {
	for id, h := range m {
		s.hashes = setHash(s.hashes, id, h)
	}
}

// Changed reports that article id's text on disk differs from its snapshot.
func (s *Session) Changed(id string) bool { return s.changed[id] }

// SetChanged records whether article id's text on disk differs from its snapshot.
func (s *Session) SetChanged(id string, changed bool) {
	if changed {
		s.changed[id] = true
	} else {
		delete(s.changed, id)
	}
}

// Known reports that the store has been asked for article id's annotations.
func (s *Session) Known(id string) bool {
	_, ok := s.docs[id]
	return ok
}

// SetCurrent names the article on screen: its entry is never evicted.
func (s *Session) SetCurrent(id string) { s.current = id }

// NoWrites is why the store takes no writes (read-only, damaged), or nil.
func (s *Session) NoWrites() error { return s.noWrites }

// StopWrites records that the store takes no more writes, and why.
func (s *Session) StopWrites(err error) { s.noWrites = err }

// SaveDue is called when the save tick fires: it reports whether the
// reader's state needs saving now (it was changed since the last save).
func (s *Session) SaveDue(restored bool) bool {
	s.ticking = false
	if !s.lastDirty || !restored {
		return false
	}
	s.lastDirty = false
	return true
}

// TakeDocErr returns the error reading article id's annotations met, and
// forgets it so the next request asks the store again.
func (s *Session) TakeDocErr(id string) error {
	e := s.docs[id]
	if e == nil || e.err == nil {
		return nil
	}
	err := e.err
	e.loaded, e.loading, e.err = false, false, nil
	return err
}

// SetPos remembers the annotate cursor for article id (when its entry is
// cached).
func (s *Session) SetPos(id string, pos int) {
	if e := s.docs[id]; e != nil {
		e.Pos = pos
	}
}

// SaveAndQuit writes the reader's state, best effort, then quits.
func (s *Session) SaveAndQuit(u UIState, id string, pos int) tea.Cmd {
	st, lk, pk := s.st, s.lastKey(), s.posKey(id)
	return func() tea.Msg {
		writeState(st, lk, pk, u, id, pos) // best effort: nothing to show it on
		return tea.QuitMsg{}
	}
}
