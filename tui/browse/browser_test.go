package browse_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/layout"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

// listWidth is where the article pane starts: after the list box's first
// top-right corner (0 in the narrow layout, one pane at a time).
func listWidth(h *host) int {
	if h.b.Narrow() {
		return 0
	}
	line := strings.SplitN(h.plain(), "\n", 2)[0]
	st := h.ctx.Styles
	for i, r := range line {
		if s := string(r); s == st.Box.TR || s == st.BoxFocused.TR {
			return layout.Width(line[:i]) + 1
		}
	}
	return 0
}

// cornerAt is the character at cell x of the view's first line.
func cornerAt(h *host, x int) string { return ansi.Cut(strings.SplitN(h.plain(), "\n", 2)[0], x, x+1) }

func TestMoveAndJump(t *testing.T) {
	h := start(t, fixtureSource(60, -1), 120, 28)
	pos := func() int { p, _ := h.b.Position(); return p }
	h.press("j", "j", "down")
	if pos() != 4 {
		t.Fatalf("after j j down: at %d, want 4", pos())
	}
	h.press("k", "up")
	if pos() != 2 || !strings.Contains(h.plain(), "2/60") {
		t.Fatalf("after k up: at %d, want 2 (and 2/60 in the title)", pos())
	}
	h.press("G")
	if pos() != 60 {
		t.Fatalf("after G: at %d, want 60", pos())
	}
	// The last row is on screen and selected.
	if last := h.b.Row(59).Title; !strings.Contains(h.plain(), "> "+last) {
		t.Fatalf("last row %q not selected on screen:\n%s", last, h.plain())
	}
	h.press("g")
	if pos() != 1 || !strings.Contains(h.plain(), "> "+h.b.Row(0).Title) {
		t.Fatalf("after g: at %d\n%s", pos(), h.plain())
	}
	rows := 28 - 2 // the box's borders
	h.press("pgdown")
	if pos() != 1+rows {
		t.Fatalf("pgdown: at %d, want %d", pos(), 1+rows)
	}
	h.press("pgup", "ctrl+d")
	if pos() != 1+rows/2 {
		t.Fatalf("ctrl+d: at %d, want %d", pos(), 1+rows/2)
	}
	h.press("ctrl+u", "end")
	if pos() != 60 {
		t.Fatalf("end: at %d", pos())
	}
	h.press("home")
	if pos() != 1 {
		t.Fatalf("home: at %d", pos())
	}
	// The article pane follows the selection, and the root hears of it.
	h.b.Select(40)
	h.shown = nil
	h.drive(h.b.Sync())
	if len(h.shown) != 2 || !h.shown[0] || h.shown[1] {
		t.Fatalf("Shown hook calls %v, want [true false] (turned to it, then loaded)", h.shown)
	}
	h.press("home", "j")
	if _, idx, _ := h.b.Article(); idx != h.b.Selected() || !h.b.Showing() {
		t.Fatalf("article pane shows %d, list selects %d", idx, h.b.Selected())
	}
	if !strings.Contains(h.plain(), "# "+h.b.Row(1).Title) {
		t.Fatal("the article pane does not show the selected article")
	}
	if !h.b.Step(1) || h.b.Selected() != 2 || h.b.Step(-3) && h.b.Selected() != 0 {
		t.Fatal("Step")
	}
	h.b.Select(59)
	if h.b.Step(1) {
		t.Fatal("Step moved past the end")
	}
}

func TestFocusSwitch(t *testing.T) {
	h := start(t, fixtureSource(10, -1), 120, 28)
	lw := listWidth(h)
	focused := h.ctx.Styles.BoxFocused.TL
	if lw == 0 || cornerAt(h, 0) != focused || cornerAt(h, lw) == focused {
		t.Fatalf("list should be focused at start (article pane at %d):\n%s", lw, h.plain())
	}
	for _, k := range []string{"tab", "shift+tab", "l", "h", "right", "left", "enter", "esc"} {
		was := h.b.Focus()
		h.press(k)
		if h.b.Focus() == was {
			t.Fatalf("%s did not switch focus", k)
		}
		listMarked := cornerAt(h, 0) == focused
		articleMarked := cornerAt(h, lw) == focused
		if listMarked != (h.b.Focus() == browse.FocusList) || articleMarked != (h.b.Focus() == browse.FocusArticle) {
			t.Fatalf("after %s the focus mark is wrong:\n%s", k, h.plain())
		}
	}
}

func TestArticleScroll(t *testing.T) {
	src := fixtureSource(3, -1)
	src.arts[0] = fixtureArticle(0, 40)
	h := start(t, src, 100, 22)
	h.press("tab")
	if p := h.b.Percent(); p != 0 {
		t.Fatalf("starts at %d%%", p)
	}
	for _, k := range []string{"j", "down", "space", "pgdown", "ctrl+d"} {
		before := h.plain()
		if _, handled := h.b.HandleKey(keytest.Key(k)); !handled {
			t.Fatalf("%s not handled", k)
		}
		if cmd := h.b.Sync(); cmd != nil {
			t.Fatalf("scrolling with %s started a command (re-render?)", k)
		}
		if h.plain() == before {
			t.Fatalf("%s did not scroll", k)
		}
	}
	h.press("G")
	if p := h.b.Percent(); p != 100 || !strings.Contains(h.plain(), "100%") {
		t.Fatalf("G: %d%%", p)
	}
	if at, ok := h.b.ReadingAt(); !ok || at != 1 {
		t.Fatalf("ReadingAt %v %v", at, ok)
	}
	h.press("k")
	if p := h.b.Percent(); p >= 100 || p <= 0 {
		t.Fatalf("k from bottom: %d%%", p)
	}
	h.press("g")
	if h.b.Percent() != 0 {
		t.Fatal("g did not go to the top")
	}
	// Keys that are not the pane's are left for the root.
	for _, k := range []string{"q", "?", "u", "d", "t"} {
		if _, handled := h.b.HandleKey(keytest.Key(k)); handled {
			t.Errorf("%s handled by the article pane", k)
		}
	}
	h.press("shift+tab")
	for _, k := range []string{"q", "?", "!", "D"} {
		if _, handled := h.b.HandleKey(keytest.Key(k)); handled {
			t.Errorf("%s handled by the list", k)
		}
	}
}

// The article pane offers its keys to ArticleKey first, and adds
// ArticleHelp to its help.
func TestArticleKeyHook(t *testing.T) {
	var got []string
	hooks := browse.Hooks{
		ArticleKey: func(msg tea.KeyPressMsg) (tea.Cmd, bool) {
			if msg.String() == "enter" || msg.String() == "j" {
				got = append(got, msg.String())
				return nil, true
			}
			return nil, false
		},
	}
	hooks.ArticleHelp = []key.Binding{ui.DefaultKeyMap().Annotate}
	h := newHost(t, fixtureSource(3, -1), 120, 28, hooks)
	h.drive(h.b.Init())
	h.press("enter") // the list's: opens the article
	if h.b.Focus() != browse.FocusArticle || got != nil {
		t.Fatalf("enter on the list: focus %v, hook %v", h.b.Focus(), got)
	}
	h.press("enter", "j", "esc")
	if strings.Join(got, " ") != "enter j" || h.b.Focus() != browse.FocusList {
		t.Fatalf("hook got %v, focus %v", got, h.b.Focus())
	}
	h.press("tab")
	help := h.b.ShortHelp()
	if help[len(help)-1].Help().Desc != "annotate" {
		t.Fatalf("article help %v", help)
	}
}

func TestFilter(t *testing.T) {
	h := start(t, fixtureSource(60, -1), 120, 38)
	h.press("j", "j", "j") // somewhere other than the top
	h.press("/")
	if h.mode() != "FILTER" || h.Top() == h.b {
		t.Fatal("not in filter mode")
	}
	want := func(q ...string) []string {
		var out []string
		for _, i := range h.b.Live() {
			r := h.b.Row(int(i))
			hay := strings.ToLower(r.Title + " " + r.Outlet)
			ok := true
			for _, w := range q {
				ok = ok && strings.Contains(hay, w)
			}
			if ok {
				out = append(out, r.Title)
			}
		}
		return out
	}
	h.typeText("Riv")
	// Fuzzy, ranked as fzf ranks: the titles holding "riv" first, in
	// corpus order, then the ones that hold r…i…v scattered ("Bridge
	// reviews"), never one that does not.
	exp := want("riv")
	got := h.titles()
	if len(exp) == 0 || len(got) < len(exp) || strings.Join(got[:len(exp)], "|") != strings.Join(exp, "|") {
		t.Fatalf("filter riv: got %v, want first %v", got, exp)
	}
	for _, g := range got[len(exp):] {
		if !subsequence("riv", strings.ToLower(g)) {
			t.Fatalf("filter riv let %q through", g)
		}
	}
	if !strings.Contains(h.plain(), "/ Riv") || h.Top().(interface{ Cursor() *tea.Cursor }).Cursor() == nil {
		t.Fatalf("the filter line with its cursor:\n%s", h.plain())
	}
	// q is text while typing: the screen takes every key.
	cmd, ok := h.Top().HandleKey(keytest.Key("q"))
	if !ok || !strings.Contains(h.plain(), "/ Rivq") {
		t.Fatal("q not taken by the filter")
	}
	h.drive(cmd)
	h.send(keytest.Key("backspace"))
	h.typeText("er c")
	// "river c" matches the title and an outlet ("Civic Wire", "Valley Courier"…) — terms are ANDed.
	// Ranked by the two terms' scores together ("c" at a word start beats
	// one inside a word): the exact matches first, in any order.
	exp = want("river", "c")
	got = h.titles()
	if len(exp) == 0 || len(exp) >= len(want("river")) || len(got) < len(exp) {
		t.Fatalf("filter 'river c': got %v want %v", got, exp)
	}
	first := slices.Clone(got[:len(exp)])
	slices.Sort(first)
	slices.Sort(exp)
	if !slices.Equal(first, exp) {
		t.Fatalf("filter 'river c': got %v, want first %v", got, exp)
	}
	// The outlet is searched too.
	h.send(keytest.Key("ctrl+u"))
	h.typeText("meridian")
	for _, i := range h.b.Visible() {
		if h.b.Row(int(i)).Outlet != "Meridian Post" {
			t.Fatalf("outlet filter let %q through", h.b.Row(int(i)).Outlet)
		}
	}
	n := len(h.b.Visible())
	if n == 0 {
		t.Fatal("no Meridian Post rows")
	}
	// down and up move in the list while typing.
	sel := h.b.Selected()
	h.press("down")
	if h.b.Selected() == sel || h.mode() != "FILTER" {
		t.Fatal("down did not move while typing")
	}
	h.press("up")
	// enter keeps the filter, esc clears it.
	h.press("enter")
	if h.mode() != "READ" || h.Top() != h.b || len(h.b.Visible()) != n || !strings.Contains(h.plain(), fmt.Sprintf("%d matches", n)) {
		t.Fatalf("enter did not keep the filter:\n%s", h.plain())
	}
	sel = h.b.Selected()
	h.press("j") // j moves again once the filter is kept
	if h.b.Selected() == sel {
		t.Fatal("j did not move in a kept filter")
	}
	sel = h.b.Selected()
	h.press("esc")
	if len(h.b.Visible()) != 60 || strings.Contains(h.plain(), "matches") {
		t.Fatal("esc did not clear the filter")
	}
	if h.b.Selected() != sel {
		t.Fatal("clearing the filter lost the selected article")
	}
	// esc while typing clears too.
	h.press("/")
	h.typeText("zzzz")
	if len(h.b.Visible()) != 0 || !strings.Contains(h.plain(), "No matches.") {
		t.Fatal("nonsense query matched")
	}
	h.press("esc")
	if len(h.b.Visible()) != 60 || h.Top() != h.b {
		t.Fatal("esc while typing did not clear")
	}
	// A paste goes into the filter; ClearFilter closes the filter screen.
	h.press("/")
	h.send(tea.PasteMsg{Content: "meridian"})
	if len(h.b.Visible()) != n {
		t.Fatalf("paste: %d rows, want %d", len(h.b.Visible()), n)
	}
	h.b.ClearFilter()
	if len(h.b.Visible()) != 60 || h.Top() != h.b || strings.Contains(h.plain(), "/ ") {
		t.Fatal("ClearFilter left the filter")
	}
	// enter on an empty query leaves no filter line.
	h.press("/", "enter")
	if h.Top() != h.b || strings.Contains(h.plain(), "/ ") {
		t.Fatal("an empty filter kept")
	}
}

// A scan result is the previous result narrowed; a stale result (a scan
// the query has moved past) is dropped.
func TestFilterNarrowsAndDropsStaleResults(t *testing.T) {
	h := start(t, fixtureSource(40, -1), 120, 28)
	h.press("/")
	h.typeText("bud")
	prev := append([]int32(nil), h.b.Visible()...)
	if len(prev) == 0 {
		t.Fatal("no result for bud")
	}
	cmd := h.update(keytest.Key("g"))
	if cmd == nil {
		t.Fatal("no filter command")
	}
	stale := cmd() // "budg"'s scan, kept for later
	h.send(stale)
	for _, i := range h.b.Visible() {
		found := false
		for _, j := range prev {
			found = found || i == j
		}
		if !found {
			t.Fatalf("narrowed result has %d, not in the previous result", i)
		}
	}
	h.press("backspace")
	if len(h.b.Visible()) != len(prev) {
		t.Fatalf("back to bud: %d rows, want %d", len(h.b.Visible()), len(prev))
	}
	h.send(stale)
	if len(h.b.Visible()) != len(prev) {
		t.Fatal("stale filter result applied")
	}
}

func TestRawToggle(t *testing.T) {
	h := start(t, fixtureSource(5, -1), 120, 28)
	if strings.Contains(h.plain(), "[caption]") || h.b.Raw() {
		t.Fatal("read view shows removed text")
	}
	h.press("r")
	p := h.plain()
	if h.mode() != "RAW" || !h.b.Raw() || !strings.Contains(p, "RAW") {
		t.Fatal("not in the raw view")
	}
	if !strings.Contains(p, "[caption] Photo: Harbour Gazette staff") || !strings.Contains(p, "[byline] By A. Reporter") {
		t.Fatalf("removed lines and reasons not shown:\n%s", p)
	}
	// Removed text is struck through; kept text is not.
	st := h.ctx.Styles
	if !strings.Contains(h.b.View(), st.P.RawRemoved.Render("Photo: Harbour Gazette staff")) {
		t.Fatal("caption not styled as removed")
	}
	a, _, _ := h.b.Article()
	kept := strings.SplitN(a.Text, " ", 2)[0]
	if strings.Contains(h.b.View(), st.P.RawRemoved.Render(kept)) {
		t.Fatal("kept text styled as removed")
	}
	h.press("r")
	if h.mode() != "READ" || strings.Contains(h.plain(), "[caption]") {
		t.Fatal("r did not return to the read view")
	}
	h.drive(h.b.SetRaw(true))
	if !strings.Contains(h.plain(), "[caption]") {
		t.Fatal("SetRaw")
	}
}

func TestNarrowLayoutSwitchesPanes(t *testing.T) {
	h := start(t, fixtureSource(8, -1), 60, 18)
	if !h.b.Narrow() {
		t.Fatal("60 columns should be narrow")
	}
	p := h.plain()
	if !strings.Contains(p, "Articles") || strings.Contains(p, "# Council") {
		t.Fatalf("narrow start should show only the list:\n%s", p)
	}
	h.press("enter")
	p = h.plain()
	if strings.Contains(p, "Articles") || !strings.Contains(p, "# Council approves plan") {
		t.Fatalf("enter should show only the article:\n%s", p)
	}
	h.press("esc")
	if !strings.Contains(h.plain(), "Articles") {
		t.Fatal("esc should go back to the list")
	}
	h.press("l")
	if !strings.Contains(h.plain(), "# Council") {
		t.Fatal("l should show the article")
	}
	h.press("h")
	if !strings.Contains(h.plain(), "Articles") {
		t.Fatal("h should go back to the list")
	}
}

// lineW is the widest line of the article's text on screen.
func lineW(h *host) int {
	x := listWidth(h)
	w := 0
	for _, l := range strings.Split(h.plain(), "\n")[1:] {
		l = ansi.Cut(l, x+1, layout.Width(l)-1)
		w = max(w, layout.Width(strings.TrimRight(l, " ")))
	}
	return w
}

func TestResizeRelayout(t *testing.T) {
	h := start(t, fixtureSource(8, -1), 120, 38)
	wide := lineW(h)
	h.resize(60, 18)
	checkView(t, h, 60, 18)
	if !h.b.Narrow() {
		t.Fatal("did not switch to the narrow layout")
	}
	h.press("tab")
	if narrow := lineW(h); narrow >= wide || narrow > 58 {
		t.Fatalf("article not re-rendered for 60 columns (%d, was %d)", narrow, wide)
	}
	h.press("tab")
	h.resize(250, 68)
	checkView(t, h, 250, 68)
	if h.b.Narrow() || listWidth(h) != 100 {
		t.Fatalf("did not lay out two panes at 250 (list %d wide)", listWidth(h))
	}
	if lineW(h) <= wide {
		t.Fatal("article not re-rendered wider")
	}
	if n := len(strings.Split(h.b.View(), "\n")); n != 68 {
		t.Fatalf("view has %d lines, want 68", n)
	}
}

func TestSizes(t *testing.T) {
	states := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"article", []string{"enter"}},
		{"raw", []string{"enter", "r", "G"}},
		{"filter", []string{"/", "r", "i"}},
	}
	for _, size := range []struct{ w, h int }{{20, 4}, {40, 10}, {80, 22}, {250, 68}, {1, 1}, {0, 0}, {5, 1}} {
		for _, s := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, s.name), func(t *testing.T) {
				src := fixtureSource(40, 3)
				src.arts[0].Title = "宽字符标题 with emoji 🎉🎉 and a very long tail that never ends in a narrow pane"
				h := start(t, src, size.w, size.h)
				h.press(s.keys...)
				checkView(t, h, size.w, size.h)
				h.press("j", "tab", "j")
				checkView(t, h, size.w, size.h)
			})
		}
	}
}

func TestStaleRenderCachedNotShown(t *testing.T) {
	src := fixtureSource(6, -1)
	h := start(t, src, 120, 28)
	loadB := h.update(keytest.Key("j")) // article 1: load starts
	renderB := h.update(loadB())        // article 1 loaded: render starts
	if renderB == nil {
		t.Fatal("no render command for article 1")
	}
	loadC := h.update(keytest.Key("j")) // article 2 wanted before 1 is rendered
	next := h.update(renderB())
	if strings.Contains(h.plain(), "# River approves plan") {
		t.Fatal("stale render for article 1 shown while article 2 is selected")
	}
	h.drive(tea.Batch(loadC, next))
	if !strings.Contains(h.plain(), "# School approves plan") {
		t.Fatalf("article 2 not shown:\n%s", h.plain())
	}
	// Going back to article 1 uses the cache: no load, no render.
	loads := src.loads
	if cmd := h.update(keytest.Key("k")); cmd != nil {
		t.Fatal("returning to a cached article started a command")
	}
	if !strings.Contains(h.plain(), "# River approves plan") || src.loads != loads {
		t.Fatal("cached render not shown")
	}
}

// An item that fails in the background read leaves the list and counts
// as a problem; one that fails to load says why in the article pane.
func TestFailedItems(t *testing.T) {
	src := &errSource{fakeSource: fixtureSource(4, 1), errs: map[int]error{2: errors.New("open news/002-story.txt: permission denied")}}
	h := start(t, src, 120, 28)
	if len(h.b.Problems()) != 2 || !h.b.Row(1).Dead || h.b.LiveCount() != 3 || h.b.Select(1) {
		t.Fatalf("problems %v, live %d", h.b.Problems(), h.b.LiveCount())
	}
	if _, n := h.b.Position(); n != 3 || strings.Contains(h.plain(), "broken") {
		t.Fatalf("the failed item is listed:\n%s", h.plain())
	}
	h.press("j")
	a, idx, err := h.b.Article()
	if a != nil || idx != 2 || err == nil || !strings.Contains(h.plain(), "Could not load this article:") || !strings.Contains(h.plain(), "permission denied") {
		t.Fatalf("load error: %v %d %v\n%s", a, idx, err, h.plain())
	}
	var s widgets.StatusInfo
	h.b.Status(&s)
	if s.Skipped != 2 || s.Loading || s.Done != 4 || s.Total != 4 || s.Pos != 2 || s.N != 3 || s.Percent != -1 {
		t.Fatalf("status %+v", s)
	}
	if len(h.done) != 1 || h.done[0] != "Read 3 articles" {
		t.Fatalf("Done hook %q", h.done)
	}
}

// errSource fails Load for the items in errs with the error given.
type errSource struct {
	*fakeSource
	errs map[int]error
}

func (e *errSource) Load(i int) (*model.Article, error) {
	if err, ok := e.errs[i]; ok {
		return nil, err
	}
	return e.fakeSource.Load(i)
}

// subsequence reports whether every rune of p occurs in s in order.
func subsequence(p, s string) bool {
	for _, r := range s {
		if p == "" {
			return true
		}
		if []rune(p)[0] == r {
			p = string([]rune(p)[1:])
		}
	}
	return p == ""
}
