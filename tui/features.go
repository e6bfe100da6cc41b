package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/widgets"
)

// A feature is a part of the reader that lives in its own package
// (tui/dups, tui/export …). The root builds each with the small interfaces
// it declares, keeps them in m.features in a fixed order, and:
//   - runs Init, on those that have it, when the reader starts;
//   - broadcasts every message it does not handle itself to each one's
//     Update (a feature takes its own message types and ignores the rest),
//     and session.WrittenMsg before the next queued write is built;
//   - after every message, calls Sync on those that have it;
//   - asks GlobalKey, in order, for a key the top screen left unhandled;
//   - asks Status for their part of the status bar every frame;
//   - lists HelpSection in the help screen;
//   - calls Stop when the reader quits.
type feature interface {
	Update(msg tea.Msg) tea.Cmd
}

// Optional parts of a feature.
type (
	syncer      interface{ Sync() tea.Cmd }
	globalKeyer interface {
		GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool)
	}
	statuser interface {
		Status(s *widgets.StatusInfo)
	}
	helpSectioner interface {
		// HelpSection is the feature's part of the help screen; ok false
		// leaves it out (no store).
		HelpSection() (title string, groups [][]key.Binding, ok bool)
	}
	stopper interface{ Stop() }
	initer  interface{ Init() tea.Cmd }
)

// initFeatures starts what each feature reads when the reader starts.
func (m *Model) initFeatures() tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range m.features {
		if i, ok := f.(initer); ok {
			cmds = append(cmds, i.Init())
		}
	}
	return tea.Batch(cmds...)
}

// broadcast hands msg to every feature.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range m.features {
		cmds = append(cmds, f.Update(msg))
	}
	return tea.Batch(cmds...)
}

// syncFeatures runs after every message.
func (m *Model) syncFeatures() tea.Cmd {
	var cmds []tea.Cmd
	for _, f := range m.features {
		if s, ok := f.(syncer); ok {
			cmds = append(cmds, s.Sync())
		}
	}
	return tea.Batch(cmds...)
}

// featureKey offers a key no screen took to the features, in order.
func (m *Model) featureKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	for _, f := range m.features {
		if g, ok := f.(globalKeyer); ok {
			if cmd, ok := g.GlobalKey(msg); ok {
				return cmd, true
			}
		}
	}
	return nil, false
}

// featureStatus lets each feature fill its part of the status bar.
func (m *Model) featureStatus(s *widgets.StatusInfo) {
	for _, f := range m.features {
		if st, ok := f.(statuser); ok {
			st.Status(s)
		}
	}
}

// featureHelp is the features' sections of the help screen.
func (m *Model) featureHelp() []widgets.HelpSection {
	var out []widgets.HelpSection
	for _, f := range m.features {
		if h, ok := f.(helpSectioner); ok {
			if title, groups, ok := h.HelpSection(); ok {
				out = append(out, widgets.HelpSection{Title: title, Groups: groups})
			}
		}
	}
	return out
}

// stopFeatures stops background work when the reader quits.
func (m *Model) stopFeatures() {
	for _, f := range m.features {
		if s, ok := f.(stopper); ok {
			s.Stop()
		}
	}
}

// needsStore stands in for a feature that exists only with a store: its
// keys say so in the root's one sentence for it (needStore).
type needsStore struct {
	m    *Model
	keys []key.Binding
}

func (n needsStore) Update(tea.Msg) tea.Cmd { return nil }

func (n needsStore) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, n.keys...) {
		return nil, false
	}
	n.m.needStore()
	return nil, true
}
