package snapshots_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"storydesk/data/corpus"
	"storydesk/data/importer"
	"storydesk/data/store"
	"storydesk/data/store/snapshots"
	"storydesk/data/store/storetest"
	"storydesk/internal/gencorpus"
	"storydesk/model"
)

// storeCorpusFixture is a store holding Prodigy records imported with no
// file behind them (emoji, CJK, a decomposed accent), and one article
// snapshotted by the UI with its metadata.
func storeCorpusFixture(t *testing.T) (*store.SQLite, []string) {
	t.Helper()
	s := openTestStore(t, filepath.Join(t.TempDir(), "imported.db"))
	lines := []string{
		`{"text":"Zoe\u0301 Ng 👩‍👩‍👧 met 小池百合子 in 東京都.\n\nShe said “we will rebuild”.","_input_hash":42,` +
			`"spans":[{"start":0,"end":7,"label":"person","text":"Zoe\u0301 Ng"},{"start":18,"end":23,"label":"PERSON","text":"小池百合子"},{"start":27,"end":30,"label":"GPE","text":"東京都"}],` +
			`"meta":{"title":"Tokyo visit","source":"Wire","lang":"ja"}}`,
		`{"text":"Nobody gave this one a title. The 𝔘𝔫𝔦𝔬𝔫 of Harbour Workers agreed to talk on Monday.","_input_hash":7,` +
			`"spans":[{"start":34,"end":58,"label":"ORG","text":"𝔘𝔫𝔦𝔬𝔫 of Harbour Workers"}]}`,
	}
	if st, probs := exImport(t, s, strings.Join(lines, "\n"), 500); st.Articles != 2 || len(probs) != 0 {
		t.Fatalf("import: %+v %v", st, probs)
	}
	a := &model.Article{ID: "news/a.txt", Path: "news/a.txt", Title: "Harbour reopens", Source: "Harbour Times",
		URL: "https://example.org/a", Date: "2026-03-02", Text: storyText, Meta: map[string]string{"byline": "Ana Costa"}}
	if _, err := s.Do(ctx, storetest.Tag(a, storetest.SpanOf(t, storyText, "Ilse Varga", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	return s, []string{"news/a.txt", "prodigy:42", "prodigy:7"}
}

func TestStoreCorpusOpensSnapshotsWithTheirSpans(t *testing.T) {
	s, ids := storeCorpusFixture(t)
	c, err := snapshots.Open(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != len(ids) || c.Label() != "imported.db" || len(c.Problems()) != 0 {
		t.Fatalf("len %d label %q problems %v", c.Len(), c.Label(), c.Problems())
	}
	for i, id := range ids {
		if it := c.Item(i); it.ID != id || it.Format != snapshots.Format {
			t.Errorf("item %d: %+v, want id %q", i, it, id)
		}
		a, err := c.Load(i)
		if err != nil {
			t.Fatalf("load %s: %v", id, err)
		}
		doc, ok, err := s.Doc(ctx, id)
		if err != nil || !ok {
			t.Fatalf("doc %s: %v %v", id, ok, err)
		}
		// The article is the snapshot itself: the text the spans point
		// into, unchanged by any cleaner.
		if a.ID != id || a.Text != doc.Text || model.HashText(a.Text) != doc.Hash || a.Raw != a.Text || len(a.Removed) != 0 {
			t.Errorf("%s: the article is not the snapshot:\n%q\n%q", id, a.Text, doc.Text)
		}
		if len(doc.Spans) == 0 {
			t.Errorf("%s: no spans in the fixture", id)
		}
		for _, sp := range doc.Spans {
			if got := model.RuneSlice(a.Text, sp.Start, sp.End); got != sp.Text {
				t.Errorf("%s: span %d–%d slices the loaded text to %q, not %q", id, sp.Start, sp.End, got, sp.Text)
			}
		}
		if a.Words != model.WordCount(doc.Text) || a.Words == 0 {
			t.Errorf("%s: words %d", id, a.Words)
		}
	}
	a, _ := c.Load(0)
	if a.Title != "Harbour reopens" || a.Source != "Harbour Times" || a.URL != "https://example.org/a" || a.Date != "2026-03-02" ||
		a.Path != "news/a.txt" || a.Meta["byline"] != "Ana Costa" {
		t.Errorf("UI snapshot metadata: %+v", a)
	}
	p, _ := c.Load(1)
	if p.Title != "Tokyo visit" || p.Source != "Wire" || p.Meta["lang"] != "ja" || p.Path != "prodigy:42" {
		t.Errorf("imported metadata: %+v", p)
	}
	// No title stored: the first sentence stands in, as for a file.
	if q, _ := c.Load(2); q.Title != "Nobody gave this one a title." {
		t.Errorf("title from the text: %q", q.Title)
	}
	if _, err := c.Load(3); err == nil {
		t.Error("load past the end should fail")
	}
}

func TestStoreCorpusStream(t *testing.T) {
	s, ids := storeCorpusFixture(t)
	c, err := snapshots.Open(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	// After the listing: one article removed, one added. The removed one
	// comes back as a problem, the added one is not in this corpus.
	execSQL(t, s.Path(), `DELETE FROM articles WHERE id = ?`, "prodigy:7")
	extra := &model.Article{ID: "zz-new.txt", Text: storyText}
	if _, err := s.Do(ctx, storetest.Tag(extra, storetest.SpanOf(t, storyText, "Zoë Ng", "PERSON"))); err != nil {
		t.Fatal(err)
	}
	var got []corpus.Result
	batches := 0
	c.Stream(ctx, 4, func(rs []corpus.Result) {
		batches++
		got = append(got, rs...)
	})
	if len(got) != len(ids) {
		t.Fatalf("%d results, want %d: %+v", len(got), len(ids), got)
	}
	for i, r := range got {
		if r.Index != i {
			t.Errorf("result %d has index %d", i, r.Index)
		}
	}
	for _, i := range []int{0, 1} {
		a := got[i].Article
		if a == nil || a.ID != ids[i] || a.HasBody() || a.Words == 0 || a.Title == "" {
			t.Errorf("result %d: %+v %+v", i, a, got[i].Problem)
		}
	}
	if got[1].Article.Title != "Tokyo visit" {
		t.Errorf("title %q", got[1].Article.Title)
	}
	if p := got[2].Problem; got[2].Article != nil || p == nil || p.Path != "prodigy:7" || !strings.Contains(p.Reason, "no longer") {
		t.Errorf("removed article: %+v", got[2])
	}

	// Cancelled: nothing more is emitted.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	n := 0
	c.Stream(cctx, 0, func(rs []corpus.Result) { n += len(rs) })
	if n != 0 {
		t.Errorf("cancelled stream emitted %d", n)
	}

	// An empty store is an empty corpus.
	empty, err := snapshots.Open(ctx, openTestStore(t, filepath.Join(t.TempDir(), "empty.db")))
	if err != nil || empty.Len() != 0 {
		t.Fatalf("empty store: %v %d", err, empty.Len())
	}
	empty.Stream(ctx, 0, func([]corpus.Result) { t.Error("emitted from an empty store") })
}

// A store edited by other tools: controls in the text and metadata never
// come out of the loader.
func TestStoreCorpusSanitizes(t *testing.T) {
	s := openTestStore(t, filepath.Join(t.TempDir(), "h.db"))
	now := time.Now().UTC().Format(time.RFC3339)
	execSQL(t, s.Path(), `INSERT INTO articles(id, text, hash, title, path, source, meta, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
		"evil\x1b]0;x\x07", "Body \x1b[2Jtext here.", "h", "Title \x1b[31mred\u009b1m", "p\x07ath", "Out\x00let", `{"k\u001b":"v\u0007"}`, now, now)
	c, err := snapshots.Open(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	var streamed *model.Article
	c.Stream(ctx, 0, func(rs []corpus.Result) { streamed = rs[0].Article })
	for _, f := range []string{a.Text, a.Raw, a.Title, a.Path, a.Source, c.Item(0).Path, streamed.Title, fmt.Sprint(a.Meta)} {
		if strings.ContainsFunc(f, func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 }) {
			t.Errorf("control character reached the article: %q", f)
		}
	}
}

// BenchmarkStoreCorpus100k lists and streams a store of 100,000 annotated
// snapshots, as `storydesk --db X.db` does on start, reporting the peak Go
// heap (sampled) and the process's peak RSS.
//
//	go test ./data/store -run '^$' -bench StoreCorpus100k -benchtime 1x
func BenchmarkStoreCorpus100k(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	s, err := store.OpenSQLite(storetest.BulkStore(b, dir, n), "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		storetest.ResetHWM()
		peak := storetest.SampleHeap()
		t0 := time.Now()
		c, err := snapshots.Open(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		listed := time.Since(t0)
		read := 0
		c.Stream(ctx, 0, func(rs []corpus.Result) {
			for _, r := range rs {
				if r.Article != nil {
					read++
				}
			}
		})
		heap := peak()
		if read != n {
			b.Fatalf("streamed %d of %d", read, n)
		}
		b.ReportMetric(float64(listed.Milliseconds()), "list-ms")
		b.ReportMetric(heap, "peak-heap-MB")
		if hwm := gencorpus.PeakRSSMB(); hwm > 0 {
			b.ReportMetric(hwm, "VmHWM-MB")
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	runtime.KeepAlive(os.Stdout)
}

var ctx = context.Background()

const storyText = "Mayor Ilse Varga of Port Ellis met the Harbour Board on Monday. “Ça va,” said Zoë Ng 😀 in Kyōto."

func openTestStore(t *testing.T, path string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exImport imports JSON lines into s, as a user does, in batches of batch lines.
func exImport(t *testing.T, s store.Store, input string, batch int) (importer.Stats, []corpus.Problem) {
	t.Helper()
	var probs []corpus.Problem
	st, err := importer.JSONL(ctx, s, strings.NewReader(input), importer.Options{Name: "in.jsonl", Batch: batch, Problem: func(p corpus.Problem) { probs = append(probs, p) }})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return st, probs
}

// execSQL changes the store's file behind its back, as another program
// (or another storydesk) would.
func execSQL(t *testing.T, path, q string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}
