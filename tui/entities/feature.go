package entities

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// Feature is the entities panel beside annotate mode's text and the edits
// of whole entities: canonical names (for one span, the entity in the
// article, or the entity in every stored article) and merging one entity
// into another (merge.go). It owns the name prompt, its question and the
// merge picker, screens pushed over annotate mode; annotate draws the
// panel and the prompt's line where it says (Hook).
type Feature struct {
	c    *ui.Context
	host ui.Host
	docs Docs
	ann  Annotate

	prompt *namePrompt // the canonical-name prompt, while it is open
}

// New builds the entities; the root hands Hook to annotate mode.
func New(d Deps) *Feature {
	return &Feature{c: d.Ctx, host: d.Host, docs: d.Docs, ann: d.Annotate}
}

// Hook is the entities as annotate mode draws them and offers them keys.
func (f *Feature) Hook() *Hook { return &Hook{f} }

// Update takes the corpus-wide renaming's answer.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(canonScanMsg); ok {
		return f.canonScanned(msg)
	}
	return nil
}

// Hook is the entities as annotate mode's hook (annotate.Entities,
// matched by its methods).
type Hook struct{ f *Feature }

// PanelView is the side panel in w×h.
func (h *Hook) PanelView(w, h2 int) string { return h.f.panelView(w, h2) }

// PromptLine is the name prompt as annotate's legend row shows it, w
// cells wide ("" while it is closed).
func (h *Hook) PromptLine(w int) string {
	if h.f.prompt == nil {
		return ""
	}
	return h.f.prompt.line(w)
}

// Claims reports the entity keys annotate mode must take before the keys
// every screen shares; Key handles them.
func (h *Hook) Claims(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, h.f.c.Keys.Canonical, h.f.c.Keys.EntityMerge)
}

func (h *Hook) Key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch k := h.f.c.Keys; {
	case key.Matches(msg, k.Canonical):
		return h.f.openPrompt(), true
	case key.Matches(msg, k.EntityMerge):
		return h.f.openMerge(), true
	}
	return nil, false
}

// Help is the entity keys, for annotate mode's help beside the panel's
// toggle.
func (h *Hook) Help() []key.Binding {
	return []key.Binding{h.f.c.Keys.Canonical, h.f.c.Keys.EntityMerge}
}

// Left is told that annotate mode was left: the prompt went with it.
func (h *Hook) Left() { h.f.prompt = nil }
