package tui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/clean"
	"storydesk/tui/browse"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Correcting the cleaner from the raw view.
//
// The raw view's cursor sits on one paragraph; t flips it: a paragraph the
// cleaner removed is kept as body, a kept one is removed ("removed by you"),
// and a paragraph already corrected goes back to the cleaner's verdict. The
// correction is stored (OpSetCorrect) in the same undoable action that moves
// the article's annotations onto the new cleaned text, as R does: the spans
// and quotations are deleted, the snapshot text replaced and they are added
// back at their new offsets. Annotations that would not survive (they sit in
// a paragraph being removed) are listed and the action waits for y.
//
// Loading applies the corrections through corpus.Corpus.Corrections, fed from
// a store.CorrectionIndex the reader keeps current from the actions it
// commits (undo and redo included), so the text shown, the snapshot and the
// changed-on-disk check all agree. After a commit the article is loaded
// again and its views re-rendered in place.

// correctState is the root's part: nil idx means corrections cannot be
// applied (no store, or a Source that cannot re-clean).
type correctState struct {
	idx *store.CorrectionIndex
	// touched holds the articles whose corrections changed this session;
	// checked is the last of them found loaded with its current ones.
	touched map[string]bool
	checked *model.Article
}

// setupCorrections reads the store's corrections and has the corpus apply
// them. It runs once, before the program starts (and so outside a command):
// the hook must be in place before the first article is read, or the list
// and the first article would show uncorrected text. One small query.
func (m *Model) setupCorrections(src Source, st store.Store) {
	cs, ok := st.(store.CorrectionSource)
	c := browse.CorpusOf(src) // loads from its files can apply corrections
	if !ok || c == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	idx, err := store.LoadCorrectionIndex(ctx, cs)
	if err != nil {
		m.message = "Cannot read the cleaner corrections (the raw view cannot correct): " + err.Error()
		return
	}
	m.correct.idx = idx
	c.Corrections = idx.For
	m.br.SetCorrections(idx.For)
}

// correctKey handles the correction key in the raw view.
func (m *Model) correctKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.br.Raw() || !key.Matches(msg, m.c.Keys.Correct) {
		return nil, false
	}
	return m.toggleCorrection(), true
}

// corrTarget is what t acts on, captured when the key is pressed.
type corrTarget struct {
	art        *model.Article
	start, end int // the paragraph's raw range
}

func (t corrTarget) text() string {
	rs := []rune(t.art.Raw)
	if t.start < 0 || t.end > len(rs) || t.start >= t.end {
		return ""
	}
	return string(rs[t.start:t.end])
}

// toggleCorrection flips the paragraph under the raw view's cursor.
func (m *Model) toggleCorrection() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	if m.correct.idx == nil {
		m.message = "Corrections cannot be applied to this corpus"
		return nil
	}
	a, _, cmd := m.currentArticle()
	if a == nil {
		return cmd
	}
	p, ok := m.br.CursorPara()
	if !ok || a.Raw == "" {
		m.message = "No paragraph under the cursor"
		return nil
	}
	t := corrTarget{art: a, start: p.Start, end: p.End}
	return m.queue(func(j *session.Job) (store.Action, bool) { return m.buildCorrection(j, t, "") })
}

// corrPlan is a correction worked out against the current state.
type corrPlan struct {
	keep   int    // OpSetCorrect's Keep: 1, 0, or -1 back to the cleaner
	kept   bool   // the paragraph's verdict after it
	text   string // the article's cleaned text after it
	ops    []store.Op
	placed int // annotations whose offsets change
	lost   []model.Span
	qLost  []model.QuoteAnn
}

// planCorrection flips paragraph t given the stored corrections corr and
// the stored document (nil: never annotated).
func planCorrection(t corrTarget, corr []model.Correction, doc *store.Doc) corrPlan {
	a := t.art
	now := corpus.Reclean(a, corr)
	_, removed := model.RemovedPara(now.Removed, t.start, t.end)
	pl := corrPlan{kept: removed}
	// A correction on exactly this paragraph is taken away when that alone
	// flips it: the cleaner's own verdict is then the one wanted, and the
	// store keeps no correction that says what the cleaner says anyway.
	var rest []model.Correction
	for _, c := range corr {
		if c.Start != t.start || c.End != t.end {
			rest = append(rest, c)
		}
	}
	var next clean.Cleaned
	done := false
	if len(rest) < len(corr) {
		next = corpus.Reclean(a, rest)
		if _, r := model.RemovedPara(next.Removed, t.start, t.end); r != removed {
			pl.keep, done = -1, true
		}
	}
	if !done {
		pl.keep = 0
		if removed {
			pl.keep = 1
		}
		next = corpus.Reclean(a, append(rest, model.Correction{Start: t.start, End: t.end, Keep: removed}))
	}
	pl.text = next.Text
	pl.ops = []store.Op{{Kind: store.OpSetCorrect, Article: a.ID, RawStart: t.start, RawEnd: t.end, Keep: pl.keep}}
	if doc == nil || doc.Text == pl.text {
		return pl
	}
	mv, ok := moveAnnotations(a.Raw, now, next, doc)
	if !ok {
		mv = reanchorAll(doc.Text, pl.text, doc)
	}
	pl.ops = append(pl.ops, mv.remove...)
	pl.ops = append(pl.ops, store.Op{Kind: store.OpSetText, Article: a.ID, Text: pl.text})
	pl.ops = append(pl.ops, mv.add...)
	pl.placed, pl.lost, pl.qLost = mv.moved, mv.lost, mv.qLost
	return pl
}

// lostKey names a plan's lost annotations, to check that what the user
// agreed to delete is still what would be deleted.
func (p corrPlan) lostKey() string {
	var ids []string
	for _, sp := range p.lost {
		ids = append(ids, fmt.Sprintf("s%d", sp.ID))
	}
	for _, q := range p.qLost {
		ids = append(ids, fmt.Sprintf("q%d", q.ID))
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// buildCorrection makes the action when the write's turn comes, against
// the corrections and annotations as saved by then. agreed is the lostKey
// the user said yes to ("" before asking).
func (m *Model) buildCorrection(j *session.Job, t corrTarget, agreed string) (store.Action, bool) {
	id := t.art.ID
	e := m.sess.Doc(id)
	if e == nil {
		m.message = "Not saved: the article's annotations are not loaded"
		return store.Action{}, false
	}
	pl := planCorrection(t, m.correct.idx.For(id), e.Doc)
	what := "“" + ui.Clip(t.text(), 40) + "”"
	var name string
	switch {
	case pl.keep < 0 && pl.kept:
		name, j.Done = "back to the cleaner (kept) "+what, "Back to the cleaner's verdict: kept "+what
	case pl.keep < 0:
		name, j.Done = "back to the cleaner (removed) "+what, "Back to the cleaner's verdict: removed "+what
	case pl.kept:
		name, j.Done = "keep as body "+what, "Kept as body: "+what
	default:
		name, j.Done = "remove as boilerplate "+what, "Removed as boilerplate: "+what
	}
	if pl.placed > 0 {
		j.Done += fmt.Sprintf("; %d annotation%s re-anchored", pl.placed, ui.Plural(pl.placed))
	}
	nLost := len(pl.lost) + len(pl.qLost)
	act := store.Action{Name: name + " in " + ui.Clip(id, 40), Ops: pl.ops}
	if nLost == 0 {
		return act, true
	}
	if key := pl.lostKey(); key != agreed {
		m.askCorrection(t, pl, key)
		return store.Action{}, false
	}
	j.Done += fmt.Sprintf("; deleted %d annotation%s in the removed text (u brings them back)", nLost, ui.Plural(nLost))
	act.Name += fmt.Sprintf(", deleting %d", nLost)
	return act, true
}

// askCorrection lists the annotations a correction would delete and waits
// for y; the action is then worked out again when its turn comes, and asks
// again if the list has changed meanwhile.
func (m *Model) askCorrection(t corrTarget, pl corrPlan, key string) {
	nLost := len(pl.lost) + len(pl.qLost)
	lines := []string{
		fmt.Sprintf("Removing “%s” from the body of %s", ui.Clip(t.text(), 50), ui.Clip(t.art.ID, 50)),
		fmt.Sprintf("would delete %d annotation%s made in it (in the same undoable action):", nLost, ui.Plural(nLost)),
		"",
	}
	for _, sp := range pl.lost {
		lines = append(lines, fmt.Sprintf("  %s at %d–%d", ui.DescribeSpan(sp), sp.Start, sp.End))
	}
	for _, q := range pl.qLost {
		lines = append(lines, fmt.Sprintf("  quotation %s at %d–%d", ui.DescribeQuote(q.Text, q.Speaker), q.Start, q.End))
	}
	if pl.placed > 0 {
		lines = append(lines, "", fmt.Sprintf("%d other annotation%s move with the text.", pl.placed, ui.Plural(pl.placed)))
	}
	lines = append(lines, "", "Press y to apply the correction and delete them, esc to leave the article as it is.")
	m.message = ""
	m.ask(fmt.Sprintf("Correct and delete %d annotation%s in the removed text? y/esc", nLost, ui.Plural(nLost)), lines, func() tea.Cmd {
		return m.queue(func(j *session.Job) (store.Action, bool) { return m.buildCorrection(j, t, key) })
	})
}

// articleReloadedMsg brings back an article loaded again after its
// corrections changed.
type articleReloadedMsg struct {
	idx int
	art *model.Article
	err error
}

// correctionsWritten brings the correction index up to date with a
// committed write and reloads the articles whose corrections it changed.
// It runs before the next queued write is built, so that one sees them.
func (m *Model) correctionsWritten(msg session.WrittenMsg) tea.Cmd {
	if m.correct.idx == nil || !msg.OK || msg.Docs == nil {
		return nil // nothing committed
	}
	var cmds []tea.Cmd
	for _, id := range m.correct.idx.Applied(msg.Act, msg.Job.Kind == session.Undo) {
		if m.correct.touched == nil {
			m.correct.touched = map[string]bool{}
		}
		m.correct.touched[id] = true
		cmds = append(cmds, m.reloadCorrected(id))
	}
	return tea.Batch(cmds...)
}

// checkCorrected loads article a again if it was read with corrections
// since changed: a load already under way when a correction was saved
// returns the text from before it.
func (m *Model) checkCorrected(a *model.Article) tea.Cmd {
	if m.correct.idx == nil || !m.correct.touched[a.ID] || m.correct.checked == a {
		return nil
	}
	m.correct.checked = a
	if corpus.Reclean(a, m.correct.idx.For(a.ID)).Text == a.Text {
		return nil
	}
	return m.reloadCorrected(a.ID)
}

// reloadCorrected drops what the reader holds of article id and loads it
// again (for the list's word count, and the views if it is on screen).
func (m *Model) reloadCorrected(id string) tea.Cmd {
	i := m.itemIndex(id)
	if i < 0 {
		return nil
	}
	m.br.Forget(i)
	src := m.br.Source()
	return func() tea.Msg {
		a, err := src.Load(i)
		return articleReloadedMsg{idx: i, art: a, err: err}
	}
}

// articleReloaded puts a reloaded article in place.
func (m *Model) articleReloaded(msg articleReloadedMsg) tea.Cmd {
	if msg.err != nil || msg.art == nil {
		m.message = "Saved, but the article could not be read again"
		if msg.err != nil {
			m.message += ": " + ui.CleanLine(msg.err.Error())
		}
		return nil
	}
	m.correct.checked = msg.art // read just now, with the current corrections
	cmd := m.br.Replace(msg.idx, msg.art)
	if _, idx, _ := m.br.Article(); idx == msg.idx {
		m.sess.CheckChanged(msg.art)
		// Annotating a never-annotated article shows the loaded text.
		if e := m.sess.Doc(msg.art.ID); m.annotatingID() == msg.art.ID && e != nil && e.Doc == nil {
			m.annot.Refresh(nil)
		}
	}
	return cmd
}

// correctStatus describes the paragraph under the raw view's cursor.
func (m *Model) correctStatus(s *widgets.StatusInfo) {
	if m.annotating() || m.br.Focus() != browse.FocusArticle || !m.br.Raw() || s.Span != "" {
		return
	}
	p, ok := m.br.CursorPara()
	if !ok {
		return
	}
	k := m.c.Keys.Correct.Help().Key
	state := "kept · " + k + " removes"
	switch {
	case p.Reason == model.ReasonUser:
		state = browse.TagRemovedByYou + " · " + k + " reverts"
	case p.Reason != "":
		state = "removed: " + browse.ReasonTag(p.Reason) + " · " + k + " keeps"
	case p.User:
		state = browse.TagKeptByYou + " · " + k + " reverts"
	}
	s.Span = fmt.Sprintf("¶%d/%d %s", p.N, p.Of, state)
}
