package annotate

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// What annotate mode needs from the rest of the reader, declared here and
// satisfied by the root (tui/wire_annotate.go).

// Reader is the reader annotate mode is pushed over: the article it shows,
// the list it came from, and the corpus behind them.
type Reader interface {
	// Article is the article the reader shows and its item index (nil and
	// -1 while there is none; nil while it loads); err is why it could not
	// be loaded.
	Article() (art *model.Article, idx int, err error)
	// Title is the article's title as its pane heads it.
	Title() string
	// Selected is the list's selected item (-1 for none).
	Selected() int
	// Step moves the list's selection to the next (dir 1) or previous
	// article; false when there is none. Show then shows the selection.
	Step(dir int) bool
	Show() tea.Cmd
	// FocusArticle gives the article pane the focus.
	FocusArticle()
	// SaveState saves the reader's place, with the annotate cursor at pos
	// in the article on screen.
	SaveState(pos int) tea.Cmd

	// Live is how many articles the corpus has; LiveItems their indexes.
	Live() int
	LiveItems() []int32
	// Load reads item i in full (off the update loop: the corpus scan).
	Load(i int) (*model.Article, error)
}

// Host is the root as annotate mode sees it: the screen stack and status
// line, and taking back a "Loading…" it showed once it is over.
type Host interface {
	ui.Host
	// Unreport clears the status bar if it still shows one of texts.
	Unreport(texts ...string)
}

// Overlay is what an extension draws in the pane: marks over the text (a
// layer of the annotate styles, ui.QLayer…), a mark in the margin, and a
// side panel of its own shown instead of the entities panel
// (Pane.SetPanel(true, true)).
type Overlay interface {
	// Cuts adds the code points inside [start, end) where its marks begin
	// or end.
	Cuts(start, end int, add func(int))
	// LayerAt is its layer at code point off (ui.QLayerNone for none).
	LayerAt(off int) int
	// Gutter is the margin of screen line l: pad, or its mark there. cs,
	// ce is the cursor's range while its panel is shown and nothing is
	// selected (-1, -1 otherwise).
	Gutter(l layout.Line, cs, ce int, pad string) string

	// PanelW is its panel's width beside a pane w cells wide, 0 when it
	// does not fit there; PanelBelowH is then its height below the text
	// of a pane h lines high (0: it replaces the text).
	PanelW(w int) int
	PanelBelowH(h int) int
	PanelView(w, h int) string
}

// Extension adds a mode to annotate mode (quotes mode is one): its keys
// come first, it draws through its Overlay, names the mode while it leads,
// and adds to the help line and the status bar.
type Extension interface {
	Overlay
	// Key is offered every key annotate mode gets, after the review keys
	// and before annotate's own; handled false lets annotate have it.
	Key(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool)
	// Claims reports a key of its own that annotate mode must take before
	// the keys every screen shares.
	Claims(msg tea.KeyPressMsg) bool
	// Mode names annotate mode while the extension leads it ("" when it
	// does not).
	Mode() string
	// ShortHelp replaces annotate mode's help line when not nil.
	ShortHelp() []key.Binding
	// Status adds its part to the status bar, after annotate mode's.
	Status(s *widgets.StatusInfo)
	// Left is told that annotate mode was left.
	Left()
}

// Suggestions are names proposed over the text (entity suggestions,
// tui/suggest, plug in here; annotate does not import them): drawn where
// no span is as imported annotations waiting for review are, decided with
// the review keys. Annotate offers them keys only while no extension's
// mode leads; they keep their own list and state.
type Suggestions interface {
	// Cuts adds the code points inside [start, end) where suggestions
	// begin or end; LabelAt is the label of the one at off.
	Cuts(start, end int, add func(int))
	LabelAt(off int) (label string, ok bool)
	// Hint is the legend line's part when the cursor is on one ("" when
	// it is not).
	Hint() string
	// Key is offered every key annotate mode gets, before the review keys;
	// handled false passes it on. Claims reports a key of its own annotate
	// mode must take before the keys every screen shares.
	Key(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool)
	Claims(msg tea.KeyPressMsg) bool
	// TagAll is tag-all (corpus: across it) on the suggestion under the
	// cursor; handled false when the cursor is on none.
	TagAll(corpus bool) (cmd tea.Cmd, handled bool)
	// ShortHelp leads the help line when not nil; Help is the help
	// screen's group (nil for none).
	ShortHelp() []key.Binding
	Help() []key.Binding
}

// Entities is the entities panel and the edits of whole entities
// (canonical names: tui/entities plugs in here; annotate does not import
// it). Annotate keeps the panel's place and the toggle key.
type Entities interface {
	// PanelView is the side panel in w×h; PromptLine, its prompt as the
	// legend row shows it, w cells ("" while none is open).
	PanelView(w, h int) string
	PromptLine(w int) string
	// Claims reports a key of its own annotate mode must take before the
	// keys every screen shares; Key handles it; Help lists them.
	Claims(msg tea.KeyPressMsg) bool
	Key(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool)
	Help() []key.Binding
	// Left is told that annotate mode was left.
	Left()
}
