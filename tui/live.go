package tui

import (
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Live updates (issue 15): what other sessions write to the store reaches
// this screen within about a second; a write refused because the store
// changed under it re-reads the article; the bar says when another session
// of the same annotator is open (undo takes back only this one's actions).

// startLive listens to the store and lists this session as open.
func (m *Model) startLive() tea.Cmd {
	if m.sess == nil || !m.life.live {
		return nil
	}
	return tea.Batch(m.sess.Watch(), m.sess.Announce())
}

// updateLive takes the live-update messages.
func (m *Model) updateLive(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case session.RemoteMsg:
		if id := m.annotatingID(); id != "" && msg.Mine && (slices.Contains(msg.Articles, id) || slices.Contains(msg.Articles, store.AllArticles)) {
			m.bar.message = fmt.Sprintf("Another session of %s changed this article: shown as saved", model.SanitizeLine(msg.Who))
		}
		return m.sess.Remote(msg), true
	case session.ReloadedMsg:
		m.sess.Reloaded(msg)
		if msg.Err == nil && m.annotatingID() == msg.ID && !m.sess.Pending() {
			doc := msg.Doc
			if !msg.OK {
				doc = nil
			}
			m.annot.Refresh(doc)
		}
		return nil, true
	}
	return m.sess.UpdateLive(msg)
}

// reloadOnConflict re-reads the article a refused write rested on when the
// store had changed under it (another session's work), so the screen shows
// what is saved before the user tries again.
func (m *Model) reloadOnConflict(msg tea.Msg) tea.Cmd {
	w, ok := msg.(session.WrittenMsg)
	if !ok || m.sess == nil || w.Err == nil {
		return nil
	}
	if !errors.Is(w.Err, store.ErrConflict) && !errors.Is(w.Err, store.ErrOverlap) {
		return nil
	}
	if id := m.annotatingID(); id != "" {
		return m.sess.Reload(id)
	}
	return nil
}

// liveStatus says in the bar that another session of this annotator is open.
func (m *Model) liveStatus(info *widgets.StatusInfo) {
	if m.sess == nil || info.StoreNote != "" {
		return
	}
	if n := m.sess.Others(); n > 0 {
		s := "s"
		if n == 1 {
			s = ""
		}
		info.StoreNote = fmt.Sprintf("%d other session%s as %s (%s undoes this one's)", n, s, ui.CleanLine(m.sess.Annotator()), ui.KeyName(m.c.Keys.Undo))
	}
}
