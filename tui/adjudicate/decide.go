package adjudicate

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/store"
	"storydesk/model"
	"storydesk/model/adjudicate"
	"storydesk/tui/session"
	"storydesk/tui/ui"
)

// Decisions become gold actions built when their turn comes in the
// session's queue, against gold as saved by the writes before them: the
// place is found again by its extent and decided from there.

// goldNow is gold as the session holds it; ok is false while it is read.
func (s *Screen) goldNow() (doc *store.Doc, ok bool) {
	e := s.f.Sess.Doc(s.id)
	if e == nil {
		return nil, false
	}
	return e.Doc, true
}

func goldOf(doc *store.Doc) adjudicate.Gold {
	if doc == nil {
		return adjudicate.Gold{}
	}
	return adjudicate.Gold{Spans: doc.Spans, Rejected: doc.Rejected, Quotes: doc.Quotes}
}

// firstTouch marks an article gold has not started in progress, as
// annotating does.
func firstTouch(ops []store.Op, id string, doc *store.Doc) []store.Op {
	if doc == nil || doc.Status == model.StatusNew || doc.Status == "" {
		ops = append(ops, store.Op{Kind: store.OpSetStatus, Article: id, Status: model.StatusInProgress})
	}
	return ops
}

// acceptAgreed queues one action taking every agreed span gold has not
// decided yet.
func (s *Screen) acceptAgreed() tea.Cmd {
	n := 0
	for _, p := range s.places {
		if s.agreed(p) && !s.decided(p) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	id, layers := s.id, s.layers
	j := &session.Job{Kind: session.Do, Focus: -1}
	j.Build = func(j *session.Job) (store.Action, bool) {
		doc, ok := s.goldNow()
		if !ok {
			return store.Action{}, false
		}
		var ops []store.Op
		g := goldOf(doc)
		for _, it := range adjudicate.Compute(layers, g) {
			if it.Agreed && !it.Decided {
				ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: goldSpan(it.Versions[0].Spans[0])})
			}
		}
		spans := len(ops)
		for _, q := range adjudicate.CompareQuotes(layers, g.Quotes) {
			if q.Agreed && !q.Decided {
				ops = append(ops, quoteOp(id, q, 0, doc))
			}
		}
		quotes := len(ops) - spans
		for _, p := range adjudicate.ComparePairs(layers, s.goldPairs) {
			if p.Agreed && !p.Decided && p.Versions[0].Label != "" {
				ops = append(ops, pairOp(p.Pair, p.Versions[0]))
			}
		}
		if len(ops) == 0 {
			return store.Action{}, false
		}
		what := fmt.Sprintf("%d span%s", spans, ui.Plural(spans))
		if quotes > 0 {
			what += fmt.Sprintf(", %d quotation%s", quotes, ui.Plural(quotes))
		}
		if n := len(ops) - spans - quotes; n > 0 {
			what += fmt.Sprintf(", %d pair label%s", n, ui.Plural(n))
		}
		j.Done = fmt.Sprintf("Gold: accepted %s every annotator agrees on (%s undoes)", what, ui.KeyName(s.f.Ctx.Keys.Undo))
		return store.Action{Name: "accept " + what + " agreed", Ops: firstTouch(ops, id, doc)}, true
	}
	return s.f.Sess.Enqueue(j)
}

// goldSpan is a layer's span as gold takes it: its place, label, text and
// canonical name; not its id, nor an import's source (the curator has
// reviewed it).
func goldSpan(sp model.Span) model.Span {
	return model.Span{Start: sp.Start, End: sp.End, Label: sp.Label, Text: sp.Text, Canonical: sp.Canonical}
}

// decide queues the decision that gold holds exactly spans at the current
// place: gold's spans there that differ go, the chosen ones come (a
// rejection of one is lifted), and every other version's span is recorded
// as rejected in gold, so the place reads as decided from then on.
func (s *Screen) decide(what string, pick func(it adjudicate.Item) ([]model.Span, string, bool)) tea.Cmd {
	it, ok := s.currentSpan()
	if !ok {
		s.f.Host.Report(ui.Info("Nothing to decide here: no annotator's layer disagrees on this article"))
		return nil
	}
	if _, ok := s.goldNow(); !ok {
		s.f.Host.Report(ui.Info("Reading the gold layer…"))
		return nil
	}
	if _, _, ok := pick(it); !ok {
		return nil // pick said why
	}
	id, layers, start, end := s.id, s.layers, it.Start, it.End
	j := &session.Job{Kind: session.Do, Focus: -1}
	j.Build = func(j *session.Job) (store.Action, bool) {
		doc, ok := s.goldNow()
		if !ok {
			return store.Action{}, false
		}
		var it adjudicate.Item
		found := false
		for _, x := range adjudicate.Compute(layers, goldOf(doc)) {
			if x.Start == start && x.End == end {
				it, found = x, true
			}
		}
		if !found {
			s.f.Host.Report(ui.Info("Not decided: the layers changed here (" + ui.KeyName(s.f.Ctx.Keys.AdjReload) + " reads them again)"))
			return store.Action{}, false
		}
		spans, desc, ok := pick(it)
		if !ok {
			return store.Action{}, false
		}
		ops := decisionOps(id, it, doc, spans)
		if len(ops) == 0 {
			s.f.Host.Report(ui.Info("Gold already holds " + desc + " here"))
			return store.Action{}, false
		}
		j.Done = "Gold: " + desc + " at " + fmt.Sprintf("%d–%d", start, end)
		return store.Action{Name: "adjudicate: " + what, Ops: firstTouch(ops, id, doc)}, true
	}
	s.pending = j
	return s.f.Sess.Enqueue(j)
}

// decisionOps turns gold at item it into exactly spans.
func decisionOps(id string, it adjudicate.Item, doc *store.Doc, spans []model.Span) []store.Op {
	keep := map[adjudicate.Key]bool{}
	for _, sp := range spans {
		keep[adjudicate.KeyOf(sp)] = true
	}
	have, rejected := map[adjudicate.Key]bool{}, map[adjudicate.Key]bool{}
	var ops []store.Op
	if doc != nil {
		for _, g := range doc.Spans {
			if !g.Overlaps(it.Start, it.End) {
				continue
			}
			if keep[adjudicate.KeyOf(g)] {
				have[adjudicate.KeyOf(g)] = true
				continue
			}
			ops = append(ops, store.Op{Kind: store.OpDelSpan, Article: id, Span: g})
		}
		for _, r := range doc.Rejected {
			rejected[adjudicate.KeyOf(r)] = true
		}
	}
	for _, sp := range spans {
		k := adjudicate.KeyOf(sp)
		if have[k] {
			continue
		}
		if rejected[k] {
			ops = append(ops, store.Op{Kind: store.OpSetReject, Article: id, Span: goldSpan(sp), Flag: false})
		}
		ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: id, Span: goldSpan(sp)})
	}
	for _, sp := range it.Spans() {
		k := adjudicate.KeyOf(sp)
		if !keep[k] && !rejected[k] {
			ops = append(ops, store.Op{Kind: store.OpSetReject, Article: id, Span: goldSpan(sp), Flag: true})
		}
	}
	return ops
}

// take picks version i (a, b, c).
func (s *Screen) take(i int) tea.Cmd {
	if _, ok := s.currentQuote(); ok {
		return s.takeQuote(i)
	}
	if _, ok := s.currentPair(); ok {
		return s.takePair(i)
	}
	letter := versionLetter(i)
	return s.decide("take "+letter+"'s", func(it adjudicate.Item) ([]model.Span, string, bool) {
		if i >= len(it.Versions) {
			s.f.Host.Report(ui.Info(fmt.Sprintf("There is no version %s here (%d version%s)", letter, len(it.Versions), ui.Plural(len(it.Versions)))))
			return nil, "", false
		}
		v := it.Versions[i]
		return v.Spans, letter + "'s version (" + names(v.Layers) + ")", true
	})
}

// both takes versions a and b together, when their spans do not overlap.
func (s *Screen) both() tea.Cmd {
	if _, ok := s.currentPair(); ok {
		s.f.Host.Report(ui.Info("A pair has one label: take A's or B's (" + ui.KeyName(s.f.Ctx.Keys.AdjTakes[0]) + ", " + ui.KeyName(s.f.Ctx.Keys.AdjTakes[1]) + ")"))
		return nil
	}
	if _, ok := s.currentQuote(); ok {
		s.f.Host.Report(ui.Info("A quotation has one speaker: take A's or B's (" + ui.KeyName(s.f.Ctx.Keys.AdjTakes[0]) + ", " + ui.KeyName(s.f.Ctx.Keys.AdjTakes[1]) + ")"))
		return nil
	}
	return s.decide("take both", func(it adjudicate.Item) ([]model.Span, string, bool) {
		if len(it.Versions) < 2 {
			s.f.Host.Report(ui.Info("There is one version here: " + ui.KeyName(s.f.Ctx.Keys.AdjTakes[0]) + " takes it"))
			return nil, "", false
		}
		spans, ok := it.Union(0, 1)
		if !ok {
			s.f.Host.Report(ui.Info("A's and B's spans overlap here and gold's spans cannot: take one (" + ui.KeyName(s.f.Ctx.Keys.AdjTakes[0]) + ", " + ui.KeyName(s.f.Ctx.Keys.AdjTakes[1]) + ") or edit (" + ui.KeyName(s.f.Ctx.Keys.AdjEdit) + ")"))
			return nil, "", false
		}
		return spans, "both A's and B's", true
	})
}

// neither keeps no span at the place.
func (s *Screen) neither() tea.Cmd {
	if _, ok := s.currentPair(); ok {
		return s.takePair(-1)
	}
	if _, ok := s.currentQuote(); ok {
		return s.takeQuote(-1)
	}
	return s.decide("neither", func(it adjudicate.Item) ([]model.Span, string, bool) {
		return nil, "neither", true
	})
}

func versionLetter(i int) string { return string(rune('A' + i)) }

func names(ns []string) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = ui.CleanLine(n)
	}
	return strings.Join(out, ", ")
}
