package story

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	mstory "storydesk/model/story"
	"storydesk/tui/ui"
)

// The stories list's preview: on a terminal wide enough for the reader's
// two panes, the list takes the left and the selected story's summary the
// right (its timeline, quotations, discrepancies, what only one outlet
// has), from its analysis. A story is analysed once the cursor has rested
// on it for previewDelay, so scrolling through the list does not analyse
// every story it passes.

const previewDelay = 150 * time.Millisecond

type previewMsg struct{ key string }

// split is the list's and the preview's widths (0 for the preview when
// the terminal is narrow: the list alone).
func (v *listScreen) split() (lw, pw int) {
	if v.w < 90 {
		return v.w, 0
	}
	lw = ui.ClampInt(v.w*2/5, 30, v.w-40)
	return lw, v.w - lw
}

// preview asks for the selected story's analysis once the cursor rests.
func (v *listScreen) preview() tea.Cmd {
	if _, pw := v.split(); pw == 0 || v.f.stories == nil || v.sel >= len(v.rows) || v.rows[v.sel].single {
		return nil
	}
	c := &v.f.stories.Clusters[v.rows[v.sel].cluster]
	k := storyKey(c)
	if _, ok := v.f.analyses[k]; ok || v.f.analyzing[k] {
		return nil
	}
	return tea.Tick(previewDelay, func(time.Time) tea.Msg { return previewMsg{key: k} })
}

// previewDue analyses the story the cursor still rests on.
func (f *Feature) previewDue(msg previewMsg) tea.Cmd {
	v := f.list
	if v == nil || f.stories == nil || v.sel >= len(v.rows) {
		return nil
	}
	c := &f.stories.Clusters[v.rows[v.sel].cluster]
	if storyKey(c) != msg.key {
		return nil
	}
	return f.analyze(c)
}

// previewLines is the preview of the selected row.
func (v *listScreen) previewLines(w int) []string {
	f := v.f
	st := f.c.Styles
	if f.stories == nil || v.sel >= len(v.rows) {
		return nil
	}
	r := v.rows[v.sel]
	c := &f.stories.Clusters[r.cluster]
	var out []string
	if r.member >= 0 {
		id := c.Members[r.member]
		row := Row{ID: id, Title: id}
		if i := f.d.Articles.IndexOf(id); i >= 0 {
			row = f.d.Articles.Row(i)
		}
		out = append(out, ui.WrapHanging(ui.CleanLine(row.Title), w, 2)...)
		meta := fmt.Sprintf("%d words", row.Words)
		if row.Outlet != "" {
			meta = ui.CleanLine(row.Outlet) + " · " + meta
		}
		out = append(out, st.P.RowDim.Render(ui.Truncate(meta, w)), st.P.RowDim.Render(ui.Truncate(ui.CleanLine(id), w)))
		if r.single {
			return append(out, "", st.P.Placeholder.Render(ui.Truncate("A story of its own.", w)))
		}
		out = append(out, "")
	}
	a := f.analyses[storyKey(c)]
	if a == nil {
		return append(out, st.P.Placeholder.Render(ui.Truncate("Analysing the story…", w)))
	}
	return append(out, summaryLines(a.s, w, st.P.TitleFocused.Render, st.P.RowDim.Render)...)
}

// summaryLines sum a story up: its timeline, then how many quotations,
// the discrepancies, what only one outlet has, who it is about.
func summaryLines(s *mstory.Story, w int, title, dim func(string) string) []string {
	line := func(t string) string { return ui.Truncate(t, w) }
	var out []string
	outlets := map[string]bool{}
	for _, a := range s.Articles {
		outlets[outletName(a)] = true
	}
	out = append(out, title(line(fmt.Sprintf("%d article%s, %d outlet%s", len(s.Articles), ui.Plural(len(s.Articles)), len(outlets), ui.Plural(len(outlets))))))
	for i, a := range s.Articles {
		out = append(out, line(fmt.Sprintf("[%d] %s · %s · %s", i+1, outletName(a), dateOf(a), relationOf(s, a))))
	}
	wide := 0
	for _, q := range s.Quotes {
		if q.Carriers() >= 3 {
			wide++
		}
	}
	out = append(out, "", title(line(fmt.Sprintf("%d quotation%s, %d carried by three or more", len(s.Quotes), ui.Plural(len(s.Quotes)), wide))))
	for _, q := range s.Quotes[:min(3, len(s.Quotes))] {
		out = append(out, dim(line(fmt.Sprintf("%d× “%s”", q.Carriers(), ui.CleanLine(q.Text)))))
	}
	out = append(out, "", title(line(fmt.Sprintf("%d discrepanc%s", len(s.Discrepancies), map[bool]string{true: "y", false: "ies"}[len(s.Discrepancies) == 1]))))
	for _, d := range s.Discrepancies[:min(4, len(s.Discrepancies))] {
		var vals []string
		for _, val := range d.Values {
			var who []string
			for _, id := range val.Articles {
				who = append(who, numOf(s, id))
			}
			vals = append(vals, ui.Clip(val.Value, 30)+" "+strings.Join(who, ""))
		}
		out = append(out, dim(line(strings.Join(vals, " vs ")+" — "+ui.CleanLine(d.Context))))
	}
	out = append(out, "", title(line(fmt.Sprintf("%d passage%s only one article has; %d a cut dropped", len(s.Unique), ui.Plural(len(s.Unique)), len(s.Dropped)))))
	var names []string
	for _, e := range s.Entities[:min(6, len(s.Entities))] {
		names = append(names, ui.CleanLine(e.Text))
	}
	if len(names) > 0 {
		out = append(out, "", title(line("About")), dim(line(strings.Join(names, " · "))))
	}
	return out
}
