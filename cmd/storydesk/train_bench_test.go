package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/internal/gencorpus"
	"storydesk/model/ner"
)

// BenchmarkTrainCommand1000 is `storydesk train --db` on a store of 1,000
// generated 600-word news articles, each annotated with the shipped
// model's suggestions (imported as Prodigy records, so every article
// counts as fully annotated): reading the store, 8 epochs from the
// shipped weights, and saving the model. Building the store is not timed.
func BenchmarkTrainCommand1000(b *testing.B) {
	m, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var lines bytes.Buffer
	r := rand.New(rand.NewPCG(11, 12))
	for range 1000 {
		_, body := gencorpus.Article(r, 600)
		rec := map[string]any{"text": body, "answer": "accept"}
		var spans []map[string]any
		for _, e := range m.Tag(body) {
			spans = append(spans, map[string]any{"start": e.Start, "end": e.End, "label": e.Label})
		}
		rec["spans"] = spans
		j, _ := json.Marshal(rec)
		lines.Write(j)
		lines.WriteByte('\n')
	}
	in := filepath.Join(dir, "gen.jsonl")
	if err := os.WriteFile(in, lines.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, "gen.db")
	var errOut bytes.Buffer
	if err := run([]string{"import", "--db", db, in}, nil, &bytes.Buffer{}, &errOut); err != nil {
		b.Fatalf("import: %v %s", err, errOut.String())
	}
	b.ResetTimer()
	for b.Loop() {
		errOut.Reset()
		if err := run([]string{"train", "--db", db}, nil, &bytes.Buffer{}, &errOut); err != nil {
			b.Fatalf("train: %v %s", err, errOut.String())
		}
	}
	b.StopTimer()
	if !strings.Contains(errOut.String(), "trained on 1000 articles") {
		b.Fatalf("train said %q", errOut.String())
	}
}
