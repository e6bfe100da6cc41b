package data

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storydesk/internal/gencorpus"
	"storydesk/model"
)

// BenchmarkExport100k exports a store of 100,000 annotated articles (about
// 1.6 KB of text, 6 entities and 2 quotations each, a labelled pair per 10
// articles) in each format, reporting peak Go heap (sampled) and the
// process's peak resident set (VmHWM, reset before each export). Memory
// should not depend on the number of articles: compare BenchmarkExport10k.
//
//	go test ./data -run '^$' -bench 'Export(10|100)k' -benchtime 1x
func BenchmarkExport100k(b *testing.B) { benchExport(b, 100_000) }

// BenchmarkExport10k is the same on a tenth of the articles.
func BenchmarkExport10k(b *testing.B) { benchExport(b, 10_000) }

func benchExport(b *testing.B, n int) {
	dir := b.TempDir()
	t0 := time.Now()
	path := exBulkStore(b, dir, n)
	b.Logf("generated %d articles in %v (%.0f MB)", n, time.Since(t0).Round(time.Millisecond), fileMB(path))
	s, err := OpenStore(path, "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, format := range ExportFormats {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(dir, "out-"+format)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				os.RemoveAll(out)
				resetHWM()
				// The heap in use before the export (the test binary's own
				// data), against which the peak is read.
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				base := float64(m.HeapInuse) / (1 << 20)
				peak := sampleHeap()
				st, err := Export(ctx, s, ExportOptions{Format: format, Out: out})
				heap := peak()
				if err != nil {
					b.Fatal(err)
				}
				if st.Articles != n {
					b.Fatalf("exported %d articles, want %d", st.Articles, n)
				}
				b.ReportMetric(heap, "peak-heap-MB")
				b.ReportMetric(base, "base-heap-MB")
				if hwm := gencorpus.PeakRSSMB(); hwm > 0 {
					b.ReportMetric(hwm, "VmHWM-MB")
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// exBulkStore writes n annotated articles straight into a new store in one
// transaction (a test helper: the UI's path is one transaction per action).
func exBulkStore(b testing.TB, dir string, n int) string {
	path := filepath.Join(dir, "bulk.db")
	s, err := OpenStore(path, "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tx, err := s.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	prep := func(q string) *sql.Stmt {
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	art := prep(`INSERT INTO articles(id, text, hash, title, path, source, url, date, status, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`)
	span := prep(`INSERT INTO spans(article_id, start, "end", label, text, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`)
	quote := prep(`INSERT INTO quotes(article_id, start, "end", text, speaker, speaker_span, kind, status, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	pair := prep(`INSERT INTO dup_labels(a, b, label, created_at) VALUES (?,?,?,?)`)
	now := time.Now().UTC().Format(time.RFC3339)
	statuses := []string{"new", "in-progress", "done"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("wire/%06d.txt", i)
		text, ents, quotes := benchArticle(i)
		if _, err := art.Exec(id, text, model.HashText(text), "Story "+strconv.Itoa(i), id, "Outlet "+strconv.Itoa(i%40),
			"https://example.org/"+strconv.Itoa(i), "2026-01-02", statuses[i%3], "bench", now, now); err != nil {
			b.Fatal(err)
		}
		var speaker int64
		for k, e := range ents {
			res, err := span.Exec(id, e.Start, e.End, e.Label, e.Text, "bench", now, now)
			if err != nil {
				b.Fatal(err)
			}
			if k == 0 {
				speaker, _ = res.LastInsertId()
			}
		}
		for _, q := range quotes {
			if _, err := quote.Exec(id, q.Start, q.End, q.Text, "Mara Okafor", speaker, "direct", "accepted", "bench", now, now); err != nil {
				b.Fatal(err)
			}
		}
		if i%10 == 1 {
			if _, err := pair.Exec(fmt.Sprintf("wire/%06d.txt", i-1), id, "near-duplicate", now); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchArticle builds article i: eight paragraphs with names, places, a
// quotation, an emoji and accented text, and the spans over them.
func benchArticle(i int) (string, []model.Span, []model.QuoteAnn) {
	var sb strings.Builder
	var ents []model.Span
	var quotes []model.QuoteAnn
	pos := 0
	write := func(s string) {
		sb.WriteString(s)
		pos += model.RuneLen(s)
	}
	tagged := func(s, label string) {
		ents = append(ents, model.Span{Start: pos, End: pos + model.RuneLen(s), Label: label, Text: s})
		write(s)
	}
	for p := 0; p < 8; p++ {
		switch p {
		case 0:
			write("PORT ELLIS — ")
			tagged("Mara Okafor", "PERSON")
			write(fmt.Sprintf(" told reporters on day %d that the strike at the harbour would end, after talks with ", i%300))
			tagged("the Harbour Board", "ORG")
			write(" that ran late into the night in the old customs house.\n\n")
		case 2:
			write("“")
			q := fmt.Sprintf("We have what we came for, and %d families can go back to work", 100+i%900)
			quotes = append(quotes, model.QuoteAnn{Start: pos, End: pos + model.RuneLen(q), Text: q})
			write(q)
			write(",” she said, standing beside union colleagues from ")
			tagged("Kyōto", "GPE")
			write(" and ")
			tagged("Zoë Ng", "PERSON")
			write(" 👩‍👩‍👧.\n\n")
		case 5:
			write("Shipping companies said the first vessels would be unloaded on ")
			tagged("Tuesday", "DATE")
			write(" morning, and that the backlog of containers would take weeks to clear.\n\n")
		case 6:
			write("“")
			q := "It is a fair deal for everyone on the quay"
			quotes = append(quotes, model.QuoteAnn{Start: pos, End: pos + model.RuneLen(q), Text: q})
			write(q)
			write(",” said a spokesperson for ")
			tagged("Ellis Freight", "ORG")
			write(".\n\n")
		default:
			write("The dispute began over pay and the use of automated cranes at the new terminal, which the union said would cost hundreds of jobs over five years; management said no jobs would be lost. ")
			write(fmt.Sprintf("Paragraph %d of report %d.\n\n", p, i))
		}
	}
	return strings.TrimSuffix(sb.String(), "\n\n"), ents, quotes
}

func fileMB(path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(fi.Size()) / (1 << 20)
}

// sampleHeap polls the Go heap until the returned function is called, which
// gives the highest HeapInuse seen, in MB.
func sampleHeap() func() float64 {
	var mu sync.Mutex
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	read := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peak = max(peak, m.HeapInuse)
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() float64 {
		read()
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		return float64(peak) / (1 << 20)
	}
}

// resetHWM resets the kernel's peak-RSS counter (Linux; ignored elsewhere),
// so VmHWM measures the export alone, not the store generation before it.
func resetHWM() {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// BenchmarkImport10k imports the jsonl export of 10,000 annotated articles
// into a fresh store.
//
//	go test ./data -run '^$' -bench Import10k -benchtime 1x
func BenchmarkImport10k(b *testing.B) {
	const n = 10_000
	dir := b.TempDir()
	s, err := OpenStore(exBulkStore(b, dir, n), "bench")
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(dir, "in.jsonl")
	if _, err := Export(ctx, s, ExportOptions{Format: FormatJSONL, Out: in}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst, err := OpenStore(filepath.Join(dir, fmt.Sprintf("dst%d.db", i)), "bench")
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(in)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := Import(ctx, dst, f, ImportOptions{Name: "in.jsonl"})
		b.StopTimer()
		f.Close()
		dst.Close()
		if err != nil || st.Articles != n || st.Failed != 0 {
			b.Fatalf("import: %v %+v", err, st)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
