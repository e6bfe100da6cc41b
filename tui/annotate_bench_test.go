package tui

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
)

// BenchmarkTagAction measures one tag end to end, as the user sees it: the
// key press, the action committed to a real SQLite store (WAL, synchronous
// FULL: an fsync per commit), the document re-read, the success message
// applied, and the next frame drawn. Each iteration tags the next word of a
// 5,000-word article (moving there is not timed). Besides the mean (ns/op)
// it reports the median of the iterations, which an fsync outlier cannot
// move: run with -benchtime=200x.
func BenchmarkTagAction(b *testing.B) {
	title, body := gencorpus.Article(rand.New(rand.NewPCG(3, 4)), 5000)
	src := &fakeSource{label: "bench", batch: 1}
	src.add("bench.txt", &model.Article{Title: title, Text: body, Raw: body, Words: len(strings.Fields(body))})
	m, _ := startStore(b, src, tempDB(b), 120, 40)
	enterAnnotate(b, m)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		apress(b, m, "w")
		if _, tagged := m.pane().CursorSpan(); tagged {
			b.Fatal("the article ran out of words: use a smaller -benchtime")
		}
		b.StartTimer()
		t0 := time.Now()
		send(b, m, keytest.Key("1"))
		_ = m.View()
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	if !strings.HasPrefix(m.bar.message, "Tagged") || len(m.pane().Spans()) != b.N {
		b.Fatalf("tags not all saved: %q, %d spans for %d", m.bar.message, len(m.pane().Spans()), b.N)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "ns/median-tag")
}

// BenchmarkAnnotateKeypress is one cursor move in annotate mode on a
// 20,000-word article (Update and View), and entering annotate mode on it
// (the wrap of the whole text).
func BenchmarkAnnotateKeypress(b *testing.B) {
	title, body := gencorpus.Article(rand.New(rand.NewPCG(5, 6)), 20_000)
	src := &fakeSource{label: "bench", batch: 1}
	src.add("bench.txt", &model.Article{Title: title, Text: body, Raw: body, Words: len(strings.Fields(body))})
	m, _ := startStore(b, src, tempDB(b), 120, 40)
	enterAnnotate(b, m)
	b.Run("move", func(b *testing.B) {
		keys := []string{"w", "j", "w", "shift+right", "esc", "k"}
		for i := 0; i < b.N; i++ {
			send(b, m, keytest.Key(keys[i%len(keys)]))
			_ = m.View()
		}
	})
	b.Run("enter", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			send(b, m, keytest.Key("esc"))
			send(b, m, keytest.Key("enter"))
			_ = m.View()
		}
	})
}
