package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"storydesk/data/corpus"
	"storydesk/model"
)

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

// boxText is what a box shows inside its borders, one string per line,
// border runes and the padding to the right removed.
func boxText(frame string) []string {
	var out []string
	for _, l := range strings.Split(frame, "\n") {
		l = strings.Trim(l, "│┃ ")
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}

// detailText is boxText of the article pane alone.
func detailText(m *Model) []string {
	x := listWidth(m)
	var cut []string
	for _, l := range strings.Split(plain(m), "\n") {
		cut = append(cut, ansi.Cut(l, x, m.c.Width))
	}
	return boxText(strings.Join(cut, "\n"))
}

// flat joins lines with every space removed: wrapped text reads back as
// one string, wherever the lines were broken.
func flat(lines []string) string { return nospace(strings.Join(lines, "")) }

// A load error is shown whole, wrapped to the pane: the file (however
// long) and the reason, at every width from narrow to wide; hostile bytes in
// either are shown as text, not sent.
func TestLoadErrorShownInFull(t *testing.T) {
	long := "archive/2026/" + strings.Repeat("very-long-folder-name/", 6) + "story.html"
	src := &errSource{fakeSource: fixtureSource(3, -1), errs: map[int]error{
		1: &corpus.ProblemError{Problem: corpus.Problem{Path: long, Reason: "cannot read it: permission denied"}},
		2: fmt.Errorf("open %s: the file changed \x1b]0;PWNED\x07since it was opened, and the reason goes on well past any pane", long),
	}}
	for _, size := range [][2]int{{40, 20}, {60, 24}, {120, 40}, {250, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := start(t, src, size[0], size[1])
			next := func() {
				if m.br.Narrow() {
					press(t, m, "esc", "j", "enter")
				} else {
					press(t, m, "j")
				}
			}
			next()
			p := plain(m)
			checkFrame(t, m, size[0], size[1])
			lines := detailText(m)
			if !strings.Contains(p, "Could not load") {
				t.Fatalf("no error shown:\n%s", p)
			}
			if !strings.Contains(flat(lines), long+nospace("cannot read it: permission denied")) {
				t.Errorf("path and reason not shown whole:\n%s", p)
			}
			next()
			p = plain(m)
			checkFrame(t, m, size[0], size[1])
			if bad := contentControls(content(m)); len(bad) > 0 {
				t.Fatalf("controls reached the frame: %q", bad)
			}
			// The sanitiser drops the whole OSC sequence, payload included.
			if want := nospace("open " + long + ": the file changed since it was opened, and the reason goes on well past any pane"); !strings.Contains(flat(detailText(m)), want) {
				t.Errorf("a plain error not shown whole:\n%s", p)
			}
		})
	}
}

// The problems list (!) shows each skipped file's reason in full, wrapped
// with its continuation indented, and rewraps when the terminal is resized.
func TestProblemsShownInFull(t *testing.T) {
	src := fixtureSource(3, -1)
	long := "feeds/" + strings.Repeat("nested-directory/", 5) + "wire.jsonl"
	src.problems = []corpus.Problem{
		{Path: long, Line: 12, Reason: "not valid JSON: invalid character 'x' looking for beginning of value"},
		{Path: "short.txt", Reason: "cannot read it: permission denied"},
	}
	for _, size := range [][2]int{{30, 12}, {60, 20}, {120, 40}} {
		m := start(t, src, size[0], size[1])
		press(t, m, "!")
		lines := boxText(plain(m))
		if want := nospace(long + ":12: not valid JSON: invalid character 'x' looking for beginning of value"); !strings.Contains(flat(lines), want) {
			t.Errorf("%dx%d: first problem not shown whole:\n%s", size[0], size[1], plain(m))
		}
		press(t, m, "G") // the end of the list, at 12 lines below the first entry
		if !strings.Contains(flat(boxText(plain(m))), "short.txt:cannotreadit:permissiondenied") {
			t.Errorf("%dx%d: second problem not shown whole:\n%s", size[0], size[1], plain(m))
		}
		checkFrame(t, m, size[0], size[1])
		press(t, m, "g")
		// The entry's continuation lines are indented under it.
		raw := strings.Split(plain(m), "\n")
		for i := 1; i+1 < len(raw); i++ {
			if !strings.Contains(raw[i], "feeds/") {
				continue
			}
			if strings.Contains(raw[i], "of value") {
				t.Errorf("%dx%d: the long entry fits one line?\n%s", size[0], size[1], plain(m))
			}
			next := strings.TrimLeft(raw[i+1], "│┃")
			if !strings.HasPrefix(next, "  ") || strings.HasPrefix(next, "   ") {
				t.Errorf("%dx%d: continuation %q not indented by two", size[0], size[1], raw[i+1])
			}
			break
		}
	}
	// Resizing rewraps the open list.
	m := start(t, src, 120, 40)
	press(t, m, "!")
	send(t, m, teaSize(40, 20))
	checkFrame(t, m, 40, 20)
	if !strings.Contains(flat(boxText(plain(m))), nospace(long+":12: not valid JSON: invalid character 'x' looking for beginning of value")+"short.txt:cannotreadit:permissiondenied") {
		t.Errorf("after a resize:\n%s", plain(m))
	}
}

func nospace(s string) string { return strings.ReplaceAll(s, " ", "") }
