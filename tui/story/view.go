package story

import (
	"fmt"
	"strings"

	"storydesk/model"
	mstory "storydesk/model/story"
	"storydesk/model/story/report"
	"storydesk/model/textdiff"
	"storydesk/tui/ui"
)

// srow is one row of a section: its line, its detail, and the places it
// opens (cols of them, chosen with h and l).
type srow struct {
	cols   int
	line   func(w int, sel bool, col int) string // exactly w cells
	detail func(w, col int) []string
	place  func(col int) (mstory.Place, bool)
}

// listH is how many rows of the section's list fit: the body less the
// section bar, the header, the column heads and the detail.
func (v *storyScreen) listH() int {
	h := v.h - 1 - v.headH()
	if v.sec == secQuotes {
		h -= 1 + v.legendH()
	}
	if dh := v.detailH(); dh > 0 {
		h -= dh + 1
	}
	return max(0, h)
}

// legendH is the quotations' legend of the columns (which outlet each
// number is), shown when the body has room for it.
func (v *storyScreen) legendH() int {
	if v.h >= 16 {
		return 1
	}
	return 0
}

func (v *storyScreen) headH() int {
	if v.h >= 12 {
		return 1
	}
	return 0
}

// detailH is the detail's height: two fifths of the body, none when the
// body is too short for it to say anything.
func (v *storyScreen) detailH() int {
	if v.h < 9 {
		return 0
	}
	return max(3, (v.h-1-v.headH())*2/5)
}

// View draws the screen: the story's headline, the section bar, the
// section's rows and the selected row's detail.
func (v *storyScreen) View() string {
	w, h := v.w, v.h
	if w <= 0 || h <= 0 {
		return ""
	}
	st := v.f.c.Styles
	var lines []string
	if v.headH() > 0 {
		lines = append(lines, ui.Fit(st.P.TitleFocused.Render(ui.Truncate(v.headline(), w)), w))
	}
	lines = append(lines, v.sectionBar(w))
	if v.a == nil {
		msg := v.f.waiting()
		if msg == "" {
			msg = "Analysing the story…"
		}
		for _, l := range ui.WrapPlain(msg, w) {
			lines = append(lines, st.P.Placeholder.Render(ui.Fit(l, w)))
		}
		return v.fill(lines)
	}
	rows := v.rows(v.sec)
	if v.sec == secQuotes {
		if v.legendH() > 0 {
			var legend []string
			for i, a := range v.a.s.Articles {
				legend = append(legend, fmt.Sprintf("%d %s", i+1, outletName(a)))
			}
			lines = append(lines, v.dim(ui.Fit(strings.Join(legend, " · "), w)))
		}
		lines = append(lines, v.matrixHead(w))
	}
	lh := v.listH()
	s := v.sec
	v.off[s] = ui.ClampInt(v.off[s], max(0, v.sel[s]-lh+1), max(0, min(v.sel[s], len(rows)-lh)))
	if len(rows) == 0 {
		lines = append(lines, st.P.Placeholder.Render(ui.Fit(v.empty(), w)))
	}
	for i := v.off[s]; i < min(len(rows), v.off[s]+lh); i++ {
		sel := i == v.sel[s]
		marker := " "
		if sel {
			marker = st.P.BorderFocused.Render(st.Marker)
		}
		if w < 2 {
			lines = append(lines, ui.Fit("", w))
			continue
		}
		lines = append(lines, marker+rows[i].line(w-1, sel, v.col[s]))
	}
	if dh := v.detailH(); dh > 0 {
		for len(lines) < h-dh-1 {
			lines = append(lines, strings.Repeat(" ", w))
		}
		lines = append(lines, st.P.Border.Render(strings.Repeat("─", w)))
		if v.sel[s] < len(rows) {
			d := rows[v.sel[s]].detail(w, v.col[s])
			if len(d) > dh {
				d = d[:dh]
			}
			for _, l := range d {
				lines = append(lines, ui.Fit(l, w))
			}
		}
	}
	return v.fill(lines)
}

// fill pads the body to its height (and cuts it there).
func (v *storyScreen) fill(lines []string) string {
	for len(lines) < v.h {
		lines = append(lines, strings.Repeat(" ", v.w))
	}
	return strings.Join(lines[:v.h], "\n")
}

func (v *storyScreen) headline() string {
	if v.a == nil || len(v.a.s.Articles) == 0 {
		return "Story of " + ui.CleanLine(v.f.title(v.id))
	}
	s := v.a.s
	outlets := map[string]bool{}
	title := ""
	for _, a := range s.Articles {
		outlets[outletName(a)] = true
		if title == "" {
			title = a.Title
		}
	}
	return fmt.Sprintf("%s · %d article%s, %d outlet%s", ui.Clip(title, 200), len(s.Articles), ui.Plural(len(s.Articles)), len(outlets), ui.Plural(len(outlets)))
}

// sectionBar names the sections with their sizes, the current one marked;
// shorter names, then initials, when the width is short.
func (v *storyScreen) sectionBar(w int) string {
	st := v.f.c.Styles
	for _, short := range []int{0, 1, 2} {
		var parts []string
		plainW := 0
		for i, n := range sectionNames {
			name := n
			switch short {
			case 1:
				name = n[:min(len(n), 5)]
			case 2:
				name = n[:1]
			}
			if v.a != nil && short < 2 {
				name += fmt.Sprintf(" %d", len(v.rows(i)))
			}
			plainW += ui.TextWidth(name) + 2
			if i == v.sec {
				parts = append(parts, st.P.TitleFocused.Render("["+name+"]"))
			} else {
				parts = append(parts, st.P.RowDim.Render(" "+name+" "))
			}
		}
		if plainW <= w || short == 2 {
			return ui.Fit(strings.Join(parts, ""), w)
		}
	}
	return ""
}

func (v *storyScreen) empty() string {
	switch v.sec {
	case secQuotes:
		return "No quotations."
	case secDiscrepancies:
		return "No discrepancies found."
	case secUnique:
		return "Nothing only one article has."
	case secEntities:
		return "No entities found."
	}
	return "No articles."
}

// num is an article's number on the timeline ("[2]").
func (v *storyScreen) num(id string) string { return numOf(v.a.s, id) }

func (v *storyScreen) outlet(id string) string { return outletOf(v.a.s, id) }

func numOf(s *mstory.Story, id string) string {
	for i, a := range s.Articles {
		if a.ID == id {
			return fmt.Sprintf("[%d]", i+1)
		}
	}
	return "[?]"
}

func outletOf(s *mstory.Story, id string) string {
	for _, a := range s.Articles {
		if a.ID == id {
			return outletName(a)
		}
	}
	return ui.CleanLine(id)
}

func outletName(a mstory.Article) string {
	if a.Outlet != "" {
		return ui.CleanLine(a.Outlet)
	}
	return ui.CleanLine(a.ID)
}

// rows are a section's rows.
func (v *storyScreen) rows(sec int) []srow {
	if v.a == nil {
		return nil
	}
	switch sec {
	case secTimeline:
		return v.timelineRows()
	case secQuotes:
		return v.quoteRows()
	case secDiscrepancies:
		return v.discrepancyRows()
	case secUnique:
		return v.uniqueRows()
	case secEntities:
		return v.entityRows()
	}
	return nil
}

// paintRow styles a row's text: the selection's style when selected.
func (v *storyScreen) paintRow(s string, w int, sel bool) string {
	st := v.f.c.Styles
	if sel {
		return st.P.RowSelected.Render(ui.Fit(s, w))
	}
	return st.P.Row.Render(ui.Fit(s, w))
}

// relation says what an article is of the others.
func (v *storyScreen) relation(a mstory.Article) string { return relationOf(v.a.s, a) }

func relationOf(s *mstory.Story, a mstory.Article) string {
	switch {
	case a.Relation == mstory.RelRewrite && a.Of != "":
		return "rewrite, closest to " + numOf(s, a.Of)
	case a.Relation == mstory.RelCopy && a.Edits > 0:
		return fmt.Sprintf("copy of %s, %d change%s", numOf(s, a.Of), a.Edits, ui.Plural(a.Edits))
	case a.Of != "":
		return string(a.Relation) + " of " + numOf(s, a.Of)
	}
	return string(a.Relation)
}

func dateOf(a mstory.Article) string {
	d := report.FormatDate(a)
	if d == "" {
		return "date unknown"
	}
	if a.HasTime {
		d = a.Date.Format("2006-01-02 15:04")
	}
	if a.Guessed() {
		d += "?"
	}
	return d
}

func (v *storyScreen) timelineRows() []srow {
	var out []srow
	for i, a := range v.a.s.Articles {
		out = append(out, srow{
			cols: 1,
			line: func(w int, sel bool, _ int) string {
				if w < 50 {
					// Narrow: what it is of the others first.
					return v.paintRow(fmt.Sprintf("[%d] %s · %s", i+1, v.relation(a), outletName(a)), w, sel)
				}
				ow := ui.ClampInt(w/4, 6, 22)
				s := fmt.Sprintf("[%d] %s %-11s %6s  %s", i+1, ui.Fit(outletName(a), ow), dateOf(a), fmt.Sprintf("%dw", a.Words), v.relation(a))
				return v.paintRow(s, w, sel)
			},
			detail: func(w, _ int) []string {
				var d []string
				d = append(d, ui.WrapHanging(fmt.Sprintf("[%d] %s — %s", i+1, outletName(a), ui.CleanLine(a.Title)), w, 4)...)
				if a.Byline != "" {
					d = append(d, ui.Truncate("By "+ui.CleanLine(a.Byline), w))
				}
				date := dateOf(a)
				if a.Guessed() {
					date += " — guessed from the " + a.DateFrom
					if a.DateNote != "" {
						date += ": " + ui.CleanLine(a.DateNote)
					}
				}
				d = append(d, ui.WrapHanging(date, w, 2)...)
				rel := v.relation(a)
				if a.Of != "" {
					rel += fmt.Sprintf(" (%s): %.0f%% of its text is there", v.outlet(a.Of), 100*a.Containment)
				}
				d = append(d, ui.WrapHanging(rel, w, 2)...)
				d = append(d, v.dim(ui.Truncate(ui.CleanLine(a.Path), w)))
				return d
			},
			place: func(int) (mstory.Place, bool) { return mstory.Place{Article: a.ID}, true },
		})
	}
	return out
}

// cell marks: carried word for word, reworded, missing.
func cellMark(c mstory.QuoteCell) string {
	switch c.Carry {
	case mstory.CarryExact:
		return "✓"
	case mstory.CarryReworded:
		return "≈"
	}
	return "·"
}

// cellW is the width of one column of the matrix.
func (v *storyScreen) cellW() int { return len(fmt.Sprint(len(v.a.s.Articles))) + 1 }

func (v *storyScreen) matrixHead(w int) string {
	var b strings.Builder
	b.WriteString(" ")
	cw := v.cellW()
	for i := range v.a.s.Articles {
		b.WriteString(ui.PadLeft(fmt.Sprint(i+1), cw))
	}
	b.WriteString("  speaker · quotation")
	return v.dim(ui.Fit(b.String(), w))
}

func (v *storyScreen) quoteRows() []srow {
	st := v.f.c.Styles
	var out []srow
	for _, q := range v.a.s.Quotes {
		out = append(out, srow{
			cols: len(q.Cells),
			line: func(w int, sel bool, col int) string {
				cw := v.cellW()
				var cells strings.Builder
				for i, c := range q.Cells {
					m := ui.PadLeft(cellMark(c), cw)
					if sel && i == col {
						m = strings.Repeat(" ", cw-1) + st.DP.Figure.Render(cellMark(c))
					}
					cells.WriteString(m)
				}
				used := len(q.Cells) * cw
				if used >= w {
					return ui.Fit(cells.String(), w)
				}
				speaker := ""
				if q.Speaker != "" {
					speaker = ui.Clip(q.Speaker, 20) + " · "
				}
				return cells.String() + v.paintRow(fmt.Sprintf("  %s%d× “%s”", speaker, q.Carriers(), ui.CleanLine(q.Text)), w-used, sel)
			},
			detail: func(w, col int) []string { return v.quoteDetail(q, w, col) },
			place: func(col int) (mstory.Place, bool) {
				if col < len(q.Cells) && q.Cells[col].Carry != mstory.CarryMissing {
					c := q.Cells[col]
					return mstory.Place{Article: c.Article, Start: c.Start, End: c.End}, true
				}
				return mstory.Place{}, false
			},
		})
	}
	return out
}

func (v *storyScreen) quoteDetail(q mstory.QuoteRow, w, col int) []string {
	if col >= len(q.Cells) {
		return nil
	}
	c := q.Cells[col]
	what := map[mstory.Carry]string{mstory.CarryExact: "carries it word for word", mstory.CarryReworded: "rewords it", mstory.CarryMissing: "does not carry it"}[c.Carry]
	if c.Carry != mstory.CarryMissing && !c.Quoted {
		what += ", without quotation marks"
	}
	if c.Speaker != "" {
		what += "; says " + ui.Clip(c.Speaker, 40)
	}
	head := fmt.Sprintf("%s %s %s", v.num(c.Article), v.outlet(c.Article), what)
	d := ui.WrapHanging(head, w, 4)
	switch c.Carry {
	case mstory.CarryExact:
		d = append(d, wrapPieces([]piece{{text: "“" + c.Text + "”"}}, w)...)
	case mstory.CarryReworded:
		d = append(d, wrapPieces(v.diffPieces(q.Text, c.Text, c.Diff), w)...)
		d = append(d, v.dim(ui.Truncate("struck: the common wording; underlined: this outlet's own", w)))
	default:
		d = append(d, wrapPieces([]piece{{text: "“" + q.Text + "”", paint: v.dim}}, w)...)
	}
	return d
}

// piece is a run of text and how to paint it.
type piece struct {
	text  string
	paint func(string) string
}

func (v *storyScreen) diffPieces(a, b string, ops []textdiff.Op) []piece {
	dp := v.f.c.Styles.DP
	var out []piece
	for _, op := range ops {
		switch op.Kind {
		case textdiff.Equal:
			out = append(out, piece{text: model.RuneSlice(b, op.B0, op.B1)})
		case textdiff.Delete:
			out = append(out, piece{text: " "}, piece{text: model.RuneSlice(a, op.A0, op.A1), paint: dp.Cut.Render})
		case textdiff.Insert:
			out = append(out, piece{text: model.RuneSlice(b, op.B0, op.B1), paint: dp.Added.Render})
		}
	}
	return out
}

func (v *storyScreen) dim(s string) string { return v.f.c.Styles.P.RowDim.Render(s) }

// mentions are a discrepancy's places, value by value.
func mentions(d mstory.Discrepancy) []mstory.Mention {
	var out []mstory.Mention
	for _, val := range d.Values {
		out = append(out, val.Mentions...)
	}
	return out
}

func (v *storyScreen) discrepancyRows() []srow {
	var out []srow
	for _, d := range v.a.s.Discrepancies {
		ms := mentions(d)
		out = append(out, srow{
			cols: len(ms),
			line: func(w int, sel bool, _ int) string {
				var vals []string
				for _, val := range d.Values {
					var who []string
					for _, id := range val.Articles {
						who = append(who, v.outlet(id))
					}
					vals = append(vals, fmt.Sprintf("%s (%s)", ui.Clip(val.Value, 30), strings.Join(who, ", ")))
				}
				return v.paintRow(fmt.Sprintf("%s — %s: %s", strings.Join(vals, " vs "), d.Kind, ui.CleanLine(d.Context)), w, sel)
			},
			detail: func(w, col int) []string { return v.discrepancyDetail(d, w, col) },
			place: func(col int) (mstory.Place, bool) {
				if col < len(ms) {
					return mstory.Place{Article: ms[col].Article, Start: ms[col].Start, End: ms[col].End}, true
				}
				return mstory.Place{}, false
			},
		})
	}
	return out
}

// discrepancyDetail shows each value's sentences: side by side when there
// are two values and room, else one under the other. The chosen mention
// (enter opens it) is marked.
func (v *storyScreen) discrepancyDetail(d mstory.Discrepancy, w, col int) []string {
	st := v.f.c.Styles
	n := 0
	block := func(val mstory.Value, w int) []string {
		var out []string
		out = append(out, st.P.TitleFocused.Render(ui.Truncate(ui.CleanLine(val.Value), w)))
		for _, m := range val.Mentions {
			mark := "  "
			if n == col {
				mark = st.P.BorderFocused.Render(st.Marker) + " "
			}
			n++
			text := v.num(m.Article) + " " + v.outlet(m.Article) + ": " + m.Sentence
			for i, l := range wrapPieces(v.valuePieces(text, m), max(1, w-2)) {
				if i > 0 {
					mark = "  "
				}
				out = append(out, mark+l)
			}
		}
		return out
	}
	if len(d.Values) == 2 && w >= 60 {
		cw := (w - 3) / 2
		left, right := block(d.Values[0], cw), block(d.Values[1], w-3-cw)
		var out []string
		for i := range max(len(left), len(right)) {
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			out = append(out, ui.Fit(l, cw)+st.P.Border.Render(" │ ")+ui.Fit(r, w-3-cw))
		}
		return out
	}
	var out []string
	for _, val := range d.Values {
		out = append(out, block(val, w)...)
	}
	return out
}

// valuePieces paints the value inside its sentence.
func (v *storyScreen) valuePieces(text string, m mstory.Mention) []piece {
	rel0, rel1 := m.Start-m.SentStart, m.End-m.SentStart
	prefix := model.RuneLen(text) - model.RuneLen(m.Sentence)
	if rel0 < 0 || rel1 <= rel0 || rel1 > model.RuneLen(m.Sentence) {
		return []piece{{text: text}}
	}
	fig := v.f.c.Styles.DP.Figure.Render
	return []piece{
		{text: model.RuneSlice(text, 0, prefix+rel0)},
		{text: model.RuneSlice(text, prefix+rel0, prefix+rel1), paint: fig},
		{text: model.RuneSlice(text, prefix+rel1, model.RuneLen(text))},
	}
}

func (v *storyScreen) uniqueRows() []srow {
	var out []srow
	add := func(p mstory.Passage, dropped bool) {
		out = append(out, srow{
			cols: 1,
			line: func(w int, sel bool, _ int) string {
				lead := v.num(p.Article) + " " + v.outlet(p.Article) + " only: "
				if dropped {
					lead = v.num(p.By) + " cut drops from " + v.num(p.Article) + ": "
				}
				return v.paintRow(lead+ui.CleanLine(p.Text), w, sel)
			},
			detail: func(w, _ int) []string {
				head := fmt.Sprintf("Only %s %s has this:", v.num(p.Article), v.outlet(p.Article))
				if dropped {
					head = fmt.Sprintf("%s %s (a cut) leaves out of %s %s:", v.num(p.By), v.outlet(p.By), v.num(p.Article), v.outlet(p.Article))
				}
				return append(ui.WrapHanging(head, w, 2), wrapPieces([]piece{{text: p.Text}}, w)...)
			},
			place: func(int) (mstory.Place, bool) {
				return mstory.Place{Article: p.Article, Start: p.Start, End: p.End}, true
			},
		})
	}
	for _, p := range v.a.s.Unique {
		add(p, false)
	}
	for _, p := range v.a.s.Dropped {
		add(p, true)
	}
	return out
}

func (v *storyScreen) entityRows() []srow {
	n := len(v.a.s.Articles)
	var out []srow
	for _, e := range v.a.s.Entities {
		out = append(out, srow{
			cols: len(e.At),
			line: func(w int, sel bool, _ int) string {
				label := ""
				if e.Label != "" {
					label = " " + e.Label
				}
				return v.paintRow(fmt.Sprintf("%s%s — %d of %d articles, %d mention%s", ui.CleanLine(e.Text), label, len(e.Articles), n, e.Mentions, ui.Plural(e.Mentions)), w, sel)
			},
			detail: func(w, col int) []string {
				var who []string
				for i, at := range e.At {
					s := v.num(at.Article) + " " + v.outlet(at.Article)
					if i == col {
						s = "▸" + s
					}
					who = append(who, s)
				}
				d := ui.WrapHanging("Mentioned by "+strings.Join(who, ", "), w, 2)
				if len(e.Variants) > 0 {
					d = append(d, ui.WrapHanging("Also written "+ui.CleanLine(strings.Join(e.Variants, ", ")), w, 2)...)
				}
				return d
			},
			place: func(col int) (mstory.Place, bool) {
				if col < len(e.At) {
					return e.At[col], true
				}
				return mstory.Place{}, false
			},
		})
	}
	return out
}

// wrapPieces wraps painted text to w cells a line, breaking at spaces (a
// word longer than a line is cut), each word painted as its piece says.
func wrapPieces(ps []piece, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, p := range ps {
		text := lineText(p.text)
		for len(text) > 0 {
			// The next word with the spaces before it.
			i := 0
			for i < len(text) && text[i] == ' ' {
				i++
			}
			j := i
			for j < len(text) && text[j] != ' ' {
				j++
			}
			sp, word := text[:i], text[i:j]
			text = text[j:]
			if curW > 0 && curW+len(sp)+ui.TextWidth(word) > w {
				flush()
				sp = ""
			}
			if curW == 0 {
				sp = ""
			}
			for ui.TextWidth(word) > w-curW-len(sp) && word != "" {
				room := w - curW - len(sp)
				if room <= 0 {
					flush()
					sp = ""
					continue
				}
				head := ui.Truncate(word, room)
				head = strings.TrimSuffix(head, "…")
				if head == "" {
					head = string([]rune(word)[:1])
				}
				cur.WriteString(sp + paintOf(p)(head))
				curW += len(sp) + ui.TextWidth(head)
				word = word[len(head):]
				flush()
				sp = ""
			}
			if word == "" && sp == "" {
				continue
			}
			cur.WriteString(sp + paintOf(p)(word))
			curW += len(sp) + ui.TextWidth(word)
		}
	}
	if curW > 0 {
		flush()
	}
	return lines
}

// lineText is untrusted text made safe for one line, its spaces kept
// (ui.CleanLine trims them, and pieces meet at spaces).
func lineText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, model.Sanitize(s))
}

func paintOf(p piece) func(string) string {
	if p.paint == nil {
		return func(s string) string { return s }
	}
	return p.paint
}
