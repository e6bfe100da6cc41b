package tui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"storydesk/tui/internal/celltest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// termRun is a program running on a pretend terminal: teatest's output,
// every byte of it kept, played onto a vtScreen.
type termRun struct {
	tm  *teatest.TestModel
	all bytes.Buffer
	vt  *vtScreen
	fed int
}

// runOnTerminal starts m at w×h on a terminal described by env (TERM,
// COLORTERM, NO_COLOR...; TTY_FORCE=1 makes Bubble Tea treat teatest's
// buffer as a tty, as the real one would be).
func runOnTerminal(t *testing.T, m tea.Model, w, h int, env ...string) *termRun {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithEnvironment(append([]string{"TTY_FORCE=1"}, env...))))
	return &termRun{tm: tm, vt: newVTScreen(w, h)}
}

// until plays output onto the screen until cond holds, failing after a
// while with the screen as it is.
func (r *termRun) until(t *testing.T, what string, cond func(s *vtScreen) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		io.Copy(&r.all, r.tm.Output())
		if b := r.all.Bytes(); r.fed < len(b) {
			r.vt.write(t, string(b[r.fed:]))
			r.fed = len(b)
		}
		if cond(r.vt) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; the screen:\n%s", what, r.vt.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// quit ends the program and returns everything it wrote.
func (r *termRun) quit(t *testing.T) []byte {
	t.Helper()
	r.tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	rest, err := io.ReadAll(r.tm.FinalOutput(t, teatest.WithFinalTimeout(10*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(&r.all, r.tm.Output())
	r.all.Write(rest)
	return r.all.Bytes()
}

// findCells is the column where the cells of row y spell s, from column
// from on, or -1.
func findCells(s *vtScreen, y, from int, text string) int {
	row := s.cells[y]
	want := []rune(text)
	for x := from; x+len(want) <= len(row); x++ {
		ok := true
		for k, r := range want {
			if row[x+k].Text != string(r) {
				ok = false
				break
			}
		}
		if ok {
			return x
		}
	}
	return -1
}

// listRow is the screen row where the list (columns before maxX) shows
// title, and its column, or -1, -1.
func listRow(s *vtScreen, title string, maxX int) (int, int) {
	for y := 1; y < s.h; y++ {
		if x := findCells(s, y, 0, title); x >= 0 && x < maxX {
			return y, x
		}
	}
	return -1, -1
}

// selected reports whether the list row showing title is drawn as the
// selection: the marker in the gutter and the title reversed.
func selected(s *vtScreen, title string, maxX int) bool {
	y, x := listRow(s, title, maxX)
	if y < 0 {
		return false
	}
	for k := range len(title) {
		if !s.cells[y][x+k].Reverse {
			return false
		}
	}
	return s.cells[y][1].Text == ">"
}

// runAttrs is whether every cell spelling text on the screen (first
// occurrence at or after row y0) has the attribute got reports.
func runAttrs(s *vtScreen, y0 int, text string, got func(c celltest.Cell) bool) bool {
	for y := y0; y < s.h; y++ {
		if x := findCells(s, y, 0, text); x >= 0 {
			for k := range []rune(text) {
				if !got(s.cells[y][x+k]) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// colourSeqs lists the SGR sequences in out that set a colour.
func colourSeqs(t *testing.T, out []byte) []string {
	t.Helper()
	seqs, bad := escapeSeqs(out)
	if len(bad) > 0 {
		t.Fatalf("stray controls in the output: %v", bad[:min(5, len(bad))])
	}
	var colour []string
	for _, s := range seqs {
		if strings.HasPrefix(s, "\x1b[") && strings.HasSuffix(s, "m") && celltest.ColorSGR(s[2:len(s)-1]) {
			colour = append(colour, s)
		}
	}
	return colour
}

// With TERM=dumb, no TERM at all, or NO_COLOR, the program writes no
// colour, yet at the level of the screen a user sees, the list's selection
// (marker and reverse), the focused pane (heavy border), the annotate cursor
// (reverse) and a tagged span (bold and underline) all show. A colour
// terminal, run the same way, does get colour (the check can fail).
func TestTerminalWithoutColour(t *testing.T) {
	for _, tc := range []struct {
		name   string
		env    []string
		colour bool
	}{
		{"TERM=dumb", []string{"TERM=dumb"}, false},
		{"no TERM", nil, false},
		{"NO_COLOR", []string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"}, false},
		{"truecolor", []string{"TERM=xterm-256color", "COLORTERM=truecolor"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t, tempDB(t))
			m := NewFromSource(entitySource(), Options{Workers: 1, Store: st, Annotator: "tester"})
			r := runOnTerminal(t, m, 100, 30, tc.env...)
			listW := 40 // the list pane is 40% of 100 columns
			if tc.colour {
				r.until(t, "the list", func(s *vtScreen) bool { y, _ := listRow(s, "Story A", listW); return y > 0 })
				if out := r.quit(t); len(colourSeqs(t, out)) == 0 {
					t.Fatal("a truecolor terminal got no colour: the check below proves nothing")
				}
				return
			}
			r.until(t, "Story A selected", func(s *vtScreen) bool {
				return selected(s, "Story A", listW) && !selected(s, "Story B", listW)
			})
			r.tm.Type("j")
			r.until(t, "Story B selected", func(s *vtScreen) bool {
				return selected(s, "Story B", listW) && !selected(s, "Story A", listW)
			})
			r.tm.Type("k")
			r.until(t, "Story A selected again", func(s *vtScreen) bool { return selected(s, "Story A", listW) })
			// Focus: the list's border is heavy, then the article's.
			if c := r.vt.cells[0][0].Text; c != "┏" {
				t.Errorf("the focused list's corner is %q, want a heavy ┏", c)
			}
			r.tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
			r.until(t, "the article focused", func(s *vtScreen) bool {
				return s.cells[0][0].Text == "┌" && s.cells[0][listW].Text == "┏"
			})
			// Annotate: the cursor on the first word, then a span.
			r.tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			r.until(t, "the annotate cursor on Mayor", func(s *vtScreen) bool {
				return runAttrs(s, 1, "Mayor", func(c celltest.Cell) bool { return c.Reverse }) &&
					!runAttrs(s, 1, "Ilse", func(c celltest.Cell) bool { return c.Reverse })
			})
			r.tm.Type("w")
			r.tm.Send(tea.KeyPressMsg{Code: tea.KeyRight, Mod: tea.ModShift})
			r.tm.Type("1")
			r.tm.Type("w")
			r.until(t, "Ilse Varga tagged and the cursor past it", func(s *vtScreen) bool {
				span := func(c celltest.Cell) bool { return c.Under && c.Bold && !c.Reverse }
				return runAttrs(s, 1, "Ilse", span) && runAttrs(s, 1, "Varga", span) &&
					!runAttrs(s, 1, "Mayor", func(c celltest.Cell) bool { return c.Reverse || c.Under })
			})
			out := r.quit(t)
			if colour := colourSeqs(t, out); len(colour) > 0 {
				t.Fatalf("%d colour sequences written, such as %q", len(colour), colour[:min(5, len(colour))])
			}
		})
	}
}
