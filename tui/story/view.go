package story

import (
	"fmt"
	"strings"

	mstory "storydesk/model/story"
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
