package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the reader. It is a plain value so a config
// file can rebind keys later: start from DefaultKeyMap and call SetKeys.
type KeyMap struct {
	// Movement, in whichever pane or overlay has focus.
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
	Top          key.Binding
	Bottom       key.Binding

	// Panes.
	Open        key.Binding // list → detail
	Back        key.Binding // detail → list; clears an applied filter in the list
	NextPane    key.Binding
	PrevPane    key.Binding
	FocusList   key.Binding
	FocusDetail key.Binding

	// Filter (while typing in it, only these and the text input's own keys apply).
	Filter       key.Binding
	FilterAccept key.Binding
	FilterClear  key.Binding
	FilterPrev   key.Binding
	FilterNext   key.Binding

	// Input is the line editing inside the filter.
	Input InputKeyMap

	// Views and app.
	Raw       key.Binding
	Problems  key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
}

// DefaultKeyMap returns the standard bindings (vi-style plus arrows).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", "page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "½ page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),

		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		NextPane:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		FocusList:   key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "list")),
		FocusDetail: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "article")),

		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		FilterAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		FilterClear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		FilterPrev:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		FilterNext:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),

		Input: DefaultInputKeyMap(),

		Raw:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "raw/clean")),
		Problems:  key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// helpKeys is a help.KeyMap assembled by the root for the current state.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
