// Package storetest makes annotation stores for tests and benchmarks: the
// small store the export and import tests share (Fixture), a large one
// filled through the store's bulk writer (BulkStore, of Article i), and the
// memory figures benchmarks report. It uses the store's API only, as the
// reader and the importers do.
package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"storydesk/data/store"
	"storydesk/model"
)

// BulkStore writes n annotated articles into a new SQLite store at
// dir/bulk.db in one bulk write (a test helper: the UI's path is one
// transaction per action) and returns its path. Article i (see Article) is
// "wire/%06d.txt" from outlet i%40 with status new, in-progress or done in
// turn; its first entity speaks both quotations; every tenth article is
// labelled a near-duplicate of the one before.
func BulkStore(tb testing.TB, dir string, n int) string {
	tb.Helper()
	path := filepath.Join(dir, "bulk.db")
	s, err := store.OpenSQLite(path, "bench")
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	tx, err := s.BeginImport(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	statuses := []model.Status{model.StatusNew, model.StatusInProgress, model.StatusDone}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("wire/%06d.txt", i)
		text, ents, quotes := Article(i)
		a := &model.Article{ID: id, Text: text, Title: "Story " + strconv.Itoa(i), Path: id, Source: "Outlet " + strconv.Itoa(i%40),
			URL: "https://example.org/" + strconv.Itoa(i), Date: "2026-01-02", Meta: map[string]string{}}
		if err := tx.AddArticle(ctx, a, ""); err != nil {
			tb.Fatal(err)
		}
		if st := statuses[i%3]; st != model.StatusNew {
			if err := tx.Apply(ctx, &store.Op{Kind: store.OpSetStatus, Article: id, Status: st}); err != nil {
				tb.Fatal(err)
			}
		}
		var speaker int64
		for k, e := range ents {
			sid, err := tx.AddSpan(ctx, id, e)
			if err != nil {
				tb.Fatal(err)
			}
			if k == 0 {
				speaker = sid
			}
		}
		for _, q := range quotes {
			q.Speaker, q.SpeakerSpan, q.Kind, q.Status = "Mara Okafor", speaker, model.QuoteDirect, model.QuoteAccepted
			if _, err := tx.AddQuote(ctx, id, q); err != nil {
				tb.Fatal(err)
			}
		}
		if i%10 == 1 {
			op := store.Op{Kind: store.OpSetDupLabel, A: fmt.Sprintf("wire/%06d.txt", i-1), B: id, DupLabel: model.LabelNearDup}
			if err := tx.Apply(ctx, &op); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Article is article i of BulkStore: eight paragraphs with names, places, a
// quotation, an emoji and accented text, and the spans over them.
func Article(i int) (string, []model.Span, []model.QuoteAnn) {
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

// FileMB is the size of the file at path in MB (0 when it cannot be read).
func FileMB(path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(fi.Size()) / (1 << 20)
}

// SampleHeap polls the Go heap until the returned function is called, which
// gives the highest HeapInuse seen, in MB.
func SampleHeap() func() float64 {
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

// ResetHWM resets the kernel's peak-RSS counter (Linux; ignored elsewhere),
// so VmHWM measures the export alone, not the store generation before it.
func ResetHWM() {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
