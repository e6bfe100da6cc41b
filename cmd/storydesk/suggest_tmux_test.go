package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/store"
)

const suggestTmuxText = "Colombian President Gustavo Petro met US Treasury Secretary Scott Bessent in Bogotá on Monday, " +
	"the Associated Press reported. Petro said the talks went well.\n"

// The real binary suggests entities in annotate mode, y accepts one into
// the store and x rejects one; with `suggestions = false` in the config
// they start hidden.
func TestSuggestionsInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	os.MkdirAll(corpusDir, 0o755)
	writeFile(t, filepath.Join(corpusDir, "petro.txt"), suggestTmuxText)
	db := filepath.Join(dir, "a.db")
	env := []string{"NO_COLOR=1", "XDG_CONFIG_HOME=" + filepath.Join(dir, "cfg"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}

	s := startTmux(t, 110, 20, env, bin, "--annotator", "tester", "--db", db, corpusDir)
	s.waitFor("the article", contains("Petro"))
	s.keys("Enter")
	s.keys("Enter")
	s.waitFor("the suggestions counted", contains(" suggested"))
	s.waitFor("the suggestion under the cursor described", contains("suggested NORP"))
	s.keys("y")
	s.waitFor("the accept", contains("Accepted NORP “Colombian”"))
	s.keys("y") // Gustavo Petro
	s.waitFor("the second accept", contains("Accepted PERSON “Gustavo Petro”"))
	s.keys("x") // US
	s.waitFor("the rejection", contains("Rejected the suggestion GPE “US”"))
	s.keys("q")
	waitGone(t, s)

	st, err := store.OpenSQLite(db, "tester") // the layer the reader wrote
	if err != nil {
		t.Fatal(err)
	}
	doc, ok, err := st.Doc(context.Background(), "petro.txt")
	st.Close()
	if err != nil || !ok || len(doc.Spans) != 2 || len(doc.Rejected) != 1 {
		t.Fatalf("stored: %+v %v", doc, err)
	}

	// Hidden at start by the config; S shows them.
	cfg := filepath.Join(dir, "cfg", "storydesk")
	os.MkdirAll(cfg, 0o755)
	writeFile(t, filepath.Join(cfg, "config.toml"), "suggestions = false\n")
	s = startTmux(t, 110, 20, env, bin, "--annotator", "tester", "--db", db, corpusDir)
	s.waitFor("the article", contains("Petro"))
	s.keys("Enter")
	s.keys("Enter")
	s.waitFor("suggestions off", contains("suggestions off"))
	s.keys("S")
	scr := s.waitFor("suggestions on", contains(" suggested"))
	if strings.Contains(scr, "GPE “US”") {
		t.Errorf("the rejected suggestion is offered again:\n%s", scr)
	}
	s.keys("q")
	waitGone(t, s)
}
