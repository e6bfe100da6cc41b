package clean

import (
	"math/rand/v2"
	"testing"

	"storydesk/model"
)

// genArticleWords generates a noisy article of about words words.
func genArticleWords(r *rand.Rand, words int) string {
	for paras := max(2, words/45); ; paras += max(1, paras/10) {
		raw, _, _ := genArticle(r, paras)
		if model.WordCount(raw) >= words {
			return raw
		}
	}
}

func BenchmarkClean(b *testing.B) {
	b.Run("600words", func(b *testing.B) {
		r := rand.New(rand.NewPCG(3, 5))
		arts := make([]string, 64)
		total := 0
		for i := range arts {
			arts[i] = genArticleWords(r, 600)
			total += len(arts[i])
		}
		b.SetBytes(int64(total / len(arts)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Clean(arts[i%len(arts)])
		}
	})
	b.Run("20000words", func(b *testing.B) {
		r := rand.New(rand.NewPCG(3, 5))
		raw := genArticleWords(r, 20000)
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			Clean(raw)
		}
	})
}
