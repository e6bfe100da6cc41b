package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/clean"
)

// TestHTMLPages scores the HTML path on hand-written pages of the shapes a
// news scrape brings (testdata/html: a story with a related box and a
// newsletter form, a live blog, a gallery with captions, a paywalled
// teaser, an AMP page, an app shell whose body is only in JSON-LD, an
// opinion piece with comments, a wire story with a list), each with the
// article body it holds (NAME.body.txt), on the benchmark's shingle
// measure. The whole path must reach F1 0.96 and do at least as well as
// the extractor it builds on alone (trafilatura's text, before the cleaner
// and the JSON-LD fallback).
func TestHTMLPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	var ours, alone clean.ExtractionScore
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		page, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		truth, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".body.txt")
		if err != nil {
			t.Fatal(err)
		}
		a := mustLoad(t, name+".html", string(page))
		raw, _, _ := htmlArticle(model.Sanitize(string(page)))
		tp, fp, fn := clean.ShingleScore(string(truth), a.Text)
		ours.Add(tp, fp, fn)
		atp, afp, afn := clean.ShingleScore(string(truth), raw)
		alone.Add(atp, afp, afn)
		t.Logf("%-14s storydesk tp %.2f fp %.2f fn %.2f | extractor alone tp %.2f fp %.2f fn %.2f", name, tp, fp, fn, atp, afp, afn)
	}
	t.Logf("storydesk:       %v", &ours)
	t.Logf("extractor alone: %v", &alone)
	_, _, f := ours.PRF()
	_, _, fa := alone.PRF()
	if f < 0.96 {
		t.Errorf("F1 %.3f on the hand-written pages, want ≥ 0.96", f)
	}
	if f < fa {
		t.Errorf("F1 %.3f, below the extractor alone (%.3f): the cleaner costs more than it gives", f, fa)
	}
}
