package tui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"storydesk/data/corpus"
	"storydesk/internal/gencorpus"
	"storydesk/model"
	"storydesk/tui/internal/keytest"
)

// benchSource is n items with generated headlines; items 0 and 1 load as
// the same long article, the others not at all (errBenchUnread).
type benchSource struct {
	items   []corpus.Item
	metas   []*model.Article
	article *model.Article
}

func newBenchSource(n, articleWords int) *benchSource {
	s := &benchSource{items: make([]corpus.Item, n), metas: make([]*model.Article, n)}
	outlets := []string{"Harbor Tribune", "Daily Ledger", "Northern Courier", "Veridia Today", "The Morning Wire"}
	for i := range s.items {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		title, _ := gencorpus.Article(r, 1)
		path := fmt.Sprintf("corpus/%03d/%06d.txt", i/1000, i)
		s.items[i] = corpus.Item{ID: path, Path: path, Format: "txt"}
		s.metas[i] = &model.Article{ID: path, Path: path, Title: title, Source: outlets[i%len(outlets)], Words: 300 + i%900,
			Date: fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)}
	}
	title, body := gencorpus.Article(rand.New(rand.NewPCG(1, 2)), articleWords)
	s.article = &model.Article{Title: title, Source: "Harbor Tribune", Byline: "Ilse Varga", Date: "2026-03-01",
		Path: "corpus/000/000000.txt", Raw: body, Text: body, Words: len(strings.Fields(body))}
	return s
}

func (s *benchSource) Label() string              { return "bench" }
func (s *benchSource) Len() int                   { return len(s.items) }
func (s *benchSource) Item(i int) corpus.Item     { return s.items[i] }
func (s *benchSource) Problems() []corpus.Problem { return nil }
func (s *benchSource) Load(i int) (*model.Article, error) {
	if i < 2 {
		return s.article, nil
	}
	return nil, errBenchUnread
}

// errBenchUnread: only items 0 and 1 are ever opened; the others fail to
// load so that grouping, which reads and compares every article in the
// background once the list is read (minutes of both cores at 100k on
// this generator's look-alike texts), is over before anything is timed.
var errBenchUnread = errors.New("bench: not loaded")

func (s *benchSource) Stream(ctx context.Context, workers int, emit func([]corpus.Result)) {
	for i := 0; i < len(s.metas); i += 1024 {
		batch := make([]corpus.Result, 0, 1024)
		for j := i; j < min(i+1024, len(s.metas)); j++ {
			batch = append(batch, corpus.Result{Index: j, Article: s.metas[j]})
		}
		emit(batch)
	}
}

// benchModel is a 120×40 reader over 100,000 read items with a 20,000-word
// article loaded and rendered for the first two items.
func benchModel(b *testing.B) *Model {
	b.Helper()
	src := newBenchSource(100_000, 20_000)
	m := start(b, src, 120, 40)
	press(b, m, "j", "k") // render (and cache) items 1 and 0
	if !m.br.Showing() || m.br.Loading() || !m.br.Row(99_999).Read {
		b.Fatal("bench model not ready")
	}
	if w := m.shownArticle().Words; w < 19_000 {
		b.Fatalf("article has %d words", w)
	}
	return m
}

// BenchmarkKeypress100k measures one key press (Update + View) with 100k
// items and a 20k-word article on screen: j/k in the list (switching between
// two cached renders) and j in the article itself.
func BenchmarkKeypress100k(b *testing.B) {
	m := benchModel(b)
	b.Run("list", func(b *testing.B) {
		keys := []tea.Msg{keytest.Key("j"), keytest.Key("k")}
		i := 0
		for b.Loop() {
			m.Update(keys[i%2])
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
	})
}

// BenchmarkFilterKeystroke100k measures typing one more character into the
// filter over 100k items: the key's Update, the scan command it returns,
// applying the result, and the next frame. "narrow" extends a query (the scan
// only rechecks the previous matches); "first" is the first letter (every
// item is scanned).
func BenchmarkFilterKeystroke100k(b *testing.B) {
	m := benchModel(b)
	press(b, m, "/")
	run := func(b *testing.B, prefix string, next rune) {
		b.Helper()
		typeText(b, m, prefix)
		msg := tea.KeyPressMsg{Code: next, Text: string(next)}
		rows := 0
		var cpu time.Duration
		for b.Loop() {
			cpu0 := cpuTime()
			_, cmd := m.Update(msg)
			drive(b, m, cmd)
			_ = m.View()
			cpu += cpuTime() - cpu0
			b.StopTimer()
			rows = len(m.br.Visible())
			// Back to the prefix, its result the base of the next scan.
			press(b, m, "backspace")
			b.StartTimer()
		}
		b.ReportMetric(float64(rows), "rows")
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
		press(b, m, "ctrl+u") // an empty query for the next run (-count)
	}
	b.Run("first", func(b *testing.B) { run(b, "", 'k') })
	b.Run("narrow", func(b *testing.B) { run(b, "karvi", 'k') })
	// Field filters never narrow: every keystroke scans all 100k items.
	b.Run("fields", func(b *testing.B) { run(b, "outlet:wire date:2026-03..2026-0", '6') })
	b.Run("fuzzy+field", func(b *testing.B) { run(b, "date:2026-03.. ha", 'r') })
}

// BenchmarkFirstFrame100k measures corpus.Open on a generated 100k-file
// directory through to the first frame with rows on screen.
func BenchmarkFirstFrame100k(b *testing.B) {
	dir := b.TempDir()
	if err := gencorpus.WriteDir(dir, 100_000, 60, 1); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := corpus.Open([]string{dir}, nil)
		if err != nil {
			b.Fatal(err)
		}
		m := New(c, Options{NoColor: true})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if v := m.View().Content; !strings.Contains(v, "000000") || !strings.Contains(v, "/100000") {
			b.Fatalf("no rows on the first frame:\n%s", v)
		}
	}
}
