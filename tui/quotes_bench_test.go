package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
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
		send(b, m, keytest.Key("n"))
		_ = m.View()
	}
}
