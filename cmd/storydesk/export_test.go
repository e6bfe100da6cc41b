package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/model"
)

// exportFixture makes a corpus of two articles and a store in which the
// first has one entity.
func exportFixture(t *testing.T) (dir, corpusDir, db string) {
	t.Helper()
	dir = t.TempDir()
	corpusDir = filepath.Join(dir, "corpus")
	writeFile(t, filepath.Join(corpusDir, "a.txt"), cleanArticle)
	writeFile(t, filepath.Join(corpusDir, "b.txt"), "Shipping companies in Port Ellis said the first vessels would be unloaded on Tuesday morning.\n")
	c, err := corpus.Open([]string{corpusDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	db = filepath.Join(dir, "ann.db")
	s, err := store.OpenSQLite(db, "tester")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := strings.Index(a.Text, "Mara Okafor")
	start := model.RuneLen(a.Text[:b])
	sp := model.Span{Start: start, End: start + 11, Label: "PERSON", Text: "Mara Okafor"}
	if _, err := s.Do(context.Background(), store.Action{Name: "tag", Article: a, Ops: []store.Op{{Kind: store.OpAddSpan, Article: a.ID, Span: sp}}}); err != nil {
		t.Fatal(err)
	}
	return dir, corpusDir, db
}

func TestExportAndImportCommands(t *testing.T) {
	dir, corpus, db := exportFixture(t)
	runOK := func(args ...string) (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(args, strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	all, msg := runOK("export", "--format", "jsonl", "--db", db)
	if strings.Count(all, "\n") != 1 || !strings.Contains(all, `"label":"PERSON","text":"Mara Okafor"`) {
		t.Errorf("store export: %s", all)
	}
	if !strings.Contains(msg, "exported 1 articles (1 entities, 0 quotations)") {
		t.Errorf("summary: %q", msg)
	}
	withCorpus, _ := runOK("export", "--format", "jsonl", "--db", db, "--all-articles", corpus)
	if strings.Count(withCorpus, "\n") != 2 || !strings.Contains(withCorpus, `"id":"b.txt"`) {
		t.Errorf("--all-articles: %s", withCorpus)
	}

	// Round trip through a file and a fresh store.
	file := filepath.Join(dir, "export.jsonl")
	runOK("export", "--format", "jsonl", "--db", db, "--out", file)
	fresh := filepath.Join(dir, "fresh.db")
	// Into the same annotator's layer: each record names its layer.
	_, msg = runOK("import", "--db", fresh, "--annotator", "tester", file)
	if !strings.Contains(msg, "imported 1 records") {
		t.Errorf("import summary: %q", msg)
	}
	again, _ := runOK("export", "--format", "jsonl", "--db", fresh)
	if again != all {
		t.Errorf("round trip:\n%s\n%s", all, again)
	}

	// Directory formats.
	runOK("export", "--format", "brat", "--db", db, "--out", filepath.Join(dir, "brat"))
	if _, err := os.Stat(filepath.Join(dir, "brat", "a.txt.ann")); err != nil {
		t.Errorf("brat: %v", err)
	}
	runOK("export", "--format", "csv", "--db", db, "--out", filepath.Join(dir, "csv"))
	for _, f := range []string{"quotes.csv", "clusters.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "csv", f)); err != nil {
			t.Errorf("csv: %v", err)
		}
	}
}

func TestExportImportCommandErrors(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // import reads the annotator from the config
	dir, _, db := exportFixture(t)
	for _, args := range [][]string{
		{"export", "--db", db},                            // no format
		{"export", "--format", "xml", "--db", db},         // unknown format
		{"export", "--format", "brat", "--db", db},        // no --out for a directory format
		{"export", "--format", "jsonl", "--all-articles"}, // no corpus
		{"import"}, // no file
		{"export", "--format", "jsonl", "--db", db, "--nope"}, // unknown flag
	} {
		var out, errOut bytes.Buffer
		if err := run(args, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("%v: want a usage error, got %v", args, err)
		}
	}
	// A mistyped --db is reported, and not created.
	missing := filepath.Join(dir, "missing.db")
	err := run([]string{"export", "--format", "jsonl", "--db", missing}, strings.NewReader(""), new(bytes.Buffer), new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), "no annotation store") {
		t.Errorf("missing store: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export created a store")
	}
	// Bad import lines: named with file and line, the rest imported, exit 1.
	bad := filepath.Join(dir, "bad.jsonl")
	writeFile(t, bad, `{"id":"x","text":"Mara Okafor","spans":[{"start":0,"end":4,"label":"PERSON","text":"Mara"}]}`+"\n"+
		`{"id":"y","text":"Mara Okafor","spans":[{"start":0,"end":4,"label":"PERSON","text":"Okaf"}]}`+"\n")
	var errOut bytes.Buffer
	err = run([]string{"import", "--db", filepath.Join(dir, "b.db"), bad}, strings.NewReader(""), new(bytes.Buffer), &errOut)
	if !errors.Is(err, errSkipped) || !strings.Contains(errOut.String(), "bad.jsonl:2: spans[0]: text") || !strings.Contains(errOut.String(), "imported 1 records") {
		t.Errorf("bad import: %v\n%s", err, errOut.String())
	}
}

// brat through the commands: export, import into a fresh store (the same
// entities), bad lines named by file and line with exit status 1, and the
// default store of a brat folder is the one `storydesk FOLDER` opens.
func TestImportBratCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir, _, db := exportFixture(t)
	brat := filepath.Join(dir, "brat")
	var out, errOut bytes.Buffer
	if err := run([]string{"export", "--format", "brat", "--db", db, "--out", brat}, nil, &out, &errOut); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	fresh := filepath.Join(dir, "fresh.db")
	errOut.Reset()
	if err := run([]string{"import", "--db", fresh, brat}, nil, &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "imported 1 brat documents from "+brat+" into "+fresh+" (1 entities, 0 quotations)") ||
		!strings.Contains(errOut.String(), "open with: storydesk --db "+fresh) {
		t.Errorf("summary: %q", errOut.String())
	}
	s, err := store.OpenSQLite(fresh, osUser()) // imported into the user's layer
	if err != nil {
		t.Fatal(err)
	}
	doc, ok, err := s.Doc(context.Background(), "a.txt.txt")
	s.Close()
	if err != nil || !ok || len(doc.Spans) != 1 || doc.Spans[0].Text != "Mara Okafor" {
		t.Fatalf("imported: %+v %v %v", doc, ok, err)
	}

	// A bad line: named, the good one imported, exit status 1.
	writeFile(t, filepath.Join(dir, "hand", "x.txt"), "Ilse Varga met Mara Okafor.")
	writeFile(t, filepath.Join(dir, "hand", "x.ann"), "T1\tPERSON 0 10\tIlse Varga\nT2\tPERSON 15 99\tMara Okafor\n")
	errOut.Reset()
	err = run([]string{"import", "--db", fresh, filepath.Join(dir, "hand", "x.ann")}, nil, &out, &errOut)
	if !errors.Is(err, errSkipped) || !strings.Contains(errOut.String(), filepath.Join(dir, "hand", "x.ann")+":2: T2: 15–99 is outside the text") ||
		!strings.Contains(errOut.String(), "imported 1 brat documents") {
		t.Errorf("bad line: %v\n%s", err, errOut.String())
	}
	// No --db: the store `storydesk hand/` uses.
	errOut.Reset()
	err = run([]string{"import", filepath.Join(dir, "hand", "x.ann")}, nil, &out, &errOut)
	if want := filepath.Join(dir, "hand", ".storydesk", "annotations.db"); !errors.Is(err, errSkipped) || !strings.Contains(errOut.String(), "into "+want) {
		t.Errorf("default store: %v\n%s", err, errOut.String())
	}
	// Not a brat file or folder, not JSON lines: refused by name.
	errOut.Reset()
	err = run([]string{"import", "--db", fresh, filepath.Join(dir, "missing")}, nil, &out, &errOut)
	if !errors.Is(err, errSkipped) || !strings.Contains(errOut.String(), "missing") {
		t.Errorf("missing input: %v\n%s", err, errOut.String())
	}
}
