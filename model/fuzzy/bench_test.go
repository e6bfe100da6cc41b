package fuzzy

import (
	"math/rand/v2"
	"strings"
	"testing"

	"storydesk/internal/gencorpus"
)

// BenchmarkScore is one title scored: a contiguous word-start match, a
// scattered one, and a miss.
func BenchmarkScore(b *testing.B) {
	for _, c := range [][2]string{
		{"har", "harbor council approves budget for the new ferry terminal"},
		{"har", "the chamber weighs a new road tax after a long debate"},
		{"hbv", "the chamber weighs a new road tax after a long debate"},
	} {
		b.Run(c[0]+"/"+c[1][:12], func(b *testing.B) {
			for b.Loop() {
				Score(c[0], c[1])
			}
		})
	}
}

// BenchmarkScoreTitles scores generated headlines (lower-cased, as the
// filter holds them): ns/op is one title.
func BenchmarkScoreTitles(b *testing.B) {
	titles := make([]string, 20_000)
	for i := range titles {
		t, _ := gencorpus.Article(rand.New(rand.NewPCG(uint64(i), 7)), 1)
		titles[i] = strings.ToLower(t)
	}
	for _, p := range []string{"k", "har", "vote"} {
		b.Run(p, func(b *testing.B) {
			i := 0
			for b.Loop() {
				Score(p, titles[i%len(titles)])
				i++
			}
		})
	}
}
