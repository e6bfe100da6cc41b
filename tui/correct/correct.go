// Package correct is correcting the cleaner from the raw view.
//
// The raw view's cursor sits on one paragraph; the correction key flips it:
// a paragraph the cleaner removed is kept as body, a kept one is removed
// ("removed by you"), and a paragraph already corrected goes back to the
// cleaner's verdict. The correction is stored (OpSetCorrect) in the same
// undoable action that moves the article's annotations onto the new
// cleaned text, as reanchoring does: the spans and quotations are deleted,
// the snapshot text replaced and they are added back at their new offsets
// (anchor.go). Annotations that would not survive (they sit in a paragraph
// being removed) are listed and the action waits for a yes.
//
// Loading applies the corrections through corpus.Corpus.Corrections, fed
// from a corrections.Index the feature keeps current from the actions
// the reader commits (undo and redo included), so the text shown, the
// snapshot and the changed-on-disk check all agree. After a commit the
// article is loaded again and put back in place.
package correct

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/data/store/corrections"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Para is the paragraph under the raw view's cursor, as the reader shows it.
type Para struct {
	Start, End int    // raw code points
	N, Of      int    // paragraph N (from 1) of Of
	Removed    bool   // the paragraph is not in the cleaned text
	User       bool   // a correction decides it
	Tag        string // the raw view's word for its verdict ("removed by you", "nav", …); "" when the cleaner kept it
}

// Reader is the reader's raw view and its articles.
type Reader interface {
	// Reading reports that the reader has the keys (no screen over it).
	Reading() bool
	// RawFocused reports that the reader's article pane is focused on
	// the raw view (not in annotate mode).
	RawFocused() bool
	// CursorPara is the paragraph under the raw view's cursor.
	CursorPara() (Para, bool)
	// Current is the article on screen with its stored annotations loaded;
	// nil (having said why, or with a command that loads them) when it is
	// not ready.
	Current() (*model.Article, tea.Cmd)
	// Shown is the article on screen (nil while it loads).
	Shown() *model.Article
	// IndexOf finds an item by article ID (-1 when it is not in the corpus).
	IndexOf(id string) int
	// Forget drops what the reader holds of item i; Load reads it again
	// (the function runs off the update loop); Reloaded puts it back in place.
	Forget(i int)
	Loader() func(i int) (*model.Article, error)
	Reloaded(i int, a *model.Article) tea.Cmd
}

// Writes is the write queue.
type Writes interface {
	// NeedStore reports whether there is a store, saying why not.
	NeedStore() bool
	// Doc is the stored document as the session holds it (nil: not loaded).
	Doc(id string) *session.DocEntry
	// Queue queues a write built when its turn comes.
	Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd
}

// Deps is what corrections need from the reader.
type Deps struct {
	Ctx    *ui.Context
	Host   ui.Host
	Reader Reader
	Writes Writes
	// Store is nil without a store; Corpus is the corpus on screen (nil:
	// the reader shows something corrections cannot re-clean).
	Store  store.Store
	Corpus *corpus.Corpus
	// Show hands the reader the corrections for its raw view.
	Show func(func(id string) []model.Correction)
}

// Feature is the cleaner corrections of the raw view.
type Feature struct {
	Deps
	idx *corrections.Index // nil: corrections cannot be applied
	// touched holds the articles whose corrections changed this session;
	// checked is the last of them found loaded with its current ones.
	touched map[string]bool
	checked *model.Article
}

// reloadedMsg brings back an article loaded again after its corrections
// changed.
type reloadedMsg struct {
	idx int
	art *model.Article
	err error
}

// New reads the store's corrections and has the corpus apply them. It
// runs before the program starts (and so outside a command): the hook must
// be in place before the first article is read, or the list and the first
// article would show uncorrected text. One small query.
func New(d Deps) *Feature {
	f := &Feature{Deps: d}
	cs, ok := d.Store.(store.CorrectionSource)
	if !ok || d.Corpus == nil {
		return f
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	idx, err := corrections.Load(ctx, cs)
	if err != nil {
		d.Host.Report(ui.Info("Cannot read the cleaner corrections (the raw view cannot correct): " + err.Error()))
		return f
	}
	f.idx = idx
	d.Corpus.Corrections = idx.For
	if d.Show != nil {
		d.Show(idx.For)
	}
	return f
}

// Ready reports that corrections can be applied.
func (f *Feature) Ready() bool { return f.idx != nil }

// GlobalKey takes the correction key in the raw view.
func (f *Feature) GlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, f.Ctx.Keys.Correct) || !f.Reader.Reading() || !f.Reader.RawFocused() {
		return nil, false
	}
	return f.toggle(), true
}

// toggle flips the paragraph under the raw view's cursor.
func (f *Feature) toggle() tea.Cmd {
	if !f.Writes.NeedStore() {
		return nil
	}
	if f.idx == nil {
		f.Host.Report(ui.Info("Corrections cannot be applied to this corpus"))
		return nil
	}
	a, cmd := f.Reader.Current()
	if a == nil {
		return cmd
	}
	p, ok := f.Reader.CursorPara()
	if !ok || a.Raw == "" {
		f.Host.Report(ui.Info("No paragraph under the cursor"))
		return nil
	}
	t := Target{Art: a, Start: p.Start, End: p.End}
	return f.Writes.Queue(func(j *session.Job) (store.Action, bool) { return f.build(j, t, "") })
}

// build makes the action when the write's turn comes, against the
// corrections and annotations as saved by then. agreed is the lostKey the
// user said yes to ("" before asking).
func (f *Feature) build(j *session.Job, t Target, agreed string) (store.Action, bool) {
	id := t.Art.ID
	e := f.Writes.Doc(id)
	if e == nil {
		f.Host.Report(ui.Info("Not saved: the article's annotations are not loaded"))
		return store.Action{}, false
	}
	pl := PlanCorrection(t, f.idx.For(id), e.Doc)
	what := "“" + ui.Clip(t.Text(), 40) + "”"
	var name string
	switch {
	case pl.Keep < 0 && pl.Kept:
		name, j.Done = "back to the cleaner (kept) "+what, "Back to the cleaner's verdict: kept "+what
	case pl.Keep < 0:
		name, j.Done = "back to the cleaner (removed) "+what, "Back to the cleaner's verdict: removed "+what
	case pl.Kept:
		name, j.Done = "keep as body "+what, "Kept as body: "+what
	default:
		name, j.Done = "remove as boilerplate "+what, "Removed as boilerplate: "+what
	}
	if pl.Placed > 0 {
		j.Done += fmt.Sprintf("; %d annotation%s re-anchored", pl.Placed, ui.Plural(pl.Placed))
	}
	nLost := len(pl.Lost) + len(pl.QLost)
	act := store.Action{Name: name + " in " + ui.Clip(id, 40), Ops: pl.Ops}
	if nLost == 0 {
		return act, true
	}
	if key := pl.lostKey(); key != agreed {
		f.ask(t, pl, key)
		return store.Action{}, false
	}
	j.Done += fmt.Sprintf("; deleted %d annotation%s in the removed text (%s brings them back)", nLost, ui.Plural(nLost), ui.KeyName(f.Ctx.Keys.Undo))
	act.Name += fmt.Sprintf(", deleting %d", nLost)
	return act, true
}

// ask lists the annotations a correction would delete and waits for a
// yes; the action is then worked out again when its turn comes, and asks
// again if the list has changed meanwhile.
func (f *Feature) ask(t Target, pl Plan, key string) {
	k := f.Ctx.Keys
	nLost := len(pl.Lost) + len(pl.QLost)
	lines := []string{
		fmt.Sprintf("Removing “%s” from the body of %s", ui.Clip(t.Text(), 50), ui.Clip(t.Art.ID, 50)),
		fmt.Sprintf("would delete %d annotation%s made in it (in the same undoable action):", nLost, ui.Plural(nLost)),
		"",
	}
	for _, sp := range pl.Lost {
		lines = append(lines, fmt.Sprintf("  %s at %d–%d", ui.DescribeSpan(sp), sp.Start, sp.End))
	}
	for _, q := range pl.QLost {
		lines = append(lines, fmt.Sprintf("  quotation %s at %d–%d", ui.DescribeQuote(q.Text, q.Speaker), q.Start, q.End))
	}
	if pl.Placed > 0 {
		lines = append(lines, "", fmt.Sprintf("%d other annotation%s move with the text.", pl.Placed, ui.Plural(pl.Placed)))
	}
	yes, no := ui.KeyName(k.Confirm), ui.KeyName(k.Back)
	lines = append(lines, "", fmt.Sprintf("Press %s to apply the correction and delete them, %s to leave the article as it is.", yes, no))
	f.Host.Report(ui.Info(""))
	f.Host.Push(widgets.NewQuestion(f.Ctx, f.Host,
		fmt.Sprintf("Correct and delete %d annotation%s in the removed text? %s/%s", nLost, ui.Plural(nLost), yes, no), lines,
		func() tea.Cmd {
			return f.Writes.Queue(func(j *session.Job) (store.Action, bool) { return f.build(j, t, key) })
		}))
}

// Update brings the correction index up to date with each committed write
// (before the next queued write is built, which then sees it) and puts
// reloaded articles in place.
func (f *Feature) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case session.WrittenMsg:
		return f.written(msg)
	case reloadedMsg:
		if msg.err != nil || msg.art == nil {
			text := "Saved, but the article could not be read again"
			if msg.err != nil {
				text += ": " + ui.CleanLine(msg.err.Error())
			}
			f.Host.Report(ui.Info(text))
			return nil
		}
		f.checked = msg.art // read just now, with the current corrections
		return f.Reader.Reloaded(msg.idx, msg.art)
	}
	return nil
}

func (f *Feature) written(msg session.WrittenMsg) tea.Cmd {
	if f.idx == nil || !msg.OK || msg.Docs == nil {
		return nil // nothing committed
	}
	var cmds []tea.Cmd
	for _, id := range f.idx.Applied(msg.Act, msg.Job.Kind == session.Undo) {
		if f.touched == nil {
			f.touched = map[string]bool{}
		}
		f.touched[id] = true
		cmds = append(cmds, f.reload(id))
	}
	return tea.Batch(cmds...)
}

// Sync loads the article on screen again if it was read with corrections
// since changed: a load already under way when a correction was saved
// returns the text from before it.
func (f *Feature) Sync() tea.Cmd {
	a := f.Reader.Shown()
	if a == nil || f.idx == nil || !f.touched[a.ID] || f.checked == a {
		return nil
	}
	f.checked = a
	if corpus.Reclean(a, f.idx.For(a.ID)).Text == a.Text {
		return nil
	}
	return f.reload(a.ID)
}

// reload drops what the reader holds of article id and loads it again
// (for the list's word count, and the views if it is on screen).
func (f *Feature) reload(id string) tea.Cmd {
	i := f.Reader.IndexOf(id)
	if i < 0 {
		return nil
	}
	f.Reader.Forget(i)
	load := f.Reader.Loader()
	return func() tea.Msg {
		a, err := load(i)
		return reloadedMsg{idx: i, art: a, err: err}
	}
}

// Status describes the paragraph under the raw view's cursor.
func (f *Feature) Status(s *widgets.StatusInfo) {
	if f.Store == nil || !f.Reader.RawFocused() || s.Span != "" {
		return
	}
	p, ok := f.Reader.CursorPara()
	if !ok {
		return
	}
	k := f.Ctx.Keys.Correct.Help().Key
	state := "kept · " + k + " removes"
	switch {
	case p.Removed && p.User:
		state = p.Tag + " · " + k + " reverts"
	case p.Removed:
		state = "removed: " + p.Tag + " · " + k + " keeps"
	case p.User:
		state = p.Tag + " · " + k + " reverts"
	}
	s.Span = fmt.Sprintf("¶%d/%d %s", p.N, p.Of, state)
}
