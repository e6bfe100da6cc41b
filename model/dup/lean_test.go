package dup

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// An index of sketches, scored with the whole sets Full gives, finds the
// same pairs with the same scores as an index of whole signatures, on
// Zipf-worded and templated corpora with planted copies.
func TestSketchIndexMatchesFull(t *testing.T) {
	for name, c := range map[string]*dgCorpus{"zipf": dgGenerate(1500, 11), "template": dgTemplate(1200, 5)} {
		t.Run(name, func(t *testing.T) {
			sigs := SignAll(c.docs, 2, nil)
			byID := map[string][]uint32{}
			full := NewIndex(Options{Workers: 2})
			asked := 0
			lean := NewIndex(Options{Workers: 2, Full: func(_ context.Context, ids []string, put func(string, []uint32)) error {
				asked += len(ids)
				for _, id := range ids {
					put(id, byID[id])
				}
				return nil
			}})
			for i, d := range c.docs {
				byID[d.ID] = sigs[i].Shingles
				full.Add(d.ID, sigs[i])
				lean.AddSketch(d.ID, sigs[i].Sketch(0))
			}
			for _, th := range []float64{0.3, 0.5, 0.8} {
				want, got := dupMustPairs(t, full, th), dupMustPairs(t, lean, th)
				if len(want) < 50 {
					t.Fatalf("threshold %v: only %d pairs", th, len(want))
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("threshold %v: sketch index found %d pairs, whole signatures %d", th, len(got), len(want))
				}
			}
			if asked == 0 || asked >= 3*len(c.docs) {
				t.Errorf("asked for %d whole sets over three runs of %d documents", asked, len(c.docs))
			}
		})
	}
}

// Without Full, a sketch index still pairs identical texts; a failing Full
// fails Pairs; a sketch at another sample rate leaves its document out.
func TestSketchIndexLimits(t *testing.T) {
	a := "The council voted on Tuesday to add bus lanes to three main roads, despite objections from shop owners in the town centre who fear losing trade."
	b := a + " Work begins in the spring and will take eight months to finish, officials said."
	x := NewIndex(Options{})
	for id, text := range map[string]string{"a1": a, "a2": a, "b": b} {
		x.AddSketch(id, Sign(text).Sketch(0))
	}
	got := dupMustPairs(t, x, 0.5)
	if len(got) != 1 || got[0].A != "a1" || got[0].B != "a2" || got[0].Kind != Exact {
		t.Fatalf("without Full: %+v, want only a1–a2 exact", got)
	}
	boom := errors.New("boom")
	y := NewIndex(Options{Full: func(context.Context, []string, func(string, []uint32)) error { return boom }})
	y.AddSketch("a", Sign(a).Sketch(0))
	y.AddSketch("b", Sign(b).Sketch(0))
	if _, err := y.Pairs(context.Background(), 0.5, nil); !errors.Is(err, boom) {
		t.Fatalf("failing Full: err %v", err)
	}
	z := NewIndex(Options{})
	z.AddSketch("a1", Sign(a).Sketch(0.5))
	z.AddSketch("a2", Sign(a).Sketch(0))
	if got := dupMustPairs(t, z, 0.5); len(got) != 0 {
		t.Fatalf("sketch at another rate paired: %+v", got)
	}
}
