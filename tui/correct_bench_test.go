package tui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storydesk/data/corpus"
	"storydesk/data/store"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
)

// BenchmarkCorrectToggle is t in the raw view, end to end: the correction
// worked out (the article cleaned again, the tags moved), committed with the
// moves to a real SQLite store, the article loaded and laid out again, the
// next frame drawn. Each iteration flips the caption at the top (kept, then
// back to the cleaner), so every tag moves: the worst place.
func BenchmarkCorrectToggle(b *testing.B) {
	b.Run("600-words-20-tags", func(b *testing.B) { benchCorrectToggle(b, 600, 20) })
	b.Run("20k-words-300-tags", func(b *testing.B) { benchCorrectToggle(b, 20_000, 300) })
}

func benchCorrectToggle(b *testing.B, words, tags int) {
	_, body := gencorpus.Article(rand.New(rand.NewPCG(7, 8)), words)
	raw := "Photo: Harbour workers at dawn. (Harbour Gazette)\n\n" + body
	dir := filepath.Join(b.TempDir(), "news")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(raw), 0o644); err != nil {
		b.Fatal(err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	a, err := c.Load(0)
	if err != nil {
		b.Fatal(err)
	}
	// Tag words spread over the article.
	every := max(1, words/tags)
	path := tempDB(b)
	st := openStore(b, path)
	var ops []store.Op
	off := 0
	rs := []rune(a.Text)
	for i, w := range strings.Fields(a.Text) {
		s := off
		for string(rs[s:s+len([]rune(w))]) != w {
			s++
		}
		off = s + len([]rune(w))
		if i%every == 0 && len(ops) < tags {
			ops = append(ops, store.Op{Kind: store.OpAddSpan, Article: a.ID, Span: model.Span{Start: s, End: off, Label: "MISC", Text: w}})
		}
	}
	if _, err := st.Do(ctx(), store.Action{Name: "seed", Article: a, Ops: ops}); err != nil {
		b.Fatal(err)
	}
	st.Close()

	m, _ := startCorpusB(b, dir, path)
	press(b, m, "enter", "r", "g")
	if p, ok := rawCursorText(m); !ok || !strings.HasPrefix(p, "Photo:") {
		b.Fatal("the cursor is not on the caption")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		send(b, m, keytest.Key("t"))
		_ = m.View()
	}
	b.StopTimer()
	if isAsking(m) || !strings.Contains(m.bar.message, fmt.Sprintf("%d annotations re-anchored", len(ops))) {
		b.Fatalf("message %q", m.bar.message)
	}
}

func startCorpusB(b *testing.B, dir, path string) (*Model, *store.SQLite) {
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	st := openStore(b, path)
	m := New(c, Options{NoColor: true, Workers: 1, Store: st, Annotator: "bench"})
	send(b, m, teaSize(120, 40))
	drive(b, m, m.Init())
	return m, st
}
