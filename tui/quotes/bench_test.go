package quotes_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/quotes"
)

// BenchmarkCarriersScan is the who-carried-it search over 2,000 distinct
// 800-word articles (loaded from memory, none annotated): the cost of the
// matching per article, reported as articles per second.
func BenchmarkCarriersScan(b *testing.B) {
	var arts []*model.Article
	for i := 0; i < 2000; i++ {
		title, body := gencorpus.Article(rand.New(rand.NewPCG(uint64(i), 9)), 800)
		if i%100 == 0 {
			body += "\n\n“This city has lost its mothers, its fathers and its children in one night,” she said."
		}
		id := fmt.Sprintf("a%04d.txt", i)
		arts = append(arts, &model.Article{ID: id, Path: id, Title: title, Text: body, Raw: body})
	}
	load := func(i int) (*model.Article, error) { return arts[i], nil }
	items := make([]int32, len(arts))
	for i := range items {
		items[i] = int32(i)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		found, err := quotes.ScanCarriers(load, items, "This city has lost its mothers, its fathers and its children in a single night")
		if err != nil {
			b.Fatal(err)
		}
		if found != 20 {
			b.Fatalf("found %d carriers, want 20", found)
		}
	}
	b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
