package quotes

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/layout"
	"storydesk/tui/widgets"
)

// Hook is quotes mode as annotate mode's extension (annotate.Extension,
// matched by its methods; quotes does not import annotate): its keys come
// first in annotate mode, and it draws its highlights, margin bar and
// panel in annotate's pane.
type Hook struct{ f *Feature }

// Key takes the quotes keys in annotate mode; handled false leaves the
// key to annotate mode.
func (h *Hook) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) { return h.f.key(msg) }

// Claims reports a quotes key annotate mode must take before the keys
// every screen shares.
func (h *Hook) Claims(msg tea.KeyPressMsg) bool { return h.f.claims(msg) }

// Mode is QUOTES while quotes mode leads annotate mode.
func (h *Hook) Mode() string {
	if h.f.on {
		return "QUOTES"
	}
	return ""
}

// ShortHelp is quotes mode's help line while it leads.
func (h *Hook) ShortHelp() []key.Binding {
	if !h.f.on {
		return nil
	}
	return h.f.shortHelp()
}

// Status adds nothing: the feature's Status, which the root asks after
// annotate's, fills quotes mode's part of the bar (a search runs on its
// own screen, over annotate mode).
func (h *Hook) Status(*widgets.StatusInfo) {}

// Left is told that annotate mode was left: the screens above annotate's
// went with it.
func (h *Hook) Left() {
	h.f.prompt = nil
	if h.f.carriers != nil {
		h.f.carriers = nil
		h.f.stopScan()
	}
}

func (h *Hook) Cuts(start, end int, add func(int)) { h.f.cuts(start, end, add) }
func (h *Hook) LayerAt(off int) int                { return h.f.layerAt(off) }

func (h *Hook) Gutter(l layout.Line, cs, ce int, pad string) string {
	return h.f.gutter(l, cs, ce, pad)
}

func (h *Hook) PanelW(w int) int           { return panelW(w) }
func (h *Hook) PanelBelowH(ht int) int     { return panelBelowH(ht) }
func (h *Hook) PanelView(w, ht int) string { return h.f.panelView(w, ht) }
