// Package widgets holds the reusable parts the reader's screens are built
// from: TextInput (a one-line editor with a cursor, for prompts and the
// filter), Scroller (one scrolling box with the paging keys, so no screen
// writes its own), Question (a yes/no screen the keymap answers),
// InfoScreen (a titled scrolling screen: help, problems), MsgLog (the
// session's messages kept whole), and the status bar's layout (StatusInfo,
// StatusLine). Each is a component: it
// owns its state, draws strings, and takes its keys from the shared keymap
// in ui.Context.
package widgets
