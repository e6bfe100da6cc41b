package ner_test

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"storydesk/model"
	"storydesk/model/ner"
)

// genArticles makes n news-like articles of about words words each by
// joining the fixtures' paragraphs in a seeded random order, with their
// gold spans (so they can be trained on too).
func genArticles(t testing.TB, n, words int) []ner.Doc {
	fx := readFixtures(t)
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	out := make([]ner.Doc, 0, n)
	for range n {
		var b strings.Builder
		var spans []model.Span
		cp, w := 0, 0
		for w < words {
			d := fx[rng.IntN(len(fx))]
			if b.Len() > 0 {
				b.WriteString("\n\n")
				cp += 2
			}
			for _, sp := range d.Spans {
				sp.Start += cp
				sp.End += cp
				spans = append(spans, sp)
			}
			b.WriteString(d.Text)
			cp += model.RuneLen(d.Text)
			w += len(strings.Fields(d.Text))
		}
		out = append(out, ner.Doc{Text: b.String(), Spans: spans, Complete: true})
	}
	return out
}

func countAllTokens(docs []ner.Doc) int {
	n := 0
	for _, d := range docs {
		n += len(ner.Tokenize(d.Text))
	}
	return n
}

// BenchmarkTag tags 600-word articles; tokens/s is per core.
func BenchmarkTag(b *testing.B) {
	m, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	docs := genArticles(b, 50, 600)
	tokens := countAllTokens(docs)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			m.Tag(d.Text)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/article")
}

// BenchmarkTokenize cuts the same articles into tokens.
func BenchmarkTokenize(b *testing.B) {
	docs := genArticles(b, 50, 600)
	tokens := countAllTokens(docs)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			ner.Tokenize(d.Text)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad decodes the shipped weights file, as Load does once.
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile("weights.bin")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ner.Unmarshal(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "file-bytes")
}

// BenchmarkUpdate50 teaches a clone of the shipped model 50 annotated
// 600-word articles at once (the reader updates every few dozen decisions,
// which touch far fewer articles).
func BenchmarkUpdate50(b *testing.B) {
	base, _ := ner.Load()
	docs := genArticles(b, 50, 600)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m := base.Clone()
		b.StartTimer()
		if err := m.Update(docs...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrain1000Articles trains on 1,000 generated 600-word articles,
// continuing from the shipped weights, as `storydesk train` would.
func BenchmarkTrain1000Articles(b *testing.B) {
	base, _ := ner.Load()
	docs := genArticles(b, 1000, 600)
	b.ResetTimer()
	for b.Loop() {
		if _, err := ner.Train(docs, ner.TrainOptions{Base: base, Epochs: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainShared trains the shipped model from the shared data (as
// go run ./internal/nertrain does), skipping when the data is absent.
func BenchmarkTrainShared(b *testing.B) {
	c := sharedCorpus(b)
	opts := ner.ShippedOptions
	opts.Calibrate = c.Calibrate
	b.ResetTimer()
	for b.Loop() {
		if _, err := ner.Train(c.Train, opts); err != nil {
			b.Fatal(err)
		}
	}
}
