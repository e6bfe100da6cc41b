package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"storydesk/model"
)

// The article-extraction benchmark (present only in the shared workspace):
// whole web pages as plain text, with a hand-made article body for each. The
// measure is the one its scorer (tools/score-clean) uses, so the figures here
// and there agree.

const extractionDir = "../../../shared/benchmarks/article-extraction"

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
		pages = append(pages, extractionPage{key: k, raw: model.Sanitize(string(raw)), truth: truth[k].ArticleBody, heldOut: i%3 == 2})
	}
	return pages
}

// TestCleanExtraction scores the cleaner on whole-page text: it must find the
// article body (F1 ≥ 0.90 on the shingle measure). It reports the tuning and
// held-out thirds separately; set STORYDESK_EXTRACTION_OUT to a file to also
// write `storydesk clean --json`-style lines for tools/score-clean.
func TestCleanExtraction(t *testing.T) {
	pages := loadExtraction(t)
	var all, tune, held ExtractionScore
	var out strings.Builder
	for _, pg := range pages {
		c := Clean(pg.raw)
		checkInvariants(t, pg.raw, c)
		tp, fp, fn := ShingleScore(pg.truth, c.Text)
		all.Add(tp, fp, fn)
		if pg.heldOut {
			held.Add(tp, fp, fn)
		} else {
			tune.Add(tp, fp, fn)
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
	if _, _, f := all.PRF(); f < 0.90 {
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
		tp, fp, fn := ShingleScore(tt.truth, tt.pred)
		if !near(tp, tt.tp) || !near(fp, tt.fp) || !near(fn, tt.fn) {
			t.Errorf("ShingleScore(%q, %q) = %.3f %.3f %.3f, want %.3f %.3f %.3f", tt.truth, tt.pred, tp, fp, fn, tt.tp, tt.fp, tt.fn)
		}
	}
	var s ExtractionScore
	s.Add(1, 0, 0)
	s.Add(0.5, 0.5, 0)
	s.Add(0, 0, 1) // empty prediction: counts for recall only, as in the scorer
	if p, r, _ := s.PRF(); !near(p, 0.75) || !near(r, 2.0/3) {
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
