package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/layout"
)

// screenSource is the sample corpus with problems found while listing (long
// paths and reasons) and one article whose file fails to load once listed.
type screenSource struct {
	Source
	failID string
}

func (s *screenSource) Problems() []corpus.Problem {
	long := "feeds/" + strings.Repeat("regional-desk/", 8) + "wire.jsonl"
	return append(s.Source.Problems(),
		corpus.Problem{Path: long, Line: 4, Reason: "not valid JSON: unexpected end of input after a very long line"},
		corpus.Problem{Path: "scans/报告 二〇二六.pdf", Reason: "not a text format (.pdf): skipped"},
	)
}

func (s *screenSource) Load(i int) (*model.Article, error) {
	if s.Item(i).ID == s.failID {
		return nil, &corpus.ProblemError{Problem: corpus.Problem{Path: "archive/" + strings.Repeat("deep/", 12) + s.failID, Reason: "cannot read it: permission denied"}}
	}
	return s.Source.Load(i)
}

// screenModel is a reader with a store over screenSource at w×h.
func screenModel(t *testing.T, w, h int, noColor bool) *Model {
	t.Helper()
	src := &screenSource{Source: sampleSource(t), failID: "culture-jazz-festival.html"}
	m, _ := startStore(t, src, tempDB(t), w, h)
	if !noColor {
		m.theme.optNoColor = false
		send(t, m, tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	}
	return m
}

// selectID selects article id in the list (and shows it).
func selectID(t *testing.T, m *Model, id string) {
	t.Helper()
	if !m.br.Select(m.itemIndex(id)) {
		t.Fatalf("%s not in the list", id)
	}
	drive(t, m, m.br.Sync())
}

// annotateOn opens article id in annotate mode with "Ilse Varga" tagged
// and the cursor on it.
func annotateOn(t *testing.T, m *Model, id string) {
	t.Helper()
	selectID(t, m, id)
	enterAnnotate(t, m)
	tagName(t, m, "Ilse Varga", 0, "1")
	moveTo(t, m, "Ilse", 0)
}

// screens is every screen of the reader: how to get there from the first
// frame, how to tell it is still there, and text it shows from 40x12 on
// (its title, prompt or question; the side-by-side comparison needs 80x24).
var screens = []struct {
	name  string
	open  func(t *testing.T, m *Model)
	there func(m *Model) bool
	shows string
}{
	{"list", func(t *testing.T, m *Model) {}, func(m *Model) bool { return m.br.Focus() == browse.FocusList && screenName(m) == "" && !m.annotating() }, "Articles · sample"},
	{"read", func(t *testing.T, m *Model) { press(t, m, "tab") }, func(m *Model) bool { return m.br.Focus() == browse.FocusArticle && m.mode() == "READ" }, "Veridia Sport Wire · Ola Strand"},
	{"raw", func(t *testing.T, m *Model) { press(t, m, "tab", "r") }, func(m *Model) bool { return m.mode() == "RAW" }, "Raw text: 2 removed"},
	{"load error", func(t *testing.T, m *Model) { selectID(t, m, "culture-jazz-festival.html"); press(t, m, "tab") },
		func(m *Model) bool { return loadErr(m) != nil && m.br.Focus() == browse.FocusArticle }, "permission denied"},
	{"filter prompt", func(t *testing.T, m *Model) { press(t, m, "/"); typeText(t, m, "ferry") }, func(m *Model) bool { return screenName(m) == "filter" }, "/ ferry"},
	{"annotate", func(t *testing.T, m *Model) { annotateOn(t, m, "wire-ferry-ap.txt"); apress(t, m, "v", "w", "w") },
		func(m *Model) bool { return m.mode() == "SELECT" }, "1 PERSON 2 ORG"},
	{"entities panel", func(t *testing.T, m *Model) { annotateOn(t, m, "wire-ferry-ap.txt"); apress(t, m, "e") },
		func(m *Model) bool { return m.annotating() && panelShown(m) }, "Ilse Varga"},
	{"canonical-name prompt", func(t *testing.T, m *Model) { annotateOn(t, m, "wire-ferry-ap.txt"); apress(t, m, "c") },
		func(m *Model) bool { return prompting(m) }, "Canonical name for"},
	{"tag-corpus question", func(t *testing.T, m *Model) { annotateOn(t, m, "wire-ferry-ap.txt"); apress(t, m, "A") },
		func(m *Model) bool { return isAsking(m) }, "Tag 3 × “Ilse"},
	{"quotes", func(t *testing.T, m *Model) { openQuotes(t, m, "wire-ferry-ap.txt"); stepTo(t, m, qLooking) },
		func(m *Model) bool { return m.mode() == "QUOTES" }, "We will not stop"},
	{"speaker prompt", func(t *testing.T, m *Model) {
		openQuotes(t, m, "wire-ferry-ap.txt")
		stepTo(t, m, qLooking)
		apress(t, m, "s")
	},
		func(m *Model) bool { return prompting(m) && m.mode() == "QUOTES" }, "Speaker of “We"},
	{"quote carriers", func(t *testing.T, m *Model) {
		openQuotes(t, m, "wire-ferry-ap.txt")
		stepTo(t, m, qLooking)
		apress(t, m, "C")
	},
		func(m *Model) bool { return carriersOpen(m) }, "other articles carry it"},
	{"duplicates", func(t *testing.T, m *Model) { openDupsScreen(t, m) }, func(m *Model) bool { return m.mode() == "DUPS" }, "wire-ferry-ap"},
	{"compare", func(t *testing.T, m *Model) { markAndCompare(t, m, dupAP, dupRewrite) },
		func(m *Model) bool { return m.mode() == "DUPS" }, "B Halvard Gazette"},
	{"export prompt", func(t *testing.T, m *Model) { send(t, m, tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}) },
		func(m *Model) bool { return screenName(m) == "export" }, "Export"},
	{"help", func(t *testing.T, m *Model) { press(t, m, "?") }, func(m *Model) bool { return screenName(m) == "help" }, "pgdn/space"},
	{"problems", func(t *testing.T, m *Model) { press(t, m, "!") }, func(m *Model) bool { return screenName(m) == "problems" }, "feeds/regional-desk/"},
}

// frameFits is checkFrame that reports instead of stopping, measuring each
// line with ansi.StringWidth: of the frame sent to the terminal, and of the
// frame as the panes draw it, before clampView cuts what overflows (so a
// screen that only fits thanks to that last defence fails too).
func frameFits(m *Model, w, h int) error {
	if err := linesFit(m.View().Content, w, h); err != nil {
		return err
	}
	if err := linesFit(m.frame(), w, h); err != nil {
		return fmt.Errorf("before clampView: %v", err)
	}
	return nil
}

func linesFit(c string, w, h int) error {
	if c == "" {
		return nil
	}
	lines := strings.Split(c, "\n")
	if len(lines) > h {
		return fmt.Errorf("%d lines on a %d-line terminal", len(lines), h)
	}
	for i, l := range lines {
		if lw := layout.Width(l); lw > w {
			return fmt.Errorf("line %d is %d cells wide: %q", i, lw, ansi.Strip(l))
		}
	}
	return nil
}

// Every screen, with and without colour, at 20x6, 40x12, 80x24 and 250x70,
// then through a burst of resizes that arrive faster than the renders they
// start: no panic, no line wider than the terminal, no more lines than its
// height, and the screen still the one that was open.
func TestEveryScreenAtEverySize(t *testing.T) {
	sizes := [][2]int{{20, 6}, {40, 12}, {80, 24}, {250, 70}}
	burst := [][2]int{{250, 70}, {20, 6}, {80, 24}, {21, 7}, {40, 12}, {249, 69}, {20, 6}, {120, 40}, {41, 13}, {250, 70}, {20, 6}}
	for _, sc := range screens {
		for _, noColor := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/nocolor=%v", sc.name, noColor), func(t *testing.T) {
				m := screenModel(t, 120, 40, noColor)
				sc.open(t, m)
				if !sc.there(m) {
					t.Fatalf("did not open (mode %s): %q\n%s", m.mode(), m.bar.message, plain(m))
				}
				for _, s := range sizes {
					send(t, m, teaSize(s[0], s[1]))
					if err := frameFits(m, s[0], s[1]); err != nil {
						t.Errorf("%dx%d: %v\n%s", s[0], s[1], err, plain(m))
					}
					if big := s[0] >= 80 || sc.name != "compare" && s[0] >= 40; big && !strings.Contains(plain(m), sc.shows) {
						t.Errorf("%dx%d: %q not shown\n%s", s[0], s[1], sc.shows, plain(m))
					}
					if !sc.there(m) {
						t.Fatalf("%dx%d: the screen closed (mode %s)", s[0], s[1], m.mode())
					}
				}
				// A burst: each size is drawn before the commands the last
				// one started (renders, reflows) have come back.
				var pending []tea.Cmd
				for _, s := range burst {
					_, cmd := m.Update(teaSize(s[0], s[1]))
					pending = append(pending, cmd)
					if err := frameFits(m, s[0], s[1]); err != nil {
						t.Errorf("burst at %dx%d: %v\n%s", s[0], s[1], err, plain(m))
					}
				}
				last := burst[len(burst)-1]
				drive(t, m, tea.Batch(pending...))
				if err := frameFits(m, last[0], last[1]); err != nil {
					t.Errorf("after the burst, %dx%d: %v\n%s", last[0], last[1], err, plain(m))
				}
				if !sc.there(m) {
					t.Fatalf("after the burst: the screen closed (mode %s)", m.mode())
				}
				// The screen is whole again at a usual size.
				send(t, m, teaSize(100, 30))
				if err := frameFits(m, 100, 30); err != nil {
					t.Errorf("100x30: %v", err)
				}
				if n := len(strings.Split(content(m), "\n")); n != 30 {
					t.Errorf("100x30: %d lines, want the whole 30\n%s", n, plain(m))
				}
			})
		}
	}
}
