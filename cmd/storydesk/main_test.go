package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"storydesk/data/store"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const cleanArticle = "Harbour workers in Port Ellis voted on Monday to end a strike that had closed the docks for nine days.\n\n" +
	"“We have what we came for,” said Mara Okafor, who leads the dockers' union.\n\n" +
	"Shipping companies said the first vessels would be unloaded on Tuesday morning.\n"

func TestCleanJSONOffsetsAreCodePointsIntoRaw(t *testing.T) {
	dir := t.TempDir()
	raw := "World\n\n" + cleanArticle + "\n© 2026 The Harbour Times. All rights reserved.\n"
	writeFile(t, filepath.Join(dir, "a.txt"), raw)
	writeFile(t, filepath.Join(dir, "b.txt"), cleanArticle)
	writeFile(t, filepath.Join(dir, "bin.txt"), "\x00\x01\x02binary\x00")

	var out, errOut bytes.Buffer
	err := run([]string{"clean", "--json", dir}, strings.NewReader(""), &out, &errOut)
	if !errors.Is(err, errSkipped) {
		t.Fatalf("want errSkipped for the binary file, got %v", err)
	}
	if !strings.Contains(errOut.String(), "bin.txt") {
		t.Errorf("stderr should name the skipped file, got %q", errOut.String())
	}
	recs := map[string]map[string]any{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		recs[r["id"].(string)] = r
	}
	if len(recs) != 2 {
		t.Fatalf("want 2 records (a.txt, b.txt), got %d: %v", len(recs), out.String())
	}
	for _, k := range []string{"id", "path", "title", "byline", "text", "removed"} {
		if _, ok := recs["a.txt"][k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	if got := recs["b.txt"]["text"]; got != strings.TrimSpace(cleanArticle) {
		t.Errorf("a clean article must come out unchanged:\n got %q\nwant %q", got, strings.TrimSpace(cleanArticle))
	}
	text := recs["a.txt"]["text"].(string)
	if strings.Contains(text, "All rights reserved") || strings.HasPrefix(text, "World") {
		t.Errorf("noise left in text: %q", text)
	}
	removed := recs["a.txt"]["removed"].([]any)
	if len(removed) == 0 {
		t.Fatal("expected removed ranges for the section label and footer")
	}
	runes := []rune(raw)
	for _, r := range removed {
		m := r.(map[string]any)
		s, e := int(m["start"].(float64)), int(m["end"].(float64))
		if s < 0 || e > len(runes) || s >= e {
			t.Fatalf("range %d..%d outside raw text of %d code points", s, e, len(runes))
		}
		if got := string(runes[s:e]); got != m["text"] {
			t.Errorf("removed range %d..%d slices to %q, record says %q", s, e, got, m["text"])
		}
		if m["reason"] == "" {
			t.Errorf("removed range without a reason: %v", m)
		}
	}
}

func TestCleanPlainAndUsage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "only.txt"), cleanArticle)
	var out, errOut bytes.Buffer
	if err := run([]string{"clean", filepath.Join(dir, "only.txt")}, nil, &out, &errOut); err != nil {
		t.Fatalf("clean: %v (%s)", err, errOut.String())
	}
	if strings.TrimSpace(out.String()) != strings.TrimSpace(cleanArticle) {
		t.Errorf("plain clean output:\n%q", out.String())
	}
	if !utf8.Valid(out.Bytes()) {
		t.Error("output is not UTF-8")
	}
	out.Reset()
	errOut.Reset()
	if err := run([]string{"clean"}, nil, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("clean with no path: want usage error, got %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("usage errors must not write to stdout: %q", out.String())
	}
	if err := run([]string{"clean", "--bogus", dir}, nil, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("unknown flag: want usage error, got %v", err)
	}
}

func TestQuotesJSON(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "q.txt"), cleanArticle)
	var out, errOut bytes.Buffer
	if err := run([]string{"quotes", "--json", dir}, nil, &out, &errOut); err != nil {
		t.Fatalf("quotes: %v (%s)", err, errOut.String())
	}
	var rec map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(out.Bytes()), &rec); err != nil {
		t.Fatalf("want one JSON line, got %q: %v", out.String(), err)
	}
	if rec["article"] != "q.txt" || rec["speaker"] != "Mara Okafor" || rec["cue"] != "said" || rec["text"] != "We have what we came for" {
		t.Fatalf("record %v", rec)
	}
	start, end := int(rec["start"].(float64)), int(rec["end"].(float64))
	text := strings.TrimSpace(cleanArticle)
	if got := string([]rune(text)[start:end]); got != rec["text"] {
		t.Fatalf("offsets %d..%d slice the cleaned text to %q", start, end, got)
	}
	// the speaker's mention and the cue, by their offsets
	for _, f := range []struct{ start, end, want string }{{"speaker_start", "speaker_end", "Mara Okafor"}, {"cue_start", "cue_end", "said"}} {
		s, ok1 := rec[f.start].(float64)
		e, ok2 := rec[f.end].(float64)
		if !ok1 || !ok2 {
			t.Fatalf("record %v has no %s/%s", rec, f.start, f.end)
		}
		if got := string([]rune(text)[int(s):int(e)]); got != f.want {
			t.Fatalf("%s..%s slice the cleaned text to %q, want %q", f.start, f.end, got, f.want)
		}
	}
	if err := run([]string{"quotes"}, nil, &out, &errOut); !errors.Is(err, errUsage) {
		t.Fatalf("quotes with no path: %v", err)
	}
}

// prodigyLines are Prodigy records with no file behind them: only a text,
// an _input_hash and spans (emoji, CJK, a decomposed accent).
const prodigyLines = `{"text":"Zoe\u0301 Ng 👩‍👩‍👧 met 小池百合子 in 東京都 on Monday.","_input_hash":42,"spans":[{"start":0,"end":7,"label":"PERSON","text":"Zoe\u0301 Ng"},{"start":18,"end":23,"label":"PERSON","text":"小池百合子"},{"start":27,"end":30,"label":"GPE","text":"東京都"}],"meta":{"title":"Tokyo visit"}}
{"text":"Ilse Varga 😀 reopened the harbour in Port Ellis.","_input_hash":7,"spans":[{"start":0,"end":10,"label":"PERSON","text":"Ilse Varga"},{"start":37,"end":47,"label":"GPE","text":"Port Ellis"}]}
`

// `storydesk --db X.db` with no PATH opens the store's snapshots; with a
// PATH, or without --db, the corpus (or the sample) as before.
func TestReaderOpensTheStoreWithoutPaths(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "prodigy.jsonl")
	writeFile(t, in, prodigyLines)
	db := filepath.Join(dir, "imported.db")
	var out, errOut bytes.Buffer
	if err := run([]string{"import", "--db", db, "--annotator", "t", in}, nil, &out, &errOut); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "open with: storydesk --db "+db+"\n") {
		t.Errorf("no hint to open the store: %q", errOut.String())
	}

	src, ann, err := openReader(nil, db, "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ann.Close()
	if src.Len() != 2 || src.Label() != "imported.db" || ann.Path() != db {
		t.Fatalf("store corpus: %d items, label %q, store %s", src.Len(), src.Label(), ann.Path())
	}
	a, err := src.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	doc, ok, err := ann.Doc(context.Background(), a.ID)
	if err != nil || !ok || a.ID != "prodigy:42" || a.Title != "Tokyo visit" {
		t.Fatalf("first article %+v (%v %v)", a, ok, err)
	}
	if len(doc.Spans) != 3 {
		t.Fatalf("spans %+v", doc.Spans)
	}
	for _, sp := range doc.Spans {
		if got := string([]rune(a.Text)[sp.Start:sp.End]); got != sp.Text {
			t.Errorf("span %d–%d slices the opened text to %q, not %q", sp.Start, sp.End, got, sp.Text)
		}
	}

	// A mistyped --db is refused and not created.
	missing := filepath.Join(dir, "typo.db")
	if _, _, err := openReader(nil, missing, "t", nil); err == nil || !strings.Contains(err.Error(), "no annotation store at "+missing) {
		t.Errorf("missing store: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a missing store was created")
	}
	// An empty store says so.
	empty := filepath.Join(dir, "empty.db")
	if s, err := store.OpenSQLite(empty, "t"); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	if _, _, err := openReader(nil, empty, "t", nil); err == nil || !strings.Contains(err.Error(), "holds no articles") {
		t.Errorf("empty store: %v", err)
	}
	// PATHs with --db: the corpus, writing to that store.
	corpus := filepath.Join(dir, "corpus")
	writeFile(t, filepath.Join(corpus, "a.txt"), cleanArticle)
	src2, store2, err := openReader([]string{corpus}, db, "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	if src2.Len() != 1 || src2.Item(0).ID != "a.txt" || store2.Path() != db {
		t.Errorf("corpus with --db: %d items, store %s", src2.Len(), store2.Path())
	}
	// No PATH and no --db: the embedded sample corpus, as always.
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	src3, store3, err := openReader(nil, "", "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store3.Close()
	if src3.Label() != "sample corpus" || src3.Len() == 0 || !strings.HasPrefix(store3.Path(), filepath.Join(dir, "xdg")) {
		t.Errorf("no arguments: %q (%d items), store %s", src3.Label(), src3.Len(), store3.Path())
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/a.db":       "/tmp/a.db",
		"my notes/a.db":   "'my notes/a.db'",
		"it's.db":         `'it'\''s.db'`,
		"a\x1b[2J.db":     "a.db",
		"":                "''",
		"$HOME/x;rm -rf":  "'$HOME/x;rm -rf'",
		"C:/data/ann.db":  "C:/data/ann.db",
		"~user/ann.db":    "'~user/ann.db'",
		"ümlaut/ann.db":   "'ümlaut/ann.db'",
		"a\tb\nc/ann.db":  "'a b c/ann.db'",
		"plain-name_1.db": "plain-name_1.db",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
