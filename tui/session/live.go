package session

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
)

// Live updates (issue 15): other sessions' changes to the store, heard
// through the store's Watcher, re-read into the cache so the screen shows
// them; and how many other sessions of this annotator are open.

// Messages of live updates.
type (
	// RemoteMsg: other sessions changed these articles (store.AllArticles:
	// anything may have changed). Mine says whether any change was in this
	// annotator's own layer (another session of theirs).
	RemoteMsg struct {
		Articles []string
		Mine     bool
		Who      string // an annotator who changed something, for the message
	}
	// ReloadedMsg is an article re-read after another session changed it.
	ReloadedMsg struct {
		ID  string
		Doc *store.Doc
		OK  bool
		Err error
	}
	// OthersMsg counts the other open sessions of this annotator.
	OthersMsg struct{ N int }
	// othersTickMsg asks for the count again.
	othersTickMsg struct{}
)

// othersEvery is how often the other sessions are counted.
var othersEvery = 5 * time.Second

// Watch starts listening to the store (once) and returns the command that
// waits for the next change; nil when the store cannot tell.
func (s *Session) Watch() tea.Cmd {
	if s.remote == nil {
		w, ok := s.st.(store.Watcher)
		if !ok {
			return nil
		}
		ch, err := w.Watch(context.Background())
		if err != nil {
			return nil
		}
		s.remote = ch
	}
	ch, who := s.remote, s.annotator
	return func() tea.Msg {
		cs, ok := <-ch
		if !ok {
			return nil
		}
		// Gather what else has arrived: one refresh for a burst.
		for more := true; more; {
			select {
			case next, open := <-ch:
				cs = append(cs, next...)
				more = open
			default:
				more = false
			}
		}
		msg := RemoteMsg{}
		seen := map[string]bool{}
		for _, c := range cs {
			if !seen[c.Article] {
				seen[c.Article] = true
				msg.Articles = append(msg.Articles, c.Article)
			}
			if c.Annotator == who {
				msg.Mine = true
			}
			if msg.Who == "" || c.Annotator == who {
				msg.Who = c.Annotator
			}
		}
		return msg
	}
}

// Remote re-reads the cached articles another session changed in this
// annotator's layer; the list's statuses are read again too.
func (s *Session) Remote(msg RemoteMsg) tea.Cmd {
	cmds := []tea.Cmd{s.Watch()}
	if !msg.Mine {
		return tea.Batch(cmds...) // other layers: nothing of ours changed
	}
	all := false
	for _, id := range msg.Articles {
		all = all || id == store.AllArticles
	}
	for id, e := range s.docs {
		if !e.loaded {
			continue
		}
		if all || contains(msg.Articles, id) {
			cmds = append(cmds, s.reload(id))
		}
	}
	return tea.Batch(append(cmds, s.LoadStatuses())...)
}

// Reload re-reads one article (after a write was refused because the store
// had changed under it).
func (s *Session) Reload(id string) tea.Cmd {
	if id == "" || s.docs[id] == nil {
		return nil
	}
	return s.reload(id)
}

func (s *Session) reload(id string) tea.Cmd {
	st := s.st
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		doc, ok, err := st.Doc(ctx, id)
		return ReloadedMsg{ID: id, Doc: doc, OK: ok, Err: err}
	}
}

// Reloaded puts a re-read article into the cache.
func (s *Session) Reloaded(msg ReloadedMsg) {
	if msg.Err != nil {
		return
	}
	busy := s.busy // Written ends a write; this is not one
	s.Written(WrittenMsg{Docs: map[string]*store.Doc{msg.ID: docOrNil(msg.Doc, msg.OK)}, OK: true})
	s.busy = busy
}

func docOrNil(d *store.Doc, ok bool) *store.Doc {
	if !ok {
		return nil
	}
	return d
}

// Announce lists this session as open in the store and starts counting
// the annotator's other sessions.
func (s *Session) Announce() tea.Cmd {
	ss, ok := s.st.(store.SessionStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		ss.Announce(ctx)
		n, _ := ss.OtherSessions(ctx)
		return OthersMsg{N: n}
	}
}

// Others is the last count of this annotator's other open sessions.
func (s *Session) Others() int { return s.others }

// Counted records a count and schedules the next.
func (s *Session) Counted(msg OthersMsg) tea.Cmd {
	s.others = msg.N
	return tea.Tick(othersEvery, func(time.Time) tea.Msg { return othersTickMsg{} })
}

// countOthers asks the store again.
func (s *Session) countOthers() tea.Cmd {
	ss, ok := s.st.(store.SessionStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := Ctx()
		defer cancel()
		n, err := ss.OtherSessions(ctx)
		if err != nil {
			n = 0
		}
		return OthersMsg{N: n}
	}
}

// UpdateLive takes the live-update messages the session owns.
func (s *Session) UpdateLive(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case othersTickMsg:
		return s.countOthers(), true
	case OthersMsg:
		return s.Counted(msg), true
	}
	return nil, false
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
