package clean

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storydesk/model"
)

// TestCleanSeeds runs the cleaner on the shared sample of real scraped
// articles, when present, and checks generic expectations (no text of the
// samples is written here): no furniture left in the body, every long prose
// line kept, a headline found where one exists.
func TestCleanSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed articles at ../../../shared/seeds (only present in the shared workspace)")
	}
	reHandleDate := regexp.MustCompile(`\(@\w+\)\s+\p{L}+\.?\s+\d{1,2},\s+\d{4}`)
	reCopy := regexp.MustCompile(`(?i)^(©|copyright\s+(©\s*)?\d{4})`)
	ctaStarts := []string{"leave a comment", "scroll for next", "sign up", "read more", "click here", "follow us", "share this", "subscribe"}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			raw := model.Sanitize(string(b))
			c := Clean(raw)
			checkInvariants(t, raw, c)
			paras := paragraphsOf(c.Text)
			if len(paras) == 0 {
				t.Fatal("empty body")
			}

			// No furniture left in the body.
			openRun := 0
			for _, p := range paras {
				low := strings.ToLower(p)
				words := model.WordCount(p)
				switch {
				case strings.Contains(low, "all rights reserved") || reCopy.MatchString(p):
					t.Errorf("footer left in text: %.60q", p)
				case strings.Contains(low, "t.co/") || strings.Contains(low, "pic.twitter.com") || reHandleDate.MatchString(p):
					t.Errorf("embedded post left in text: %.60q", p)
				case words <= 8 && hasAnyPrefixWord(low, ctaStarts):
					t.Errorf("call to action left in text: %.60q", p)
				}
				// Related-headline lists: runs of short unterminated lines.
				if !endsSentence(p) && words < 25 {
					openRun++
					if openRun >= 2 {
						t.Errorf("run of headline-like lines left in text, ending %.60q", p)
					}
				} else {
					openRun = 0
				}
			}

			// Every long prose line is kept (the lead may lose its dateline
			// prefix; a standfirst goes to Summary).
			dateline := ""
			for _, r := range c.Removed {
				if r.Reason == model.ReasonDateline {
					dateline = normSpace(r.Text)
				}
			}
			lines := strings.Split(raw, "\n")
			firstLong := len(lines)
			for i, l := range lines {
				l = normSpace(l)
				if model.WordCount(l) < 25 || !endsSentence(l) {
					continue
				}
				firstLong = min(firstLong, i)
				if dateline != "" && strings.HasPrefix(l, dateline) {
					l = strings.TrimSpace(l[len(dateline):])
				}
				if !strings.Contains(c.Text, l) && l != c.Summary {
					t.Errorf("long prose line lost: %.80q", l)
				}
			}

			// A headline exists when, above the first long prose line, there
			// is a title-like line: 5–20 words, no closing full stop, no
			// credit brackets or bars.
			var heads []string
			for _, l := range lines[:firstLong] {
				l = normSpace(l)
				n := model.WordCount(l)
				if n >= 5 && n <= 20 && !endsSentence(l) && !strings.ContainsAny(l, "(|:") {
					heads = append(heads, l)
				}
			}
			switch {
			case len(heads) > 0 && !contains(heads, c.Title):
				t.Errorf("title %q, want one of %q", c.Title, heads)
			case len(heads) == 0 && c.Title != "":
				t.Errorf("title %q invented where no headline exists", c.Title)
			}
		})
	}
}
