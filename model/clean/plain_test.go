package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
)

// plainFixture is a hand-written plain-text article in testdata/plain:
// lines starting "~ " are not body (headline, related links), every other
// non-blank line is body.
type plainFixture struct {
	raw         string
	body, noise []string
}

func readPlainFixture(t *testing.T, path string) plainFixture {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f plainFixture
	var raw strings.Builder
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		text, noise := strings.CutPrefix(line, "~ ")
		raw.WriteString(text + "\n")
		switch {
		case strings.TrimSpace(text) == "":
		case noise:
			f.noise = append(f.noise, strings.TrimSpace(text))
		default:
			f.body = append(f.body, strings.TrimSpace(text))
		}
	}
	f.raw = model.Sanitize(raw.String())
	return f
}

// TestPlainBodyLines: on news-like plain text with lists, results tables,
// line-ups, short one-sentence paragraphs and quoted exchanges, every body
// line is kept and every related-headline line removed. The score over all
// fixtures is logged for BENCHMARKS.md.
func TestPlainBodyLines(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "plain", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var bodyKept, body, noiseGone, noise int
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f := readPlainFixture(t, file)
			c := Clean(f.raw)
			checkInvariants(t, f.raw, c)
			kept := map[string]bool{}
			for _, p := range paragraphsOf(c.Text) {
				for _, l := range strings.Split(p, "\n") {
					kept[l] = true
				}
				kept[p] = true
			}
			for _, l := range f.body {
				body++
				if kept[l] || strings.Contains(c.Text, l) {
					bodyKept++
				} else {
					t.Errorf("body line dropped: %q", l)
				}
			}
			for _, l := range f.noise {
				noise++
				if kept[l] {
					t.Errorf("boilerplate line kept: %q", l)
				} else {
					noiseGone++
				}
			}
		})
	}
	t.Logf("body lines kept %d/%d, boilerplate lines removed %d/%d", bodyKept, body, noiseGone, noise)
}

// TestListShapes pins the line tests the list rules rest on.
func TestListShapes(t *testing.T) {
	for _, tc := range []struct {
		text    string
		number  int
		fixture bool
	}{
		{"1. Anna Keller (Germany)", 1, false},
		{"12) Jan Kowal", 12, false},
		{"2024. A year in review", 0, false},
		{"3.5 million people", 0, false},
		{"Rovers v City", 0, true},
		{"Rovers 2-1 Town", 0, true},
		{"County 1 – 4 Rangers", 0, true},
		{"Covid-19 cases rise", 0, false},
		{"The 2020-2021 season", 0, false},
		{"Vote for v", 0, false},
	} {
		if got := listNumber(tc.text); got != tc.number {
			t.Errorf("listNumber(%q) = %d, want %d", tc.text, got, tc.number)
		}
		if got := isFixture(tc.text); got != tc.fixture {
			t.Errorf("isFixture(%q) = %v, want %v", tc.text, got, tc.fixture)
		}
	}
	for label, want := range map[string]bool{"sources:": true, "related stories:": true, "the full list of winners:": false, "women's seeds:": false} {
		if got := furnitureListLabel(label); got != want {
			t.Errorf("furnitureListLabel(%q) = %v, want %v", label, got, want)
		}
	}
}
