package story_test

import (
	"os"
	"strings"
	"testing"

	"storydesk/data/corpus"
)

// The acceptance on the five seed articles (../shared/seeds, read
// when present, never copied): one story of five; the truncated wire copy
// a cut of the full wire story; quotations carried by three or more
// outlets, with who carried them; 75 against 76 killed, with which outlets
// say which; the passages only one outlet has (the UK's suspension of
// intelligence sharing, Venezuela's mobilisation).
func TestSeedsStory(t *testing.T) {
	const dir = "../../../shared/seeds"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the seed articles are not here (%v): the sample corpus tests cover the same behaviour", err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil || len(c.Items) != 5 {
		t.Fatalf("seeds: %d items, %v", len(c.Items), err)
	}
	h := newHarness(t, c, true, 250, 70)
	h.press("z")
	if v := h.view(); !strings.Contains(v, "▸ 5 ") || !strings.Contains(v, "Stories · 1 told by several articles") {
		t.Fatalf("the seeds are not one story of five:\n%s", v)
	}
	h.press("enter")
	v := h.view()
	// [1] is the full wire story, [2] its truncated copy.
	if !strings.Contains(v, "[Timeline 5]") || !strings.Contains(v, "[2] Associated Press") || !strings.Contains(v, "cut of [1]") {
		t.Errorf("the truncated wire copy is not a cut of the full wire story:\n%s", v)
	}
	// Quotations carried by three or more: the matrix rows say 3× or 4×,
	// and the detail names each carrier.
	h.press("tab")
	v = h.view()
	if !strings.Contains(v, "4× “communications and other agreements with U.S. security agencies”") || !strings.Contains(v, "3× “allowed drug cartels to flourish”") {
		t.Errorf("quotations carried by three or more outlets are not listed:\n%s", v)
	}
	carriers := ""
	for range 5 {
		carriers += h.view()
		h.press("l")
	}
	for _, who := range []string{"[1] The Associated Press carries it word for word", "[2] Associated Press carries it word for word", "[3] Latin Times rewords it"} {
		if !strings.Contains(carriers, who) {
			t.Errorf("the carriers of the first quotation lack %q", who)
		}
	}
	// 75 against 76, with the outlets.
	h.press("tab")
	v = h.view()
	if !strings.Contains(v, "75 (The Associated Press, Associated Press") || !strings.Contains(v, "vs 76 (Latin Times)") {
		t.Errorf("no 75 vs 76 with its outlets:\n%s", v)
	}
	// The passages only one outlet has.
	h.press("tab")
	v = h.all(40)
	for _, want := range []string{"United Kingdom has suspended", "would be mobilized"} {
		if !strings.Contains(v, want) {
			t.Errorf("no unique passage with %q", want)
		}
	}
}
