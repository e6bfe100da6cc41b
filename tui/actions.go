package tui

import (
	"fmt"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"storydesk/data"
	"storydesk/model"
)

// Building store actions from keys. Each checks what it can against the
// document on screen (overlaps, a span under the cursor) and explains a
// refusal in the status bar; the store checks again and has the last word.

// annDoc is the stored document of the article in annotate mode (nil when
// it has never been annotated).
func (m *Model) annDoc() *data.Doc {
	if e := m.sess.doc(m.ann.id); e != nil {
		return e.doc
	}
	return nil
}

// snapshotFor is the article to snapshot with an action on the annotate
// pane's article: needed only before its first annotation.
func (m *Model) snapshotFor() *model.Article {
	if m.annDoc() != nil {
		return nil
	}
	if a := m.detail.art; a != nil && a.ID == m.ann.id && a.Text == m.ann.text {
		return a
	}
	return nil
}

// firstTouch adds "in progress" to an action on an article that is new.
func firstTouch(ops []data.Op, id string, doc *data.Doc) []data.Op {
	if doc == nil || doc.Status == model.StatusNew || doc.Status == "" {
		ops = append(ops, data.Op{Kind: data.OpSetStatus, Article: id, Status: model.StatusInProgress})
	}
	return ops
}

// do queues an action on the annotate pane's article.
func (m *Model) do(act data.Action, done string, focus int) tea.Cmd {
	return m.sess.enqueue(&writeJob{kind: writeDo, act: act, done: done, selKey: m.ann.selKey(), focus: focus})
}

// tagWith applies label i to the selection, or to the word or span under
// the cursor (relabelling a span).
func (m *Model) tagWith(i int) tea.Cmd {
	if !m.needStore() {
		return nil
	}
	if i >= len(m.c.labels) {
		m.message = fmt.Sprintf("No label %d: the label set has %d (%s)", i+1, len(m.c.labels), strings.Join(m.c.labels, ", "))
		return nil
	}
	a := m.ann
	label := m.c.labels[i]
	start, end, ok := a.target()
	if !ok {
		return nil
	}
	// The whole of an existing span (the cursor on it, or a selection of
	// exactly it): change its label.
	if sp, ok := a.spanAt(start); ok && sp.Start == start && sp.End == end {
		if sp.Label == label {
			m.message = "Already " + describeSpan(sp)
			return nil
		}
		old := sp.Label
		sp.Label = label
		act := data.Action{Name: fmt.Sprintf("label %s → %s “%s”", old, label, clip(sp.Text, 40)),
			Ops: []data.Op{{Kind: data.OpSetSpan, Article: a.id, Span: sp}}}
		return m.do(act, fmt.Sprintf("Relabelled “%s”: %s → %s", clip(sp.Text, 40), old, label), sp.Start)
	}
	if o, clash := model.FindOverlap(a.spans, start, end, 0); clash {
		m.message = "Cannot tag: the selection overlaps " + describeSpan(o) + " — entities do not overlap (x deletes it)"
		return nil
	}
	sp := model.Span{Start: start, End: end, Label: label, Text: string(a.runes[start:end])}
	ops := firstTouch([]data.Op{{Kind: data.OpAddSpan, Article: a.id, Span: sp}}, a.id, m.annDoc())
	act := data.Action{Name: fmt.Sprintf("tag %s “%s”", label, clip(sp.Text, 40)), Ops: ops, Article: m.snapshotFor()}
	return m.do(act, fmt.Sprintf("Tagged “%s” %s", clip(sp.Text, 40), label), start)
}

// deleteSpans deletes the span under the cursor, or every span the
// selection touches.
func (m *Model) deleteSpans() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a := m.ann
	var victims []model.Span
	if s, e, ok := a.selection(); ok {
		for _, sp := range a.spans {
			if sp.Overlaps(s, e) {
				victims = append(victims, sp)
			}
		}
	} else if sp, ok := a.cursorSpan(); ok {
		victims = append(victims, sp)
	}
	if len(victims) == 0 {
		m.message = "Nothing to delete: no tagged span here"
		return nil
	}
	ops := make([]data.Op, len(victims))
	for i, sp := range victims {
		ops[i] = data.Op{Kind: data.OpDelSpan, Article: a.id, Span: sp}
	}
	name := "delete " + describeSpan(victims[0])
	done := "Deleted " + describeSpan(victims[0])
	if len(victims) > 1 {
		name = fmt.Sprintf("delete %d spans", len(victims))
		done = fmt.Sprintf("Deleted %d spans", len(victims))
	}
	return m.do(data.Action{Name: name, Ops: ops}, done, victims[0].Start)
}

// occurrences finds text in runes at word boundaries, as [start, end)
// pairs, leaving out the ones that would overlap a span in spans (or one
// already found) and counting those: skipped overlaps something else,
// already is exactly a span with the same label.
func occurrences(runes []rune, text string, label string, spans []model.Span) (found [][2]int, skipped int, firstClash *model.Span, already int) {
	want := []rune(text)
	if len(want) == 0 {
		return nil, 0, nil, 0
	}
	var taken []model.Span
	for i := 0; i+len(want) <= len(runes); i++ {
		if runes[i] != want[0] || !equalRunes(runes[i:i+len(want)], want) {
			continue
		}
		s, e := i, i+len(want)
		if s > 0 && wordRune(runes[s-1]) && wordRune(runes[s]) || e < len(runes) && wordRune(runes[e]) && wordRune(runes[e-1]) {
			continue // inside a longer word: "Petro" in "Petronas"
		}
		if o, clash := model.FindOverlap(spans, s, e, 0); clash {
			if o.Start == s && o.End == e && o.Label == label {
				already++
			} else {
				skipped++
				if firstClash == nil {
					oc := o
					firstClash = &oc
				}
			}
			i = e - 1
			continue
		}
		if _, clash := model.FindOverlap(taken, s, e, 0); clash {
			continue
		}
		taken = append(taken, model.Span{Start: s, End: e})
		found = append(found, [2]int{s, e})
		i = e - 1
	}
	return found, skipped, firstClash, already
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// tagAll is a (this article) or A (the corpus). On a tagged span it copies
// that span's label and canonical name; on an untagged word or selection it
// waits for the label key.
func (m *Model) tagAll(corpus bool) tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a := m.ann
	if sp, ok := a.cursorSpan(); ok {
		return m.runTagAll(corpus, sp.Text, sp.Label, sp.Canonical)
	}
	s, e, ok := a.target()
	if !ok {
		return nil
	}
	m.labelWait = &labelWait{corpus: corpus, start: s, end: e, text: string(a.runes[s:e])}
	return nil
}

func (m *Model) tagAllAs(w *labelWait, i int) tea.Cmd {
	if i >= len(m.c.labels) {
		m.message = fmt.Sprintf("No label %d", i+1)
		return nil
	}
	return m.runTagAll(w.corpus, w.text, m.c.labels[i], "")
}

func (m *Model) runTagAll(corpus bool, text, label, canonical string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if corpus {
		return m.startScan(text, label, canonical)
	}
	a := m.ann
	found, skipped, clash, already := occurrences(a.runes, text, label, a.spans)
	what := fmt.Sprintf("“%s”", clip(text, 30))
	if len(found) == 0 {
		m.message = fmt.Sprintf("No other %s to tag as %s", what, label) + skipNote(skipped, clash, already)
		return nil
	}
	ops := make([]data.Op, 0, len(found)+1)
	for _, f := range found {
		ops = append(ops, data.Op{Kind: data.OpAddSpan, Article: a.id,
			Span: model.Span{Start: f[0], End: f[1], Label: label, Text: text, Canonical: canonical}})
	}
	ops = firstTouch(ops, a.id, m.annDoc())
	act := data.Action{Name: fmt.Sprintf("tag all %s %s (%d)", what, label, len(found)), Ops: ops, Article: m.snapshotFor()}
	done := fmt.Sprintf("Tagged %d × %s as %s", len(found), what, label) + skipNote(skipped, clash, already)
	return m.do(act, done, -1)
}

func skipNote(skipped int, clash *model.Span, already int) string {
	var parts []string
	if skipped > 0 {
		p := fmt.Sprintf("%d skipped (overlap", skipped)
		if clash != nil {
			p += " with " + describeSpan(*clash)
		}
		parts = append(parts, p+")")
	}
	if already > 0 {
		parts = append(parts, fmt.Sprintf("%d already tagged", already))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}

// currentArticle is the loaded article the keys act on, with its store
// entry; it explains in the status bar when either is not there yet.
func (m *Model) currentArticle() (*model.Article, *docEntry, tea.Cmd) {
	a := m.detail.art
	if a == nil || m.detail.idx < 0 || m.list.Selected() != m.detail.idx {
		m.message = "No article loaded yet"
		return nil, nil, nil
	}
	e := m.sess.doc(a.ID)
	if e == nil {
		m.message = "Loading annotations…"
		return nil, nil, m.sess.requestDoc(a.ID)
	}
	return a, e, nil
}

// toggleDone marks the current article done, or back in progress.
func (m *Model) toggleDone() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a, e, cmd := m.currentArticle()
	if a == nil {
		return cmd
	}
	next, name, done := model.StatusDone, "mark done", "Marked done"
	if e.doc != nil && e.doc.Status == model.StatusDone {
		next, name, done = model.StatusInProgress, "mark in progress", "Marked in progress (not done)"
	}
	act := data.Action{Name: name + " " + clip(a.ID, 40), Ops: []data.Op{{Kind: data.OpSetStatus, Article: a.ID, Status: next}}}
	if e.doc == nil {
		act.Article = a
	}
	return m.sess.enqueue(&writeJob{kind: writeDo, act: act, done: done, selKey: m.ann.selKey(), focus: -1})
}

// undo queues an undo or redo.
func (m *Model) undo(kind writeKind) tea.Cmd {
	if !m.needStore() {
		return nil
	}
	return m.sess.enqueue(&writeJob{kind: kind, focus: -1})
}

// reanchor moves the current article's spans onto its changed text as one
// undoable action. The store checks each span against the snapshot when it
// is written, and undo replays ops in reverse, so spans are deleted before
// the text is replaced and added back (same ids, new offsets) after it:
// OpSetSpan cannot move a span across a text change in both directions.
// Spans that cannot be placed are listed and deleted in the same action,
// only after the user confirms.
func (m *Model) reanchor() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a, e, cmd := m.currentArticle()
	if a == nil {
		return cmd
	}
	if e.doc == nil || !m.sess.changed[a.ID] {
		m.message = "Nothing to re-anchor: the text on disk is the annotated one"
		return nil
	}
	old := e.doc
	placed, lost := model.Reanchor(old.Text, a.Text, old.Spans)
	var ops []data.Op
	for _, sp := range old.Spans {
		ops = append(ops, data.Op{Kind: data.OpDelSpan, Article: a.ID, Span: sp})
	}
	ops = append(ops, data.Op{Kind: data.OpSetText, Article: a.ID, Text: a.Text})
	for _, sp := range placed {
		ops = append(ops, data.Op{Kind: data.OpAddSpan, Article: a.ID, Span: sp})
	}
	act := data.Action{Name: fmt.Sprintf("re-anchor %d spans of %s", len(old.Spans), clip(a.ID, 40)), Ops: ops}
	done := fmt.Sprintf("Re-anchored %d spans onto the new text", len(placed))
	run := func() tea.Cmd {
		return m.sess.enqueue(&writeJob{kind: writeDo, act: act, done: done, selKey: m.ann.selKey(), focus: -1})
	}
	if len(lost) == 0 {
		return run()
	}
	done += fmt.Sprintf("; deleted %d that no longer occur (u brings them back)", len(lost))
	act.Name += fmt.Sprintf(", deleting %d", len(lost))
	lines := []string{
		fmt.Sprintf("The text of %s changed on disk. %d of %d spans can be moved onto it;", clip(a.ID, 60), len(placed), len(old.Spans)),
		fmt.Sprintf("these %d no longer occur in it and would be deleted (in the same undoable action):", len(lost)),
		"",
	}
	for _, sp := range lost {
		lines = append(lines, fmt.Sprintf("  %s at %d–%d", describeSpan(sp), sp.Start, sp.End))
	}
	lines = append(lines, "", "Press y to re-anchor and delete them, esc to keep the snapshot as it is.")
	m.question = &question{
		text:  fmt.Sprintf("Re-anchor and delete %d span%s that no longer occur? y/esc", len(lost), plural(len(lost))),
		lines: lines,
		yes:   run,
	}
	m.openOverlay(overlayQuestion)
	return nil
}
