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
