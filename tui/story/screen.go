package story

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/ui"
)

// The story screen: one story's analysis in five sections, one at a time
// (tab and shift+tab move between them). Each section is a list of rows
// over a detail of the selected row; h and l choose among a row's places
// (an outlet's cell of a quotation, a value's sentence, an entity's
// mention), and enter opens the article there.

// Sections of the story screen.
const (
	secTimeline = iota
	secQuotes
	secDiscrepancies
	secUnique
	secEntities
	nSections
)

var sectionNames = [nSections]string{"Timeline", "Quotations", "Discrepancies", "Unique", "Entities"}

type storyScreen struct {
	f    *Feature
	id   string    // the article the story was opened from
	key  string    // the story as grouped (storyKey)
	a    *analysis // nil while it is analysed
	w, h int

	sec      int
	sel, off [nSections]int
	col      [nSections]int
}

// show puts an analysis on screen, keeping the places chosen.
func (v *storyScreen) show(a *analysis) {
	v.a = a
	for s := range nSections {
		n := len(v.rows(s))
		v.sel[s] = ui.ClampInt(v.sel[s], 0, max(0, n-1))
	}
}

// HandleKey takes the screen's keys; quit, help, undo and the like go on.
func (v *storyScreen) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	f := v.f
	k := f.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		f.closeStory()
		return nil, true
	case key.Matches(msg, k.NextPane):
		v.sec = (v.sec + 1) % nSections
	case key.Matches(msg, k.PrevPane):
		v.sec = (v.sec + nSections - 1) % nSections
	case v.a == nil:
		return nil, key.Matches(msg, k.Down, k.Up, k.Open, k.FocusDetail, k.FocusList, k.StoryExport, k.StorySplit, k.StoryMerge)
	case key.Matches(msg, k.Down):
		v.move(1)
	case key.Matches(msg, k.Up):
		v.move(-1)
	case key.Matches(msg, k.PageDown, k.HalfPageDown):
		v.move(max(1, v.listH()-1))
	case key.Matches(msg, k.PageUp, k.HalfPageUp):
		v.move(-max(1, v.listH()-1))
	case key.Matches(msg, k.Top):
		v.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		v.move(1 << 30)
	case key.Matches(msg, k.FocusDetail):
		v.moveCol(1)
	case key.Matches(msg, k.FocusList):
		v.moveCol(-1)
	case key.Matches(msg, k.Open):
		return v.open(), true
	case key.Matches(msg, k.StoryExport):
		return f.exportReport(v.a.s), true
	case key.Matches(msg, k.StorySplit):
		if id := v.article(); id != "" {
			return f.split(id), true
		}
		f.d.Host.Report(ui.Info("Choose the article to take out on the timeline (" + ui.KeyName(k.NextPane) + " moves between sections)"))
	case key.Matches(msg, k.StoryMerge):
		return f.markOrMerge(v.id), true
	default:
		if i, ok := sectionKey(msg); ok {
			v.sec = i
			return nil, true
		}
		return nil, false
	}
	return nil, true
}

// sectionKey: F1…F5 or alt+1…5 jump to a section (the digits are labels
// elsewhere, so they are left alone).
func sectionKey(msg tea.KeyPressMsg) (int, bool) {
	for i := range nSections {
		if s := msg.String(); s == fmt.Sprintf("f%d", i+1) || s == fmt.Sprintf("alt+%d", i+1) {
			return i, true
		}
	}
	return 0, false
}

func (v *storyScreen) move(n int) {
	rows := v.rows(v.sec)
	v.sel[v.sec] = ui.ClampInt(v.sel[v.sec]+n, 0, max(0, len(rows)-1))
	v.col[v.sec] = 0
	v.scroll()
}

func (v *storyScreen) moveCol(n int) {
	rows := v.rows(v.sec)
	if v.sel[v.sec] >= len(rows) {
		return
	}
	cols := rows[v.sel[v.sec]].cols
	v.col[v.sec] = ui.ClampInt(v.col[v.sec]+n, 0, max(0, cols-1))
}

func (v *storyScreen) scroll() {
	s, h := v.sec, max(1, v.listH())
	if v.sel[s] < v.off[s] {
		v.off[s] = v.sel[s]
	}
	if v.sel[s] >= v.off[s]+h {
		v.off[s] = v.sel[s] - h + 1
	}
}

// article is the timeline's selected article ("" in other sections).
func (v *storyScreen) article() string {
	if v.sec != secTimeline || v.a == nil {
		return ""
	}
	arts := v.a.s.Articles
	if i := v.sel[secTimeline]; i < len(arts) {
		return arts[i].ID
	}
	return ""
}

// open opens the article at the selected row's place.
func (v *storyScreen) open() tea.Cmd {
	rows := v.rows(v.sec)
	if v.sel[v.sec] >= len(rows) {
		return nil
	}
	p, ok := rows[v.sel[v.sec]].place(v.col[v.sec])
	if !ok {
		v.f.d.Host.Report(ui.Info("Nothing to open there: that outlet does not carry it"))
		return nil
	}
	return v.f.openAt(p.Article, p.Start, p.End)
}

func (v *storyScreen) Update(tea.Msg) tea.Cmd { return nil }
func (v *storyScreen) Mode() string           { return "STORY" }

func (v *storyScreen) SetSize(w, h int) tea.Cmd {
	v.w, v.h = max(0, w), max(0, h)
	v.scroll()
	return nil
}

func (v *storyScreen) ShortHelp() []key.Binding {
	k := v.f.c.Keys
	b := []key.Binding{withHelp(k.NextPane, "section"), k.Down, k.Up}
	if v.sec != secTimeline && v.sec != secUnique {
		b = append(b, withHelp(k.FocusDetail, "outlet"))
	}
	b = append(b, withHelp(k.Open, "open there"), k.StoryExport)
	if v.sec == secTimeline {
		b = append(b, k.StorySplit)
	}
	return append(b, k.Back)
}

func (v *storyScreen) FullHelp() [][]key.Binding {
	k := v.f.c.Keys
	return [][]key.Binding{
		{withHelp(k.NextPane, "next section"), withHelp(k.PrevPane, "previous section"), k.Down, k.Up, k.PageDown, k.PageUp},
		{withHelp(k.FocusDetail, "next outlet"), withHelp(k.FocusList, "previous outlet"), withHelp(k.Open, "open there")},
		{k.StoryExport, k.StorySplit, k.StoryMerge, k.Undo, k.Redo, k.Back},
	}
}
