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
	c := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmdline)
	c.Env = append(os.Environ(), "TERM=xterm-256color")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, name: name}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", name).Run() })
	return s
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	args := append([]string{"send-keys", "-t", s.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

func (s *tmuxSession) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", s.name).Output()
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
	return exec.Command("tmux", "has-session", "-t", s.name).Run() == nil
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
	scr := s.waitFor("the list", contains("Harbour strike ends"))
	if !strings.Contains(scr, "Council delays vote") {
		t.Fatalf("second article missing from the list:\n%s", scr)
	}
	// Had the OSC 0 sequence reached the terminal, tmux would have taken
	// "PWNED" as the pane's title.
	if title, _ := exec.Command("tmux", "display-message", "-p", "-t", s.name, "#{pane_title}").Output(); strings.Contains(string(title), "PWNED") {
		t.Fatalf("an escape sequence from a file reached the terminal: pane title %q", title)
	}
	// The first article's cleaned body shows in the detail pane, without its footer.
	scr = s.waitFor("the detail pane", contains("Mara Okafor"))
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

	// Help opens and closes.
	s.keys("?")
	s.waitFor("the full help", contains("quit"))
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
