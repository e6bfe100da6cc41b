package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// The article-extraction benchmark (present only in the shared workspace):
// whole web pages as plain text, with a hand-made article body for each. The
// measure is the one its scorer (tools/score-clean) uses, so the figures here
// and there agree.

const extractionDir = "../../shared/benchmarks/article-extraction"

type extractionPage struct {
	key, raw, truth string
	heldOut         bool // the third of the pages kept aside while tuning
}

// loadExtraction reads the benchmark's pages (sanitised, as the loader does)
// and truth, or skips the test when the benchmark is absent.
func loadExtraction(tb testing.TB) []extractionPage {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(extractionDir, "truth.json"))
	if err != nil {
		tb.Skipf("no article-extraction benchmark at %s (only present in the shared workspace): %v", extractionDir, err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		tb.Fatal(err)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pages := make([]extractionPage, 0, len(keys))
	for i, k := range keys {
		raw, err := os.ReadFile(filepath.Join(extractionDir, "page-text", k+".txt"))
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, extractionPage{key: k, raw: Sanitize(string(raw)), truth: truth[k].ArticleBody, heldOut: i%3 == 2})
	}
	return pages
}

// shingleTokens splits s into the scorer's tokens: runs of Python's \w
// (letters, numbers, underscore; combining marks split words there).
func shingleTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_') })
}

// shingles counts the 4-grams of tokens of s (a text of fewer than four
// tokens is one shorter shingle).
func shingles(s string) map[string]int {
	toks := shingleTokens(s)
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-3); i++ {
		if i >= len(toks) {
			break
		}
		out[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return out
}

// shingleScore returns true positives, false positives and false negatives
// of pred against truth, normalised to sum 1.
func shingleScore(truth, pred string) (tp, fp, fn float64) {
	t, p := shingles(truth), shingles(pred)
	for k, a := range t {
		b := p[k]
		tp += float64(min(a, b))
		fn += float64(max(0, a-b))
	}
	for k, b := range p {
		fp += float64(max(0, b-t[k]))
	}
	if s := tp + fp + fn; s > 0 {
		return tp / s, fp / s, fn / s
	}
	return 0, 0, 0
}

type extractionScore struct {
	n, np, nr int
	p, r      float64 // sums of per-article precision and recall
}

func (s *extractionScore) add(tp, fp, fn float64) {
	s.n++
	if tp+fp > 0 {
		s.np++
		if fn == 0 && fp == 0 {
			s.p++
		} else {
			s.p += tp / (tp + fp)
		}
	}
	if tp+fn > 0 {
		s.nr++
		if fn == 0 && fp == 0 {
			s.r++
		} else {
			s.r += tp / (tp + fn)
		}
	}
}

// prf returns mean precision, mean recall and the F1 of the two means.
func (s *extractionScore) prf() (p, r, f float64) {
	if s.np > 0 {
		p = s.p / float64(s.np)
	}
	if s.nr > 0 {
		r = s.r / float64(s.nr)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (s *extractionScore) String() string {
	p, r, f := s.prf()
	return fmt.Sprintf("articles %d  precision %.3f  recall %.3f  F1 %.3f", s.n, p, r, f)
}

// TestCleanExtraction scores the cleaner on whole-page text: it must find the
// article body (F1 ≥ 0.90 on the shingle measure). It reports the tuning and
// held-out thirds separately; set STORYDESK_EXTRACTION_OUT to a file to also
// write `storydesk clean --json`-style lines for tools/score-clean.
func TestCleanExtraction(t *testing.T) {
	pages := loadExtraction(t)
	var all, tune, held extractionScore
	var out strings.Builder
	for _, pg := range pages {
		c := Clean(pg.raw)
		checkInvariants(t, pg.raw, c)
		tp, fp, fn := shingleScore(pg.truth, c.Text)
		all.add(tp, fp, fn)
		if pg.heldOut {
			held.add(tp, fp, fn)
		} else {
			tune.add(tp, fp, fn)
		}
		if testing.Verbose() && os.Getenv("STORYDESK_EXTRACTION_PAGES") != "" {
			t.Logf("%.16s tp=%.2f fp=%.2f fn=%.2f held=%v", pg.key, tp, fp, fn, pg.heldOut)
		}
		line, _ := json.Marshal(map[string]string{"id": pg.key, "text": c.Text})
		out.Write(line)
		out.WriteByte('\n')
	}
	t.Logf("all:      %v", &all)
	t.Logf("tuning:   %v", &tune)
	t.Logf("held out: %v", &held)
	if name := os.Getenv("STORYDESK_EXTRACTION_OUT"); name != "" {
		if err := os.WriteFile(name, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, f := all.prf(); f < 0.90 {
		t.Errorf("F1 %.3f on whole-page text, want ≥ 0.90", f)
	}
}

// TestShingleScore pins the measure to hand-computed cases.
func TestShingleScore(t *testing.T) {
	tests := []struct {
		truth, pred string
		tp, fp, fn  float64
	}{
		{"a b c d e", "a b c d e", 1, 0, 0},
		{"a b c d e", "", 0, 0, 1},
		{"a b c d e", "a b c d", 1.0 / 2, 0, 1.0 / 2},               // abcd | bcde
		{"a b c d", "x a b c d", 1.0 / 2, 1.0 / 2, 0},               // abcd | xabc
		{"one two", "one, two!", 1, 0, 0},                           // a short text is one shingle
		{"naïve café x y", "naïve café x y z", 1.0 / 2, 1.0 / 2, 0}, // letters beyond ASCII
		{"a b c d a b c d", "a b c d", 1.0 / 5, 0, 4.0 / 5},         // multiset counts
	}
	for _, tt := range tests {
		tp, fp, fn := shingleScore(tt.truth, tt.pred)
		if !near(tp, tt.tp) || !near(fp, tt.fp) || !near(fn, tt.fn) {
			t.Errorf("shingleScore(%q, %q) = %.3f %.3f %.3f, want %.3f %.3f %.3f", tt.truth, tt.pred, tp, fp, fn, tt.tp, tt.fp, tt.fn)
		}
	}
	var s extractionScore
	s.add(1, 0, 0)
	s.add(0.5, 0.5, 0)
	s.add(0, 0, 1) // empty prediction: counts for recall only, as in the scorer
	if p, r, _ := s.prf(); !near(p, 0.75) || !near(r, 2.0/3) {
		t.Errorf("means p=%.3f r=%.3f, want 0.750 0.667", p, r)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// BenchmarkCleanPages measures cleaning throughput on whole-page text.
func BenchmarkCleanPages(b *testing.B) {
	pages := loadExtraction(b)
	total := 0
	for _, pg := range pages {
		total += len(pg.raw)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, pg := range pages {
			Clean(pg.raw)
		}
	}
}
