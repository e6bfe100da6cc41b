package ner_test

import (
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// FuzzTag tokenizes and tags any string: tokens and entities must be the
// text's own code points, in order, apart; entity scores probabilities.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Colombia's President Gustavo Petro met U.S. officials.",
		"“Petro,” said Sen. Jones Jr. — in Washington, D.C.",
		"東京 👨‍👩‍👧 Zoe\u0308's café @POTUS https://x.com/a).",
		"\xff\xfe'''s s' ...",
		"SEOUL — LEE MEETS XI",
	} {
		f.Add(s)
	}
	m, err := ner.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, ner.Tokenize(s))
		n := model.RuneLen(s)
		prev := 0
		for _, e := range m.Tag(s) {
			if e.Start < prev || e.End <= e.Start || e.End > n {
				t.Fatalf("%q: entity %+v out of order, empty or past the end", s, e)
			}
			if got := model.RuneSlice(s, e.Start, e.End); got != e.Text {
				t.Fatalf("%q: entity %+v slices to %q", s, e, got)
			}
			if !(e.Score >= 0 && e.Score <= 1) {
				t.Fatalf("%q: score %v", s, e.Score)
			}
			prev = e.End
		}
		for _, sent := range ner.Sentences(s) {
			checkTokens(t, s, sent)
		}
		if a, b, ok := ner.Snap(s, 0, n); ok && (a < 0 || b > n || a >= b) {
			t.Fatalf("%q: Snap gave %d %d", s, a, b)
		}
	})
}

// TestEntitiesWellFormed checks the shipped model's output on the fixtures:
// in order, apart, no span ending in a possessive or punctuation.
func TestEntitiesWellFormed(t *testing.T) {
	m, _ := ner.Load()
	for _, d := range readFixtures(t) {
		prev := 0
		for _, e := range m.Tag(d.Text) {
			if e.Start < prev {
				t.Errorf("%s: %q overlaps the entity before it", d.Source, e.Text)
			}
			prev = e.End
			s, en, ok := ner.Snap(d.Text, e.Start, e.End)
			if !ok || s != e.Start || en != e.End {
				t.Errorf("%s: %q is not snapped (%d %d → %d %d)", d.Source, e.Text, e.Start, e.End, s, en)
			}
		}
	}
}
