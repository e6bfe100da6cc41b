package quotes

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/quote"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Quotes mode (Q in annotate mode): the article's quotations — the ones
// stored (accepted or rejected) and, as dimmer suggestions, the ones the
// detector finds that are not stored — listed in a side panel and
// highlighted in the text, distinctly from entities. n/N step through them;
// enter accepts the suggested speaker, s picks or types another, t changes
// the kind, x rejects a false detection (stored, so it is not suggested
// again); " tags a selection by hand; C lists the other articles that
// carry the quotation. Every change is one action in the write queue, so
// it is shown only once committed, and undone with u.
//
// Accepted quotations are highlighted in annotate mode whether or not
// quotes mode is on; suggestions only in quotes mode, where the detector
// runs (in a tea.Cmd, once per article text).

// key handles quotes keys in annotate mode; it reports whether it used
// the key (otherwise annotate mode's own handling runs).
func (f *Feature) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := f.c.Keys
	a := f.ann.Pane()
	switch {
	case key.Matches(msg, k.Quotes):
		f.on = !f.on
		if f.on {
			f.report(fmt.Sprintf("Quotes: %s step, %s accepts, %s speaker, %s kind, %s rejects, %s who carried it",
				f.stepKeys(), ui.KeyName(k.QuoteAccept), ui.KeyName(k.QuoteSpeaker), ui.KeyName(k.QuoteKind), ui.KeyName(k.QuoteReject), ui.KeyName(k.QuoteCarriers)))
		}
		return nil, true
	case key.Matches(msg, k.QuoteTag):
		return f.tagQuote(), true
	case key.Matches(msg, k.QuoteCarriers):
		return f.searchCarriers(), true
	}
	if !f.on {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Back):
		if a.Selecting() {
			return nil, false // esc drops the selection first
		}
		f.on = false
		return nil, true
	case key.Matches(msg, k.Entities):
		f.on = false
		a.SetPanel(true, false)
		return nil, true
	case key.Matches(msg, k.QuoteNext):
		f.step(1)
		return nil, true
	case key.Matches(msg, k.QuotePrev):
		f.step(-1)
		return nil, true
	case key.Matches(msg, k.QuoteAccept):
		return f.accept(), true
	case key.Matches(msg, k.QuoteReject):
		return f.reject(), true
	case key.Matches(msg, k.QuoteKind):
		return f.cycleKind(), true
	case key.Matches(msg, k.QuoteSpeaker):
		return f.openSpeakerPrompt(), true
	}
	return nil, false
}

// stepKeys names the keys that step through quotations: "n/N".
func (f *Feature) stepKeys() string {
	return ui.KeyName(f.c.Keys.QuoteNext) + "/" + ui.KeyName(f.c.Keys.QuotePrev)
}

// claims reports whether msg is a quotes key that annotate mode must see
// before the global keys.
func (f *Feature) claims(msg tea.KeyPressMsg) bool {
	k := f.c.Keys
	if key.Matches(msg, k.Quotes, k.QuoteTag, k.QuoteCarriers) {
		return true
	}
	return f.on && key.Matches(msg, k.QuoteNext, k.QuotePrev, k.QuoteAccept, k.QuoteReject, k.QuoteKind, k.QuoteSpeaker)
}

// step moves the cursor to the next (dir 1) or previous live quotation,
// wrapping around the article.
func (f *Feature) step(dir int) {
	a := f.ann.Pane()
	var live []int
	for i := range f.items {
		if f.items[i].status() != model.QuoteRejected {
			live = append(live, i)
		}
	}
	if len(live) == 0 {
		switch {
		case f.detecting:
			f.report("Finding quotations…")
		default:
			f.report("No quotations in this article: select the words and press " + ui.KeyName(f.c.Keys.QuoteTag) + " to tag one")
		}
		return
	}
	a.ClearSelection()
	cs, _ := a.CursorRange()
	cur := f.current()
	// Items are in text order, so their indexes order them.
	target := -1
	if dir > 0 {
		for _, i := range live {
			if cur >= 0 && i > cur || cur < 0 && f.items[i].start >= cs {
				target = i
				break
			}
		}
	} else {
		for k := len(live) - 1; k >= 0; k-- {
			if i := live[k]; cur >= 0 && i < cur || cur < 0 && f.items[i].start < cs {
				target = i
				break
			}
		}
	}
	wrapped := target < 0
	if wrapped && len(live) == 1 && cur == live[0] {
		f.report("This is the only quotation")
		return
	}
	if wrapped && dir > 0 {
		target = live[0]
	} else if wrapped {
		target = live[len(live)-1]
	}
	a.JumpTo(f.items[target].start)
	if wrapped {
		if dir > 0 {
			f.report("Wrapped to the first quotation")
		} else {
			f.report("Wrapped to the last quotation")
		}
	}
}

// target is what a quotes key acts on, captured when it is pressed: the
// article, the quotation's range and the detection there. The action is
// built when its turn in the write queue comes, against the quotations as
// saved by then (as entity actions are).
type target struct {
	id         string
	start, end int
	text       string
	queue      func(Change) tea.Cmd
	det        *quote.Quote
	annID      int64
}

func (f *Feature) capture(it *item) target {
	a := f.ann.Pane()
	t := target{id: a.ID(), start: it.start, end: it.end, text: string(a.Runes()[it.start:it.end]), queue: f.ann.Capture(it.start, it.end)}
	if it.det != nil {
		d := *it.det
		t.det = &d
	}
	if it.ann != nil {
		t.annID = it.ann.ID
	}
	return t
}

// storedAt is the stored quotation t means, as saved now.
func storedAt(doc *store.Doc, t target) (model.QuoteAnn, bool) {
	if doc == nil {
		return model.QuoteAnn{}, false
	}
	if t.annID != 0 {
		for _, q := range doc.Quotes {
			if q.ID == t.annID {
				return q, true
			}
		}
	}
	for _, q := range doc.Quotes {
		if q.Start == t.start && q.End == t.end {
			return q, true
		}
	}
	return model.QuoteAnn{}, false
}

// itemAtCursor is the current item, or nil with a message saying how to
// get one.
func (f *Feature) itemAtCursor() *item {
	i := f.current()
	if i < 0 {
		f.report("Put the cursor in a quotation (" + f.stepKeys() + " step through them)")
		return nil
	}
	return &f.items[i]
}

// quoteChange builds a quote action when its turn comes: it gets the
// stored quotation at the target (nil when there is none) and returns the
// ops.
type quoteChange func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) (ops []store.Op, name string, ok bool)

func (f *Feature) queue(t target, change quoteChange) tea.Cmd {
	return t.queue(func(j *session.Job, doc *store.Doc, spans []model.Span) ([]store.Op, string, bool) {
		var cur *model.QuoteAnn
		if q, ok := storedAt(doc, t); ok {
			cur = &q
		}
		return change(j, doc, spans, cur)
	})
}

// newQuote is a quotation to add at t.
func newQuote(t target, speaker string, kind model.QuoteKind, status string, spans []model.Span) model.QuoteAnn {
	q := model.QuoteAnn{Start: t.start, End: t.end, Text: t.text, Kind: kind, Status: status}
	q.Speaker, q.SpeakerSpan = link(spans, speaker, t.det, t.start, t.end)
	q.MentionStart, q.MentionEnd = mention(q, t.det, spans)
	return q
}

// mention is where the text names q's speaker: the detector's mention
// when the speaker is the one it suggested (or the entity that mention
// is), else the linked entity span; 0, 0 when neither says.
func mention(q model.QuoteAnn, det *quote.Quote, spans []model.Span) (int, int) {
	if det != nil && det.SpeakerEnd > det.SpeakerStart {
		if q.Speaker != "" && q.Speaker == suggestedSpeaker(det) {
			return det.SpeakerStart, det.SpeakerEnd
		}
		for _, sp := range spans {
			if sp.ID == q.SpeakerSpan && q.SpeakerSpan != 0 &&
				(sp.Start < det.SpeakerEnd && det.SpeakerStart < sp.End || sp.Start < det.EntityEnd && det.EntityStart < sp.End) {
				return det.SpeakerStart, det.SpeakerEnd
			}
		}
	}
	for _, sp := range spans {
		if sp.ID == q.SpeakerSpan && q.SpeakerSpan != 0 {
			return sp.Start, sp.End
		}
	}
	return 0, 0
}

// link is the speaker as stored: the tagged entity it is, by the entity's
// name (its canonical name, else its text), and the span; else the name
// as given and 0.
func link(spans []model.Span, speaker string, det *quote.Quote, qs, qe int) (string, int64) {
	if id := linkSpeaker(spans, speaker, det, qs, qe); id != 0 {
		for _, sp := range spans {
			if sp.ID == id {
				return speakerName(sp), id
			}
		}
	}
	return speaker, 0
}

func addQuoteOp(id string, q model.QuoteAnn) store.Op {
	return store.Op{Kind: store.OpAddQuote, Article: id, Quote: q}
}

// describe is a quotation for messages: “first words…” — Speaker.
func describe(text, speaker string) string { return ui.DescribeQuote(text, speaker) }

// accept accepts the quotation under the cursor with its suggested
// speaker (or, for a rejected one, what it had).
func (f *Feature) accept() tea.Cmd {
	it := f.itemAtCursor()
	if it == nil {
		return nil
	}
	t := f.capture(it)
	cmd := f.queue(t, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		switch {
		case cur == nil:
			q := newQuote(t, suggestedSpeaker(t.det), suggestedKind(t.det), model.QuoteAccepted, spans)
			j.Done = "Accepted " + describe(q.Text, q.Speaker) + linkNote(q, spans)
			return []store.Op{addQuoteOp(t.id, q)}, "accept quotation " + describe(q.Text, q.Speaker), true
		case cur.Status == model.QuoteAccepted && cur.Source != "":
			// Imported: accepting it is reviewing it, as it stands.
			j.Done = "Accepted " + describe(cur.Text, cur.Speaker) + ui.ReviewedNote(cur.Source)
			return f.ann.EditOps(doc, t.id, *cur, *cur), "accept quotation " + describe(cur.Text, cur.Speaker), true
		case cur.Status == model.QuoteAccepted:
			k := f.c.Keys
			f.report(fmt.Sprintf("Already accepted: %s (%s speaker, %s kind, %s reject)", describe(cur.Text, cur.Speaker),
				ui.KeyName(k.QuoteSpeaker), ui.KeyName(k.QuoteKind), ui.KeyName(k.QuoteReject)))
			return nil, "", false
		}
		q := *cur
		q.Status = model.QuoteAccepted
		if q.Speaker == "" {
			q.Speaker = suggestedSpeaker(t.det)
		}
		q.Speaker, q.SpeakerSpan = link(spans, q.Speaker, t.det, q.Start, q.End)
		q.MentionStart, q.MentionEnd = mention(q, t.det, spans)
		j.Done = "Accepted " + describe(q.Text, q.Speaker) + linkNote(q, spans)
		return f.ann.EditOps(doc, t.id, *cur, q), "accept quotation " + describe(q.Text, q.Speaker), true
	})
	if !settled(it) {
		// One key per quotation: the cursor goes on to the next one to
		// decide at once, not when the save comes back, so enter typed
		// again before it does accepts that one.
		f.stepPending()
	}
	return cmd
}

// settled reports a quotation that enter leaves as it is: accepted by
// hand (an imported one waits for its review).
func settled(it *item) bool {
	return it.ann != nil && it.ann.Status == model.QuoteAccepted && it.ann.Source == ""
}

// pending reports a quotation that awaits a decision: a suggestion, or an
// imported one not reviewed yet.
func pending(it *item) bool {
	return it.ann == nil || it.ann.Unreviewed()
}

// stepPending moves the cursor to the next quotation awaiting a decision
// after the current one, wrapping around the article; it stays when there
// is none.
func (f *Feature) stepPending() {
	cur := f.current()
	n := len(f.items)
	for k := 1; k < n; k++ {
		i := (cur + k) % n
		if it := &f.items[i]; pending(it) && it.start != f.items[cur].start {
			f.ann.Pane().JumpTo(it.start)
			return
		}
	}
}

// reject marks the quotation under the cursor as not one: a suggestion is
// stored as rejected (so it is not suggested again), an accepted
// detection becomes rejected, and a quotation tagged by hand is deleted.
func (f *Feature) reject() tea.Cmd {
	it := f.itemAtCursor()
	if it == nil {
		return nil
	}
	t := f.capture(it)
	undo := ui.KeyName(f.c.Keys.Undo)
	return f.queue(t, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		switch {
		case cur == nil:
			q := newQuote(t, suggestedSpeaker(t.det), suggestedKind(t.det), model.QuoteRejected, nil)
			j.Done = "Rejected " + describe(q.Text, "") + ": it will not be suggested again (" + undo + " undoes)"
			return []store.Op{addQuoteOp(t.id, q)}, "reject quotation " + describe(q.Text, ""), true
		case cur.Status == model.QuoteRejected:
			f.report("Already rejected (" + ui.KeyName(f.c.Keys.QuoteAccept) + " accepts it after all)")
			return nil, "", false
		case t.det == nil:
			j.Done = "Deleted the quotation " + describe(cur.Text, cur.Speaker) + " (" + undo + " undoes)"
			return []store.Op{{Kind: store.OpDelQuote, Article: t.id, Quote: *cur}}, "delete quotation " + describe(cur.Text, cur.Speaker), true
		}
		q := *cur
		q.Status = model.QuoteRejected
		j.Done = "Rejected " + describe(q.Text, "") + ": it will not be suggested again (" + undo + " undoes)"
		return f.ann.EditOps(doc, t.id, *cur, q), "reject quotation " + describe(q.Text, ""), true
	})
}

// cycleKind moves the quotation under the cursor to the next kind,
// accepting a suggestion (a decision about it is an acceptance).
func (f *Feature) cycleKind() tea.Cmd {
	it := f.itemAtCursor()
	if it == nil {
		return nil
	}
	t := f.capture(it)
	return f.queue(t, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		if cur == nil {
			q := newQuote(t, suggestedSpeaker(t.det), nextKind(suggestedKind(t.det)), model.QuoteAccepted, spans)
			j.Done = fmt.Sprintf("Accepted %s as %s", describe(q.Text, q.Speaker), q.Kind)
			return []store.Op{addQuoteOp(t.id, q)}, fmt.Sprintf("quotation kind %s %s", q.Kind, describe(q.Text, "")), true
		}
		q := *cur
		q.Kind = nextKind(q.Kind)
		q.Status = model.QuoteAccepted
		j.Done = fmt.Sprintf("%s is now %s", describe(q.Text, ""), q.Kind) + ui.ReviewedNote(cur.Source)
		return f.ann.EditOps(doc, t.id, *cur, q), fmt.Sprintf("quotation kind %s → %s %s", cur.Kind, q.Kind, describe(q.Text, "")), true
	})
}

// setSpeaker gives the quotation t the speaker name (accepting it), or,
// with hand set, adds it as a new quotation tagged by hand.
func (f *Feature) setSpeaker(t target, name string, hand bool, kind model.QuoteKind) tea.Cmd {
	return f.queue(t, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		if hand {
			if doc != nil {
				for _, o := range doc.Quotes {
					if o.Status == model.QuoteAccepted && o.Start < t.end && t.start < o.End {
						f.report("Not saved: it overlaps the quotation " + describe(o.Text, o.Speaker))
						return nil, "", false
					}
				}
			}
			q := newQuote(t, name, kind, model.QuoteAccepted, spans)
			j.Done = fmt.Sprintf("Tagged the quotation %s (%s)", describe(q.Text, q.Speaker), q.Kind) + linkNote(q, spans)
			return []store.Op{addQuoteOp(t.id, q)}, "tag quotation " + describe(q.Text, q.Speaker), true
		}
		if cur == nil {
			q := newQuote(t, name, suggestedKind(t.det), model.QuoteAccepted, spans)
			j.Done = "Accepted " + describe(q.Text, q.Speaker) + linkNote(q, spans)
			return []store.Op{addQuoteOp(t.id, q)}, "accept quotation " + describe(q.Text, q.Speaker), true
		}
		q := *cur
		name, id := link(spans, name, t.det, q.Start, q.End)
		if q.Speaker == name && q.SpeakerSpan == id && q.Status == model.QuoteAccepted && q.Source == "" {
			f.report("Speaker unchanged")
			return nil, "", false
		}
		q.Speaker, q.SpeakerSpan, q.Status = name, id, model.QuoteAccepted
		q.MentionStart, q.MentionEnd = mention(q, t.det, spans)
		j.Done = "Speaker of " + describe(q.Text, "") + " is now " + orNone(name) + linkNote(q, spans) + ui.ReviewedNote(cur.Source)
		return f.ann.EditOps(doc, t.id, *cur, q), "quotation speaker → " + orNone(ui.Clip(name, 30)) + " " + describe(q.Text, ""), true
	})
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// tagQuote starts tagging the selection as a quotation: the speaker
// prompt opens, and enter there saves both.
func (f *Feature) tagQuote() tea.Cmd {
	k := f.c.Keys
	a := f.ann.Pane()
	s, e, ok := a.Selection()
	if !ok {
		f.report("Select the quoted words first (" + ui.KeyName(k.Select) + " or " + k.ExtendNext.Help().Key + "), then " + ui.KeyName(k.QuoteTag))
		return nil
	}
	for _, it := range f.items {
		if it.ann != nil && it.ann.Status == model.QuoteAccepted && it.start < e && s < it.end {
			f.report("The selection overlaps the quotation " + describe(it.text, it.ann.Speaker) + " (" + ui.KeyName(k.QuoteReject) + " deletes or rejects it)")
			return nil
		}
	}
	it := &item{start: s, end: e, text: string(a.Runes()[s:e])}
	// A detection over the same words lends its speaker and details.
	for _, d := range f.detected {
		if f.detID == a.ID() && f.detText == a.Text() && d.Start < e && s < d.End {
			dd := d
			it.det = &dd
			break
		}
	}
	t := f.capture(it)
	f.on = true // the prompt is drawn in the quotes panel
	f.showPanel()
	return f.openSpeakerPromptFor(t, true, handKind(a.Runes(), s, e))
}

// linkNote tells, after a save, whether the speaker is a tagged entity.
func linkNote(q model.QuoteAnn, spans []model.Span) string {
	if q.SpeakerSpan == 0 {
		return ""
	}
	for _, sp := range spans {
		if sp.ID == q.SpeakerSpan {
			return " (linked to " + sp.Label + " “" + ui.Clip(sp.Text, 24) + "”)"
		}
	}
	return ""
}
