package story_test

import (
	"os"
	"strings"
	"testing"

	"storydesk/data/store"
)

const (
	ap      = "wire-ferry-ap.txt"
	cut     = "wire-ferry-truncated.txt"
	changed = "wire-ferry-changed.txt"
	rewrite = "wire-ferry-rewrite.md"
)

func TestListGroupsTheFerryStory(t *testing.T) {
	h := newHarness(t, nil, false, 80, 30)
	h.selectItem(cut)
	h.press("z")
	v := h.view()
	if !strings.Contains(v, "▸ 4 ") || !strings.Contains(v, "Stories · 1 told by several articles") {
		t.Fatalf("the list does not show the ferry story as one row of 4:\n%s", v)
	}
	// The cursor starts on the selected article's story; l shows its
	// articles, all four.
	h.press("l")
	v = h.view()
	for _, id := range []string{ap, cut, changed, rewrite} {
		if !strings.Contains(v, id) {
			t.Errorf("expanded story lacks %s:\n%s", id, v)
		}
	}
	// enter on an article opens it in the reader and leaves the list.
	h.press("j", "enter")
	if h.reader.opened < 0 || h.host.Top() != nil {
		t.Errorf("enter on an article: opened %d, stack %d", h.reader.opened, len(h.host.stack))
	}
	// z back from the list; esc too.
	h.press("z")
	h.press("z")
	if h.host.Top() != nil {
		t.Error("z did not close the list")
	}
}

// On a wide terminal the list has the selected story's summary beside
// it, from its analysis.
func TestListPreview(t *testing.T) {
	h := newHarness(t, nil, false, 140, 40)
	h.selectItem(ap)
	h.press("z")
	v := h.view()
	for _, want := range []string{"4 articles, 4 outlets", "cut of [1]", "1 discrepancy", "42 [1][3][4] vs 47 [2]", "carried by three or more"} {
		if !strings.Contains(v, want) {
			t.Errorf("the preview lacks %q:\n%s", want, v)
		}
	}
	// An article row previews the article, and a single article says so.
	h.press("l", "j")
	if v := h.view(); !strings.Contains(v, "─ Article ") || !strings.Contains(v, ap) {
		t.Errorf("no article preview:\n%s", v)
	}
	h.press("G")
	if v := h.view(); !strings.Contains(v, "A story of its own.") {
		t.Errorf("a single article's preview:\n%s", v)
	}
}

func TestStoryScreenSections(t *testing.T) {
	h := newHarness(t, nil, true, 120, 40)
	h.selectItem(changed)
	h.press("S")
	v := h.view()
	for _, want := range []string{"[Timeline 4]", "original", "copy of [1], 4 changes", "cut of [1]", "rewrite, closest to [1]", "2026-03-03"} {
		if !strings.Contains(v, want) {
			t.Errorf("timeline lacks %q:\n%s", want, v)
		}
	}
	// Quotations: a matrix row carried by every outlet, with its speaker.
	h.press("tab")
	v = h.view()
	if !strings.Contains(v, "1 2 3 4  speaker") || !strings.Contains(v, "✓ ✓ ✓ ✓  Ilse Varga") {
		t.Errorf("no quotation carried by all four with its speaker:\n%s", v)
	}
	// Discrepancies: 42 against 47, which outlets say which.
	h.press("tab")
	v = h.view()
	if !strings.Contains(v, "42 (") || !strings.Contains(v, " vs 47 (The Coastal Herald)") {
		t.Errorf("no 42 vs 47 with its outlets:\n%s", v)
	}
	// The sentences side by side, the figure's sentence on each side.
	if !strings.Contains(v, "│ 47") || strings.Count(v, "killing at least") < 2 {
		t.Errorf("the sentences are not side by side:\n%s", v)
	}
	// Unique passages and what the cut dropped.
	h.press("tab")
	v = h.all(20)
	if !strings.Contains(v, "Halvard Gazette only") || !strings.Contains(v, "cut drops from [1]") {
		t.Errorf("no unique or dropped passages:\n%s", v)
	}
	// Entities with how many articles mention them.
	h.press("tab")
	v = h.view()
	if !strings.Contains(v, "Ilse Varga PERSON — 4 of 4 articles") {
		t.Errorf("entities lack Ilse Varga in all four:\n%s", v)
	}
}

// Every row opens its article at its place: in annotate mode, the passage
// selected (when its text is still the one analysed).
func TestRowsOpenTheArticleAtThePlace(t *testing.T) {
	h := newHarness(t, nil, true, 120, 40)
	h.selectItem(ap)
	h.press("S", "tab", "tab") // discrepancies
	// l moves through the mentions to the changed copy's 47.
	for range 6 {
		if strings.Contains(h.view(), "> [2] The Coastal Herald") {
			break
		}
		h.press("l")
	}
	h.press("enter")
	p := h.reader.pane
	if p == nil || p.id != changed || !p.selected {
		t.Fatalf("enter did not open %s with a passage selected: %+v (%q)", changed, p, h.host.last.Text)
	}
	if got := string(p.runes[p.start:p.end]); got != "47" {
		t.Errorf("selected %q, want 47", got)
	}
	if h.host.Top() != nil {
		t.Error("the story screen stayed open over the article")
	}
	// S comes back to the story as it was left; a quotation cell opens
	// the outlet's wording.
	h.press("S")
	if v := h.view(); !strings.Contains(v, "[Discrepancies") {
		t.Fatalf("S did not come back to the discrepancies:\n%s", v)
	}
	h.press("shift+tab", "l", "l", "enter")
	p = h.reader.pane
	if p == nil || !p.selected || !strings.Contains(string(p.runes[p.start:p.end]), " ") {
		t.Errorf("a quotation cell did not select its passage: %+v", p)
	}
}

// Without a store, a row opens its article in the reader, and splitting
// says a store is needed.
func TestWithoutAStore(t *testing.T) {
	h := newHarness(t, nil, false, 80, 24)
	h.selectItem(ap)
	h.press("S", "tab", "tab", "enter")
	if h.reader.opened != h.list.IndexOf(ap) || h.reader.pane != nil {
		t.Errorf("enter without a store: opened %d, pane %v", h.reader.opened, h.reader.pane)
	}
	if h.reader.frac <= 0 || h.reader.frac >= 1 {
		t.Errorf("the article is not scrolled to the figure: %v", h.reader.frac)
	}
	if !strings.Contains(h.host.last.Text, "at character") {
		t.Errorf("the status does not say where the passage is: %q", h.host.last.Text)
	}
	h.press("S", "shift+tab", "shift+tab", "j", "X")
	if h.host.last.Text != "needs a store" {
		t.Errorf("X without a store: %q", h.host.last.Text)
	}
}

// Splitting and merging are store actions: undone and redone, and the
// grouping follows.
func TestSplitMergeUndo(t *testing.T) {
	h := newHarness(t, nil, true, 120, 40)
	h.selectItem(ap)
	h.press("S")
	// The rewrite is last on the timeline: take it out.
	h.press("G", "X")
	ls, err := h.st.StoryLinks(t.Context())
	if err != nil || len(ls) != 3 || ls[0].Link != store.StoryApart {
		t.Fatalf("X stored %v (%v), want three apart pairs", ls, err)
	}
	if v := h.view(); !strings.Contains(v, "[Timeline 3]") {
		t.Errorf("the story did not lose the rewrite:\n%s", v)
	}
	h.press("u")
	if v := h.view(); !strings.Contains(v, "[Timeline 4]") {
		t.Errorf("undo did not bring the rewrite back:\n%s", v)
	}
	h.press("ctrl+r")
	if v := h.view(); !strings.Contains(v, "[Timeline 3]") {
		t.Errorf("redo did not take it out again:\n%s", v)
	}
	// Merge it back from the list: mark the ferry story, m on the rewrite.
	h.press("esc")
	h.selectItem(ap)
	h.press("z", "m")
	h.press("G") // the singles are last; the rewrite is among them
	for range 20 {
		if strings.Contains(h.view(), ">  "+rewrite) {
			break
		}
		h.press("k")
	}
	h.press("m")
	if v := h.view(); !strings.Contains(v, "▸ 4 ") {
		t.Errorf("merging did not make the story of four again:\n%s", v)
	}
	ls, _ = h.st.StoryLinks(t.Context())
	pins := 0
	for _, l := range ls {
		if l.Link == store.StoryPin {
			pins++
		}
	}
	if pins != 1 || len(ls) != 1 {
		t.Errorf("after merging, links %v: want the apart pairs gone and one pin", ls)
	}
}

func TestExportReport(t *testing.T) {
	h := newHarness(t, nil, true, 120, 40)
	h.selectItem(ap)
	h.press("S", "E")
	msg := h.host.last.Text
	path, ok := strings.CutPrefix(msg, "Story report written to ")
	if !ok {
		t.Fatalf("status after E: %q", msg)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Timeline", "## Quotations", "## Discrepancies", "42", "47"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// Every screen fits every size the reader supports.
func TestScreensFit(t *testing.T) {
	h := newHarness(t, nil, true, 120, 40)
	h.selectItem(ap)
	for _, sz := range [][2]int{{20, 6}, {20, 4}, {30, 8}, {45, 12}, {80, 24}, {120, 40}, {250, 70}} {
		h.resize(sz[0], sz[1])
		h.press("z")
		h.view()
		h.press("l", "j")
		h.view()
		h.press("k", "enter")
		for range 5 {
			h.view()
			h.press("j", "l", "l")
			h.view()
			h.press("tab")
		}
		h.press("esc", "esc")
	}
}
