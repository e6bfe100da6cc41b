package tui

import (
	"fmt"
	"strings"

	"storydesk/model/dup"
	"storydesk/tui/ui"
)

// How the duplicates screen looks. The pair list is on top; below it one
// line about the selected pair, then its two texts side by side (stacked
// below 100 columns). In the texts, words only one side has are struck
// through (A's cuts) or underlined (B's additions), replaced words are
// bold, and a changed number is reversed on both sides — attributes and
// colour only, never a width change. A bar in each side's margin marks the
// lines with changes, heavier on the current one.

// dupsGeom is the screen's layout for the body size.
type dupsGeom struct {
	w, h    int
	listH   int  // the pair list box
	compare bool // the comparison fits below it
	stacked bool
	sideW   [2]int
	sideH   [2]int
	gutter  int // change bar column
	textW   int // wrap width of both sides
	textH   int // text lines of the shorter side
}

func (m *Model) dupsGeom() dupsGeom {
	w, h := m.c.Width, max(0, m.c.Height-m.statusH()-m.helpH())
	g := dupsGeom{w: w, h: h, listH: h, stacked: w < 100}
	if h < 8 || w < 8 {
		return g
	}
	n := 0
	if v := m.dups.view; v != nil {
		n = len(v.rows)
	}
	listH := n + 2 // border
	if dupsHeader(w) && n > 0 {
		listH++
	}
	listH = ui.ClampInt(listH, 4, max(4, h/3))
	rest := h - listH - 1
	if g.stacked && rest < 6 || !g.stacked && rest < 3 {
		return g
	}
	g.listH, g.compare = listH, true
	if g.stacked {
		g.sideW = [2]int{w, w}
		g.sideH = [2]int{rest / 2, rest - rest/2}
	} else {
		g.sideW = [2]int{w / 2, w - w/2}
		g.sideH = [2]int{rest, rest}
	}
	inner := min(g.sideW[0], g.sideW[1]) - 2
	if inner >= 8 {
		g.gutter = 1
	}
	g.textW = inner - g.gutter
	if inner >= 24 {
		g.textW-- // a margin on the right too
	}
	g.textW = max(2, g.textW)
	g.textH = max(1, min(g.sideH[0], g.sideH[1])-2)
	return g
}

// dupsBody draws the duplicates screen in w×h.
func (m *Model) dupsBody(w, h int) string {
	g := m.dupsGeom()
	g.w, g.h = w, h
	list := m.dupListView(g)
	if !g.compare {
		return list
	}
	parts := []string{list, m.pairInfoLine(w)}
	v := m.dups.view
	c := v.cmp
	if c != nil && (len(v.rows) == 0 || c.key != v.rows[v.sel].key) {
		c = nil
	}
	var sides [2]string
	for s := range 2 {
		sides[s] = m.sideView(g, c, s)
	}
	if g.stacked {
		parts = append(parts, sides[0], sides[1])
	} else {
		parts = append(parts, ui.JoinColumns(sides[0], sides[1]))
	}
	return strings.Join(parts, "\n")
}

// articleName is "outlet · title" for the lists — or "id · title" when
// the article names no outlet, since copies often share their title — or
// the ID of an article no longer in the corpus.
func (m *Model) articleName(id string) string {
	i := m.itemIndex(id)
	if i < 0 {
		return ui.CleanLine(id) + " (not in this corpus)"
	}
	r := m.br.Row(i)
	if r.Outlet != "" {
		return r.Outlet + " · " + r.Title
	}
	return ui.CleanLine(id) + " · " + r.Title
}

// dupsHeader reports whether the pair list at width w has room for its
// column headings (and the scores they head).
func dupsHeader(w int) bool { return w-2 >= 70 }

// dupListView is the box of candidate pairs.
func (m *Model) dupListView(g dupsGeom) string {
	st := m.c.Styles
	d := &m.dups
	v := d.view
	inner := max(0, g.w-2)
	title := "Duplicates"
	if v.only != "" {
		title = "Copies of " + ui.Clip(m.articleName(v.only), 60)
	}
	labelled := 0
	for _, r := range v.rows {
		if _, ok := d.labels[r.key]; ok {
			labelled++
		}
	}
	info := ""
	if len(v.rows) > 0 {
		info = fmt.Sprintf("%d/%d · %d labelled", v.sel+1, len(v.rows), labelled)
	}
	if d.job != nil && d.total > 0 {
		info = fmt.Sprintf("%s %d%%", d.stage, d.done*100/d.total) + map[bool]string{true: " · " + info, false: ""}[info != ""]
	}
	var content []string
	header := dupsHeader(g.w) && g.listH >= 5 && len(v.rows) > 0
	if header {
		content = append(content, st.P.RowDim.Render(ui.Fit("  "+ui.Fit("label", 11)+"a∈b  b∈a  jacc "+ui.Fit("kind", 9)+"A ⇄ B", inner)))
	}
	rows := max(0, g.listH-2-len(content))
	if len(v.rows) == 0 {
		content = append(content, st.P.Placeholder.Render(ui.Truncate(m.noPairsText(), inner)))
	}
	if rows > 0 {
		if v.sel < v.off {
			v.off = v.sel
		}
		if v.sel >= v.off+rows {
			v.off = v.sel - rows + 1
		}
		v.off = ui.ClampInt(v.off, 0, max(0, len(v.rows)-rows))
	}
	for i := v.off; i < len(v.rows) && i < v.off+rows; i++ {
		content = append(content, m.pairRow(v.rows[i], i == v.sel, inner))
	}
	return ui.Box(st, true, title, info, content, g.w, g.listH)
}

// noPairsText says why the list is empty.
func (m *Model) noPairsText() string {
	d := &m.dups
	switch {
	case d.job != nil:
		return fmt.Sprintf("Finding copies… %s %s/%s", d.stage, ui.Commas(d.done), ui.Commas(d.total))
	case !d.finished && m.br.Loading():
		return "Reading the corpus; finding copies comes next…"
	case d.err != nil:
		return "Duplicate detection failed: " + d.err.Error()
	case d.view.only != "":
		return "No candidate copies of this article. " + ui.KeyName(m.c.Keys.Dups) + " shows every pair."
	}
	return fmt.Sprintf("No candidate copies (texts sharing %.0f%% or more). %s on two articles in the list compares them.",
		dup.DefaultThreshold*100, ui.KeyName(m.c.Keys.DupCompare))
}

// pairRow is one pair in w cells: marker, verdict, scores, kind, both sides.
func (m *Model) pairRow(r dupRow, selected bool, w int) string {
	st := m.c.Styles
	d := &m.dups
	marker, flag := " ", " "
	if selected {
		marker = st.P.BorderFocused.Render(st.Marker)
	}
	if d.conflicts[r.key] {
		flag = st.DP.Conflict.Render("!")
	}
	name := dupLabelName(d.labels[r.key])
	if name == "" {
		name = "·"
	}
	p, scored := m.scoresOf(r)
	num := func(x float64) string {
		if !scored {
			return "  –  "
		}
		return fmt.Sprintf("%4.2f ", x)
	}
	kind := ""
	switch {
	case r.found:
		kind = r.pair.Kind
	case r.manual:
		kind = "by hand"
	default:
		kind = "labelled"
	}
	var cols string
	switch {
	case w >= 70:
		cols = ui.Fit(name, 10) + " " + num(p.AinB) + num(p.BinA) + num(p.Jaccard) + ui.Fit(kind, 8) + " "
	case w >= 40:
		cols = ui.Fit(name, 10) + " " + num(p.Containment())
	case w >= 16:
		cols = ui.Fit(name, 4) + " "
	}
	rest := max(0, w-2-ui.TextWidth(cols))
	sides := ""
	if rest >= 7 {
		each := (rest - 3) / 2
		sides = ui.Fit(m.sideName(r.key.a), each) + " ⇄ " + ui.Truncate(m.sideName(r.key.b), rest-3-each)
	}
	if selected {
		return marker + flag + st.P.RowSelected.Render(ui.Fit(cols+sides, max(0, w-2)))
	}
	if cols != "" && d.labels[r.key] != "" {
		cols = st.DP.Label.Render(cols)
	}
	return marker + flag + cols + sides
}

// sideName is an article's name with ★ when it is its cluster's canonical.
func (m *Model) sideName(id string) string {
	if i := m.itemIndex(id); i >= 0 {
		if b, ok := m.dups.badges[int32(i)]; ok && b.canonical {
			return m.c.Styles.Dups.CanonicalCh + " " + m.articleName(id)
		}
	}
	return m.articleName(id)
}

// pairInfoLine describes the selected pair: scores, the current change,
// its verdict and cluster.
func (m *Model) pairInfoLine(w int) string {
	st := m.c.Styles
	d := &m.dups
	v := d.view
	if len(v.rows) == 0 {
		return strings.Repeat(" ", w)
	}
	r := v.rows[v.sel]
	var parts []string
	if p, ok := m.scoresOf(r); ok {
		parts = append(parts, fmt.Sprintf("A in B %.2f · B in A %.2f · Jaccard %.2f", p.AinB, p.BinA, p.Jaccard))
	}
	c := v.cmp
	switch {
	case c == nil || c.key != r.key:
		parts = append(parts, "comparing…")
	case c.err != "":
		parts = append(parts, c.err)
	case len(c.changes) == 0:
		parts = append(parts, "same words")
	case c.cur >= 0:
		parts = append(parts, fmt.Sprintf("change %d/%d", c.cur+1, len(c.changes)))
	default:
		parts = append(parts, fmt.Sprintf("%d changes", len(c.changes)))
	}
	if l := d.labels[r.key]; l != "" {
		parts = append(parts, "labelled "+string(l))
	} else {
		parts = append(parts, "not labelled")
	}
	if ci := m.clusterOf(r.key.a); ci >= 0 && ci == m.clusterOf(r.key.b) {
		cl := d.groups.Copies[ci]
		side := "A"
		if cl.Canonical == r.key.b {
			side = "B"
		} else if cl.Canonical != r.key.a {
			side = ui.Clip(cl.Canonical, 30)
		}
		how := "longest"
		if cl.Chosen() {
			how = "marked"
		}
		parts = append(parts, fmt.Sprintf("cluster %d of %d, canonical %s (%s)", ci+1, len(cl.Members), side, how))
	}
	if d.conflicts[r.key] {
		parts = append(parts, st.DP.Conflict.Render("! other labels make them copies"))
	}
	return ui.Fit(" "+strings.Join(parts, " · "), w)
}

// sideView is one side's box: its article, the text with the changes
// marked, a bar beside changed lines.
func (m *Model) sideView(g dupsGeom, c *dupCompare, s int) string {
	st := m.c.Styles
	v := m.dups.view
	w, h := g.sideW[s], g.sideH[s]
	letter := [2]string{"A", "B"}[s]
	focused := v.side == s
	if len(v.rows) == 0 {
		return ui.Box(st, focused, letter, "", nil, w, h)
	}
	r := v.rows[v.sel]
	id := [2]string{r.key.a, r.key.b}[s]
	title := letter + " " + m.sideName(id)
	var content []string
	info := ""
	switch {
	case c == nil:
		content = []string{st.P.Placeholder.Render("Loading…")}
	case c.err != "":
		content = []string{st.P.ErrorText.Render(ui.Truncate(c.err, max(1, w-2)))}
	default:
		c.ensureLayout(g.textW)
		info = fmt.Sprintf("%d only here", c.only[s])
		tops := c.tops([2]int{max(1, g.sideH[0]-2), max(1, g.sideH[1]-2)})
		painters := st.DupPainters()
		textH := max(0, h-2)
		for i := tops[s]; i < len(c.lay[s].Lines) && len(content) < textH; i++ {
			gut := ""
			if g.gutter > 0 {
				gut = " "
				switch {
				case c.onCurrent(s, i):
					gut = st.DP.BarCurrent.Render(st.Dups.BarCurrentCh)
				case len(c.lineMarks(s, i)) > 0:
					gut = st.DP.Bar.Render(st.Dups.BarCh)
				}
			}
			content = append(content, gut+c.lay[s].RenderLine(i, c.lineMarks(s, i), painters))
		}
	}
	return ui.Box(st, focused, title, info, content, w, h)
}
