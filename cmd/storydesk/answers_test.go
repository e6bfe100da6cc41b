package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSaysWhatItDidWithAnswers: a Prodigy file with accept, reject
// and ignore answers is imported, the summary says what became of each,
// and export --rejected writes the rejection back as a reject record.
func TestImportSaysWhatItDidWithAnswers(t *testing.T) {
	dir := t.TempDir()
	text := `"Ilse Varga met Zoë Ng in Port Ellis."`
	file := filepath.Join(dir, "teach.jsonl")
	writeFile(t, file, strings.Join([]string{
		`{"text":` + text + `,"_input_hash":42,"spans":[{"start":0,"end":10,"label":"PERSON"}],"answer":"accept"}`,
		`{"text":` + text + `,"_input_hash":42,"spans":[{"start":25,"end":35,"label":"ORG"}],"answer":"reject"}`,
		`{"text":` + text + `,"_input_hash":42,"spans":[{"start":15,"end":21,"label":"PERSON"}],"answer":"ignore"}`,
	}, "\n")+"\n")
	db := filepath.Join(dir, "t.db")
	var out, errOut bytes.Buffer
	if err := run([]string{"import", "--db", db, file}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"imported 1 records", "(1 entities", "1 answered reject, 1 rejected suggestions stored", "1 answered ignore, skipped"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("summary %q lacks %q", errOut.String(), want)
		}
	}

	out.Reset()
	errOut.Reset()
	if err := run([]string{"export", "--format", "jsonl", "--rejected", "--db", db}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || strings.Contains(lines[0], `"answer"`) ||
		!strings.Contains(lines[1], `"spans":[{"start":25,"end":35,"label":"ORG","text":"Port Ellis"}],"answer":"reject"`) {
		t.Errorf("export --rejected:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "1 rejected suggestions") {
		t.Errorf("export summary: %q", errOut.String())
	}
	errOut.Reset()
	if err := run([]string{"export", "--format", "conll", "--rejected", "--db", db}, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "--rejected is for --format jsonl") {
		t.Errorf("--rejected with conll: %v %q", err, errOut.String())
	}
}
