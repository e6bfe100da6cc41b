package fuzzy

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// rank orders texts by Score, best first, ties in the order given.
func rank(pattern string, texts []string) []string {
	type hit struct {
		text  string
		score int
	}
	var hits []hit
	for _, t := range texts {
		if s, ok := Score(pattern, strings.ToLower(t)); ok {
			hits = append(hits, hit{t, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.text
	}
	return out
}

func TestScoreMatchesInOrderOnly(t *testing.T) {
	for _, c := range []struct {
		p, text string
		ok      bool
	}{
		{"rvr", "river", true},
		{"river", "the river rises", true},
		{"rvi", "river", false},
		{"", "anything", true},
		{"zoë", "la zoë ng", true},
		{"zoe", "la zoë ng", false},
		{"kraków", "in kraków today", true},
	} {
		if _, ok := Score(c.p, c.text); ok != c.ok {
			t.Errorf("Score(%q, %q) ok = %v, want %v", c.p, c.text, ok, c.ok)
		}
	}
}

// Ranked as fzf ranks: a contiguous match at a word start first, then
// the letters at word starts, then contiguous inside a word, then
// scattered letters.
func TestScoreRanksLikeFzf(t *testing.T) {
	got := rank("vote", []string{
		"Marvel hotel reopens",       // scattered inside words
		"Devoted fans return",        // contiguous, inside a word
		"Parliament holds wind vote", // contiguous, word start
		"Very old tales emerge",      // word starts v… o… t… e…
	})
	want := []string{"Parliament holds wind vote", "Very old tales emerge", "Devoted fans return", "Marvel hotel reopens"}
	if !slices.Equal(got, want) {
		t.Errorf("vote:\n got %q\nwant %q", got, want)
	}
	// Word starts beat a contiguous run inside a word.
	got = rank("ct", []string{"Factory output", "City transit plan"})
	if got[0] != "City transit plan" {
		t.Errorf("ct: %q", got)
	}
	// The best occurrence counts, not the first: "ferry" at a word start
	// late in the title beats the same letters spread early on.
	a, _ := Score("ferry", "fair weather reroutes year: ferry back")
	b, _ := Score("ferry", "fair weather reroutes year")
	if a <= b {
		t.Errorf("a later contiguous occurrence should score higher: %d vs %d", a, b)
	}
}

func TestParse(t *testing.T) {
	q, problem := Parse("harbour 'ferry -strike outlet:BBC date:2025-09..2025-10 label:person status:done has:quotes dup: -label:org Update:")
	if problem != "" {
		t.Fatalf("problem %q", problem)
	}
	terms := []Term{{Text: "harbour"}, {Text: "ferry", Exact: true}, {Text: "strike", Exact: true, Negate: true}, {Text: "update:"}}
	if !slices.Equal(q.Terms, terms) {
		t.Errorf("terms %+v", q.Terms)
	}
	var fields []string
	for _, f := range q.Fields {
		fields = append(fields, f.String())
	}
	want := []string{"outlet:bbc", "date:2025-09..2025-10", "label:PERSON", "status:done", "has:quotes", "dup:", "-label:ORG"}
	if !slices.Equal(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if q.Fields[1].Lo != "2025-09" || q.Fields[1].Hi != "2025-10" {
		t.Errorf("range %+v", q.Fields[1])
	}
	for in, want := range map[string]string{
		"status:finished": "status: new, in-progress or done",
		"has:pictures":    "has: quotes or labels",
		"date:last-week":  "date: YYYY",
		"date:2025-9":     "date: YYYY",
	} {
		if q, p := Parse(in); !strings.HasPrefix(p, want) || len(q.Fields) != 0 {
			t.Errorf("%s: problem %q, fields %v", in, p, q.Fields)
		}
	}
}

func TestInDates(t *testing.T) {
	for _, c := range []struct {
		date, v string
		want    bool
	}{
		{"2025-09-14", "2025-09", true},
		{"2025-09-14T08:00:00Z", "2025-09..2025-10", true},
		{"2025-10-31", "2025-09..2025-10", true},
		{"2025-11-01", "2025-09..2025-10", false},
		{"2025-08-31", "2025-09..", false},
		{"2026-01-02", "2025-09..", true},
		{"2024-12-31", "..2025-06", true},
		{"2025", "2025-09", false}, // a year alone is not in one of its months
		{"", "2025", false},
		{"14 Sep 2025", "2025", false}, // not ISO: no date to compare
	} {
		lo, hi, ok := DateRange(c.v)
		if !ok {
			t.Fatalf("DateRange(%q)", c.v)
		}
		if got := InDates(c.date, lo, hi); got != c.want {
			t.Errorf("InDates(%q, %q) = %v", c.date, c.v, got)
		}
	}
}

// An ASCII pattern is found byte by byte; the rune path agrees.
func TestWindowASCIIAndRunePathsAgree(t *testing.T) {
	for _, c := range [][2]string{{"vote", "devoted to the wind vote"}, {"ab", "xaxbxab"}, {"zk", "zürich kraków"}, {"rr", "kraków river"}, {"xq", "kraków"}} {
		s1, e1, ok1 := window(c[0], c[1])
		s2, e2, ok2 := windowRunes(c[0], c[1])
		if s1 != s2 || e1 != e2 || ok1 != ok2 {
			t.Errorf("%q in %q: bytes %d–%d %v, runes %d–%d %v", c[0], c[1], s1, e1, ok1, s2, e2, ok2)
		}
	}
}
