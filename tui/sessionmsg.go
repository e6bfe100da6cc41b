package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/data/store/snapshots"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// The root's side of the annotation store: the session's messages, whose
// bookkeeping is done here, in one place, before the features see them by
// broadcast; the reader's place across runs; quitting after the writes in
// flight; the list's status and review badges.

// quit saves the reading position and quits, after any write in flight.
func (m *Model) quit() tea.Cmd {
	m.br.Stop()
	if m.sess == nil {
		return tea.Quit
	}
	if cmd, ok := m.quitUnsaved(); ok {
		return cmd
	}
	m.life.quitting = true
	if m.sess.Pending() {
		m.bar.message = "Saving… then quitting"
		return nil
	}
	u, id, pos := m.currentState()
	if !m.life.restored {
		u = session.UIState{} // quit before the last state was even read: keep it
	}
	if m.sess.NoWrites() != nil {
		return tea.Quit
	}
	return m.sess.SaveAndQuit(u, id, pos)
}

// currentState is what to remember: the article, the view and the place in it.
func (m *Model) currentState() (session.UIState, string, int) {
	a, idx, _ := m.br.Article()
	if a == nil || idx < 0 {
		return session.UIState{}, "", -1
	}
	u := session.UIState{Article: a.ID, Mode: "list"}
	pos := -1
	switch {
	case m.annotating():
		u.Mode = "annotate"
		pos = m.pane().CursorOffset()
		u.Offset = pos
	case m.br.Focus() == browse.FocusArticle && m.br.Raw():
		u.Mode = "raw"
	case m.br.Focus() == browse.FocusArticle:
		u.Mode = "read"
	}
	if at, ok := m.br.ReadingAt(); ok {
		u.Scroll = at
	}
	return u, a.ID, pos
}

// badge is the list's status column for item i.
func (m *Model) badge(i int) (model.Status, bool) {
	id := m.br.Item(i).ID
	st, _ := m.sess.Status(id)
	return st, m.sess.Changed(id) || m.br.Gone(i)
}

// reviewBadgeOf is item i's review badge for the list, and the width every
// badge has (see session.ReviewWidth).
func (m *Model) reviewBadgeOf(i int) (string, int) {
	w := m.sess.ReviewWidth()
	if w == 0 {
		return "", 0
	}
	return browse.ReviewBadge(m.c.Styles, m.sess.Unreviewed(m.br.Item(i).ID), w), w
}

// articleShown runs when the detail pane's article may have changed or
// finished loading: ask the store about it, and enter annotate mode if that
// was wanted.
func (m *Model) articleShown() tea.Cmd {
	if m.sess == nil {
		return nil
	}
	a, idx, _ := m.br.Article()
	if a == nil || idx < 0 {
		return nil
	}
	m.sess.SetCurrent(a.ID)
	cmd := m.sess.RequestDoc(a.ID)
	m.sess.CheckChanged(a)
	return tea.Batch(cmd, m.annot.MaybeEnter())
}

// noteArticleChange schedules saving which article is open.
func (m *Model) noteArticleChange() tea.Cmd {
	// Before the last run's state is read, saving would overwrite it.
	if m.sess == nil || m.br.Selected() < 0 || !m.life.restored {
		return nil
	}
	return m.sess.ArmSave()
}

// currentArticle is the loaded article the keys act on, with its store
// entry; it explains in the status bar when either is not there yet.
func (m *Model) currentArticle() (*model.Article, *session.DocEntry, tea.Cmd) {
	a, idx, _ := m.br.Article()
	if a == nil || idx < 0 || m.br.Selected() != idx {
		m.bar.message = "No article loaded yet"
		return nil, nil, nil
	}
	e := m.sess.Doc(a.ID)
	if e == nil {
		m.bar.message = "Loading annotations…"
		return nil, nil, m.sess.RequestDoc(a.ID)
	}
	return a, e, nil
}

// updateSession does the session's bookkeeping for its messages, before
// the features see them by broadcast (annotate shows a document or a write
// there).
func (m *Model) updateSession(msg tea.Msg) (tea.Cmd, bool) {
	if m.sess == nil {
		return nil, false
	}
	if cmd, ok := m.updateLive(msg); ok {
		return cmd, true
	}
	switch msg := msg.(type) {
	case session.DocMsg:
		m.sess.DocLoaded(msg)
		if a := m.shownArticle(); a != nil && a.ID == msg.ID {
			m.sess.CheckChanged(a)
		}
		return nil, true
	case session.ReviewCountsMsg:
		if msg.Err != nil {
			m.fail("Cannot count the imported annotations to review: "+msg.Err.Error(), msg.Err)
			return nil, true
		}
		for id, n := range msg.Counts {
			if !m.sess.Known(id) {
				m.sess.SetUnreviewedN(id, n)
			}
		}
		return nil, true
	case session.StatusesMsg:
		if msg.Err != nil {
			m.fail("Cannot read annotation statuses: "+msg.Err.Error(), msg.Err)
			return nil, true
		}
		m.sess.SetStatuses(msg.Statuses)
		m.sess.SetHashes(msg.Hashes)
		return m.scanChanged(), true
	case session.ChangedMsg:
		for id, c := range msg.Changed {
			m.sess.SetChanged(id, c)
		}
		return nil, true
	case session.RestoreMsg:
		return m.applyRestore(msg), true
	case session.WrittenMsg:
		return m.written(msg), true
	case session.RetryMsg:
		return m.sess.Retry(), true
	case session.StateSavedMsg:
		if msg.Err != nil {
			m.fail("Could not save the reading position: "+msg.Err.Error(), msg.Err)
		}
		return nil, true
	case session.SaveTickMsg:
		if !m.sess.SaveDue(m.life.restored) {
			return nil, true
		}
		u, id, pos := m.currentState()
		return m.sess.SaveState(u, id, pos), true
	}
	return nil, false
}

// written records a finished write and says what it did; the features
// show it (by broadcast) before the next write is built (nextWrite).
func (m *Model) written(msg session.WrittenMsg) tea.Cmd {
	waited, _ := m.sess.Unsaved()
	m.sess.Written(msg)
	j := msg.Job
	defer m.showUnsaved()
	if cmd, ok := m.stalled(msg); ok {
		return cmd
	}
	switch {
	case msg.Err != nil && j.Kind == session.Undo:
		m.fail(session.DescribeErr("Undo failed", msg.Err), msg.Err)
	case msg.Err != nil && j.Kind == session.Redo:
		m.fail(session.DescribeErr("Redo failed", msg.Err), msg.Err)
	case msg.Err != nil:
		m.fail(session.DescribeErr("Not saved", msg.Err), msg.Err)
	case !msg.OK && j.Kind == session.Undo:
		m.bar.message = "Nothing to undo"
	case !msg.OK && j.Kind == session.Redo:
		m.bar.message = "Nothing to redo"
	case j.Kind == session.Undo:
		m.bar.message = "Undid: " + msg.Act.Name + m.elsewhere(msg.Act)
	case j.Kind == session.Redo:
		m.bar.message = "Redid: " + msg.Act.Name + m.elsewhere(msg.Act)
	case waited == j:
		m.bar.message = "Saved once the server answered: " + j.Done
	default:
		m.bar.message = j.Done
	}
	if a := m.shownArticle(); a != nil {
		m.sess.CheckChanged(a)
	}
	return nil
}

// nextWrite starts the next queued write once every feature has seen the
// last one (a queued write is built against what they hold), or quits if
// that was the last one before quitting.
func (m *Model) nextWrite() tea.Cmd {
	if m.sess == nil {
		return nil
	}
	cmd := m.sess.Next()
	if m.life.quitting && !m.sess.Pending() {
		return m.quit()
	}
	return cmd
}

// elsewhere names the article an undone action touched when it is not the
// one on screen.
func (m *Model) elsewhere(act store.Action) string {
	if len(act.Ops) == 0 {
		return ""
	}
	id := act.Ops[0].Article
	if a := m.shownArticle(); a != nil && a.ID == id {
		return ""
	}
	return " (in " + ui.Clip(id, 40) + ")"
}

// applyRestore returns to the article (and view, and place) of the last run,
// unless the user has already started moving.
func (m *Model) applyRestore(msg session.RestoreMsg) tea.Cmd {
	m.life.restored = true
	if msg.Err != nil {
		m.fail("Could not read the last position: "+msg.Err.Error(), msg.Err)
		return nil
	}
	u := msg.State
	if u.Article == "" || m.life.touched {
		return nil
	}
	idx := m.itemIndex(u.Article)
	if idx < 0 || !m.br.Select(idx) {
		return nil
	}
	switch u.Mode {
	case "read", "raw", "annotate":
		m.br.SetFocus(browse.FocusArticle)
	}
	cmd := m.br.RestoreView(idx, u.Mode == "raw", u.Scroll)
	if u.Mode == "annotate" {
		m.annot.Restore(idx, u.Article, u.Offset)
		return tea.Batch(cmd, m.annot.MaybeEnter())
	}
	return cmd
}

// scanChanged compares, once the corpus is read and the store's hashes are
// known, each annotated article's text on disk with its snapshot, so the
// list can mark the changed ones. It runs in the background.
func (m *Model) scanChanged() tea.Cmd {
	if m.sess == nil || m.life.changedDone || m.br.Loading() || m.sess.Hashes() == nil {
		return nil
	}
	m.life.changedDone = true
	if _, ok := m.br.Source().(*snapshots.Corpus); ok {
		// The store's snapshots are the corpus: nothing on disk to differ
		// from, and reading every annotated one would be wasted work.
		return nil
	}
	return m.sess.ScanChanged(func(id string) (int, string) {
		i := m.itemIndex(id)
		if i < 0 || m.br.Row(i).Dead {
			return -1, ""
		}
		if r := m.br.Row(i); r.ID == id {
			return i, r.Hash
		}
		return i, ""
	}, m.br.Source().Load)
}
