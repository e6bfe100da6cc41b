package tui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/tui/browse"
	"storydesk/tui/internal/keytest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// quits reports whether pressing k makes the program quit; every other
// message that follows is delivered as usual.
func quits(m *Model, k string) bool {
	_, cmd := m.Update(keytest.Key(k))
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
				if !m.br.Showing() {
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
	for _, i := range m.br.Visible() {
		if m.br.Row(int(i)).Title == "broken" {
			t.Fatal("failed item still listed")
		}
	}
	if len(m.br.Visible()) != 11 {
		t.Fatalf("%d rows, want 11", len(m.br.Visible()))
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

func TestBackgroundColourRestyles(t *testing.T) {
	// frameIn is the first frame of a reader started in opts.
	frameIn := func(opts Options) string {
		m := NewFromSource(fixtureSource(4, -1), opts)
		send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
		drive(t, m, m.Init())
		return content(m)
	}
	m := NewFromSource(fixtureSource(4, -1), Options{})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	if m.c.Styles.Glamour != "dark" || content(m) != frameIn(Options{Theme: "dark"}) {
		t.Fatal("dark is the default before the terminal answers")
	}
	dark := content(m)
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.c.IsDark || m.c.Styles.Glamour != "light" {
		t.Fatal("light background not picked up")
	}
	if !m.br.Showing() || content(m) == dark || content(m) != frameIn(Options{Theme: "light"}) {
		t.Fatal("article not re-rendered in the light style")
	}
	// NO_COLOR ignores the background: notty stays.
	m = NewFromSource(fixtureSource(4, -1), Options{NoColor: true})
	send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	drive(t, m, m.Init())
	before := content(m)
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.c.Styles.Glamour != "notty" || content(m) != before {
		t.Fatal("NO_COLOR must keep the notty style")
	}
}

// The reader's keys end to end, through the root: the list, the panes and
// the article follow them, and the status bar and the help line say where
// the reader is.
func TestReaderKeys(t *testing.T) {
	m := start(t, fixtureSource(60, -1), 120, 40)
	bar := func() string { l := strings.Split(plain(m), "\n"); return l[len(l)-2] }
	helpLine := func() string { l := strings.Split(plain(m), "\n"); return l[len(l)-1] }
	press(t, m, "j", "j", "down", "k")
	if !strings.Contains(plain(m), "3/60") || !strings.Contains(bar(), "3/60") || !strings.Contains(plain(m), "# "+m.br.Row(2).Title) {
		t.Fatalf("at 3/60 with its article:\n%s", plain(m))
	}
	if !strings.HasPrefix(bar(), " READ ") || !strings.Contains(helpLine(), "filter") || strings.Contains(helpLine(), "raw/clean") {
		t.Fatalf("bar %q, help %q", bar(), helpLine())
	}
	// The article has the keys: its scroll position is in the bar.
	press(t, m, "tab", "G")
	if !strings.Contains(bar(), "100%") || !strings.Contains(helpLine(), "raw/clean") || m.br.Focus() != browse.FocusArticle {
		t.Fatalf("bar %q, help %q", bar(), helpLine())
	}
	press(t, m, "r")
	if !strings.HasPrefix(bar(), " RAW ") || !strings.Contains(plain(m), "[caption] Photo: Harbour Gazette staff") {
		t.Fatalf("raw view:\n%s", plain(m))
	}
	press(t, m, "r", "esc")
	if m.br.Focus() != browse.FocusList || m.mode() != "READ" {
		t.Fatal("esc did not go back to the list")
	}
	// The filter is a screen over the reader: FILTER in the bar, its keys
	// alone in the help line, q is text, esc clears.
	press(t, m, "/")
	typeText(t, m, "river")
	if m.mode() != "FILTER" || !strings.HasPrefix(bar(), " FILTER ") || !strings.Contains(helpLine(), "keep filter") || strings.Contains(helpLine(), "quit") {
		t.Fatalf("filtering: bar %q, help %q", bar(), helpLine())
	}
	if c := m.View().Cursor; c == nil || c.Y != 1 {
		t.Fatalf("the filter's cursor %+v", c)
	}
	n := len(m.br.Visible())
	for _, title := range rowTitles(m) {
		if !fuzzyHas("river", strings.ToLower(title)) {
			t.Fatalf("%q listed", title)
		}
	}
	if quits(m, "q") || !strings.Contains(plain(m), "/ riverq") {
		t.Fatal("q while typing")
	}
	press(t, m, "backspace", "enter")
	if m.mode() != "READ" || screenName(m) != "" || !strings.Contains(plain(m), fmt.Sprintf("%d matches", n)) || m.View().Cursor != nil {
		t.Fatalf("enter did not keep the filter:\n%s", plain(m))
	}
	// A paste goes into the filter only while typing.
	press(t, m, "esc")
	send(t, m, tea.PasteMsg{Content: "river"})
	if len(m.br.Visible()) != 60 {
		t.Fatal("a paste filtered the list without the filter open")
	}
	press(t, m, "/")
	send(t, m, tea.PasteMsg{Content: "river"})
	if len(m.br.Visible()) != n {
		t.Fatalf("paste into the filter: %d rows, want %d", len(m.br.Visible()), n)
	}
	press(t, m, "esc")
	// Narrow: one pane at a time.
	send(t, m, teaSize(60, 20))
	if p := plain(m); !m.br.Narrow() || !strings.Contains(p, "Articles") || strings.Contains(p, "# ") {
		t.Fatalf("narrow list:\n%s", p)
	}
	press(t, m, "enter")
	if p := plain(m); strings.Contains(p, "Articles") || !strings.Contains(p, "# "+m.br.Row(m.br.Selected()).Title) {
		t.Fatalf("narrow article:\n%s", p)
	}
	checkFrame(t, m, 60, 20)
}

// gatedSource streams its first n results, then waits for the gate.
type gatedSource struct {
	*fakeSource
	n    int
	gate chan struct{}
}

func (g *gatedSource) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	var rs []corpus.Result
	g.fakeSource.Stream(ctx, workers, func(b []corpus.Result) { rs = append(rs, b...) })
	emit(rs[:g.n])
	<-g.gate
	emit(rs[g.n:])
}

func TestLoadingShowsProvisionalTitlesAndProgress(t *testing.T) {
	src := &gatedSource{fakeSource: fixtureSource(20, 15), n: 10, gate: make(chan struct{})}
	m := NewFromSource(src, Options{NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	if p := plain(m); !strings.Contains(p, "000-story") || !strings.Contains(p, "reading 0/20") {
		t.Fatalf("before reading: want file-name titles and progress:\n%s", p)
	}
	// The first batch alone (Init is the background read alone here).
	_, next := m.Update(m.Init()())
	p := plain(m)
	if !strings.Contains(p, "reading 10/20") || !strings.Contains(p, "Council approves plan") || !strings.Contains(p, "010-story") || !strings.Contains(p, "1 skipped") {
		t.Fatalf("half read:\n%s", p)
	}
	close(src.gate)
	drive(t, m, next)
	p = plain(m)
	if strings.Contains(p, "reading") || !strings.Contains(p, "Read 19 articles") || !strings.Contains(p, "2 skipped") {
		t.Fatalf("after reading:\n%s", p)
	}
	// The problems screen has the one found while reading.
	press(t, m, "!")
	if !strings.Contains(plain(m), "news/broken.txt: not UTF-8 text") {
		t.Fatalf("problems:\n%s", plain(m))
	}
}
