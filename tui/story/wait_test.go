package story_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/model/dup"
	"storydesk/tui/story"
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

// loadCounter counts the articles read.
type loadCounter struct {
	c     *corpus.Corpus
	loads atomic.Int64
}

func (s *loadCounter) Load(i int) (*model.Article, error) {
	s.loads.Add(1)
	return s.c.Load(i)
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
	src := &loadCounter{c: c}
	h := newHarnessStore(t, c, nil, 80, 30, d, src)
	h.drive(h.f.Sync())
	if n := src.loads.Load(); n != 0 {
		t.Fatalf("grouping read %d articles while detection ran", n)
	}
	d.done = true
	h.drive(h.f.Sync())
	if n := src.loads.Load(); n != int64(len(c.Items)) {
		t.Fatalf("grouping read %d articles once detection was done, want %d", n, len(c.Items))
	}
	h.selectItem(cut)
	h.press("z")
	if v := h.view(); !strings.Contains(v, "▸ 4 ") {
		t.Fatalf("after detection the ferry story is not one row of 4:\n%s", v)
	}
}

// What the list's read took of each article (its grouping item, and its
// sketch) is all grouping needs: it reads no article again, groups as it
// does when it reads them, and lets the list forget what it took.
func TestGroupingTakesTheListsRead(t *testing.T) {
	c, err := corpus.OpenSample()
	if err != nil {
		t.Fatal(err)
	}
	stories := func(took bool, d *runningDups) (int64, int, string) {
		src := &loadCounter{c: c}
		var dd story.Dups
		if d != nil {
			dd = d
		}
		h := newHarnessList(t, c, nil, 80, 30, dd, src, took)
		if d != nil {
			d.done = true
		}
		h.drive(h.f.Sync())
		h.selectItem(cut)
		h.press("z")
		return src.loads.Load(), h.list.dropped, h.view()
	}
	// Duplicate detection has run: grouping takes every item as it is.
	pairs, err := story.ReadPairs(c, len(c.Items), 2)
	if err != nil {
		t.Fatal(err)
	}
	_, _, want := stories(false, &runningDups{pairs: pairs})
	if !strings.Contains(want, "▸ 4 ") {
		t.Fatalf("reading every article, the ferry story is not one row of 4:\n%s", want)
	}
	loads, dropped, got := stories(true, &runningDups{pairs: pairs})
	if loads != 0 || dropped != 1 {
		t.Errorf("with the list's read: %d articles read, DropGroupItems called %d times; want 0 and 1", loads, dropped)
	}
	if got != want {
		t.Errorf("with the list's read the story screen differs:\n%s\nwant:\n%s", got, want)
	}
	// No detection: grouping finds the pairs itself from the list's
	// sketches, reading again only the candidates it scores in full.
	loads, _, got = stories(true, nil)
	if loads >= int64(len(c.Items)) {
		t.Errorf("without detection grouping read %d articles of %d: the list's sketches were not used", loads, len(c.Items))
	}
	if !strings.Contains(got, "▸ 4 ") {
		t.Errorf("without detection the ferry story is not one row of 4:\n%s", got)
	}
}
