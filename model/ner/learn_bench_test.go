package ner_test

import (
	"testing"

	"storydesk/model/ner"
)

// BenchmarkReaderLearnRun is one of the reader's background learning runs
// (tui/annotate, every 25 decisions): clone the model in use and Update it
// with the few articles the decisions touched (here three 600-word
// articles, as work in progress: spans only), then Marshal it for the
// store. The model suggesting meanwhile is untouched.
func BenchmarkReaderLearnRun(b *testing.B) {
	base, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	docs := genArticles(b, 3, 600)
	for i := range docs {
		docs[i].Complete = false
	}
	for b.Loop() {
		m := base.Clone()
		if err := m.Update(docs...); err != nil {
			b.Fatal(err)
		}
		if _, err := m.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}
