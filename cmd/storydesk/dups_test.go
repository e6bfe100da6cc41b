package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/dup"
)

// dupsCorpus writes an original story, a copy cut to its first third, a copy
// with two figures changed, another outlet's rewrite that shares only one
// quote with it, and an unrelated article.
func dupsCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(5, 17))
	_, body := gencorpus.Article(r, 500)
	quote := "“Nobody sleeps until the last boat is back in the harbour,” said Ilsa Marren, the harbour master, on the quay."
	original := "Ferry capsizes off Sorn Island\n\n" +
		"At least 42 people were missing after the ferry capsized in a storm late on Sunday, officials said.\n\n" +
		"Crews pulled 118 survivors from the water overnight and resumed the search at first light.\n\n" +
		quote + "\n\n" + body
	paras := strings.Split(strings.TrimSpace(original), "\n\n")
	_, rewriteBody := gencorpus.Article(r, 500)
	_, unrelated := gencorpus.Article(r, 500)
	files := map[string]string{
		"original.txt":  original,
		"truncated.txt": strings.Join(paras[:len(paras)/3], "\n\n") + "\n",
		"changed.txt":   strings.NewReplacer("At least 42", "At least 47", "118 survivors", "121 survivors").Replace(original),
		"rewrite.txt":   "Storm sinks ferry\n\n" + quote + "\n\n" + rewriteBody,
		"unrelated.txt": unrelated,
	}
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	return dir
}

func dupLines(t *testing.T, out []byte) map[[2]string]map[string]any {
	t.Helper()
	recs := map[[2]string]map[string]any{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		recs[[2]string{r["a"].(string), r["b"].(string)}] = r
	}
	return recs
}

func TestDupsJSONFindsCopiesNotTheRewrite(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := dupsCorpus(t)
	var out, errOut bytes.Buffer
	if err := run([]string{"dups", "--json", dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("dups: %v (stderr %q)", err, errOut.String())
	}
	recs := dupLines(t, out.Bytes())
	for k, r := range recs {
		for _, f := range []string{"a", "b", "jaccard", "containment", "a_in_b", "b_in_a", "kind"} {
			if _, ok := r[f]; !ok {
				t.Errorf("%v lacks %q", k, f)
			}
		}
		if c := r["containment"].(float64); c < dup.DefaultThreshold || c != max(r["a_in_b"].(float64), r["b_in_a"].(float64)) {
			t.Errorf("%v: containment %v is not the larger direction, or is under the threshold", k, c)
		}
		if k[0] == "rewrite.txt" || k[1] == "rewrite.txt" || k[0] == "unrelated.txt" || k[1] == "unrelated.txt" {
			t.Errorf("false pair %v", r)
		}
	}
	cut, ok := recs[[2]string{"original.txt", "truncated.txt"}]
	if !ok {
		t.Fatalf("cut copy not found: %s", out.String())
	}
	if cut["b_in_a"].(float64) < 0.95 || cut["a_in_b"].(float64) > 0.5 || cut["kind"] != "near" {
		t.Errorf("the cut copy should be wholly inside the original, not the reverse: %v", cut)
	}
	ch, ok := recs[[2]string{"changed.txt", "original.txt"}]
	if !ok {
		t.Fatalf("changed copy not found: %s", out.String())
	}
	if ch["a_in_b"].(float64) < 0.9 || ch["b_in_a"].(float64) < 0.9 || ch["jaccard"].(float64) >= 1 {
		t.Errorf("the changed copy should nearly match both ways: %v", ch)
	}
	if len(recs) != 3 {
		t.Errorf("want the three pairs among the copies, got %d:\n%s", len(recs), out.String())
	}

	// A threshold low enough finds the rewrite by its shared quote: the
	// default is what keeps it out.
	out.Reset()
	if err := run([]string{"dups", "--json", "--threshold", "0.02", dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if _, ok := dupLines(t, out.Bytes())[[2]string{"original.txt", "rewrite.txt"}]; !ok {
		t.Errorf("at --threshold 0.02 the rewrite's shared quote should show:\n%s", out.String())
	}
}

func TestDupsTableIsReadableAndSafe(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := dupsCorpus(t)
	// A file name carrying a terminal escape: a copy of the original.
	orig, _ := os.ReadFile(filepath.Join(dir, "original.txt"))
	writeFile(t, filepath.Join(dir, "evil\x1b]0;pwned\x07\x1b[2J.txt"), string(orig))
	var out, errOut bytes.Buffer
	if err := run([]string{"dups", dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("dups: %v (stderr %q)", err, errOut.String())
	}
	s := out.String()
	if strings.ContainsAny(s, "\x1b\x07") {
		t.Fatalf("control characters reached stdout: %q", s)
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "a b containment jaccard kind" {
		t.Errorf("header = %q", lines[0])
	}
	// Original, evil copy, cut and changed: six pairs, one exact.
	if len(lines) != 7 {
		t.Fatalf("want a header and six pairs:\n%s", s)
	}
	exact := 0
	col := strings.Index(lines[0], "containment")
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) != 5 {
			t.Errorf("row %q: want 5 columns", l)
			continue
		}
		if f[4] == dup.Exact {
			exact++
		}
		// Columns line up: the score ends where the header's word does.
		if l[col+len("containment")-1] == ' ' {
			t.Errorf("row %q is not aligned with the header", l)
		}
	}
	if exact != 1 {
		t.Errorf("want one exact pair (the renamed copy), got %d:\n%s", exact, s)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr is not a terminal: nothing should be written there, got %q", errOut.String())
	}
}

func TestDupsBadArguments(t *testing.T) {
	dir := dupsCorpus(t)
	for _, args := range [][]string{
		{"dups"},
		{"dups", "--json"},
		{"dups", "--threshold", "0", dir},
		{"dups", "--threshold", "1.5", dir},
		{"dups", "--threshold", "-0.1", dir},
		{"dups", "--threshold", "NaN", dir},
		{"dups", "--threshold", "lots", dir},
		{"dups", "--bogus", dir},
	} {
		var out, errOut bytes.Buffer
		err := run(args, strings.NewReader(""), &out, &errOut)
		if !errors.Is(err, errUsage) {
			t.Errorf("%q: err = %v, want a usage error (exit 2)", args, err)
		}
		if out.Len() != 0 {
			t.Errorf("%q wrote to stdout: %q", args, out.String())
		}
		if errOut.Len() == 0 {
			t.Errorf("%q: stderr should say what is wrong", args)
		}
	}
}

func TestDupsSkippedInputsExitOne(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := dupsCorpus(t)
	writeFile(t, filepath.Join(dir, "binary.txt"), "\x00\x01\x02binary\x00")
	var out, errOut bytes.Buffer
	err := run([]string{"dups", "--json", dir}, strings.NewReader(""), &out, &errOut)
	if !errors.Is(err, errSkipped) {
		t.Errorf("err = %v, want errSkipped", err)
	}
	if !strings.Contains(errOut.String(), "binary.txt") {
		t.Errorf("stderr should name the skipped file: %q", errOut.String())
	}
	if len(dupLines(t, out.Bytes())) != 3 {
		t.Errorf("the rest should still be compared:\n%s", out.String())
	}
}

// storeSignatures counts the corpus's texts whose signatures are in the store.
func storeSignatures(t *testing.T, dbPath, dir string) int {
	t.Helper()
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for i := range c.Items {
		a, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, model.HashText(a.Text))
	}
	s, err := store.OpenSQLite(dbPath, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Signatures(context.Background(), dup.SignatureVersion, hashes)
	if err != nil {
		t.Fatal(err)
	}
	return len(got)
}

func TestDupsCachesOnlyInAStoreThatExistsOrIsNamed(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_DATA_HOME", xdg)
	dir := dupsCorpus(t)
	var out, errOut bytes.Buffer
	if err := run([]string{"dups", "--json", dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".storydesk")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("dups made a store folder in the corpus (%v)", err)
	}
	if ents, _ := os.ReadDir(xdg); len(ents) != 0 {
		t.Errorf("dups wrote under XDG_DATA_HOME: %v", ents)
	}
	want := out.String()

	// --db names a store: it is created and filled.
	db := filepath.Join(t.TempDir(), "cache.db")
	out.Reset()
	if err := run([]string{"dups", "--json", "--db", db, dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("--db changed the output:\n%s\nwant\n%s", out.String(), want)
	}
	if n := storeSignatures(t, db, dir); n != 5 {
		t.Errorf("--db store holds %d of 5 signatures", n)
	}

	// The corpus's own store, once it exists, is used as the cache.
	c, _ := corpus.Open([]string{dir}, nil)
	def := store.DefaultPath(c)
	s, err := store.OpenSQLite(def, "test")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	out.Reset()
	if err := run([]string{"dups", "--json", dir}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("the default store changed the output")
	}
	if n := storeSignatures(t, def, dir); n != 5 {
		t.Errorf("default store holds %d of 5 signatures", n)
	}

	// A --db that cannot be opened is an error, not a silent fallback.
	bad := filepath.Join(t.TempDir(), "not-a-db")
	writeFile(t, bad, "this is not a SQLite database, and storydesk must not overwrite it")
	out.Reset()
	if err := run([]string{"dups", "--db", bad, dir}, strings.NewReader(""), &out, &errOut); err == nil || errors.Is(err, errUsage) {
		t.Errorf("unusable --db: err = %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("unusable --db wrote to stdout: %q", out.String())
	}
}
