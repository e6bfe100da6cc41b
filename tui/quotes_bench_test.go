package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/model/quote"
)

// BenchmarkQuotesKeypress is n (the next quotation) in quotes mode on a
// 20,000-word article, Update and View: the quotations merged, highlighted
// and listed every frame.
func BenchmarkQuotesKeypress(b *testing.B) {
	title, body := gencorpus.Article(rand.New(rand.NewPCG(5, 6)), 20_000)
	body += "\n\n“This city has lost its mothers, its fathers and its children in a single night,” Mayor Ilse Varga said."
	src := &fakeSource{label: "bench", batch: 1}
	src.add("bench.txt", &model.Article{Title: title, Text: body, Raw: body, Words: len(strings.Fields(body))})
	m, _ := startStore(b, src, tempDB(b), 120, 40)
	openQuotes(b, m, "bench.txt")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		send(b, m, akey("n"))
		_ = m.View()
	}
}

// BenchmarkCarriersScan is the who-carried-it search over 2,000 distinct
// 800-word articles (loaded from memory, none annotated): the cost of the
// matching per article, reported as articles per second.
func BenchmarkCarriersScan(b *testing.B) {
	src := &fakeSource{label: "bench", batch: 64}
	for i := 0; i < 2000; i++ {
		title, body := gencorpus.Article(rand.New(rand.NewPCG(uint64(i), 9)), 800)
		if i%100 == 0 {
			body += "\n\n“This city has lost its mothers, its fathers and its children in one night,” she said."
		}
		src.add(fmt.Sprintf("a%04d.txt", i), &model.Article{Title: title, Text: body, Raw: body})
	}
	items := make([]int32, len(src.arts))
	for i := range items {
		items[i] = int32(i)
	}
	qm := quote.NewMatcher("This city has lost its mothers, its fathers and its children in a single night")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := &quoteScan{from: "none", ch: make(chan tea.Msg, 1)}
		if err := scanCarriers(context.Background(), src, nil, items, nil, qm, s); err != nil {
			b.Fatal(err)
		}
		if len(s.found) != 20 {
			b.Fatalf("found %d carriers, want 20", len(s.found))
		}
	}
	b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
