package tui

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
	"storydesk/tui/layout"
)

// BenchmarkTagLatency is one tag as the user waits for it, on an article
// that already has 10 or 5,000 tags: the key press, the action committed
// to a real SQLite store (WAL, synchronous FULL), the reader's state
// brought up to date (cache, pane, status message) and the next frame
// drawn (reported apart: median-tag is up to the state updated,
// median-tag+frame adds the frame; median-bare-commit is a one-row write
// on the same store, the floor). The article (12,000 words) has every other word tagged up to the
// count; each iteration tags the next untagged word (moving there is not
// timed). It reports the median, which an fsync outlier cannot move: run
// with -benchtime=200x.
func BenchmarkTagLatency(b *testing.B) {
	for _, n := range []int{10, 5000} {
		b.Run(fmt.Sprintf("tags=%d", n), func(b *testing.B) { benchTagLatency(b, n) })
	}
}

func benchTagLatency(b *testing.B, tags int) {
	title, body := gencorpus.Article(rand.New(rand.NewPCG(3, 4)), 12_000)
	src := &fakeSource{label: "bench", batch: 1}
	art := &model.Article{Title: title, Text: body, Raw: body, Words: len(strings.Fields(body))}
	src.add("bench.txt", art)
	path := tempDB(b)
	seedTags(b, path, art, tags)
	m, st := startStore(b, src, path, 120, 40)
	enterAnnotate(b, m)
	if got := len(m.pane().Spans()); got != tags {
		b.Fatalf("%d spans on screen, seeded %d", got, tags)
	}
	times := make([]time.Duration, 0, b.N)
	frames := make([]time.Duration, 0, b.N)
	commits := make([]time.Duration, 0, b.N)
	refused := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for {
			if _, tagged := m.pane().CursorSpan(); !tagged {
				break
			}
			before := m.pane().CursorOffset()
			apress(b, m, "w")
			if m.pane().CursorOffset() == before {
				b.Fatal("the article ran out of words: use a smaller -benchtime")
			}
		}
		// The floor: one bare commit (a one-row write) on the same store.
		t0 := time.Now()
		if err := st.SetState(ctx(), "bench", fmt.Sprint(i)); err != nil {
			b.Fatal(err)
		}
		commits = append(commits, time.Since(t0))
		b.StartTimer()
		t0 = time.Now()
		send(b, m, keytest.Key("1"))
		d := time.Since(t0)
		_ = m.View()
		df := time.Since(t0)
		if strings.HasPrefix(m.bar.message, "Cannot tag") {
			// The word under the cursor overlaps a seeded span that starts
			// before it ("€3" seeded, "3" reached): refused, not a tag.
			refused++
			apress(b, m, "w")
			continue
		}
		times = append(times, d)
		frames = append(frames, df)
	}
	b.StopTimer()
	if len(m.pane().Spans()) != tags+len(times) || refused > b.N/10 {
		b.Fatalf("tags not all saved: %q, %d spans for %d (%d refused)", m.bar.message, len(m.pane().Spans()), tags+len(times), refused)
	}
	b.ReportMetric(median(times), "ns/median-tag")
	b.ReportMetric(median(frames), "ns/median-tag+frame")
	b.ReportMetric(median(commits), "ns/median-bare-commit")
}

func median(ds []time.Duration) float64 {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)/2].Nanoseconds())
}

// seedTags stores art with every other word tagged PERSON, n in all, in
// one action.
func seedTags(b *testing.B, path string, art *model.Article, n int) {
	b.Helper()
	st, err := store.OpenSQLite(path, "tester")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rs := []rune(art.Text)
	var ops []store.Op
	k := 0
	for _, t := range layout.Wrap(art.Text, 100).Tokens {
		if !t.Word {
			continue
		}
		if k%2 == 1 && len(ops) < n {
			sp := model.Span{Start: t.Start, End: t.End, Label: "PERSON", Text: string(rs[t.Start:t.End])}
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: art.ID, Span: sp})
		}
		k++
	}
	if len(ops) < n {
		b.Fatalf("only %d words to tag", len(ops))
	}
	ops = append(ops, store.Op{Kind: store.OpSetStatus, Article: art.ID, Status: model.StatusInProgress})
	if _, err := st.Do(ctx(), store.Action{Name: "seed", Article: art, Ops: ops}); err != nil {
		b.Fatal(err)
	}
}
