package tui

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// The server gone mid-session (session/retry.go): the write that could not
// be saved is kept and tried again; the bar says so, naming the server
// (never its password) and the action, until it is saved.

// stalled takes a write that failed because the server could not be
// reached: kept for a retry, said in the bar. ok is false for any other
// failure.
func (m *Model) stalled(msg session.WrittenMsg) (tea.Cmd, bool) {
	cmd, ok := m.sess.Stall(msg)
	if !ok {
		return nil, false
	}
	m.fail("Cannot reach "+m.sess.Store().Path()+": “"+ui.Clip(msg.Job.Act.Name, 40)+"” is not saved yet — kept, and saved once the server answers ("+msg.Err.Error()+")", msg.Err)
	return cmd, true
}

// unsavedStatus is the standing word while a write waits for the server.
func (m *Model) unsavedStatus(info *widgets.StatusInfo) {
	if m.sess == nil {
		return
	}
	if j, _ := m.sess.Unsaved(); j != nil {
		info.StoreNote = "UNSAVED: " + ui.Clip(j.Act.Name, 30) + " (server unreachable, retrying)"
	}
}

// quitUnsaved: quitting while a write waits for the server would wait for
// ever. The first q says what would be lost and keeps trying (saved, the
// reader then quits by itself); a second q quits without it.
func (m *Model) quitUnsaved() (tea.Cmd, bool) {
	j, _ := m.sess.Unsaved()
	if j == nil {
		return nil, false
	}
	if m.life.quitting {
		return tea.Quit, true
	}
	m.life.quitting = true
	m.bar.message = "“" + ui.Clip(j.Act.Name, 40) + "” is not saved: the server cannot be reached. Waiting for it — " +
		ui.KeyName(m.c.Keys.Quit) + " again quits without it"
	return nil, true
}

// showUnsaved draws the waiting action's spans in annotate mode's text as
// unsaved (or none, once it is saved).
func (m *Model) showUnsaved() {
	if m.annot == nil || m.sess == nil {
		return
	}
	m.annot.Pane().SetUnsaved(m.sess.UnsavedSpans(m.annot.Pane().ID()))
}
