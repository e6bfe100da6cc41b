package adjudicate

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/adjudicate"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Quotation places are decided by giving gold that version's quotation
// (its speaker's name and mention, its kind), or, for "not a quotation"
// (neither), a rejected one there, so the place reads as decided.

// quoteOp gives gold version v of quotation place q (v < 0: not a
// quotation): a new quotation, or gold's one there changed.
func quoteOp(id string, q adjudicate.QuoteItem, v int, doc *store.Doc) store.Op {
	var nq model.QuoteAnn
	if v >= 0 && v < len(q.Versions) && q.Versions[v].Quote != nil {
		ver := q.Versions[v]
		nq = *ver.Quote
		nq.ID, nq.Source, nq.SpeakerSpan, nq.Status = 0, "", 0, model.QuoteAccepted
		// Gold's own span at the speaker's place, if gold has it.
		if sp := ver.SpeakerSpan; sp != nil && doc != nil {
			for _, g := range doc.Spans {
				if g.Start == sp.Start && g.End == sp.End {
					nq.SpeakerSpan = g.ID
				}
			}
		}
	} else {
		nq = model.QuoteAnn{Start: q.Start, End: q.End, Text: q.Text, Kind: model.QuoteDirect, Status: model.QuoteRejected}
	}
	if q.Gold != nil {
		nq.ID = q.Gold.ID
		return store.Op{Kind: store.OpSetQuote, Article: id, Quote: nq}
	}
	return store.Op{Kind: store.OpAddQuote, Article: id, Quote: nq}
}

// takeQuote decides the quotation place shown: version v, or (v < 0) not
// a quotation.
func (s *Screen) takeQuote(v int) tea.Cmd {
	q, _ := s.currentQuote()
	if v >= len(q.Versions) {
		s.f.Host.Report(ui.Info("There is no version " + versionLetter(v) + " here"))
		return nil
	}
	if _, ok := s.goldNow(); !ok {
		s.f.Host.Report(ui.Info("Reading the gold layer…"))
		return nil
	}
	desc := "not a quotation"
	if v >= 0 {
		desc = versionLetter(v) + "'s (" + names(q.Versions[v].Layers) + "): " + adjudicate.QuoteSays(q.Versions[v].Quote)
	}
	id, layers, start, end := s.id, s.layers, q.Start, q.End
	j := &session.Job{Kind: session.Do, Focus: -1}
	j.Build = func(j *session.Job) (store.Action, bool) {
		doc, ok := s.goldNow()
		if !ok {
			return store.Action{}, false
		}
		var it adjudicate.QuoteItem
		found := false
		for _, x := range adjudicate.CompareQuotes(layers, goldOf(doc).Quotes) {
			if x.Start == start && x.End == end {
				it, found = x, true
			}
		}
		if !found {
			s.f.Host.Report(ui.Info("Not decided: the layers changed here (" + ui.KeyName(s.f.Ctx.Keys.AdjReload) + " reads them again)"))
			return store.Action{}, false
		}
		op := quoteOp(id, it, v, doc)
		if it.Gold != nil && sameQuote(*it.Gold, op.Quote) {
			s.f.Host.Report(ui.Info("Gold already holds " + desc + " here"))
			return store.Action{}, false
		}
		j.Done = "Gold: quotation at " + ui.Clip(it.Text, 30) + " — " + desc
		return store.Action{Name: "adjudicate quotation: " + desc, Ops: firstTouch([]store.Op{op}, id, doc)}, true
	}
	s.pending = j
	return s.f.Sess.Enqueue(j)
}

// sameQuote: nothing a decision sets differs.
func sameQuote(a, b model.QuoteAnn) bool {
	return a.Speaker == b.Speaker && a.SpeakerSpan == b.SpeakerSpan && a.Kind == b.Kind && a.Status == b.Status &&
		a.MentionStart == b.MentionStart && a.MentionEnd == b.MentionEnd
}
