package tui

import (
	"errors"
	"time"

	"storydesk/data/store"
	"storydesk/tui/widgets"
)

// The root's side of the session's messages: errors, store notices and
// messages the bar had to cut are kept whole in a widgets.MsgLog, which
// the problems screen (!) shows above the inputs that could not be read. A
// cut message ends with "(! for details)".

// statusBar is the root's own part of the status bar: the message on
// show (features report through Host.Report), the session's log behind
// the problems screen, and the store's standing note (storenote.go).
type statusBar struct {
	message        string
	lastFail       string           // the last error shown (fail)
	log            widgets.MsgLog   // every error and cut message, kept whole
	now            func() time.Time // the log's clock (tests fix it)
	storeNote      string           // standing word in the bar: "read-only store", "damaged store"
	storeNotice    string           // the sentence that announces it
	storeAnnounced bool             // storeNotice has been shown (a refused save may have set the note first)
}

// fail shows an error in the status bar and keeps it whole in the log. A
// damaged store said so by err turns the store's standing note on.
func (m *Model) fail(text string, err error) {
	m.bar.message, m.bar.lastFail = text, text
	m.logMessage(text, true)
	var se *store.Error
	if errors.As(err, &se) && se.Fault == store.FaultDamaged {
		m.storeTrouble(se, false)
	}
}

// logMessage keeps a message (reported now: repeats are counted).
func (m *Model) logMessage(text string, isErr bool) {
	if m.bar.log.Add(text, isErr, true, m.clock()) {
		m.logChanged()
	}
}

// logCut keeps a message the status bar had to cut, once per showing.
func (m *Model) logCut(text string) {
	if m.bar.log.Add(text, false, false, m.clock()) {
		m.logChanged()
	}
}

func (m *Model) logChanged() {
	m.refreshInfo(true)
}

func (m *Model) clock() time.Time {
	if m.bar.now != nil {
		return m.bar.now()
	}
	return time.Now()
}
