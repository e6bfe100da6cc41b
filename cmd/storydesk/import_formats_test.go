package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An import that finds text but no annotations says so, naming the
// fields it looked for; a doccano file's labels import as entities.
func TestImportSaysWhenNoAnnotations(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.jsonl")
	writeFile(t, raw, `{"text":"Zoë Ng spoke."}`+"\n"+`{"text":"Nothing else."}`+"\n")
	var errOut bytes.Buffer
	if err := run([]string{"import", "--db", filepath.Join(dir, "a.db"), raw}, nil, new(bytes.Buffer), &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "raw.jsonl: found text but no annotations") || !strings.Contains(errOut.String(), `doccano's "label"`) {
		t.Errorf("no word about the missing annotations:\n%s", errOut.String())
	}
	doccano := filepath.Join(dir, "doccano.jsonl")
	writeFile(t, doccano, `{"id":1,"text":"Zoë Ng spoke.","label":[[0,6,"PERSON"]]}`+"\n")
	errOut.Reset()
	if err := run([]string{"import", "--db", filepath.Join(dir, "b.db"), doccano}, nil, new(bytes.Buffer), &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "imported 1 records") || !strings.Contains(errOut.String(), "(1 entities") || strings.Contains(errOut.String(), "no annotations") {
		t.Errorf("doccano import:\n%s", errOut.String())
	}
}

// The reader's default store for a corpus folder is not created by
// opening it (data/store/lazy): nothing is written until the first annotation.
func TestOpenReaderCreatesNoStore(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "xdg"))
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), cleanArticle)
	src, ann, err := openReader([]string{dir}, "", "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ann.Close()
	if src.Len() != 1 || ann.Path() != filepath.Join(dir, ".storydesk", "annotations.db") {
		t.Fatalf("%d items, store %s", src.Len(), ann.Path())
	}
	if _, err := os.Stat(filepath.Join(dir, ".storydesk")); err == nil {
		t.Error("opening the corpus created .storydesk")
	}
	if _, err := os.Stat(os.Getenv("XDG_DATA_HOME")); err == nil {
		t.Error("opening the corpus created the XDG data folder")
	}
}
