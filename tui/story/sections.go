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

// The story screen's sections: each a list of rows (srow), their lines,
// details and places.

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
