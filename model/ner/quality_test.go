package ner_test

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// TestFixtureQuality scores the shipped model on the news fixtures written
// for this project, with exact spans: testdata/news.txt (looked at while
// building the model) and testdata/news-heldout.txt (only ever scored).
// Under -v it prints what it missed (-) and found wrongly (+).
func TestFixtureQuality(t *testing.T) {
	m, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path  string
		floor float64
	}{
		{"testdata/news.txt", 0.88},
		{"testdata/news-heldout.txt", 0.84},
	} {
		docs := readMarked(t, c.path)
		r := ner.Evaluate(m, docs)
		t.Logf("%s, %d docs, exact spans:\n%s", c.path, len(docs), labelTable(r))
		if testing.Verbose() {
			for _, d := range docs {
				logErrors(t, m, d)
			}
		}
		// The floors are below what the shipped model scores, so a
		// regression fails.
		if f := r.All.F1(); f < c.floor {
			t.Errorf("%s: F1 %.1f, want at least %.1f", c.path, 100*f, 100*c.floor)
		}
	}
}

func labelTable(r ner.Report) string {
	s := r.String()
	if i := strings.Index(s, "| label |"); i >= 0 {
		return s[i:]
	}
	return s
}

func logErrors(t *testing.T, m *ner.Model, d ner.Doc) {
	got := m.Tag(d.Text)
	type key struct {
		s, e int
		l    string
	}
	gold := map[key]bool{}
	for _, sp := range d.Spans {
		gold[key{sp.Start, sp.End, sp.Label}] = true
	}
	var lines []string
	for _, e := range got {
		k := key{e.Start, e.End, e.Label}
		if gold[k] {
			delete(gold, k)
			continue
		}
		lines = append(lines, fmt.Sprintf("  + %s %q %.2f", e.Label, e.Text, e.Score))
	}
	for _, sp := range d.Spans {
		if gold[key{sp.Start, sp.End, sp.Label}] {
			lines = append(lines, fmt.Sprintf("  - %s %q", sp.Label, model.RuneSlice(d.Text, sp.Start, sp.End)))
		}
	}
	if len(lines) > 0 {
		t.Logf("%s:\n%s", d.Source, strings.Join(lines, "\n"))
	}
}
