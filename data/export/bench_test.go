package export

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
	"storydesk/internal/gencorpus"
)

// BenchmarkExport100k exports a store of 100,000 annotated articles (about
// 1.6 KB of text, 6 entities and 2 quotations each, a labelled pair per 10
// articles) in each format, reporting peak Go heap (sampled) and the
// process's peak resident set (VmHWM, reset before each export). Memory
// should not depend on the number of articles: compare BenchmarkExport10k.
//
//	go test ./data/export -run '^$' -bench 'Export(10|100)k' -benchtime 1x
func BenchmarkExport100k(b *testing.B) { benchExport(b, 100_000) }

// BenchmarkExport10k is the same on a tenth of the articles.
func BenchmarkExport10k(b *testing.B) { benchExport(b, 10_000) }

func benchExport(b *testing.B, n int) {
	dir := b.TempDir()
	t0 := time.Now()
	path := storetest.BulkStore(b, dir, n)
	b.Logf("generated %d articles in %v (%.0f MB)", n, time.Since(t0).Round(time.Millisecond), storetest.FileMB(path))
	s, err := store.OpenSQLite(path, "bench")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(dir, "out-"+format)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				os.RemoveAll(out)
				storetest.ResetHWM()
				// The heap in use before the export (the test binary's own
				// data), against which the peak is read.
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				base := float64(m.HeapInuse) / (1 << 20)
				peak := storetest.SampleHeap()
				st, err := Write(ctx, s, Options{Format: format, Out: out})
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
