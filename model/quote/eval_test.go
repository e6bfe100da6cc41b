package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"storydesk/model"
)

// The benchmark evaluation reads real article bodies from the shared
// article-extraction set (not part of the repository) and compares the
// detector with quotations annotated by hand for a subset of them.
// testdata/quotes/benchmark_gold.json holds, per article key, only the code
// point span of every quotation and the name of its speaker ("" when no
// named person or organisation said it).

const qBenchTruth = "../../../shared/benchmarks/article-extraction/truth.json"

type qGold struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker"`
}

type qScore struct {
	pred, predOK     int // predicted quotations of ≥ 5 words, and those matching a gold one
	gold, goldOK     int // gold quotations of ≥ 5 words, and those found
	named            int // gold ≥ 5 words with a named speaker
	namedFound       int // … that were found
	spkOK, spkStrict int
}

func (s qScore) prf() (p, r, f float64) {
	if s.pred > 0 {
		p = float64(s.predOK) / float64(s.pred)
	}
	if s.gold > 0 {
		r = float64(s.goldOK) / float64(s.gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// qOverlap is the Jaccard overlap of two spans.
func qOverlap(a0, a1, b0, b1 int) float64 {
	in := min(a1, b1) - max(a0, b0)
	if in <= 0 {
		return 0
	}
	return float64(in) / float64(max(a1, b1)-min(a0, b0))
}

// qNameKey normalises a name for comparison: lower case, no leading
// article, possessive or generational suffix.
func qNameKey(s string) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "'s")
	s = strings.TrimPrefix(s, "the ")
	f := strings.Fields(strings.NewReplacer("’", "'", ".", "").Replace(s))
	for len(f) > 1 {
		switch f[len(f)-1] {
		case "jr", "sr", "ii", "iii":
			f = f[:len(f)-1]
			continue
		}
		break
	}
	return f
}

// qSameSpeaker: the same name, or the same surname (a detector that
// answers "Petro" for "Gustavo Petro" has found the right person).
func qSameSpeaker(got, want string) (loose, strict bool) {
	g, w := qNameKey(got), qNameKey(want)
	if len(g) == 0 || len(w) == 0 {
		return false, false
	}
	strict = strings.Join(g, " ") == strings.Join(w, " ")
	return strict || g[len(g)-1] == w[len(w)-1], strict
}

func TestQuoteBenchmarkEval(t *testing.T) {
	raw, err := os.ReadFile(qBenchTruth)
	if err != nil {
		t.Skipf("benchmark not present (%v): the evaluation needs /work/shared", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for k, v := range truth {
		bodies[k] = v.ArticleBody
	}
	// benchmark_gold.json was annotated first and the rules were refined
	// while reading its errors; benchmark_heldout.json (the remaining
	// articles with quotation marks) was annotated afterwards and only
	// measured.
	for _, set := range []struct {
		file       string
		minF, minS float64
	}{
		{"benchmark_gold.json", 0.95, 0.93},
		{"benchmark_heldout.json", 0.90, 0.75},
	} {
		t.Run(strings.TrimSuffix(set.file, ".json"), func(t *testing.T) {
			sc, n := qEvalSet(t, bodies, filepath.Join("testdata", "quotes", set.file))
			p, r, f := sc.prf()
			spk := float64(sc.spkOK) / float64(max(sc.namedFound, 1))
			spkAll := float64(sc.spkOK) / float64(max(sc.named, 1))
			strict := float64(sc.spkStrict) / float64(max(sc.namedFound, 1))
			t.Logf("%d articles; quotations of ≥5 words: gold %d, predicted %d", n, sc.gold, sc.pred)
			t.Logf("precision %.3f recall %.3f F1 %.3f", p, r, f)
			t.Logf("speaker right (same surname) %.3f of %d found with a named speaker (%.3f of all %d named; exact full name %.3f)",
				spk, sc.namedFound, spkAll, sc.named, strict)
			// Floors under the measured figures: a regression guard.
			if f < set.minF {
				t.Errorf("F1 %.3f below %.2f", f, set.minF)
			}
			if spk < set.minS {
				t.Errorf("speaker accuracy %.3f below %.2f", spk, set.minS)
			}
		})
	}
}

// qEvalSet scores the detector on one annotated set.
func qEvalSet(t *testing.T, bodies map[string]string, file string) (qScore, int) {
	gb, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string][]qGold
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var sc qScore
	for _, key := range keys {
		body, ok := bodies[key]
		if !ok {
			t.Fatalf("article %s missing from the benchmark", key)
		}
		got := Detect(body)
		gs := gold[key]
		used := make([]bool, len(got))
		for _, g := range gs {
			if g.Start < 0 || g.End > model.RuneLen(body) || g.Start >= g.End {
				t.Fatalf("%s: gold span %d-%d out of range", key[:8], g.Start, g.End)
			}
			if model.WordCount(model.RuneSlice(body, g.Start, g.End)) < 5 {
				continue
			}
			sc.gold++
			if g.Speaker != "" {
				sc.named++
			}
			best, bo := -1, 0.0
			for i, q := range got {
				if o := qOverlap(q.Start, q.End, g.Start, g.End); !used[i] && o > bo {
					best, bo = i, o
				}
			}
			if best < 0 || bo < 0.8 {
				t.Logf("%s missed %d-%d (%s)", key[:8], g.Start, g.End, g.Speaker)
				continue
			}
			used[best] = true
			sc.goldOK++
			if g.Speaker == "" {
				continue
			}
			sc.namedFound++
			loose, strict := qSameSpeaker(got[best].Speaker, g.Speaker)
			if loose {
				sc.spkOK++
			} else {
				t.Logf("%s %d-%d speaker %q, want %q (cue %q role %q)", key[:8], g.Start, g.End, got[best].Speaker, g.Speaker, got[best].Cue, got[best].Role)
			}
			if strict {
				sc.spkStrict++
			}
		}
		for _, q := range got {
			if model.WordCount(q.Text) < 5 {
				continue
			}
			sc.pred++
			hit := false
			for _, g := range gs {
				if qOverlap(q.Start, q.End, g.Start, g.End) >= 0.8 {
					hit = true
				}
			}
			if hit {
				sc.predOK++
			} else {
				t.Logf("%s spurious %d-%d %s", key[:8], q.Start, q.End, q.Kind)
			}
		}
	}
	return sc, len(keys)
}
