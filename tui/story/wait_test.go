package story_test

import (
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model/dup"
)

// runningDups is duplicate detection that is running until done is set.
type runningDups struct {
	done  bool
	pairs []dup.Pair
}

func (d *runningDups) DetectedPairs() ([]dup.Pair, bool, bool) {
	if d.done {
		return d.pairs, true, false
	}
	return nil, false, true
}

// Grouping reads no article while duplicate detection runs (the two reads
// together were the reader's memory peak on a large corpus), and reads
// them all and groups once detection is done.
func TestGroupingReadWaitsForDetection(t *testing.T) {
	c, err := corpus.OpenSample()
	if err != nil {
		t.Fatal(err)
	}
	d := &runningDups{}
	src := &countingSource{c: c}
	h := newHarnessStore(t, c, nil, 80, 30, d, src)
	h.drive(h.f.Sync())
	if n := src.n.Load(); n != 0 {
		t.Fatalf("grouping read %d articles while detection ran", n)
	}
	d.done = true
	h.drive(h.f.Sync())
	if n := src.n.Load(); n != int64(len(c.Items)) {
		t.Fatalf("grouping read %d articles once detection was done, want %d", n, len(c.Items))
	}
	h.selectItem(cut)
	h.press("z")
	if v := h.view(); !strings.Contains(v, "▸ 4 ") {
		t.Fatalf("after detection the ferry story is not one row of 4:\n%s", v)
	}
}
