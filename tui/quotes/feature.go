package quotes

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/ui"
)

// Deps is what New needs.
type Deps struct {
	Ctx      *ui.Context
	Host     ui.Host
	Docs     Docs
	Annotate Annotate
	Reader   Reader
}

// Feature is quotes mode, the speaker prompt and the carriers screen. The
// root builds it only with a store, hands its Hook to annotate mode as
// annotate's extension, and keeps it in its features after annotate (its
// part of the status bar and help follow annotate's).
//
// QUOTES is a mode of annotate mode (the hook's Mode), not a screen of its
// own: every key it does not take is annotate's (motions, labels, select),
// and it stays on across articles as annotate mode moves from one to the
// next (a screen over annotate would be popped with it).
type Feature struct {
	c    *ui.Context
	host ui.Host
	docs Docs
	ann  Annotate
	r    Reader
	hook *Hook

	on bool // quotes mode leads annotate mode

	// Detections for one text (the annotate text they were run on).
	detID, detText string
	detected       []quote.Quote
	detecting      bool

	items []item // what the panel lists, for the annotate text on screen
	marks []mark // the quotations highlighted in the text (view.go)

	prompt   *speakerPrompt  // on the stack while open
	carriers *carriersScreen // on the stack while open
	scan     *scan
	jump     *jump // a carrier to select once its article is open
}

// New builds quotes mode.
func New(d Deps) *Feature {
	f := &Feature{c: d.Ctx, host: d.Host, docs: d.Docs, ann: d.Annotate, r: d.Reader}
	f.hook = &Hook{f: f}
	return f
}

// Hook is quotes mode as annotate mode's extension.
func (f *Feature) Hook() *Hook { return f.hook }

// Owns reports that s is one of quotes mode's screens.
func (f *Feature) Owns(s ui.Screen) bool {
	return s != nil && (f.prompt != nil && s == ui.Screen(f.prompt) || f.carriers != nil && s == ui.Screen(f.carriers))
}

// detectedMsg brings a detection run back.
type detectedMsg struct {
	id, text string
	quotes   []quote.Quote
}

// Update takes quotes mode's own messages: detections and the carriers
// search's progress.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case detectedMsg:
		if msg.id != f.detID || msg.text != f.detText {
			return nil // the article or its text changed meanwhile: a newer run is on its way
		}
		f.detected, f.detecting = msg.quotes, false
	case scanMsg:
		return f.scanned(msg)
	}
	return nil
}

// Sync runs after every message: it keeps the annotate pane's panel,
// quote highlights and the panel's list in step with the document on
// screen, starts detection when quotes mode needs it, and places a
// carrier's passage once its article is open.
func (f *Feature) Sync() tea.Cmd {
	if !f.ann.Active() || !f.ann.Pane().Ready() {
		f.items = nil
		return nil
	}
	a := f.ann.Pane()
	f.showPanel()
	var cmd tea.Cmd
	id, text := a.ID(), a.Text()
	fresh := f.detID == id && f.detText == text
	if f.on && !fresh && !(f.detecting && f.detID == id && f.detText == text) {
		f.detID, f.detText, f.detected, f.detecting = id, text, nil, true
		cmd = func() tea.Msg { return detectedMsg{id: id, text: text, quotes: quote.Detect(text)} }
		fresh = false
	}
	var stored []model.QuoteAnn
	if e := f.docs.Doc(id); e != nil && e.Doc != nil && e.Doc.Text == text {
		stored = e.Doc.Quotes
	}
	var det []quote.Quote
	if fresh && !f.detecting {
		det = f.detected
	}
	f.items = mergeQuotes(stored, det, f.on)
	linkEntities(f.items, a.Spans())
	f.setMarks(f.items, f.on)
	f.applyJump()
	return cmd
}

// showPanel shows the quotes panel when quotes mode is on (and hides it
// when it is off), re-wrapping the text for the width left.
func (f *Feature) showPanel() {
	a, on := f.ann.Pane(), f.on
	shown, ext := a.Panel()
	if on == ext && (!on || shown) {
		return
	}
	a.SetPanel(on, on)
}

// GlobalKey is Q on an article outside annotate mode: annotate mode opens
// on it with quotes mode on.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if f.ann.Active() || !key.Matches(msg, f.c.Keys.Quotes) {
		return nil, false
	}
	sel := f.r.Selected()
	if sel < 0 {
		return nil, false
	}
	f.on = true
	return f.ann.Enter(sel), true
}

// HelpSection is quotes mode's part of the help screen.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	return "Quotes (Q on an article or in annotate mode; esc leaves)", f.fullHelp(), true
}

// Stop cancels a carriers search (the reader is quitting).
func (f *Feature) Stop() { f.stopScan() }

// On reports that quotes mode leads annotate mode.
func (f *Feature) On() bool { return f.on }

// Detecting reports a detection run in flight for the text on screen.
func (f *Feature) Detecting() bool { return f.detecting }

// Quotation is one quotation as the panel lists it.
type Quotation struct {
	Start, End int
	Text       string
	Speaker    string
	Kind       model.QuoteKind
	// Status is model.QuoteAccepted, model.QuoteRejected or Suggested.
	Status string
}

// Suggested is the status of a detection that is not stored.
const Suggested = "suggested"

// Quotations are the article's quotations in text order, as listed.
func (f *Feature) Quotations() []Quotation {
	out := make([]Quotation, len(f.items))
	for i := range f.items {
		out[i] = f.items[i].quotation()
	}
	return out
}

// Current is the quotation under the annotate cursor.
func (f *Feature) Current() (Quotation, bool) {
	if i := f.current(); i >= 0 {
		return f.items[i].quotation(), true
	}
	return Quotation{}, false
}

// current is the item under the annotate cursor (a live one before a
// rejected one at the same place), or -1.
func (f *Feature) current() int {
	if !f.ann.Active() || !f.ann.Pane().HasWords() {
		return -1
	}
	cs, ce := f.ann.Pane().CursorRange()
	found := -1
	for i := range f.items {
		it := &f.items[i]
		if it.start < ce && cs < it.end {
			if it.status() != model.QuoteRejected {
				return i
			}
			if found < 0 {
				found = i
			}
		}
	}
	return found
}

func (f *Feature) report(text string) { f.host.Report(ui.Info(text)) }

// Carrier is another article's passage carrying the quotation searched
// for, as the carriers screen lists it.
type Carrier struct {
	ID, Title, Outlet string
	Match             quote.Match
}

// Carriers are what the carriers screen lists so far and the one selected;
// open is false while it is closed.
func (f *Feature) Carriers() (list []Carrier, sel int, open bool) {
	v := f.carriers
	if v == nil {
		return nil, 0, false
	}
	for _, c := range v.items {
		list = append(list, Carrier{ID: c.id, Title: c.title, Outlet: c.outlet, Match: c.match})
	}
	return list, v.sel, true
}
