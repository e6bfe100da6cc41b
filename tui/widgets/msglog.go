package widgets

import (
	"fmt"
	"strings"
	"time"

	"storydesk/tui/ui"
)

// MsgLog is the session's messages, kept whole. The status bar has one
// line: at 80 columns a store error ("read-only: annotation store PATH
// cannot be written …; fix the permissions or …") keeps its reason but
// loses the path and the advice. So every error, every notice about the
// store, and every message the bar had to cut is kept here with its time,
// and the problems screen (!) shows them (Lines), newest first.
type MsgLog struct {
	entries []LogEntry
}

// MsgLogMax bounds the log: a session refusing every key would otherwise
// grow it without end.
const MsgLogMax = 200

// LogEntry is one message as it was shown.
type LogEntry struct {
	At   time.Time
	Text string
	N    int // times in a row it was reported
	Err  bool
}

// Entries is the log, oldest first.
func (l *MsgLog) Entries() []LogEntry { return l.entries }

// Len is how many messages are kept.
func (l *MsgLog) Len() int { return len(l.entries) }

// Add keeps text (sanitised) and says whether the log changed. The same
// text again, right after itself, is counted rather than repeated when it
// was reported again (count), and ignored when it is the message still on
// screen (a redraw) or the start of the entry just kept (the same message
// kept with its details).
func (l *MsgLog) Add(text string, isErr, count bool, at time.Time) bool {
	text = ui.CleanLine(text)
	if text == "" {
		return false
	}
	if n := len(l.entries); n > 0 && !count && strings.HasPrefix(l.entries[n-1].Text, text) {
		return false // on screen still, or kept already with its details
	}
	if n := len(l.entries); n > 0 && l.entries[n-1].Text == text {
		e := &l.entries[n-1]
		e.At, e.Err = at, e.Err || isErr
		e.N++
		return true
	}
	l.entries = append(l.entries, LogEntry{At: at, Text: text, N: 1, Err: isErr})
	if len(l.entries) > MsgLogMax {
		l.entries = append(l.entries[:0], l.entries[len(l.entries)-MsgLogMax:]...)
	}
	return true
}

// Lines is the log as the problems screen's "This session" section, w
// cells wide: the newest message first, each with its time, wrapped with
// its continuation indented under the text. An empty log has no lines.
func (l *MsgLog) Lines(st ui.Styles, w int) []string {
	if len(l.entries) == 0 {
		return nil
	}
	lines := []string{st.TitleFocused.Render("This session")}
	for i := len(l.entries) - 1; i >= 0; i-- {
		e := l.entries[i]
		text := e.At.Format("15:04:05") + "  " + e.Text
		if e.N > 1 {
			text += fmt.Sprintf(" (×%d)", e.N)
		}
		lines = append(lines, ui.WrapHanging(text, w, 10)...)
	}
	return lines
}
