package ner_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"storydesk/model/ner"
)

// sharedDir is the shared NER data, from this package's directory.
var sharedDir = filepath.Join("..", "..", "..", "shared", "data", "ner")

var (
	corpusOnce sync.Once
	corpus     *ner.Corpus
	corpusErr  error
)

// sharedCorpus reads the shared data once, or skips the test when it is
// not there (the project builds and tests without it).
func sharedCorpus(t testing.TB) *ner.Corpus {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedDir, "dev.conll.gz")); err != nil {
		t.Skipf("shared NER data not found at %s: skipping (%v)", sharedDir, err)
	}
	corpusOnce.Do(func() {
		corpus, corpusErr = ner.ReadCorpus(func(name string) (io.ReadCloser, error) {
			return os.Open(filepath.Join(sharedDir, filepath.FromSlash(name)))
		}, ner.Sources)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

// TestDevQuality scores the shipped model on the shared dev split, per
// source and label (exact spans), with a floor below what it scores.
func TestDevQuality(t *testing.T) {
	c := sharedCorpus(t)
	m, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := ner.Evaluate(m, c.Dev)
	t.Logf("dev split, exact spans:\n%s", r)
	if f := r.All.F1(); f < devFloor {
		t.Errorf("dev F1 %.1f, want at least %.1f", 100*f, 100*devFloor)
	}
	for _, src := range []string{"wikigold", "crossner"} {
		if f := r.Sources[src].F1(); f < proseFloor {
			t.Errorf("%s dev F1 %.1f, want at least %.1f", src, 100*f, 100*proseFloor)
		}
	}
}

const (
	devFloor   = 0.68
	proseFloor = 0.72
)

// TestCorpusSplit checks the shared data reads as its stats.json says: the
// per-source files split into train and dev by dev.conll.
func TestCorpusSplit(t *testing.T) {
	c := sharedCorpus(t)
	want := map[string]int{"wikigold": 8, "btc": 448, "wnut17": 267, "crossner": 274}
	for _, s := range c.Stats {
		if s.DevDocs != want[s.Source.Name] {
			t.Errorf("%s: %d dev docs, want %d", s.Source.Name, s.DevDocs, want[s.Source.Name])
		}
		if s.TrainDocs == 0 || s.CalibrateDocs == 0 {
			t.Errorf("%s: %d train and %d calibration docs", s.Source.Name, s.TrainDocs, s.CalibrateDocs)
		}
	}
}

// TestScoreCalibration bins the dev split's suggestions by score and
// checks that higher scores are right more often, and that each bin's
// precision is near its scores (the temperature was fitted on other docs).
func TestScoreCalibration(t *testing.T) {
	c := sharedCorpus(t)
	m, _ := ner.Load()
	type bin struct {
		n, right int
		sum      float64
	}
	var bins [5]bin
	for _, d := range c.Dev {
		gold := map[[2]int]string{}
		for _, sp := range d.Spans {
			gold[[2]int{sp.Start, sp.End}] = sp.Label
		}
		// Tag cuts the dev text (its tokens joined by spaces) itself.
		for _, e := range m.Tag(d.Text) {
			b := &bins[min(int(e.Score*5), 4)]
			b.n++
			b.sum += e.Score
			if gold[[2]int{e.Start, e.End}] == e.Label {
				b.right++
			}
		}
	}
	var lines []string
	prev := -1.0
	for i, b := range bins {
		if b.n == 0 {
			continue
		}
		p := float64(b.right) / float64(b.n)
		lines = append(lines, fmt.Sprintf("| %.1f–%.1f | %d | %.2f | %.2f |", float64(i)/5, float64(i+1)/5, b.n, b.sum/float64(b.n), p))
		if b.n >= 50 && p < prev-0.05 {
			t.Errorf("scores %.1f–%.1f are right %.2f of the time, less than the bin below", float64(i)/5, float64(i+1)/5, p)
		}
		if b.n >= 50 {
			prev = p
		}
	}
	t.Logf("dev suggestions by score:\n| score | suggestions | mean score | right |\n| --- | --- | --- | --- |\n%s", strings.Join(lines, "\n"))
}
