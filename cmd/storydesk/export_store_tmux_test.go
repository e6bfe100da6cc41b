package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Prodigy records imported into a fresh store match no corpus file; `storydesk
// --db X.db` opens them from the store, and annotate mode shows their spans
// on the right characters (a decomposed accent, an emoji family, CJK).
func TestImportedStoreOpensInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end terminal test needs it (.ci/run installs it)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "prodigy.jsonl")
	writeFile(t, in, prodigyLines)
	db := filepath.Join(dir, "imported.db")
	var errOut bytes.Buffer
	if err := run([]string{"import", "--db", db, in}, nil, &bytes.Buffer{}, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	env := []string{"NO_COLOR=1", "XDG_CONFIG_HOME=" + filepath.Join(dir, "cfg"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}

	s := startTmux(t, 100, 24, env, bin, "--db", db)
	scr := s.waitFor("the imported articles", func(scr string) bool {
		return strings.Contains(scr, "Tokyo visit") && strings.Contains(scr, "Ilse Varga 😀 reopened")
	})
	if !strings.Contains(scr, "imported.db") {
		t.Errorf("the list is not named after the store:\n%s", scr)
	}
	s.keys("Enter") // list → article
	s.keys("Enter") // annotate mode
	s.waitFor("the first imported span under the cursor", contains("PERSON “Zoe\u0301 Ng”"))
	s.keys("e")
	s.waitFor("the entities panel", func(scr string) bool {
		return strings.Contains(scr, "PERSON 2") && strings.Contains(scr, "小池百合子") && strings.Contains(scr, "GPE 1") && strings.Contains(scr, "東京都")
	})
	s.keys("n")
	s.waitFor("the next entity", contains("PERSON “小池百合子”"))

	// Export from the menu: brat, into the store's folder.
	s.keys("C-e")
	s.waitFor("the export menu", contains("enter export what is saved"))
	s.keys("f")
	s.waitFor("brat chosen", contains("brat/"))
	s.keys("Enter")
	s.waitFor("the export's result", contains("Exported 2 articles (5 spans"))
	out := filepath.Join(dir, "brat")
	if es, err := os.ReadDir(out); err != nil || len(es) != 5 {
		t.Errorf("brat export: %v %v", es, err)
	}
	s.keys("q")
	waitGone(t, s)
}
