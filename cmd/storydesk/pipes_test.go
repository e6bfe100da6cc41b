package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestBinaryPipes runs the built binary as a pipeline stage would: stdin
// and stdout are not terminals, and CI=true. Subcommands write nothing but
// data to stdout (diagnostics go to stderr), refuse bad arguments with a
// message and a non-zero status, and the reader refuses to start without a
// terminal, saying why.
func TestBinaryPipes(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	writeFile(t, filepath.Join(corpus, "a-harbour.txt"), "Harbour strike ends after nine days\n\n"+cleanArticle+"\n© 2026 The Harbour Times. All rights reserved.\n")
	// A hostile name and body: controls must reach neither stdout nor stderr.
	hostileName := "b \x1b]0;PWNED\x07 \x1b[2J name\n.txt"
	writeFile(t, filepath.Join(corpus, hostileName), "Evil \x1b]52;c;UFdORUQ=\x07 title \u009b2J\n\n"+cleanArticle)
	writeFile(t, filepath.Join(corpus, "c-binary \x1b[31m.txt"), "\x00\x01\x02\x03")
	home := t.TempDir() // config and data dirs: nothing from the machine running the test

	run := func(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"CI=true", "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
			"XDG_DATA_HOME=" + filepath.Join(home, "data"), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}
		cmd.Stdin = strings.NewReader(stdin)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			code = ee.ExitCode()
		case err != nil:
			t.Fatalf("%v: %v", args, err)
		}
		for what, s := range map[string]string{"stdout": o.String(), "stderr": e.String()} {
			if !utf8.ValidString(s) {
				t.Errorf("%v: %s is not UTF-8", args, what)
			}
			for _, r := range s {
				if r != '\n' && r != '\t' && (unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
					t.Errorf("%v: %s holds control %U: %q", args, what, r, s)
					break
				}
			}
		}
		return o.String(), e.String(), code
	}
	noDiagnostics := func(t *testing.T, stdout string) {
		t.Helper()
		if strings.Contains(stdout, "storydesk:") || strings.Contains(stdout, "Usage") {
			t.Errorf("a diagnostic on stdout:\n%s", stdout)
		}
	}

	t.Run("clean", func(t *testing.T) {
		out, errOut, code := run(t, "", "clean", corpus)
		noDiagnostics(t, out)
		if code != 1 || !strings.Contains(errOut, "storydesk: skipped") || !strings.Contains(errOut, "c-binary") || !strings.Contains(errOut, "binary") {
			t.Errorf("status %d, stderr %q: want 1 and the binary file named as skipped", code, errOut)
		}
		if strings.Count(out, "==> ") != 2 || !strings.Contains(out, "Mara Okafor") || strings.Contains(out, "All rights reserved") {
			t.Errorf("stdout:\n%s", out)
		}
		if strings.Contains(out, "PWNED") {
			t.Errorf("escape payload on stdout:\n%q", out)
		}
	})
	t.Run("clean --json", func(t *testing.T) {
		out, _, code := run(t, "", "clean", "--json", corpus)
		if code != 1 {
			t.Errorf("status %d, want 1 (a file skipped)", code)
		}
		lines := jsonLines(t, out)
		if len(lines) != 2 {
			t.Errorf("%d records, want 2", len(lines))
		}
	})
	t.Run("clean stdin", func(t *testing.T) {
		out, errOut, code := run(t, cleanArticle, "clean", "-")
		if code != 0 || strings.TrimSpace(out) != strings.TrimSpace(cleanArticle) || errOut != "" {
			t.Errorf("status %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("quotes", func(t *testing.T) {
		out, errOut, code := run(t, "", "quotes", corpus)
		noDiagnostics(t, out)
		if code != 1 || !strings.Contains(errOut, "c-binary") {
			t.Errorf("status %d, stderr %q", code, errOut)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if f := strings.Split(l, "\t"); len(f) != 4 {
				t.Errorf("quotes line %q has %d fields, want 4", l, len(f))
			}
		}
		out, _, _ = run(t, "", "quotes", "--json", corpus)
		if len(jsonLines(t, out)) != 2 {
			t.Errorf("quotes --json: want one quotation per article:\n%s", out)
		}
	})
	t.Run("dups", func(t *testing.T) {
		// a-harbour and the hostile b hold the same article: one pair.
		out, errOut, code := run(t, "", "dups", corpus)
		noDiagnostics(t, out)
		if code != 1 || !strings.Contains(errOut, "c-binary") {
			t.Errorf("status %d, stderr %q: want 1 and the binary file named", code, errOut)
		}
		if !strings.Contains(out, "a-harbour.txt") {
			t.Errorf("the copy was not reported:\n%s", out)
		}
		out, _, _ = run(t, "", "dups", "--json", corpus)
		if recs := jsonLines(t, out); len(recs) != 1 {
			t.Errorf("dups --json: %d pairs, want 1:\n%s", len(recs), out)
		}
		if _, err := os.Stat(filepath.Join(corpus, ".storydesk")); err == nil {
			t.Error("dups left a store in the corpus")
		}
	})
	t.Run("entities", func(t *testing.T) {
		out, errOut, code := run(t, "", "entities", corpus)
		noDiagnostics(t, out)
		if code != 1 || !strings.Contains(errOut, "c-binary") {
			t.Errorf("status %d, stderr %q: want 1 and the binary file named", code, errOut)
		}
		if !strings.Contains(out, "Mara Okafor") || strings.Contains(out, "PWNED") {
			t.Errorf("stdout:\n%q", out)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if f := strings.Split(l, "\t"); len(f) != 5 {
				t.Errorf("entities line %q has %d fields, want 5", l, len(f))
			}
		}
		out, _, _ = run(t, "", "entities", "--json", corpus)
		if len(jsonLines(t, out)) != 2 {
			t.Errorf("entities --json: want one record per article:\n%s", out)
		}
		if _, err := os.Stat(filepath.Join(corpus, ".storydesk")); err == nil {
			t.Error("entities left a store in the corpus")
		}
	})
	t.Run("export", func(t *testing.T) {
		db := filepath.Join(dir, "empty.db")
		out, errOut, code := run(t, "", "export", "--format", "jsonl", "--db", db)
		if code == 0 || out != "" || !strings.Contains(errOut, "no annotation store") {
			t.Errorf("export from a missing store: status %d, stdout %q, stderr %q", code, out, errOut)
		}
		if _, err := os.Stat(db); err == nil {
			t.Error("export created a store")
		}
	})
	t.Run("bad arguments", func(t *testing.T) {
		for _, args := range [][]string{
			{"clean"}, {"clean", "--bogus", corpus}, {"quotes"}, {"quotes", "--json=maybe", corpus},
			{"clean", filepath.Join(dir, "missing")}, {"export"}, {"export", "--format", "xml"},
			{"export", "--format", "brat"}, {"import"}, {"--bogus"}, {"--labels", ",,,", corpus},
			{"dups"}, {"dups", "--threshold", "1.5", corpus}, {"dups", "--threshold", "NaN", corpus},
			{"entities"}, {"entities", "--json=maybe", corpus}, {"train", "--db", filepath.Join(dir, "missing.db")},
		} {
			out, errOut, code := run(t, "", args...)
			if code == 0 || out != "" || strings.TrimSpace(errOut) == "" {
				t.Errorf("%q: status %d, stdout %q, stderr %q: want a non-zero status and a message on stderr only", args, code, out, errOut)
			}
		}
	})
	t.Run("hostile names in messages", func(t *testing.T) {
		// The OS error repeats the name raw ("open NAME: no such file"):
		// stderr must still hold no control (run checks every byte).
		name := filepath.Join(dir, "no \x1b]0;PWNED\x07 such \x1b[2J.jsonl")
		_, errOut, code := run(t, "", "import", "--db", filepath.Join(dir, "h.db"), name)
		if code == 0 || !strings.Contains(errOut, "no such file") || strings.Contains(errOut, "]0;") {
			t.Errorf("status %d, stderr %q", code, errOut)
		}
	})
	t.Run("help", func(t *testing.T) {
		for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"export", "--help"}, {"clean", "-h"}} {
			out, errOut, code := run(t, "", args...)
			if code != 0 || errOut != "" || !strings.Contains(out, "Usage") {
				t.Errorf("%q: status %d, stdout %q, stderr %q: want the usage on stdout and status 0", args, code, out, errOut)
			}
		}
	})
	t.Run("a mistyped command", func(t *testing.T) {
		for typo, want := range map[string]string{"dup": "dups", "exprot": "export", "quote": "quotes", "claen": "clean", "imp": "import"} {
			out, errOut, code := run(t, "", typo, corpus)
			if code != 2 || out != "" || !strings.Contains(errOut, "did you mean "+want+"?") {
				t.Errorf("%s: status %d, stdout %q, stderr %q: want status 2 and a suggestion of %s", typo, code, out, errOut, want)
			}
		}
		// A file that happens to be named like a command is opened, not
		// corrected (the reader then wants a terminal).
		writeFile(t, filepath.Join(dir, "dup"), cleanArticle)
		cmd := exec.Command(bin, "dup")
		cmd.Dir = dir
		cmd.Env = []string{"CI=true", "HOME=" + home, "PATH=" + os.Getenv("PATH")}
		if out, _ := cmd.CombinedOutput(); strings.Contains(string(out), "did you mean") || !strings.Contains(string(out), "needs a terminal") {
			t.Errorf("a file named dup: %s", out)
		}
	})
	t.Run("reader without a terminal", func(t *testing.T) {
		for _, args := range [][]string{{corpus}, {}, {"-"}} {
			out, errOut, code := run(t, cleanArticle, args...)
			if code == 0 || out != "" || !strings.Contains(errOut, "needs a terminal") {
				t.Errorf("%q: status %d, stdout %q, stderr %q: want a refusal that says a terminal is needed", args, code, out, errOut)
			}
		}
	})
}

// jsonLines parses every line of out as a JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("stdout line %q is not JSON: %v", sc.Text(), err)
		}
		recs = append(recs, m)
	}
	return recs
}
