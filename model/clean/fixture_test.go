package clean

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
)

var update = flag.Bool("update", false, "rewrite testdata/clean/*.want from the cleaner's output (review the diff!)")

// renderCleaned is the reviewable form of a Cleaned kept in .want files.
func renderCleaned(c Cleaned) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nsummary: %s\nbyline: %s\ndateline: %s\n", c.Title, c.Summary, c.Byline, c.Dateline)
	for _, r := range c.Removed {
		fmt.Fprintf(&b, "removed %d-%d %s: %s\n", r.Start, r.End, r.Reason, normSpace(r.Text))
	}
	b.WriteString("---- text\n")
	b.WriteString(c.Text)
	b.WriteString("\n")
	return b.String()
}

// TestCleanFixtures compares the cleaner's output on hand-written articles
// (testdata/clean/NAME.txt) with the reviewed expectation in NAME.want.
func TestCleanFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "clean", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			raw := model.Sanitize(string(b))
			c := Clean(raw)
			checkInvariants(t, raw, c)
			got := renderCleaned(c)
			wantFile := strings.TrimSuffix(f, ".txt") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it, then review)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", wantFile, got, want)
			}
		})
	}
}
