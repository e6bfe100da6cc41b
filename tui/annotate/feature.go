package annotate

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

const (
	msgLoading    = "Loading…"
	msgLoadingAnn = "Loading annotations…"
)

// Feature is annotate mode and the keys that act on the article wherever
// it is selected (undo, redo, done, re-anchor). The root builds it only
// with a store; it owns the pane, the writes it queues and the corpus scan,
// and takes session.DocMsg and session.WrittenMsg by broadcast once the
// session has seen them.
type Feature struct {
	c    *ui.Context
	host Host
	sess *session.Session
	r    Reader
	ext  Extension

	pane   *Pane
	scr    *screen
	active bool     // the screen is on the stack
	ents   Entities // the entities panel and canonical names (tui/entities)
	search *search  // the search typed or kept (search.go)

	want    int         // item to enter annotate mode on once loaded; -1 none
	restore *restorePos // where the last run left the cursor
	scan    *corpusScan
	sugg    Suggestions // entity suggestions (tui/suggest); nil when off
}

type restorePos struct {
	id  string
	pos int
}

// New builds annotate mode over the reader r, writing through sess.
func New(c *ui.Context, host Host, sess *session.Session, r Reader) *Feature {
	f := &Feature{c: c, host: host, sess: sess, r: r, pane: NewPane(c), want: -1}
	f.scr = &screen{f: f}
	return f
}

// SetExtension adds a mode to annotate mode (quotes).
func (f *Feature) SetExtension(e Extension) {
	f.ext = e
	f.pane.SetOverlay(e)
}

// SetSuggestions adds names proposed over the text (entity suggestions).
func (f *Feature) SetSuggestions(s Suggestions) {
	f.sugg = s
	f.pane.sugg = s
}

// SetEntities adds the entities panel and the edits of whole entities.
func (f *Feature) SetEntities(e Entities) { f.ents = e }

// ExtensionLeads reports that an extension's mode leads annotate mode
// (quotes mode is on): suggestions step aside.
func (f *Feature) ExtensionLeads() bool { return f.ext != nil && f.ext.Mode() != "" }

// Pane is the text on screen, for the extension and for tests.
func (f *Feature) Pane() *Pane { return f.pane }

// Active reports that annotate mode is on (its screen is on the stack).
func (f *Feature) Active() bool { return f.active }

// Owns reports that s is annotate mode's screen.
func (f *Feature) Owns(s ui.Screen) bool { return s == f.scr }

// Enter opens item idx in annotate mode, now or once it and its
// annotations are loaded.
func (f *Feature) Enter(idx int) tea.Cmd {
	if idx < 0 {
		return nil
	}
	a, aidx, err := f.r.Article()
	if a == nil || aidx != idx {
		f.want = idx
		f.host.Report(ui.Info(msgLoading))
		return nil
	}
	if err != nil {
		f.host.Report(ui.Info("This article could not be loaded"))
		return nil
	}
	e := f.sess.Doc(a.ID)
	if e == nil {
		f.want = idx
		f.host.Report(ui.Info(msgLoadingAnn))
		if err := f.sess.TakeDocErr(a.ID); err != nil {
			f.want = -1
			f.host.Report(ui.Fail("Cannot read annotations: "+err.Error(), err))
			return nil
		}
		return f.sess.RequestDoc(a.ID)
	}
	f.sess.CheckChanged(a)
	text, spans := a.Text, []model.Span(nil)
	if e.Doc != nil {
		text, spans = e.Doc.Text, e.Doc.Spans
	}
	pos := e.Pos
	if r := f.restore; r != nil && r.id == a.ID {
		pos = r.pos
	}
	f.restore = nil
	p := f.pane
	p.panel = p.panel && f.active
	var cmd tea.Cmd
	if !f.active {
		f.active = true
		cmd = f.host.Push(f.scr) // sized before the text is laid out
	}
	p.Open(a.ID, f.r.Title(), text, spans, f.sess.Changed(a.ID), pos)
	f.r.FocusArticle()
	f.host.Unreport(msgLoading, msgLoadingAnn)
	if p.changed {
		f.host.Report(ui.Info("The text changed on disk since it was annotated: showing the stored snapshot (" + ui.KeyName(f.c.Keys.Reanchor) + " re-anchors)"))
	}
	return cmd
}

// Want enters annotate mode on item idx once it and its annotations are
// loaded (see MaybeEnter).
func (f *Feature) Want(idx int) { f.want = idx }

// Restore is Want for the last run's place: the cursor goes back to pos in
// article id.
func (f *Feature) Restore(idx int, id string, pos int) {
	f.want = idx
	f.restore = &restorePos{id, pos}
}

// MaybeEnter enters annotate mode if it is wanted on the article the
// reader shows and everything is loaded; the root calls it whenever the
// article on screen changes or finishes loading.
func (f *Feature) MaybeEnter() tea.Cmd {
	a, idx, _ := f.r.Article()
	if f.want < 0 || f.want != idx || a == nil {
		return nil
	}
	if f.sess.Doc(a.ID) == nil {
		return nil
	}
	want := f.want
	f.want = -1
	return f.Enter(want)
}

// Leave returns to the reader, remembering the cursor; the prompt and the
// label wait go with annotate mode.
func (f *Feature) Leave() tea.Cmd {
	if !f.active {
		return nil
	}
	f.active = false
	f.host.Pop(f.scr)
	if f.ents != nil {
		f.ents.Left()
	}
	f.search = nil
	f.pane.nav.hints, f.pane.nav.matches = nil, nil
	if f.ext != nil {
		f.ext.Left()
	}
	pos := f.pane.CursorOffset()
	f.sess.SetPos(f.pane.id, pos)
	return f.r.SaveState(pos)
}

// switchArticle leaves annotate mode and re-enters it on the next or
// previous article in the list.
func (f *Feature) switchArticle(dir int) tea.Cmd {
	if !f.r.Step(dir) {
		f.host.Report(ui.Info("No more articles"))
		return nil
	}
	save := f.Leave()
	f.want = f.r.Selected()
	return tea.Batch(save, f.r.Show())
}

// Update takes the session's answers about documents and writes (after
// the session has recorded them) and the corpus scan's messages.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case session.DocMsg:
		if msg.Err != nil && f.want >= 0 {
			f.want = -1
			f.host.Report(ui.Fail("Cannot read annotations: "+msg.Err.Error(), msg.Err))
		}
		return f.MaybeEnter()
	case session.WrittenMsg:
		f.written(msg)
	case scanProgressMsg:
		if f.scan == nil || msg.scan != f.scan {
			return nil
		}
		f.scan.done, f.scan.total = msg.done, msg.total
		return f.scan.wait
	case scanDoneMsg:
		return f.scanDone(msg)
	}
	return nil
}

// written shows a finished write on the article being annotated: the
// document as the store has it, the selection the action consumed gone and
// the cursor on what changed, unless the user has moved on since the key
// (a late answer must not pull the cursor back).
func (f *Feature) written(msg session.WrittenMsg) {
	if !f.active {
		return
	}
	a := f.pane
	doc, ok := msg.Docs[a.id]
	if !ok {
		return
	}
	f.Refresh(doc)
	j := msg.Job
	if msg.Err != nil || !msg.OK || a.SelKey() != j.Sel {
		return
	}
	a.ClearSelection()
	focus := j.Focus
	if j.Kind == session.Undo || j.Kind == session.Redo {
		focus = -1
		if off, ok := firstSpanOffset(msg.Act, a.id); ok {
			focus = off
		}
	}
	if focus >= 0 {
		a.MoveTo(focus)
	}
	a.scrollIntoView()
}

// firstSpanOffset is where an undone or redone action's first span is, in
// article id.
func firstSpanOffset(act store.Action, id string) (int, bool) {
	for _, op := range act.Ops {
		if op.Article == id && op.Span.End > op.Span.Start {
			return op.Span.Start, true
		}
		if op.Article == id && op.Quote.End > op.Quote.Start {
			return op.Quote.Start, true
		}
	}
	return 0, false
}

// Refresh puts a re-read document on screen (nil: the article is not
// annotated, and its text is shown as the reader has it now). A new
// snapshot text (re-anchoring, or undoing it) re-lays the text out.
func (f *Feature) Refresh(doc *store.Doc) {
	a := f.pane
	if doc == nil {
		if text := f.articleText(); a.text != text {
			a.Open(a.id, a.title, text, nil, false, a.CursorOffset())
			return
		}
		a.SetSpans(nil)
		return
	}
	changed := f.sess.Changed(a.id)
	if doc.Text != a.text || changed != a.changed {
		panel := a.panel
		a.Open(a.id, a.title, doc.Text, doc.Spans, changed, a.CursorOffset())
		a.panel = panel
		a.relayout()
		return
	}
	a.SetSpans(doc.Spans)
}

func (f *Feature) articleText() string {
	if a, _, _ := f.r.Article(); a != nil {
		return a.Text
	}
	return ""
}

// Sync keeps the imported quotations to review in step with the document
// on screen; it runs after every message.
func (f *Feature) Sync() tea.Cmd {
	a := f.pane
	if !f.active || a.lay == nil {
		return nil
	}
	var stored []model.QuoteAnn
	if e := f.sess.Doc(a.id); e != nil && e.Doc != nil && e.Doc.Text == a.text {
		stored = e.Doc.Quotes
	}
	a.setImportedQuotes(stored)
	return nil
}

// GlobalKey takes the keys that act on the selected article from anywhere:
// undo, redo, done, re-anchor. (In annotate mode its own keys come first.)
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.Undo):
		return f.undo(session.Undo), true
	case key.Matches(msg, k.Redo):
		return f.undo(session.Redo), true
	case key.Matches(msg, k.Done):
		return f.toggleDone(), true
	case key.Matches(msg, k.Reanchor):
		return f.reanchor(), true
	}
	return nil, false
}

// Status adds the store's part to the status bar (progress, the article's
// status, saving, the corpus scan) and, in annotate mode, what the cursor
// is on; the extension's part comes last.
func (f *Feature) Status(s *widgets.StatusInfo) {
	s.Store = true
	if f.ext != nil {
		defer f.ext.Status(s)
	}
	s.DoneN = f.sess.Progress()
	s.Live = f.r.Live()
	s.Saving = f.sess.Pending()
	if a, idx, _ := f.r.Article(); a != nil && idx >= 0 {
		s.Changed = f.sess.Changed(a.ID)
		if st, ok := f.sess.Status(a.ID); ok && st != model.StatusNew {
			s.Status = st
		}
	}
	if f.scan != nil {
		s.Scan = fmt.Sprintf("scanning %s/%s", ui.Commas(f.scan.done), ui.Commas(f.scan.total))
	}
	if !f.active {
		return
	}
	a := f.pane
	defer f.searchStatus(s)
	if sp, ok := a.CursorSpan(); ok {
		s.Span = ui.DescribeSpan(sp)
	} else if st, en, ok := a.Selection(); ok {
		n := a.selectedWords()
		s.Span = fmt.Sprintf("“%s” (%d word%s)", ui.Clip(string(a.runes[st:en]), 30), n, ui.Plural(n))
	}
}

// HelpSection is annotate mode's part of the help screen.
func (f *Feature) HelpSection() (string, [][]key.Binding, bool) {
	return "Annotate (enter on the article; esc leaves)", f.scr.FullHelp(), true
}

// Stop cancels a corpus scan (the reader is quitting).
func (f *Feature) Stop() {
	if f.scan != nil {
		f.scan.cancel()
	}
}
