package story

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// The list grouped by story (z in the reader, z or esc back): each story
// told by more than one article is a row with its size and outlets, its
// articles under it when expanded; then the articles that are a story of
// their own. Enter on a story opens the story screen, on an article opens
// the article.

// lrow is one row of the stories list: a story (member -1) or one of its
// articles.
type lrow struct {
	cluster int
	member  int // index in the cluster's Members; -1 for the story row
	single  bool
}

type listScreen struct {
	f        *Feature
	w, h     int
	rows     []lrow
	expanded map[string]bool // by story ID
	sel, off int
	want     string // the article to put the cursor on once grouped
}

// openList shows the list grouped by story, the cursor on the selected
// article's story.
func (f *Feature) openList() tea.Cmd {
	v := &listScreen{f: f, expanded: map[string]bool{}}
	if sel := f.d.Articles.Selected(); sel >= 0 {
		v.want = f.d.Articles.Row(sel).ID
	}
	f.list = v
	if f.stories == nil {
		f.announce = true
	}
	f.refreshList()
	return tea.Batch(f.d.Host.Push(v), v.preview())
}

func (f *Feature) closeList() {
	if v := f.list; v != nil {
		f.list = nil
		f.d.Host.Pop(v)
	}
}

// refreshList rebuilds the list's rows after a grouping, keeping the
// cursor on the article (or story) it was on.
func (f *Feature) refreshList() {
	v := f.list
	if v == nil || f.stories == nil {
		return
	}
	v.build()
	if v.want != "" {
		v.seek(v.want)
		v.want = ""
	}
}

// currentID is the article under the cursor (a story row: its first).
func (v *listScreen) currentID() string {
	if v.sel < 0 || v.sel >= len(v.rows) || v.f.stories == nil {
		return ""
	}
	r := v.rows[v.sel]
	if r.cluster >= len(v.f.stories.Clusters) {
		return ""
	}
	c := v.f.stories.Clusters[r.cluster]
	if r.member < 0 || r.member >= len(c.Members) {
		return c.Members[0]
	}
	return c.Members[r.member]
}

func (v *listScreen) build() {
	g := v.f.stories
	v.rows = v.rows[:0]
	var singles []lrow
	for ci, c := range g.Clusters {
		if len(c.Members) < 2 {
			singles = append(singles, lrow{cluster: ci, member: 0, single: true})
			continue
		}
		v.rows = append(v.rows, lrow{cluster: ci, member: -1})
		if v.expanded[c.ID] {
			for mi := range c.Members {
				v.rows = append(v.rows, lrow{cluster: ci, member: mi})
			}
		}
	}
	v.rows = append(v.rows, singles...)
	v.sel = ui.ClampInt(v.sel, 0, max(0, len(v.rows)-1))
	v.scroll()
}

// seek puts the cursor on article id: its own row when shown, else its
// story's.
func (v *listScreen) seek(id string) {
	ci, ok := v.f.of[id]
	if !ok {
		return
	}
	for i, r := range v.rows {
		if r.cluster == ci && (r.member < 0 || v.f.stories.Clusters[ci].Members[r.member] == id) {
			v.sel = i
			if r.member >= 0 || !v.expanded[v.f.stories.Clusters[ci].ID] {
				break
			}
		}
	}
	v.scroll()
}

func (v *listScreen) scroll() {
	h := v.rowsH()
	if v.sel < v.off {
		v.off = v.sel
	}
	if h > 0 && v.sel >= v.off+h {
		v.off = v.sel - h + 1
	}
	v.off = ui.ClampInt(v.off, 0, max(0, len(v.rows)-max(1, h)))
}

func (v *listScreen) rowsH() int { return max(0, v.h-2) }

// HandleKey takes the list's keys; quit, help, undo and the like go on.
func (v *listScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := v.f
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.StoryGroup, k.Back):
		f.closeList()
		return nil, true
	case key.Matches(msg, k.Down):
		v.move(1)
	case key.Matches(msg, k.Up):
		v.move(-1)
	case key.Matches(msg, k.PageDown, k.HalfPageDown):
		v.move(max(1, v.rowsH()-1))
	case key.Matches(msg, k.PageUp, k.HalfPageUp):
		v.move(-max(1, v.rowsH()-1))
	case key.Matches(msg, k.Top):
		v.move(-len(v.rows))
	case key.Matches(msg, k.Bottom):
		v.move(len(v.rows))
	case key.Matches(msg, k.FocusDetail):
		v.expand(true)
	case key.Matches(msg, k.FocusList):
		v.expand(false)
	case key.Matches(msg, k.Open):
		return v.open(), true
	case key.Matches(msg, k.Story):
		if id := v.currentID(); id != "" {
			return f.openStory(id), true
		}
	case key.Matches(msg, k.StoryMerge):
		if id := v.currentID(); id != "" {
			return f.markOrMerge(id), true
		}
	case key.Matches(msg, k.StorySplit):
		if v.sel < len(v.rows) && v.rows[v.sel].member >= 0 {
			return f.split(v.currentID()), true
		}
		f.d.Host.Report(ui.Info(fmt.Sprintf("Put the cursor on an article of the story (%s shows them) to take it out", ui.KeyName(k.FocusDetail))))
	default:
		return nil, false
	}
	return v.preview(), true
}

func (v *listScreen) move(n int) {
	v.sel = ui.ClampInt(v.sel+n, 0, max(0, len(v.rows)-1))
	v.scroll()
}

// expand shows or hides the articles of the story under the cursor; the
// cursor goes to the story's row when they are hidden.
func (v *listScreen) expand(on bool) {
	if v.sel >= len(v.rows) || v.f.stories == nil {
		return
	}
	r := v.rows[v.sel]
	if r.single || on && r.member >= 0 {
		return
	}
	v.expanded[v.f.stories.Clusters[r.cluster].ID] = on
	v.build()
	for i, x := range v.rows {
		if x.cluster == r.cluster && x.member < 0 {
			v.sel = i
			break
		}
	}
	v.scroll()
}

// open opens the story screen (a story row) or the article.
func (v *listScreen) open() tea.Cmd {
	if v.sel >= len(v.rows) || v.f.stories == nil {
		return nil
	}
	r := v.rows[v.sel]
	id := v.currentID()
	if r.member < 0 {
		return v.f.openStory(id)
	}
	f := v.f
	idx := f.d.Articles.IndexOf(id)
	f.closeList()
	cmd, ok := f.d.Reader.Open(idx, 0)
	if !ok {
		f.d.Host.Report(ui.Info("That article is not in the list"))
	}
	return cmd
}

func (v *listScreen) Update(tea.Msg) tea.Cmd { return nil }
func (v *listScreen) Mode() string           { return "STORIES" }

func (v *listScreen) SetSize(w, h int) tea.Cmd {
	v.w, v.h = max(0, w), max(0, h)
	v.scroll()
	return nil
}

func (v *listScreen) ShortHelp() []key.Binding {
	k := v.f.c.Keys
	return []key.Binding{k.Down, k.Up, withHelp(k.FocusDetail, "articles"), withHelp(k.Open, "open"), k.StoryMerge, k.StorySplit, withHelp(k.StoryGroup, "flat list")}
}

func (v *listScreen) FullHelp() [][]key.Binding {
	k := v.f.c.Keys
	return [][]key.Binding{v.ShortHelp(), {k.FocusList, k.Story, k.Back, k.Undo, k.Redo}}
}

// withHelp is b with another description.
func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// View draws the list in a box.
func (v *listScreen) View() string {
	f := v.f
	st := f.c.Styles
	lw, _ := v.split()
	inner := max(0, lw-2)
	title := "Stories"
	info := ""
	var content []string
	if wait := f.waiting(); wait != "" {
		content = append(content, st.P.Placeholder.Render(ui.Truncate(wait, inner)))
	} else {
		multi := 0
		for _, r := range v.rows {
			if r.member < 0 {
				multi++
			}
		}
		title = fmt.Sprintf("Stories · %s told by several articles", ui.Commas(multi))
		if len(v.rows) > 0 {
			info = fmt.Sprintf("%d/%d", v.sel+1, len(v.rows))
		}
		if len(v.rows) == 0 {
			content = append(content, st.P.Placeholder.Render(ui.Truncate("No articles.", inner)))
		}
		end := min(len(v.rows), v.off+v.rowsH())
		for i := v.off; i < end; i++ {
			content = append(content, v.rowView(v.rows[i], i == v.sel, inner))
		}
	}
	lw, pw := v.split()
	if pw == 0 {
		return ui.Box(st, true, title, info, content, v.w, v.h)
	}
	ptitle := "Story"
	if v.sel < len(v.rows) && v.rows[v.sel].member >= 0 {
		ptitle = "Article"
	}
	return ui.JoinColumns(ui.Box(st, true, title, info, content, lw, v.h),
		ui.Box(st, false, ptitle, "", v.previewLines(max(0, pw-2)), pw, v.h))
}

// rowView draws a story row (▸ size, the title of its first article, its
// outlets) or an article row (indented: title, outlet, words).
func (v *listScreen) rowView(r lrow, selected bool, w int) string {
	f := v.f
	st := f.c.Styles
	c := f.stories.Clusters[r.cluster]
	marker := " "
	if selected {
		marker = st.P.BorderFocused.Render(st.Marker)
	}
	if w < 4 {
		return ui.Fit("", w)
	}
	paint := func(main, dim string) string {
		if selected {
			return marker + st.P.RowSelected.Render(ui.Fit(main+dim, w-1))
		}
		mw := ui.TextWidth(main)
		if mw >= w-1 {
			return marker + st.P.Row.Render(ui.Fit(main, w-1))
		}
		return marker + st.P.Row.Render(main) + st.P.RowDim.Render(ui.Fit(dim, w-1-mw))
	}
	if r.member < 0 {
		glyph := "▸"
		if v.expanded[c.ID] {
			glyph = "▾"
		}
		head := fmt.Sprintf("%s %d ", glyph, len(c.Members))
		outlets := v.outlets(c.Members)
		title := f.title(c.Members[0])
		tw := w - 1 - ui.TextWidth(head)
		ow := 0
		if tw >= 30 && outlets != "" {
			ow = min(ui.TextWidth(outlets)+2, tw*2/5)
		}
		return paint(head+ui.Fit(ui.CleanLine(title), tw-ow), truncPad("  "+outlets, ow))
	}
	id := c.Members[r.member]
	row := Row{ID: id, Title: id}
	if i := f.d.Articles.IndexOf(id); i >= 0 {
		row = f.d.Articles.Row(i)
	}
	indent := "    "
	if r.single {
		indent = "  "
	}
	meta := ""
	if w >= 40 && row.Outlet != "" {
		meta = "  " + ui.Clip(row.Outlet, 18)
	}
	if w >= 30 {
		meta += fmt.Sprintf("  %dw", row.Words)
	}
	tw := w - 1 - len(indent) - ui.TextWidth(meta)
	return paint(indent+ui.Fit(ui.CleanLine(row.Title), max(0, tw)), meta)
}

// outlets names a story's outlets, each once, in member order.
func (v *listScreen) outlets(members []string) string {
	seen := map[string]bool{}
	var out []string
	for _, id := range members {
		i := v.f.d.Articles.IndexOf(id)
		if i < 0 {
			continue
		}
		o := ui.CleanLine(v.f.d.Articles.Row(i).Outlet)
		if o != "" && !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return strings.Join(out, " · ")
}

// truncPad fits s in w cells ("" for none).
func truncPad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ui.Fit(s, w)
}
