package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/model/textdiff"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
)

// The comparison of two copies: their cleaned texts with textdiff.Words'
// changes as marks on each side, laid out by tui/layout so every marked
// cell is a code point of a change. The two sides scroll together: the
// longer (in screen lines) leads, and the other shows the text the diff
// aligns with the leader's top line.

// Mark styles on a side, as indexed in the painters (0 is plain text).
const (
	dupStylePlain   = iota
	dupStyleCut     // words only on this side, the other has nothing there
	dupStyleAdded   // words only on this side, where the other has nothing: B's additions
	dupStyleChanged // words the other side replaced
	dupStyleFigure  // a number the other side does not have at this place
)

// dupChange is one run of changed words: A's code points [a0, a1) became
// B's [b0, b1); an empty side is where the other's words would go.
type dupChange struct{ a0, a1, b0, b1 int }

func (c dupChange) from(side int) (int, int) {
	if side == 0 {
		return c.a0, c.a1
	}
	return c.b0, c.b1
}

// dupCompare is one pair compared.
type dupCompare struct {
	key     pairKey
	err     string
	arts    [2]*model.Article // as read: what a label snapshots in the store
	text    [2]string         // display texts (controls replaced one for one)
	ops     []textdiff.Op
	changes []dupChange
	marks   [2][]layout.Mark // by position, never overlapping
	only    [2]int           // words only on each side
	pair    dup.Pair         // scores of the two texts

	cur     int // current change, -1 for none
	topLine int // first line of the leading side on screen
	lead    int // the leading side
	layW    int
	lay     [2]*layout.Layout
}

// loadCompare starts comparing the selected pair, unless it is on screen
// or on its way.
func (m *Model) loadCompare() tea.Cmd {
	v := m.dups.view
	if v == nil || len(v.rows) == 0 {
		return nil
	}
	k := v.rows[v.sel].key
	if v.cmp != nil && v.cmp.key == k || v.loading == k {
		return nil
	}
	v.loading = k
	ia, ib := m.itemIndex(k.a), m.itemIndex(k.b)
	src := m.br.Source()
	return func() tea.Msg { return dupCompareMsg{cmp: buildCompare(src, k, ia, ib)} }
}

// compareLoaded shows a comparison if its pair is still selected.
func (m *Model) compareLoaded(c *dupCompare) tea.Cmd {
	if c.err == "" {
		if m.dups.scores == nil {
			m.dups.scores = map[pairKey]dup.Pair{}
		}
		m.dups.scores[c.key] = c.pair
	}
	v := m.dups.view
	if v == nil || len(v.rows) == 0 || v.rows[v.sel].key != c.key {
		return nil
	}
	if v.loading == c.key {
		v.loading = pairKey{}
	}
	v.cmp = c
	if len(c.changes) > 0 {
		g := m.dupsGeom()
		c.ensureLayout(g.textW)
		c.jump(0, g.textH)
	}
	return nil
}

// buildCompare loads both articles and diffs them (in a tea.Cmd).
func buildCompare(src Source, k pairKey, ia, ib int) *dupCompare {
	c := &dupCompare{key: k, cur: -1, layW: -1}
	var texts [2]string
	for s, i := range [2]int{ia, ib} {
		id := [2]string{k.a, k.b}[s]
		if i < 0 {
			c.err = fmt.Sprintf("%s is not in this corpus", ui.Clip(id, 50))
			return c
		}
		a, err := src.Load(i)
		if err != nil || a == nil {
			c.err = fmt.Sprintf("%s could not be read", ui.Clip(id, 50))
			return c
		}
		texts[s] = a.Text
		c.arts[s] = a
	}
	c.ops = textdiff.Words(texts[0], texts[1])
	runes := [2][]rune{[]rune(texts[0]), []rune(texts[1])}
	c.text = [2]string{displayText(runes[0]), displayText(runes[1])}
	c.changes = diffChanges(c.ops)
	c.marks, c.only = changeMarks(runes, c.changes)
	c.pair = pairScores(k, texts)
	return c
}

// diffChanges groups the diff's non-equal ops into changes.
func diffChanges(ops []textdiff.Op) []dupChange {
	var out []dupChange
	for i := 0; i < len(ops); {
		if ops[i].Kind == textdiff.Equal {
			i++
			continue
		}
		ch := dupChange{a0: -1, b0: -1}
		for ; i < len(ops) && ops[i].Kind != textdiff.Equal; i++ {
			op := ops[i]
			if op.Kind == textdiff.Delete {
				ch.a0, ch.a1 = op.A0, op.A1
				if ch.b0 < 0 {
					ch.b0, ch.b1 = op.B0, op.B0
				}
			} else {
				ch.b0, ch.b1 = op.B0, op.B1
				if ch.a0 < 0 {
					ch.a0, ch.a1 = op.A0, op.A0
				}
			}
		}
		out = append(out, ch)
	}
	return out
}

// changeMarks styles each side's changed words: cut or added when the
// other side has nothing there, changed when it has other words, and a
// figure when a number is not among the other side's replacement's
// numbers — so 42 → 47 stands out on both sides, while a rewritten
// sentence keeping its 214 does not mark it.
func changeMarks(runes [2][]rune, changes []dupChange) (marks [2][]layout.Mark, only [2]int) {
	for _, ch := range changes {
		var nums [2][]numWord
		for s := range 2 {
			s0, s1 := ch.from(s)
			only[s] += len(strings.Fields(string(runes[s][s0:s1])))
			nums[s] = numberWords(runes[s], s0, s1)
		}
		replaced := ch.a1 > ch.a0 && ch.b1 > ch.b0
		for s := range 2 {
			s0, s1 := ch.from(s)
			if s1 <= s0 {
				continue
			}
			if !replaced {
				style := dupStyleCut
				if s == 1 {
					style = dupStyleAdded
				}
				marks[s] = append(marks[s], layout.Mark{Start: s0, End: s1, Style: style})
				continue
			}
			other := map[string]bool{}
			for _, n := range nums[1-s] {
				other[n.text] = true
			}
			p := s0
			for _, n := range nums[s] {
				if other[n.text] {
					continue
				}
				if n.start > p {
					marks[s] = append(marks[s], layout.Mark{Start: p, End: n.start, Style: dupStyleChanged})
				}
				marks[s] = append(marks[s], layout.Mark{Start: n.start, End: n.end, Style: dupStyleFigure})
				p = n.end
			}
			if p < s1 {
				marks[s] = append(marks[s], layout.Mark{Start: p, End: s1, Style: dupStyleChanged})
			}
		}
	}
	return marks, only
}

// numWord is a word with a digit in it, without the punctuation around it.
type numWord struct {
	start, end int
	text       string
}

// numberWords lists the numbers among rs[s0:s1]'s words.
func numberWords(rs []rune, s0, s1 int) []numWord {
	var out []numWord
	for i := s0; i < s1; {
		for i < s1 && unicode.IsSpace(rs[i]) {
			i++
		}
		j := i
		for j < s1 && !unicode.IsSpace(rs[j]) {
			j++
		}
		ws, we := i, j
		for ws < we && unicode.IsPunct(rs[ws]) {
			ws++
		}
		for we > ws && unicode.IsPunct(rs[we-1]) {
			we--
		}
		if slices.ContainsFunc(rs[ws:we], unicode.IsDigit) {
			out = append(out, numWord{ws, we, string(rs[ws:we])})
		}
		i = j
	}
	return out
}

// pairScores computes a pair's containment and Jaccard exactly from the
// two texts' signatures, for pairs detection did not report.
func pairScores(k pairKey, texts [2]string) dup.Pair {
	sa, sb := dup.Sign(texts[0]), dup.Sign(texts[1])
	n, i, j := 0, 0, 0
	for i < len(sa.Shingles) && j < len(sb.Shingles) {
		switch {
		case sa.Shingles[i] < sb.Shingles[j]:
			i++
		case sa.Shingles[i] > sb.Shingles[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	p := dup.Pair{A: k.a, B: k.b, Kind: dup.Near}
	la, lb, fn := float64(len(sa.Shingles)), float64(len(sb.Shingles)), float64(n)
	if la > 0 {
		p.AinB = fn / la
	}
	if lb > 0 {
		p.BinA = fn / lb
	}
	if la+lb-fn > 0 {
		p.Jaccard = fn / (la + lb - fn)
	}
	if sa.Exact != 0 && sa.Exact == sb.Exact {
		p.Kind = dup.Exact
	}
	return p
}

// ensureLayout wraps both sides at width w, keeping the leading side's top
// line on the same text.
func (c *dupCompare) ensureLayout(w int) {
	w = max(2, w)
	if c.err != "" || c.layW == w {
		return
	}
	off := -1
	if c.lay[c.lead] != nil && c.topLine < len(c.lay[c.lead].Lines) {
		off = c.lay[c.lead].Lines[c.topLine].Start
	}
	old := c.lead
	c.lay = [2]*layout.Layout{layout.Wrap(c.text[0], w), layout.Wrap(c.text[1], w)}
	c.layW = w
	c.lead = 0
	if len(c.lay[1].Lines) > len(c.lay[0].Lines) {
		c.lead = 1
	}
	c.topLine = 0
	if off >= 0 {
		if old != c.lead {
			off = c.mapOff(old, off)
		}
		c.topLine = c.lay[c.lead].LineOf(off)
	}
}

// mapOff maps code point off of side from to the aligned place on the
// other side: the same word in equal text, the place of a change.
func (c *dupCompare) mapOff(from, off int) int {
	for _, op := range c.ops {
		f0, f1, t0 := op.A0, op.A1, op.B0
		if from == 1 {
			f0, f1, t0 = op.B0, op.B1, op.A0
		}
		if off >= f0 && off < f1 {
			if op.Kind == textdiff.Equal {
				return t0 + off - f0
			}
			return t0
		}
	}
	return c.lay[1-from].Len()
}

// maxTop is the last top line of a side showing h lines.
func (c *dupCompare) maxTop(side, h int) int { return max(0, len(c.lay[side].Lines)-h) }

// scroll moves both sides n lines of the leading side.
func (c *dupCompare) scroll(n, h int) {
	if c.lay[0] == nil {
		return
	}
	c.topLine = ui.ClampInt(c.topLine+n, 0, c.maxTop(c.lead, h))
}

// tops are the first lines on screen of each side (h lines each): the
// leader's, and the follower's aligned with it — and, while the current
// change is on the leader's screen, moved to show it there too.
func (c *dupCompare) tops(h [2]int) [2]int {
	var t [2]int
	l, f := c.lead, 1-c.lead
	t[l] = ui.ClampInt(c.topLine, 0, c.maxTop(l, h[l]))
	lay := c.lay[l]
	if len(lay.Lines) == 0 {
		return t
	}
	ft := c.lay[f].LineOf(c.mapOff(l, lay.Lines[t[l]].Start))
	if c.cur >= 0 && c.cur < len(c.changes) {
		ls, _ := c.changes[c.cur].from(l)
		fs, _ := c.changes[c.cur].from(f)
		if ll := lay.LineOf(ls); ll >= t[l] && ll < t[l]+h[l] {
			if fl := c.lay[f].LineOf(fs); fl < ft || fl >= ft+h[f] {
				ft = fl - min(2, (h[f]-1)/2)
			}
		}
	}
	t[f] = ui.ClampInt(ft, 0, c.maxTop(f, h[f]))
	return t
}

// jump makes change i current and scrolls the leader to it.
func (c *dupCompare) jump(i, h int) {
	if i < 0 || i >= len(c.changes) || c.lay[0] == nil {
		return
	}
	c.cur = i
	s, _ := c.changes[i].from(c.lead)
	c.topLine = ui.ClampInt(c.lay[c.lead].LineOf(s)-min(2, (h-1)/2), 0, c.maxTop(c.lead, h))
}

// stepChange moves to the next (dir 1) or previous change, wrapping.
func (m *Model) stepChange(dir int) {
	v := m.dups.view
	c := v.cmp
	if c == nil || len(v.rows) == 0 || c.key != v.rows[v.sel].key {
		return
	}
	if len(c.changes) == 0 {
		m.message = "The two texts have the same words"
		return
	}
	g := m.dupsGeom()
	c.ensureLayout(g.textW)
	i := c.cur + dir
	if c.cur < 0 {
		// From the screen: the first change below its top, or the last above.
		top := c.lay[c.lead].Lines[min(c.topLine, len(c.lay[c.lead].Lines)-1)].Start
		i = sort.Search(len(c.changes), func(k int) bool { s, _ := c.changes[k].from(c.lead); return s >= top })
		if dir < 0 {
			i--
		}
	}
	switch {
	case i >= len(c.changes):
		i = 0
		m.message = "Wrapped to the first change"
	case i < 0:
		i = len(c.changes) - 1
		m.message = "Wrapped to the last change"
	}
	c.jump(i, g.textH)
}

// scrollCompare scrolls both sides.
func (m *Model) scrollCompare(n int) {
	v := m.dups.view
	if c := v.cmp; c != nil && len(v.rows) > 0 && c.key == v.rows[v.sel].key {
		g := m.dupsGeom()
		c.ensureLayout(g.textW)
		c.scroll(n, g.textH)
	}
}

// lineMarks are side s's marks on screen line i, clipped to it.
func (c *dupCompare) lineMarks(s, i int) []layout.Mark {
	l := c.lay[s].Lines[i]
	ms := c.marks[s]
	k := sort.Search(len(ms), func(k int) bool { return ms[k].End > l.Start })
	var out []layout.Mark
	for ; k < len(ms) && ms[k].Start < l.End; k++ {
		mk := ms[k]
		mk.Start, mk.End = max(mk.Start, l.Start), min(mk.End, l.End)
		out = append(out, mk)
	}
	return out
}

// onCurrent reports whether side s's line i shows the current change (or,
// where that side has nothing, the place of it).
func (c *dupCompare) onCurrent(s, i int) bool {
	if c.cur < 0 || c.cur >= len(c.changes) {
		return false
	}
	s0, s1 := c.changes[c.cur].from(s)
	l := c.lay[s].Lines[i]
	if s1 <= s0 {
		return c.lay[s].LineOf(s0) == i
	}
	return s0 < l.End && l.Start < s1
}
