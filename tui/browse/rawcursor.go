package browse

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/tui/ui"
)

// The article pane's side of corrections: the raw view's paragraph cursor,
// and putting an article loaded again (after a correction, or its file
// changed) in place without losing the reading position. The corrections
// themselves are the root's: it hands the pane the stored ones
// (Browser.SetCorrections) and asks which paragraph the cursor is on
// (Browser.CursorPara).

// rawCursor is the raw view's cursor state.
type rawCursor struct {
	// corrFor returns an article's stored corrections; nil when corrections
	// cannot be made here (then the raw view has no cursor and j/k scroll).
	corrFor func(id string) []model.Correction
	cur     int // paragraph index in raw.paras
	// minGen: renders started before it were made from an article a
	// correction has since replaced, and are dropped when they come back.
	minGen int
}

// rawRenderCmd lays out the raw view with the article's corrections and
// the cursor gutter, off the update loop.
func rawRenderCmd(k renderKey, gen int, a *model.Article, corr []model.Correction) tea.Cmd {
	return func() tea.Msg {
		return renderedMsg{key: k, gen: gen, doc: &rendered{raw: layoutRawWith(a, corr, k.width, true)}}
	}
}

// rawCursorOn reports whether the raw view on screen has a cursor.
func (d *detailPane) rawCursorOn() bool {
	return d.rc.corrFor != nil && d.kind == kindRaw && d.showing() && d.raw != nil && len(d.raw.paras) > 0
}

// rawCursorIndex is the paragraph to mark, -1 for none.
func (d *detailPane) rawCursorIndex() int {
	if !d.rawCursorOn() {
		return -1
	}
	return d.rc.cur
}

// Para is the paragraph under the raw view's cursor.
type Para struct {
	Start, End int          // raw code points
	Reason     model.Reason // why the cleaner (or the reviewer) removed it; "" when kept
	User       bool         // a correction decides it
	N, Of      int          // it is paragraph N (from 1) of Of
}

// cursorPara is the paragraph under the raw view's cursor.
func (d *detailPane) cursorPara() (Para, bool) {
	if !d.rawCursorOn() || d.rc.cur < 0 || d.rc.cur >= len(d.raw.paras) {
		return Para{}, false
	}
	p := d.raw.paras[d.rc.cur]
	return Para{Start: p.start, End: p.end, Reason: p.reason, User: p.user, N: d.rc.cur + 1, Of: len(d.raw.paras)}, true
}

// rawMove handles a motion in the raw view with a cursor. j and k move by
// paragraph, but read through a paragraph taller than the screen a line at
// a time first; pages scroll and bring the cursor along.
func (d *detailPane) rawMove(delta int) {
	ps := d.raw.paras
	h := max(1, d.innerH())
	d.rc.cur = ui.ClampInt(d.rc.cur, 0, len(ps)-1)
	c := ps[d.rc.cur]
	switch {
	case delta == -1<<30:
		d.rc.cur, d.rawOff = 0, 0
	case delta == 1<<30:
		d.rc.cur, d.rawOff = len(ps)-1, d.rawMax()
	case delta == 1:
		switch {
		case c.last >= d.rawOff+h:
			d.rawOff++
		case d.rc.cur+1 < len(ps):
			d.rc.cur++
			d.showCursor()
		default:
			d.rawOff = d.rawMax()
		}
	case delta == -1:
		switch {
		case c.first < d.rawOff && c.first >= 0:
			d.rawOff--
		case d.rc.cur > 0:
			d.rc.cur--
			n := ps[d.rc.cur]
			if n.first < d.rawOff {
				// Coming up onto a tall paragraph shows its end first.
				d.rawOff = max(n.first, min(d.rawOff, n.last-h+1))
			}
		default:
			d.rawOff = 0 // the summary above the first paragraph
		}
	default:
		d.rawOff += delta
		d.clampRaw()
		d.cursorIntoView(delta > 0)
	}
	d.clampRaw()
}

// showCursor scrolls so the cursor's paragraph is on screen (its start,
// when it is taller than the screen).
func (d *detailPane) showCursor() {
	if d.raw == nil || d.rc.cur < 0 || d.rc.cur >= len(d.raw.paras) {
		return
	}
	c, h := d.raw.paras[d.rc.cur], max(1, d.innerH())
	if c.last >= d.rawOff+h {
		d.rawOff = min(c.first, c.last-h+1)
	}
	if c.first < d.rawOff && c.last < d.rawOff+h {
		d.rawOff = c.first
	}
	d.clampRaw()
}

// cursorIntoView moves the cursor onto the screen after a scroll: to the
// first paragraph showing when going forward, the last going back.
func (d *detailPane) cursorIntoView(forward bool) {
	if d.raw == nil || len(d.raw.paras) == 0 || d.rc.corrFor == nil {
		return
	}
	ps, h := d.raw.paras, max(1, d.innerH())
	d.rc.cur = ui.ClampInt(d.rc.cur, 0, len(ps)-1)
	top, bottom := d.rawOff, d.rawOff+h-1
	if c := ps[d.rc.cur]; c.last >= top && c.first <= bottom {
		return
	}
	if forward {
		for i, p := range ps {
			if p.last >= top {
				d.rc.cur = i
				return
			}
		}
		d.rc.cur = len(ps) - 1
		return
	}
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].first <= bottom {
			d.rc.cur = i
			return
		}
	}
	d.rc.cur = 0
}

// rawShown runs when a raw layout goes on screen: a new article starts at
// its first paragraph; the same one again (a resize, a correction) keeps
// the cursor's paragraph on screen.
func (d *detailPane) rawShown(same bool) {
	if d.rc.corrFor == nil || d.raw == nil || len(d.raw.paras) == 0 {
		d.rc.cur = 0
		return
	}
	if !same {
		d.rc.cur = 0
		d.cursorIntoView(true)
		return
	}
	d.rc.cur = ui.ClampInt(d.rc.cur, 0, len(d.raw.paras)-1)
	d.showCursor()
}

// forget drops the pane's copies of item idx (article and renders): its
// text is about to change.
func (d *detailPane) forget(idx int) {
	keep := d.articles.entries[:0]
	for _, e := range d.articles.entries {
		if e.k != idx {
			keep = append(keep, e)
		}
	}
	d.articles.entries = keep
	d.dropRenders(idx)
}

func (d *detailPane) dropRenders(idx int) {
	keep := d.renders.entries[:0]
	for _, e := range d.renders.entries {
		if e.k.idx != idx {
			keep = append(keep, e)
		}
	}
	d.renders.entries = keep
	d.rc.minGen = d.gen + 1
}

// replaceArticle puts item idx loaded again in place. On screen it is
// rendered again where the reader was (same article: the position is kept).
func (d *detailPane) replaceArticle(idx int, a *model.Article) tea.Cmd {
	d.dropRenders(idx)
	d.articles.put(idx, a)
	if d.idx != idx {
		return nil
	}
	d.art, d.loadErr = a, nil
	if d.hasShown && d.shown.idx == idx {
		d.shown.width = -1 // no render matches it: ensureRender renders again
	}
	return d.ensureRender()
}

// withCorrect adds the correction key to help where corrections can be made.
func (d *detailPane) withCorrect(b []key.Binding) []key.Binding {
	if d.rc.corrFor == nil {
		return b
	}
	return append(b, d.c.Keys.Correct)
}
