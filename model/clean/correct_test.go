package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"storydesk/model"
)

// correctRaw is a short wire story with the usual furniture: a headline, a
// byline, a picture caption above the body and a call to action after it.
const correctRaw = "Bridge repairs to start in spring, council says\n\n" +
	"By Ana Ruiz\n\n" +
	"Photo: Council engineers inspect the old bridge. (Ana Ruiz/Harbour Gazette)\n\n" +
	"KARVIK, Norland — The council approved a plan on Tuesday to repair the old bridge over the river before the summer season.\n\n" +
	"Works are expected to take four months, and the crossing will stay open to walkers while the deck is replaced.\n\n" +
	"Residents asked for a ferry during the closure, which officials said they would study.\n\n" +
	"Sign up for our morning newsletter"

// paraOf finds the paragraph of raw whose text starts with prefix.
func paraOf(t *testing.T, raw, prefix string) ParaRange {
	t.Helper()
	rs := []rune(raw)
	for _, p := range Paragraphs(raw) {
		if strings.HasPrefix(string(rs[p.Start:p.End]), prefix) {
			return p
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return ParaRange{}
}

func TestParagraphsAreTheCleanersUnits(t *testing.T) {
	ps := Paragraphs(correctRaw)
	if len(ps) != 7 {
		t.Fatalf("%d paragraphs, want 7: %v", len(ps), ps)
	}
	rs := []rune(correctRaw)
	for i, p := range ps {
		s := string(rs[p.Start:p.End])
		if s != strings.TrimSpace(s) || s == "" || strings.Contains(s, "\n\n") {
			t.Fatalf("paragraph %d not trimmed or not one paragraph: %q", i, s)
		}
		if i > 0 && p.Start < ps[i-1].End {
			t.Fatalf("paragraphs overlap: %v", ps)
		}
	}
	// Every range the cleaner removes whole is one of them.
	c := Clean(correctRaw)
	for _, r := range c.Removed {
		if r.Reason == model.ReasonDateline {
			continue
		}
		found := false
		for _, p := range ps {
			found = found || p.Start == r.Start && p.End == r.End
		}
		if !found {
			t.Fatalf("removed %q [%d,%d) is not a paragraph of %v", r.Text, r.Start, r.End, ps)
		}
	}
	// A hard-wrapped paragraph is one unit across its lines.
	wrapped := wrapParas([]string{strings.Repeat("the council met to talk about the bridge and ", 6) + "end."}, 60, "\n\n")
	if got := Paragraphs(wrapped); len(got) != 1 || got[0].End != utf8.RuneCountInString(strings.TrimSpace(wrapped)) {
		t.Fatalf("wrapped paragraph cut as %v", got)
	}
}

func TestCleanWithKeepsARemovedCaption(t *testing.T) {
	base := Clean(correctRaw)
	cap := paraOf(t, correctRaw, "Photo:")
	r, ok := model.RemovedPara(base.Removed, cap.Start, cap.End)
	if !ok || r.Reason != model.ReasonCaption {
		t.Fatalf("the fixture's caption is not removed as a caption: %+v", base.Removed)
	}
	var c Cleaner
	got := c.CleanWith(correctRaw, []model.Correction{{Start: cap.Start, End: cap.End, Keep: true}})
	checkInvariants(t, correctRaw, got)
	paras := paragraphsOf(got.Text)
	if len(paras) != len(paragraphsOf(base.Text))+1 || paras[0] != r.Text {
		t.Fatalf("the caption is not the first body paragraph:\n%s", got.Text)
	}
	if strings.Join(paras[1:], "\n\n") != base.Text {
		t.Fatalf("the rest of the body changed:\n%s\nwas\n%s", got.Text, base.Text)
	}
	if _, ok := model.RemovedPara(got.Removed, cap.Start, cap.End); ok {
		t.Fatal("the kept caption is still listed as removed")
	}
	if len(got.Removed) != len(base.Removed)-1 {
		t.Fatalf("other removals changed: %+v", got.Removed)
	}
}

func TestCleanWithRemovesAKeptLineAsUser(t *testing.T) {
	base := Clean(correctRaw)
	p := paraOf(t, correctRaw, "Works are")
	if _, ok := model.RemovedPara(base.Removed, p.Start, p.End); ok {
		t.Fatal("fixture: the body paragraph is removed already")
	}
	var c Cleaner
	got := c.CleanWith(correctRaw, []model.Correction{{Start: p.Start, End: p.End, Keep: false}})
	checkInvariants(t, correctRaw, got)
	r, ok := model.RemovedPara(got.Removed, p.Start, p.End)
	if !ok || r.Reason != model.ReasonUser || r.Text != string([]rune(correctRaw)[p.Start:p.End]) {
		t.Fatalf("not removed by the user: %+v", got.Removed)
	}
	if strings.Contains(got.Text, "four months") {
		t.Fatalf("removed text still in the body:\n%s", got.Text)
	}
	if got.Title != base.Title || got.Byline != base.Byline || got.Dateline != base.Dateline {
		t.Fatalf("metadata changed: %q %q %q", got.Title, got.Byline, got.Dateline)
	}
}

func TestCleanWithDatelinedParagraphKeptWhole(t *testing.T) {
	base := Clean(correctRaw)
	if base.Dateline == "" || !strings.HasPrefix(base.Text, "The council approved") {
		t.Fatalf("fixture: no dateline cut: %q\n%s", base.Dateline, base.Text)
	}
	p := paraOf(t, correctRaw, "KARVIK")
	var c Cleaner
	got := c.CleanWith(correctRaw, []model.Correction{{Start: p.Start, End: p.End, Keep: true}})
	checkInvariants(t, correctRaw, got)
	if !strings.HasPrefix(got.Text, "KARVIK, Norland — The council") || got.Dateline != "" {
		t.Fatalf("kept whole should bring the dateline back into the body: %q\n%s", got.Dateline, got.Text)
	}
	// Removing it drops the whole paragraph; the place is still the dateline.
	got = c.CleanWith(correctRaw, []model.Correction{{Start: p.Start, End: p.End}})
	checkInvariants(t, correctRaw, got)
	if strings.Contains(got.Text, "council approved") || got.Dateline != base.Dateline {
		t.Fatalf("removed: dateline %q\n%s", got.Dateline, got.Text)
	}
}

func TestCorrectionForNarrowestAndLatest(t *testing.T) {
	p := paraOf(t, correctRaw, "Residents")
	wide := model.Correction{Start: 0, End: p.End + 100, Keep: false}
	exact := model.Correction{Start: p.Start, End: p.End, Keep: true}
	if c, ok := model.CorrectionFor([]model.Correction{wide, exact}, p.Start, p.End); !ok || c != exact {
		t.Fatalf("narrowest should win: %+v", c)
	}
	if c, ok := model.CorrectionFor([]model.Correction{exact, wide}, p.Start, p.End); !ok || c != exact {
		t.Fatalf("narrowest should win in any order: %+v", c)
	}
	again := model.Correction{Start: p.Start, End: p.End, Keep: false}
	if c, _ := model.CorrectionFor([]model.Correction{exact, again}, p.Start, p.End); c != again {
		t.Fatalf("a later equal range should win: %+v", c)
	}
	if _, ok := model.CorrectionFor([]model.Correction{{Start: p.Start + 1, End: p.End}}, p.Start, p.End); ok {
		t.Fatal("a range inside the paragraph does not cover it")
	}
	// A wide removal takes out every paragraph it covers, the exact keep
	// inside it still wins for its own.
	var c Cleaner
	got := c.CleanWith(correctRaw, []model.Correction{wide, exact})
	checkInvariants(t, correctRaw, got)
	if got.Text != string([]rune(correctRaw)[p.Start:p.End]) {
		t.Fatalf("want only the kept paragraph, got:\n%s", got.Text)
	}
}

func TestCleanWithIgnoresStaleAndBogusCorrections(t *testing.T) {
	base := Clean(correctRaw)
	n := utf8.RuneCountInString(correctRaw)
	p := paraOf(t, correctRaw, "Works are")
	bogus := []model.Correction{
		{Start: p.Start + 2, End: p.End - 2},        // inside a paragraph: from an older text
		{Start: n + 10, End: n + 50},                // past the end
		{Start: 30, End: 10, Keep: true},            // inverted
		{Start: -5, End: 0, Keep: false},            // before the start
		{Start: p.Start, End: p.Start, Keep: false}, // empty
	}
	var c Cleaner
	got := c.CleanWith(correctRaw, bogus)
	checkInvariants(t, correctRaw, got)
	if got.Text != base.Text || len(got.Removed) != len(base.Removed) {
		t.Fatalf("bogus corrections changed the result:\n%s", got.Text)
	}
	if un := UnusedCorrections(correctRaw, bogus); len(un) != len(bogus) {
		t.Fatalf("unused %v, want all %d", un, len(bogus))
	}
	good := model.Correction{Start: p.Start, End: p.End}
	if un := UnusedCorrections(correctRaw, append(bogus[:1:1], good)); len(un) != 1 || un[0] != bogus[0] {
		t.Fatalf("unused %v", un)
	}
	if UnusedCorrections(correctRaw, nil) != nil {
		t.Fatal("nothing to report for no corrections")
	}
}

// TestCleanWithProperty applies random corrections to generated articles:
// the partition invariant holds, every corrected paragraph has the verdict
// asked for, and every other paragraph keeps the cleaner's own.
func TestCleanWithProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	n := 300
	if testing.Short() {
		n = 60
	}
	var c Cleaner
	for i := 0; i < n; i++ {
		raw, _, _ := genArticle(r, 2+r.IntN(10))
		base := c.Clean(raw)
		ps := Paragraphs(raw)
		var corr []model.Correction
		want := map[int]bool{}
		for _, k := range r.Perm(len(ps))[:r.IntN(len(ps)+1)] {
			keep := r.IntN(2) == 0
			corr = append(corr, model.Correction{Start: ps[k].Start, End: ps[k].End, Keep: keep})
			want[k] = keep
		}
		got := c.CleanWith(raw, corr)
		checkInvariants(t, raw, got)
		for k, p := range ps {
			rg, removed := model.RemovedPara(got.Removed, p.Start, p.End)
			keep, corrected := want[k]
			if !corrected {
				rb, was := model.RemovedPara(base.Removed, p.Start, p.End)
				if removed != was || removed && rg.Reason != rb.Reason {
					t.Fatalf("article %d: paragraph %d changed verdict without a correction (%v %q → %v %q)\nraw:\n%s", i, k, was, rb.Reason, removed, rg.Reason, raw)
				}
				continue
			}
			if keep == removed || removed && rg.Reason != model.ReasonUser {
				t.Fatalf("article %d: paragraph %d keep=%v but removed=%v (%q)", i, k, keep, removed, rg.Reason)
			}
		}
	}
}

func TestRemovedPara(t *testing.T) {
	rem := []model.Removed{{Start: 0, End: 5}, {Start: 10, End: 12}, {Start: 20, End: 30}}
	for _, c := range []struct {
		s, e int
		ok   bool
	}{{0, 5, true}, {10, 12, true}, {21, 25, true}, {5, 10, false}, {9, 12, false}, {20, 31, false}, {40, 41, false}} {
		if _, ok := model.RemovedPara(rem, c.s, c.e); ok != c.ok {
			t.Errorf("model.RemovedPara(%d,%d) = %v", c.s, c.e, ok)
		}
	}
}

func BenchmarkCleanWith(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	raw, _, _ := genArticle(r, 40)
	ps := Paragraphs(raw)
	corr := []model.Correction{{Start: ps[1].Start, End: ps[1].End, Keep: true}, {Start: ps[5].Start, End: ps[5].End}}
	var c Cleaner
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		c.CleanWith(raw, corr)
	}
}
