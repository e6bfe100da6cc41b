package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// storyRecords runs `storydesk story --json` and decodes its lines.
func storyRecords(t *testing.T, args ...string) ([]map[string]any, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(append([]string{"story", "--json"}, args...), strings.NewReader(""), &out, &errOut)
	var recs []map[string]any
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r map[string]any
		if jerr := json.Unmarshal(sc.Bytes(), &r); jerr != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), jerr)
		}
		recs = append(recs, r)
	}
	return recs, errOut.String(), err
}

// articlesOf maps a story record's article IDs to their records.
func articlesOf(rec map[string]any) map[string]map[string]any {
	m := map[string]map[string]any{}
	for _, a := range rec["articles"].([]any) {
		a := a.(map[string]any)
		m[a["id"].(string)] = a
	}
	return m
}

// idsOf lists the strings of a JSON array.
func idsOf(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// valuesOf maps a discrepancy's values to the articles giving them.
func valuesOf(d map[string]any) map[string][]string {
	m := map[string][]string{}
	for _, v := range d["values"].([]any) {
		v := v.(map[string]any)
		m[v["value"].(string)] = idsOf(v["articles"])
	}
	return m
}

func TestStorySampleCorpus(t *testing.T) {
	// The sample corpus on disk is the one the binary embeds.
	recs, stderr, err := storyRecords(t, filepath.Join("..", "..", "data", "corpus", "sample"))
	if err != nil {
		t.Fatalf("story: %v\n%s", err, stderr)
	}
	// One story of several articles: the ferry disaster. The briefs and the
	// coral pact that mention the ferry are other stories.
	if len(recs) != 1 {
		t.Fatalf("want the ferry story alone, got %d stories", len(recs))
	}
	arts := articlesOf(recs[0])
	var ids []string
	for id := range arts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if want := []string{"wire-ferry-ap.txt", "wire-ferry-changed.txt", "wire-ferry-rewrite.md", "wire-ferry-truncated.txt"}; !slices.Equal(ids, want) {
		t.Fatalf("ferry story = %v, want %v", ids, want)
	}
	rel := func(id string) string { return arts[id]["relation"].(string) + " " + arts[id]["of"].(string) }
	for id, want := range map[string]string{
		"wire-ferry-ap.txt":        "original ",
		"wire-ferry-truncated.txt": "cut wire-ferry-ap.txt",
		"wire-ferry-changed.txt":   "copy wire-ferry-ap.txt",
		"wire-ferry-rewrite.md":    "rewrite wire-ferry-ap.txt",
	} {
		if got := rel(id); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if a := arts["wire-ferry-rewrite.md"]; a["date"] != "2026-03-03" || a["date_guessed"] != false || a["outlet"] != "Halvard Gazette" {
		t.Errorf("the rewrite's metadata: %v", a)
	}
	// The changed figure, with which outlets say which, the rewrite with
	// the wire story.
	found := false
	for _, d := range recs[0]["discrepancies"].([]any) {
		d := d.(map[string]any)
		v := valuesOf(d)
		if d["kind"] == "casualties" && len(v) == 2 {
			found = slices.Equal(v["42"], []string{"wire-ferry-ap.txt", "wire-ferry-truncated.txt", "wire-ferry-rewrite.md"}) &&
				slices.Equal(v["47"], []string{"wire-ferry-changed.txt"})
		}
	}
	if !found {
		t.Errorf("42 vs 47 killed: %v", recs[0]["discrepancies"])
	}
	// The mayor's quotation is carried by all four.
	q := recs[0]["quotes"].([]any)[0].(map[string]any)
	if q["speaker"] != "Ilse Varga" || len(q["carried_by"].([]any)) != 4 {
		t.Errorf("first quotation: %v", q)
	}
}

func TestStorySeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.txt")); len(files) != 5 {
		t.Skip("no seed articles at ../../../shared/seeds (only present in the shared workspace)")
	}
	recs, stderr, err := storyRecords(t, dir)
	if err != nil {
		t.Fatalf("story: %v\n%s", err, stderr)
	}
	if len(recs) != 1 || len(recs[0]["articles"].([]any)) != 5 {
		t.Fatalf("want one story of the five articles, got %d stories", len(recs))
	}
	rec := recs[0]
	arts := articlesOf(rec)
	// The truncated wire copy is a cut of the full wire story: the longest
	// article, and the original of the story.
	var cuts []string
	longest, words := "", 0.0
	for id, a := range arts {
		if a["relation"] == "cut" {
			cuts = append(cuts, id)
		}
		if w := a["words"].(float64); w > words {
			longest, words = id, w
		}
	}
	if len(cuts) != 1 || arts[cuts[0]]["of"] != longest || arts[longest]["relation"] != "original" {
		t.Errorf("cuts %v of %v; want one, of the full wire story %s", cuts, arts, longest)
	}
	// Quotations carried by three or more outlets, with who carried them.
	wide := 0
	for _, q := range rec["quotes"].([]any) {
		q := q.(map[string]any)
		if by := q["carried_by"].([]any); len(by) >= 3 {
			wide++
			for _, c := range by {
				if _, ok := arts[c.(map[string]any)["article"].(string)]; !ok {
					t.Errorf("carrier %v is not in the story", c)
				}
			}
			if q["speaker"] == "" {
				t.Errorf("quotation without speaker: %v", q)
			}
		}
	}
	if wide < 3 {
		t.Errorf("want at least three quotations carried by three or more outlets, got %d", wide)
	}
	// 75 vs 76 killed, with which outlets say which.
	found := false
	for _, d := range rec["discrepancies"].([]any) {
		v := valuesOf(d.(map[string]any))
		if len(v["75"]) == 4 && len(v["76"]) == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("75 vs 76 killed: %v", rec["discrepancies"])
	}
	// What only one outlet has: the UK's suspension, Venezuela's
	// mobilisation.
	var uk, mobilised bool
	for _, p := range rec["unique"].([]any) {
		text := p.(map[string]any)["text"].(string)
		uk = uk || strings.Contains(text, "United Kingdom") && strings.Contains(text, "suspended")
		mobilised = mobilised || strings.Contains(text, "mobilized")
	}
	if !uk || !mobilised {
		t.Errorf("unique passages (UK %v, mobilisation %v): %v", uk, mobilised, rec["unique"])
	}
}

func TestStoryMarkdownAndText(t *testing.T) {
	sample := filepath.Join("..", "..", "data", "corpus", "sample")
	var out, errOut bytes.Buffer
	if err := run([]string{"story", "--markdown", sample}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	for _, want := range []string{"# Ferry capsizes in storm off Veridia, killing at least 42\n", "## Timeline", "## Quotations",
		"## Discrepancies", "### casualties:", "## Only in one article", "## Dropped by cut copies", "## Entities"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	out.Reset()
	if err := run([]string{"story", "--all", sample}, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "wire-ferry-ap.txt\twire-ferry-ap.txt\toriginal\t\t2026-03-03?\t") {
		t.Errorf("first line %q", lines[0])
	}
	// --all: every article, the ferry's four and each other one alone.
	if n := strings.Count(out.String(), "\t"); n != 12*5 {
		t.Errorf("want 12 article lines, got %d tabs:\n%s", n, out.String())
	}
}

func TestStoryExitCodes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), cleanArticle)
	writeFile(t, filepath.Join(dir, "b\x1b[31m.txt"), "\x00\x01\x02binary\x00")
	var out, errOut bytes.Buffer
	err := run([]string{"story", dir}, strings.NewReader(""), &out, &errOut)
	if !errors.Is(err, errSkipped) {
		t.Errorf("a skipped file: want errSkipped (exit 1), got %v", err)
	}
	if !strings.Contains(errOut.String(), "skipped") || strings.ContainsRune(errOut.String(), 0x1b) {
		t.Errorf("stderr names the file, sanitised: %q", errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("one article makes no story of several: %q", out.String())
	}
	for _, args := range [][]string{{"story"}, {"story", "--json", "--markdown", dir}, {"story", "--nope", dir}} {
		errOut.Reset()
		if err := run(args, strings.NewReader(""), &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("%v: want errUsage (exit 2), got %v", args, err)
		}
	}
	if err := run([]string{"story", filepath.Join(dir, "none")}, strings.NewReader(""), &out, &errOut); err == nil || errors.Is(err, errUsage) {
		t.Errorf("nothing to read: want an error, got %v", err)
	}
}
