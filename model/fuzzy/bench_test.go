package fuzzy

import "testing"

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
