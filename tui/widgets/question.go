package widgets

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// Question is a yes/no question: y runs its action, esc (or n) cancels.
// It is asked in the status bar; with details (the annotations an action
// would delete) they are shown in a box that scrolls.
type Question struct {
	ctx  *ui.Context
	host ui.Host
	text string
	yes  func() tea.Cmd
	box  *Scroller // nil: asked in the status bar only
}

// NewQuestion asks text; details, when there are any, fill the body.
func NewQuestion(ctx *ui.Context, host ui.Host, text string, details []string, yes func() tea.Cmd) *Question {
	q := &Question{ctx: ctx, host: host, text: text, yes: yes}
	if len(details) > 0 {
		q.box = NewScroller(ctx, "Confirm")
		q.box.SetInfo(ui.KeyName(ctx.Keys.Confirm) + " yes · " + ui.KeyName(ctx.Keys.Back) + " no")
		q.box.SetLines(details)
	}
	return q
}

// Prompt is the question, shown in the status bar when nothing else is.
func (q *Question) Prompt() string { return q.text }

func (q *Question) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := q.ctx.Keys
	switch {
	case key.Matches(msg, k.Confirm):
		q.host.Pop(q)
		return q.yes(), true
	case key.Matches(msg, k.Back), msg.String() == "n":
		q.host.Pop(q)
		q.host.Report(ui.Info("Cancelled"))
		return nil, true
	case q.box != nil:
		return q.box.Update(msg), true
	}
	q.host.Report(ui.Info(q.text))
	return nil, true
}

func (q *Question) Update(tea.Msg) tea.Cmd { return nil }

// View is the details box, or nothing: the screen below stays in view.
func (q *Question) View() string {
	if q.box == nil {
		return ""
	}
	return q.box.View()
}

func (q *Question) SetSize(w, h int) tea.Cmd {
	if q.box != nil {
		q.box.SetSize(w, h)
	}
	return nil
}

func (q *Question) Mode() string      { return "" }
func (q *Question) Footer() ui.Footer { return ui.FooterNone }

func (q *Question) ShortHelp() []key.Binding {
	k := q.ctx.Keys
	return []key.Binding{k.Confirm, k.Back}
}

func (q *Question) FullHelp() [][]key.Binding { return [][]key.Binding{q.ShortHelp()} }
