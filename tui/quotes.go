package tui

import (
	"fmt"
	"sort"
	"strings"

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

// quotesState is the root's quotes-mode state.
type quotesState struct {
	on bool

	// Detections for one text (the annotate text they were run on).
	detID, detText string
	detected       []quote.Quote
	detecting      bool

	items []quoteItem // what the panel lists, for the annotate text on screen

	prompt   *speakerPrompt
	carriers *carriersView
	scan     *quoteScan
	jump     *quoteJump // a carrier to select once its article is open
}

// quoteItem is one quotation of the article: stored, suggested or both (a
// stored quotation at a detection's place keeps the detection's details —
// cue, role — and wins over it).
type quoteItem struct {
	start, end int
	text       string
	det        *quote.Quote
	ann        *model.QuoteAnn
}

const quoteSuggested = "suggested"

func (it *quoteItem) status() string {
	if it.ann != nil {
		return it.ann.Status
	}
	return quoteSuggested
}

func (it *quoteItem) speaker() string {
	if it.ann != nil {
		return it.ann.Speaker
	}
	return suggestedSpeaker(it.det)
}

func (it *quoteItem) kind() model.QuoteKind {
	if it.ann != nil && it.ann.Kind != "" {
		return it.ann.Kind
	}
	return suggestedKind(it.det)
}

// suggestedSpeaker is the detector's speaker, or the description it found
// when the cue names no one ("a police spokesman").
func suggestedSpeaker(d *quote.Quote) string {
	if d == nil {
		return ""
	}
	if d.Speaker != "" {
		return d.Speaker
	}
	return d.Role
}

func suggestedKind(d *quote.Quote) model.QuoteKind {
	if d == nil || d.Kind == "" {
		return model.QuoteDirect
	}
	return d.Kind
}

// quoteKinds is the order t cycles through.
var quoteKinds = []model.QuoteKind{model.QuoteDirect, model.QuotePartial, model.QuoteParaphrase, model.QuoteScare}

func nextKind(k model.QuoteKind) model.QuoteKind {
	for i, x := range quoteKinds {
		if x == k {
			return quoteKinds[(i+1)%len(quoteKinds)]
		}
	}
	return quoteKinds[0]
}

// mergeQuotes lists stored quotations and, when suggest is set, the
// detections that overlap none of them, by position.
func mergeQuotes(stored []model.QuoteAnn, det []quote.Quote, suggest bool) []quoteItem {
	items := make([]quoteItem, 0, len(stored)+len(det))
	for i := range stored {
		q := &stored[i]
		it := quoteItem{start: q.Start, end: q.End, text: q.Text, ann: q}
		best := 0
		for k := range det {
			d := &det[k]
			if ov := min(d.End, q.End) - max(d.Start, q.Start); ov > best {
				best, it.det = ov, d
			}
		}
		items = append(items, it)
	}
	if suggest {
		for k := range det {
			d := &det[k]
			clash := false
			for i := range stored {
				if d.Start < stored[i].End && stored[i].Start < d.End {
					clash = true
					break
				}
			}
			if !clash && d.End > d.Start {
				items = append(items, quoteItem{start: d.Start, end: d.End, text: d.Text, det: d})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].start != items[j].start {
			return items[i].start < items[j].start
		}
		return items[i].end < items[j].end
	})
	return items
}

// quotesDetectedMsg brings a detection run back.
type quotesDetectedMsg struct {
	id, text string
	quotes   []quote.Quote
}

// syncQuotes runs after every message: it keeps the annotate pane's panel,
// quote highlights and the panel's list in step with the document on
// screen, starts detection when quotes mode needs it, and places a
// carrier's passage once its article is open.
func (m *Model) syncQuotes() tea.Cmd {
	q := &m.quotes
	a := m.ann
	if !m.annotating || m.sess == nil || a.lay == nil {
		q.items = nil
		return nil
	}
	m.showQuotesPanel()
	var cmd tea.Cmd
	fresh := q.detID == a.id && q.detText == a.text
	if q.on && !fresh && !(q.detecting && q.detID == a.id && q.detText == a.text) {
		q.detID, q.detText, q.detected, q.detecting = a.id, a.text, nil, true
		id, text := a.id, a.text
		cmd = func() tea.Msg { return quotesDetectedMsg{id: id, text: text, quotes: quote.Detect(text)} }
		fresh = false
	}
	var stored []model.QuoteAnn
	if e := m.sess.Doc(a.id); e != nil && e.Doc != nil && e.Doc.Text == a.text {
		stored = e.Doc.Quotes
	}
	var det []quote.Quote
	if fresh && !q.detecting {
		det = q.detected
	}
	q.items = mergeQuotes(stored, det, q.on)
	a.setQuoteMarks(q.items, q.on)
	a.setImportedQuotes(stored)
	m.applyJump()
	return cmd
}

// showQuotesPanel shows the quotes panel when quotes mode is on (and
// hides it when it is off), re-wrapping the text for the width left.
func (m *Model) showQuotesPanel() {
	a, on := m.ann, m.quotes.on
	if on == a.quotesPanel && (!on || a.panel) {
		return
	}
	a.quotesPanel, a.panel = on, on
	a.relayout()
	a.scrollIntoView()
}

// quotesDetected stores a detection run if it is still for the text on screen.
func (m *Model) quotesDetected(msg quotesDetectedMsg) {
	q := &m.quotes
	if msg.id != q.detID || msg.text != q.detText {
		return // the article or its text changed meanwhile: a newer run is on its way
	}
	q.detected, q.detecting = msg.quotes, false
}

// updateQuotes handles quotes mode's own messages.
func (m *Model) updateQuotes(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case quotesDetectedMsg:
		m.quotesDetected(msg)
		return nil, true
	case quoteScanMsg:
		return m.quoteScanned(msg), true
	}
	return nil, false
}

// currentQuote is the item under the annotate cursor (a live one before a
// rejected one at the same place), or -1.
func (m *Model) currentQuote() int {
	a := m.ann
	if a.lay == nil || len(a.stops) == 0 {
		return -1
	}
	cs, ce := a.cursorRange()
	found := -1
	for i := range m.quotes.items {
		it := &m.quotes.items[i]
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

// quotesFirstKey handles, before any other routing, the keys of the
// speaker prompt (all of them) and of the carriers view, and Q from the
// read view. It reports whether it used the key.
func (m *Model) quotesFirstKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	if m.quotes.carriers != nil {
		if key.Matches(msg, k.Quit, k.Help) {
			return nil, false
		}
		return m.carriersKey(msg), true
	}
	if !m.annotating && key.Matches(msg, k.Quotes) && (m.focus == focusDetail || m.list.Selected() >= 0) {
		if !m.needStore() {
			return nil, true
		}
		m.quotes.on = true
		return m.enterAnnotate(m.list.Selected()), true
	}
	return nil, false
}

// quotesAnnotateKey handles quotes keys in annotate mode; it reports
// whether it used the key (otherwise annotate mode's own handling runs).
func (m *Model) quotesAnnotateKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	a := m.ann
	q := &m.quotes
	// Reviewing imported annotations (review.go) works in both modes.
	if cmd, ok := m.reviewKey(msg); ok {
		return cmd, true
	}
	switch {
	case key.Matches(msg, k.Quotes):
		q.on = !q.on
		if q.on {
			m.message = "Quotes: n/N step, enter accepts, s speaker, t kind, x rejects, C who carried it"
		}
		return nil, true
	case key.Matches(msg, k.QuoteTag):
		return m.tagQuote(), true
	case key.Matches(msg, k.QuoteCarriers):
		return m.searchCarriers(), true
	}
	if !q.on {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Back):
		if a.anchor >= 0 {
			return nil, false // esc drops the selection first
		}
		q.on = false
		return nil, true
	case key.Matches(msg, k.Entities):
		q.on = false
		a.quotesPanel, a.panel = false, true
		a.relayout()
		a.scrollIntoView()
		return nil, true
	case key.Matches(msg, k.QuoteNext):
		m.stepQuote(1)
		return nil, true
	case key.Matches(msg, k.QuotePrev):
		m.stepQuote(-1)
		return nil, true
	case key.Matches(msg, k.QuoteAccept):
		return m.acceptQuote(), true
	case key.Matches(msg, k.QuoteReject):
		return m.rejectQuote(), true
	case key.Matches(msg, k.QuoteKind):
		return m.cycleQuoteKind(), true
	case key.Matches(msg, k.QuoteSpeaker):
		return m.openSpeakerPrompt(), true
	}
	return nil, false
}

// quotesMatches reports whether msg is a quotes key that annotate mode
// must see before the global keys.
func (m *Model) quotesMatches(msg tea.KeyPressMsg) bool {
	k := m.c.Keys
	if key.Matches(msg, k.Quotes, k.QuoteTag, k.QuoteCarriers) || m.reviewMatches(msg) {
		return true
	}
	return m.quotes.on && key.Matches(msg, k.QuoteNext, k.QuotePrev, k.QuoteAccept, k.QuoteReject, k.QuoteKind, k.QuoteSpeaker)
}

// stepQuote moves the cursor to the next (dir 1) or previous live
// quotation, wrapping around the article.
func (m *Model) stepQuote(dir int) {
	a := m.ann
	var live []int
	for i := range m.quotes.items {
		if m.quotes.items[i].status() != model.QuoteRejected {
			live = append(live, i)
		}
	}
	if len(live) == 0 {
		switch {
		case m.quotes.detecting:
			m.message = "Finding quotations…"
		default:
			m.message = "No quotations in this article: select the words and press " + ui.KeyName(m.c.Keys.QuoteTag) + " to tag one"
		}
		return
	}
	a.clearSelection()
	cs, _ := a.cursorRange()
	cur := m.currentQuote()
	// Items are in text order, so their indexes order them.
	target := -1
	if dir > 0 {
		for _, i := range live {
			if cur >= 0 && i > cur || cur < 0 && m.quotes.items[i].start >= cs {
				target = i
				break
			}
		}
	} else {
		for k := len(live) - 1; k >= 0; k-- {
			if i := live[k]; cur >= 0 && i < cur || cur < 0 && m.quotes.items[i].start < cs {
				target = i
				break
			}
		}
	}
	wrapped := target < 0
	if wrapped && len(live) == 1 && cur == live[0] {
		m.message = "This is the only quotation"
		return
	}
	if wrapped && dir > 0 {
		target = live[0]
	} else if wrapped {
		target = live[len(live)-1]
	}
	it := &m.quotes.items[target]
	a.cur = a.stopAt(it.start)
	a.goal = -1
	a.scrollIntoView()
	if wrapped {
		if dir > 0 {
			m.message = "Wrapped to the first quotation"
		} else {
			m.message = "Wrapped to the last quotation"
		}
	}
}

// quoteTarget is what a quotes key acts on, captured when it is pressed:
// the article, the quotation's range and the detection there. The action
// is built when its turn in the write queue comes, against the quotations
// as saved by then (as entity actions are).
type quoteTarget struct {
	target
	det   *quote.Quote
	annID int64
}

func (m *Model) captureQuote(it *quoteItem) quoteTarget {
	a := m.ann
	t := target{id: a.id, runes: a.runes, start: it.start, end: it.end}
	if art := m.detail.art; art != nil && art.ID == a.id && art.Text == a.text {
		t.art = art
	}
	qt := quoteTarget{target: t}
	if it.det != nil {
		d := *it.det
		qt.det = &d
	}
	if it.ann != nil {
		qt.annID = it.ann.ID
	}
	return qt
}

// storedAt is the stored quotation qt means, as saved now.
func storedAt(doc *store.Doc, qt quoteTarget) (model.QuoteAnn, bool) {
	if doc == nil {
		return model.QuoteAnn{}, false
	}
	if qt.annID != 0 {
		for _, q := range doc.Quotes {
			if q.ID == qt.annID {
				return q, true
			}
		}
	}
	for _, q := range doc.Quotes {
		if q.Start == qt.start && q.End == qt.end {
			return q, true
		}
	}
	return model.QuoteAnn{}, false
}

// quoteItemAtCursor is the current item, or nil with a message saying how
// to get one.
func (m *Model) quoteItemAtCursor() *quoteItem {
	i := m.currentQuote()
	if i < 0 {
		m.message = "Put the cursor in a quotation (n/N step through them)"
		return nil
	}
	return &m.quotes.items[i]
}

// quoteChange builds a quote action when its turn comes: f gets the stored
// quotation at the target (nil when there is none) and returns the ops.
type quoteChange func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) (ops []store.Op, name string, ok bool)

func (m *Model) queueQuote(qt quoteTarget, f quoteChange) tea.Cmd {
	if !m.needStore() {
		return nil
	}
	return m.queue(func(j *session.Job) (store.Action, bool) {
		doc, spans, ok := m.current(qt.target)
		if !ok {
			return store.Action{}, false
		}
		var cur *model.QuoteAnn
		if q, ok := storedAt(doc, qt); ok {
			cur = &q
		}
		ops, name, ok := f(j, doc, spans, cur)
		if !ok {
			return store.Action{}, false
		}
		if j.Focus < 0 {
			j.Focus = qt.start
		}
		return store.Action{Name: name, Article: qt.snapshot(doc), Ops: firstTouch(ops, qt.id, doc)}, true
	})
}

// newQuote is a quotation to add at qt.
func newQuote(qt quoteTarget, speaker string, kind model.QuoteKind, status string, spans []model.Span) model.QuoteAnn {
	return model.QuoteAnn{Start: qt.start, End: qt.end, Text: qt.text(), Speaker: speaker,
		SpeakerSpan: linkSpeaker(spans, speaker, qt.det, qt.start, qt.end), Kind: kind, Status: status}
}

func addQuoteOp(id string, q model.QuoteAnn) store.Op {
	return store.Op{Kind: store.OpAddQuote, Article: id, Quote: q}
}

func setQuoteOp(id string, q model.QuoteAnn) store.Op {
	return store.Op{Kind: store.OpSetQuote, Article: id, Quote: q}
}

// describeQuote is a quotation for messages: “first words…” — Speaker.
func describeQuote(text, speaker string) string {
	s := "“" + ui.Clip(text, 32) + "”"
	if speaker != "" {
		s += " — " + ui.Clip(speaker, 30)
	}
	return s
}

// acceptQuote accepts the quotation under the cursor with its suggested
// speaker (or, for a rejected one, what it had).
func (m *Model) acceptQuote() tea.Cmd {
	it := m.quoteItemAtCursor()
	if it == nil {
		return nil
	}
	qt := m.captureQuote(it)
	return m.queueQuote(qt, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		switch {
		case cur == nil:
			q := newQuote(qt, suggestedSpeaker(qt.det), suggestedKind(qt.det), model.QuoteAccepted, spans)
			j.Done = "Accepted " + describeQuote(q.Text, q.Speaker) + linkNote(q, spans)
			return []store.Op{addQuoteOp(qt.id, q)}, "accept quotation " + describeQuote(q.Text, q.Speaker), true
		case cur.Status == model.QuoteAccepted && cur.Source != "":
			// Imported: accepting it is reviewing it, as it stands.
			j.Done = "Accepted " + describeQuote(cur.Text, cur.Speaker) + reviewedNote(cur.Source)
			return quoteEditOps(doc, qt.id, *cur, *cur), "accept quotation " + describeQuote(cur.Text, cur.Speaker), true
		case cur.Status == model.QuoteAccepted:
			m.message = "Already accepted: " + describeQuote(cur.Text, cur.Speaker) + " (s speaker, t kind, x reject)"
			return nil, "", false
		}
		q := *cur
		q.Status = model.QuoteAccepted
		if q.Speaker == "" {
			q.Speaker = suggestedSpeaker(qt.det)
		}
		q.SpeakerSpan = linkSpeaker(spans, q.Speaker, qt.det, q.Start, q.End)
		j.Done = "Accepted " + describeQuote(q.Text, q.Speaker) + linkNote(q, spans)
		return quoteEditOps(doc, qt.id, *cur, q), "accept quotation " + describeQuote(q.Text, q.Speaker), true
	})
}

// rejectQuote marks the quotation under the cursor as not one: a
// suggestion is stored as rejected (so it is not suggested again), an
// accepted detection becomes rejected, and a quotation tagged by hand is
// deleted.
func (m *Model) rejectQuote() tea.Cmd {
	it := m.quoteItemAtCursor()
	if it == nil {
		return nil
	}
	qt := m.captureQuote(it)
	return m.queueQuote(qt, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		switch {
		case cur == nil:
			q := newQuote(qt, suggestedSpeaker(qt.det), suggestedKind(qt.det), model.QuoteRejected, nil)
			j.Done = "Rejected " + describeQuote(q.Text, "") + ": it will not be suggested again (u undoes)"
			return []store.Op{addQuoteOp(qt.id, q)}, "reject quotation " + describeQuote(q.Text, ""), true
		case cur.Status == model.QuoteRejected:
			m.message = "Already rejected (" + ui.KeyName(m.c.Keys.QuoteAccept) + " accepts it after all)"
			return nil, "", false
		case qt.det == nil:
			j.Done = "Deleted the quotation " + describeQuote(cur.Text, cur.Speaker) + " (u undoes)"
			return []store.Op{{Kind: store.OpDelQuote, Article: qt.id, Quote: *cur}}, "delete quotation " + describeQuote(cur.Text, cur.Speaker), true
		}
		q := *cur
		q.Status = model.QuoteRejected
		j.Done = "Rejected " + describeQuote(q.Text, "") + ": it will not be suggested again (u undoes)"
		return quoteEditOps(doc, qt.id, *cur, q), "reject quotation " + describeQuote(q.Text, ""), true
	})
}

// cycleQuoteKind moves the quotation under the cursor to the next kind,
// accepting a suggestion (a decision about it is an acceptance).
func (m *Model) cycleQuoteKind() tea.Cmd {
	it := m.quoteItemAtCursor()
	if it == nil {
		return nil
	}
	qt := m.captureQuote(it)
	return m.queueQuote(qt, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		if cur == nil {
			q := newQuote(qt, suggestedSpeaker(qt.det), nextKind(suggestedKind(qt.det)), model.QuoteAccepted, spans)
			j.Done = fmt.Sprintf("Accepted %s as %s", describeQuote(q.Text, q.Speaker), q.Kind)
			return []store.Op{addQuoteOp(qt.id, q)}, fmt.Sprintf("quotation kind %s %s", q.Kind, describeQuote(q.Text, "")), true
		}
		q := *cur
		q.Kind = nextKind(q.Kind)
		q.Status = model.QuoteAccepted
		j.Done = fmt.Sprintf("%s is now %s", describeQuote(q.Text, ""), q.Kind) + reviewedNote(cur.Source)
		return quoteEditOps(doc, qt.id, *cur, q), fmt.Sprintf("quotation kind %s → %s %s", cur.Kind, q.Kind, describeQuote(q.Text, "")), true
	})
}

// setQuoteSpeaker gives the quotation qt the speaker name (accepting it),
// or, with hand set, adds it as a new quotation tagged by hand.
func (m *Model) setQuoteSpeaker(qt quoteTarget, name string, hand bool, kind model.QuoteKind) tea.Cmd {
	return m.queueQuote(qt, func(j *session.Job, doc *store.Doc, spans []model.Span, cur *model.QuoteAnn) ([]store.Op, string, bool) {
		if hand {
			if doc != nil {
				for _, o := range doc.Quotes {
					if o.Status == model.QuoteAccepted && o.Start < qt.end && qt.start < o.End {
						m.message = "Not saved: it overlaps the quotation " + describeQuote(o.Text, o.Speaker)
						return nil, "", false
					}
				}
			}
			q := newQuote(qt, name, kind, model.QuoteAccepted, spans)
			j.Done = fmt.Sprintf("Tagged the quotation %s (%s)", describeQuote(q.Text, q.Speaker), q.Kind) + linkNote(q, spans)
			return []store.Op{addQuoteOp(qt.id, q)}, "tag quotation " + describeQuote(q.Text, q.Speaker), true
		}
		if cur == nil {
			q := newQuote(qt, name, suggestedKind(qt.det), model.QuoteAccepted, spans)
			j.Done = "Accepted " + describeQuote(q.Text, q.Speaker) + linkNote(q, spans)
			return []store.Op{addQuoteOp(qt.id, q)}, "accept quotation " + describeQuote(q.Text, q.Speaker), true
		}
		q := *cur
		link := linkSpeaker(spans, name, qt.det, q.Start, q.End)
		if q.Speaker == name && q.SpeakerSpan == link && q.Status == model.QuoteAccepted && q.Source == "" {
			m.message = "Speaker unchanged"
			return nil, "", false
		}
		q.Speaker, q.SpeakerSpan, q.Status = name, link, model.QuoteAccepted
		j.Done = "Speaker of " + describeQuote(q.Text, "") + " is now " + orNone(name) + linkNote(q, spans) + reviewedNote(cur.Source)
		return quoteEditOps(doc, qt.id, *cur, q), "quotation speaker → " + orNone(ui.Clip(name, 30)) + " " + describeQuote(q.Text, ""), true
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
func (m *Model) tagQuote() tea.Cmd {
	if !m.needStore() {
		return nil
	}
	a := m.ann
	s, e, ok := a.selection()
	if !ok {
		m.message = "Select the quoted words first (v or shift+→), then " + ui.KeyName(m.c.Keys.QuoteTag)
		return nil
	}
	for _, it := range m.quotes.items {
		if it.ann != nil && it.ann.Status == model.QuoteAccepted && it.start < e && s < it.end {
			m.message = "The selection overlaps the quotation " + describeQuote(it.text, it.ann.Speaker) + " (x deletes or rejects it)"
			return nil
		}
	}
	it := &quoteItem{start: s, end: e, text: string(a.runes[s:e])}
	// A detection over the same words lends its speaker and details.
	for _, d := range m.quotes.detected {
		if m.quotes.detID == a.id && m.quotes.detText == a.text && d.Start < e && s < d.End {
			dd := d
			it.det = &dd
			break
		}
	}
	qt := m.captureQuote(it)
	m.quotes.on = true // the prompt is drawn in the quotes panel
	m.showQuotesPanel()
	m.openSpeakerPromptFor(qt, true, handKind(a.runes, s, e))
	return nil
}

// handKind guesses a hand-tagged quotation's kind: in quotation marks it is
// direct when it opens its sentence (or follows a colon or comma) and
// partial otherwise; without marks it is a paraphrase.
func handKind(rs []rune, s, e int) model.QuoteKind {
	i := s - 1
	for i >= 0 && (rs[i] == ' ' || rs[i] == '\n') {
		i--
	}
	if i < 0 || !isQuoteMark(rs[i]) {
		return model.QuoteParaphrase
	}
	i--
	for i >= 0 && (rs[i] == ' ' || rs[i] == '\n') {
		i--
	}
	if i < 0 || rs[i] == '\n' || strings.ContainsRune(".!?:,—–", rs[i]) || isQuoteMark(rs[i]) {
		return model.QuoteDirect
	}
	return model.QuotePartial
}

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"“”„‟«»‹›‘’'‚「」『』", r)
}

// isSpeakerLabel reports a label whose spans can speak.
func isSpeakerLabel(l string) bool { return l == "PERSON" || l == "ORG" || l == "PER" }

// speakerName is an entity span's name: its canonical name, else its text.
func speakerName(sp model.Span) string {
	n := sp.Canonical
	if n == "" {
		n = sp.Text
	}
	return strings.Join(strings.Fields(n), " ")
}

// linkSpeaker finds the entity span that names speaker for a quotation at
// [qs, qe): the tagged mention the detector attributed it to, when the
// speaker is the detector's; else the nearest PERSON or ORG span before the
// quotation whose canonical name (or text) is the speaker; else the nearest
// after it. 0 when the speaker is not a tagged entity.
func linkSpeaker(spans []model.Span, speaker string, det *quote.Quote, qs, qe int) int64 {
	name := strings.Join(strings.Fields(speaker), " ")
	if name == "" {
		return 0
	}
	if det != nil && det.SpeakerStart >= 0 && det.SpeakerEnd > det.SpeakerStart && strings.EqualFold(suggestedSpeaker(det), name) {
		for _, sp := range spans {
			if isSpeakerLabel(sp.Label) && sp.Overlaps(det.SpeakerStart, det.SpeakerEnd) {
				return sp.ID
			}
		}
	}
	var best int64
	bestD := -1
	for _, sp := range spans {
		if !isSpeakerLabel(sp.Label) {
			continue
		}
		if !strings.EqualFold(speakerName(sp), name) && !strings.EqualFold(strings.Join(strings.Fields(sp.Text), " "), name) {
			continue
		}
		var d int
		switch {
		case sp.End <= qs:
			d = qs - sp.End
		case sp.Start >= qe:
			d = 1<<30 + sp.Start - qe
		default: // a name inside the quotation is not who said it
			d = 1 << 40
		}
		if bestD < 0 || d < bestD {
			best, bestD = sp.ID, d
		}
	}
	return best
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

// unlinkQuotes returns the ops that clear the speaker link of every stored
// quotation whose speaker is one of the spans about to be deleted. (The
// store would clear it anyway; done as ops, undo restores it.)
func unlinkQuotes(doc *store.Doc, id string, victims []model.Span) []store.Op {
	if doc == nil {
		return nil
	}
	gone := map[int64]bool{}
	for _, sp := range victims {
		gone[sp.ID] = true
	}
	var ops []store.Op
	for _, q := range doc.Quotes {
		if q.SpeakerSpan != 0 && gone[q.SpeakerSpan] {
			q.SpeakerSpan = 0
			ops = append(ops, setQuoteOp(id, q))
		}
	}
	return ops
}

// reanchorQuotes moves stored quotations onto newText as model.Reanchor
// moves spans; a quotation whose speaker's span is lost keeps its speaker
// but loses the link. Those whose words no longer occur come back in lost.
func reanchorQuotes(oldText, newText string, quotes []model.QuoteAnn, lostSpans []model.Span) (placed, lost []model.QuoteAnn) {
	if len(quotes) == 0 {
		return nil, nil
	}
	as := make([]model.Span, len(quotes))
	byID := make(map[int64]model.QuoteAnn, len(quotes))
	for i, q := range quotes {
		as[i] = model.Span{ID: q.ID, Start: q.Start, End: q.End, Text: q.Text}
		byID[q.ID] = q
	}
	p, l := model.Reanchor(oldText, newText, as)
	gone := map[int64]bool{}
	for _, sp := range lostSpans {
		gone[sp.ID] = true
	}
	for _, sp := range p {
		q := byID[sp.ID]
		q.Start, q.End = sp.Start, sp.End
		if gone[q.SpeakerSpan] {
			q.SpeakerSpan = 0
		}
		placed = append(placed, q)
	}
	for _, sp := range l {
		lost = append(lost, byID[sp.ID])
	}
	return placed, lost
}
