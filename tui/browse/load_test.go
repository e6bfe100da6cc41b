package browse_test

import (
	"context"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/model"
	"storydesk/tui/browse"
	"storydesk/tui/widgets"
)

// gatedSource streams its first n results, then waits for the gate.
type gatedSource struct {
	*fakeSource
	n    int
	gate chan struct{}
}

func (g *gatedSource) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	var rs []corpus.Result
	g.fakeSource.Stream(ctx, workers, func(b []corpus.Result) { rs = append(rs, b...) })
	emit(rs[:g.n])
	<-g.gate
	emit(rs[g.n:])
}

func TestLoadingShowsProvisionalTitlesAndProgress(t *testing.T) {
	src := &gatedSource{fakeSource: fixtureSource(20, 15), n: 10, gate: make(chan struct{})}
	var progress int
	h := newHost(t, src, 120, 28, browse.Hooks{Progress: func() { progress++ }})
	status := func() widgets.StatusInfo {
		var s widgets.StatusInfo
		h.b.Status(&s)
		return s
	}
	if s := status(); !strings.Contains(h.plain(), "000-story") || !s.Loading || s.Done != 0 || s.Total != 20 || s.Skipped != 1 || !h.b.Loading() {
		t.Fatalf("before reading: want file-name titles and progress %+v:\n%s", s, h.plain())
	}
	// One batch at a time, by hand.
	next := h.update(h.b.Init()())
	if s := status(); s.Done != 10 || s.Skipped != 1 || progress != 1 || !strings.Contains(h.plain(), "Council approves plan") || !strings.Contains(h.plain(), "010-story") {
		t.Fatalf("half read %+v:\n%s", s, h.plain())
	}
	close(src.gate)
	h.drive(next) // the rest, and the end
	if s := status(); s.Done != 20 || s.Skipped != 2 || h.b.LiveCount() != 19 || s.Loading || h.b.Loading() || len(h.done) != 1 || h.done[0] != "Read 19 articles" {
		t.Fatalf("after reading %+v, done %q", s, h.done)
	}
	// What the background read took: each live item's id and text hash,
	// but for the article on screen, read again since.
	known := h.b.KnownTexts()
	if len(known) != 18 || known[0].ID != "news/001-story.txt" || known[0].Hash == "" || h.b.Row(1).Hash != known[0].Hash || h.b.Row(0).Hash != "" {
		t.Fatalf("known texts %d %+v", len(known), known[:1])
	}
	if h.b.IndexOf("news/003-story.txt") != 3 || h.b.IndexOf("nope") != -1 || h.b.Item(3).Path != "news/003-story.txt" || h.b.Len() != 20 {
		t.Fatal("IndexOf")
	}
}

func TestFilterFollowsTitlesWhileLoading(t *testing.T) {
	h := newHost(t, fixtureSource(20, -1), 120, 28, browse.Hooks{})
	// Filter on a word that only real titles have, before any is read.
	h.press("/")
	h.typeText("river")
	if len(h.b.Visible()) != 0 {
		t.Fatal("file names should not match")
	}
	// The rescan is spaced out, then the read titles match.
	h.drive(h.b.Init())
	got := h.titles()
	if len(got) == 0 {
		t.Fatal("filter did not pick up the titles read meanwhile")
	}
	// Fuzzy: titles holding "river" come first, then r…i…v…e…r.
	exact := true
	for _, g := range got {
		has := strings.Contains(strings.ToLower(g), "river")
		if has && !exact {
			t.Fatalf("%q ranked below a scattered match: %q", g, got)
		}
		exact = exact && has
		if !subsequence("river", strings.ToLower(g)) {
			t.Fatalf("%q does not match", g)
		}
	}
}

// The list's hooks: a status badge, a cluster badge, a review badge, and
// an exclude filter that Refilter applies again.
func TestListHooks(t *testing.T) {
	h := start(t, fixtureSource(6, -1), 120, 28)
	hide := false
	h.b.SetBadge(func(i int) (model.Status, bool) {
		if i == 1 {
			return model.StatusDone, true
		}
		return model.StatusNew, false
	})
	h.b.SetCluster(func(i int) (string, int) {
		if i == 2 {
			return "⧉1", 2
		}
		return "  ", 2
	})
	h.b.SetReview(func(i int) (string, int) {
		if i == 3 {
			return "↓5 ", 3
		}
		return "   ", 3
	})
	h.b.SetExclude(func(vis []int32) []int32 {
		if !hide {
			return vis
		}
		var out []int32
		for _, i := range vis {
			if i != 4 {
				out = append(out, i)
			}
		}
		return out
	})
	st := h.ctx.Styles
	lines := strings.Split(h.plain(), "\n")
	if !strings.Contains(lines[2], st.BadgeDone+st.ChangedMark) || !strings.Contains(lines[3], "⧉1") || !strings.Contains(lines[4], "↓5") {
		t.Fatalf("badges:\n%s", h.plain())
	}
	hide = true
	h.b.Refilter()
	if len(h.b.Visible()) != 5 || h.b.Select(4) {
		t.Fatal("exclude not applied")
	}
	hide = false
	h.b.Refilter()
	if len(h.b.Visible()) != 6 || !h.b.Select(4) {
		t.Fatal("exclude not lifted")
	}
}

// Replace puts an article read again in place (its words, the view, the
// position kept); Forget drops the pane's copy so the next look loads it.
func TestReplaceAndForget(t *testing.T) {
	src := fixtureSource(3, -1)
	src.arts[1] = fixtureArticle(1, 40)
	h := start(t, src, 120, 28)
	h.press("j", "tab", "pgdown")
	at := h.b.Percent()
	a, idx, _ := h.b.Article()
	b := *a
	b.Text = "Entirely new text.\n\n" + a.Text
	b.Words = a.Words + 3
	h.drive(h.b.Replace(idx, &b))
	if got, _, _ := h.b.Article(); got != &b || h.b.Row(idx).Words != b.Words || h.b.Row(idx).Hash != "" {
		t.Fatal("not replaced")
	}
	if h.b.Percent() != at || !h.b.Showing() {
		t.Fatalf("the position moved: %d%%, was %d%%", h.b.Percent(), at)
	}
	h.b.Forget(0)
	loads := src.loads
	h.press("shift+tab", "k")
	if src.loads != loads+1 {
		t.Fatal("a forgotten article was not loaded again")
	}
}
