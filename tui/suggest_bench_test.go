package tui

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/ner"
	"storydesk/tui/internal/keytest"
)

// BenchmarkSuggestionsOnOpen is the time from the key that opens the next
// 600-word article in annotate mode (]) to the frame that shows its
// entity suggestions: the article read, annotate mode left and entered
// again, the store asked for its annotations, the text tagged in a
// command, and the frame drawn. Two generated articles alternate, so
// every open tags afresh. Besides the mean it reports the median.
func BenchmarkSuggestionsOnOpen(b *testing.B) {
	if _, err := ner.Load(); err != nil {
		b.Fatal(err)
	}
	src := &fakeSource{label: "bench", batch: 1}
	r := rand.New(rand.NewPCG(7, 8))
	for _, id := range []string{"a.txt", "b.txt"} {
		title, body := gencorpus.Article(r, 600)
		src.add(id, &model.Article{Title: title, Text: body, Raw: body, Words: len(strings.Fields(body))})
	}
	st := openStore(b, tempDB(b))
	m := NewFromSource(src, Options{NoColor: true, Workers: 1, Store: st, Annotator: "bench", saveDelay: time.Millisecond, Suggest: true})
	send(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(b, m, m.Init())
	enterAnnotate(b, m)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := "]"
		if i%2 == 1 {
			key = "["
		}
		t0 := time.Now()
		send(b, m, keytest.Key(key))
		_ = m.View()
		times = append(times, time.Since(t0))
		b.StopTimer()
		if !m.annotating() || len(suggestions(m)) == 0 {
			b.Fatalf("no suggestions on screen after %s: annotating %v, %q", key, m.annotating(), m.bar.message)
		}
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds())/1e6, "ms/median-open")
}
