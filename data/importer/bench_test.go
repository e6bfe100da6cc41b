package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"storydesk/data/export"

	"storydesk/data/store"
	"storydesk/data/store/storetest"
)

// BenchmarkImport10k imports the jsonl export of 10,000 annotated articles
// into a fresh store.
//
//	go test ./data/importer -run '^$' -bench Import10k -benchtime 1x
func BenchmarkImport10k(b *testing.B) {
	const n = 10_000
	dir := b.TempDir()
	s, err := store.OpenSQLite(storetest.BulkStore(b, dir, n), "bench")
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(dir, "in.jsonl")
	if _, err := export.Write(ctx, s, export.Options{Format: export.FormatJSONL, Out: in}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst, err := store.OpenSQLite(filepath.Join(dir, fmt.Sprintf("dst%d.db", i)), "bench")
		if err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(in)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := JSONL(ctx, dst, f, Options{Name: "in.jsonl"})
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
