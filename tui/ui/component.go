package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Component is one pane or screen part, after soft-serve's
// pkg/ui/common.Component: it owns its state, takes the messages meant for
// it, draws itself as a string of the size it was last given, and lists its
// own keys for the help line and the help screen. Only the root builds the
// tea.View.
type Component interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	// SetSize gives the component its outer size in cells; it may start
	// work the new size needs (a re-render at the new width).
	SetSize(width, height int) tea.Cmd
	help.KeyMap
}

// Screen is a component the root keeps on its stack, as lazygit keeps its
// contexts: the top screen gets every key first, draws the body, names the
// mode in the status bar and gives the help line. Modes are screens pushed
// over the one they came from (annotate over the reader, a prompt over
// annotate), never flags.
type Screen interface {
	Component
	// HandleKey takes a key press. handled false hands the key on to the
	// keys every screen shares (quit, help, undo …).
	HandleKey(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool)
	// Mode names the screen in the status bar (READ, ANNOTATE, DUPS); ""
	// keeps the mode of the screen below (help, a question).
	Mode() string
}

// Optional parts of a Screen, asked for with a type assertion.
type (
	// TextEntry screens take every key as text (the filter, prompts): the
	// status message stays while typing and no shared key applies.
	TextEntry interface{ TextEntry() bool }

	// Cursorer places the terminal's own cursor (a text field's) in
	// screen coordinates; nil hides it.
	Cursorer interface{ Cursor() *tea.Cursor }

	// StatusLiner replaces the status bar with a line of its own (the
	// export menu lives there).
	StatusLiner interface{ StatusLine(width int) string }

	// Footered screens say which shared keys the help line adds after
	// their own.
	Footered interface{ Footer() Footer }
)

// Footer is what the help line adds after a screen's own keys.
type Footer uint8

const (
	// FooterAll adds problems (when there are any), help and quit.
	FooterAll Footer = iota
	// FooterHelpQuit adds help and quit.
	FooterHelpQuit
	// FooterNone adds nothing: the screen's keys are all there is (a
	// question, a prompt).
	FooterNone
)

// Host is what the root offers the features: its stack of screens and the
// status line. Calls take effect at once, inside the Update that makes
// them, so a key typed right after the one that opened a screen goes to
// that screen.
type Host interface {
	// Push puts s on top of the stack, sized for the body.
	Push(s Screen) tea.Cmd
	// Pop removes s and every screen above it; a screen not on the stack
	// is ignored.
	Pop(s Screen)
	// Top is the screen that has the keys.
	Top() Screen
	// Report shows a status message (and keeps it in the session's log
	// when it is an error, or asks to be kept).
	Report(s Status)
}

// Status is a status-bar message: what the user's last action did or why it
// was refused. It is the one way any part of the reader says something in
// the bar; a command that finishes later sends it as a StatusMsg.
type Status struct {
	Text string
	// Err marks a failure: the bar shows Text, the problems screen (!)
	// keeps it whole, and a damaged store stops every later write.
	Err error
	// Keep keeps a message that is not an error in the problems screen's
	// log too (a file changed under the reader).
	Keep bool
	// Detail is kept in the log instead of Text when set (the path and
	// the reason the bar has no room for).
	Detail string
}

// StatusMsg carries a Status from a command to the status bar.
type StatusMsg Status

// Info is a status message.
func Info(text string) Status { return Status{Text: text} }

// Fail is an error message.
func Fail(text string, err error) Status { return Status{Text: text, Err: err} }

// Report is a command that shows s once it is run: for commands that
// finish later. Code on the update loop calls Host.Report instead, which
// shows it at once.
func Report(s Status) tea.Cmd {
	return func() tea.Msg { return StatusMsg(s) }
}
