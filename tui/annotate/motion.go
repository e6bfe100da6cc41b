package annotate

import (
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/ui"
)

// Motion moves the cursor for a motion key, and reports whether msg was
// one. v mode and the shift keys extend the selection; a plain motion drops
// a shift selection. Without a word to rest on, nothing moves.
func (a *Pane) Motion(msg tea.KeyPressMsg) bool {
	k := a.c.Keys
	type motion struct {
		b      key.Binding
		extend bool
		do     func()
	}
	motions := []motion{
		{k.WordNext, false, a.wordNext}, {k.WordPrev, false, a.wordPrev},
		{k.LineDown, false, func() { a.line(1) }}, {k.LineUp, false, func() { a.line(-1) }},
		{k.ExtendNext, true, a.wordNext}, {k.ExtendPrev, true, a.wordPrev},
		{k.ExtendDown, true, func() { a.line(1) }}, {k.ExtendUp, true, func() { a.line(-1) }},
		{k.SentenceNext, false, func() { a.jump(a.sents, 1) }}, {k.SentencePrev, false, func() { a.jump(a.sents, -1) }},
		{k.ParaNext, false, func() { a.jump(a.paras, 1) }}, {k.ParaPrev, false, func() { a.jump(a.paras, -1) }},
		{k.DocStart, false, a.first}, {k.DocEnd, false, a.last},
		{k.ScreenDown, false, func() { a.screen(1) }}, {k.ScreenUp, false, func() { a.screen(-1) }},
	}
	for _, mo := range motions {
		if !key.Matches(msg, mo.b) {
			continue
		}
		if len(a.stops) == 0 {
			return true
		}
		if !key.Matches(msg, k.LineDown, k.LineUp, k.ExtendDown, k.ExtendUp, k.ScreenDown, k.ScreenUp) {
			a.goal = -1
		}
		switch {
		case mo.extend && a.anchor < 0:
			a.anchor = a.cur
		case !mo.extend && !a.visual:
			a.anchor = -1
		}
		mo.do()
		a.scrollIntoView()
		return true
	}
	return false
}

func (a *Pane) wordNext() {
	if len(a.stops) == 0 {
		return
	}
	_, end := a.CursorRange()
	p := a.cur + 1
	for p < len(a.stops) && a.tok(p).Start < end {
		p++
	}
	if p < len(a.stops) {
		a.cur = p
	}
}

func (a *Pane) wordPrev() {
	if a.cur == 0 || len(a.stops) == 0 {
		return
	}
	start, _ := a.CursorRange()
	p := a.cur - 1
	for p > 0 && a.tok(p).Start >= start {
		p--
	}
	a.cur = p
	a.snapToSpanStart()
}

// snapToSpanStart puts the cursor on the first stop of the span it is in.
func (a *Pane) snapToSpanStart() {
	if sp, ok := a.SpanAt(a.tok(a.cur).Start); ok {
		if p := a.stopAt(sp.Start); p < a.cur {
			a.cur = p
		}
	}
}

// line moves the cursor to the stop nearest the goal column on the next
// (dir 1) or previous (dir -1) screen line that has one.
func (a *Pane) line(dir int) {
	if len(a.stops) == 0 {
		return
	}
	t := a.tok(a.cur)
	if a.goal < 0 {
		a.goal = t.Col
	}
	ln := t.Line
	if dir > 0 {
		// From a span wrapped over two lines, start below its end.
		_, end := a.CursorRange()
		ln = a.lay.Tokens[a.lay.TokenAt(end-1)].Line
	}
	for ln += dir; ln >= 0 && ln < len(a.lay.Lines); ln += dir {
		if p, ok := a.nearestOnLine(ln, a.goal); ok {
			a.cur = p
			a.snapToSpanStartKeepLine()
			return
		}
	}
}

// snapToSpanStartKeepLine snaps to a span's first stop only when that stays
// on the same line, so j/k through a wrapped span still moves a line.
func (a *Pane) snapToSpanStartKeepLine() {
	if sp, ok := a.SpanAt(a.tok(a.cur).Start); ok {
		p := a.stopAt(sp.Start)
		if a.tok(p).Line == a.tok(a.cur).Line {
			a.cur = p
		}
	}
}

func (a *Pane) nearestOnLine(ln, col int) (int, bool) {
	l := a.lay.Lines[ln]
	lo := sort.SearchInts(a.stops, l.First)
	best, bestD := -1, 0
	for p := lo; p < len(a.stops) && a.stops[p] < l.First+l.N; p++ {
		t := a.tok(p)
		d := 0
		switch {
		case col < t.Col:
			d = t.Col - col
		case col >= t.Col+max(1, t.Width):
			d = col - (t.Col + max(1, t.Width) - 1)
		}
		if best < 0 || d < bestD {
			best, bestD = p, d
		}
	}
	return best, best >= 0
}

// jump moves to the next (dir 1) or previous start in starts (stop
// positions, ascending). Backwards it goes to the start of the current
// sentence or paragraph first, as editors do.
func (a *Pane) jump(starts []int, dir int) {
	if len(starts) == 0 {
		return
	}
	if dir > 0 {
		i := sort.SearchInts(starts, a.cur+1)
		if i < len(starts) {
			a.cur = starts[i]
		} else {
			a.cur = len(a.stops) - 1
		}
		return
	}
	i := sort.SearchInts(starts, a.cur) - 1
	if i >= 0 {
		a.cur = starts[i]
	} else {
		a.cur = 0
	}
}

func (a *Pane) first() { a.cur = 0 }
func (a *Pane) last() {
	a.cur = max(0, len(a.stops)-1)
	a.snapToSpanStart()
}

// screen moves by a screen of lines (dir ±1).
func (a *Pane) screen(dir int) {
	n := max(1, a.textH()-2)
	g := a.goal
	for i := 0; i < n; i++ {
		before := a.cur
		a.line(dir)
		if a.cur == before {
			break
		}
	}
	a.goal = g
	if a.goal < 0 && len(a.stops) > 0 {
		a.goal = a.tok(a.cur).Col
	}
	a.top = ui.ClampInt(a.top+dir*n, 0, max(0, len(a.lay.Lines)-a.textH()))
}

// entity moves to the next (dir 1) or previous span; wrapped reports that
// it went round the article, moved false that there is none.
func (a *Pane) entity(dir int) (moved, wrapped bool) {
	if len(a.spans) == 0 || len(a.stops) == 0 {
		return false, false
	}
	start, end := a.CursorRange()
	var sp model.Span
	if dir > 0 {
		i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].Start >= end })
		if i == len(a.spans) {
			i, wrapped = 0, true
		}
		sp = a.spans[i]
	} else {
		i := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].Start >= start }) - 1
		if i < 0 {
			i, wrapped = len(a.spans)-1, true
		}
		sp = a.spans[i]
	}
	a.cur = a.stopAt(sp.Start)
	return true, wrapped
}

// scrollIntoView keeps the cursor on screen with a little context.
func (a *Pane) scrollIntoView() {
	if a.lay == nil {
		return
	}
	h := a.textH()
	if h <= 0 || len(a.stops) == 0 {
		a.top = ui.ClampInt(a.top, 0, max(0, len(a.lay.Lines)-max(1, h)))
		return
	}
	ln := a.tok(a.cur).Line
	margin := min(2, (h-1)/2)
	if ln < a.top+margin {
		a.top = ln - margin
	}
	if ln > a.top+h-1-margin {
		a.top = ln - (h - 1 - margin)
	}
	a.top = ui.ClampInt(a.top, 0, max(0, len(a.lay.Lines)-h))
}
