package annotate

import (
	"fmt"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/tui/session"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// Building store actions from keys. Each checks what it can against the
// document on screen (overlaps, a span under the cursor) and explains a
// refusal in the status bar; the store checks again and has the last word.

// Target is what an annotate key acts on, captured when the key is
// pressed: the article, the text its offsets index, and the range (the
// selection, or the word or span under the cursor). The action itself is
// built when its turn in the write queue comes, against the spans as saved
// by then, so a label typed before the previous tag's save came back
// relabels that tag instead of colliding with it; a text replaced
// meanwhile refuses it.
type Target struct {
	ID         string
	Start, End int
	runes      []rune
	text       string         // the same as a string (compared with the store's on every write)
	art        *model.Article // for the first snapshot
	sel        bool           // the range is a selection
}

func (f *Feature) captureTarget() (Target, bool) {
	s, e, ok := f.pane.target()
	if !ok {
		return Target{}, false
	}
	_, _, sel := f.pane.Selection()
	t := f.Capture(s, e)
	t.sel = sel
	return t, true
}

// Capture is [start, end) of the article on screen, as it is now.
func (f *Feature) Capture(start, end int) Target {
	a := f.pane
	t := Target{ID: a.id, runes: a.runes, text: a.text, Start: start, End: end}
	if art, _, _ := f.r.Article(); art != nil && art.ID == a.id && art.Text == a.text {
		t.art = art
	}
	return t
}

// Text is the target's words.
func (t Target) Text() string { return string(t.runes[t.Start:t.End]) }

// current is what the store holds for the target's article now; ok is false
// (with a message) when it is not known.
func (f *Feature) current(t Target) (doc *store.Doc, spans []model.Span, ok bool) {
	e := f.sess.Doc(t.ID)
	if e == nil {
		f.host.Report(ui.Info("Not saved: the article's annotations are not loaded"))
		return nil, nil, false
	}
	if e.Doc != nil {
		if e.Doc.Text != t.text {
			f.host.Report(ui.Info("Not saved: the article's text was replaced meanwhile (re-anchored); try again"))
			return nil, nil, false
		}
		return e.Doc, e.Doc.Spans, true
	}
	if t.art == nil {
		f.host.Report(ui.Info("Not saved: the article is no longer loaded"))
		return nil, nil, false
	}
	return nil, nil, true
}

// snapshot is the article to store with the first action on it.
func (t Target) snapshot(doc *store.Doc) *model.Article {
	if doc != nil {
		return nil
	}
	return t.art
}

// Queue adds a write whose action build makes when its turn comes; build
// returns false (having said why) to refuse. The job remembers the cursor
// and selection, so its answer moves them only if the user has not.
func (f *Feature) Queue(build func(j *session.Job) (store.Action, bool)) tea.Cmd {
	return f.sess.Enqueue(&session.Job{Kind: session.Do, Sel: f.pane.SelKey(), Focus: -1, Build: build})
}

// QueueEdit queues a change to the target t, built when its turn comes
// against the document as saved by then: change gets that document (nil:
// never annotated) and its spans, and returns the ops and the action's
// name, or false (having said why) to refuse. The action snapshots the
// article with its first annotation, marks a new one in progress, and puts
// the cursor on the target unless change set j.Focus.
func (f *Feature) QueueEdit(t Target, change func(j *session.Job, doc *store.Doc, spans []model.Span) (ops []store.Op, name string, ok bool)) tea.Cmd {
	return f.QueueEditAt(t, t.Start, change)
}

// QueueEditAt is QueueEdit putting the cursor on focus after (-1: it
// stays) unless change sets j.Focus.
func (f *Feature) QueueEditAt(t Target, focus int, change func(j *session.Job, doc *store.Doc, spans []model.Span) (ops []store.Op, name string, ok bool)) tea.Cmd {
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		j.Focus = focus
		ops, name, ok := change(j, doc, spans)
		if !ok {
			return store.Action{}, false
		}
		return store.Action{Name: name, Article: t.snapshot(doc), Ops: FirstTouch(ops, t.ID, doc)}, true
	})
}

// tagWith applies label i to the selection, or to the word or span under
// the cursor (relabelling a span).
func (f *Feature) tagWith(i int) tea.Cmd {
	labels := f.c.Labels
	if i >= len(labels) {
		f.host.Report(ui.Info(fmt.Sprintf("No label %d: the label set has %d (%s)", i+1, len(labels), strings.Join(labels, ", "))))
		return nil
	}
	t, ok := f.captureTarget()
	if !ok {
		return nil
	}
	t = f.snapTarget(t)
	label := labels[i]
	// Refuse now what is already known to overlap, keeping the selection.
	if o, clash := overlapping(f.pane.spans, t.Start, t.End); clash && (o.Start != t.Start || o.End != t.End) {
		f.host.Report(ui.Info("Cannot tag: the selection overlaps " + ui.DescribeSpan(o) + " — entities do not overlap (" + ui.KeyName(f.c.Keys.Delete) + " deletes it)"))
		return nil
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		// The whole of an existing span: change its label.
		// Either way an imported span has been reviewed (review.go).
		if sp, ok := overlapping(spans, t.Start, t.End); ok && sp.Start == t.Start && sp.End == t.End {
			if sp.Label == label && sp.Source != "" {
				acc := sp
				acc.Source = ""
				j.Done, j.Focus = "Accepted "+ui.DescribeSpan(acc)+ui.ReviewedNote(sp.Source), sp.Start
				return store.Action{Name: "accept " + ui.DescribeSpan(acc), Ops: SpanEditOps(doc, t.ID, sp, sp)}, true
			}
			if sp.Label == label {
				f.host.Report(ui.Info("Already " + ui.DescribeSpan(sp)))
				return store.Action{}, false
			}
			nw := sp
			nw.Label = label
			j.Done, j.Focus = fmt.Sprintf("Relabelled “%s”: %s → %s", ui.Clip(sp.Text, 40), sp.Label, label)+ui.ReviewedNote(sp.Source), sp.Start
			return store.Action{Name: fmt.Sprintf("label %s → %s “%s”", sp.Label, label, ui.Clip(sp.Text, 40)),
				Ops: SpanEditOps(doc, t.ID, sp, nw)}, true
		} else if ok {
			f.host.Report(ui.Info("Not saved: it would overlap " + ui.DescribeSpan(sp) + " — entities do not overlap"))
			return store.Action{}, false
		}
		sp := model.Span{Start: t.Start, End: t.End, Label: label, Text: t.Text()}
		j.Done, j.Focus = fmt.Sprintf("Tagged “%s” %s", ui.Clip(sp.Text, 40), label), t.Start
		return store.Action{Name: fmt.Sprintf("tag %s “%s”", label, ui.Clip(sp.Text, 40)), Article: t.snapshot(doc),
			Ops: FirstTouch([]store.Op{{Kind: store.OpAddSpan, Article: t.ID, Span: sp}}, t.ID, doc)}, true
	})
}

// deleteSpans deletes the span under the cursor, or every span the
// selection touches.
func (f *Feature) deleteSpans() tea.Cmd {
	t, ok := f.captureTarget()
	if !ok {
		return nil
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		var victims []model.Span
		for _, sp := range spans {
			if sp.Overlaps(t.Start, t.End) {
				victims = append(victims, sp)
			}
		}
		if len(victims) == 0 {
			f.host.Report(ui.Info("Nothing to delete: no tagged span here"))
			return store.Action{}, false
		}
		// Quotations whose speaker is a deleted span lose the link first, in
		// the same action, so undo puts the link back with the span.
		ops := unlinkQuotes(doc, t.ID, victims)
		for _, sp := range victims {
			ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: t.ID, Span: sp})
		}
		name := "delete " + ui.DescribeSpan(victims[0])
		j.Done, j.Focus = "Deleted "+ui.DescribeSpan(victims[0]), victims[0].Start
		if len(victims) > 1 {
			name = fmt.Sprintf("delete %d spans", len(victims))
			j.Done = fmt.Sprintf("Deleted %d spans", len(victims))
		}
		return store.Action{Name: name, Ops: ops}, true
	})
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
func (f *Feature) tagAll(corpus bool) tea.Cmd {
	a := f.pane
	if sp, ok := a.CursorSpan(); ok {
		return f.runTagAll(corpus, sp.Text, sp.Label, sp.Canonical)
	}
	if f.sugg != nil {
		if cmd, ok := f.sugg.TagAll(corpus); ok {
			return cmd
		}
	}
	s, e, ok := a.target()
	if !ok {
		return nil
	}
	s, e = a.snap(s, e)
	return f.host.Push(&labelWait{f: f, corpus: corpus, start: s, end: e, text: string(a.runes[s:e])})
}

func (f *Feature) tagAllAs(w *labelWait, i int) tea.Cmd {
	if i >= len(f.c.Labels) {
		f.host.Report(ui.Info(fmt.Sprintf("No label %d", i+1)))
		return nil
	}
	return f.runTagAll(w.corpus, w.text, f.c.Labels[i], "")
}

// TagAll is tag-all on a name not stored yet (a suggestion): every
// occurrence of text in the article gets label, in one action, except
// where a span or one of avoid is; with corpus, across the corpus.
func (f *Feature) TagAll(corpus bool, text, label string, avoid []model.Span) tea.Cmd {
	if corpus {
		return f.runTagAll(true, text, label, "")
	}
	return f.tagAllHere(text, label, "", avoid, "")
}

func (f *Feature) runTagAll(corpus bool, text, label, canonical string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if corpus {
		return f.startScan(text, label, canonical)
	}
	return f.tagAllHere(text, label, canonical, nil, "other ")
}

// tagAllHere tags every occurrence of text in the article on screen,
// avoiding the spans and avoid; other is how the refusal names them.
func (f *Feature) tagAllHere(text, label, canonical string, avoid []model.Span, other string) tea.Cmd {
	t, ok := f.captureTarget()
	if !ok {
		return nil
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := f.current(t)
		if !ok {
			return store.Action{}, false
		}
		if len(avoid) > 0 {
			spans = append(append([]model.Span(nil), spans...), avoid...)
			model.SortSpans(spans)
		}
		found, skipped, clash, already := occurrences(t.runes, text, label, spans)
		what := fmt.Sprintf("“%s”", ui.Clip(text, 30))
		if len(found) == 0 {
			f.host.Report(ui.Info(fmt.Sprintf("No %s%s to tag as %s", other, what, label) + skipNote(skipped, clash, already)))
			return store.Action{}, false
		}
		ops := make([]store.Op, 0, len(found)+1)
		for _, fd := range found {
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: t.ID,
				Span: model.Span{Start: fd[0], End: fd[1], Label: label, Text: text, Canonical: canonical}})
		}
		j.Done = fmt.Sprintf("Tagged %d × %s as %s", len(found), what, label) + skipNote(skipped, clash, already)
		return store.Action{Name: fmt.Sprintf("tag all %s %s (%d)", what, label, len(found)),
			Ops: FirstTouch(ops, t.ID, doc), Article: t.snapshot(doc)}, true
	})
}

func skipNote(skipped int, clash *model.Span, already int) string {
	var parts []string
	if skipped > 0 {
		p := fmt.Sprintf("%d skipped (overlap", skipped)
		if clash != nil {
			p += " with " + ui.DescribeSpan(*clash)
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
func (f *Feature) currentArticle() (*model.Article, *session.DocEntry, tea.Cmd) {
	a, idx, _ := f.r.Article()
	if a == nil || idx < 0 || f.r.Selected() != idx {
		f.host.Report(ui.Info("No article loaded yet"))
		return nil, nil, nil
	}
	e := f.sess.Doc(a.ID)
	if e == nil {
		f.host.Report(ui.Info(msgLoadingAnn))
		return nil, nil, f.sess.RequestDoc(a.ID)
	}
	return a, e, nil
}

// toggleDone marks the current article done, or back in progress (as it
// stands when the write's turn comes, so d d toggles twice).
func (f *Feature) toggleDone() tea.Cmd {
	a, _, cmd := f.currentArticle()
	if a == nil {
		return cmd
	}
	return f.Queue(func(j *session.Job) (store.Action, bool) {
		e := f.sess.Doc(a.ID)
		if e == nil {
			f.host.Report(ui.Info("Not saved: the article's annotations are not loaded"))
			return store.Action{}, false
		}
		next, name := model.StatusDone, "mark done"
		j.Done = "Marked done"
		if e.Doc != nil && e.Doc.Status == model.StatusDone {
			next, name = model.StatusInProgress, "mark in progress"
			j.Done = "Marked in progress (not done)"
		}
		act := store.Action{Name: name + " " + ui.Clip(a.ID, 40), Ops: []store.Op{{Kind: store.OpSetStatus, Article: a.ID, Status: next}}}
		if e.Doc == nil {
			act.Article = a
		}
		return act, true
	})
}

// undo queues an undo or redo.
func (f *Feature) undo(kind session.Kind) tea.Cmd {
	return f.sess.Enqueue(&session.Job{Kind: kind, Focus: -1, Sel: f.pane.SelKey()})
}

// reanchor moves the current article's spans onto its changed text as one
// undoable action. The store checks each span against the snapshot when it
// is written, and undo replays ops in reverse, so spans are deleted before
// the text is replaced and added back (same ids, new offsets) after it:
// OpSetSpan cannot move a span across a text change in both directions.
// Spans that cannot be placed are listed and deleted in the same action,
// only after the user confirms.
func (f *Feature) reanchor() tea.Cmd {
	a, e, cmd := f.currentArticle()
	if a == nil {
		return cmd
	}
	if e.Doc == nil || !f.sess.Changed(a.ID) {
		f.host.Report(ui.Info("Nothing to re-anchor: the text on disk is the annotated one"))
		return nil
	}
	old := e.Doc
	placed, lost := model.Reanchor(old.Text, a.Text, old.Spans)
	// Quotations move the same way, on their own (they contain entity
	// spans, which Reanchor would keep them from overlapping). They go
	// first and come back last, so undo re-adds them after their speakers'
	// spans.
	qPlaced, qLost := model.ReanchorQuotes(old.Text, a.Text, old.Quotes, lost)
	var ops []store.Op
	for _, q := range old.Quotes {
		ops = append(ops, store.Op{Kind: store.OpDelQuote, Article: a.ID, Quote: q})
	}
	for _, sp := range old.Spans {
		ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: a.ID, Span: sp})
	}
	ops = append(ops, store.Op{Kind: store.OpSetText, Article: a.ID, Text: a.Text})
	for _, sp := range placed {
		ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: a.ID, Span: sp})
	}
	for _, q := range qPlaced {
		ops = append(ops, store.Op{Kind: store.OpAddQuote, Article: a.ID, Quote: q})
	}
	act := store.Action{Name: fmt.Sprintf("re-anchor %d spans of %s", len(old.Spans), ui.Clip(a.ID, 40)), Ops: ops}
	done := fmt.Sprintf("Re-anchored %d spans onto the new text", len(placed))
	if len(old.Quotes) > 0 {
		done += fmt.Sprintf(" and %d quotation%s", len(qPlaced), ui.Plural(len(qPlaced)))
	}
	run := func() tea.Cmd {
		return f.sess.Enqueue(&session.Job{Kind: session.Do, Act: act, Done: done, Sel: f.pane.SelKey(), Focus: -1})
	}
	nLost := len(lost) + len(qLost)
	if nLost == 0 {
		return run()
	}
	k := f.c.Keys
	done += fmt.Sprintf("; deleted %d that no longer occur (%s brings them back)", nLost, ui.KeyName(k.Undo))
	act.Name += fmt.Sprintf(", deleting %d", nLost)
	lines := []string{
		fmt.Sprintf("The text of %s changed on disk. %d of %d spans can be moved onto it;", ui.Clip(a.ID, 60), len(placed), len(old.Spans)),
		fmt.Sprintf("these %d no longer occur in it and would be deleted (in the same undoable action):", nLost),
		"",
	}
	for _, sp := range lost {
		lines = append(lines, fmt.Sprintf("  %s at %d–%d", ui.DescribeSpan(sp), sp.Start, sp.End))
	}
	for _, q := range qLost {
		lines = append(lines, fmt.Sprintf("  quotation %s at %d–%d", ui.DescribeQuote(q.Text, q.Speaker), q.Start, q.End))
	}
	lines = append(lines, "", fmt.Sprintf("Press %s to re-anchor and delete them, %s to keep the snapshot as it is.", ui.KeyName(k.Confirm), ui.KeyName(k.Back)))
	return f.ask(fmt.Sprintf("Re-anchor and delete %d annotation%s that no longer occur? %s", nLost, ui.Plural(nLost), f.yesNo()), lines, run)
}

// ask asks a yes/no question (with details in a box when there are any).
func (f *Feature) ask(text string, details []string, yes func() tea.Cmd) tea.Cmd {
	return f.host.Push(widgets.NewQuestion(f.c, f.host, text, details, yes))
}

// yesNo is the keys that answer a question: "y/esc".
func (f *Feature) yesNo() string {
	return ui.KeyName(f.c.Keys.Confirm) + "/" + ui.KeyName(f.c.Keys.Back)
}
