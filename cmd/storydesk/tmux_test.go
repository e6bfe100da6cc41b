package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession runs the built binary in a detached tmux session of the given
// size and offers send-keys / capture-pane, as a user at a terminal would.
type tmuxSession struct {
	t    *testing.T
	name string
}

// tmux runs a tmux command (on the default server, which other tests in
// the package address directly).
func (s *tmuxSession) tmux(args ...string) *exec.Cmd {
	return exec.Command("tmux", args...)
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "storydesk")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, w, h int, env []string, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	name := fmt.Sprintf("storydesk-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	cmdline := strings.Join(append(env, args...), " ")
	s := &tmuxSession{t: t, name: name}
	for try := 0; ; try++ {
		c := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmdline)
		c.Env = append(os.Environ(), "TERM=xterm-256color")
		out, err := c.CombinedOutput()
		if err == nil {
			break
		}
		// The server exits with its last session: one started just then
		// may meet it on its way out.
		if try == 5 || !strings.Contains(string(out), "server exited") {
			t.Fatalf("tmux new-session: %v\n%s", err, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Cleanup(func() { s.tmux("kill-session", "-t", name).Run() })
	return s
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	args := append([]string{"send-keys", "-t", s.name}, keys...)
	if out, err := s.tmux(args...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

func (s *tmuxSession) screen() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

// waitFor polls the screen until cond holds or 30 s pass.
func (s *tmuxSession) waitFor(what string, cond func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.screen()
		if cond(scr) {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
	return ""
}

func (s *tmuxSession) alive() bool {
	return s.tmux("has-session", "-t", s.name).Run() == nil
}

func contains(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

func TestBinaryInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-harbour.txt"), "Harbour strike ends after nine days\n\n"+cleanArticle+"\n© 2026 The Harbour Times. All rights reserved.\n")
	writeFile(t, filepath.Join(dir, "b-council.txt"), "Council delays vote on the new bridge\n\nThe city council postponed its vote on the Karvik bridge until March, citing cost overruns of 12 million euros.\n")
	// A hostile title: an OSC window-title change, a screen clear and a C1 CSI.
	writeFile(t, filepath.Join(dir, "c-hostile.txt"), "Evil \x1b]0;PWNED\x07title \x1b[2J\u009b31m here\n\nBody text of the hostile article is here and it is long enough to be prose.\n")
	writeFile(t, filepath.Join(dir, "d-binary.txt"), "\x00\x01\x02\x03")

	s := startTmux(t, 120, 40, []string{"NO_COLOR=1"}, bin, dir)
	// Titles arrive as the background read reaches each file: wait for
	// both, not for the first and then look for the second.
	s.waitFor("the list", func(scr string) bool {
		return strings.Contains(scr, "Harbour strike ends") && strings.Contains(scr, "Council delays vote")
	})
	// Had the OSC 0 sequence reached the terminal, tmux would have taken
	// "PWNED" as the pane's title.
	if title, _ := s.tmux("display-message", "-p", "-t", s.name, "#{pane_title}").Output(); strings.Contains(string(title), "PWNED") {
		t.Fatalf("an escape sequence from a file reached the terminal: pane title %q", title)
	}
	// The first article's cleaned body shows in the detail pane, without its footer.
	scr := s.waitFor("the detail pane", contains("Mara Okafor"))
	if strings.Contains(scr, "All rights reserved") {
		t.Errorf("footer shown in the reading view:\n%s", scr)
	}
	// The binary file is reported as skipped.
	s.waitFor("the skipped count", contains("skipped"))

	// Move down: the second article opens.
	s.keys("j")
	s.waitFor("the second article", contains("Karvik bridge"))

	// Raw view of the first article shows the removed footer with its reason.
	s.keys("k")
	s.waitFor("the first article again", contains("Mara Okafor"))
	s.keys("r")
	s.waitFor("the raw view", func(scr string) bool {
		return strings.Contains(scr, "All rights reserved") && strings.Contains(scr, "footer")
	})
	s.keys("r")

	// Help opens and closes. (Which keys its first page holds depends on
	// the height and on which features are ready: look for the box.)
	s.keys("?")
	s.waitFor("the full help", func(scr string) bool {
		return strings.Contains(scr, "Help") && strings.Contains(scr, "esc closes")
	})
	s.keys("?")

	// Filter narrows the list.
	s.keys("/", "c", "o", "u", "n", "c")
	s.waitFor("the filtered list", func(scr string) bool {
		return strings.Contains(scr, "Council delays") && !strings.Contains(scr, "Harbour strike ends")
	})
	s.keys("Escape")
	s.waitFor("the unfiltered list", contains("Harbour strike ends"))

	s.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if s.alive() {
		t.Fatalf("q did not quit; screen:\n%s", s.screen())
	}
}

// screenSGR is capture-pane -e: the screen with its SGR sequences.
func (s *tmuxSession) screenSGR() string {
	out, _ := s.tmux("capture-pane", "-p", "-e", "-t", s.name).Output()
	return string(out)
}

// sgrCell is what tmux says one character is drawn with.
type sgrCell struct {
	ch      string
	reverse bool
	fg, bg  [3]int // -1 for the default colour
}

// parseSGRLine reads one line of capture-pane -e into cells, and reports
// whether any sequence set a colour.
func parseSGRLine(t *testing.T, line string) (cells []sgrCell, colour bool) {
	t.Helper()
	def := [3]int{-1, -1, -1}
	cur := sgrCell{fg: def, bg: def}
	for line != "" {
		if strings.HasPrefix(line, "\x1b[") {
			end := strings.IndexByte(line, 'm')
			if end < 0 {
				t.Fatalf("unexpected escape in %q", line)
			}
			ps := strings.Split(line[2:end], ";")
			for i := 0; i < len(ps); i++ {
				n := atoi(ps[i])
				switch {
				case ps[i] == "" || n == 0:
					cur = sgrCell{fg: def, bg: def}
				case n == 7:
					cur.reverse = true
				case n == 27:
					cur.reverse = false
				case n == 39:
					cur.fg = def
				case n == 49:
					cur.bg = def
				case n == 38 || n == 48:
					colour = true
					var c [3]int
					if i+2 < len(ps) && ps[i+1] == "5" {
						c = xterm256(atoi(ps[i+2]))
						i += 2
					} else if i+4 < len(ps) && ps[i+1] == "2" {
						c = [3]int{atoi(ps[i+2]), atoi(ps[i+3]), atoi(ps[i+4])}
						i += 4
					}
					if n == 38 {
						cur.fg = c
					} else {
						cur.bg = c
					}
				case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
					colour = true
				}
			}
			line = line[end+1:]
			continue
		}
		r := []rune(line)[0]
		c := cur
		c.ch = string(r)
		cells = append(cells, c)
		line = line[len(string(r)):]
	}
	return cells, colour
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// xterm256 is the RGB of a 256-colour palette index (the cube and greys;
// the 16 system colours as xterm's defaults).
func xterm256(n int) [3]int {
	switch {
	case n < 16:
		sys := [16][3]int{{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
			{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255}}
		return sys[n]
	case n < 232:
		lv := [6]int{0, 95, 135, 175, 215, 255}
		n -= 16
		return [3]int{lv[n/36], lv[n/6%6], lv[n%6]}
	}
	g := 8 + 10*(n-232)
	return [3]int{g, g, g}
}

// lightness is a colour's rough brightness, 0 to 1.
func lightness(c [3]int) float64 {
	return (0.2126*float64(c[0]) + 0.7152*float64(c[1]) + 0.0722*float64(c[2])) / 255
}

// selectedTitle finds the list row carrying the selection marker and
// returns the cells of the title after it.
func selectedTitle(t *testing.T, scr, marker, title string) []sgrCell {
	t.Helper()
	for _, l := range strings.Split(scr, "\n") {
		cells, _ := parseSGRLine(t, l)
		var plain strings.Builder
		for _, c := range cells {
			plain.WriteString(c.ch)
		}
		p := []rune(plain.String())
		if len(p) < 2 || string(p[1]) != marker {
			continue
		}
		at := strings.Index(plain.String(), title)
		if at < 0 {
			return nil
		}
		i := len([]rune(plain.String()[:at]))
		return cells[i : i+len([]rune(title))]
	}
	return nil
}

// The built binary on real terminals (tmux panes): with TERM=dumb it writes
// no colour and the selection shows by marker and reverse video; on a pane
// whose background is white it answers the background query with the light
// palette (a pale selection behind dark text), on a black one with the dark
// palette.
func TestBinaryTerminalsInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	// A corpus per run: the reader keeps its place in the corpus's store.
	corpus := func(t *testing.T) string {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "a-harbour.txt"), "Harbour strike ends after nine days\n\n"+cleanArticle)
		writeFile(t, filepath.Join(dir, "b-council.txt"), "Council delays vote on the new bridge\n\nThe city council postponed its vote on the Karvik bridge until March, citing cost overruns of 12 million euros.\n")
		return dir
	}

	t.Run("TERM=dumb", func(t *testing.T) {
		s := startTmux(t, 120, 30, []string{"TERM=dumb"}, bin, corpus(t))
		check := func(title string) {
			t.Helper()
			var cells []sgrCell
			s.waitFor(title+" selected", func(string) bool {
				cells = selectedTitle(t, s.screenSGR(), ">", title)
				return len(cells) > 0 && cells[0].reverse && cells[len(cells)-1].reverse
			})
			for i, l := range strings.Split(s.screenSGR(), "\n") {
				if _, colour := parseSGRLine(t, l); colour {
					t.Fatalf("line %d has colour: %q", i, l)
				}
			}
		}
		check("Harbour strike ends")
		s.keys("j")
		check("Council delays vote")
		if cells := selectedTitle(t, s.screenSGR(), ">", "Harbour strike ends"); cells != nil {
			t.Fatal("the first row still carries the marker")
		}
		s.keys("q")
	})
	for _, bg := range []struct {
		name, style string
		light       bool
	}{{"light", "bg=#ffffff,fg=#000000", true}, {"dark", "bg=#000000,fg=#ffffff", false}} {
		t.Run(bg.name, func(t *testing.T) {
			// The pane's colours are set before the reader starts and asks.
			s := startTmux(t, 120, 30, nil, "sleep 0.5;", bin, corpus(t))
			if out, err := s.tmux("set-option", "-t", s.name, "window-style", bg.style).CombinedOutput(); err != nil {
				t.Fatalf("set-option: %v %s", err, out)
			}
			var cells []sgrCell
			s.waitFor("the selection in the "+bg.name+" palette", func(string) bool {
				cells = selectedTitle(t, s.screenSGR(), "▌", "Harbour strike ends")
				return len(cells) > 0 && cells[0].bg[0] >= 0 && (lightness(cells[0].bg) > 0.5) == bg.light
			})
			fg, sel := cells[0].fg, cells[0].bg
			if fg[0] < 0 || (lightness(fg) < 0.5) != bg.light || abs(lightness(fg)-lightness(sel)) < 0.4 {
				t.Fatalf("selected title drawn %v on %v on a %s pane", fg, sel, bg.name)
			}
			s.keys("q")
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
