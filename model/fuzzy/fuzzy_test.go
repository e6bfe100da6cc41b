package fuzzy

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
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

// scoreSimple is Score without its shortcuts: the first window, then every
// contiguous occurrence (up to eight) searched from the text's start.
func scoreSimple(pattern, text string) (int, bool) {
	if pattern == "" {
		return 0, true
	}
	start, end, ok := windowRunes(pattern, text)
	if !ok {
		return 0, false
	}
	best := windowScoreSimple(pattern, text, start, end)
	if end-start == len(pattern) && (start == 0 || text[start-1] == ' ') {
		return best, true
	}
	from := 0
	for k := 0; k < 8; k++ {
		i := strings.Index(text[from:], pattern)
		if i < 0 {
			break
		}
		i += from
		best = max(best, windowScoreSimple(pattern, text, i, i+len(pattern)))
		_, n := utf8.DecodeRuneInString(text[i:])
		from = i + n
	}
	return best, true
}

// Score agrees with the simple version on random texts over a small
// alphabet (so patterns recur, contiguous and scattered, many times).
func TestScoreAgreesWithSimple(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	alpha := []string{"a", "b", "r", "h", " ", "-", "/", "é", "ß", "1", "A"}
	str := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alpha[rng.IntN(len(alpha))])
		}
		return strings.ToLower(b.String())
	}
	for range 200_000 {
		p, text := str(1+rng.IntN(4)), str(rng.IntN(40))
		s1, ok1 := Score(p, text)
		s2, ok2 := scoreSimple(p, text)
		if s1 != s2 || ok1 != ok2 {
			t.Fatalf("Score(%q, %q) = %d %v, simple %d %v", p, text, s1, ok1, s2, ok2)
		}
	}
}

// windowScoreSimple is windowScore a character at a time (as fzf's
// calculateScore reads it), for the tests.
// It was: fzf's calculateScore over text[start:end], which holds the
// pattern's runes in order (matched greedily from start).
func windowScoreSimple(pattern, text string, start, end int) int {
	prev := charWhite
	if start > 0 {
		if c := text[start-1]; c < utf8.RuneSelf {
			prev = asciiClass[c]
		} else {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			prev = classOf(r)
		}
	}
	score, consecutive, firstBonus := 0, 0, 0
	inGap := false
	p := 0
	for i := start; i < end; {
		var r rune
		var class charClass
		if c := text[i]; c < utf8.RuneSelf {
			r, class = rune(c), asciiClass[c]
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(text[i:])
			class = classOf(r)
			i += n
		}
		if p < len(pattern) {
			pr, pn := rune(pattern[p]), 1
			if pr >= utf8.RuneSelf {
				pr, pn = utf8.DecodeRuneInString(pattern[p:])
			}
			if r == pr {
				score += scoreMatch
				bonus := bonusTable[prev][class]
				if consecutive == 0 {
					firstBonus = bonus
				} else {
					if bonus >= bonusBoundary && bonus > firstBonus {
						firstBonus = bonus
					}
					bonus = max(bonus, firstBonus, bonusConsecutive)
				}
				if p == 0 {
					score += bonus * bonusFirstCharMult
				} else {
					score += bonus
				}
				inGap = false
				consecutive++
				p += pn
				prev = class
				continue
			}
		}
		if inGap {
			score += scoreGapExtension
		} else {
			score += scoreGapStart
		}
		inGap = true
		consecutive, firstBonus = 0, 0
		prev = class
	}
	return score
}

// MaxScore bounds every score and is reached by the pattern standing
// alone or as a word after a space.
func TestMaxScoreBoundsScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2))
	alpha := []string{"a", "b", "r", "h", " ", "-", "/", "é", "ß", "1", "A", ":"}
	str := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alpha[rng.IntN(len(alpha))])
		}
		return strings.ToLower(b.String())
	}
	for range 200_000 {
		p, text := str(1+rng.IntN(4)), str(rng.IntN(40))
		if s, ok := Score(p, text); ok && s > MaxScore(p) {
			t.Fatalf("Score(%q, %q) = %d above MaxScore %d", p, text, s, MaxScore(p))
		}
	}
	for _, p := range []string{"har", "vote", "é1", "b"} {
		for _, text := range []string{p, "the " + p, "x " + p + " y"} {
			if s, _ := Score(p, text); s != MaxScore(p) {
				t.Errorf("Score(%q, %q) = %d, want MaxScore %d", p, text, s, MaxScore(p))
			}
		}
	}
}
