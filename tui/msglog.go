package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"storydesk/data/store"
	"storydesk/tui/ui"
)

// The session's messages, kept whole. The status bar has one line: at 80
// columns a store error ("read-only: annotation store PATH cannot be
// written …; fix the permissions or …") keeps its reason but loses the path
// and the advice. So every error, every notice about the store, and every
// message the bar had to cut is kept here with its time, and the problems
// screen (!) shows them, newest first, above the inputs that could not be
// read. A cut message ends with "(! for details)".

// msgLogMax bounds the log: a session refusing every key would otherwise
// grow it without end.
const msgLogMax = 200

// logEntry is one message as it was shown.
type logEntry struct {
	at   time.Time
	text string
	n    int // times in a row it was reported
	err  bool
}

// statusBar is the root's own part of the status bar: the message on
// show (features report through Host.Report), the session's log behind
// the problems screen, and the store's standing note (storenote.go).
type statusBar struct {
	message        string
	lastFail       string           // the last error shown (fail)
	log            msgLog           // every error and cut message, kept whole
	now            func() time.Time // the log's clock (tests fix it)
	storeNote      string           // standing word in the bar: "read-only store", "damaged store"
	storeNotice    string           // the sentence that announces it
	storeAnnounced bool             // storeNotice has been shown (a refused save may have set the note first)
}

type msgLog struct {
	entries []logEntry
}

// add keeps text (sanitised). The same text again, right after itself, is
// counted rather than repeated when it was reported again (count), and
// ignored when it is the message still on screen (a redraw) or the start
// of the entry just kept (the same message kept with its details).
func (l *msgLog) add(text string, isErr, count bool, at time.Time) bool {
	text = ui.CleanLine(text)
	if text == "" {
		return false
	}
	if n := len(l.entries); n > 0 && !count && strings.HasPrefix(l.entries[n-1].text, text) {
		return false // on screen still, or kept already with its details
	}
	if n := len(l.entries); n > 0 && l.entries[n-1].text == text {
		e := &l.entries[n-1]
		e.at, e.err = at, e.err || isErr
		e.n++
		return true
	}
	l.entries = append(l.entries, logEntry{at: at, text: text, n: 1, err: isErr})
	if len(l.entries) > msgLogMax {
		l.entries = append(l.entries[:0], l.entries[len(l.entries)-msgLogMax:]...)
	}
	return true
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
	if m.bar.log.add(text, isErr, true, m.clock()) {
		m.logChanged()
	}
}

// logCut keeps a message the status bar had to cut, once per showing.
func (m *Model) logCut(text string) {
	if m.bar.log.add(text, false, false, m.clock()) {
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

// sessionLines is the problems screen's "This session" section, w cells
// wide: the newest message first, each with its time, wrapped with its
// continuation indented under the text.
func (m *Model) sessionLines(w int) []string {
	if len(m.bar.log.entries) == 0 {
		return nil
	}
	st := m.c.Styles
	lines := []string{st.TitleFocused.Render("This session")}
	for i := len(m.bar.log.entries) - 1; i >= 0; i-- {
		e := m.bar.log.entries[i]
		text := e.at.Format("15:04:05") + "  " + e.text
		if e.n > 1 {
			text += fmt.Sprintf(" (×%d)", e.n)
		}
		lines = append(lines, ui.WrapHanging(text, w, 10)...)
	}
	return lines
}
