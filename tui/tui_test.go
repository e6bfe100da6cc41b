package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// quits reports whether pressing k makes the program quit; every other
// message that follows is delivered as usual.
func quits(m *Model, k string) bool {
	_, cmd := m.Update(keyMsg(k))
	queue := []tea.Cmd{cmd}
	quit := false
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.QuitMsg:
			quit = true
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if quit {
				continue // the program would be gone
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return quit
}

// rowTitles lists the titles of the rows on screen, in order.
func rowTitles(m *Model) []string {
	var out []string
	for p := m.list.offset; p < min(len(m.list.vis), m.list.offset+m.list.rowsH()); p++ {
		out = append(out, m.store.rows[m.list.vis[p]].title)
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			m := start(t, fixtureSource(30, 5), size.w, size.h)
			t.Run("list", func(t *testing.T) {
				if !strings.Contains(plain(m), "Council approves plan") {
					t.Fatal("first article not listed")
				}
				golden.RequireEqual(t, content(m))
			})
			t.Run("detail", func(t *testing.T) {
				press(t, m, "j", "enter")
				if !m.detail.showing() {
					t.Fatal("article not rendered")
				}
				// The body comes from glamour, not a placeholder.
				if p := plain(m); strings.Contains(p, "Rendering…") || !strings.Contains(p, "# River approves plan") {
					t.Fatalf("detail not rendered:\n%s", p)
				}
				golden.RequireEqual(t, content(m))
			})
			t.Run("raw", func(t *testing.T) {
				press(t, m, "r")
				golden.RequireEqual(t, content(m))
			})
		})
	}
}

func TestMoveAndJump(t *testing.T) {
	m := start(t, fixtureSource(60, -1), 120, 30)
	pos := func() int { p, _ := m.list.Position(); return p }
	press(t, m, "j", "j", "down")
	if pos() != 4 {
		t.Fatalf("after j j down: at %d, want 4", pos())
	}
	press(t, m, "k", "up")
	if pos() != 2 {
		t.Fatalf("after k up: at %d, want 2", pos())
	}
	if !strings.Contains(plain(m), "2/60") {
		t.Fatal("position 2/60 not shown")
	}
	press(t, m, "G")
	if pos() != 60 {
		t.Fatalf("after G: at %d, want 60", pos())
	}
	// The last row is on screen and selected.
	titles := rowTitles(m)
	if last := m.store.rows[59].title; titles[len(titles)-1] != last || !strings.Contains(plain(m), "> "+last) {
		t.Fatalf("last row %q not selected on screen:\n%s", last, plain(m))
	}
	press(t, m, "g")
	if pos() != 1 || m.list.offset != 0 {
		t.Fatalf("after g: at %d offset %d", pos(), m.list.offset)
	}
	rows := m.list.rowsH()
	press(t, m, "pgdown")
	if pos() != 1+rows {
		t.Fatalf("pgdown: at %d, want %d", pos(), 1+rows)
	}
	press(t, m, "pgup", "ctrl+d")
	if pos() != 1+rows/2 {
		t.Fatalf("ctrl+d: at %d, want %d", pos(), 1+rows/2)
	}
	press(t, m, "ctrl+u", "end")
	if pos() != 60 {
		t.Fatalf("end: at %d", pos())
	}
	press(t, m, "home")
	if pos() != 1 {
		t.Fatalf("home: at %d", pos())
	}
	// The detail follows the selection.
	press(t, m, "j")
	if m.detail.idx != m.list.Selected() || !m.detail.showing() {
		t.Fatalf("detail shows %d, list selects %d", m.detail.idx, m.list.Selected())
	}
	if !strings.Contains(plain(m), "# "+m.store.rows[1].title) {
		t.Fatal("detail does not show the selected article")
	}
}

// topLeft returns the rune at column x of the frame's first line.
func cornerAt(m *Model, x int) string {
	line := []rune(strings.SplitN(plain(m), "\n", 2)[0])
	if x >= len(line) {
		return ""
	}
	return string(line[x])
}

func TestFocusSwitch(t *testing.T) {
	m := start(t, fixtureSource(10, -1), 120, 30)
	lw := m.list.w
	focusedCorner := m.c.Styles.BoxFocused.TL
	if cornerAt(m, 0) != focusedCorner || cornerAt(m, lw) == focusedCorner {
		t.Fatal("list should be focused at start")
	}
	for _, k := range []string{"tab", "shift+tab", "l", "h", "right", "left", "enter", "esc"} {
		was := m.focus
		press(t, m, k)
		if m.focus == was {
			t.Fatalf("%s did not switch focus", k)
		}
		listMarked := cornerAt(m, 0) == focusedCorner
		detailMarked := cornerAt(m, lw) == focusedCorner
		if listMarked != (m.focus == focusList) || detailMarked != (m.focus == focusDetail) {
			t.Fatalf("after %s the focus mark is wrong:\n%s", k, plain(m))
		}
	}
}

func TestDetailScroll(t *testing.T) {
	src := fixtureSource(3, -1)
	src.arts[0] = fixtureArticle(0, 40)
	m := start(t, src, 100, 24)
	press(t, m, "tab")
	if p := m.detail.Percent(); p != 0 {
		t.Fatalf("starts at %d%%", p)
	}
	for _, k := range []string{"j", "down", "space", "pgdown", "ctrl+d"} {
		before := m.detail.vp.YOffset()
		_, cmd := m.Update(keyMsg(k))
		if cmd != nil {
			t.Fatalf("scrolling with %s started a command (re-render?)", k)
		}
		if m.detail.vp.YOffset() <= before {
			t.Fatalf("%s did not scroll", k)
		}
	}
	press(t, m, "G")
	if p := m.detail.Percent(); p != 100 || !strings.Contains(plain(m), "100%") {
		t.Fatalf("G: %d%%", p)
	}
	press(t, m, "k")
	if p := m.detail.Percent(); p >= 100 || p <= 0 {
		t.Fatalf("k from bottom: %d%%", p)
	}
	press(t, m, "g")
	if m.detail.Percent() != 0 {
		t.Fatal("g did not go to the top")
	}
}

func TestFilter(t *testing.T) {
	m := start(t, fixtureSource(60, -1), 120, 40)
	press(t, m, "j", "j", "j") // somewhere other than the top
	press(t, m, "/")
	if m.mode() != "FILTER" || !strings.Contains(plain(m), "FILTER") {
		t.Fatal("not in filter mode")
	}
	want := func(q string) []string {
		var out []string
		for _, i := range m.store.liveItems() {
			r := m.store.rows[i]
			if strings.Contains(strings.ToLower(r.title+" "+r.outlet), q) {
				out = append(out, r.title)
			}
		}
		return out
	}
	typeText(t, m, "Riv")
	got := rowTitles(m)
	if exp := want("riv"); len(exp) == 0 || strings.Join(got, "|") != strings.Join(exp, "|") {
		t.Fatalf("filter riv: got %v want %v", got, exp)
	}
	// q is text while typing, not quit.
	if quits(m, "q") {
		t.Fatal("q quit while typing in the filter")
	}
	send(t, m, keyMsg("backspace"))
	typeText(t, m, "er c")
	if exp := want("river c"); len(exp) == 0 || len(exp) >= len(want("river")) {
		t.Fatalf("fixture does not narrow: %v", exp)
	}
	// "river c" matches the title and an outlet ("Civic Wire", "Valley Courier"…) — terms are ANDed.
	exp := []string{}
	for _, i := range m.store.liveItems() {
		r := m.store.rows[i]
		h := strings.ToLower(r.title + " " + r.outlet)
		if strings.Contains(h, "river") && strings.Contains(h, "c") {
			exp = append(exp, r.title)
		}
	}
	if got := rowTitles(m); strings.Join(got, "|") != strings.Join(exp, "|") {
		t.Fatalf("filter 'river c': got %v want %v", got, exp)
	}
	// The outlet is searched too.
	send(t, m, keyMsg("ctrl+u"))
	typeText(t, m, "meridian")
	for _, i := range m.list.vis {
		if m.store.rows[i].outlet != "Meridian Post" {
			t.Fatalf("outlet filter let %q through", m.store.rows[i].outlet)
		}
	}
	n := len(m.list.vis)
	if n == 0 {
		t.Fatal("no Meridian Post rows")
	}
	// enter keeps the filter, esc clears it.
	press(t, m, "enter")
	if m.mode() != "READ" || len(m.list.vis) != n || !strings.Contains(plain(m), fmt.Sprintf("%d matches", n)) {
		t.Fatalf("enter did not keep the filter:\n%s", plain(m))
	}
	sel := m.list.Selected()
	press(t, m, "j") // j moves again once the filter is kept
	if m.list.Selected() == sel {
		t.Fatal("j did not move in a kept filter")
	}
	sel = m.list.Selected()
	press(t, m, "esc")
	if len(m.list.vis) != 60 || strings.Contains(plain(m), "matches") {
		t.Fatal("esc did not clear the filter")
	}
	if m.list.Selected() != sel {
		t.Fatal("clearing the filter lost the selected article")
	}
	// esc while typing clears too.
	press(t, m, "/")
	typeText(t, m, "zzzz")
	if len(m.list.vis) != 0 || !strings.Contains(plain(m), "No matches.") {
		t.Fatal("nonsense query matched")
	}
	press(t, m, "esc")
	if len(m.list.vis) != 60 || m.list.typing {
		t.Fatal("esc while typing did not clear")
	}
}

func TestFilterNarrowsFromPreviousResult(t *testing.T) {
	m := start(t, fixtureSource(40, -1), 120, 30)
	press(t, m, "/")
	typeText(t, m, "bud")
	prev := m.list.applied
	if prev == nil || len(prev.matches) == 0 {
		t.Fatal("no result for bud")
	}
	// The next keystroke's scan must start from prev.matches.
	_, cmd := m.Update(keyMsg("g"))
	if cmd == nil {
		t.Fatal("no filter command")
	}
	if a := m.list.applied; a.version != m.store.version || !narrows(a.terms, m.list.terms) {
		t.Fatal("narrowing precondition not met")
	}
	msg := cmd().(filterDoneMsg)
	for _, i := range msg.matches {
		found := false
		for _, j := range prev.matches {
			found = found || i == j
		}
		if !found {
			t.Fatalf("narrowed result has %d, not in the previous result", i)
		}
	}
	// A stale result (older generation) is dropped.
	m.Update(msg)
	before := len(m.list.vis)
	m.list.gen++
	m.Update(filterDoneMsg{gen: m.list.gen - 1, query: "bud", version: m.store.version, matches: prev.matches})
	if len(m.list.vis) != before {
		t.Fatal("stale filter result applied")
	}
}

func TestNarrows(t *testing.T) {
	cases := []struct {
		old, new string
		want     bool
	}{
		{"riv", "rive", true},
		{"river", "river c", true},
		{"c river", "river co", true},
		{"river", "rive", false},
		{"ab", "b a", false},
		{"", "a", false},
	}
	for _, c := range cases {
		_, o := normaliseQuery(c.old)
		_, n := normaliseQuery(c.new)
		if got := narrows(o, n); got != c.want {
			t.Errorf("narrows(%q, %q) = %v", c.old, c.new, got)
		}
	}
}

func TestRawToggle(t *testing.T) {
	m := start(t, fixtureSource(5, -1), 120, 30)
	if strings.Contains(plain(m), "[caption]") {
		t.Fatal("read view shows removed text")
	}
	press(t, m, "r")
	p := plain(m)
	if m.mode() != "RAW" || !strings.Contains(p, " RAW ") {
		t.Fatal("status does not say RAW")
	}
	if !strings.Contains(p, "[caption] Photo: Harbour Gazette staff") || !strings.Contains(p, "[byline] By A. Reporter") {
		t.Fatalf("removed lines and reasons not shown:\n%s", p)
	}
	// Removed text is struck through; kept text is not.
	st := m.c.Styles
	if !strings.Contains(content(m), st.P.RawRemoved.Render("Photo: Harbour Gazette staff")) {
		t.Fatal("caption not styled as removed")
	}
	kept := strings.SplitN(m.detail.art.Text, " ", 2)[0]
	if strings.Contains(content(m), st.P.RawRemoved.Render(kept)) {
		t.Fatal("kept text styled as removed")
	}
	press(t, m, "r")
	if m.mode() != "READ" || strings.Contains(plain(m), "[caption]") {
		t.Fatal("r did not return to the read view")
	}
}

func TestHelpToggle(t *testing.T) {
	m := start(t, fixtureSource(5, -1), 120, 40)
	press(t, m, "?")
	p := plain(m)
	for _, s := range []string{"Help", "filter", "raw/clean", "page down", "problems", "next pane"} {
		if !strings.Contains(p, s) {
			t.Fatalf("help lacks %q:\n%s", s, p)
		}
	}
	if strings.Contains(p, "Council approves plan") {
		t.Fatal("help overlay does not cover the panes")
	}
	press(t, m, "?")
	if screenName(m) != "" || !strings.Contains(plain(m), "Council approves plan") {
		t.Fatal("? did not close help")
	}
	press(t, m, "?", "esc")
	if screenName(m) != "" {
		t.Fatal("esc did not close help")
	}
}

func TestProblemsOverlay(t *testing.T) {
	m := start(t, fixtureSource(12, 4), 120, 30)
	if !strings.Contains(plain(m), "2 skipped") {
		t.Fatalf("skipped count not shown:\n%s", plain(m))
	}
	for _, i := range m.list.vis {
		if m.store.rows[i].title == "broken" {
			t.Fatal("failed item still listed")
		}
	}
	if len(m.list.vis) != 11 {
		t.Fatalf("%d rows, want 11", len(m.list.vis))
	}
	press(t, m, "!")
	p := plain(m)
	for _, s := range []string{"news/broken.txt: not UTF-8 text", "news/empty.jsonl:3: invalid JSON", "Problems"} {
		if !strings.Contains(p, s) {
			t.Fatalf("problems overlay lacks %q:\n%s", s, p)
		}
	}
	press(t, m, "esc")
	if screenName(m) != "" {
		t.Fatal("esc did not close problems")
	}
}

func TestProblemsOverlayScrolls(t *testing.T) {
	src := fixtureSource(3, -1)
	for i := 0; i < 50; i++ {
		src.problems = append(src.problems, dataProblem(fmt.Sprintf("bad/%02d.html", i)))
	}
	m := start(t, src, 80, 20)
	press(t, m, "!")
	if !strings.Contains(plain(m), "bad/00.html") || strings.Contains(plain(m), "bad/49.html") {
		t.Fatal("problems overlay should start at the top")
	}
	press(t, m, "G")
	if !strings.Contains(plain(m), "bad/49.html") {
		t.Fatal("G did not reach the last problem")
	}
	checkFrame(t, m, 80, 20)
}

func TestNarrowLayoutSwitchesPanes(t *testing.T) {
	m := start(t, fixtureSource(8, -1), 60, 20)
	if !m.narrow {
		t.Fatal("60 columns should be narrow")
	}
	p := plain(m)
	if !strings.Contains(p, "Articles") || strings.Contains(p, "# Council") {
		t.Fatalf("narrow start should show only the list:\n%s", p)
	}
	press(t, m, "enter")
	p = plain(m)
	if strings.Contains(p, "Articles") || !strings.Contains(p, "# Council approves plan") {
		t.Fatalf("enter should show only the article:\n%s", p)
	}
	press(t, m, "esc")
	if !strings.Contains(plain(m), "Articles") {
		t.Fatal("esc should go back to the list")
	}
	press(t, m, "l")
	if !strings.Contains(plain(m), "# Council") {
		t.Fatal("l should show the article")
	}
	press(t, m, "h")
	if !strings.Contains(plain(m), "Articles") {
		t.Fatal("h should go back to the list")
	}
}

func TestResizeRelayout(t *testing.T) {
	m := start(t, fixtureSource(8, -1), 120, 40)
	lineW := func() int {
		w := 0
		for _, l := range strings.Split(m.detail.vp.GetContent(), "\n") {
			w = max(w, ansi.StringWidth(strings.TrimRight(sgrRE.ReplaceAllString(l, ""), " ")))
		}
		return w
	}
	wide := lineW()
	send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	checkFrame(t, m, 60, 20)
	if !m.narrow || m.list.w != 60 {
		t.Fatal("did not switch to the narrow layout")
	}
	if narrow := lineW(); narrow >= wide || narrow > 58 {
		t.Fatalf("article not re-rendered for 60 columns (%d, was %d)", narrow, wide)
	}
	send(t, m, tea.WindowSizeMsg{Width: 250, Height: 70})
	checkFrame(t, m, 250, 70)
	if m.narrow || m.list.w+m.detail.w != 250 {
		t.Fatal("did not lay out two panes at 250")
	}
	if lineW() <= wide {
		t.Fatal("article not re-rendered wider")
	}
	if n := len(strings.Split(content(m), "\n")); n != 70 {
		t.Fatalf("frame has %d lines, want 70", n)
	}
}

func TestQuitKeys(t *testing.T) {
	m := start(t, fixtureSource(3, -1), 80, 24)
	if !quits(m, "q") {
		t.Fatal("q does not quit")
	}
	m = start(t, fixtureSource(3, -1), 80, 24)
	press(t, m, "/")
	if !quits(m, "ctrl+c") {
		t.Fatal("ctrl+c does not quit while typing")
	}
	m = start(t, fixtureSource(3, -1), 80, 24)
	if quits(m, "j") {
		t.Fatal("j quits")
	}
}

func TestSizes(t *testing.T) {
	states := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"detail", []string{"enter"}},
		{"raw", []string{"enter", "r", "G"}},
		{"filter", []string{"/", "r", "i"}},
		{"help", []string{"?"}},
		{"problems", []string{"!"}},
	}
	for _, size := range []struct{ w, h int }{{20, 6}, {40, 12}, {80, 24}, {250, 70}, {1, 1}, {0, 0}, {5, 3}} {
		for _, s := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, s.name), func(t *testing.T) {
				src := fixtureSource(40, 3)
				src.arts[0].Title = "宽字符标题 with emoji 🎉🎉 and a very long tail that never ends in a narrow pane"
				m := start(t, src, size.w, size.h)
				press(t, m, s.keys...)
				checkFrame(t, m, size.w, size.h)
				press(t, m, "j", "tab", "j")
				checkFrame(t, m, size.w, size.h)
			})
		}
	}
}

func TestStaleRenderCachedNotShown(t *testing.T) {
	m := start(t, fixtureSource(6, -1), 120, 30)
	_, loadB := m.Update(keyMsg("j")) // article 1: load starts
	loaded := loadB()
	_, renderB := m.Update(loaded) // article 1 loaded: render starts
	if renderB == nil {
		t.Fatal("no render command for article 1")
	}
	_, loadC := m.Update(keyMsg("j")) // article 2 wanted before 1 is rendered
	msgB := renderB()
	_, next := m.Update(msgB)
	if _, ok := m.detail.renders.get(msgB.(renderedMsg).key); !ok {
		t.Fatal("stale render was not cached")
	}
	if strings.Contains(plain(m), "# River approves plan") {
		t.Fatal("stale render for article 1 shown while article 2 is selected")
	}
	drive(t, m, tea.Batch(loadC, next))
	if !strings.Contains(plain(m), "# School approves plan") {
		t.Fatalf("article 2 not shown:\n%s", plain(m))
	}
	// Going back to article 1 uses the cache: no load, no render.
	_, cmd := m.Update(keyMsg("k"))
	if cmd != nil {
		t.Fatal("returning to a cached article started a command")
	}
	if !strings.Contains(plain(m), "# River approves plan") {
		t.Fatal("cached render not shown")
	}
}

func TestLoadingShowsProvisionalTitlesAndProgress(t *testing.T) {
	src := fixtureSource(20, 7)
	m := NewFromSource(src, Options{NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	p := plain(m)
	if !strings.Contains(p, "000-story") || !strings.Contains(p, "reading 0/20") {
		t.Fatalf("before reading: want file-name titles and progress:\n%s", p)
	}
	// Feed results by hand (no background reader in this test).
	var rs []dataResult
	src.Stream(t.Context(), 1, func(b []dataResult) { rs = append(rs, b...) })
	m.Update(streamBatchMsg{rs[:10]})
	p = plain(m)
	if !strings.Contains(p, "reading 10/20") || !strings.Contains(p, "Council approves plan") || !strings.Contains(p, "010-story") {
		t.Fatalf("half read:\n%s", p)
	}
	if !strings.Contains(p, "1 skipped") { // item 7 failed; the listing problem counts too → 2
		if !strings.Contains(p, "2 skipped") {
			t.Fatalf("skipped count missing:\n%s", p)
		}
	}
	m.Update(streamBatchMsg{rs[10:]})
	m.Update(streamDoneMsg{})
	p = plain(m)
	if strings.Contains(p, "reading") || !strings.Contains(p, "Read 19 articles") || !strings.Contains(p, "2 skipped") {
		t.Fatalf("after reading:\n%s", p)
	}
}

func TestFilterFollowsTitlesWhileLoading(t *testing.T) {
	src := fixtureSource(20, -1)
	m := NewFromSource(src, Options{NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	var rs []dataResult
	src.Stream(t.Context(), 1, func(b []dataResult) { rs = append(rs, b...) })
	// Filter on a word that only real titles have, before any is read.
	press(t, m, "/")
	typeText(t, m, "river")
	if len(m.list.vis) != 0 {
		t.Fatal("file names should not match")
	}
	close(m.stream.ch) // no background reader here: its next wait ends at once
	_, cmd := m.Update(streamBatchMsg{rs})
	// The rescan is spaced out, then the read titles match.
	drive(t, m, cmd)
	got := rowTitles(m)
	if len(got) == 0 {
		t.Fatal("filter did not pick up the titles read meanwhile")
	}
	for _, g := range got {
		if !strings.Contains(strings.ToLower(g), "river") {
			t.Fatalf("%q does not match", g)
		}
	}
}

func TestBackgroundColourRestyles(t *testing.T) {
	m := NewFromSource(fixtureSource(4, -1), Options{})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	if m.c.Styles.Glamour != "dark" || m.detail.shown.style != "dark" {
		t.Fatal("dark is the default before the terminal answers")
	}
	dark := content(m)
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.c.IsDark || m.c.Styles.Glamour != "light" {
		t.Fatal("light background not picked up")
	}
	if !m.detail.showing() || m.detail.shown.style != "light" {
		t.Fatal("article not re-rendered in the light style")
	}
	if content(m) == dark {
		t.Fatal("frame unchanged after restyling")
	}
	// NO_COLOR ignores the background: notty stays.
	m = NewFromSource(fixtureSource(4, -1), Options{NoColor: true})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.c.Styles.Glamour != "notty" || m.detail.shown.style != "notty" {
		t.Fatal("NO_COLOR must keep the notty style")
	}
}
