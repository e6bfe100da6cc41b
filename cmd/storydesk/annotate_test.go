package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storydesk/internal/config"
)

// A broken config stops the reader before it starts, naming file and line.
func TestBrokenConfigRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	writeFile(t, cfg, "labels = [\"PERSON\", \"ORG\"]\nannotator = ana\n[keys]\nquit = [\"Q\"]\n")
	var errOut bytes.Buffer
	err := run([]string{"--config", cfg, dir}, nil, &bytes.Buffer{}, &errOut)
	if err == nil || !strings.Contains(err.Error(), cfg+":2:") {
		t.Fatalf("want an error naming %s:2, got %v", cfg, err)
	}
	writeFile(t, cfg, "[keys]\nteleport = [\"t\"]\n")
	err = run([]string{"--config", cfg, dir}, nil, &bytes.Buffer{}, &errOut)
	if err == nil || !strings.Contains(err.Error(), cfg) || !strings.Contains(err.Error(), `"teleport"`) {
		t.Fatalf("want an unknown-action error naming the file, got %v", err)
	}
	writeFile(t, cfg, "[colors]\nPERSON = \"orange\"\n")
	err = run([]string{"--config", cfg, dir}, nil, &bytes.Buffer{}, &errOut)
	if err == nil || !strings.Contains(err.Error(), `PERSON = "orange"`) {
		t.Fatalf("want a bad-colour error, got %v", err)
	}
	// Ten labels are fine now (the tenth is in the label picker); more
	// than config.MaxLabels are not.
	many := make([]string, config.MaxLabels+1)
	for i := range many {
		many[i] = fmt.Sprintf("L%d", i)
	}
	err = run([]string{"--labels", strings.Join(many, ","), dir}, nil, &bytes.Buffer{}, &errOut)
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), fmt.Sprintf("1 to %d", config.MaxLabels)) {
		t.Fatalf("%d labels: %v", len(many), err)
	}
}

// tagArticle is the article the end-to-end annotate test tags.
const tagArticle = "Mayor Ilse Varga of Port Ellis opened the harbour on Monday.\n\n" +
	"The harbour had been closed for nine days while the dockers were on strike over pay and hours.\n"

func TestAnnotateInTmuxSurvivesRestart(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "corpus", "a-harbour.txt"), "Harbour reopens after strike\n\n"+tagArticle)
	writeFile(t, filepath.Join(dir, "corpus", "b-council.txt"), "Council delays vote on the new bridge\n\nThe city council postponed its vote on the Karvik bridge until March, citing cost overruns of 12 million euros.\n")
	db := filepath.Join(dir, "notes.db")
	env := []string{"NO_COLOR=1", "XDG_CONFIG_HOME=" + filepath.Join(dir, "cfg"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}
	corpus := filepath.Join(dir, "corpus")

	s := startTmux(t, 100, 30, env, bin, "--db", db, "--annotator", "e2e", corpus)
	s.waitFor("the article", contains("Ilse Varga"))
	s.keys("Enter") // list → article
	s.keys("Enter") // annotate mode
	s.waitFor("annotate mode", contains("ANNOTATE"))
	s.keys("w", "S-Right")
	s.waitFor("a two-word selection", contains("“Ilse Varga” (2 words)"))
	s.keys("1")
	s.waitFor("the saved tag", contains("Tagged “Ilse Varga” PERSON"))
	s.keys("q")
	waitGone(t, s)

	s = startTmux(t, 100, 30, env, bin, "--db", db, "--annotator", "e2e", corpus)
	// Back in annotate mode on the same article, the cursor on the span.
	scr := s.waitFor("the restored tag", contains("PERSON “Ilse Varga”"))
	if !strings.Contains(scr, "ANNOTATE") {
		t.Fatalf("not restored to annotate mode:\n%s", scr)
	}
	// Without colour the span is underlined: find the SGR before its text.
	styled, _ := exec.Command("tmux", "capture-pane", "-p", "-e", "-t", s.name).Output()
	if !underlined(string(styled), "Ilse Varga") {
		t.Fatalf("the span is not highlighted:\n%q", styled)
	}
	s.keys("e")
	s.waitFor("the entities panel", func(scr string) bool {
		return strings.Contains(scr, "Entities") && strings.Contains(scr, "PERSON 1")
	})
	// Two escapes, one at a time (together they read as alt+esc): annotate
	// mode, then the article pane.
	s.keys("Escape")
	s.waitFor("the read view", contains(" READ "))
	s.keys("Escape")
	// The focused list has the heavy border; waiting for it also keeps q
	// from following the escape so fast that it reads as alt+q.
	s.waitFor("the list with a badge", func(scr string) bool {
		return strings.Contains(scr, "┏━ Articles") && strings.Contains(scr, "◐  Harbour reopens")
	})
	s.keys("q")
	waitGone(t, s)
}

// underlined reports whether text appears on screen inside an SGR sequence
// that turns underline on.
func underlined(screen, text string) bool {
	i := strings.Index(screen, text)
	if i < 0 {
		return false
	}
	j := strings.LastIndex(screen[:i], "\x1b[")
	if j < 0 {
		return false
	}
	seq := screen[j:i]
	end := strings.IndexByte(seq, 'm')
	if end < 0 {
		return false
	}
	for _, p := range strings.Split(seq[2:end], ";") {
		if p == "4" {
			return true
		}
	}
	return false
}

func waitGone(t *testing.T, s *tmuxSession) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if s.alive() {
		t.Fatalf("did not quit; screen:\n%s", s.screen())
	}
}

// A file that is not a store: a clear error, no start, the file untouched.
func TestForeignStoreRefusedInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "corpus", "a.txt"), "Title\n\n"+tagArticle)
	junk := filepath.Join(dir, "notes.db")
	content := "my shopping list, not a database"
	writeFile(t, junk, content)
	s := startTmux(t, 220, 20, []string{"XDG_CONFIG_HOME=" + dir}, bin, "--db", junk, filepath.Join(dir, "corpus"), "; echo EXIT=$?; sleep 30")
	scr := s.waitFor("the error", contains("EXIT="))
	if !strings.Contains(scr, "not a SQLite database") || !strings.Contains(scr, "EXIT=1") {
		t.Fatalf("want a clear refusal and exit status 1:\n%s", scr)
	}
	if got, _ := os.ReadFile(junk); string(got) != content {
		t.Fatal("the foreign file was modified")
	}
}
