package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/clean"
)

// TestHTMLExtraction scores the whole HTML path (gzip, charset, trafilatura,
// sanitiser, cleaner) on the shared article-extraction benchmark's pages, with
// the benchmark's own shingle measure: F1 must be at least 0.95. It skips
// when the benchmark is absent (it lives in the shared workspace only).
func TestHTMLExtraction(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 91 HTML pages through trafilatura; skipped with -short")
	}
	dir := "../../../shared/benchmarks/article-extraction"
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Skipf("no article-extraction benchmark at %s (only present in the shared workspace): %v", dir, err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	c, err := Open([]string{filepath.Join(dir, "html")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var score clean.ExtractionScore
	seen := 0
	err = c.ForEach(0, func(i int, a *model.Article, err error) error {
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		key := strings.TrimSuffix(filepath.Base(a.ID), ".html.gz")
		want, ok := truth[key]
		if !ok {
			t.Errorf("page %s has no ground truth", a.ID)
			return nil
		}
		seen++
		score.Add(clean.ShingleScore(want.ArticleBody, a.Text))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(truth) {
		t.Errorf("scored %d pages of %d", seen, len(truth))
	}
	t.Logf("from HTML: %v", &score)
	if _, _, f := score.PRF(); f < 0.95 {
		t.Errorf("F1 %.3f from HTML, want ≥ 0.95", f)
	}
}
