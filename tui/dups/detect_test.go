package dups_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/dups"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/ui"
	"storydesk/tui/widgets"
)

func ctx() context.Context { return context.Background() }

// wantPairs is what detection finds in the sample, most contained first.
var wantPairs = []string{pairName(ap, cut), pairName(ap, changed), pairName(changed, cut)}

// Without a store detection waits to be asked: D starts it, the status bar
// shows its progress, and it says what it found. Both ways of reading: the
// corpus's parallel reads, and a source read item by item.
func TestDetectionWaitsForTheScreenWithoutStore(t *testing.T) {
	for _, noCorpus := range []bool{false, true} {
		h := newHarness(t, setup{noCorpus: noCorpus})
		if st := h.status(); st.DupStage != "" {
			t.Fatal("detection ran without a store or a request")
		}
		cmd, ok := h.f.GlobalKey(keytest.Key("D"))
		if !ok {
			t.Fatal("D not taken")
		}
		// The first report: the push, the job's first message, no
		// comparison yet.
		var next []tea.Cmd
		for _, msg := range runOnce(cmd) {
			next = append(next, h.f.Update(msg))
		}
		st := h.status()
		if line, _ := widgets.StatusLine(h.c.Styles, 120, st); st.DupStage != corpus.DupStageRead || !strings.Contains(line, "copies: reading") {
			t.Fatalf("status bar does not show detection progress: %+v\n%s", st, line)
		}
		if !strings.Contains(h.plain(), "Finding copies… reading") {
			t.Fatalf("the screen does not say it is finding copies:\n%s", h.plain())
		}
		h.drive(tea.Batch(next...))
		if st := h.status(); st.DupStage != "" {
			t.Fatalf("progress still shown after detection: %+v", st)
		}
		if h.host.last.Text != "3 candidate pairs of copies among 12 articles" {
			t.Fatalf("noCorpus=%v: done message %q", noCorpus, h.host.last.Text)
		}
		if got := h.pairs(); !slices.Equal(got, wantPairs) {
			t.Fatalf("noCorpus=%v: rows %v, want %v (containment order)", noCorpus, got, wantPairs)
		}
		p := h.plain()
		// The cut copy lies wholly inside the original (b∈a 1.00).
		for _, s := range []string{"0.41 1.00 0.41 near     wire-ferry-ap.txt", "0.97 0.97 0.94", "wire-ferry-changed.txt · At least 47 d"} {
			if !strings.Contains(p, s) {
				t.Errorf("noCorpus=%v: screen lacks %q:\n%s", noCorpus, s, p)
			}
		}
	}
}

// With a store detection starts by itself once the corpus is read, and
// says nothing when it ends (the screen shows what it found); opened while
// the corpus is being read, the screen says detection comes next, and then
// what it found.
func TestDetectionRunsAfterLoadingWithStore(t *testing.T) {
	h := newHarness(t, setup{store: true, loading: true})
	if st := h.status(); st.DupStage != "" {
		t.Fatal("detection started while the corpus was being read")
	}
	h.arts.loading = false
	sync := h.f.Sync()
	if st := h.status(); st.DupStage != corpus.DupStageRead || st.DupTotal != 12 {
		t.Fatalf("detection did not start once the corpus was read: %+v", st)
	}
	h.drive(sync)
	if st := h.status(); st.DupStage != "" || h.host.last.Text != "" {
		t.Fatalf("after detection: %+v, %q", st, h.host.last.Text)
	}
	h.open()
	if got := h.pairs(); !slices.Equal(got, wantPairs) {
		t.Fatalf("rows %v", got)
	}

	h = newHarness(t, setup{store: true, loading: true})
	h.press("D")
	if !strings.Contains(h.plain(), "Reading the corpus; finding copies comes next…") {
		t.Fatalf("D while reading:\n%s", h.plain())
	}
	h.arts.loading = false
	h.drive(h.f.Sync())
	if h.host.last.Text != "3 candidate pairs of copies among 12 articles" || !slices.Equal(h.pairs(), wantPairs) {
		t.Fatalf("after reading: %q\n%s", h.host.last.Text, h.plain())
	}
}

// Stop (the reader quitting) while detection compares stops it: the
// comparison is the long part on a big corpus, and a reader that has quit
// must not keep the CPU busy (nor, in tests, a goroutine).
func TestStopEndsComparing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := gencorpus.TemplateCopies(3000, 7).WriteJSONL(p); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Open([]string{p}, nil)
	if err != nil {
		t.Fatal(err)
	}
	arts := &fakeArticles{}
	for _, it := range c.Items {
		arts.ids = append(arts.ids, it.ID)
		arts.rows = append(arts.rows, dups.Row{})
	}
	host := &fakeHost{w: 120, h: 38}
	ctx := &ui.Context{Keys: ui.DefaultKeyMap(), NoColor: true}
	ctx.Restyle(true)
	rd := &fakeReader{arts: arts, reading: true}
	f := dups.New(ctx, host, dups.Deps{Articles: arts, Reader: rd, Source: sampleSource{c}, Corpus: c, Workers: 1})
	rd.f = f
	// Started by D (no store); its messages are taken until it compares.
	cmd, _ := f.GlobalKey(keytest.Key("D"))
	msgs := runOnce(cmd) // the job's first message: the push and the comparison have none
	if len(msgs) != 1 {
		t.Fatalf("D: %d messages", len(msgs))
	}
	wait := f.Update(msgs[0])
	for {
		msg := wait()
		if msg == nil {
			t.Fatal("detection ended before comparing began")
		}
		wait = f.Update(msg)
		if s := statusOf(f); s.DupStage == corpus.DupStageCompare {
			break
		}
	}
	f.Stop()
	// What it sends after, until it ends: not the end of the comparison,
	// nor its result.
	ended := make(chan string)
	go func() {
		compared := ""
		for {
			msg := wait()
			if msg == nil {
				ended <- compared
				return
			}
			f.Update(msg) // its next command is wait again, or the comparison of the pairs found
			if s := statusOf(f); s.DupStage == corpus.DupStageCompare && s.DupDone == s.DupTotal {
				compared = "compared every text"
			}
			if host.last.Text != "" {
				compared = "reported " + host.last.Text
			}
		}
	}()
	select {
	case what := <-ended:
		if what != "" {
			t.Fatalf("detection ran to the end after Stop: %s", what)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("detection still running 20 s after Stop")
	}
	// And nothing starts it again.
	host.Top().HandleKey(keytest.Key("esc"))
	if cmd, _ := f.GlobalKey(keytest.Key("D")); len(runOnce(cmd)) > 0 {
		t.Fatal("after Stop, D started detection again")
	}
}

// runOnce runs cmd (each command of a batch) once, without what follows.
func runOnce(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range batch {
		out = append(out, runOnce(c)...)
	}
	return out
}

func statusOf(f *dups.Feature) widgets.StatusInfo {
	var s widgets.StatusInfo
	f.Status(&s)
	return s
}

// The status bar's detection segment, as drawn.
func TestStatusSegment(t *testing.T) {
	st := ui.NewStyles(true, true)
	line := widgets.StatusView(st, 100, widgets.StatusInfo{Mode: "READ", Percent: -1, DupStage: corpus.DupStageCompare, DupDone: 3, DupTotal: 12})
	if !strings.Contains(line, "##......") || !strings.Contains(line, "copies: comparing 3/12") {
		t.Fatalf("status %q", line)
	}
	if w := ui.TextWidth(line); w != 100 {
		t.Fatalf("status is %d wide", w)
	}
}

// A store whose labels cannot be read says so as an error (kept for the
// problems screen), and the screen still works.
func TestVerdictsUnreadable(t *testing.T) {
	h := newHarness(t, setup{store: true})
	h.st.Close()
	h.drive(h.f.Init())
	if s := h.host.last; s.Err == nil || !strings.HasPrefix(s.Text, "Cannot read duplicate labels: ") {
		t.Fatalf("report %+v", s)
	}
	h.open()
	if got := h.pairs(); !slices.Equal(got, wantPairs) {
		t.Fatalf("rows %v", got)
	}
}

// BenchmarkDups100k measures, over 100,000 listed articles with 5,000
// labelled pairs: rebuilding clusters, badges and the hidden set when the
// verdicts arrive; the feature's part of a list frame (the badges of the
// rows on screen and the status bar); and turning the copies filter on or
// off (one merge of the 100k rows with the hidden set).
func BenchmarkDups100k(b *testing.B) {
	const n = 100_000
	arts := &fakeArticles{ids: make([]string, n), rows: make([]dups.Row, n)}
	for i := range n {
		arts.ids[i] = fmt.Sprintf("corpus/%06d.txt", i)
		arts.rows[i] = dups.Row{Title: "t", Words: 300 + i%900}
	}
	path := filepath.Join(b.TempDir(), "annotations.db")
	st := openStore(b, path)
	var ops []store.Op
	for i := range 5000 {
		a, c := arts.ids[i*20], arts.ids[i*20+1+i%7]
		l := model.LabelDuplicate
		if i%5 == 4 {
			l = model.LabelSameStory
		}
		ops = append(ops, store.Op{Kind: store.OpSetDupLabel, Article: a, A: a, B: c, DupLabel: l})
	}
	if _, err := st.Do(ctx(), store.Action{Name: "labels", Ops: ops}); err != nil {
		b.Fatal(err)
	}
	c := &ui.Context{Keys: ui.DefaultKeyMap()}
	c.Restyle(true)
	host := &fakeHost{w: 120, h: 38}
	rd := &fakeReader{arts: arts, reading: true}
	f := dups.New(c, host, dups.Deps{Articles: arts, Reader: rd, Store: st, Workers: 1})
	rd.f = f
	verdicts := f.Init()()
	b.Run("derive", func(b *testing.B) {
		for b.Loop() {
			f.Update(verdicts)
		}
	})
	f.Update(verdicts)
	rd.Refilter()
	b.Run("frame", func(b *testing.B) {
		for b.Loop() {
			for i := range 38 {
				f.ClusterBadge(i * 20)
			}
			statusOf(f)
		}
	})
	// Two row sets, so the filter's cache of the last one never answers:
	// the merge is measured.
	live := [2][]int32{arts.Live(), arts.Live()}
	k := 0
	b.Run("toggle", func(b *testing.B) {
		for b.Loop() {
			f.GlobalKey(keytest.Key("H"))
			f.ExcludeHidden(live[k%2])
			k++
		}
	})
}
