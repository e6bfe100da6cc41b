package clean

import (
	"math/rand/v2"
	"testing"

	"storydesk/model"
)

// FuzzCleanIdempotent: cleaning what the cleaner kept keeps it all — a
// second pass (an export cleaned again, a corpus of cleaned text) removes
// nothing more. Seeds: generated articles and pages, and the real-shaped
// inputs in testdata/fuzz/FuzzCleanIdempotent.
func FuzzCleanIdempotent(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		raw, _, _ := genArticle(r, 4)
		f.Add(raw)
	}
	for range 2 {
		f.Add(genPage(r).raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		raw = model.Sanitize(raw)
		once := Clean(raw)
		twice := Clean(once.Text)
		if twice.Text != once.Text {
			t.Fatalf("a second pass changed the text:\nraw   %q\nonce  %q\ntwice %q", raw, once.Text, twice.Text)
		}
	})
}
