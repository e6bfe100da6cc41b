package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
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
	if err := run([]string{"quotes"}, nil, &out, &errOut); !errors.Is(err, errUsage) {
		t.Fatalf("quotes with no path: %v", err)
	}
}
