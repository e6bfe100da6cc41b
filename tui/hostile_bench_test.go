package tui

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
	"storydesk/tui/internal/keytest"
)

// writeHugeArticle writes an article of about size bytes (generated news
// paragraphs under one headline) to dir/name.
func writeHugeArticle(tb testing.TB, dir, name string, size int) string {
	tb.Helper()
	var b strings.Builder
	b.Grow(size + 64<<10)
	b.WriteString("A very long article that should still open\n\n")
	r := rand.New(rand.NewPCG(50, 1))
	for b.Len() < size {
		_, body := gencorpus.Article(r, 2000)
		b.WriteString(body)
		b.WriteString("\n\n")
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkFrame50MB measures one key press (Update + View) with a 50 MB
// article loaded and rendered: j in the article (scrolls one line) and j/k in
// the list (between the huge article and a small one, both rendered and
// cached). Setting up reports how long the app takes to get the huge
// article on screen (Load, clean, glamour) and the process's peak memory:
//
//	go test ./tui -run '^$' -bench Frame50MB -benchtime=200x
func BenchmarkFrame50MB(b *testing.B) {
	dir := b.TempDir()
	writeHugeArticle(b, dir, "a-huge.txt", 50<<20)
	if err := os.WriteFile(filepath.Join(dir, "b-small.txt"), []byte("A small one\n\nHarbour workers voted on Monday to end the strike.\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	c, err := corpus.Open([]string{dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	m := New(c, Options{NoColor: true, Workers: 1})
	start := time.Now()
	send(b, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(b, m, m.Init()) // lists, loads item 0, renders it: returns once all is done
	onScreen := time.Since(start)
	if !m.br.Showing() || m.shownArticle() == nil || len(m.shownArticle().Text) < 40<<20 {
		b.Fatalf("the huge article is not on screen:\n%s", plain(m))
	}
	lines := strings.Count(m.shownArticle().Text, "\n") + 1
	press(b, m, "j", "k") // render (and cache) the small one, come back
	// A parent benchmark's own metrics are not printed: log the setup.
	b.Logf("50 MB article on screen after %.1f s (%d lines of text)", onScreen.Seconds(), lines)

	b.Run("list", func(b *testing.B) {
		keys := []tea.Msg{keytest.Key("j"), keytest.Key("k")}
		i := 0
		for b.Loop() {
			_, cmd := m.Update(keys[i%2])
			drive(b, m, cmd)
			_ = m.View()
			i++
		}
	})
	press(b, m, "tab")
	b.Run("article", func(b *testing.B) {
		j, g := keytest.Key("j"), keytest.Key("g")
		for b.Loop() {
			if m.br.Percent() == 100 {
				m.Update(g)
			}
			m.Update(j)
			_ = m.View()
		}
		b.ReportMetric(gencorpus.PeakRSSMB(), "MB-peak-rss")
	})
	m.br.Stop()
}
