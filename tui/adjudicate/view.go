package adjudicate

import (
	"fmt"
	"strings"

	"storydesk/model"
	"storydesk/model/adjudicate"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// The screen, top to bottom: a header (the layers, how many places are
// left), the article with gold's spans in their label colours and the
// undecided places marked (the current one in reverse), and a panel with
// the current place's versions, each on the key that takes it.

// View draws the body.
func (s *Screen) View() string {
	var out []string
	switch {
	case s.loading:
		out = []string{" Adjudicate: reading every annotator's layer…"}
	case s.err != nil:
		out = []string{" Adjudicate: cannot read the layers: " + ui.CleanLine(s.err.Error())}
	case len(s.layers) == 0:
		out = []string{" " + ui.Clip(s.title, max(10, s.w-40)) + ": no annotator has annotated this article yet", "",
			" Nothing to adjudicate (" + ui.KeyName(s.f.Ctx.Keys.Back) + " goes back)"}
	default:
		out = append(out, s.header())
		out = append(out, s.textLines()...)
		out = append(out, strings.Repeat("─", max(0, s.w)))
		out = append(out, s.panel()...)
	}
	for i, l := range out {
		out[i] = ui.Fit(l, s.w)
	}
	for len(out) < s.h {
		out = append(out, strings.Repeat(" ", max(0, s.w)))
	}
	return strings.Join(out[:min(len(out), max(0, s.h))], "\n")
}

// header names the layers and counts what is left.
func (s *Screen) header() string {
	undecided, agreed := 0, 0
	for _, p := range s.places {
		switch {
		case s.agreed(p) && s.decided(p):
			agreed++
		case !s.decided(p):
			undecided++
		}
	}
	var ls []string
	for _, l := range s.layers {
		ls = append(ls, l.Name)
	}
	left := fmt.Sprintf("%d of %d place%s undecided", undecided, len(s.steps), ui.Plural(len(s.steps)))
	if undecided == 0 && len(s.steps) > 0 {
		left = fmt.Sprintf("all %d place%s decided", len(s.steps), ui.Plural(len(s.steps)))
	}
	return fmt.Sprintf(" %s · layers: %s · %s · %d agreed in gold", ui.Clip(s.title, max(10, s.w/3)), names(ls), left, agreed)
}

// panelH is the panel's height: the place, one line per version, gold.
func (s *Screen) panelH() int {
	n := 1
	if it, ok := s.currentSpan(); ok {
		n += len(it.Versions) + 1
	}
	if q, ok := s.currentQuote(); ok {
		n += len(q.Versions) + 1
	}
	if p, ok := s.currentPair(); ok {
		n += len(p.Versions) + 1
	}
	return min(n, max(1, s.h/2))
}

// textH is how many text lines fit.
func (s *Screen) textH() int { return max(1, s.h-2-s.panelH()) }

func (s *Screen) clampTop() {
	if s.lay == nil {
		return
	}
	s.top = max(0, min(s.top, len(s.lay.Lines)-s.textH()))
}

// textLines is the article, wrapped, the current place in view.
func (s *Screen) textLines() []string {
	if s.lay == nil {
		s.lay = layout.Wrap(s.text, max(2, s.w-2))
	}
	h := s.textH()
	if s.follow {
		s.follow = false
		if p, ok := s.current(); ok && p.pair < 0 {
			first, last := s.lay.LineOf(p.start), s.lay.LineOf(max(p.start, p.end-1))
			if first < s.top || last >= s.top+h {
				s.top = first - h/3
			}
		}
	}
	s.clampTop()
	marks := s.marks()
	painters := s.f.Ctx.Styles.AnnPainters()
	out := make([]string, 0, h)
	for i := s.top; i < len(s.lay.Lines) && len(out) < h; i++ {
		out = append(out, " "+s.lay.RenderLine(i, marks, painters))
	}
	for len(out) < h {
		out = append(out, "")
	}
	return out
}

// marks paints gold's spans in their labels' styles, undecided places as
// a selection, and the current place with the cursor's reverse.
func (s *Screen) marks() []layout.Mark {
	c := s.f.Ctx
	nl := len(c.Labels)
	base := ui.AnnBase(nl)
	var gold []model.Span
	if s.goldDoc != nil {
		gold = s.goldDoc.spans
	}
	var marks []layout.Mark
	for _, p := range s.places {
		if !s.decided(p) && p.pair < 0 {
			marks = append(marks, layout.Mark{Start: p.start, End: p.end, Style: nl + 2})
		}
	}
	for _, g := range gold {
		marks = append(marks, layout.Mark{Start: g.Start, End: g.End, Style: s.labelStyle(g.Label)})
	}
	if p, ok := s.current(); ok {
		marks = append(marks, layout.Mark{Start: p.start, End: p.end, Style: nl + 2 + base})
		for _, g := range gold {
			if g.Overlaps(p.start, p.end) {
				marks = append(marks, layout.Mark{Start: g.Start, End: g.End, Style: s.labelStyle(g.Label) + base})
			}
		}
	}
	return marks
}

func (s *Screen) labelStyle(label string) int {
	for i, l := range s.f.Ctx.Labels {
		if l == label {
			return 1 + i
		}
	}
	return len(s.f.Ctx.Labels) + 1
}

// panel describes the current place: its versions on their keys, and
// what gold holds there.
func (s *Screen) panel() []string {
	if _, ok := s.current(); !ok {
		return []string{" The layers agree everywhere on this article: gold holds what they agree on"}
	}
	pos := 0
	for i, x := range s.steps {
		if x == s.cur {
			pos = i + 1
		}
	}
	if q, ok := s.currentQuote(); ok {
		return s.quotePanel(q, pos)
	}
	if p, ok := s.currentPair(); ok {
		return s.pairPanel(p, pos)
	}
	it, _ := s.currentSpan()
	state := "undecided"
	switch {
	case it.Decided && it.Choice >= 0 && len(it.Versions[it.Choice].Spans) == 0:
		state = "decided: neither"
	case it.Decided && it.Choice >= 0:
		state = "decided: " + versionLetter(it.Choice) + "'s"
	case it.Decided && len(it.Gold) == 0:
		state = "decided: neither"
	case it.Decided:
		state = "decided: edited in gold"
	}
	kind := "disagreement"
	if it.Agreed {
		kind = "agreed by every layer, not in gold"
	}
	out := []string{fmt.Sprintf(" %d of %d · %s at %d–%d · %s", pos, len(s.steps), kind, it.Start, it.End, state)}
	keys := s.f.Ctx.Keys.AdjTakes
	for i, v := range it.Versions {
		k := " "
		if i < len(keys) {
			k = ui.KeyName(keys[i])
		}
		out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit(k, 5), ui.Fit(names(v.Layers), 20), describe(v.Spans)))
	}
	out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit("", 5), ui.Fit("gold", 20), describe(it.Gold)))
	return out[:min(len(out), s.panelH())]
}

// describe lists spans as messages name them; none is a dash.
func describe(spans []model.Span) string {
	if len(spans) == 0 {
		return "— (nothing)"
	}
	parts := make([]string, len(spans))
	for i, sp := range spans {
		// Without an import's source: where a layer's span came from is
		// not what the curator decides on.
		parts[i] = fmt.Sprintf("%s %d–%d", ui.DescribeSpan(goldSpan(sp)), sp.Start, sp.End)
	}
	return strings.Join(parts, " · ")
}

// quotePanel describes a quotation's place: what each version says of it.
func (s *Screen) quotePanel(q adjudicate.QuoteItem, pos int) []string {
	state := "undecided"
	switch {
	case q.Decided && q.Choice >= 0:
		state = "decided: " + versionLetter(q.Choice) + "'s"
	case q.Decided && adjudicate.QuoteSays(q.Gold) == adjudicate.QuoteSays(nil):
		state = "decided: not a quotation"
	case q.Decided:
		state = "decided: edited in gold"
	}
	kind := "quotation"
	if q.Agreed {
		kind = "quotation every layer agrees on, not in gold"
	}
	out := []string{fmt.Sprintf(" %d of %d · %s “%s” at %d–%d · %s", pos, len(s.steps), kind, ui.Clip(q.Text, 40), q.Start, q.End, state)}
	keys := s.f.Ctx.Keys.AdjTakes
	for i, v := range q.Versions {
		k := " "
		if i < len(keys) {
			k = ui.KeyName(keys[i])
		}
		out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit(k, 5), ui.Fit(names(v.Layers), 20), ui.CleanLine(adjudicate.QuoteSays(v.Quote))))
	}
	gold := "— (nothing)"
	if q.Gold != nil {
		gold = ui.CleanLine(adjudicate.QuoteSays(q.Gold))
	}
	out = append(out, fmt.Sprintf("  %s  %s %s", ui.Fit("", 5), ui.Fit("gold", 20), gold))
	return out[:min(len(out), s.panelH())]
}
