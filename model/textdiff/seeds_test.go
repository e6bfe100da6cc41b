package textdiff_test

import (
	"os"
	"path/filepath"
	"testing"

	"storydesk/model"
	"storydesk/model/clean"
	"storydesk/model/textdiff"
)

// TestWordDiffSeeds: on every pair of the shared seed articles (when
// present), the diff tiles both texts, and no word or two is left "equal"
// stranded between two long changes (a stray "the" matched across added
// text). The pair that is one story and its cut copy (the one whose shorter
// text the other holds almost whole) differs only by whole added passages,
// the cut tail and a few changed words: few changes, and every word of the
// shorter text that is not changed is equal.
func TestWordDiffSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	if len(files) < 2 {
		t.Skip("no seed articles at ../../../shared/seeds (only present in the shared workspace)")
	}
	texts := make([]string, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = clean.Clean(model.Sanitize(string(b))).Text
	}
	bestShare, bestOps := 0.0, []textdiff.Op(nil)
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := texts[i], texts[j]
			ops := textdiff.Words(a, b)
			checkTiling(t, ops, a, b)
			equal := 0
			for k, op := range ops {
				if op.Kind != textdiff.Equal {
					continue
				}
				n := model.WordCount(model.RuneSlice(a, op.A0, op.A1))
				equal += n
				if k == 0 || k == len(ops)-1 || n > 2 {
					continue
				}
				before, after := changedWords(a, b, ops, k, -1), changedWords(a, b, ops, k, +1)
				if before >= 40 && after >= 40 {
					t.Errorf("%s / %s: %q left equal between changes of %d and %d words", filepath.Base(files[i]), filepath.Base(files[j]), model.RuneSlice(a, op.A0, op.A1), before, after)
				}
			}
			share := float64(equal) / float64(min(model.WordCount(a), model.WordCount(b)))
			if share > bestShare {
				bestShare, bestOps = share, ops
			}
		}
	}
	if bestShare < 0.9 {
		t.Skipf("no story and cut copy among the seeds (best share %.2f)", bestShare)
	}
	changes := 0
	for _, op := range bestOps {
		if op.Kind != textdiff.Equal {
			changes++
		}
	}
	if changes > 8 {
		t.Errorf("the story and its cut copy differ in %d changes, want a handful (added passages, the tail, a word)", changes)
	}
}

// changedWords counts the words of the change just before (dir -1) or after
// (dir +1) op k, on the larger side.
func changedWords(a, b string, ops []textdiff.Op, k, dir int) int {
	nd, ni := 0, 0
	for j := k + dir; j >= 0 && j < len(ops) && ops[j].Kind != textdiff.Equal; j += dir {
		if ops[j].Kind == textdiff.Delete {
			nd += model.WordCount(model.RuneSlice(a, ops[j].A0, ops[j].A1))
		} else {
			ni += model.WordCount(model.RuneSlice(b, ops[j].B0, ops[j].B1))
		}
	}
	return max(nd, ni)
}
