package browse

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// filterScreen is typing a filter (/): pushed over the Browser, it takes
// every key as text except its own (enter keeps the filter, esc clears
// it, ↑/↓ move in the list) and pops itself when typing ends. The list
// draws the input line and the rows as they narrow, so the screen draws
// nothing of its own.
type filterScreen struct{ b *Browser }

func (f *filterScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	cmd := f.b.list.updateTyping(msg)
	if !f.b.list.typing {
		f.b.host.Pop(f)
	}
	return cmd, true
}

// Update takes a paste into the filter.
func (f *filterScreen) Update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok {
		return f.b.list.paste(p)
	}
	return nil
}

func (f *filterScreen) View() string              { return "" }
func (f *filterScreen) SetSize(int, int) tea.Cmd  { return nil }
func (f *filterScreen) Mode() string              { return "FILTER" }
func (f *filterScreen) TextEntry() bool           { return true }
func (f *filterScreen) Footer() ui.Footer         { return ui.FooterNone }
func (f *filterScreen) ShortHelp() []key.Binding  { return f.b.list.typingHelp() }
func (f *filterScreen) FullHelp() [][]key.Binding { return f.b.HelpFilter() }
func (f *filterScreen) Cursor() *tea.Cursor       { return f.b.list.cursorPos() }
